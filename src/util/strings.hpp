// util/strings.hpp - small text and number helpers every stage uses (ASCII case, trimming, hashing)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace narrate::util {

/// 'A'..'Z' to 'a'..'z'; every other byte as it is.
constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

/// The text with ASCII capitals lowered (other bytes, UTF-8 included, untouched).
std::string ascii_lower(std::string_view text);

/// Equal ignoring ASCII case.
bool equals_ci(std::string_view a, std::string_view b) noexcept;

/// `text` begins with `prefix`, ignoring ASCII case.
bool starts_with_ci(std::string_view text, std::string_view prefix) noexcept;

/// `text` without the ASCII blanks (space, tab, CR, LF, FF, VT) at either end.
std::string_view trim(std::string_view text) noexcept;

/// The 64-bit FNV-1a offset basis, to start a hash.
inline constexpr std::uint64_t kFnv1aOffset = 14695981039346656037ull;

/// FNV-1a over `bytes`, continuing from `hash` (start with kFnv1aOffset). Stable across runs and
/// machines: used in file names (resume keys, the voice data cache).
std::uint64_t fnv1a(std::uint64_t hash, std::string_view bytes) noexcept;

/// The system's message for an errno value ("No such file or directory").
std::string errno_text(int error);

/// The steady clock's reading in nanoseconds since its epoch (for traces and latency figures).
std::int64_t steady_now_ns() noexcept;

}  // namespace narrate::util
