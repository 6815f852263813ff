// audio/time_stretch.cpp - changing the tempo of speech without changing its pitch (libsonic)
#include "audio/time_stretch.hpp"

#include <sonic.h>

#include <cmath>
#include <memory>

#include "narrate/error.hpp"

namespace narrate::audio {

namespace {
struct SonicCloser {
  void operator()(sonicStream stream) const noexcept { sonicDestroyStream(stream); }
};
}  // namespace

std::vector<std::int16_t> change_tempo(std::span<const std::int16_t> samples, int sample_rate_hz,
                                       double speed) {
  if (samples.empty() || !std::isfinite(speed) || speed <= 0 || std::abs(speed - 1) < 0.002) {
    return {samples.begin(), samples.end()};
  }
  // One stream per utterance: sonic keeps no state worth carrying between sentences, and a fresh
  // stream cannot leak one sentence's tail into the next.
  const std::unique_ptr<sonicStreamStruct, SonicCloser> stream(
      sonicCreateStream(sample_rate_hz, 1));
  if (!stream) throw Error(ErrorCode::Voice, "time-stretch: out of memory");
  sonicSetSpeed(stream.get(), static_cast<float>(speed));
  // sonic's input pointer is not const; it only reads, but a copy keeps the caller's span honest
  // and lets the input be written in one call.
  std::vector<std::int16_t> input(samples.begin(), samples.end());
  if (sonicWriteShortToStream(stream.get(), input.data(), static_cast<int>(input.size())) == 0 ||
      sonicFlushStream(stream.get()) == 0) {
    throw Error(ErrorCode::Voice, "time-stretch: out of memory");
  }
  std::vector<std::int16_t> output(static_cast<std::size_t>(sonicSamplesAvailable(stream.get())));
  const int read =
      sonicReadShortFromStream(stream.get(), output.data(), static_cast<int>(output.size()));
  output.resize(static_cast<std::size_t>(std::max(read, 0)));
  return output;
}

}  // namespace narrate::audio
