// synth/rate.cpp - eSpeak NG 1.51's end pause and narrate's speed-scaled pauses
#include "synth/rate.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace narrate::synth {
namespace {

// A measured point: eSpeak's rate and a duration at it.
struct Point {
  double rate;
  double ms;
};

// Pause scaling. At 200 WPM a listener hears about 250 ms after a sentence, 500 ms after a
// paragraph and 600 ms after a heading. Faster listeners want less dead air, more than in
// proportion (eSpeak's own pauses shrink roughly with the square of the speed), so above 200 the
// pauses shrink with (200/wpm)^1.5; below 200 they grow only in proportion, so that 80 WPM does
// not leave seconds of silence after each heading. Floors keep sentences and paragraphs apart
// at any speed: eSpeak's own pauses all but vanish above 350 WPM.
constexpr double kSentenceMsAt200 = 250;
constexpr double kParagraphMsAt200 = 500;
constexpr double kHeadingMsAt200 = 600;
constexpr double kSentenceFloorMs = 60;
constexpr double kParagraphFloorMs = 120;
constexpr double kHeadingFloorMs = 150;

double pause_scale(double wpm) {
  wpm = std::clamp(wpm, 40.0, 2000.0);
  return wpm >= 200 ? std::pow(200.0 / wpm, 1.5) : 200.0 / wpm;
}

}  // namespace

double espeak_end_pause_ms(int espeak_rate) {
  // sent+EP minus sent, per call, article at voice en (notes 2.2); 449 assumed like 400.
  static constexpr std::array<Point, 8> kBelowSonic = {
      {{80, 863}, {150, 383}, {175, 293}, {200, 230}, {250, 138}, {300, 80}, {400, 18}, {449, 18}}};
  static constexpr std::array<Point, 3> kSonic = {{{450, 40}, {600, 30}, {800, 23}}};
  auto lookup = [](const auto& table, double rate) {
    if (rate <= table.front().rate) return table.front().ms;
    if (rate >= table.back().rate) return table.back().ms;
    std::size_t hi = 1;
    while (table[hi].rate < rate) ++hi;
    const Point& a = table[hi - 1];
    const Point& b = table[hi];
    return a.ms + (rate - a.rate) * (b.ms - a.ms) / (b.rate - a.rate);
  };
  return espeak_rate < kSonicRate ? lookup(kBelowSonic, espeak_rate) : lookup(kSonic, espeak_rate);
}

PauseTargetsMs pause_targets_ms(double target_wpm) {
  const double scale = pause_scale(target_wpm);
  return {std::max(kSentenceFloorMs, kSentenceMsAt200 * scale),
          std::max(kParagraphFloorMs, kParagraphMsAt200 * scale),
          std::max(kHeadingFloorMs, kHeadingMsAt200 * scale)};
}

Pauses pauses_for(double target_wpm, int sample_rate_hz) {
  // eSpeak's final pause (ENDPAUSE) is already in every utterance's audio; narrate adds the rest.
  // The rate is close enough to the target for this estimate (within a few per cent); beyond
  // eSpeak's native range the calibration speaks at 449 and stretches, pause and all.
  const double rate = std::min<double>(target_wpm, kSonicRate - 1);
  const double end_pause =
      espeak_end_pause_ms(static_cast<int>(std::lround(rate))) * rate / std::max(target_wpm, rate);
  const PauseTargetsMs target = pause_targets_ms(target_wpm);
  auto samples = [&](double total_ms) {
    const double own_ms = std::max(kMinOwnPauseMs, total_ms - end_pause);
    return static_cast<std::int64_t>(std::llround(own_ms * sample_rate_hz / 1000.0));
  };
  return {samples(target.sentence), samples(target.paragraph), samples(target.heading)};
}

}  // namespace narrate::synth
