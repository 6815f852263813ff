// text/normalize_map_test.cpp - the map from spoken bytes back to source bytes
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "text/normalize.hpp"

namespace narrate::text {
namespace {

// The invariants every SpokenText keeps, whatever the input.
void expect_valid_map(std::string_view source, const SpokenText& s) {
  ASSERT_EQ(s.source_offset.size(), s.text.size()) << source;
  ASSERT_EQ(s.source_end.size(), s.text.size()) << source;
  for (std::size_t i = 0; i < s.text.size(); ++i) {
    EXPECT_LE(s.source_offset[i], s.source_end[i]) << source << " byte " << i;
    EXPECT_LE(s.source_end[i], source.size()) << source << " byte " << i;
    if (i > 0) {
      EXPECT_LE(s.source_offset[i - 1], s.source_offset[i]) << source << " byte " << i;
      EXPECT_LE(s.source_end[i - 1], s.source_end[i]) << source << " byte " << i;
    }
  }
}

std::string_view source_of(std::string_view source, const SpokenText& s, std::size_t begin,
                           std::size_t end) {
  const SourceSpan span = s.source_span(begin, end);
  return source.substr(span.begin, span.end - span.begin);
}

TEST(SpokenMap, CopiedBytesMapToThemselves) {
  const std::string source = "The council met.";
  const SpokenText s = normalize(source);
  ASSERT_EQ(s.text, source);
  for (std::size_t i = 0; i < source.size(); ++i) {
    EXPECT_EQ(s.source_offset[i], i);
    EXPECT_EQ(s.source_end[i], i + 1);
  }
}

TEST(SpokenMap, ReplacementMapsToItsSourceSpan) {
  const std::string source = "It costs $5bn now";
  const SpokenText s = normalize(source);
  ASSERT_EQ(s.text, "It costs 5 billion dollars now");
  expect_valid_map(source, s);
  const std::size_t b = s.text.find("5 billion dollars");
  const std::size_t e = b + std::string_view("5 billion dollars").size();
  for (std::size_t i = b; i < e; ++i) {
    EXPECT_GE(s.source_offset[i], source.find("$5bn")) << i;
    EXPECT_LE(s.source_end[i], source.find(" now")) << i;
  }
  EXPECT_EQ(source_of(source, s, b, e), "$5bn");
  EXPECT_EQ(source_of(source, s, s.text.find("billion"), s.text.find("billion") + 7), "$5bn");
  EXPECT_EQ(source_of(source, s, s.text.find("now"), s.text.size()), "now");
  EXPECT_EQ(source_of(source, s, 0, 2), "It");
}

TEST(SpokenMap, WordsOfLongerRewritesFindTheirSource) {
  const std::string source = "\u201cOn 12/05/2024,\u201d said Gen. Smith \u2014 at 14:00.";
  const SpokenText s = normalize(source);
  expect_valid_map(source, s);
  const auto word = [&](std::string_view w) {
    const std::size_t at = s.text.find(w);
    EXPECT_NE(at, std::string::npos) << w << " in " << s.text;
    return std::string(source_of(source, s, at, at + w.size()));
  };
  EXPECT_EQ(word("December"), "12/05/2024");
  EXPECT_EQ(word("General"), "Gen.");
  EXPECT_EQ(word("Smith"), "Smith");
  EXPECT_EQ(word("hundred"), "14:00");
  EXPECT_EQ(word("\"On"), "\u201cOn");
  EXPECT_EQ(word(", at"), "\u2014 at");
}

TEST(SpokenMap, DroppedTextLeavesNoSpokenBytes) {
  const std::string source = "Great \U0001F600 job[1].";
  const SpokenText s = normalize(source);
  EXPECT_EQ(s.text, "Great job.");
  expect_valid_map(source, s);
  EXPECT_EQ(source_of(source, s, 6, 9), "job");
  EXPECT_EQ(source_of(source, s, 9, 10), ".");
}

TEST(SpokenMap, EmptyAndOutOfRangeSpans) {
  const SpokenText s = normalize("Hi.");
  EXPECT_EQ(s.source_span(2, 2).end, 0u);
  EXPECT_EQ(s.source_span(1, 99).end, 3u);
  const SpokenText empty = normalize("  \n ");
  EXPECT_TRUE(empty.text.empty());
  EXPECT_TRUE(empty.source_offset.empty());
}

TEST(SpokenMap, HoldsForEveryRuleOnNewsText) {
  const char* const sentences[] = {
      "It cost \u20ac1.2 million and \u00a330, or HK$2.5bn, US$40 and $5-10m.",
      "Prices fell from $29.99 to $0.05, then $1,250.50.",
      "Growth was 50% in 2019\u20132021, 10-15% in 1990-91 and 4.25%-4.5% later.",
      "The score was 3-2. Call 555-1234 or 1-800-555-0199.",
      "On 12/05/2024, 2024-05-12, 5 March 2024, March 5, 2024 and Jan. 5-7.",
      "At 10:30 a.m., 14:00, 10:00, 9:05 and 10.30am.",
      "The 1st, 22nd and 1,000th time at 1.25x, 2\u00d7 and 250 WPM.",
      "At 100 km/h, 60 mph, 5 kg, 40.5C (117F), 3 pct, 2pp and 25bps.",
      "Fruit, e.g. apples, vs. Roe v. Wade, approx. 5, a.k.a. Bob, No. 10 Downing St.",
      "Henry VIII, World War II, King Charles III and Super Bowl LVIII.",
      "See https://www.example.com/a/b.html or write to jane.doe@example.com.",
      "The claim[1] was false.[23] Really\u00b9 so [citation needed].",
      "Great \U0001F44D\U0001F3FD job \u2764\uFE0F for \U0001F1EC\U0001F1E7 fans \U0001F600!",
      "\u201cQuoted\u201d \u2014 with dashes \u2013 and\u2026 #1, #MeToo, and/or ~30 *tested*.",
      "The 1990s, the '90s, the \u201960s, mid-1990s, 24/7 and 1/2.",
      "Bad \xff bytes \xe2\x80 and [[phonemes]] and \x01 controls.",
  };
  for (const char* sentence : sentences) {
    const SpokenText s = normalize(sentence);
    expect_valid_map(sentence, s);
    NormalizeOptions gb;
    gb.language = "en-GB";
    expect_valid_map(sentence, normalize(sentence, gb));
  }
}

TEST(SpokenMap, HoldsOnRandomText) {
  // Pieces that start rules, glued at random: the map must stay valid and nothing may crash.
  const char* const pieces[] = {
      "$",    "5",     "bn", " ",   "-",      "\u2013", "/",       "12", "2024",   ":",
      "00",   ".",     "x",  "km",  "%",      "[",      "1",       "]",  "\u201c", "\U0001F600",
      "VIII", "Henry", "St", "Jan", "e.g",    "@",      "www.",    "a",  "\xff",   "\u00a0",
      "'",    "90s",   "#",  "*",   "\u200d", "1990",   "\xe2\x80"};
  std::mt19937 rng(12345);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> length(1, 40);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int n = length(rng); n > 0; --n) text += pieces[pick(rng)];
    expect_valid_map(text, normalize(text));
    if (HasFailure()) {
      ADD_FAILURE() << "input: " << text;
      return;
    }
  }
}

}  // namespace
}  // namespace narrate::text
