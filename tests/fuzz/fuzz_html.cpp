// fuzz/fuzz_html.cpp - HTML extraction on any (valid UTF-8) page
#include <cstdint>
#include <string>

#include "extract/extract.hpp"
#include "fuzz_common.hpp"
#include "narrate/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string html =
      narrate::fuzz::valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    narrate::extract::extract_html(html);
  } catch (const narrate::Error&) {
    // A page past the markup cap is refused with a message.
  }
  return 0;
}
