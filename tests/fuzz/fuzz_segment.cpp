// fuzz/fuzz_segment.cpp - sentence segmentation: spans in order, inside the text, trimmed
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_common.hpp"
#include "text/segment.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace narrate;
  const fuzz::Split in = fuzz::split_first(data, size);
  const std::string text = fuzz::valid_utf8(in.rest);
  static const char* const kLanguages[] = {"en", "de", "fr", "es", "it", "nl", "xx"};
  text::SegmentOptions options;
  options.language = kLanguages[in.choice % 7];
  options.max_sentence_bytes = text::SegmentOptions::kMinSentenceBytes + (in.choice >> 3) * 8;
  std::size_t previous_end = 0;
  for (const text::Span& span : text::split_sentences(text, options)) {
    // What every caller relies on; a broken promise is a crash the fuzzer reports.
    if (span.begin >= span.end || span.end > text.size() || span.begin < previous_end) std::abort();
    if (span.end - span.begin > options.max_sentence_bytes) std::abort();
    previous_end = span.end;
  }
  Document document;
  document.title = text.substr(0, text.size() / 4);
  document.blocks.push_back({BlockKind::Paragraph, text});
  text::segment(document, options);
  return 0;
}
