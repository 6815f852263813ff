// timing/cues_test.cpp - subtitle and marks rendering
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "narrate/error.hpp"
#include "support/support.hpp"
#include "timing/cues.hpp"

namespace narrate::timing {
namespace {

std::vector<Cue> two_cues() {
  Cue first;
  first.begin_sample = 0;
  first.end_sample = 22050 * 2 + 2205;  // 2.1 s
  first.text = "First sentence.";
  first.block = 0;
  first.source_end = 15;
  first.words = {{0, 11025, "First", 0, 5, "First"}, {11025, 22050, "sentence", 6, 14, "sentence"}};
  Cue second;
  second.begin_sample = first.end_sample;
  second.end_sample = 22050 * 3661;  // 1:01:01
  second.text = "Second --> one.";
  second.block = 1;
  return {first, second};
}

TEST(Subtitles, FormatFromExtension) {
  EXPECT_EQ(subtitle_format_for_path("a.vtt"), SubtitleFormat::Vtt);
  EXPECT_EQ(subtitle_format_for_path("dir/A.SRT"), SubtitleFormat::Srt);
  try {
    subtitle_format_for_path("a.txt");
    FAIL() << "accepted .txt";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::Usage);
  }
}

TEST(Subtitles, TimestampsRoundToMilliseconds) {
  EXPECT_EQ(format_timestamp(22050 * 3661 + 11025, 22050, SubtitleFormat::Vtt), "01:01:01.500");
  EXPECT_EQ(format_timestamp(2205, 22050, SubtitleFormat::Srt), "00:00:00,100");
}

TEST(Subtitles, VttHasHeaderAndEscapesArrows) {
  const std::string vtt = render_subtitles(two_cues(), 22050, SubtitleFormat::Vtt);
  EXPECT_EQ(vtt.rfind("WEBVTT\n\n00:00:00.000 --> 00:00:02.100\nFirst sentence.\n\n", 0), 0u);
  EXPECT_NE(vtt.find("00:00:02.100 --> 01:01:01.000\nSecond --&gt; one.\n"), std::string::npos);
}

// Defect: VTT cue text went in raw, so players read "<b>", "5 < 6" and "AT&T" as markup.
TEST(Subtitles, VttEscapesMarkupAndSrtStaysPlain) {
  std::vector<Cue> cues = two_cues();
  cues[0].text = "Use <b> tags, 5 < 6 & 7 > 2 at AT&T.\nNext line";
  const std::string vtt = render_subtitles(cues, 22050, SubtitleFormat::Vtt);
  EXPECT_NE(vtt.find("\nUse &lt;b&gt; tags, 5 &lt; 6 &amp; 7 &gt; 2 at AT&amp;T. Next line\n"),
            std::string::npos)
      << vtt;
  const std::string srt = render_subtitles(cues, 22050, SubtitleFormat::Srt);
  EXPECT_NE(srt.find("\nUse <b> tags, 5 < 6 & 7 > 2 at AT&T. Next line\n"), std::string::npos)
      << srt;
  EXPECT_NE(srt.find("\nSecond -> one.\n"), std::string::npos) << srt;
  EXPECT_EQ(cue_text("a\r\nb", SubtitleFormat::Vtt), "a  b");
}

TEST(Subtitles, SrtNumbersCues) {
  const std::string srt = render_subtitles(two_cues(), 22050, SubtitleFormat::Srt);
  EXPECT_EQ(srt.rfind("1\n00:00:00,000 --> 00:00:02,100\nFirst sentence.\n\n2\n", 0), 0u);
}

TEST(Marks, JsonHoldsSentencesAndWords) {
  const auto json = nlohmann::json::parse(render_marks(two_cues(), 22050));
  ASSERT_EQ(json["sentences"].size(), 2u);
  EXPECT_EQ(json["sentences"][0]["end_ms"], 2100);
  EXPECT_EQ(json["sentences"][0]["words"][1]["start_ms"], 500);
  EXPECT_EQ(json["sentences"][0]["words"][1]["source_begin"], 6);
}

TEST(WriteTextFile, CompleteOrAbsent) {
  test::TempDir dir;
  const auto path = dir / "out.vtt";
  write_text_file(path.string(), "hello\n");
  EXPECT_EQ(test::read_file(path), "hello\n");
  try {
    write_text_file((dir / "missing" / "x.vtt").string(), "x");
    FAIL() << "wrote into a missing directory";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::Output);
  }
  // Only the finished file is there: no temporary left behind.
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++entries;
  }
  EXPECT_EQ(entries, 1);
}

}  // namespace
}  // namespace narrate::timing
