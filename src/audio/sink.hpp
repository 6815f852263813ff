// audio/sink.hpp - where audio goes: the Sink interface and an in-memory sink
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace narrate::audio {

/// Mono 16-bit PCM at a sample rate.
struct AudioFormat {
  int sample_rate_hz = 22050;
  int channels = 1;
};

/// Between two utterances: what ended, and what comes next (a sink split into parts may cut here).
struct SinkBoundary {
  bool paragraph = false;  ///< a paragraph (or heading) ended
  bool chapter = false;    ///< the next utterance begins a heading
  std::string next_title;  ///< the next utterance's text (a chapter's title)
};

/// A destination for audio. start() once, write() any number of times (with boundary() between
/// utterances), finish() to complete; destroying an unfinished sink abandons it (a file sink
/// leaves no file behind).
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void start(const AudioFormat& format) = 0;
  virtual void write(std::span<const std::int16_t> samples) = 0;
  /// Between two utterances; only a sink that writes parts acts on it. Throws Error(Output).
  virtual void boundary(const SinkBoundary& /*between*/) {}
  /// Completes the output (drains playback, renames the file). Throws Error(Output).
  virtual void finish() = 0;

  /// The part (from 1) the next audio goes into; 0 for a sink that is not split into parts.
  virtual std::size_t part() const noexcept { return 0; }
  /// The files written (or being written), in order; none for a sink that writes no file.
  virtual std::vector<std::string> paths() const { return {}; }
  /// CPU seconds spent encoding (0 for uncompressed output).
  virtual double encode_seconds() const noexcept { return 0; }
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
