// fuzz/fuzz_copied_text.cpp - cleaning text copied from a web page
#include <cstdint>
#include <string>

#include "extract/extract.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text =
      narrate::fuzz::valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  narrate::extract::clean_copied_text(text);
  return 0;
}
