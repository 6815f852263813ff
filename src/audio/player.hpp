// audio/player.hpp - playback through PortAudio's default output device
#pragma once

#include <cstdint>
#include <memory>

#include "audio/sink.hpp"

namespace narrate::audio {

/// Plays audio on the default output device. As a Sink: write() blocks only while its ring
/// buffer is full; finish() drains so the last word is heard whole.
///
/// For an interactive player, one controlling thread may instead use push() (never blocks),
/// halt()/resume() (silence at once, then go on with other audio), drain()/drained() and check();
/// heard_samples() says how much of what was queued has reached the listener. Positions count
/// samples at the format's rate on one running timeline: audio dropped by halt() keeps its
/// place on the timeline (it is never heard), so what is queued after a halt() starts at
/// queued_samples().
class Player : public Sink {
 public:
  /// Holds PortAudio for the player's lifetime. Throws Error(Output) "no audio output device
  /// (use -o FILE to write a file)" when there is none.
  Player();
  ~Player() override;

  /// Opens and starts the stream at the format's rate (or, when the device refuses that rate,
  /// at the device's own rate with resampling). Until audio is queued it plays silence.
  /// Throws Error(Output).
  void start(const AudioFormat& format) override;
  /// Asks for the device's low output latency instead of its high one (for a screen reader:
  /// speech starts and stops sooner, at more risk of underruns). Call before start()/open().
  void prefer_low_latency() noexcept;
  /// Opens the stream as start() does but leaves it halted: push() queues, and resume() starts
  /// the stream with that audio already in its first buffer (no leading buffer of silence, so
  /// the first sound comes one device latency sooner). Throws Error(Output).
  void open(const AudioFormat& format);
  /// Queues samples; blocks while the queue is full. Returns at once after stop().
  /// Throws Error(Output) when the device stops taking audio.
  void write(std::span<const std::int16_t> samples) override;
  /// Waits until everything written has been played, then closes the stream. Throws Error(Output).
  void finish() override;

  /// Silences playback at once and drops what is queued; write() and finish() then return
  /// without playing. May be called from another thread than write() (not from a signal
  /// handler: set a flag there and call stop() from a thread).
  void stop() noexcept;

  /// Queues as many samples as fit now (never blocks); returns how many were taken. While
  /// halted, queued audio waits for resume(). Throws Error(Output) as check() does.
  std::size_t push(std::span<const std::int16_t> samples);
  /// How many samples push() would take now.
  std::size_t free_space() const noexcept;
  /// Silences the output at once (aborts the stream: what the device still held is not played)
  /// and drops everything queued. Returns heard_samples() at that moment. Throws Error(Output).
  std::int64_t halt();
  /// Starts the stream again after halt(), playing what was pushed since. Throws Error(Output).
  void resume();
  /// No more audio will come: once the queue runs dry the stream plays out and completes.
  void drain() noexcept;
  /// True once a drained stream has played everything (the last sample reached the device).
  bool drained();
  /// Throws Error(Output) "the audio output device stopped playing" when the stream ended by
  /// itself (the device went away) or has not asked for audio for several seconds.
  void check();

  /// Times the device asked for audio while none was queued (silence was played instead).
  std::int64_t underruns() const noexcept;
  /// Samples per channel handed to the device so far, at the rate given to start().
  std::int64_t played_samples() const noexcept;
  /// Samples accepted by push()/write() so far: the timeline position of the next push.
  std::int64_t queued_samples() const noexcept;
  /// Timeline position the listener has heard up to: what was handed to the device less what
  /// the device still holds, from PortAudio's output timestamps. While halted: the value
  /// halt() returned.
  std::int64_t heard_samples() const noexcept;
  /// The device's output latency in samples (what it holds between callback and speaker).
  std::int64_t latency_samples() const noexcept;
  /// steady_clock time, in nanoseconds since its epoch, at which the first audio (not silence)
  /// was handed to PortAudio; 0 until then.
  std::int64_t first_audio_ns() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace narrate::audio
