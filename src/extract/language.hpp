// extract/language.hpp - a small stopword-count language guesser for article text
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "narrate/document.hpp"

namespace narrate::extract {

/// Guesses the language of prose: from its script when most letters are in one non-Latin
/// script (Cyrillic -> ru/uk/sr, Greek, Arabic -> ar/fa/ur, Hebrew, Devanagari, Bengali, Tamil,
/// Thai, Georgian, Armenian, Hangul, Kana -> ja, Han -> zh), else by counting common function
/// words of en, de, fr, es, it, pt and nl. Returns the two-letter code, or "" when the text is
/// too short or no language wins clearly.
std::string guess_language(std::string_view text);

/// The document's language: the declared tag (already normalized, may be empty) unless the
/// text itself is clearly in another language (templates declare lang="en" on every page),
/// else the guess from the text. Reads at most the first 20 KB of the blocks.
std::string choose_language(const std::string& declared, const std::vector<Block>& blocks);

}  // namespace narrate::extract
