// text/utf8.cpp - the ICU-backed parts of the UTF-8 helpers (letter class and case)
#include "text/utf8.hpp"

#include <unicode/uchar.h>

namespace narrate::text::utf8 {

Case case_at(std::string_view text, std::size_t at) noexcept {
  const char c = text[at];
  if (is_ascii_upper(c)) return Case::Upper;
  if (is_ascii_lower(c)) return Case::Lower;
  if (is_digit(c)) return Case::Digit;
  if (static_cast<unsigned char>(c) < 0x80) return Case::Other;
  const auto cp = static_cast<UChar32>(decode(text, at).value);
  if (u_isupper(cp) || u_istitle(cp)) return Case::Upper;
  if (u_islower(cp)) return Case::Lower;
  if (u_isdigit(cp)) return Case::Digit;
  // Letters without case (CJK, Arabic, ...) start sentences like capitals do.
  return u_isalpha(cp) ? Case::Upper : Case::Other;
}

bool is_letter(char32_t c) noexcept {
  if (c < 0x80) return is_ascii_alpha(static_cast<char>(c));
  return u_isalpha(static_cast<UChar32>(c)) != 0;
}

}  // namespace narrate::text::utf8
