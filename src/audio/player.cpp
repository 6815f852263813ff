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
#include <vector>

#include "audio/portaudio_session.hpp"
#include "audio/resampler.hpp"
#include "audio/sample_ring.hpp"
#include "narrate/error.hpp"

namespace narrate::audio {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kNoDevice = "no audio output device (use -o FILE to write a file)";
constexpr const char* kDeviceStopped = "the audio output device stopped playing";
/// How long the device may ask for no audio at all before playback counts as broken.
constexpr auto kStallTimeout = std::chrono::seconds(5);
/// A longer pause between two check() calls means this process was not running (suspended with
/// Ctrl-Z, say): the device cannot be blamed for the callbacks missed meanwhile.
constexpr auto kCheckGap = std::chrono::seconds(1);

struct StreamCloser {
  void operator()(PaStream* stream) const noexcept { Pa_CloseStream(stream); }
};
using StreamPtr = std::unique_ptr<PaStream, StreamCloser>;

[[noreturn]] void fail(const std::string& what, PaError error) {
  throw Error(ErrorCode::Output, what + ": " + Pa_GetErrorText(error));
}

std::int64_t now_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

}  // namespace

struct Player::Impl {
  PortAudioSession session;
  PaDeviceIndex device = paNoDevice;

  AudioFormat format;
  int stream_rate_hz = 0;
  std::optional<Resampler> resampler;  ///< only when the device refused the format's rate
  std::vector<std::int16_t> pending;   ///< resampled audio that did not fit the ring yet
  std::optional<SampleRing> ring;
  std::chrono::microseconds wait_period{5000};
  std::int64_t latency_ns = 0;  ///< the stream's output latency; set before the stream starts

  std::mutex control;  ///< serialises PortAudio calls on the stream; never taken by the callback
  StreamPtr stream;
  bool started = false;
  bool finished = false;
  bool drain_requested = false;
  // Stall detection (check()), controlling thread only.
  std::int64_t seen_callbacks = 0;
  Clock::time_point last_progress{};
  Clock::time_point last_check{};

  // The timeline: input samples accepted so far, and where the stream timeline (frames at the
  // stream's rate) and the input timeline last met (at the latest resume()).
  std::atomic<std::int64_t> queued_input{0};
  bool low_latency = false;  // prefer_low_latency(): the device's low latency
  std::atomic<std::int64_t> floor_stream{0};
  std::atomic<std::int64_t> floor_input{0};
  std::atomic<std::int64_t> dropped_frames{0};  ///< queued, then dropped by halt()
  std::atomic<bool> halted{false};
  std::atomic<std::int64_t> heard_at_halt{0};
  std::atomic<bool> played_out{false};  ///< a drained stream has played everything
  mutable std::atomic<std::int64_t> last_heard{0};

  // Shared with the callback: atomics only.
  std::atomic<bool> draining{false};
  std::atomic<bool> stopped{false};
  std::atomic<bool> primed{false};
  std::atomic<std::int64_t> underruns{0};
  std::atomic<std::int64_t> played_frames{0};
  std::atomic<std::int64_t> callbacks{0};
  std::atomic<std::int64_t> first_audio_ns{0};
  // Where the last buffer handed over reaches the speaker: a seqlock (the callback writes, any
  // thread reads, nobody waits).
  std::atomic<std::uint64_t> snapshot_seq{0};
  std::atomic<std::int64_t> snapshot_base{0};    ///< stream frames before that buffer
  std::atomic<std::int64_t> snapshot_dac_ns{0};  ///< steady-clock time its first frame plays

  void publish(std::int64_t base, std::int64_t dac_ns) noexcept {
    snapshot_seq.fetch_add(1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    snapshot_base.store(base, std::memory_order_relaxed);
    snapshot_dac_ns.store(dac_ns, std::memory_order_relaxed);
    snapshot_seq.fetch_add(1, std::memory_order_release);
  }

  void read_snapshot(std::int64_t& base, std::int64_t& dac_ns) const noexcept {
    for (;;) {
      const std::uint64_t before = snapshot_seq.load(std::memory_order_acquire);
      base = snapshot_base.load(std::memory_order_relaxed);
      dac_ns = snapshot_dac_ns.load(std::memory_order_relaxed);
      std::atomic_thread_fence(std::memory_order_acquire);
      if ((before & 1u) == 0 && snapshot_seq.load(std::memory_order_relaxed) == before) return;
    }
  }

  // Runs on PortAudio's real-time thread: no locks, no allocation, nothing that throws.
  static int callback(const void*, void* output, unsigned long frames,
                      const PaStreamCallbackTimeInfo* time_info, PaStreamCallbackFlags,
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

    const std::int64_t now = now_ns();
    double ahead_s =
        time_info != nullptr ? time_info->outputBufferDacTime - time_info->currentTime : -1.0;
    std::int64_t ahead_ns = static_cast<std::int64_t>(ahead_s * 1e9);
    if (!(ahead_s >= 0.0 && ahead_s < 2.0)) ahead_ns = im->latency_ns;
    const std::int64_t played = im->played_frames.load(std::memory_order_relaxed);
    // While a stream starts, PortAudio fills the whole device buffer in a burst and dates each
    // part as if playing began at once; it begins later (PulseAudio waits for its prebuffer).
    // Only a buffer handed over a full latency ahead says where the speaker is.
    if (ahead_ns >= im->latency_ns * 3 / 4) {
      im->publish(played + im->dropped_frames.load(std::memory_order_relaxed), now + ahead_ns);
    }
    im->played_frames.store(played + static_cast<std::int64_t>(got / channels),
                            std::memory_order_relaxed);
    im->callbacks.fetch_add(1, std::memory_order_relaxed);
    if (got > 0) {
      im->primed.store(true, std::memory_order_relaxed);
      if (im->first_audio_ns.load(std::memory_order_relaxed) == 0) {
        im->first_audio_ns.store(now, std::memory_order_relaxed);
      }
    }
    if (got < wanted) {
      // paComplete lets PortAudio play out the buffers it holds before the stream goes idle.
      if (drain) return paComplete;
      if (im->primed.load(std::memory_order_relaxed)) {
        im->underruns.fetch_add(1, std::memory_order_relaxed);
      }
    }
    return paContinue;
  }

  std::int64_t to_input(std::int64_t stream_frames) const noexcept {
    const std::int64_t from = floor_stream.load(std::memory_order_relaxed);
    const std::int64_t into = floor_input.load(std::memory_order_relaxed);
    if (stream_rate_hz == format.sample_rate_hz || stream_rate_hz == 0) {
      return into + (stream_frames - from);
    }
    return into + (stream_frames - from) * format.sample_rate_hz / stream_rate_hz;
  }

  std::int64_t heard() const noexcept {
    if (halted.load(std::memory_order_acquire)) {
      return heard_at_halt.load(std::memory_order_relaxed);
    }
    const std::int64_t floor = floor_stream.load(std::memory_order_relaxed);
    const std::int64_t consumed = played_frames.load(std::memory_order_relaxed) +
                                  dropped_frames.load(std::memory_order_relaxed);
    std::int64_t frames = consumed;
    if (!played_out.load(std::memory_order_relaxed)) {
      std::int64_t base = 0;
      std::int64_t dac_ns = 0;
      read_snapshot(base, dac_ns);
      frames = base + (now_ns() - dac_ns) * stream_rate_hz / 1'000'000'000;
    }
    const std::int64_t estimate = to_input(std::clamp(frames, floor, std::max(floor, consumed)));
    // The device's timestamps jitter; what was heard never shrinks.
    std::int64_t last = last_heard.load(std::memory_order_relaxed);
    while (estimate > last &&
           !last_heard.compare_exchange_weak(last, estimate, std::memory_order_relaxed)) {
    }
    return std::max(estimate, last);
  }

  bool stream_active() {
    std::lock_guard lock(control);
    return stream && Pa_IsStreamActive(stream.get()) == 1;
  }

  // Moves resampled leftovers into the ring; true when none remain.
  bool flush_pending() noexcept {
    if (pending.empty()) return true;
    const std::size_t n = ring->push(pending);
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(n));
    return pending.empty();
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
  open(format);
  resume();
}

void Player::prefer_low_latency() noexcept { impl_->low_latency = true; }

void Player::open(const AudioFormat& format) {
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
  // Pause and stop do not wait for it: halt() aborts the stream, discarding what it holds.
  params.suggestedLatency =
      im.low_latency ? info->defaultLowOutputLatency : info->defaultHighOutputLatency;
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
  // Priming from the callback: after a resume() the stream starts with the queued audio
  // rather than a buffer of silence.
  PaError error =
      Pa_OpenStream(&raw, nullptr, &params, im.stream_rate_hz, paFramesPerBufferUnspecified,
                    paPrimeOutputBuffersUsingStreamCallback, &Impl::callback, &im);
  if (error != paNoError || raw == nullptr) throw Error(ErrorCode::Output, kNoDevice);
  std::lock_guard lock(im.control);
  im.stream.reset(raw);
  const PaStreamInfo* stream_info = Pa_GetStreamInfo(raw);
  im.latency_ns = static_cast<std::int64_t>(
      (stream_info != nullptr ? stream_info->outputLatency : params.suggestedLatency) * 1e9);
  im.started = true;
  im.halted.store(true);  // until resume()
}

std::size_t Player::push(std::span<const std::int16_t> samples) {
  Impl& im = *impl_;
  if (im.stopped.load()) return samples.size();
  if (!im.started || im.finished) {
    throw Error(ErrorCode::Output, im.finished ? "audio output: write() after finish()"
                                               : "audio output: write() before start()");
  }
  if (!im.resampler) {
    const std::size_t n = im.ring->push(samples);
    im.queued_input.fetch_add(static_cast<std::int64_t>(n));
    return n;
  }
  if (!im.flush_pending()) return 0;
  // A bounded block at a time, so what does not fit waits in `pending` rather than growing it.
  const std::span<const std::int16_t> block = samples.first(
      std::min<std::size_t>(samples.size(), 2048 * static_cast<std::size_t>(im.format.channels)));
  const std::span<const std::int16_t> converted = im.resampler->process(block);
  im.pending.assign(converted.begin(), converted.end());
  im.flush_pending();
  im.queued_input.fetch_add(static_cast<std::int64_t>(block.size()));
  return block.size();
}

std::size_t Player::free_space() const noexcept {
  const Impl& im = *impl_;
  if (!im.ring) return 0;
  const std::size_t space = im.ring->space();
  if (!im.resampler) return space;
  if (im.pending.size() >= space) return 0;
  return (space - im.pending.size()) * static_cast<std::size_t>(im.format.sample_rate_hz) /
         static_cast<std::size_t>(im.stream_rate_hz);
}

void Player::write(std::span<const std::int16_t> samples) {
  Impl& im = *impl_;
  while (!samples.empty() && !im.stopped.load()) {
    samples = samples.subspan(push(samples));
    if (samples.empty()) break;
    // The callback cannot signal a condition variable without locking, so the writer polls at
    // a fraction of the ring's duration.
    std::this_thread::sleep_for(im.wait_period);
    check();
  }
}

std::int64_t Player::halt() {
  Impl& im = *impl_;
  std::lock_guard lock(im.control);
  if (!im.started || im.finished) return im.heard();
  if (im.halted.load()) return im.heard_at_halt.load();
  const std::int64_t heard = im.heard();
  im.heard_at_halt.store(heard);
  im.halted.store(true, std::memory_order_release);
  if (im.stream) {
    const PaError error = Pa_AbortStream(im.stream.get());
    // A stream that completed (drained) or died is already stopped: nothing to silence.
    if (error != paNoError && error != paStreamIsStopped && !im.stopped.load()) {
      fail("cannot pause audio output", error);
    }
  }
  // The callback no longer runs, so this thread is the ring's consumer now.
  const auto channels = static_cast<std::int64_t>(im.format.channels);
  const auto queued = static_cast<std::int64_t>(im.ring->size() + im.pending.size());
  im.ring->drop();
  im.pending.clear();
  im.dropped_frames.fetch_add(queued / channels);
  im.primed.store(false);
  im.draining.store(false);
  im.played_out.store(false);
  im.drain_requested = false;
  return heard;
}

void Player::resume() {
  Impl& im = *impl_;
  std::lock_guard lock(im.control);
  if (!im.halted.load() || !im.stream || im.stopped.load()) return;
  // The timelines meet at the next frame the callback will take: what is queued now (pushed
  // while halted) lies after it.
  const std::int64_t consumed = im.played_frames.load() + im.dropped_frames.load();
  const auto waiting =
      static_cast<std::int64_t>((im.ring->size() + im.pending.size()) / im.format.channels);
  im.floor_stream.store(consumed);
  im.floor_input.store(im.queued_input.load() -
                       waiting * im.format.sample_rate_hz / im.stream_rate_hz);
  im.publish(consumed, now_ns() + im.latency_ns);
  im.halted.store(false, std::memory_order_release);
  const PaError error = Pa_StartStream(im.stream.get());
  if (error != paNoError) fail("cannot start audio output", error);
  im.last_progress = im.last_check = Clock::now();
}

void Player::drain() noexcept {
  Impl& im = *impl_;
  im.drain_requested = true;
  // With leftovers still outside the ring, drained() sets the flag once they are in: a ring
  // that runs dry before then would end the stream early.
  if (im.pending.empty()) im.draining.store(true, std::memory_order_release);
}

bool Player::drained() {
  Impl& im = *impl_;
  if (!im.drain_requested || im.halted.load()) return false;
  if (!im.draining.load()) {
    if (!im.flush_pending()) return false;
    im.draining.store(true, std::memory_order_release);
  }
  if (im.stream_active()) return false;
  im.played_out.store(true);
  return true;
}

void Player::check() {
  Impl& im = *impl_;
  std::lock_guard lock(im.control);
  if (!im.started || im.finished || im.halted.load() || im.stopped.load() || !im.stream) return;
  const auto now = Clock::now();
  if (Pa_IsStreamActive(im.stream.get()) != 1 && !im.draining.load()) {
    throw Error(ErrorCode::Output, kDeviceStopped);
  }
  const std::int64_t callbacks = im.callbacks.load();
  if (callbacks != im.seen_callbacks || now - im.last_check > kCheckGap) {
    im.seen_callbacks = callbacks;
    im.last_progress = now;
  }
  im.last_check = now;
  if (now - im.last_progress > kStallTimeout) throw Error(ErrorCode::Output, kDeviceStopped);
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
  if (im.halted.load()) resume();
  if (im.resampler) write(im.resampler->flush());
  drain();

  // The callback returns paComplete once the ring runs dry; PortAudio then plays out what it
  // holds and marks the stream inactive. Wait for that rather than for the ring alone, or the
  // last word is clipped.
  while (!im.stopped.load() && !drained()) {
    std::this_thread::sleep_for(im.wait_period);
    try {
      check();
    } catch (...) {
      im.abort_stream();
      throw;
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

std::int64_t Player::queued_samples() const noexcept { return impl_->queued_input.load(); }

std::int64_t Player::heard_samples() const noexcept { return impl_->heard(); }

std::int64_t Player::latency_samples() const noexcept {
  const Impl& im = *impl_;
  return im.latency_ns * im.format.sample_rate_hz / 1'000'000'000;
}

std::int64_t Player::first_audio_ns() const noexcept { return impl_->first_audio_ns.load(); }

}  // namespace narrate::audio
