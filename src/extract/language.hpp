// extract/language.hpp - a small stopword-count language guesser for article text
#pragma once

#include <string>
#include <string_view>

namespace narrate::extract {

/// Guesses the language of prose by counting common function words of en, de, fr, es, it, pt
/// and nl. Returns the two-letter code, or "" when the text is too short or no language wins
/// clearly.
std::string guess_language(std::string_view text);

}  // namespace narrate::extract
