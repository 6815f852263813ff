// unit/audio/resampler_test.cpp - block-wise resampling keeps length and pitch
#include "audio/resampler.hpp"

#include <gtest/gtest.h>

#include "unit/audio/audio_test_util.hpp"

namespace narrate::audio {
namespace {

TEST(Resampler, BlocksTo48kKeepLengthAndPitch) {
  const auto in = test::tone(22050, 2.0, 440.0);
  Resampler resampler(22050, 48000, 1);
  std::vector<std::int16_t> out;
  for (std::size_t at = 0; at < in.size(); at += 1000) {
    const auto block = std::span(in).subspan(at, std::min<std::size_t>(1000, in.size() - at));
    const auto got = resampler.process(block);
    out.insert(out.end(), got.begin(), got.end());
  }
  const auto tail = resampler.flush();
  out.insert(out.end(), tail.begin(), tail.end());
  EXPECT_NEAR(double(out.size()), 96000.0, 10.0);
  // 440 Hz: 880 zero crossings a second; count them in the settled middle second.
  int crossings = 0;
  for (std::size_t i = 24000; i < 72000; ++i) {
    crossings += (out[i - 1] < 0) != (out[i] < 0);
  }
  EXPECT_NEAR(crossings, 880, 4);
}

}  // namespace
}  // namespace narrate::audio
