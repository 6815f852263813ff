// unit/pipeline/playback_synth_test.cpp - the synthesis worker that runs ahead of playback
#include "pipeline/playback_synth.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "narrate/error.hpp"
#include "synth/engine.hpp"

namespace narrate::pipeline {
namespace {

using namespace std::chrono_literals;

std::vector<Utterance> plan_of(int sentences) {
  Document document;
  document.language = "en";
  document.title = "Title";
  std::string text;
  for (int i = 0; i < sentences - 1; ++i) text += "Sentence number " + std::to_string(i) + ". ";
  document.blocks.push_back({BlockKind::Paragraph, text});
  return plan_utterances(document);
}

/// Waits for a track, as the player does: woken by on_ready.
struct Waiter {
  std::mutex mutex;
  std::condition_variable cv;
  int ready = 0;
  std::function<void()> callback() {
    return [this] {
      std::lock_guard lock(mutex);
      ++ready;
      cv.notify_all();
    };
  }
  TrackPtr wait_for(SynthAhead& synth, std::size_t index, double wpm) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    std::unique_lock lock(mutex);
    while (std::chrono::steady_clock::now() < deadline) {
      lock.unlock();
      if (auto track = synth.get(index, wpm)) return track;
      lock.lock();
      cv.wait_for(lock, 20ms);
    }
    return nullptr;
  }
};

TEST(SynthAhead, RendersTheWindowInOrderAtTheAskedSpeed) {
  const auto plan = plan_of(6);
  ASSERT_EQ(plan.size(), 6u);
  Waiter waiter;
  SynthAhead synth(synth::Engine::instance(), "en-us", plan, 1, 200, waiter.callback(), 2);
  const TrackPtr first = waiter.wait_for(synth, 1, 200);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->index, 1u);
  EXPECT_EQ(first->wpm, 200);
  EXPECT_GT(first->length(), static_cast<std::int64_t>(first->audio.samples.size()));
  ASSERT_NE(waiter.wait_for(synth, 3, 200), nullptr) << "lookahead 2 renders index+2";
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(synth.get(4, 200), nullptr) << "nothing beyond the window";
  EXPECT_EQ(synth.get(0, 200), nullptr) << "nothing before it";
  EXPECT_EQ(synth.get(1, 300), nullptr) << "not at another speed";
}

TEST(SynthAhead, ANewSpeedReplacesTheTracksAhead) {
  const auto plan = plan_of(5);
  Waiter waiter;
  SynthAhead synth(synth::Engine::instance(), "en-us", plan, 0, 200, waiter.callback(), 1);
  const TrackPtr slow = waiter.wait_for(synth, 1, 200);
  ASSERT_NE(slow, nullptr);
  synth.want(1, 400);
  const TrackPtr fast = waiter.wait_for(synth, 1, 400);
  ASSERT_NE(fast, nullptr);
  EXPECT_EQ(synth.get(1, 200), nullptr) << "the old speed is gone";
  EXPECT_LT(double(fast->audio.samples.size()), 0.7 * double(slow->audio.samples.size()));
  EXPECT_NE(synth.get(0, 200), nullptr) << "the track just before the player is kept";
}

TEST(SynthAhead, JumpsFarAheadRenderTheTargetFirst) {
  const auto plan = plan_of(30);
  Waiter waiter;
  SynthAhead synth(synth::Engine::instance(), "en-us", plan, 0, 200, waiter.callback(), 2);
  synth.want(25, 200);
  ASSERT_NE(waiter.wait_for(synth, 25, 200), nullptr);
  synth.want(3, 250);
  ASSERT_NE(waiter.wait_for(synth, 3, 250), nullptr);
}

TEST(SynthAhead, UnknownVoiceFailsAtOnce) {
  const auto plan = plan_of(2);
  EXPECT_THROW(SynthAhead(synth::Engine::instance(), "no-such-voice", plan, 0, 200, [] {}), Error);
}

}  // namespace
}  // namespace narrate::pipeline
