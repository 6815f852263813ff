// unit/text/word_map_test.cpp - written words mapped onto the spoken form
#include "text/word_map.hpp"

#include <gtest/gtest.h>

#include <string>

namespace narrate::text {
namespace {

std::string written_of(std::string_view text, const WordSpan& w) {
  return std::string(text.substr(w.begin, w.end - w.begin));
}
std::string spoken_of(const SpokenText& spoken, const WordSpan& w) {
  return spoken.text.substr(w.spoken_begin, w.spoken_end - w.spoken_begin);
}

TEST(WordMap, CopiedWordsMapToThemselves) {
  const std::string text = "A plain sentence, with words.";
  const SpokenText spoken = normalize(text);
  const auto words = map_words(text, spoken);
  ASSERT_EQ(words.size(), 5u);
  EXPECT_EQ(written_of(text, words[2]), "sentence");
  EXPECT_EQ(spoken_of(spoken, words[2]), "sentence");
  EXPECT_EQ(written_of(text, words[4]), "words");
}

TEST(WordMap, ExpansionsMapToTheWholeWrittenWord) {
  const std::string text = "They paid $5bn in the U.S. (mostly).";
  const SpokenText spoken = normalize(text);
  const auto words = map_words(text, spoken);
  ASSERT_EQ(words.size(), 7u);
  EXPECT_EQ(written_of(text, words[2]), "$5bn");
  EXPECT_EQ(spoken_of(spoken, words[2]), "5 billion dollars");
  EXPECT_EQ(written_of(text, words[5]), "U.S.");
  EXPECT_EQ(written_of(text, words[6]), "mostly");
}

TEST(WordMap, UnspokenTokensHaveNoSpan) {
  const std::string text = "It was found [12] in May.";
  const auto words = map_words(text, normalize(text));
  std::vector<std::string> got;
  for (const auto& w : words) got.push_back(written_of(text, w));
  EXPECT_EQ(got, (std::vector<std::string>{"It", "was", "found", "in", "May"}));
}

TEST(WordMap, SpokenRangesNeverGoBackwards) {
  const std::string text = "On 5 March 2024 at 10:30am, 50% of 1,200 people paid £30 each.";
  const SpokenText spoken = normalize(text);
  const auto words = map_words(text, spoken);
  ASSERT_FALSE(words.empty());
  for (std::size_t i = 0; i < words.size(); ++i) {
    EXPECT_LT(words[i].spoken_begin, words[i].spoken_end);
    EXPECT_LE(words[i].spoken_end, spoken.text.size());
    if (i > 0) {
      EXPECT_LE(words[i - 1].spoken_begin, words[i].spoken_begin);
    }
  }
}

}  // namespace
}  // namespace narrate::text
