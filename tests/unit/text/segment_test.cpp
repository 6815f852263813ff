// text/segment_test.cpp - sentence segmentation: the case list, spans, documents, long sentences
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "narrate/error.hpp"
#include "text/segment.hpp"

namespace narrate::text {
namespace {

std::vector<std::string> sentences(std::string_view text, const SegmentOptions& options = {}) {
  std::vector<std::string> out;
  for (const Span& s : split_sentences(text, options))
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
      out += '\n';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

struct Case {
  int line = 0;
  std::string text;
  std::vector<std::string> expected;
};

std::vector<Case> load_cases() {
  std::ifstream in(std::string(NARRATE_TESTS_DIR) + "/unit/text/segment_cases.txt");
  std::vector<Case> cases;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.starts_with("> ")) {
      cases.push_back({number, unescape(line.substr(2)), {}});
    } else if (line.starts_with("= ") && !cases.empty()) {
      cases.back().expected.push_back(unescape(line.substr(2)));
    }
  }
  return cases;
}

TEST(SplitSentences, CaseList) {
  const std::vector<Case> cases = load_cases();
  ASSERT_GE(cases.size(), 30u) << "segment_cases.txt missing or short";
  for (const Case& c : cases) {
    EXPECT_EQ(sentences(c.text), c.expected) << "segment_cases.txt line " << c.line;
  }
}

TEST(SplitSentences, SpansAreTrimmedOffsets) {
  const std::string text = "  First one.   Second one?\n\n Third  ";
  const std::vector<Span> spans = split_sentences(text);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(text.substr(spans[0].begin, spans[0].end - spans[0].begin), "First one.");
  EXPECT_EQ(spans[1].begin, text.find("Second"));
  EXPECT_EQ(text.substr(spans[2].begin, spans[2].end - spans[2].begin), "Third");
}

TEST(SplitSentences, EmptyAndBlankText) {
  EXPECT_TRUE(split_sentences("").empty());
  EXPECT_TRUE(split_sentences(" \n\n\t ").empty());
}

TEST(SplitSentences, NonBreakingSpaceSeparatesWords) {
  EXPECT_EQ(sentences("It ended.\u00a0Then came more."),
            (std::vector<std::string>{"It ended.", "Then came more."}));
}

TEST(SplitSentences, LongSentenceSplitsAtClauseBoundaries) {
  SegmentOptions options;
  options.max_sentence_bytes = 60;
  const std::string text =
      "The committee, which had met for hours without a break, finally agreed on a plan; "
      "the opposition rejected it and walked out of the chamber in protest";
  const std::vector<std::string> got = sentences(text, options);
  ASSERT_GE(got.size(), 3u);
  for (const auto& s : got) {
    EXPECT_LE(s.size(), 60u) << s;
    EXPECT_FALSE(s.empty());
    EXPECT_NE(s.front(), ' ');
    EXPECT_NE(s.back(), ' ');
  }
  EXPECT_EQ(got[0], "The committee, which had met for hours without a break,");
}

TEST(SplitSentences, LongSentencePiecesAreBalanced) {
  // 413 bytes: cutting at the last comma before 400 would leave " officials said." alone.
  const std::string text =
      "The agreement, which was signed on Tuesday after months of negotiations between the two "
      "governments and several international mediators, including representatives of the United "
      "Nations and the African Union, commits both sides to a ceasefire that will be monitored by "
      "an independent panel of observers drawn from neighbouring countries and a timetable for "
      "the withdrawal of troops from the region, officials said.";
  const std::vector<std::string> got = sentences(text);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_GE(got[1].size(), 100u) << got[1];
  EXPECT_TRUE(got[0].ends_with(",")) << got[0];
}

TEST(SplitSentences, RandomTextGivesOrderedTrimmedSpans) {
  const char* const pieces[] = {"Mr.",    " ",      "Smith", ".",      "\n",     "\n\n",    "U.S.",
                                "a.m.",   "?",      "!",     "\"",     "\u201d", "(",       ")",
                                "1.",     "\u2022", "...",   "\u2026", "etc.",   "Then",    "the",
                                "\u00a0", "e.g.",   "No.",   "5",      "\xff",   "\xe2\x80"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> length(1, 60);
  SegmentOptions options;
  options.max_sentence_bytes = 40;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int n = length(rng); n > 0; --n) text += pieces[pick(rng)];
    std::size_t previous_end = 0;
    for (const Span& s : split_sentences(text, options)) {
      ASSERT_LT(s.begin, s.end) << text;
      ASSERT_LE(s.end, text.size()) << text;
      ASSERT_GE(s.begin, previous_end) << text;
      ASSERT_NE(text[s.begin], ' ') << text;
      ASSERT_NE(text[s.end - 1], ' ') << text;
      previous_end = s.end;
    }
  }
}

TEST(SplitSentences, LongRunWithoutSpacesIsCutAtCodePoints) {
  SegmentOptions options;
  options.max_sentence_bytes = 20;
  std::string text;
  for (int i = 0; i < 30; ++i) text += "\u00e9";  // 60 bytes, no spaces
  std::size_t total = 0;
  for (const Span& s : split_sentences(text, options)) {
    EXPECT_LE(s.end - s.begin, 20u);
    EXPECT_EQ((static_cast<unsigned char>(text[s.begin]) & 0xC0), 0xC0);
    total += s.end - s.begin;
  }
  EXPECT_EQ(total, text.size());
}

// Defect: a text with no sentence punctuation and no spaces (Chinese, Japanese, Thai) was cut
// every max_sentence_bytes wherever that fell, so the speech broke mid-word.
TEST(SplitSentences, TextWithoutSpacesOrPunctuationIsCutBetweenWords) {
  SegmentOptions options;
  options.max_sentence_bytes = 40;
  // Thai words (each 3 to 5 characters of 3 bytes), no spaces, no punctuation.
  const std::vector<std::string> words = {"\u0e20\u0e32\u0e29\u0e32", "\u0e44\u0e17\u0e22",
                                          "\u0e40\u0e21\u0e37\u0e2d\u0e07", "\u0e19\u0e49\u0e33"};
  std::string text;
  std::vector<std::size_t> word_ends;
  for (int i = 0; i < 40; ++i) {
    text += words[static_cast<std::size_t>(i) % words.size()];
    word_ends.push_back(text.size());
  }
  const std::vector<Span> spans = split_sentences(text, options);
  ASSERT_GE(spans.size(), 10u);
  for (std::size_t i = 0; i + 1 < spans.size(); ++i) {
    EXPECT_LE(spans[i].end - spans[i].begin, 40u);
    EXPECT_TRUE(std::find(word_ends.begin(), word_ends.end(), spans[i].end) != word_ends.end())
        << "cut inside a word at byte " << spans[i].end;
  }
  EXPECT_EQ(spans.back().end, text.size());
}

// A 20 MB text of words without punctuation: pieces end at spaces, never inside a word.
TEST(SplitSentences, LongTextWithoutPunctuationIsCutAtWords) {
  std::string text;
  const char* const words[] = {"harbour", "river", "the", "boats", "lighthouse", "keeper"};
  for (std::size_t i = 0; text.size() < (2u << 20); ++i) {
    text += words[i % 6];
    text += ' ';
  }
  const std::vector<Span> spans = split_sentences(text);
  ASSERT_GT(spans.size(), 1000u);
  for (const Span& s : spans) {
    EXPECT_LE(s.end - s.begin, 400u);
    ASSERT_TRUE(s.end == text.size() || text[s.end] == ' ') << "cut inside a word";
  }
}

TEST(SplitSentences, RejectsTinyLimit) {
  SegmentOptions options;
  options.max_sentence_bytes = 3;
  EXPECT_THROW(split_sentences("Hello.", options), Error);
}

TEST(Segment, TitleThenBlocks) {
  Document doc;
  doc.title = " Markets rally ";
  doc.blocks.push_back({BlockKind::Heading, "What happened"});
  doc.blocks.push_back({BlockKind::Paragraph, "Stocks rose. Bonds fell."});
  doc.blocks.push_back({BlockKind::ListItem, "Oil up 3%"});
  const std::vector<Sentence> got = segment(doc);
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0].block, Sentence::kTitleBlock);
  EXPECT_EQ(got[0].text, "Markets rally");
  EXPECT_EQ(got[0].kind, BlockKind::Heading);
  EXPECT_TRUE(got[0].ends_block);
  EXPECT_EQ(got[0].begin, 1u);
  EXPECT_EQ(got[0].end, 14u);
  EXPECT_EQ(got[1].text, "What happened");
  EXPECT_EQ(got[1].kind, BlockKind::Heading);
  EXPECT_TRUE(got[1].ends_block);
  EXPECT_EQ(got[2].text, "Stocks rose.");
  EXPECT_EQ(got[2].block, 1u);
  EXPECT_FALSE(got[2].ends_block);
  EXPECT_EQ(got[3].text, "Bonds fell.");
  EXPECT_EQ(got[3].begin, 13u);
  EXPECT_EQ(got[3].end, 24u);
  EXPECT_TRUE(got[3].ends_block);
  EXPECT_EQ(got[4].kind, BlockKind::ListItem);
  EXPECT_TRUE(got[4].ends_block);
}

TEST(Segment, NoTitleNoBlocks) { EXPECT_TRUE(segment(Document{}).empty()); }

}  // namespace
}  // namespace narrate::text

namespace narrate::text {
namespace {

std::vector<std::string> in_language(std::string_view text, const char* language) {
  SegmentOptions options;
  options.language = language;
  std::vector<std::string> out;
  for (const Span& s : split_sentences(text, options))
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

TEST(SegmentCjk, FullWidthStopsEndSentencesWithoutSpaces) {
  EXPECT_EQ(in_language("北京今天下雨。明天会晴吗？会的！好。", "zh"),
            (std::vector<std::string>{"北京今天下雨。", "明天会晴吗？", "会的！", "好。"}));
  // A closing quote stays with its sentence.
  EXPECT_EQ(in_language("他说：「我们走吧。」大家都笑了。", "zh"),
            (std::vector<std::string>{"他说：「我们走吧。」", "大家都笑了。"}));
  EXPECT_EQ(in_language("今日は晴れです。明日も晴れでしょう。", "ja"),
            (std::vector<std::string>{"今日は晴れです。", "明日も晴れでしょう。"}));
}

TEST(SegmentLanguages, GermanAbbreviations) {
  EXPECT_EQ(in_language("Gemäß Absatz 3 Nr. 4 SGB V gilt das. Das gilt z. B. für Kinder bzw. "
                        "Jugendliche. Es kostet ca. 5 Euro usw. Danach ist Schluss.",
                        "de"),
            (std::vector<std::string>{"Gemäß Absatz 3 Nr. 4 SGB V gilt das.",
                                      "Das gilt z. B. für Kinder bzw. Jugendliche.",
                                      "Es kostet ca. 5 Euro usw.", "Danach ist Schluss."}));
  EXPECT_EQ(in_language("Prof. Dr. Weber kam vgl. S. 12 nicht. Er blieb.", "de-AT"),
            (std::vector<std::string>{"Prof. Dr. Weber kam vgl. S. 12 nicht.", "Er blieb."}));
}

TEST(SegmentLanguages, FrenchAbbreviations) {
  EXPECT_EQ(in_language("M. Dupont est arrivé hier. Mme Martin aussi, p. ex. avec son fils. "
                        "Il est parti.",
                        "fr"),
            (std::vector<std::string>{"M. Dupont est arrivé hier.",
                                      "Mme Martin aussi, p. ex. avec son fils.", "Il est parti."}));
}

TEST(SegmentLanguages, SpanishAbbreviations) {
  EXPECT_EQ(
      in_language("La Sra. García y Dña. Elena llegaron ayer. El Sr. López no vino a "
                  "EE. UU. Ver pág. 12 del informe.",
                  "es"),
      (std::vector<std::string>{"La Sra. García y Dña. Elena llegaron ayer.",
                                "El Sr. López no vino a EE. UU.", "Ver pág. 12 del informe."}));
}

TEST(SegmentLanguages, UnknownLanguageFallsBackToEnglish) {
  EXPECT_EQ(in_language("Mr. Lee came. He left.", "xx"),
            (std::vector<std::string>{"Mr. Lee came.", "He left."}));
}

}  // namespace
}  // namespace narrate::text

namespace narrate::text {
namespace {

TEST(SegmentLanguages, GermanOrdinalsBeforeMonthsAndNouns) {
  SegmentOptions options;
  options.language = "de";
  const std::string text =
      "Die Preise sinken zum 1. Januar um zwölf Prozent. Das ist zum 3. Mal so.";
  std::vector<std::string> out;
  for (const Span& s : split_sentences(text, options))
    out.push_back(text.substr(s.begin, s.end - s.begin));
  EXPECT_EQ(out, (std::vector<std::string>{"Die Preise sinken zum 1. Januar um zwölf Prozent.",
                                           "Das ist zum 3. Mal so."}));
}

}  // namespace
}  // namespace narrate::text
