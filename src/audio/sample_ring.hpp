// audio/sample_ring.hpp - a lock-free single-producer/single-consumer ring of int16 samples
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace narrate::audio {

/// The bridge between the writer thread and PortAudio's callback: neither side locks, and
/// neither allocates after construction. One thread may push, one other thread may pop.
class SampleRing {
 public:
  /// Capacity is rounded up to a power of two so positions wrap with a mask.
  explicit SampleRing(std::size_t min_capacity) {
    capacity_ = 1;
    while (capacity_ < min_capacity) capacity_ <<= 1;
    data_ = std::make_unique<std::int16_t[]>(capacity_);
  }

  std::size_t capacity() const noexcept { return capacity_; }

  /// Samples waiting to be popped (exact for the consumer, a lower bound for the producer).
  std::size_t size() const noexcept {
    return written_.load(std::memory_order_acquire) - read_.load(std::memory_order_acquire);
  }

  /// Places free for the producer (exact for the producer, a lower bound for the consumer).
  std::size_t space() const noexcept { return capacity_ - size(); }

  /// Producer: copies as much as fits; returns how many samples were taken.
  std::size_t push(std::span<const std::int16_t> samples) noexcept {
    const std::size_t w = written_.load(std::memory_order_relaxed);
    const std::size_t r = read_.load(std::memory_order_acquire);
    const std::size_t n = std::min(samples.size(), capacity_ - (w - r));
    copy_in(w, samples.first(n));
    // Release: the samples are in place before the consumer can see the new count.
    written_.store(w + n, std::memory_order_release);
    return n;
  }

  /// Consumer: copies up to out.size() samples; returns how many.
  std::size_t pop(std::span<std::int16_t> out) noexcept {
    const std::size_t r = read_.load(std::memory_order_relaxed);
    const std::size_t w = written_.load(std::memory_order_acquire);
    const std::size_t n = std::min(out.size(), w - r);
    const std::size_t start = r & (capacity_ - 1);
    const std::size_t first = std::min(n, capacity_ - start);
    std::copy_n(data_.get() + start, first, out.data());
    std::copy_n(data_.get(), n - first, out.data() + first);
    read_.store(r + n, std::memory_order_release);
    return n;
  }

  /// Consumer side: forgets everything queued (for an immediate stop).
  void drop() noexcept {
    read_.store(written_.load(std::memory_order_acquire), std::memory_order_release);
  }

 private:
  void copy_in(std::size_t w, std::span<const std::int16_t> samples) noexcept {
    const std::size_t start = w & (capacity_ - 1);
    const std::size_t first = std::min(samples.size(), capacity_ - start);
    std::copy_n(samples.data(), first, data_.get() + start);
    std::copy_n(samples.data() + first, samples.size() - first, data_.get());
  }

  std::size_t capacity_ = 0;
  std::unique_ptr<std::int16_t[]> data_;
  // Running totals (wrap-around of size_t is harmless: only differences are used).
  // Apart on their own cache lines so the two threads do not fight over one line.
  alignas(64) std::atomic<std::size_t> written_{0};
  alignas(64) std::atomic<std::size_t> read_{0};
};

}  // namespace narrate::audio
