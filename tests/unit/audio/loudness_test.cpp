// unit/audio/loudness_test.cpp - normalization through the spool: on target, peaks held, same
// length
#include "audio/loudness.hpp"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <random>
#include <vector>

#include "audio/file_writer.hpp"

#include "support/support.hpp"

namespace narrate::audio {
namespace {

constexpr int kRate = 22050;

// Speech-like: bursts of a tone with sharp peaks (a high crest factor), with silences between.
std::vector<std::int16_t> bursts(double amplitude) {
  std::vector<std::int16_t> out;
  for (int burst = 0; burst < 40; ++burst) {
    for (int i = 0; i < kRate / 2; ++i) {
      const double t = double(i) / kRate;
      double v =
          amplitude * (0.3 * std::sin(2 * M_PI * 220 * t) + 0.1 * std::sin(2 * M_PI * 1300 * t));
      if (i % 2000 < 20) v += amplitude * 0.6;  // a click-like peak
      out.push_back(static_cast<std::int16_t>(std::lround(v * 32767)));
    }
    out.insert(out.end(), kRate / 4, 0);
  }
  return out;
}

TEST(LoudnessSpool, ReplayLandsOnTargetUnderTheCeiling) {
  test::TempDir dir;
  const std::vector<std::int16_t> input = bursts(0.5);
  LoudnessSpool spool(dir.path().string(), "test", kRate, 1);
  for (std::size_t at = 0; at < input.size(); at += 1000) {
    spool.write(std::span<const std::int16_t>(input).subspan(
        at, std::min<std::size_t>(1000, input.size() - at)));
  }
  std::vector<std::int16_t> output;
  const LoudnessTarget target{-16, -1};
  const LoudnessReport report = spool.replay(&target, [&](std::span<const std::int16_t> s) {
    output.insert(output.end(), s.begin(), s.end());
  });
  ASSERT_EQ(output.size(), input.size());  // not a sample more or less: timings stay
  EXPECT_TRUE(report.limited);
  LoudnessMeter meter(kRate, 1);
  meter.add(output);
  EXPECT_NEAR(meter.integrated_lufs(), -16.0, 0.2);
  EXPECT_LT(meter.true_peak_dbtp(), -0.95);
  // Silence stays silent.
  EXPECT_EQ(output[kRate / 2 + 10], 0);
}

TEST(LoudnessSpool, NoTargetReplaysAsWritten) {
  test::TempDir dir;
  const std::vector<std::int16_t> input = bursts(0.2);
  LoudnessSpool spool(dir.path().string(), "test", kRate, 1);
  spool.write(input);
  std::vector<std::int16_t> output;
  spool.replay(nullptr, [&](std::span<const std::int16_t> s) {
    output.insert(output.end(), s.begin(), s.end());
  });
  EXPECT_EQ(output, input);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));  // the spool has no name
}

// Noise shaped like speech: syllable-rate bursts of low-passed noise with a pitch-like tone,
// 0.15-0.4 s each, pauses between, at a loudness that moves from one burst to the next.
std::vector<std::int16_t> speech_like(double seconds, unsigned seed, double level = 1.0) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  std::vector<std::int16_t> out;
  double low = 0;
  while (double(out.size()) < seconds * kRate) {
    const int burst = kRate * (15 + int(random() % 25)) / 100;
    const double amplitude = level * (0.1 + 0.25 * (uniform(random) + 1) / 2);
    for (int i = 0; i < burst; ++i) {
      low = 0.8 * low + 0.2 * uniform(random);
      const double envelope = std::sin(M_PI * i / burst);
      const double v = amplitude * envelope * (low + 0.5 * std::sin(2 * M_PI * 140 * i / kRate));
      out.push_back(static_cast<std::int16_t>(std::lround(std::clamp(v, -1.0, 1.0) * 32767)));
    }
    out.insert(out.end(), static_cast<std::size_t>(kRate * (5 + int(random() % 20)) / 100), 0);
  }
  return out;
}

// narrate's own measure (K-weighting, gating, true peak per block) against libebur128's: the
// integrated loudness it reports for the input agrees to a few hundredths of a LU.
TEST(LoudnessSpool, OwnMeasureAgreesWithLibebur128) {
  for (const unsigned seed : {1u, 2u, 3u}) {
    test::TempDir dir;
    const std::vector<std::int16_t> input = speech_like(20, seed, 0.3 * seed);
    LoudnessSpool spool(dir.path().string(), "test", kRate, 1);
    spool.write(input);
    const LoudnessTarget target{-16, -1};
    std::vector<std::int16_t> output;
    const LoudnessReport report = spool.replay(&target, [&](std::span<const std::int16_t> s) {
      output.insert(output.end(), s.begin(), s.end());
    });
    LoudnessMeter reference(kRate, 1);
    reference.add(input);
    EXPECT_NEAR(report.input_lufs, reference.integrated_lufs(), 0.03) << "seed " << seed;
    LoudnessMeter after(kRate, 1);
    after.add(output);
    EXPECT_NEAR(after.integrated_lufs(), -16.0, 0.15) << "seed " << seed;
    EXPECT_LT(after.true_peak_dbtp(), -0.95) << "seed " << seed;
  }
}

// A long narration is normalized in windows at paragraph breaks, each written while the rest
// is still to come: the file is as long as what was written, lands on the target as a whole,
// keeps its peaks under the ceiling, and its windows' gains differ only as the measure grows.
TEST(FileWriterLoudness, WindowsAtParagraphBreaksLandOnTheTarget) {
  test::TempDir dir;
  const std::string path = (dir.path() / "long.wav").string();
  FileWriterOptions options;
  options.loudness = LoudnessTarget{-16, -1};
  options.loudness_window_seconds = 8;
  std::vector<std::int16_t> written;
  {
    FileWriter writer(path, options);
    writer.start(AudioFormat{kRate, 1});
    for (unsigned paragraph = 0; paragraph < 6; ++paragraph) {
      // Paragraphs of 5 s: a window closes at every second break. The voice gets louder.
      const std::vector<std::int16_t> part = speech_like(5, 10 + paragraph, 0.5 + 0.1 * paragraph);
      writer.write(part);
      written.insert(written.end(), part.begin(), part.end());
      writer.boundary({true, false, ""});
      // Windows already out are in the file while the narration goes on.
      if (paragraph == 3) {
        std::uintmax_t bytes = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
          bytes += entry.file_size();  // the output's temporary (the spool has no name)
        }
        EXPECT_GT(bytes, 2u * 8 * kRate);  // at least the first window's samples
      }
    }
    writer.finish();
  }
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  ASSERT_NE(file, nullptr);
  std::vector<std::int16_t> output(static_cast<std::size_t>(info.frames));
  sf_read_short(file, output.data(), info.frames);
  sf_close(file);
  ASSERT_EQ(output.size(), written.size());
  LoudnessMeter meter(kRate, 1);
  meter.add(output);
  EXPECT_NEAR(meter.integrated_lufs(), -16.0, 0.15);
  EXPECT_LT(meter.true_peak_dbtp(), -0.95);
}

}  // namespace
}  // namespace narrate::audio
