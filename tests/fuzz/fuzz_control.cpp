// fuzz/fuzz_control.cpp - the --control stdin line protocol
#include <cstdint>
#include <string>

#include "cli/control_protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::size_t begin = 0;
  while (begin <= bytes.size()) {
    std::size_t end = bytes.find('\n', begin);
    if (end == std::string_view::npos) end = bytes.size();
    const narrate::cli::ControlLine line =
        narrate::cli::parse_control_line(bytes.substr(begin, end - begin));
    if (line.kind == narrate::cli::ControlLine::Kind::Invalid) {
      narrate::cli::error_json(line.error);  // any message must make valid JSON
    }
    begin = end + 1;
  }
  return 0;
}
