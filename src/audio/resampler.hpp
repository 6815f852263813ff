// audio/resampler.hpp - streaming int16 sample-rate conversion through libsoxr
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace narrate::audio {

/// Converts interleaved int16 audio from one rate to another, block by block, keeping the
/// filter state between blocks so block edges leave no clicks.
class Resampler {
 public:
  /// Throws Error(Output) with libsoxr's message when the conversion cannot be set up.
  Resampler(int input_rate_hz, int output_rate_hz, int channels);
  ~Resampler();
  Resampler(Resampler&&) noexcept;
  Resampler& operator=(Resampler&&) noexcept;

  /// Resamples a block; the returned samples stay valid until the next call.
  /// Throws Error(Output).
  std::span<const std::int16_t> process(std::span<const std::int16_t> input);
  /// Ends the input and returns what the filter still holds; call once, last.
  std::span<const std::int16_t> flush();

  int input_rate_hz() const noexcept { return input_rate_hz_; }
  int output_rate_hz() const noexcept { return output_rate_hz_; }

 private:
  std::span<const std::int16_t> run(const std::int16_t* input, std::size_t frames);

  struct SoxrDeleter {
    void operator()(void* soxr) const noexcept;
  };
  std::unique_ptr<void, SoxrDeleter> soxr_;
  int input_rate_hz_ = 0;
  int output_rate_hz_ = 0;
  int channels_ = 1;
  std::vector<std::int16_t> output_;
};

}  // namespace narrate::audio
