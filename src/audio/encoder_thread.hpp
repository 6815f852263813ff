// audio/encoder_thread.hpp - a sink's slow work on a second core, fed through a bounded queue
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

namespace narrate::audio {

/// Runs `consume` (an encoder) on its own thread over the samples push()ed to it, so that
/// synthesis goes on while the previous blocks are encoded. The queue holds at most about
/// `max_queued_samples`, so a slow encoder makes push() wait instead of memory growing with the
/// article. An exception thrown by `consume` or `close` stops the thread; push() and finish()
/// rethrow it on the caller's thread.
class EncoderThread {
 public:
  using Consume = std::function<void(std::span<const std::int16_t>)>;
  using Close = std::function<void()>;

  /// `close` runs on the encoder thread after the last block (flushing the encoder is encoding
  /// work too, and belongs on the second core).
  EncoderThread(Consume consume, Close close, std::size_t max_queued_samples);
  /// Stops at the next block without running `close` and joins; never throws.
  ~EncoderThread();
  EncoderThread(const EncoderThread&) = delete;
  EncoderThread& operator=(const EncoderThread&) = delete;

  /// Queues a copy of the samples; waits while the queue is full. Rethrows the encoder's error.
  void push(std::span<const std::int16_t> samples);
  /// Queues what is left, runs `close`, joins. Rethrows the encoder's error. Call once.
  void finish();
  /// CPU seconds the encoder thread has used (complete after finish()).
  double busy_seconds() const;

 private:
  void run() noexcept;
  void send_pending();

  Consume consume_;
  Close close_;
  std::size_t max_blocks_;
  std::vector<std::int16_t> pending_;  ///< filled by push() until a block is worth a hand-over

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::vector<std::int16_t>> queue_;
  bool closing_ = false;   ///< no more blocks will come: run close_ and end
  bool aborting_ = false;  ///< end now, dropping what is queued
  bool done_ = false;
  std::exception_ptr error_;
  double busy_seconds_ = 0;
  std::thread thread_;  ///< last: starts once everything above exists
};

}  // namespace narrate::audio
