// synth/rate.hpp - eSpeak NG's rate range and narrate's speed-scaled pauses
#pragma once

#include <cstdint>

namespace narrate::synth {

/// eSpeak's own floor: every rate below 80 sounds like 80.
inline constexpr int kMinEspeakRate = 80;
/// The engine accepts rates up to here. Above espeakRATE_MAXIMUM (450) eSpeak hands the speed-up
/// to libsonic at 175-WPM timing; narrate's calibration (calibration.hpp) stays below that and
/// stretches 449-rate speech itself, so this bound is only the engine's safety net.
inline constexpr int kMaxEspeakRate = 950;
/// The first rate at which eSpeak NG 1.51 switches to libsonic (a different pause profile,
/// about 5x the CPU, audibly rougher speech).
inline constexpr int kSonicRate = 450;

/// narrate always adds at least this much silence of its own (ms), so that blocks never run into
/// each other even where eSpeak's final pause is already longer than the target (below ~180 WPM).
inline constexpr double kMinOwnPauseMs = 10;

/// narrate's own silence after a sentence, after a paragraph and after a heading/title, in
/// samples, scaled with the speed (shorter pauses at faster speeds, never zero). These come on
/// top of the final pause eSpeak already puts at the end of every synthesize() call, estimated
/// at a rate equal to the speed; the Renderer measures the real final silence and tops it up
/// to pause_targets_ms() instead, and plans with these.
struct Pauses {
  std::int64_t sentence = 0;
  std::int64_t paragraph = 0;
  std::int64_t heading = 0;
};
Pauses pauses_for(double target_wpm, int sample_rate_hz);

/// The silence a listener should hear in total at a sentence / paragraph / heading boundary, in
/// milliseconds (eSpeak's final pause plus narrate's own); what pauses_for() is derived from.
struct PauseTargetsMs {
  double sentence = 0;
  double paragraph = 0;
  double heading = 0;
};
PauseTargetsMs pause_targets_ms(double target_wpm);

/// The final pause eSpeak NG 1.51 itself appends to one call with espeakENDPAUSE, in
/// milliseconds, at a given nominal rate (measured; see notes/espeak-ng-1.51.md 2.2).
double espeak_end_pause_ms(int espeak_rate);

}  // namespace narrate::synth
