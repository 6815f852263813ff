// synth/rate.cpp - rate calibration for eSpeak NG 1.51 and narrate's speed-scaled pauses
#include "synth/rate.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>

namespace narrate::synth {
namespace {

// A measured point: the rate handed to eSpeak and the words per minute that came out of it,
// reading whole texts (news article + GPL, averaged) in paragraph mode, i.e. with eSpeak's own
// sentence and paragraph pauses (notes/espeak-ng-1.51.md 2.1, fine sweep).
struct Point {
  double nominal;
  double effective;
};

// Each table is split at the sonic boundary: below 450 eSpeak stretches its own timing; from
// 450 on it speaks at 175 and libsonic compresses, which also lengthens the pauses again. The
// effective speed therefore jumps between 449 and 450 and must not be interpolated across.
// The 449 points are extrapolated from the 400..440 slope (no measurement at 449 itself).
constexpr std::array<Point, 10> kEnBelowSonic = {{{80, 84},
                                                  {90, 90},
                                                  {100, 100},
                                                  {150, 150},
                                                  {200, 201},
                                                  {250, 250},
                                                  {300, 299},
                                                  {350, 346},
                                                  {400, 394},
                                                  {440, 433}}};
constexpr Point kEnAt449 = {449, 441.8};
constexpr std::array<Point, 8> kEnSonic = {{{450, 448},
                                            {500, 499},
                                            {550, 550},
                                            {600, 600},
                                            {650, 650},
                                            {700, 700},
                                            {750, 753},
                                            {800, 803}}};

constexpr std::array<Point, 10> kEnUsBelowSonic = {{{80, 84},
                                                    {90, 89},
                                                    {100, 99},
                                                    {150, 149},
                                                    {200, 200},
                                                    {250, 247},
                                                    {300, 293},
                                                    {350, 339},
                                                    {400, 384},
                                                    {440, 419}}};
constexpr Point kEnUsAt449 = {449, 426.9};
constexpr std::array<Point, 8> kEnUsSonic = {{{450, 443},
                                              {500, 493},
                                              {550, 543},
                                              {600, 593},
                                              {650, 642},
                                              {700, 691},
                                              {750, 743},
                                              {800, 792}}};

// Inverse of a piecewise-linear curve, extrapolating the end segments.
template <std::size_t N>
double invert(const std::array<Point, N>& table, double effective) {
  std::size_t hi = 1;
  while (hi + 1 < N && table[hi].effective < effective) ++hi;
  const Point& a = table[hi - 1];
  const Point& b = table[hi];
  return a.nominal +
         (effective - a.effective) * (b.nominal - a.nominal) / (b.effective - a.effective);
}

template <std::size_t N, std::size_t M>
double calibrate(const std::array<Point, N>& below, Point at_449, const std::array<Point, M>& sonic,
                 double effective) {
  if (effective <= at_449.effective) {
    std::array<Point, N + 1> table{};
    std::copy(below.begin(), below.end(), table.begin());
    table[N] = at_449;
    return invert(table, effective);
  }
  if (effective >= sonic.front().effective) return invert(sonic, effective);
  // In the gap neither mode hits the target; take the nearer one and, on a tie, stay below
  // sonic (no 5x CPU, no pause jump). This is also why screen readers cap eSpeak at 449.
  const double slow_error = effective / at_449.effective;
  const double fast_error = sonic.front().effective / effective;
  return slow_error <= fast_error ? at_449.nominal : sonic.front().nominal;
}

std::string base_language(std::string_view voice) {
  std::string base(voice.substr(0, voice.find('+')));
  std::transform(base.begin(), base.end(), base.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return base;
}

// Measured rate -> rate table for one voice, or the identity for languages nobody measured.
double calibrated_rate(double effective_wpm, std::string_view voice) {
  const std::string base = base_language(voice);
  if (base.rfind("en-us", 0) == 0)
    return calibrate(kEnUsBelowSonic, kEnUsAt449, kEnUsSonic, effective_wpm);
  if (base == "en" || base.rfind("en-gb", 0) == 0)
    return calibrate(kEnBelowSonic, kEnAt449, kEnSonic, effective_wpm);
  return effective_wpm;
}

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
// narrate always adds a little silence of its own so that blocks never run into each other even
// where eSpeak's final pause is already longer than the target (below ~180 WPM).
constexpr double kMinOwnPauseMs = 10;

double pause_scale(double wpm) {
  wpm = std::clamp(wpm, 40.0, 2000.0);
  return wpm >= 200 ? std::pow(200.0 / wpm, 1.5) : 200.0 / wpm;
}

// The prose the pause compensation assumes: news sentences of about 20 words, paragraphs of
// about 2.5 sentences (the measured article: 239 words, 10 sentences, 8 paragraphs is shorter;
// the GPL text 2976 words, 120 sentences, 63 paragraphs is close).
constexpr double kWordsPerSentence = 20;
constexpr double kSentencesPerParagraph = 2.5;

}  // namespace

double espeak_end_pause_ms(int espeak_rate) {
  // sent+EP minus sent, per call, article at voice en (notes 2.2); 449 assumed like 400.
  static constexpr std::array<Point, 8> kBelowSonic = {
      {{80, 863}, {150, 383}, {175, 293}, {200, 230}, {250, 138}, {300, 80}, {400, 18}, {449, 18}}};
  static constexpr std::array<Point, 3> kSonic = {{{450, 40}, {600, 30}, {800, 23}}};
  auto lookup = [](const auto& table, double rate) {
    if (rate <= table.front().nominal) return table.front().effective;
    if (rate >= table.back().nominal) return table.back().effective;
    std::size_t hi = 1;
    while (table[hi].nominal < rate) ++hi;
    const Point& a = table[hi - 1];
    const Point& b = table[hi];
    return a.effective + (rate - a.nominal) * (b.effective - a.effective) / (b.nominal - a.nominal);
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
  // The rate is close enough to the target for this estimate (within a few per cent).
  const double end_pause = espeak_end_pause_ms(static_cast<int>(std::lround(target_wpm)));
  const PauseTargetsMs target = pause_targets_ms(target_wpm);
  auto samples = [&](double total_ms) {
    const double own_ms = std::max(kMinOwnPauseMs, total_ms - end_pause);
    return static_cast<std::int64_t>(std::llround(own_ms * sample_rate_hz / 1000.0));
  };
  return {samples(target.sentence), samples(target.paragraph), samples(target.heading)};
}

int espeak_rate_for(double target_wpm, std::string_view voice) {
  if (!std::isfinite(target_wpm)) target_wpm = 200;
  target_wpm = std::clamp(target_wpm, 1.0, 2000.0);
  // The calibration tables make eSpeak's speech *with its own pauses* hit a rate: one final pause
  // per sentence, and about as much again per paragraph (notes 2.2: para - flat ~ one end pause).
  // narrate's pauses replace those, longer at high speed (the floors) and slightly longer at
  // 200. So that the listener still hears target_wpm over typical prose, eSpeak must speak a
  // little faster by the time narrate's extra silence takes: about +0.5 % at 200, +3.5 % at
  // 400, +2 % at 600.
  // The final pause estimate stays on the below-sonic curve here even past 450 (where the real
  // one is ~20 ms longer): the request must rise with the target, and a jump in the estimate
  // would make it fall back at 450. It overstates narrate's extra time by under 1 % up there.
  const double end_pause =
      espeak_end_pause_ms(std::min(kSonicRate - 1, static_cast<int>(std::lround(target_wpm))));
  const PauseTargetsMs pauses = pause_targets_ms(target_wpm);
  const double extra_per_paragraph_ms =
      (kSentencesPerParagraph - 1) * std::max(0.0, pauses.sentence - end_pause) +
      std::max(0.0, pauses.paragraph - 2 * end_pause);
  const double paragraph_ms = kWordsPerSentence * kSentencesPerParagraph * 60000.0 / target_wpm;
  const double speech_share = std::max(0.5, 1.0 - extra_per_paragraph_ms / paragraph_ms);
  const double rate = calibrated_rate(target_wpm / speech_share, voice);
  // Rounding must not carry 449.6 over the sonic boundary.
  const int rounded = rate < kSonicRate
                          ? std::min(static_cast<int>(std::lround(rate)), kSonicRate - 1)
                          : static_cast<int>(std::lround(rate));
  return std::clamp(rounded, kMinEspeakRate, kMaxEspeakRate);
}

}  // namespace narrate::synth
