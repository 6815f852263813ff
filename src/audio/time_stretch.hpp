// audio/time_stretch.hpp - changing the tempo of speech without changing its pitch (libsonic)
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace narrate::audio {

/// Speeds mono 16-bit speech up (speed > 1) or slows it down (speed < 1) keeping its pitch, with
/// libsonic's pitch-synchronous overlap-add, which was made for speech and measured closer to
/// eSpeak's own fast speech than a phase vocoder (Rubber Band smears the consonants). The result
/// lasts about samples.size() / speed, give or take a pitch period. Speeds within 0.2 % of 1 are
/// returned unchanged. Throws Error(Voice) if libsonic cannot allocate its stream.
std::vector<std::int16_t> change_tempo(std::span<const std::int16_t> samples, int sample_rate_hz,
                                       double speed);

}  // namespace narrate::audio
