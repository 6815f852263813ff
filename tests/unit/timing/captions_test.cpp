// timing/captions_test.cpp - sentence cues cut to caption size
#include "timing/captions.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace narrate::timing {
namespace {

constexpr int kRate = 22050;

// A sentence cue whose words each take `seconds_per_word`, from sample 0.
Cue sentence(const std::string& text, double seconds_per_word) {
  Cue cue;
  cue.text = text;
  cue.source_begin = 100;
  cue.source_end = 100 + text.size();
  std::size_t at = 0;
  std::int64_t sample = 0;
  const auto step = static_cast<std::int64_t>(seconds_per_word * kRate);
  while (at < text.size()) {
    const std::size_t end = std::min(text.find(' ', at), text.size());
    std::size_t word_end = end;
    while (word_end > at &&
           (text[word_end - 1] == ',' || text[word_end - 1] == '.' || text[word_end - 1] == ';')) {
      --word_end;
    }
    cue.words.push_back({sample, sample + step, text.substr(at, word_end - at), 100 + at,
                         100 + word_end, text.substr(at, word_end - at)});
    sample += step;
    at = end + 1;
  }
  cue.end_sample = sample + kRate;  // the pause after it
  return cue;
}

std::size_t chars(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

TEST(Captions, WrapLines) {
  EXPECT_EQ(wrap_lines("one two three", 7), (std::vector<std::string>{"one two", "three"}));
  EXPECT_EQ(wrap_lines("a verylongwordindeed b", 5),
            (std::vector<std::string>{"a", "verylongwordindeed", "b"}));
  EXPECT_TRUE(wrap_lines("", 42).empty());
}

TEST(Captions, ShortSentenceStaysOneCue) {
  const Cue cue = sentence("A short sentence.", 0.3);
  const std::vector<Cue> out = caption_cues({cue}, {}, kRate);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].text, cue.text);
  EXPECT_EQ(out[0].begin_sample, cue.begin_sample);
  EXPECT_EQ(out[0].end_sample, cue.end_sample);
}

TEST(Captions, LongSentenceCutWithinLimitsAtClauses) {
  const std::string text =
      "The committee, having considered the evidence presented over three days of hearings, "
      "concluded that the sea wall would need to be rebuilt entirely; that the cost should be "
      "shared between the council and the port; and that work should begin before the winter "
      "storms arrive in the lower town again next year.";
  const Cue cue = sentence(text, 0.35);
  const CaptionLimits limits;
  const std::vector<Cue> out = caption_cues({cue}, limits, kRate);
  ASSERT_GT(out.size(), 3u);
  std::string joined;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const Cue& c = out[i];
    int count = 0;
    for (const std::string& line : c.lines) {
      ++count;
      EXPECT_LE(chars(line), 42u) << line;
      if (!joined.empty()) joined += ' ';
      joined += line;
    }
    EXPECT_LE(count, 2);
    EXPECT_LE(c.end_sample - c.begin_sample, static_cast<std::int64_t>(7.0 * kRate));
    EXPECT_LT(c.begin_sample, c.end_sample);
    if (i > 0) {
      EXPECT_GE(c.begin_sample, out[i - 1].end_sample);
    }
    // Each caption starts where its first word is heard.
    ASSERT_FALSE(c.words.empty());
    EXPECT_EQ(c.begin_sample, i == 0 ? cue.begin_sample : c.words.front().begin_sample);
  }
  EXPECT_EQ(joined, text);  // nothing lost or doubled
  // Where a clause ends within reach, the caption ends there ("...rebuilt entirely;").
  std::size_t clause_ends = 0;
  for (const Cue& c : out) clause_ends += c.text.back() == ';' || c.text.back() == ',';
  EXPECT_GE(clause_ends, 2u);
}

TEST(Captions, SlowSpeechIsCutByTime) {
  const Cue cue = sentence("Slowly spoken words that fit in two lines easily.", 1.2);
  const std::vector<Cue> out = caption_cues({cue}, {}, kRate);
  ASSERT_GE(out.size(), 2u);
  for (const Cue& c : out) {
    EXPECT_LE(c.end_sample - c.begin_sample, static_cast<std::int64_t>(7.0 * kRate));
  }
}

}  // namespace
}  // namespace narrate::timing
