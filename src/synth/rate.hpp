// synth/rate.hpp - from the words per minute a listener should hear to eSpeak's nominal rate
#pragma once

#include <cstdint>
#include <string_view>

namespace narrate::synth {

/// eSpeak's own floor: every rate below 80 sounds like 80.
inline constexpr int kMinEspeakRate = 80;
/// Above espeakRATE_MAXIMUM (450) eSpeak hands the speed-up to libsonic, which keeps tracking the
/// nominal rate far beyond narrate's 900 WPM; 950 leaves room for the en-us calibration.
inline constexpr int kMaxEspeakRate = 950;
/// The first rate at which eSpeak NG 1.51 switches to libsonic (a different pause profile,
/// about 5x the CPU, reportedly buzzier audio).
inline constexpr int kSonicRate = 450;

/// The rate to ask eSpeak NG for so that its speech, with its own sentence and paragraph pauses
/// (whole-text timing, which sentence-by-sentence synthesis with ENDPAUSE reproduces), runs at
/// target_wpm. `voice` is an eSpeak voice name as Engine::resolve_voice() gives it ("en-us+anna",
/// "en", "de+leo"). Result in kMinEspeakRate..kMaxEspeakRate; never throws.
int espeak_rate_for(double target_wpm, std::string_view voice);

/// narrate's own silence after a sentence, after a paragraph and after a heading/title, in
/// samples, scaled with the speed (shorter pauses at faster speeds, never zero). These come on
/// top of the final pause eSpeak already puts at the end of every synthesize() call.
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
