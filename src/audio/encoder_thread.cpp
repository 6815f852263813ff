// audio/encoder_thread.cpp - a sink's slow work on a second core, fed through a bounded queue
#include "audio/encoder_thread.hpp"

#include <time.h>

#include <algorithm>
#include <utility>

namespace narrate::audio {

namespace {

// Blocks of about 0.4 s at 22050 Hz: large enough that locking costs nothing next to encoding,
// small enough that the encoder starts soon after synthesis does.
constexpr std::size_t kBlockSamples = 8192;

double thread_cpu_seconds() {
  timespec ts{};
  if (::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) return 0;
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

}  // namespace

EncoderThread::EncoderThread(Consume consume, Close close, std::size_t max_queued_samples)
    : consume_(std::move(consume)),
      close_(std::move(close)),
      max_blocks_(std::max<std::size_t>(2, max_queued_samples / kBlockSamples)),
      thread_([this] { run(); }) {
  pending_.reserve(kBlockSamples);
}

EncoderThread::~EncoderThread() {
  {
    std::lock_guard lock(mutex_);
    aborting_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void EncoderThread::run() noexcept {
  const double started = thread_cpu_seconds();
  std::unique_lock lock(mutex_);
  for (;;) {
    cv_.wait(lock, [&] { return aborting_ || closing_ || !queue_.empty(); });
    if (aborting_) break;
    if (queue_.empty()) {  // closing, and everything is encoded
      lock.unlock();
      try {
        close_();
      } catch (...) {
        lock.lock();
        error_ = std::current_exception();
        break;
      }
      lock.lock();
      break;
    }
    std::vector<std::int16_t> block = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    cv_.notify_all();  // room for push()
    try {
      consume_(block);
    } catch (...) {
      lock.lock();
      error_ = std::current_exception();
      break;
    }
    lock.lock();
  }
  done_ = true;
  busy_seconds_ = thread_cpu_seconds() - started;
  lock.unlock();
  cv_.notify_all();
}

void EncoderThread::send_pending() {
  std::unique_lock lock(mutex_);
  cv_.wait(lock, [&] { return done_ || queue_.size() < max_blocks_; });
  if (error_) std::rethrow_exception(error_);
  if (done_) return;
  queue_.push_back(std::move(pending_));
  lock.unlock();
  cv_.notify_all();
  pending_ = {};
  pending_.reserve(kBlockSamples);
}

void EncoderThread::push(std::span<const std::int16_t> samples) {
  while (!samples.empty()) {
    const std::size_t n = std::min(samples.size(), kBlockSamples - pending_.size());
    pending_.insert(pending_.end(), samples.begin(), samples.begin() + static_cast<long>(n));
    samples = samples.subspan(n);
    if (pending_.size() == kBlockSamples) send_pending();
  }
  // A failure shows at the next push even while the block is still filling.
  std::lock_guard lock(mutex_);
  if (error_) std::rethrow_exception(error_);
}

void EncoderThread::finish() {
  if (!pending_.empty()) send_pending();
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  if (error_) std::rethrow_exception(error_);
}

double EncoderThread::busy_seconds() const {
  std::lock_guard lock(mutex_);
  return busy_seconds_;
}

}  // namespace narrate::audio
