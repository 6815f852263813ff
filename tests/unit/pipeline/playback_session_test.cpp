// unit/pipeline/playback_session_test.cpp - Playback through a PulseAudio null sink, recorded back
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "narrate/error.hpp"
#include "narrate/playback.hpp"
#include "support/support.hpp"
#include "unit/pipeline/playback_pulse.hpp"

namespace narrate {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
constexpr int kRate = 22050;

Document article(std::vector<std::string> paragraphs, std::string title = "A Test Article") {
  Document document;
  document.title = std::move(title);
  document.language = "en";
  for (auto& text : paragraphs) document.blocks.push_back({BlockKind::Paragraph, std::move(text)});
  return document;
}

const char* kLong =
    "The harbour committee met for the third time this spring to discuss the repairs to the "
    "northern breakwater, which was damaged during the winter storms and has been closed to "
    "walkers ever since.";

class PlaybackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { skip_ = test::use_private_pulse_sink(module_); }
  static void TearDownTestSuite() {
    if (!module_.empty()) test::run_shell("pactl unload-module " + module_);
    module_.clear();
    ::unsetenv("PULSE_SINK");
  }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
  }

  /// Plays to the end (or until `act` returns false), collecting the events.
  static std::vector<PlayEvent> run(Playback& playback, Clock::duration limit = 60s) {
    std::vector<PlayEvent> events;
    const auto deadline = Clock::now() + limit;
    while (!playback.wait(10ms) && Clock::now() < deadline) {
      for (const auto& e : playback.take_events()) events.push_back(e);
    }
    for (const auto& e : playback.take_events()) events.push_back(e);
    return events;
  }

  static std::vector<PlayEvent> of_kind(const std::vector<PlayEvent>& events, PlayEventKind kind) {
    std::vector<PlayEvent> out;
    for (const auto& e : events) {
      if (e.kind == kind) out.push_back(e);
    }
    return out;
  }

  /// Waits until the listener is in `sentence` (by the events), for up to `limit`.
  static bool wait_for_sentence(Playback& playback, std::size_t sentence,
                                std::vector<PlayEvent>& events, Clock::duration limit = 10s) {
    const auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
      for (const auto& e : playback.take_events()) {
        events.push_back(e);
        if (e.kind == PlayEventKind::SentenceStarted && e.sentence == sentence) return true;
      }
      std::this_thread::sleep_for(5ms);
    }
    return false;
  }

  static inline std::string skip_;
  static inline std::string module_;
};

TEST_F(PlaybackTest, PlaysToTheEndWithEventsInOrderAndNoUnderrun) {
  test::TempDir dir;
  test::SinkRecorder recorder(dir / "rec.raw");
  ASSERT_TRUE(recorder.ready());
  Playback playback(article({"First paragraph here. It has two sentences.", "A second one."}),
                    PlayOptions{});
  ASSERT_EQ(playback.sentences().size(), 4u);
  const auto events = run(playback);
  const PlayResult result = playback.finish();
  const auto recorded = recorder.finish();
  EXPECT_EQ(result.end, PlayEnd::Completed);
  EXPECT_EQ(result.underruns, 0);
  const auto started = of_kind(events, PlayEventKind::SentenceStarted);
  const auto ended = of_kind(events, PlayEventKind::SentenceEnded);
  ASSERT_EQ(started.size(), 4u);
  ASSERT_EQ(ended.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(started[i].sentence, i);
    EXPECT_EQ(ended[i].sentence, i);
    EXPECT_TRUE(ended[i].completed);
    if (i > 0) {
      EXPECT_GE(started[i].at_ms, ended[i - 1].at_ms);
    }
  }
  ASSERT_EQ(events.back().kind, PlayEventKind::Finished);
  EXPECT_EQ(events.back().end, PlayEnd::Completed);
  // Four sentences were heard: four stretches of sound, separated by pauses.
  EXPECT_EQ(test::sounds_in(recorded, kRate / 5).size(), 4u);
  const PlayTrace trace = playback.trace();
  EXPECT_GT(trace.first_audio_ns, 0);
  EXPECT_GE(trace.first_audio_ns, trace.first_track_ns);
}

TEST_F(PlaybackTest, PauseIsImmediateLeavesTheGapAndLosesNoWord) {
  test::TempDir dir;
  double whole = 0;
  {
    // The same sentence played through: how long its sound lasts.
    test::SinkRecorder recorder(dir / "whole.raw");
    ASSERT_TRUE(recorder.ready());
    Playback playback(article({kLong}, "Pause"), PlayOptions{});
    run(playback);
    playback.finish();
    const auto sounds = test::sounds_in(recorder.finish(), kRate / 2);
    ASSERT_EQ(sounds.size(), 2u) << "title, sentence";
    whole = double(sounds[1].end - sounds[1].begin) / kRate;
  }
  test::SinkRecorder recorder(dir / "paused.raw");
  ASSERT_TRUE(recorder.ready());
  Playback playback(article({kLong}, "Pause"), PlayOptions{});
  std::vector<PlayEvent> events;
  ASSERT_TRUE(wait_for_sentence(playback, 1, events));
  std::this_thread::sleep_for(2s);
  const auto asked = Clock::now();
  playback.send({PlayCommand::Pause});
  while (!playback.status().paused && Clock::now() - asked < 1s) std::this_thread::sleep_for(1ms);
  const double pause_ms = std::chrono::duration<double, std::milli>(Clock::now() - asked).count();
  std::this_thread::sleep_for(1500ms);
  playback.send({PlayCommand::Resume});
  for (const auto& e : run(playback)) events.push_back(e);
  playback.finish();
  const auto sounds = test::sounds_in(recorder.finish(), kRate / 2);

  EXPECT_LT(pause_ms, 30.0) << "the device is silenced when the pause takes effect";
  ASSERT_EQ(of_kind(events, PlayEventKind::Paused).size(), 1u);
  ASSERT_EQ(of_kind(events, PlayEventKind::Resumed).size(), 1u);
  ASSERT_EQ(sounds.size(), 3u) << "title, the sentence up to the pause, the rest of it";
  const double gap = double(sounds[2].begin - sounds[1].end) / kRate;
  EXPECT_NEAR(gap, 1.5, 0.15);
  // Resuming repeats the word the pause cut (at most a second or so), never skips one.
  const double heard =
      double(sounds[1].end - sounds[1].begin + sounds[2].end - sounds[2].begin) / kRate;
  EXPECT_GE(heard, whole - 0.05);
  EXPECT_LE(heard, whole + 1.5);
}

TEST_F(PlaybackTest, NextSkipsTheRestOfTheSentence) {
  test::TempDir dir;
  test::SinkRecorder recorder(dir / "rec.raw");
  ASSERT_TRUE(recorder.ready());
  Playback playback(article({kLong, "That was all."}, "Next"), PlayOptions{});
  std::vector<PlayEvent> events;
  ASSERT_TRUE(wait_for_sentence(playback, 1, events));
  std::this_thread::sleep_for(1s);
  playback.send({PlayCommand::Next});
  for (const auto& e : run(playback)) events.push_back(e);
  playback.finish();
  const auto sounds = test::sounds_in(recorder.finish(), kRate / 5);
  const auto ended = of_kind(events, PlayEventKind::SentenceEnded);
  ASSERT_EQ(ended.size(), 3u);
  EXPECT_TRUE(ended[0].completed);
  EXPECT_EQ(ended[1].sentence, 1u);
  EXPECT_FALSE(ended[1].completed) << "skipped";
  EXPECT_EQ(of_kind(events, PlayEventKind::SentenceStarted).back().sentence, 2u);
  // The long sentence (about nine seconds) was heard for about a second, then the last one.
  ASSERT_GE(sounds.size(), 2u);
  double after_title = 0;
  for (std::size_t i = 1; i < sounds.size(); ++i) {
    after_title += double(sounds[i].end - sounds[i].begin) / kRate;
  }
  EXPECT_GT(after_title, 1.5);
  EXPECT_LT(after_title, 3.5);
  EXPECT_NEAR(double(ended[1].at_ms - of_kind(events, PlayEventKind::SentenceStarted)[1].at_ms),
              1000, 150);
}

TEST_F(PlaybackTest, FasterSpeedAppliesFromTheNextSentence) {
  test::TempDir dir;
  test::SinkRecorder recorder(dir / "rec.raw");
  ASSERT_TRUE(recorder.ready());
  Playback playback(article({kLong, kLong}, "Speed"), PlayOptions{});
  std::vector<PlayEvent> events;
  ASSERT_TRUE(wait_for_sentence(playback, 1, events));
  std::this_thread::sleep_for(500ms);
  playback.send({PlayCommand::SetSpeed, 400});
  for (const auto& e : run(playback)) events.push_back(e);
  playback.finish();
  const auto speed = of_kind(events, PlayEventKind::SpeedChanged);
  ASSERT_EQ(speed.size(), 1u);
  EXPECT_EQ(speed[0].wpm, 400);
  EXPECT_FALSE(speed[0].clamped);
  const auto sounds = test::sounds_in(recorder.finish(), kRate / 3);
  ASSERT_EQ(sounds.size(), 3u) << "title, the sentence at 1x, the same sentence at 2x";
  const double first = double(sounds[1].end - sounds[1].begin) / kRate;
  const double second = double(sounds[2].end - sounds[2].begin) / kRate;
  // Speech alone: at twice the words per minute (pauses included) it takes a bit over half
  // the time, since eSpeak shortens pauses more than sounds.
  EXPECT_GT(second / first, 0.4) << first << " s, then " << second << " s";
  EXPECT_LT(second / first, 0.7) << first << " s, then " << second << " s";
}

TEST_F(PlaybackTest, StopFlagSilencesWithinFiftyMilliseconds) {
  std::atomic<bool> stop{false};
  PlayOptions options;
  options.stop = &stop;
  Playback playback(article({kLong}), options);
  std::vector<PlayEvent> events;
  ASSERT_TRUE(wait_for_sentence(playback, 1, events));
  const auto set = Clock::now();
  stop.store(true);
  EXPECT_TRUE(playback.wait(1s));
  const double took_ms = std::chrono::duration<double, std::milli>(Clock::now() - set).count();
  EXPECT_LT(took_ms, 50.0);
  try {
    playback.finish();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Interrupted);
  }
  EXPECT_EQ(playback.status().end, PlayEnd::Interrupted);
}

TEST_F(PlaybackTest, KeysFasterThanSynthesisLandWhereTheyPoint) {
  std::vector<std::string> paragraphs;
  for (int i = 0; i < 12; ++i) paragraphs.push_back("Paragraph number " + std::to_string(i) + ".");
  Playback playback(article(paragraphs), PlayOptions{});
  for (int i = 0; i < 7; ++i) playback.send({PlayCommand::Next});
  playback.send({PlayCommand::Previous});
  std::vector<PlayEvent> events;
  ASSERT_TRUE(wait_for_sentence(playback, 6, events));
  playback.send({PlayCommand::Stop});
  for (const auto& e : run(playback)) events.push_back(e);
  EXPECT_EQ(playback.finish().end, PlayEnd::Stopped);
  // Nothing between the start and the target was played.
  const auto started = of_kind(events, PlayEventKind::SentenceStarted);
  ASSERT_FALSE(started.empty());
  for (const auto& e : started) EXPECT_TRUE(e.sentence == 0 || e.sentence >= 6) << e.sentence;
}

TEST_F(PlaybackTest, SpeedIsClampedAndSaysSo) {
  PlayOptions options;
  options.speed = Speed{850};
  Playback playback(article({kLong}), options);
  playback.send({PlayCommand::Faster});  // 4.25x -> 4.5x
  playback.send({PlayCommand::Faster});  // stays 4.5x: clamped
  playback.send({PlayCommand::SetSpeed, 10});
  playback.send({PlayCommand::Stop});
  const auto speed = of_kind(run(playback), PlayEventKind::SpeedChanged);
  playback.finish();
  ASSERT_EQ(speed.size(), 3u);
  EXPECT_DOUBLE_EQ(speed[0].wpm, 900);
  EXPECT_FALSE(speed[0].clamped);
  EXPECT_DOUBLE_EQ(speed[1].wpm, 900);
  EXPECT_TRUE(speed[1].clamped);
  EXPECT_DOUBLE_EQ(speed[2].wpm, 80);
  EXPECT_TRUE(speed[2].clamped);
}

TEST_F(PlaybackTest, StartsAtASentenceAndMovesByParagraph) {
  PlayOptions options;
  options.start_at = 2;
  Playback playback(article({"One. Two.", "Three. Four.", "Five."}, "T"), options);
  std::vector<PlayEvent> events;
  ASSERT_TRUE(wait_for_sentence(playback, 2, events));
  EXPECT_EQ(of_kind(events, PlayEventKind::SentenceStarted).front().sentence, 2u);
  playback.send({PlayCommand::NextParagraph});  // "Two." -> "Three."
  ASSERT_TRUE(wait_for_sentence(playback, 3, events));
  playback.send({PlayCommand::PreviousParagraph});  // -> the first paragraph: "One."
  ASSERT_TRUE(wait_for_sentence(playback, 1, events));
  playback.send({PlayCommand::Seek, 0, 5});
  ASSERT_TRUE(wait_for_sentence(playback, 5, events));
  playback.send({PlayCommand::Stop});
  run(playback);
  EXPECT_EQ(playback.finish().sentence, 5u);
}

TEST_F(PlaybackTest, BadStartsAndEmptyArticlesAreErrors) {
  PlayOptions options;
  options.start_at = 10;
  try {
    Playback playback(article({"Just one."}), options);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Usage);
  }
  options.clamp_start = true;
  Playback clamped(article({"Just one."}), options);
  EXPECT_EQ(clamped.status().sentence, 1u) << "the last sentence";
  clamped.send({PlayCommand::Stop});
  clamped.finish();
  try {
    Playback playback(Document{}, PlayOptions{});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::NoArticle);
  }
}

}  // namespace
}  // namespace narrate
