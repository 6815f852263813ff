// synth/calibration.hpp - per-sentence speed calibration: eSpeak's rate and a stretch per sentence
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "synth/rate.hpp"

namespace narrate::synth {

/// The highest rate at which eSpeak NG 1.51 speaks by itself. From kSonicRate on it speaks at
/// 175-WPM timing and compresses that with libsonic (4.6x at 800 WPM), which measured rougher
/// than compressing 449-rate speech by what is still missing (1.9x at 800), so narrate never
/// asks eSpeak for more than this and stretches the rest itself.
inline constexpr int kMaxNativeRate = kSonicRate - 1;

/// How long eSpeak takes to say a text, in syllable-like units: vowel groups of each word,
/// numbers as eSpeak reads them out, a little for each clause pause. Only proportional to the
/// duration; SpeedCalibrator learns the seconds per unit of the voice and the text as it goes.
double speech_units(std::string_view spoken);

/// How long eSpeak speaks a sentence at 175 WPM: seconds_per_unit * units + fixed_seconds (the
/// last covers what every sentence costs whatever its length: onsets, final lengthening, a
/// numbered heading's "zero."). Learned per text and voice by SpeedCalibrator.
struct DurationModel {
  double seconds_per_unit = 0.19;
  double fixed_seconds = 0.1;
};

/// eSpeak's audio for a sentence of `units` in seconds, final pause included, at a speed
/// (eSpeak's rate times any stretch factor). Below 80 and above kMaxNativeRate the audio is made
/// at that end of eSpeak's range and stretched. Strictly decreasing in speed.
double predicted_seconds(double speed, double units, const DurationModel& model);

/// What the calibrator needs to know of a sentence before it is spoken.
struct SentenceShape {
  std::size_t words = 0;     ///< words a listener counts
  double units = 0;          ///< speech_units() of the spoken text
  double pause_seconds = 0;  ///< narrate's silence after it (an estimate is fine)
};

/// How one sentence is to be spoken.
struct SentencePlan {
  double speed = 0;           ///< eSpeak's rate times the stretch factor ("virtual rate")
  int espeak_rate = 0;        ///< the rate to synthesize at: speed within 80..kMaxNativeRate
  double budget_seconds = 0;  ///< its words at the asked speed, pause included
  double pause_seconds = 0;   ///< the pause assumed after it (estimate plus learned bias)
  double units = 0;           ///< speech_units() of the sentence
  double min_speed = 0;       ///< the speed may not leave [min_speed, max_speed]: a steady pace
  double max_speed = 0;
  bool last = false;             ///< nothing is planned after it: it must end on time itself
  bool first = false;            ///< the first since the start or a speed change: the model may
                                 ///< still be a guess, so the sentence's own measurement re-plans
  std::size_t window_count = 0;  ///< sentences in the window planned over
  double window_units = 0;       ///< their speech units
  double window_seconds = 0;     ///< the speech they should take
};

/// What to do with audio just synthesized for a plan.
struct RenderDecision {
  int resynthesize_at = 0;  ///< 0: keep the audio; else synthesize again at this rate
  double stretch = 1.0;     ///< tempo factor for the audio if it is kept (>1: faster)
};

/// Chooses the speed of each sentence so that the listener hears the asked words per minute over
/// the narration, pauses included, at a steady pace.
///
/// The speed is planned over a window: the sentence about to be spoken and a few after it. A
/// model (seconds per syllable-like unit plus a fixed cost per sentence, fitted to every sentence
/// measured) predicts their speech at any speed; the one speed at which the window's speech and
/// pauses fill the time its words are due, less the time already owed, is the sentence's speed,
/// moved by at most 5 % from the previous sentence's (8 % in the last window; the first sentence
/// has no pace to keep yet and may start anywhere the model points). What a sentence then takes
/// beyond the prediction is owed and spread over the next windows, so a dense sentence is not
/// hurried on its own and a heading with its long pause does not make the next sentence rush. Only
/// the last sentence of a window that reaches the end has no one to pass its error to: it is
/// synthesized once more at a corrected rate, or stretched to the exact length, if it misses. The
/// first sentence is synthesized again too if its own measurement shows the model's guess was off.
class SpeedCalibrator {
 public:
  /// target_wpm is clamped to 80..900 (Speed's range).
  explicit SpeedCalibrator(double target_wpm);

  /// A new speed for the sentences planned from now on. The time owed so far is forgiven (the
  /// listener hears the new speed at once); what was learned about the text and voice is kept.
  /// The speed it already has changes nothing.
  void set_speed(double target_wpm);
  double target_wpm() const noexcept { return target_wpm_; }

  /// Plans window[0], with window[1..] the sentences that follow it (8 make a full window).
  /// `reaches_end`: the window's last sentence is the narration's last, so a window of one must
  /// end on time by itself. An empty window gives a plan for the typical sentence.
  SentencePlan plan(std::span<const SentenceShape> window, bool reaches_end = true) const;

  /// Judges audio of `seconds` synthesized at `rate` for `plan`.
  RenderDecision decide(const SentencePlan& plan, int rate, double seconds) const;

  /// Records a finished sentence: synthesized at `rate` into `synthesized_seconds`, heard as
  /// `spoken_seconds` (after any stretch), then `pause_seconds` of narrate's silence.
  void commit(const SentencePlan& plan, int rate, double synthesized_seconds, double spoken_seconds,
              double pause_seconds);

  /// Since the last set_speed(): seconds heard minus seconds the words were due (>0: slow).
  double owed_seconds() const noexcept { return heard_seconds_ - due_seconds_; }
  /// The duration model as learned so far.
  const DurationModel& model() const noexcept { return model_; }

 private:
  double typical_speed() const;
  /// The model with one more sentence (`units`, `seconds` at `rate`) weighed in.
  DurationModel model_with(double units, int rate, double seconds) const;

  double target_wpm_ = 200;
  double due_seconds_ = 0;
  double heard_seconds_ = 0;
  /// Discounted least-squares sums over the sentences measured (weights w, units u, seconds at
  /// 175 WPM y): sum w, w*u, w*u*u, w*y, w*u*y.
  double sw_ = 0, su_ = 0, suu_ = 0, sy_ = 0, suy_ = 0;
  DurationModel model_;
  double last_speed_ = 200;
  double pause_bias_ = 0;  ///< how much longer narrate's pauses turn out than estimated
  bool started_ = false;   ///< a sentence was committed since construction or set_speed()
};

}  // namespace narrate::synth
