// unit/synth/rate_test.cpp - eSpeak's end pause and narrate's speed-scaled pauses
#include "synth/rate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "synth/engine.hpp"

namespace narrate::synth {
namespace {

TEST(Pauses, TargetsAt200AndFloors) {
  const PauseTargetsMs at_200 = pause_targets_ms(200);
  EXPECT_DOUBLE_EQ(at_200.sentence, 250);
  EXPECT_DOUBLE_EQ(at_200.paragraph, 500);
  EXPECT_DOUBLE_EQ(at_200.heading, 600);
  const PauseTargetsMs at_900 = pause_targets_ms(900);
  EXPECT_DOUBLE_EQ(at_900.sentence, 60);
  EXPECT_DOUBLE_EQ(at_900.paragraph, 120);
  EXPECT_DOUBLE_EQ(at_900.heading, 150);
  // narrate adds only what eSpeak's own final pause (about 230 ms at 200) leaves out.
  const Pauses own = pauses_for(200, 22050);
  EXPECT_NEAR(double(own.sentence) * 1000 / 22050, 250 - espeak_end_pause_ms(200), 1);
  EXPECT_NEAR(double(own.paragraph) * 1000 / 22050, 500 - espeak_end_pause_ms(200), 1);
}

TEST(Pauses, ShrinkWithSpeedButNeverVanish) {
  PauseTargetsMs previous_target = pause_targets_ms(80);
  for (double wpm = 80; wpm <= 900; wpm += 10) {
    const Pauses pauses = pauses_for(wpm, 22050);
    const PauseTargetsMs target = pause_targets_ms(wpm);
    EXPECT_GE(double(pauses.sentence), kMinOwnPauseMs * 22.05 - 1) << wpm;
    EXPECT_GT(pauses.paragraph, pauses.sentence) << wpm;
    EXPECT_GT(pauses.heading, pauses.paragraph) << wpm;
    EXPECT_LE(target.sentence, previous_target.sentence) << wpm;
    EXPECT_LE(target.paragraph, previous_target.paragraph) << wpm;
    EXPECT_LE(target.heading, previous_target.heading) << wpm;
    previous_target = target;
  }
  EXPECT_LT(pause_targets_ms(300).paragraph, pause_targets_ms(150).paragraph / 2);
  const Pauses at_48k = pauses_for(200, 48000);
  EXPECT_NEAR(double(at_48k.paragraph) / 48000, double(pauses_for(200, 22050).paragraph) / 22050,
              1e-4);
}

TEST(Pauses, AboveEspeaksNativeRangeTheEndPauseIsStretchedToo) {
  // At 898 WPM narrate speaks at 449 and halves the length: so does eSpeak's 18 ms end pause.
  const PauseTargetsMs target = pause_targets_ms(898);
  const Pauses own = pauses_for(898, 1000);
  EXPECT_NEAR(double(own.sentence), target.sentence - espeak_end_pause_ms(449) / 2, 1);
}

TEST(EndPause, FollowsTheMeasuredTable) {
  EXPECT_DOUBLE_EQ(espeak_end_pause_ms(175), 293);
  EXPECT_DOUBLE_EQ(espeak_end_pause_ms(20), 863) << "below 80 eSpeak speaks as at 80";
  EXPECT_NEAR(espeak_end_pause_ms(225), (230 + 138) / 2.0, 0.5);
  for (int rate = 81; rate < kSonicRate; ++rate) {
    EXPECT_LE(espeak_end_pause_ms(rate), espeak_end_pause_ms(rate - 1)) << rate;
  }
}

// The measured end pause against the engine: one short sentence, at three rates, has about
// the table's silence at its end.
TEST(EndPause, MatchesTheEngine) {
  Engine& engine = Engine::instance();
  engine.set_voice("en");
  for (const int rate : {150, 250, 400}) {
    engine.set_rate(rate);
    std::vector<std::int16_t> audio;
    engine.synthesize("The boat came in at noon.", [&](std::span<const std::int16_t> samples) {
      audio.insert(audio.end(), samples.begin(), samples.end());
      return true;
    });
    std::size_t last_loud = 0;
    for (std::size_t i = 0; i < audio.size(); ++i) {
      if (std::abs(int(audio[i])) > 64) last_loud = i;
    }
    const double trailing_ms = double(audio.size() - last_loud) * 1000 / engine.sample_rate_hz();
    EXPECT_NEAR(trailing_ms, espeak_end_pause_ms(rate), 40 + 0.25 * espeak_end_pause_ms(rate))
        << rate;
  }
}

}  // namespace
}  // namespace narrate::synth
