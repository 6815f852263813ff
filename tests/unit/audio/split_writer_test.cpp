// unit/audio/split_writer_test.cpp - numbered parts per N minutes or per chapter; all or none
#include "audio/split_writer.hpp"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <filesystem>

#include "narrate/error.hpp"
#include "support/support.hpp"
#include "unit/audio/audio_test_util.hpp"

namespace narrate::audio {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

constexpr int kRate = 8000;  // small files, quick tests

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string tag(const fs::path& path, int which) {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (file == nullptr) return "(unreadable)";
  const char* value = sf_get_string(file, which);
  std::string out = value ? value : "";
  sf_close(file);
  return out;
}

FileWriterOptions titled(const std::string& title) {
  FileWriterOptions options;
  options.metadata.title = title;
  return options;
}

TEST(SplitWriter, PartNames) {
  EXPECT_EQ(part_path("out.mp3", 1), "out-001.mp3");
  EXPECT_EQ(part_path("a/b.c/out.wav", 12), "a/b.c/out-012.wav");
  EXPECT_EQ(part_path("x.flac", 1234), "x-1234.flac");
}

TEST(SplitWriter, CutsAtTheFirstParagraphAfterNMinutes) {
  TempDir dir;
  const auto second = test::tone(kRate, 1.0);
  {
    // 0.05 minutes = 3 s. Sentences of 1 s; a paragraph ends after every second sentence.
    SplitWriter writer((dir / "talk.wav").string(), titled("Talk"), SplitPolicy{0.05, false});
    writer.start(AudioFormat{kRate, 1});
    for (int sentence = 1; sentence <= 9; ++sentence) {
      writer.write(second);
      writer.boundary({sentence % 2 == 0, false, ""});
    }
    writer.finish();
    EXPECT_EQ(writer.paths().size(), 3u);
  }
  // 4 s (the first paragraph end at or past 3 s), 4 s, 1 s.
  EXPECT_EQ(entries(dir.path()),
            (std::vector<std::string>{"talk-001.wav", "talk-002.wav", "talk-003.wav"}));
  EXPECT_NEAR(test::probe_audio(dir / "talk-001.wav").seconds(), 4.0, 1e-6);
  EXPECT_NEAR(test::probe_audio(dir / "talk-002.wav").seconds(), 4.0, 1e-6);
  EXPECT_NEAR(test::probe_audio(dir / "talk-003.wav").seconds(), 1.0, 1e-6);
  EXPECT_EQ(tag(dir / "talk-001.wav", SF_STR_TITLE), "Talk");
  EXPECT_EQ(tag(dir / "talk-002.wav", SF_STR_TITLE), "Talk (2)");
}

TEST(SplitWriter, WithoutParagraphsCutsAtASentenceALittleLater) {
  TempDir dir;
  const auto second = test::tone(kRate, 1.0);
  SplitWriter writer((dir / "t.flac").string(), titled("T"), SplitPolicy{0.05, false});
  writer.start(AudioFormat{kRate, 1});
  for (int sentence = 1; sentence <= 8; ++sentence) {
    writer.write(second);
    writer.boundary({false, false, ""});
  }
  writer.finish();
  // A cut after the last sentence opens nothing: no empty third part.
  ASSERT_EQ(writer.paths().size(), 2u);
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"t-001.flac", "t-002.flac"}));
  // 3.3 s is the latest: the 4th sentence boundary.
  EXPECT_NEAR(test::probe_audio(writer.paths()[0]).seconds(), 4.0, 1e-6);
}

TEST(SplitWriter, ChaptersBeginAtHeadingsAndAreTitledByThem) {
  TempDir dir;
  const auto second = test::tone(kRate, 1.0);
  SplitWriter writer((dir / "book.ogg").string(), titled("Book"), SplitPolicy{0, true});
  writer.start(AudioFormat{kRate, 1});
  writer.write(second);  // the title
  writer.boundary({true, false, ""});
  writer.write(second);  // an introduction
  writer.boundary({true, true, "Chapter One"});
  writer.write(second);
  writer.write(second);
  writer.boundary({true, true, "Chapter Two"});
  writer.write(second);
  writer.finish();
  ASSERT_EQ(writer.paths().size(), 3u);
  EXPECT_EQ(tag(writer.paths()[0], SF_STR_TITLE), "Book");
  EXPECT_EQ(tag(writer.paths()[1], SF_STR_TITLE), "Chapter One");
  EXPECT_EQ(tag(writer.paths()[2], SF_STR_TITLE), "Chapter Two");
  EXPECT_EQ(tag(writer.paths()[2], SF_STR_ALBUM), "Book");
  EXPECT_EQ(tag(writer.paths()[2], SF_STR_TRACKNUMBER), "3");
  EXPECT_NEAR(test::probe_audio(writer.paths()[1]).seconds(), 2.0, 0.1);
}

TEST(SplitWriter, UnfinishedLeavesNoPartBehind) {
  TempDir dir;
  const auto second = test::tone(kRate, 1.0);
  {
    SplitWriter writer((dir / "x.mp3").string(), titled("X"), SplitPolicy{0, true});
    writer.start(AudioFormat{kRate, 1});
    writer.write(second);
    writer.boundary({true, true, "Two"});
    writer.write(second);
    // The first part waits (in an unnamed spool) for finish(), which knows the track total.
    EXPECT_EQ(writer.paths().size(), 2u);
  }  // interrupted
  EXPECT_TRUE(entries(dir.path()).empty());
}

TEST(SplitWriter, NeedsAFile) {
  try {
    SplitWriter writer("-", {}, SplitPolicy{1, false});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Usage);
  }
  TempDir dir;
  try {
    SplitWriter writer((dir / "missing" / "x.wav").string(), {}, SplitPolicy{1, false});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Output) << "the first part is opened at once";
  }
}

}  // namespace
}  // namespace narrate::audio
