// synth/calibration.cpp - per-sentence speed calibration: eSpeak's rate and a stretch per sentence
#include "synth/calibration.hpp"

#include <algorithm>
#include <cmath>

#include "synth/syllables.hpp"

namespace narrate::synth {
namespace {

// A clause pause (",", ";", ":", a bracket) costs about three quarters of a syllable at 175 WPM
// (measured: 0.15 s against 0.20 s per syllable on the lighthouse sample). It shrinks faster
// than speech at higher rates, which the learned seconds per unit absorbs.
constexpr double kClausePauseUnits = 0.75;

// Before anything is measured. Fits over the samples and the GPL-3 (en-us+anna, 80..449 WPM)
// gave 0.17-0.20 s per unit and 0 to 0.8 s per sentence (the GPL's numbered headings); the
// priors weigh about as much as one or two sentences, so the text takes over at once.
constexpr DurationModel kPrior{0.19, 0.1};
constexpr double kPriorUnitWeight = 100;   // like one sentence of 10 units, on the slope
constexpr double kPriorFixedWeight = 1.5;  // like 1.5 sentences, on the intercept
// Older sentences count less: after this many units (about ten sentences) their weight is 1/e.
// Long enough to smooth one odd sentence, short enough to follow a text's sections.
constexpr double kMemoryUnits = 300;

// What a "typical sentence" is when nothing is known yet: news prose, 18 words at 1.5 units
// each, 2.5 sentences a paragraph.
constexpr double kTypicalWords = 18;
constexpr double kTypicalUnits = 27;
constexpr double kSentencesPerParagraph = 2.5;

// Owed time is paid back over a window, up to this share of the window's budget, so a long
// heading pause is made up over many sentences rather than by a few rushed ones.
constexpr double kMaxCorrection = 0.3;
// A full window: enough sentences that one dense sentence or one heading pause moves the pace
// by a per cent or two, few enough that the pace follows the text's sections.
constexpr double kWindowSentences = 8;
// How far a sentence's speed may move from the previous sentence's: a few per cent a sentence
// is phrasing to a listener, a jump of ten is a lurch. Near the end, where little is left to
// spread a debt over, a little more. The first sentence (of the narration, or after a speed
// change) has no pace to keep yet: the window's units already say how dense the text is
// (medical prose needs twice the speed of news prose), so only absurd speeds are ruled out.
constexpr double kMaxStep = 0.05;
constexpr double kEndStep = 0.08;
constexpr double kFirstStep = 2.0;
// How quickly the learned pause estimate follows the pauses measured.
constexpr double kPauseBiasFollow = 0.3;
// The first sentence is synthesized again when its own measurement moves the window's speed by
// more than this.
constexpr double kFirstRetry = 0.02;
// The last sentence is synthesized again when it misses its wanted length by more than this
// share of its budget (and 30 ms); one retry costs 1/300 of the audio's duration.
constexpr double kTolerance = 0.015;
constexpr double kMinToleranceSeconds = 0.03;

constexpr double kReferenceRate = 175;  // eSpeak's default, the unit's time base
constexpr double kMinSpeed = 20;
constexpr double kMaxSpeed = 4000;

double end_pause_seconds(double rate) {
  return espeak_end_pause_ms(static_cast<int>(std::lround(rate))) / 1000.0;
}

double clause_pause(char c) {
  return c == ',' || c == ';' || c == ':' || c == '(' ? kClausePauseUnits : 0;
}

// The speed at which a sentence of `units` lasts `seconds` (bisection on the strictly
// decreasing predicted_seconds, in the log domain since speeds span two decades).
double speed_for(double seconds, double units, const DurationModel& model) {
  double lo = std::log(kMinSpeed);
  double hi = std::log(kMaxSpeed);
  if (seconds >= predicted_seconds(kMinSpeed, units, model)) return kMinSpeed;
  if (seconds <= predicted_seconds(kMaxSpeed, units, model)) return kMaxSpeed;
  for (int i = 0; i < 50; ++i) {
    const double mid = (lo + hi) / 2;
    if (predicted_seconds(std::exp(mid), units, model) > seconds) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return std::exp((lo + hi) / 2);
}

// What one synthesis took, in seconds at the reference rate, eSpeak's final pause aside.
double reference_seconds(int rate, double seconds) {
  return std::max(0.0, seconds - end_pause_seconds(rate)) * rate / kReferenceRate;
}

// The model that makes one measured sentence exact: its own seconds per unit beside the
// text's fixed cost.
DurationModel exact_for(const DurationModel& model, double units, int rate, double seconds) {
  DurationModel own = model;
  own.seconds_per_unit =
      std::max(0.0, reference_seconds(rate, seconds) - model.fixed_seconds) / units;
  return own;
}

// The speed at which `count` sentences of `units` in all speak in `seconds`. predicted_seconds
// is affine in the units at any speed, so the window's sum is `count` times the prediction for
// its mean sentence.
double speed_for_window(double seconds, std::size_t count, double units,
                        const DurationModel& model) {
  const double n = static_cast<double>(std::max<std::size_t>(count, 1));
  return speed_for(seconds / n, units / n, model);
}

int native_rate(double speed) {
  return std::clamp(static_cast<int>(std::lround(speed)), kMinEspeakRate, kMaxNativeRate);
}

bool outside_native(double speed) { return speed > kMaxNativeRate || speed < kMinEspeakRate; }

}  // namespace

double speech_units(std::string_view spoken) {
  double pauses = 0;
  for (const char c : spoken) pauses += clause_pause(c);
  return syllables(spoken) + pauses;
}

double predicted_seconds(double speed, double units, const DurationModel& model) {
  const auto at_rate = [&](double rate) {
    return (model.seconds_per_unit * units + model.fixed_seconds) * kReferenceRate / rate +
           end_pause_seconds(rate);
  };
  // Outside eSpeak's native range the audio is synthesized at the nearest end of it and
  // stretched, which scales everything, pauses included, by rate/speed.
  if (speed < kMinEspeakRate) return at_rate(kMinEspeakRate) * kMinEspeakRate / speed;
  if (speed > kMaxNativeRate) return at_rate(kMaxNativeRate) * kMaxNativeRate / speed;
  return at_rate(speed);
}

SpeedCalibrator::SpeedCalibrator(double target_wpm) : model_(kPrior) {
  target_wpm_ = std::isfinite(target_wpm) ? std::clamp(target_wpm, 80.0, 900.0) : 200.0;
  last_speed_ = typical_speed();
}

DurationModel SpeedCalibrator::model_with(double units, int rate, double seconds) const {
  const double keep = std::exp(-units / kMemoryUnits);
  const double y = reference_seconds(rate, seconds);
  const double sw = keep * sw_ + 1;
  const double su = keep * su_ + units;
  const double suu = keep * suu_ + units * units;
  const double sy = keep * sy_ + y;
  const double suy = keep * suy_ + units * y;
  // Ridge least squares for y = a*u + b, pulled towards the prior:
  //   [suu + Pa  su     ] [a]   [suy + Pa*a0]
  //   [su        sw + Pb] [b] = [sy  + Pb*b0]
  const double m11 = suu + kPriorUnitWeight;
  const double m12 = su;
  const double m22 = sw + kPriorFixedWeight;
  const double r1 = suy + kPriorUnitWeight * kPrior.seconds_per_unit;
  const double r2 = sy + kPriorFixedWeight * kPrior.fixed_seconds;
  const double det = m11 * m22 - m12 * m12;
  DurationModel model = model_;
  if (det > 0) {
    model.seconds_per_unit = (r1 * m22 - m12 * r2) / det;
    model.fixed_seconds = (m11 * r2 - m12 * r1) / det;
  }
  // A sentence cannot cost less than nothing, nor its units less than a tenth of the prior.
  model.fixed_seconds = std::max(0.0, model.fixed_seconds);
  model.seconds_per_unit = std::max(0.1 * kPrior.seconds_per_unit, model.seconds_per_unit);
  return model;
}

double SpeedCalibrator::typical_speed() const {
  const Pauses pauses_ms = pauses_for(target_wpm_, 1000);
  const double pause_seconds =
      ((kSentencesPerParagraph - 1) * double(pauses_ms.sentence) + double(pauses_ms.paragraph)) /
      kSentencesPerParagraph / 1000.0;
  const double seconds = kTypicalWords * 60.0 / target_wpm_ - pause_seconds;
  return speed_for(seconds, kTypicalUnits, model_);
}

void SpeedCalibrator::set_speed(double target_wpm) {
  if (!std::isfinite(target_wpm)) return;
  const double wpm = std::clamp(target_wpm, 80.0, 900.0);
  if (wpm == target_wpm_) return;  // callers may pass the speed before every sentence
  const double before = typical_speed();
  target_wpm_ = wpm;
  // What the last speed says about this text (denser or lighter than typical prose) carries
  // over in proportion; the first sentence at the new speed may still move freely from there.
  last_speed_ *= typical_speed() / before;
  started_ = false;
  due_seconds_ = 0;
  heard_seconds_ = 0;
}

SentencePlan SpeedCalibrator::plan(std::span<const SentenceShape> window, bool reaches_end) const {
  const SentenceShape typical{kTypicalWords, kTypicalUnits, 0};
  if (window.empty()) window = std::span<const SentenceShape>(&typical, 1);
  SentencePlan plan;
  plan.units = window.front().units;
  plan.budget_seconds = static_cast<double>(window.front().words) * 60.0 / target_wpm_;
  plan.last = window.size() == 1 && reaches_end;
  plan.first = !started_;
  // The pauses as they will turn out: the caller's estimate plus what its estimates have
  // missed by so far (eSpeak's final silence differs by voice from the table it is guessed by).
  const auto pause = [&](double estimate) { return estimate > 0 ? estimate + pause_bias_ : 0.0; };
  plan.pause_seconds = pause(window.front().pause_seconds);
  double budget = 0;
  double pauses = 0;
  for (const SentenceShape& s : window) {
    budget += static_cast<double>(s.words) * 60.0 / target_wpm_;
    pauses += pause(s.pause_seconds);
    plan.window_units += s.units;
  }
  plan.window_count = window.size();
  // The owed time is paid back over the window, or, when the caller shows fewer sentences than
  // a full window and more are to come, over as many sentences as a full window would have.
  const double n = static_cast<double>(window.size());
  const double share = reaches_end ? 1.0 : std::min(1.0, n / static_cast<double>(kWindowSentences));
  const double limit = kMaxCorrection * budget;
  plan.window_seconds = budget - std::clamp(owed_seconds() * share, -limit, limit) - pauses;
  const double step = !started_ ? kFirstStep : reaches_end ? kEndStep : kMaxStep;
  plan.min_speed = last_speed_ / (1 + step);
  plan.max_speed = last_speed_ * (1 + step);
  // A window whose pauses alone outlast its words (a lone title) cannot be on time: it goes a
  // little faster than the pace and the rest is owed.
  const double speed =
      plan.window_seconds > 0 && plan.window_units > 0
          ? speed_for_window(plan.window_seconds, plan.window_count, plan.window_units, model_)
          : last_speed_ * (1 + kMaxStep);
  plan.speed = std::clamp(speed, plan.min_speed, plan.max_speed);
  plan.espeak_rate = native_rate(plan.speed);
  return plan;
}

RenderDecision SpeedCalibrator::decide(const SentencePlan& plan, int rate, double seconds) const {
  RenderDecision decision;
  if (rate <= 0) return decision;
  const bool measurable = plan.units > 0 && seconds > 0;
  if (!plan.last && !(plan.first && measurable && plan.window_seconds > 0)) {
    // The sentences after it absorb whatever this one takes beyond the prediction, so it keeps
    // the planned pace: beyond eSpeak's range that is the planned speed over the rate it had.
    if (outside_native(plan.speed)) decision.stretch = plan.speed / rate;
    return decision;
  }
  if (!measurable) return decision;
  if (!plan.last) {
    // The first sentence: the window's speed once more, with what this sentence showed of the
    // text and voice in the model (as commit() will put it there).
    const DurationModel model = model_with(plan.units, rate, seconds);
    const double speed = std::clamp(
        speed_for_window(plan.window_seconds, plan.window_count, plan.window_units, model),
        plan.min_speed, plan.max_speed);
    const double planned = double(rate) * (outside_native(plan.speed) ? plan.speed / rate : 1);
    if (std::abs(speed / planned - 1) > kFirstRetry && native_rate(speed) != rate) {
      decision.resynthesize_at = native_rate(speed);
    }
    if (outside_native(speed)) decision.stretch = speed / rate;
    return decision;
  }
  // The last sentence: its own measurement makes the model exact for it, and it takes whatever
  // is still owed.
  const DurationModel own = exact_for(model_, plan.units, rate, seconds);
  const double wanted = plan.budget_seconds - owed_seconds() - plan.pause_seconds;
  const double speed = std::clamp(wanted > 0 ? speed_for(wanted, plan.units, own) : plan.max_speed,
                                  plan.min_speed, plan.max_speed);
  const double length = predicted_seconds(speed, plan.units, own);
  if (outside_native(speed)) {
    decision.stretch = seconds / length;  // exact, from the nearer end of eSpeak's range
    if (rate != native_rate(speed)) decision.resynthesize_at = native_rate(speed);
    return decision;
  }
  const double tolerance = std::max(kMinToleranceSeconds, kTolerance * plan.budget_seconds);
  if (std::abs(seconds - length) > tolerance && native_rate(speed) != rate) {
    decision.resynthesize_at = native_rate(speed);
  }
  return decision;
}

void SpeedCalibrator::commit(const SentencePlan& plan, int rate, double synthesized_seconds,
                             double spoken_seconds, double pause_seconds) {
  due_seconds_ += plan.budget_seconds;
  heard_seconds_ += spoken_seconds + pause_seconds;
  if (plan.pause_seconds > 0) {
    // plan.pause_seconds already holds the old bias: move it towards this miss.
    pause_bias_ += kPauseBiasFollow * (pause_seconds - plan.pause_seconds);
  }
  if (plan.units <= 0 || synthesized_seconds <= 0 || spoken_seconds <= 0 || rate <= 0) return;
  model_ = model_with(plan.units, rate, synthesized_seconds);
  const double keep = std::exp(-plan.units / kMemoryUnits);
  const double y = reference_seconds(rate, synthesized_seconds);
  sw_ = keep * sw_ + 1;
  su_ = keep * su_ + plan.units;
  suu_ = keep * suu_ + plan.units * plan.units;
  sy_ = keep * sy_ + y;
  suy_ = keep * suy_ + plan.units * y;
  last_speed_ = rate * synthesized_seconds / spoken_seconds;
  started_ = true;
}

}  // namespace narrate::synth
