// unit/audio/loudness_test.cpp - normalization through the spool: on target, peaks held, same
// length
#include "audio/loudness.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

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

}  // namespace
}  // namespace narrate::audio
