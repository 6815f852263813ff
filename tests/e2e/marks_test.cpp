// e2e/marks_test.cpp - word marks come from the source map: every written word that is spoken
#include <gtest/gtest.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "support/support.hpp"

namespace narrate::test {
namespace {

using json = nlohmann::json;

// Whitespace-separated tokens holding a letter or digit (what --stats counts as words), less
// footnote marks such as "[1]", which are not spoken.
std::vector<std::string> written_words(const std::string& sentence) {
  static const std::regex footnote(R"(^\[\d+\][.,;:]?$)");
  std::vector<std::string> words;
  std::string token;
  const auto flush = [&] {
    // A letter or digit: ASCII, or a non-ASCII character outside U+2000..U+203F (dashes,
    // quotes, ellipsis: punctuation).
    bool alnum = false;
    for (std::size_t i = 0; i < token.size(); ++i) {
      const auto c = static_cast<unsigned char>(token[i]);
      if (std::isalnum(c)) alnum = true;
      if (c >= 0xC0 && !(c == 0xE2 && i + 1 < token.size() &&
                         static_cast<unsigned char>(token[i + 1]) == 0x80)) {
        alnum = true;
      }
    }
    if (alnum && !std::regex_match(token, footnote)) words.push_back(token);
    token.clear();
  };
  for (const char c : sentence) {
    if (c == ' ') {
      flush();
    } else {
      token += c;
    }
  }
  flush();
  return words;
}

class MarksCoverage : public ::testing::TestWithParam<std::string> {};

TEST_P(MarksCoverage, EveryWrittenWordHasOneMarkInOrder) {
  TempDir dir;
  const RunResult run =
      run_narrate({"--speed", "1.25x", sample(GetParam()).string(), "-o", (dir / "a.wav").string(),
                   "--marks", (dir / "a.json").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json marks = json::parse(read_file(dir / "a.json"));
  std::size_t words = 0;
  for (const json& sentence : marks["sentences"]) {
    const std::string text = sentence["text"];
    const std::vector<std::string> expected = written_words(text);
    const json& got = sentence["words"];
    words += got.size();
    ASSERT_EQ(got.size(), expected.size()) << text << "\n" << got.dump();
    long long last_start = -1;
    const std::size_t sentence_begin = sentence["source_begin"];
    for (std::size_t w = 0; w < got.size(); ++w) {
      const std::string word = got[w]["text"];
      // The mark names the written word (its surrounding punctuation trimmed) ...
      EXPECT_NE(expected[w].find(word), std::string::npos) << word << " in " << expected[w];
      // ... at its place in the block's text ...
      const std::size_t begin = got[w]["source_begin"];
      const std::size_t end = got[w]["source_end"];
      ASSERT_LE(sentence_begin, begin);
      ASSERT_LE(end - sentence_begin, text.size());
      EXPECT_EQ(text.substr(begin - sentence_begin, end - begin), word);
      // ... in time order, inside the sentence's cue.
      const long long start = got[w]["start_ms"];
      EXPECT_GE(start, last_start) << word;
      EXPECT_LE(got[w]["end_ms"].get<long long>(), sentence["end_ms"].get<long long>()) << word;
      EXPECT_GE(start, sentence["start_ms"].get<long long>()) << word;
      last_start = start;
    }
  }
  EXPECT_GT(words, 10u);
}

INSTANTIATE_TEST_SUITE_P(Samples, MarksCoverage,
                         ::testing::Values("news-science.html", "news-city-council.html",
                                           "blog-allotment-diary.html", "copied-page-harbour.txt",
                                           "copied-page-valley-review.txt", "plain-lighthouse.txt",
                                           "short-notice.txt"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(Marks, ExpandedWordsMapToTheirWrittenSpan) {
  TempDir dir;
  write_file(dir / "a.txt",
             "Money talk\n\nThe U.S. firm paid $5bn for it, the board said on Tuesday.\n");
  const RunResult run =
      run_narrate({"--format", "text", (dir / "a.txt").string(), "-o", (dir / "a.wav").string(),
                   "--marks", (dir / "a.json").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json marks = json::parse(read_file(dir / "a.json"));
  const json& words = marks["sentences"][1]["words"];
  std::vector<std::string> texts;
  for (const json& word : words) texts.push_back(word["text"]);
  EXPECT_EQ(texts, (std::vector<std::string>{"The", "U.S.", "firm", "paid", "$5bn", "for", "it",
                                             "the", "board", "said", "on", "Tuesday"}));
  EXPECT_EQ(words[4]["spoken"], "5 billion dollars");
}

}  // namespace
}  // namespace narrate::test
