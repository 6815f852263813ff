// timing/captions.cpp - sentence cues cut to caption size at clause and word boundaries
#include "timing/captions.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace narrate::timing {

namespace {

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Ends a clause: a comma, semicolon or colon, or a dash ("-", en and em dash) after a space.
bool ends_clause(std::string_view text) {
  if (text.empty()) return false;
  const char last = text.back();
  if (last == ',' || last == ';' || last == ':') return true;
  constexpr std::string_view kEnDash = "\xE2\x80\x93";
  constexpr std::string_view kEmDash = "\xE2\x80\x94";
  return text.ends_with(" -") || text.ends_with(kEnDash) || text.ends_with(kEmDash);
}

}  // namespace

std::vector<std::string> wrap_lines(std::string_view text, int line_chars) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t at = 0;
  const auto limit = static_cast<std::size_t>(std::max(1, line_chars));
  while (at < text.size()) {
    const std::size_t space = text.find(' ', at);
    const std::string_view word =
        text.substr(at, space == std::string_view::npos ? std::string_view::npos : space - at);
    at = space == std::string_view::npos ? text.size() : space + 1;
    if (word.empty()) continue;
    if (!line.empty() && code_points(line) + 1 + code_points(word) > limit) {
      lines.push_back(std::move(line));
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

std::vector<Cue> caption_cues(const std::vector<Cue>& cues, const CaptionLimits& limits,
                              int sample_rate_hz) {
  const auto max_samples =
      static_cast<std::int64_t>(std::floor(limits.max_seconds * std::max(1, sample_rate_hz)));
  const auto fits = [&](std::string_view text) {
    return wrap_lines(text, limits.line_chars).size() <= static_cast<std::size_t>(limits.lines);
  };
  std::vector<Cue> out;
  for (const Cue& cue : cues) {
    const std::size_t n = cue.words.size();
    if (n == 0 || (fits(cue.text) && cue.end_sample - cue.begin_sample <= max_samples)) {
      Cue whole = cue;
      whole.lines = wrap_lines(cue.text, limits.line_chars);
      out.push_back(std::move(whole));
      continue;
    }
    // Where word k begins in the sentence's text, and in the audio.
    const auto text_at = [&](std::size_t k) -> std::size_t {
      if (k == 0) return 0;
      if (k >= n) return cue.text.size();
      const std::size_t offset = cue.words[k].source_begin - cue.source_begin;
      return std::min(offset, cue.text.size());
    };
    const auto text_of = [&](std::size_t a, std::size_t b) {
      return trim(std::string_view(cue.text).substr(text_at(a), text_at(b) - text_at(a)));
    };
    const auto start_of = [&](std::size_t k) {
      return k == 0 ? cue.begin_sample : cue.words[k].begin_sample;
    };
    // Speech of words [a, b): to the next word's start, or the last word's end.
    const auto speech_of = [&](std::size_t a, std::size_t b) {
      return (b >= n ? cue.words[n - 1].end_sample : cue.words[b].begin_sample) - start_of(a);
    };
    std::size_t a = 0;
    while (a < n) {
      std::size_t b = a + 1;  // a word too long for a caption still gets one
      while (b < n && fits(text_of(a, b + 1)) && speech_of(a, b + 1) <= max_samples) ++b;
      if (b < n) {
        // Rather end where a clause ends, if that keeps at least half of what would fit.
        for (std::size_t k = b; k > a + 1 && (k - a) * 2 >= (b - a); --k) {
          if (ends_clause(text_of(a, k))) {
            b = k;
            break;
          }
        }
      }
      Cue part;
      part.begin_sample = start_of(a);
      part.end_sample = b >= n ? cue.end_sample : cue.words[b].begin_sample;
      part.end_sample = std::min(part.end_sample, part.begin_sample + max_samples);
      part.text = std::string(text_of(a, b));
      part.lines = wrap_lines(part.text, limits.line_chars);
      part.block = cue.block;
      part.source_begin = cue.source_begin + text_at(a);
      part.source_end = b >= n ? cue.source_end : cue.source_begin + text_at(b);
      part.words.assign(cue.words.begin() + static_cast<long>(a),
                        cue.words.begin() + static_cast<long>(b));
      out.push_back(std::move(part));
      a = b;
    }
  }
  return out;
}

}  // namespace narrate::timing
