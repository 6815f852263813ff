// audio/player.hpp - playback through PortAudio's default output device
#pragma once

#include <cstdint>
#include <memory>

#include "audio/sink.hpp"

namespace narrate::audio {

/// Plays audio on the default output device. write() blocks only while its ring buffer is full;
/// finish() drains so the last word is heard whole.
class Player : public Sink {
 public:
  /// Holds PortAudio for the player's lifetime. Throws Error(Output) "no audio output device
  /// (use -o FILE to write a file)" when there is none.
  Player();
  ~Player() override;

  /// Opens and starts the stream at the format's rate (or, when the device refuses that rate,
  /// at the device's own rate with resampling). Throws Error(Output).
  void start(const AudioFormat& format) override;
  /// Queues samples; blocks while the queue is full. Returns at once after stop().
  /// Throws Error(Output) when the device stops taking audio.
  void write(std::span<const std::int16_t> samples) override;
  /// Waits until everything written has been played, then closes the stream. Throws Error(Output).
  void finish() override;

  /// Silences playback at once and drops what is queued; write() and finish() then return
  /// without playing. May be called from another thread than write() (not from a signal
  /// handler: set a flag there and call stop() from a thread).
  void stop() noexcept;

  /// Times the device asked for audio while none was queued (silence was played instead).
  std::int64_t underruns() const noexcept;
  /// Samples per channel handed to the device so far, at the rate given to start().
  std::int64_t played_samples() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace narrate::audio
