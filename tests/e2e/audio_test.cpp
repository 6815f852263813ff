// e2e/audio_test.cpp - narrate writes audio files, streams WAV, writes subtitles, and plays
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/support.hpp"

namespace narrate::test {
namespace {

namespace fs = std::filesystem;

constexpr int kEspeakRate = 22050;

// Words a listener hears in plain-lighthouse.txt, title included (wc -w agrees for this text).
int lighthouse_words() {
  const std::string text = read_file(sample("plain-lighthouse.txt"));
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// Speech of `words` at `wpm` lasts words/wpm minutes; narrate promises that within a few
// percent, and this test allows a generous band so it checks the scale, not the calibration.
void expect_duration_near(double seconds, int words, double wpm) {
  const double expected = words * 60.0 / wpm;
  EXPECT_GT(seconds, expected * 0.75) << "expected about " << expected << " s";
  EXPECT_LT(seconds, expected * 1.3) << "expected about " << expected << " s";
}

class AudioFiles : public ::testing::TestWithParam<std::string> {};

TEST_P(AudioFiles, WrittenAndReadBack) {
  TempDir dir;
  const fs::path out = dir / ("lighthouse." + GetParam());
  const RunResult result = run_narrate(
      {"--speed", "1.25x", "-o", out.string(), sample("plain-lighthouse.txt").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(result.err.empty()) << result.err;
  const AudioProbe probe = probe_audio(out);
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_EQ(probe.channels, 1);
  EXPECT_EQ(probe.sample_rate_hz, GetParam() == "opus" ? 48000 : kEspeakRate);
  expect_duration_near(probe.seconds(), lighthouse_words(), 250);
  // Only the finished file: no temporary left beside it.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

INSTANTIATE_TEST_SUITE_P(Formats, AudioFiles,
                         ::testing::Values("wav", "flac", "ogg", "mp3", "opus"));

TEST(AudioOutput, ParagraphPausesAreLongerThanSentencePauses) {
  TempDir dir;
  const fs::path out = dir / "a.wav";
  const RunResult result =
      run_narrate({"-o", out.string(), sample("plain-lighthouse.txt").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const AudioProbe probe = probe_audio(out);
  ASSERT_TRUE(probe.ok) << probe.error;
  // The text has a title and 6 paragraphs: at least 6 long silences (title + 5 paragraph ends)
  // of 450 ms or more must be in the audio, where the pauses belong.
  const auto long_silences = find_silences(probe.samples, 64, kEspeakRate * 45 / 100);
  EXPECT_GE(long_silences.size(), 6u);
  // ...and not after every sentence: the text has 18 sentences.
  EXPECT_LE(long_silences.size(), 12u);
  expect_duration_near(probe.seconds(), lighthouse_words(), 200);
}

TEST(AudioOutput, SpeedChangesDuration) {
  TempDir dir;
  const std::string article = sample("plain-lighthouse.txt").string();
  ASSERT_EQ(run_narrate({"--speed", "slow", "-o", (dir / "slow.wav").string(), article}).exit_code,
            0);
  ASSERT_EQ(run_narrate({"--speed", "2x", "-o", (dir / "fast.wav").string(), article}).exit_code,
            0);
  const double slow = probe_audio(dir / "slow.wav").seconds();
  const double fast = probe_audio(dir / "fast.wav").seconds();
  // 150 vs 400 words per minute.
  EXPECT_NEAR(slow / fast, 400.0 / 150.0, 0.4);
}

TEST(AudioOutput, WavOnStdout) {
  TempDir dir;
  const fs::path out = dir / "piped.wav";
  const RunResult result = run_shell(shell_quote(NARRATE_BINARY) + " -o - " +
                                     shell_quote(sample("plain-lighthouse.txt").string()) +
                                     " </dev/null | cat > " + shell_quote(out.string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const AudioProbe probe = probe_audio(out);
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_EQ(probe.sample_rate_hz, kEspeakRate);
  expect_duration_near(probe.seconds(), lighthouse_words(), 200);
}

TEST(AudioOutput, SubtitleCueBoundariesFallInSilence) {
  TempDir dir;
  const fs::path wav = dir / "a.wav";
  const fs::path vtt = dir / "a.vtt";
  const fs::path marks = dir / "a.json";
  const RunResult result = run_narrate({"-o", wav.string(), "--subtitles", vtt.string(), "--marks",
                                        marks.string(), sample("plain-lighthouse.txt").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const AudioProbe probe = probe_audio(wav);
  ASSERT_TRUE(probe.ok);
  const auto json = nlohmann::json::parse(read_file(marks));
  const auto& sentences = json["sentences"];
  ASSERT_GE(sentences.size(), 15u);
  EXPECT_EQ(read_file(vtt).rfind("WEBVTT\n\n00:00:00.000 --> ", 0), 0u);
  // Each boundary between cues: the 40 ms around it are quiet.
  for (std::size_t i = 1; i < sentences.size(); ++i) {
    const std::int64_t boundary_ms = sentences[i]["start_ms"];
    EXPECT_EQ(boundary_ms, sentences[i - 1]["end_ms"].get<std::int64_t>());
    const std::int64_t centre = boundary_ms * kEspeakRate / 1000;
    int peak = 0;
    for (std::int64_t s = centre - kEspeakRate / 50; s < centre + kEspeakRate / 50; ++s) {
      if (s >= 0 && s < static_cast<std::int64_t>(probe.samples.size())) {
        peak = std::max(peak, std::abs(int(probe.samples[static_cast<std::size_t>(s)])));
      }
    }
    EXPECT_LE(peak, 64) << "cue " << i << " at " << boundary_ms << " ms";
  }
  EXPECT_GE(sentences[0]["words"].size(), 4u);
}

TEST(AudioOutput, BadSubtitlePathLeavesNoAudio) {
  TempDir dir;
  const RunResult result =
      run_narrate({"-o", (dir / "a.wav").string(), "--subtitles", (dir / "a.txt").string(),
                   sample("plain-lighthouse.txt").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_FALSE(fs::exists(dir / "a.wav"));
}

TEST(AudioOutput, FullDiskLeavesNothing) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  // Streaming to a full device: a clear error, exit 6.
  const RunResult result =
      run_shell(shell_quote(NARRATE_BINARY) + " -o - " +
                shell_quote(sample("plain-lighthouse.txt").string()) + " </dev/null >/dev/full");
  EXPECT_EQ(result.exit_code, 6) << result.err;
  EXPECT_EQ(result.err.rfind("narrate: ", 0), 0u) << result.err;
}

}  // namespace
}  // namespace narrate::test
