// pipeline/word_timing.cpp - when each written word of a sentence is heard
#include "pipeline/word_timing.hpp"

#include <algorithm>

namespace narrate::pipeline {

std::vector<WordTime> time_words(const std::vector<WordSpan>& words,
                                 const std::vector<synth::WordMark>& marks,
                                 std::int64_t speech_begin, std::int64_t speech_end) {
  const std::size_t n = words.size();
  std::vector<WordTime> times(n);
  if (n == 0) return times;
  speech_end = std::max(speech_end, speech_begin);

  // The first mark that says part of each word, if any.
  constexpr std::int64_t kUnknown = -1;
  std::vector<std::int64_t> begin(n, kUnknown);
  for (std::size_t w = 0; w < n; ++w) {
    for (const synth::WordMark& mark : marks) {
      const bool overlaps =
          mark.text_begin < words[w].spoken_end && mark.text_end > words[w].spoken_begin;
      if (overlaps && (begin[w] == kUnknown || mark.sample < begin[w])) begin[w] = mark.sample;
    }
  }
  // Anchors: words with a mark of their own, later than the anchor before them. Everything
  // between two anchors (and before the first, after the last) is spread evenly over the gap.
  std::vector<std::size_t> anchors;
  for (std::size_t w = 0; w < n; ++w) {
    if (begin[w] == kUnknown) continue;
    const std::int64_t at = std::clamp(begin[w], speech_begin, speech_end);
    if (!anchors.empty() && at <= begin[anchors.back()]) continue;
    begin[w] = at;
    anchors.push_back(w);
  }
  const auto spread = [&](std::size_t from, std::size_t to, std::int64_t t0, std::int64_t t1) {
    // Words [from, to) share [t0, t1).
    const std::size_t count = to - from;
    for (std::size_t k = 0; k < count; ++k) {
      times[from + k].begin_sample =
          t0 + (t1 - t0) * static_cast<std::int64_t>(k) / static_cast<std::int64_t>(count);
    }
  };
  if (anchors.empty()) {
    spread(0, n, speech_begin, speech_end);
  } else {
    const std::size_t first = anchors.front();
    if (first > 0) {
      // Words before the first mark: between the start of speech and that mark, unless the mark
      // is at the start already, in which case they share the first word's span.
      const std::int64_t t = begin[first];
      if (t > speech_begin) {
        spread(0, first, speech_begin, t);
      } else {
        anchors.front() = 0;
        begin[0] = t;
      }
    }
    for (std::size_t a = 0; a < anchors.size(); ++a) {
      const std::size_t from = anchors[a];
      const std::size_t to = a + 1 < anchors.size() ? anchors[a + 1] : n;
      const std::int64_t t1 = a + 1 < anchors.size() ? begin[anchors[a + 1]] : speech_end;
      spread(from, to, std::min(begin[from], t1), t1);
    }
  }
  for (std::size_t w = 0; w < n; ++w) {
    times[w].end_sample = w + 1 < n ? times[w + 1].begin_sample : speech_end;
    times[w].end_sample = std::max(times[w].end_sample, times[w].begin_sample);
  }
  return times;
}

}  // namespace narrate::pipeline
