// synth/rate.hpp - from the words per minute a listener should hear to eSpeak's nominal rate
#pragma once

#include <cstdint>
#include <string_view>

namespace narrate::synth {

/// The rate to ask eSpeak NG for so that speech (without narrate's pauses) runs at target_wpm.
int espeak_rate_for(double target_wpm, std::string_view voice);

/// narrate's own silence after a sentence, after a paragraph and after a heading/title, in
/// samples, scaled with the speed (shorter pauses at faster speeds, never zero).
struct Pauses {
  std::int64_t sentence = 0;
  std::int64_t paragraph = 0;
  std::int64_t heading = 0;
};
Pauses pauses_for(double target_wpm, int sample_rate_hz);

}  // namespace narrate::synth
