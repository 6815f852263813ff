// unit/audio/sample_ring_test.cpp - the lock-free ring between writer and audio callback
#include "audio/sample_ring.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <thread>
#include <vector>

namespace narrate::audio {
namespace {

TEST(SampleRing, CapacityIsAPowerOfTwo) {
  EXPECT_EQ(SampleRing(1000).capacity(), 1024u);
  EXPECT_EQ(SampleRing(1024).capacity(), 1024u);
}

TEST(SampleRing, PushStopsWhenFullAndWrapsAround) {
  SampleRing ring(8);
  std::vector<std::int16_t> in(6);
  std::iota(in.begin(), in.end(), 1);
  EXPECT_EQ(ring.push(in), 6u);
  EXPECT_EQ(ring.push(in), 2u) << "only two places left";
  std::vector<std::int16_t> out(5);
  EXPECT_EQ(ring.pop(out), 5u);
  EXPECT_EQ(out, (std::vector<std::int16_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(ring.push(in), 5u);  // wraps past the end of the storage
  std::vector<std::int16_t> rest(16);
  EXPECT_EQ(ring.pop(rest), 8u);
  EXPECT_EQ(std::vector<std::int16_t>(rest.begin(), rest.begin() + 8),
            (std::vector<std::int16_t>{6, 1, 2, 1, 2, 3, 4, 5}));
  EXPECT_EQ(ring.size(), 0u);
}

TEST(SampleRing, DropEmptiesIt) {
  SampleRing ring(16);
  std::vector<std::int16_t> in(10, 7);
  ring.push(in);
  ring.drop();
  EXPECT_EQ(ring.size(), 0u);
}

TEST(SampleRing, TwoThreadsPassEverySampleInOrder) {
  SampleRing ring(256);
  constexpr int kTotal = 2'000'000;
  std::thread producer([&] {
    std::vector<std::int16_t> block(97);
    int next = 0;
    while (next < kTotal) {
      const int n = std::min<int>(static_cast<int>(block.size()), kTotal - next);
      for (int i = 0; i < n; ++i) block[i] = static_cast<std::int16_t>(next + i);
      std::span<const std::int16_t> rest(block.data(), static_cast<std::size_t>(n));
      while (!rest.empty()) rest = rest.subspan(ring.push(rest));
      next += n;
    }
  });
  std::vector<std::int16_t> out(61);
  int expected = 0;
  bool in_order = true;
  while (expected < kTotal) {
    const std::size_t n = ring.pop(out);
    for (std::size_t i = 0; i < n; ++i) {
      in_order = in_order && out[i] == static_cast<std::int16_t>(expected);
      ++expected;
    }
  }
  producer.join();
  EXPECT_TRUE(in_order);
  EXPECT_EQ(ring.size(), 0u);
}

}  // namespace
}  // namespace narrate::audio
