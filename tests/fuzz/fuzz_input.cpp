// fuzz/fuzz_input.cpp - input decoding and type sniffing on any bytes
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "input/load.hpp"
#include "narrate/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace narrate;
  const fuzz::Split in = fuzz::split_first(data, size);
  static const char* const kDeclared[] = {"",           "utf-8",     "windows-1252",
                                          "iso-8859-1", "shift_jis", "utf-16le",
                                          "gb18030",    "koi8-r",    "nonsense-charset"};
  const MediaType type = (in.choice & 3) == 0   ? MediaType::Html
                         : (in.choice & 3) == 1 ? MediaType::Text
                                                : MediaType::Unknown;
  const char* declared = kDeclared[(in.choice >> 2) % (sizeof kDeclared / sizeof *kDeclared)];
  input::sniff_media_type(in.rest, "page.html", "");
  input::sniff_media_type(in.rest, "", "text/plain; charset=utf-8");
  input::detail::charset_of_html_meta(in.rest);
  input::detail::charset_of_content_type(in.rest);
  try {
    std::string charset;
    const std::string text = input::decode_to_utf8(in.rest, type, declared, charset);
    input::sniff_media_type(text, "", "");
  } catch (const Error&) {
    // Binary or undecodable input is refused with a message: that is the contract.
  }
  return 0;
}
