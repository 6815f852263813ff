// text/word_map.hpp - which part of a sentence's spoken form says each of its written words
#pragma once

#include <string_view>
#include <vector>

#include "narrate/document.hpp"
#include "text/normalize.hpp"

namespace narrate::text {

/// The written words of `written` (whitespace-separated tokens holding a letter or digit, with
/// the punctuation around them trimmed; "U.S." keeps its points, "$5bn" and "50%" their signs)
/// that `spoken` says, each with the bytes of spoken.text made from it. `spoken` must be
/// normalize(written, ...). Words the spoken form drops ("[1]") are left out. Never throws (but
/// std::bad_alloc).
std::vector<WordSpan> map_words(std::string_view written, const SpokenText& spoken);

}  // namespace narrate::text
