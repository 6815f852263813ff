// unit/audio/player_test.cpp - Player through a PulseAudio null sink, recorded from its monitor
#include "audio/player.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <thread>
#include <vector>

#include "audio/portaudio_session.hpp"
#include "narrate/error.hpp"
#include "support/support.hpp"
#include "unit/audio/audio_test_util.hpp"

namespace narrate::audio {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr int kRate = 22050;

/// Starts tools/pulse-env.sh once for the suite and takes over the environment it prints, so
/// PortAudio's ALSA "default" goes to the private null sink.
class PlayerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const fs::path script = fs::path(NARRATE_TESTS_DIR) / ".." / "tools" / "pulse-env.sh";
    const test::RunResult env = test::run_shell(test::shell_quote(script.string()));
    if (env.exit_code != 0) {
      skip_reason_ =
          "cannot start the test PulseAudio server (" + script.string() + "): " + env.err;
      return;
    }
    std::istringstream lines(env.out);
    std::string line;
    while (std::getline(lines, line)) {
      // export NAME='value'
      const auto eq = line.find('=');
      if (line.rfind("export ", 0) != 0 || eq == std::string::npos) continue;
      std::string value = line.substr(eq + 1);
      if (value.size() >= 2 && value.front() == '\'') value = value.substr(1, value.size() - 2);
      ::setenv(line.substr(7, eq - 7).c_str(), value.c_str(), 1);
    }
    if (!std::getenv("NARRATE_PULSE_SINK")) {
      skip_reason_ = "pulse-env.sh printed no NARRATE_PULSE_SINK";
      return;
    }
    // A sink of this process's own (libpulse, and so the ALSA plugin, plays to PULSE_SINK):
    // ctest runs tests in parallel processes, whose tones must not mix into this recording.
    sink_ = "narrate_test_" + std::to_string(::getpid());
    const auto loaded = test::run_shell("pactl load-module module-null-sink sink_name=" + sink_ +
                                        " rate=22050 channels=1 norewinds=1");
    if (loaded.exit_code != 0) {
      skip_reason_ = "cannot add a null sink to the test PulseAudio server: " + loaded.err;
      return;
    }
    module_ = loaded.out.substr(0, loaded.out.find('\n'));
    ::setenv("PULSE_SINK", sink_.c_str(), 1);
  }

  static void TearDownTestSuite() {
    if (!module_.empty()) test::run_shell("pactl unload-module " + module_);
    module_.clear();
  }

  void SetUp() override {
    if (!skip_reason_.empty()) GTEST_SKIP() << skip_reason_;
  }

  static int record_streams() {
    const auto r = test::run_shell("pactl list short source-outputs");
    return static_cast<int>(std::count(r.out.begin(), r.out.end(), '\n'));
  }

  static inline std::string skip_reason_;
  static inline std::string sink_;
  static inline std::string module_;  ///< index of this process's null-sink module
};

/// parec on the sink's monitor, for the lifetime of the object.
class Recorder {
 public:
  Recorder(const std::string& sink, const fs::path& file, int streams_before) {
    const auto r =
        test::run_shell("parec --latency-msec=20 -d " + test::shell_quote(sink + ".monitor") +
                        " --raw --format=s16le --rate=22050 --channels=1 >" +
                        test::shell_quote(file.string()) + " 2>/dev/null </dev/null & echo $!");
    pid_ = std::atoi(r.out.c_str());
    // Playing before parec's stream exists would lose the beginning.
    const auto deadline = Clock::now() + 5s;
    while (Clock::now() < deadline) {
      const auto outputs = test::run_shell("pactl list short source-outputs");
      if (std::count(outputs.out.begin(), outputs.out.end(), '\n') > streams_before) {
        ready_ = true;
        break;
      }
      std::this_thread::sleep_for(20ms);
    }
  }
  ~Recorder() { stop(); }
  bool ready() const { return ready_ && pid_ > 0; }
  void stop() {
    if (pid_ > 0) ::kill(pid_, SIGTERM);
    pid_ = 0;
  }

 private:
  int pid_ = 0;
  bool ready_ = false;
};

std::vector<std::int16_t> read_raw(const fs::path& file) {
  const std::string bytes = test::read_file(file);
  std::vector<std::int16_t> samples(bytes.size() / 2);
  std::memcpy(samples.data(), bytes.data(), samples.size() * 2);
  return samples;
}

TEST_F(PlayerTest, PlaysEverythingAndDrainsTheLastWord) {
  test::TempDir dir;
  const fs::path raw = dir / "recorded.raw";
  std::vector<std::int16_t> recorded;
  std::int64_t underruns = 0;
  {
    Recorder recorder(sink_, raw, record_streams());
    ASSERT_TRUE(recorder.ready()) << "parec did not start recording";
    std::this_thread::sleep_for(200ms);  // a stretch of leading silence to measure from

    auto signal = test::tone(kRate, 1.0);
    test::append(signal, test::silence(kRate, 0.5));
    test::append(signal, test::tone(kRate, 1.0));
    Player player;
    player.start(AudioFormat{kRate, 1});
    const auto begin = Clock::now();
    for (std::size_t at = 0; at < signal.size(); at += 2205) {
      player.write(std::span(signal).subspan(at, std::min<std::size_t>(2205, signal.size() - at)));
    }
    player.finish();
    const double took = std::chrono::duration<double>(Clock::now() - begin).count();
    EXPECT_GE(took, 2.4) << "finish() returned before the audio could have been played";
    EXPECT_LT(took, 4.0);
    EXPECT_EQ(player.played_samples(), static_cast<std::int64_t>(signal.size()));
    underruns = player.underruns();
    std::this_thread::sleep_for(300ms);  // whatever is still in flight reaches the monitor
    recorder.stop();
    std::this_thread::sleep_for(100ms);
  }
  recorded = read_raw(raw);
  ASSERT_GT(recorded.size(), static_cast<std::size_t>(2.5 * kRate)) << "recording too short";

  std::int64_t first = -1;
  std::int64_t last = -1;
  for (std::size_t i = 0; i < recorded.size(); ++i) {
    if (std::abs(int(recorded[i])) > 3000) {
      if (first < 0) first = static_cast<std::int64_t>(i);
      last = static_cast<std::int64_t>(i);
    }
  }
  ASSERT_GE(first, 0) << "nothing audible was recorded";
  const std::vector<std::int16_t> played(recorded.begin() + first, recorded.begin() + last + 1);
  std::string layout = "recorded " + std::to_string(double(recorded.size()) / kRate) +
                       " s; sound from " + std::to_string(double(first) / kRate) + " s; gaps:";
  for (const auto& g : test::find_silences(played, 500, kRate / 100)) {
    layout += " [" + std::to_string(double(g.begin) / kRate) + ", " +
              std::to_string(double(g.end) / kRate) + ")";
  }
  SCOPED_TRACE(layout);
  // Tone, pause, tone: 2.5 s from the first loud sample to the last; a clipped end is shorter.
  EXPECT_NEAR(double(played.size()) / kRate, 2.5, 0.05);
  const auto gaps = test::find_silences(played, 500, kRate / 10);
  ASSERT_EQ(gaps.size(), 1u) << "the pause, and no dropout inside the tones";
  EXPECT_NEAR(double(gaps[0].end - gaps[0].begin) / kRate, 0.5, 0.05);
  EXPECT_NEAR(double(played.size() - gaps[0].end) / kRate, 1.0, 0.05) << "last tone clipped";
  EXPECT_EQ(underruns, 0) << "the writer ran ahead of playback the whole time";
}

TEST_F(PlayerTest, StopReturnsAtOnceFromABlockedWrite) {
  Player player;
  player.start(AudioFormat{kRate, 1});
  const auto ten_seconds = test::tone(kRate, 10.0);
  const auto begin = Clock::now();
  std::thread writer([&] { player.write(ten_seconds); });
  std::this_thread::sleep_for(500ms);
  player.stop();
  writer.join();
  player.finish();
  const double took = std::chrono::duration<double>(Clock::now() - begin).count();
  EXPECT_LT(took, 1.5) << "write() or finish() kept playing after stop()";
  EXPECT_LT(player.played_samples(), 2 * kRate);
}

TEST_F(PlayerTest, DestroyingAnUnfinishedPlayerDoesNotWait) {
  const auto begin = Clock::now();
  {
    Player player;
    player.start(AudioFormat{kRate, 1});
    player.write(test::tone(kRate, 0.4));
  }
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - begin).count(), 1.0);
  EXPECT_EQ(PortAudioSession::active_count(), 0) << "PortAudio terminated with the last player";
}

TEST_F(PlayerTest, SessionsAreCounted) {
  {
    PortAudioSession a;
    PortAudioSession b(a);
    EXPECT_EQ(PortAudioSession::active_count(), 2);
    Player player;
    EXPECT_EQ(PortAudioSession::active_count(), 3);
  }
  EXPECT_EQ(PortAudioSession::active_count(), 0);
}

// Loud stretches of a recording: [begin, end) sample ranges with gaps of silence shorter than
// min_gap joined.
std::vector<test::Silence> sounds_in(const std::vector<std::int16_t>& samples,
                                     std::int64_t min_gap) {
  std::vector<test::Silence> sounds;
  std::int64_t at = 0;
  for (const auto& quiet : test::find_silences(samples, 500, min_gap)) {
    if (quiet.begin > at) sounds.push_back({at, quiet.begin});
    at = quiet.end;
  }
  if (at < static_cast<std::int64_t>(samples.size())) {
    sounds.push_back({at, static_cast<std::int64_t>(samples.size())});
  }
  return sounds;
}

TEST_F(PlayerTest, HaltSilencesAtOnceAndResumeGoesOnWithNewAudio) {
  test::TempDir dir;
  const fs::path raw = dir / "recorded.raw";
  double halt_ms = 0;
  std::int64_t heard_at_halt = 0;
  {
    Recorder recorder(sink_, raw, record_streams());
    ASSERT_TRUE(recorder.ready()) << "parec did not start recording";
    std::this_thread::sleep_for(200ms);
    Player player;
    player.open(AudioFormat{kRate, 1});
    const auto first = test::tone(kRate, 3.0);
    std::size_t pushed = player.push(first);  // half a second fits; the rest follows below
    player.resume();
    const auto begin = Clock::now();
    while (Clock::now() - begin < 1s) {
      pushed += player.push(std::span(first).subspan(pushed));
      std::this_thread::sleep_for(5ms);
    }
    const auto halt_begin = Clock::now();
    heard_at_halt = player.halt();
    halt_ms = std::chrono::duration<double, std::milli>(Clock::now() - halt_begin).count();
    EXPECT_EQ(player.heard_samples(), heard_at_halt) << "frozen while halted";
    std::this_thread::sleep_for(600ms);  // the gap
    // What is pushed after a halt starts at the timeline position queued so far.
    const std::int64_t timeline = player.queued_samples();
    EXPECT_EQ(timeline, static_cast<std::int64_t>(pushed));
    const auto second = test::tone(kRate, 0.4, 880.0);
    EXPECT_EQ(player.push(second), second.size());
    player.resume();
    player.drain();
    const auto drain_begin = Clock::now();
    while (!player.drained() && Clock::now() - drain_begin < 3s) std::this_thread::sleep_for(5ms);
    EXPECT_TRUE(player.drained());
    EXPECT_GE(player.heard_samples(), timeline + static_cast<std::int64_t>(second.size()) - 10);
    EXPECT_EQ(player.underruns(), 0);
    std::this_thread::sleep_for(300ms);
    recorder.stop();
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_LT(halt_ms, 30.0) << "halt() must silence the device at once";
  // The listener had heard about a second when halted (less the device's latency).
  EXPECT_NEAR(double(heard_at_halt) / kRate, 1.0, 0.15);

  const auto recorded = read_raw(raw);
  const auto sounds = sounds_in(recorded, kRate / 10);
  ASSERT_EQ(sounds.size(), 2u) << "the first tone, a gap, the second tone";
  const double first_s = double(sounds[0].end - sounds[0].begin) / kRate;
  const double gap_s = double(sounds[1].begin - sounds[0].end) / kRate;
  const double second_s = double(sounds[1].end - sounds[1].begin) / kRate;
  // Sound stops when halted: what reached the speaker is what heard_samples() said, within a
  // little of the device's timing.
  EXPECT_NEAR(first_s, double(heard_at_halt) / kRate, 0.06);
  EXPECT_GT(gap_s, 0.55);
  EXPECT_NEAR(second_s, 0.4, 0.03) << "the new audio played whole after resume()";
}

TEST_F(PlayerTest, HeardSamplesTrailWhatWasHandedOverByTheLatency) {
  Player player;
  player.start(AudioFormat{kRate, 1});
  const auto signal = test::tone(kRate, 2.0);
  std::size_t pushed = 0;
  std::int64_t last = 0;
  const auto begin = Clock::now();
  while (Clock::now() - begin < 1500ms) {
    pushed += player.push(std::span(signal).subspan(pushed));
    const std::int64_t heard = player.heard_samples();
    EXPECT_GE(heard, last) << "never goes back";
    EXPECT_LE(heard, player.played_samples());
    last = heard;
    std::this_thread::sleep_for(10ms);
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
  const double latency = double(player.latency_samples()) / kRate;
  // Heard: about the time since the first sound, which came one latency after start.
  EXPECT_NEAR(double(last) / kRate, elapsed - latency, 0.08);
  EXPECT_GT(player.first_audio_ns(), 0);
}

TEST_F(PlayerTest, OpenWaitsForResumeAndCheckNoticesNothingWrong) {
  Player player;
  player.open(AudioFormat{kRate, 1});
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(player.first_audio_ns(), 0) << "a halted stream hands nothing over";
  EXPECT_NO_THROW(player.check());
  const auto signal = test::tone(kRate, 0.2);
  const std::size_t space = player.free_space();
  EXPECT_GE(space, static_cast<std::size_t>(kRate / 2)) << "half a second fits";
  EXPECT_EQ(player.push(signal), signal.size());
  EXPECT_EQ(player.free_space(), space - signal.size());
  EXPECT_EQ(player.heard_samples(), 0);
  const auto before = Clock::now();
  player.resume();
  while (player.first_audio_ns() == 0 && Clock::now() - before < 1s) {
    std::this_thread::sleep_for(1ms);
  }
  // Primed from the callback: the first audio goes out as the stream starts.
  const double first_ms = std::chrono::duration<double, std::milli>(Clock::now() - before).count();
  EXPECT_LT(first_ms, 50.0);
  EXPECT_NO_THROW(player.check());
  player.finish();
  EXPECT_EQ(player.played_samples(), static_cast<std::int64_t>(signal.size()));
}

// Runs in a child process (see NoDeviceIsAnOutputError) with ALSA given no usable device.
TEST(PlayerChild, DISABLED_NoDevice) {
  try {
    Player player;
    player.start(AudioFormat{kRate, 1});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Output);
    EXPECT_STREQ(e.what(), "no audio output device (use -o FILE to write a file)");
  }
}

TEST(Player, NoDeviceIsAnOutputError) {
  // ALSA caches its configuration per process, so the case without devices runs in a fresh one.
  test::TempDir dir;
  // Only a default PCM on a sound card that does not exist: PortAudio finds no device at all.
  test::write_file(dir / "alsa.conf", "pcm.!default { type hw card 9 }\n");
  const fs::path self = fs::read_symlink("/proc/self/exe");
  const auto r = test::run_shell(
      "ALSA_CONFIG_PATH=" + test::shell_quote((dir / "alsa.conf").string()) +
      " PULSE_SERVER=unix:/nonexistent JACK_NO_START_SERVER=1 " + test::shell_quote(self.string()) +
      " --gtest_filter=PlayerChild.DISABLED_NoDevice --gtest_also_run_disabled_tests");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("[  PASSED  ] 1 test"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "") << "nothing printed by the library (ALSA's messages are silenced)";
}

}  // namespace
}  // namespace narrate::audio
