// text/scan.hpp - small lexical tests on UTF-8 text shared by segmentation and normalization
#pragma once

#include <cstddef>
#include <string_view>

namespace narrate::text {

/// True when text[at..at+3) is a full-width sentence end: 。 ！ ？ or the half-width ｡.
bool is_cjk_terminator(std::string_view text, std::size_t at) noexcept;

/// First byte after any opening quotes and brackets in [begin, end).
std::size_t skip_openers(std::string_view text, std::size_t begin, std::size_t end) noexcept;

/// End of [begin, end) without its closing quotes and brackets.
std::size_t strip_closers(std::string_view text, std::size_t begin, std::size_t end) noexcept;

/// The run of sentence punctuation (. ? ! and the ellipsis character) that ends [begin, end).
struct TerminatorRun {
  std::size_t begin = 0;                 ///< == end when there is none
  std::size_t dots = 0;                  ///< periods in the run, an ellipsis character counting 3
  bool question_or_exclamation = false;  ///< the run holds ? or !
};
TerminatorRun terminator_run(std::string_view text, std::size_t begin, std::size_t end) noexcept;

/// Byte length of a bullet character (•, ‣, ⁃, ◦, ▪, ●, ■) at the start of `token`, else 0.
std::size_t bullet_length(std::string_view token) noexcept;

/// True when [begin, end) ends with a dash (-, --, en or em dash) that follows a space.
bool is_spaced_dash_before(std::string_view text, std::size_t begin, std::size_t end) noexcept;

/// An enumeration marker that opens a list item: "1." "2.)" "3)" "(4)" "a." "b)".
struct Marker {
  static constexpr unsigned char kPeriod = 0, kPeriodParen = 1, kParen = 2, kBothParens = 3;
  bool ok = false;
  char kind = 0;  ///< '1' number, 'a' lowercase letter, 'A' uppercase letter
  int value = 0;  ///< the number, or the letter's index from 0
  unsigned char style = kPeriod;

  /// Lists of numbers and lowercase letters are followed inline ("a. x b. y"); capitals are
  /// too often initials ("A. Smith and B. Jones").
  bool chainable() const noexcept { return ok && kind != 'A'; }
  Marker successor() const noexcept {
    Marker m = *this;
    ++m.value;
    return m;
  }
};
/// Parses a whole token as a marker (numbers of at most two digits, single ASCII letters).
Marker parse_marker(std::string_view token) noexcept;

/// URL, e-mail address or domain name: periods inside never end a sentence.
bool is_web_token(std::string_view token) noexcept;

/// "1,000", "$100.00", "1026.253.553", "12%".
bool is_number(std::string_view word) noexcept;

/// Letters only (hyphens and apostrophes inside allowed), at least two of them.
bool is_plain_word(std::string_view word) noexcept;

/// One letter: an initial ("E", "p").
bool is_initial(std::string_view word) noexcept;

/// Single letters joined by periods, final period removed: "U.S", "a.m", "U.S.A".
bool is_dotted_acronym(std::string_view word) noexcept;

}  // namespace narrate::text
