// extract/text_util.hpp - small UTF-8 text helpers shared by the HTML extractor and text cleaner
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "util/strings.hpp"

namespace narrate::extract {

/// Collapses runs of whitespace (ASCII, no-break and other Unicode spaces) to one space and trims
/// the ends; zero-width characters are removed.
std::string collapse_whitespace(std::string_view text);

// trim, ASCII case and case-blind comparison come from util/ (one home for them).
using util::equals_ci;
using util::starts_with_ci;
using util::trim;
/// ASCII-lowercased copy (other bytes unchanged).
inline std::string lower_ascii(std::string_view text) { return util::ascii_lower(text); }

/// True when text contains needle, ASCII case-insensitively.
bool contains_ci(std::string_view text, std::string_view needle);

/// Number of whitespace-separated words.
std::size_t word_count(std::string_view text);

/// Number of code points (bytes that are not UTF-8 continuation bytes).
std::size_t char_count(std::string_view text);

/// True when the text ends a sentence: . ! ? or an ellipsis, optionally followed by closing quotes
/// or brackets.
bool ends_sentence(std::string_view text);

/// True when the last visible character is punctuation of any kind (. ! ? : ; , and closers).
bool ends_with_punctuation(std::string_view text);

/// Letters and digits only, ASCII-lowercased, single spaces between words: the form used to
/// compare a headline with a block, or a pull quote with a paragraph.
std::string comparison_key(std::string_view text);

/// Number of commas (ASCII and the CJK ones), a cheap sign of running prose.
std::size_t comma_count(std::string_view text);

/// Splits on '\n' (a preceding '\r' is dropped).
std::vector<std::string_view> split_lines(std::string_view text);

}  // namespace narrate::extract
