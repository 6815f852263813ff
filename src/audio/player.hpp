// audio/player.hpp - playback through PortAudio's default output device
#pragma once

#include <memory>

#include "audio/sink.hpp"

namespace narrate::audio {

/// Plays audio on the default output device. write() blocks only while its ring buffer is full;
/// finish() drains so the last word is heard whole.
class Player : public Sink {
 public:
  /// Throws Error(Output) "no audio output device (use -o FILE to write a file)" when there is none.
  Player();
  ~Player() override;

  void start(const AudioFormat& format) override;
  void write(std::span<const std::int16_t> samples) override;
  void finish() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace narrate::audio
