// audio/player.cpp - playback through PortAudio's default output device
#include "audio/player.hpp"

#include <portaudio.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "audio/portaudio_session.hpp"
#include "audio/resampler.hpp"
#include "audio/sample_ring.hpp"
#include "narrate/error.hpp"

namespace narrate::audio {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kNoDevice = "no audio output device (use -o FILE to write a file)";
/// How long the device may take no audio at all before playback counts as broken.
constexpr auto kStallTimeout = std::chrono::seconds(5);

struct StreamCloser {
  void operator()(PaStream* stream) const noexcept { Pa_CloseStream(stream); }
};
using StreamPtr = std::unique_ptr<PaStream, StreamCloser>;

[[noreturn]] void fail(const std::string& what, PaError error) {
  throw Error(ErrorCode::Output, what + ": " + Pa_GetErrorText(error));
}

}  // namespace

struct Player::Impl {
  PortAudioSession session;
  PaDeviceIndex device = paNoDevice;

  AudioFormat format;
  int stream_rate_hz = 0;
  std::optional<Resampler> resampler;  ///< only when the device refused the format's rate
  std::optional<SampleRing> ring;
  std::chrono::microseconds wait_period{5000};

  std::mutex control;  ///< serialises PortAudio calls on the stream; never taken by the callback
  StreamPtr stream;
  bool started = false;
  bool finished = false;

  // Shared with the callback: atomics only.
  std::atomic<bool> draining{false};
  std::atomic<bool> stopped{false};
  std::atomic<bool> primed{false};
  std::atomic<std::int64_t> underruns{0};
  std::atomic<std::int64_t> played_frames{0};

  // Runs on PortAudio's real-time thread: no locks, no allocation, nothing that throws.
  static int callback(const void*, void* output, unsigned long frames,
                      const PaStreamCallbackTimeInfo*, PaStreamCallbackFlags,
                      void* user) noexcept {
    auto* im = static_cast<Impl*>(user);
    auto* out = static_cast<std::int16_t*>(output);
    const auto channels = static_cast<std::size_t>(im->format.channels);
    const std::size_t wanted = frames * channels;
    // Read the flag before popping: once it is seen set, every sample ever written is visible
    // to the pop, so a short pop really means the end.
    const bool drain = im->draining.load(std::memory_order_acquire);
    const std::size_t got = im->ring->pop({out, wanted});
    std::fill(out + got, out + wanted, std::int16_t{0});
    im->played_frames.fetch_add(static_cast<std::int64_t>(got / channels),
                                std::memory_order_relaxed);
    if (got > 0) im->primed.store(true, std::memory_order_relaxed);
    if (got < wanted) {
      // paComplete lets PortAudio play out the buffers it holds before the stream goes idle.
      if (drain) return paComplete;
      if (im->primed.load(std::memory_order_relaxed)) {
        im->underruns.fetch_add(1, std::memory_order_relaxed);
      }
    }
    return paContinue;
  }

  bool stream_active() {
    std::lock_guard lock(control);
    return stream && Pa_IsStreamActive(stream.get()) == 1;
  }

  /// Pushes everything, sleeping while the ring is full (the callback cannot signal a condition
  /// variable without locking, so the writer polls at a fraction of the ring's duration).
  void push_all(std::span<const std::int16_t> samples) {
    auto last_progress = Clock::now();
    std::size_t last_size = ring->size();
    while (!samples.empty() && !stopped.load()) {
      samples = samples.subspan(ring->push(samples));
      if (samples.empty()) break;
      std::this_thread::sleep_for(wait_period);
      const std::size_t size = ring->size();
      if (size != last_size) {
        last_size = size;
        last_progress = Clock::now();
      } else if (Clock::now() - last_progress > kStallTimeout || !stream_active()) {
        if (stopped.load()) break;
        throw Error(ErrorCode::Output, "the audio output device stopped playing");
      }
    }
  }

  void abort_stream() noexcept {
    std::lock_guard lock(control);
    if (stream) {
      Pa_AbortStream(stream.get());
      stream.reset();
    }
    // The callback is gone, so this thread may act as the ring's consumer.
    if (ring) ring->drop();
  }
};

Player::Player() : impl_(std::make_unique<Impl>()) {
  impl_->device = Pa_GetDefaultOutputDevice();
  if (impl_->device == paNoDevice || Pa_GetDeviceInfo(impl_->device) == nullptr) {
    throw Error(ErrorCode::Output, kNoDevice);
  }
}

Player::~Player() {
  // Unfinished playback is abandoned, not drained: the caller is unwinding or gave up.
  impl_->stopped.store(true);
  impl_->abort_stream();
}

void Player::start(const AudioFormat& format) {
  Impl& im = *impl_;
  if (im.started) throw Error(ErrorCode::Output, "audio output: start() called twice");
  if (format.sample_rate_hz <= 0 || format.channels <= 0) {
    throw Error(ErrorCode::Output, "audio output: invalid format");
  }
  im.format = format;
  const PaDeviceInfo* info = Pa_GetDeviceInfo(im.device);

  PaStreamParameters params{};
  params.device = im.device;
  params.channelCount = format.channels;
  params.sampleFormat = paInt16;
  // The high latency: speech needs no low latency, and larger buffers survive a busy machine.
  params.suggestedLatency = info->defaultHighOutputLatency;
  params.hostApiSpecificStreamInfo = nullptr;

  im.stream_rate_hz = format.sample_rate_hz;
  if (Pa_IsFormatSupported(nullptr, &params, format.sample_rate_hz) != paFormatIsSupported) {
    // ALSA "default" and the pulse plugin convert any rate; a raw hw device may not, so fall
    // back to the device's own rate and convert here.
    im.stream_rate_hz = static_cast<int>(info->defaultSampleRate);
    im.resampler.emplace(format.sample_rate_hz, im.stream_rate_hz, format.channels);
  }

  // About half a second queued: enough to ride out scheduling hiccups, small enough that
  // write() paces the synthesizer instead of letting it run far ahead.
  im.ring.emplace(static_cast<std::size_t>(im.stream_rate_hz / 2 * format.channels));
  const double ring_seconds =
      double(im.ring->capacity()) / format.channels / double(im.stream_rate_hz);
  im.wait_period = std::chrono::microseconds(
      std::clamp<long>(static_cast<long>(ring_seconds * 1e6 / 8), 2000, 20000));

  PaStream* raw = nullptr;
  PaError error = Pa_OpenStream(&raw, nullptr, &params, im.stream_rate_hz,
                                paFramesPerBufferUnspecified, paNoFlag, &Impl::callback, &im);
  if (error != paNoError || raw == nullptr) throw Error(ErrorCode::Output, kNoDevice);
  std::lock_guard lock(im.control);
  im.stream.reset(raw);
  error = Pa_StartStream(raw);
  if (error != paNoError) {
    im.stream.reset();
    fail("cannot start audio output", error);
  }
  im.started = true;
}

void Player::write(std::span<const std::int16_t> samples) {
  Impl& im = *impl_;
  if (im.stopped.load()) return;
  if (!im.started || im.finished) {
    throw Error(ErrorCode::Output, im.finished ? "audio output: write() after finish()"
                                               : "audio output: write() before start()");
  }
  im.push_all(im.resampler ? im.resampler->process(samples) : samples);
}

void Player::finish() {
  Impl& im = *impl_;
  if (im.finished || !im.started) {
    im.finished = true;
    return;
  }
  if (im.stopped.load()) {
    im.finished = true;
    im.abort_stream();
    return;
  }
  if (im.resampler) im.push_all(im.resampler->flush());
  im.draining.store(true, std::memory_order_release);

  // The callback returns paComplete once the ring runs dry; PortAudio then plays out what it
  // holds and marks the stream inactive. Wait for that rather than for the ring alone, or the
  // last word is clipped.
  auto last_progress = Clock::now();
  std::int64_t last_played = im.played_frames.load();
  while (!im.stopped.load() && im.stream_active()) {
    std::this_thread::sleep_for(im.wait_period);
    const std::int64_t played = im.played_frames.load();
    if (played != last_played) {
      last_played = played;
      last_progress = Clock::now();
    } else if (Clock::now() - last_progress > kStallTimeout) {
      im.abort_stream();
      throw Error(ErrorCode::Output, "the audio output device stopped playing");
    }
  }
  im.finished = true;
  std::lock_guard lock(im.control);
  if (im.stream) {
    // Stops a completed stream (needed before closing) and lets any buffer still queued play.
    const PaError error = Pa_StopStream(im.stream.get());
    im.stream.reset();
    if (error != paNoError && !im.stopped.load()) fail("cannot finish audio output", error);
  }
}

void Player::stop() noexcept {
  impl_->stopped.store(true);
  impl_->abort_stream();
}

std::int64_t Player::underruns() const noexcept { return impl_->underruns.load(); }

std::int64_t Player::played_samples() const noexcept {
  const Impl& im = *impl_;
  const std::int64_t frames = im.played_frames.load();
  if (!im.resampler || im.stream_rate_hz == 0) return frames;
  return frames * im.format.sample_rate_hz / im.stream_rate_hz;
}

}  // namespace narrate::audio
