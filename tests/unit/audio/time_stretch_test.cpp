// unit/audio/time_stretch_test.cpp - tempo changes keep length in proportion and pitch as it was
#include "audio/time_stretch.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace narrate::audio {
namespace {

constexpr int kRate = 22050;

/// A voiced-speech stand-in: a 120 Hz pulse train through a decaying resonance (a crude vowel),
/// its loudness rising and falling every 250 ms like syllables.
std::vector<std::int16_t> vowel_train(double seconds) {
  const auto n = static_cast<std::size_t>(seconds * kRate);
  std::vector<std::int16_t> out(n);
  const double period = kRate / 120.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double phase = std::fmod(double(i), period);
    const double ring = std::exp(-phase / 30.0) * std::sin(2 * M_PI * 700 * phase / kRate);
    const double syllable = 0.55 + 0.45 * std::sin(2 * M_PI * 4 * double(i) / kRate);
    out[i] = static_cast<std::int16_t>(std::lround(12000 * ring * syllable));
  }
  return out;
}

/// The strongest period between 2.5 and 15 ms (400..67 Hz) in the middle of the signal.
double period_samples(const std::vector<std::int16_t>& s) {
  const std::size_t start = s.size() / 2;
  const std::size_t window = 2048;
  double best = -1;
  int best_lag = 0;
  for (int lag = kRate / 400; lag <= kRate / 67; ++lag) {
    double sum = 0;
    double energy = 0;
    for (std::size_t i = start; i < start + window; ++i) {
      sum += double(s[i]) * s[i + static_cast<std::size_t>(lag)];
      energy += double(s[i + static_cast<std::size_t>(lag)]) * s[i + static_cast<std::size_t>(lag)];
    }
    const double score = sum / std::sqrt(energy + 1);
    if (score > best) {
      best = score;
      best_lag = lag;
    }
  }
  return best_lag;
}

TEST(TimeStretch, LengthFollowsTheSpeedAndPitchStays) {
  const auto input = vowel_train(2.0);
  const double input_period = period_samples(input);
  for (const double speed : {0.8, 1.25, 1.5, 2.0, 2.2}) {
    const auto output = change_tempo(input, kRate, speed);
    EXPECT_NEAR(double(output.size()), double(input.size()) / speed, 0.02 * input.size() / speed)
        << speed;
    EXPECT_NEAR(period_samples(output), input_period, 2) << speed << ": the pitch is kept";
  }
}

TEST(TimeStretch, NothingToDo) {
  const auto input = vowel_train(0.5);
  EXPECT_EQ(change_tempo(input, kRate, 1.0), input);
  EXPECT_EQ(change_tempo(input, kRate, 1.001), input) << "below what sonic would change";
  EXPECT_EQ(change_tempo(input, kRate, std::nan("")), input);
  EXPECT_TRUE(change_tempo({}, kRate, 2.0).empty());
}

}  // namespace
}  // namespace narrate::audio
