// unit/pipeline/word_timing_test.cpp - a place in the audio for every written word
#include "pipeline/word_timing.hpp"

#include <gtest/gtest.h>

namespace narrate::pipeline {
namespace {

TEST(WordTiming, OneMarkPerWordIsTakenAsItIs) {
  const std::vector<WordSpan> words{{0, 3, 0, 3}, {4, 9, 4, 9}};
  const std::vector<synth::WordMark> marks{{100, 0, 3}, {900, 4, 9}};
  const auto times = time_words(words, marks, 50, 2000);
  ASSERT_EQ(times.size(), 2u);
  EXPECT_EQ(times[0].begin_sample, 100);
  EXPECT_EQ(times[0].end_sample, 900);
  EXPECT_EQ(times[1].begin_sample, 900);
  EXPECT_EQ(times[1].end_sample, 2000);
}

TEST(WordTiming, WordsWithoutAMarkShareTheGapEvenly) {
  // "deep sea life": eSpeak marked "deep" and "life" only.
  const std::vector<WordSpan> words{{0, 4, 0, 4}, {5, 8, 5, 8}, {9, 13, 9, 13}};
  const std::vector<synth::WordMark> marks{{0, 0, 4}, {1000, 9, 13}};
  const auto times = time_words(words, marks, 0, 1500);
  ASSERT_EQ(times.size(), 3u);
  EXPECT_EQ(times[0].begin_sample, 0);
  EXPECT_EQ(times[1].begin_sample, 500);
  EXPECT_EQ(times[2].begin_sample, 1000);
}

TEST(WordTiming, OneMarkOverTwoWrittenWordsIsSplit) {
  // Two written words said by one spoken word.
  const std::vector<WordSpan> words{{0, 2, 0, 6}, {3, 5, 0, 6}, {6, 9, 7, 10}};
  const std::vector<synth::WordMark> marks{{200, 0, 6}, {800, 7, 10}};
  const auto times = time_words(words, marks, 100, 1000);
  EXPECT_EQ(times[0].begin_sample, 200);
  EXPECT_EQ(times[1].begin_sample, 500);
  EXPECT_EQ(times[2].begin_sample, 800);
}

TEST(WordTiming, NoMarksAtAllSpreadsOverTheSpeech) {
  const std::vector<WordSpan> words{{0, 1, 0, 1}, {2, 3, 2, 3}};
  const auto times = time_words(words, {}, 100, 300);
  EXPECT_EQ(times[0].begin_sample, 100);
  EXPECT_EQ(times[1].begin_sample, 200);
  EXPECT_EQ(times[1].end_sample, 300);
}

}  // namespace
}  // namespace narrate::pipeline
