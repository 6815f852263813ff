// audio/resampler.cpp - streaming int16 sample-rate conversion through libsoxr
#include "audio/resampler.hpp"

#include <soxr.h>

#include <string>

#include "narrate/error.hpp"

namespace narrate::audio {

void Resampler::SoxrDeleter::operator()(void* soxr) const noexcept {
  soxr_delete(static_cast<soxr_t>(soxr));
}

Resampler::Resampler(int input_rate_hz, int output_rate_hz, int channels)
    : input_rate_hz_(input_rate_hz), output_rate_hz_(output_rate_hz), channels_(channels) {
  soxr_error_t error = nullptr;
  const soxr_io_spec_t io = soxr_io_spec(SOXR_INT16_I, SOXR_INT16_I);
  // HQ (20-bit) is far above what 16-bit speech needs and still costs little next to encoding.
  const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
  soxr_t soxr = soxr_create(input_rate_hz, output_rate_hz, static_cast<unsigned>(channels), &error,
                            &io, &quality, nullptr);
  if (!soxr || error) {
    if (soxr) soxr_delete(soxr);
    throw Error(ErrorCode::Output, "cannot resample " + std::to_string(input_rate_hz) + " Hz to " +
                                       std::to_string(output_rate_hz) +
                                       " Hz: " + soxr_strerror(error));
  }
  soxr_.reset(soxr);
}

Resampler::~Resampler() = default;
Resampler::Resampler(Resampler&&) noexcept = default;
Resampler& Resampler::operator=(Resampler&&) noexcept = default;

std::span<const std::int16_t> Resampler::process(std::span<const std::int16_t> input) {
  return run(input.data(), input.size() / static_cast<std::size_t>(channels_));
}

std::span<const std::int16_t> Resampler::flush() { return run(nullptr, 0); }

std::span<const std::int16_t> Resampler::run(const std::int16_t* input, std::size_t frames) {
  const auto channels = static_cast<std::size_t>(channels_);
  const double ratio = double(output_rate_hz_) / double(input_rate_hz_);
  // Room for this block plus what the filter held back; more is fetched in the loop if needed.
  const std::size_t chunk_frames = static_cast<std::size_t>(double(frames) * ratio) + 1024;
  output_.clear();
  std::size_t used = 0;
  auto* soxr = static_cast<soxr_t>(soxr_.get());
  for (;;) {
    const std::size_t have = output_.size();
    output_.resize(have + chunk_frames * channels);
    std::size_t in_done = 0;
    std::size_t out_done = 0;
    const std::int16_t* in = input ? input + used * channels : nullptr;
    soxr_error_t error = soxr_process(soxr, in, input ? frames - used : 0, &in_done,
                                      output_.data() + have, chunk_frames, &out_done);
    if (error) {
      output_.clear();
      throw Error(ErrorCode::Output, std::string("resampling failed: ") + error);
    }
    used += in_done;
    output_.resize(have + out_done * channels);
    // Done when all input is taken and soxr had no more to give than the room it got.
    if (used >= frames && out_done < chunk_frames) break;
  }
  return output_;
}

}  // namespace narrate::audio
