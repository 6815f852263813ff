// audio/sink.hpp - where audio goes: the Sink interface and an in-memory sink
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace narrate::audio {

/// Mono 16-bit PCM at a sample rate.
struct AudioFormat {
  int sample_rate_hz = 22050;
  int channels = 1;
};

/// A destination for audio. start() once, write() any number of times, finish() to complete;
/// destroying an unfinished sink abandons it (a file sink leaves no file behind).
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void start(const AudioFormat& format) = 0;
  virtual void write(std::span<const std::int16_t> samples) = 0;
  /// Completes the output (drains playback, renames the file). Throws Error(Output).
  virtual void finish() = 0;
};

/// Keeps every sample; for tests and for measuring.
class MemorySink : public Sink {
 public:
  void start(const AudioFormat& format) override { format_ = format; }
  void write(std::span<const std::int16_t> samples) override {
    samples_.insert(samples_.end(), samples.begin(), samples.end());
  }
  void finish() override { finished_ = true; }

  const AudioFormat& format() const noexcept { return format_; }
  const std::vector<std::int16_t>& samples() const noexcept { return samples_; }
  bool finished() const noexcept { return finished_; }

 private:
  AudioFormat format_;
  std::vector<std::int16_t> samples_;
  bool finished_ = false;
};

}  // namespace narrate::audio
