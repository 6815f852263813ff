// text/segment.hpp - sentence segmentation: pure functions, no I/O
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "narrate/document.hpp"

namespace narrate::text {

struct SegmentOptions {
  static constexpr std::size_t kMinSentenceBytes = 16;

  std::string language = "en";           ///< rules to use; unknown languages fall back to "en"
  std::size_t max_sentence_bytes = 400;  ///< longer sentences are split at clause boundaries

  /// Throws narrate::Error (ErrorCode::Usage) when max_sentence_bytes < kMinSentenceBytes.
  void validate() const;
};

/// A sentence's byte span [begin, end) within the text it was cut from, trimmed of whitespace.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// Splits running text into sentences (throws what SegmentOptions::validate throws). A blank line
/// always ends a sentence; a single line break inside running text does not.
std::vector<Span> split_sentences(std::string_view text, const SegmentOptions& options = {});

/// Segments a whole document: the title first (block = Sentence::kTitleBlock, ends_block set),
/// then every block; headings and list items are single sentences unless they hold several.
std::vector<Sentence> segment(const Document& document, const SegmentOptions& options = {});

}  // namespace narrate::text
