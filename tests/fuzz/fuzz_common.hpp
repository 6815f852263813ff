// fuzz/fuzz_common.hpp - what the fuzz targets share: turning fuzz bytes into the stages' input
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace narrate::fuzz {

/// The bytes as valid UTF-8: each byte that does not start a well-formed sequence becomes
/// U+FFFD, as input::decode_to_utf8 would hand the text stages nothing else.
inline std::string valid_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    std::size_t n = 0;
    std::uint32_t code = 0;
    if (c < 0x80) {
      n = 1;
      code = c;
    } else if ((c & 0xE0) == 0xC0) {
      n = 2;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 3;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 4;
      code = c & 0x07;
    }
    bool ok = n > 0 && i + n <= bytes.size();
    for (std::size_t k = 1; ok && k < n; ++k) {
      const auto next = static_cast<unsigned char>(bytes[i + k]);
      ok = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 either.
    ok = ok && !(n == 2 && code < 0x80) && !(n == 3 && code < 0x800) &&
         !(n == 4 && (code < 0x10000 || code > 0x10FFFF)) && !(code >= 0xD800 && code <= 0xDFFF);
    if (ok) {
      out.append(bytes.substr(i, n));
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

/// The first byte of the input picks an option; the rest is the text.
struct Split {
  unsigned char choice = 0;
  std::string_view rest;
};

inline Split split_first(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return {};
  return {data[0], std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1)};
}

}  // namespace narrate::fuzz
