// text/utf8.hpp - byte-level UTF-8 helpers shared by the text stage (no allocation)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace narrate::text::utf8 {

/// One decoded code point and its length in bytes; malformed bytes decode as U+FFFD, length 1.
struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;
};

/// Decodes the code point that starts at byte `at` of `text` (at < text.size()).
inline CodePoint decode(std::string_view text, std::size_t at) noexcept {
  const auto b0 = static_cast<unsigned char>(text[at]);
  if (b0 < 0x80) return {b0, 1};
  const std::size_t left = text.size() - at;
  auto cont = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]) & 0x3Fu; };
  auto is_cont = [&](std::size_t i) {
    return i < left && (static_cast<unsigned char>(text[at + i]) & 0xC0u) == 0x80u;
  };
  if (b0 >= 0xC2 && b0 < 0xE0 && is_cont(1)) return {char32_t((b0 & 0x1Fu) << 6 | cont(1)), 2};
  if (b0 >= 0xE0 && b0 < 0xF0 && is_cont(1) && is_cont(2))
    return {char32_t((b0 & 0x0Fu) << 12 | cont(1) << 6 | cont(2)), 3};
  if (b0 >= 0xF0 && b0 < 0xF5 && is_cont(1) && is_cont(2) && is_cont(3))
    return {char32_t((b0 & 0x07u) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3)), 4};
  return {0xFFFD, 1};
}

/// The start of the code point that ends just before byte `at` (at > 0).
inline std::size_t previous_start(std::string_view text, std::size_t at) noexcept {
  std::size_t i = at - 1;
  while (i > 0 && at - i < 4 && (static_cast<unsigned char>(text[i]) & 0xC0u) == 0x80u) --i;
  return i;
}

/// Largest code-point boundary <= at.
inline std::size_t floor_boundary(std::string_view text, std::size_t at) noexcept {
  if (at >= text.size()) return text.size();
  while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0u) == 0x80u) --at;
  return at;
}

/// Kinds of white space the segmenter tells apart.
enum class Space : std::uint8_t { None, Blank, LineBreak, ParagraphBreak };

/// Classifies the character at `at`; `length` receives its byte length when it is white space.
/// Non-breaking and typographic spaces count as blanks; U+2028 as a line break, U+2029 as a
/// paragraph break.
inline Space space_at(std::string_view text, std::size_t at, std::size_t& length) noexcept {
  const auto b0 = static_cast<unsigned char>(text[at]);
  length = 1;
  switch (b0) {
    case ' ':
    case '\t':
    case '\r':
    case '\f':
    case '\v':
      return Space::Blank;
    case '\n':
      return Space::LineBreak;
    default:
      break;
  }
  if (b0 < 0xC2) return Space::None;
  if (b0 == 0xC2) {
    if (at + 1 < text.size() && static_cast<unsigned char>(text[at + 1]) == 0xA0) {
      length = 2;
      return Space::Blank;
    }
    return Space::None;
  }
  if ((b0 != 0xE2 && b0 != 0xE3) || at + 2 >= text.size()) return Space::None;
  const auto b1 = static_cast<unsigned char>(text[at + 1]);
  const auto b2 = static_cast<unsigned char>(text[at + 2]);
  length = 3;
  if (b0 == 0xE3) return (b1 == 0x80 && b2 == 0x80) ? Space::Blank : Space::None;
  if (b1 == 0x80) {
    if (b2 >= 0x80 && b2 <= 0x8A) return Space::Blank;  // en quad .. hair space
    if (b2 == 0xAF) return Space::Blank;                // narrow no-break space
    if (b2 == 0xA8) return Space::LineBreak;
    if (b2 == 0xA9) return Space::ParagraphBreak;
  } else if (b1 == 0x81 && b2 == 0x9F) {
    return Space::Blank;  // medium mathematical space
  }
  return Space::None;
}

/// Appends code point `c` (at most U+10FFFF) to `out` as UTF-8.
inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

inline bool is_ascii_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
inline bool is_ascii_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
inline bool is_ascii_alpha(char c) noexcept { return is_ascii_upper(c) || is_ascii_lower(c); }
inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
inline bool is_ascii_alnum(char c) noexcept { return is_ascii_alpha(c) || is_digit(c); }
inline char ascii_lower(char c) noexcept { return is_ascii_upper(c) ? char(c - 'A' + 'a') : c; }

/// Letter case of the code point at `at` (ICU for non-ASCII letters).
enum class Case : std::uint8_t { Upper, Lower, Digit, Other };
Case case_at(std::string_view text, std::size_t at) noexcept;

/// True when the code point is a letter (ICU for non-ASCII).
bool is_letter(char32_t c) noexcept;

}  // namespace narrate::text::utf8
