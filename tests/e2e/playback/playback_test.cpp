// e2e/playback_test.cpp - narrate plays through PortAudio into a PulseAudio null sink, recorded
// back
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "support/support.hpp"

namespace narrate::test {
namespace {

namespace fs = std::filesystem;

constexpr int kRate = 22050;

std::string pulse_env_script() {
  return (fs::path(NARRATE_TESTS_DIR).parent_path() / "tools" / "pulse-env.sh").string();
}

// First and last sample louder than the threshold; {-1, -1} when all is quiet.
std::pair<std::int64_t, std::int64_t> loud_extent(const std::vector<std::int16_t>& samples) {
  std::int64_t first = -1;
  std::int64_t last = -1;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (std::abs(int(samples[i])) > 300) {
      if (first < 0) first = static_cast<std::int64_t>(i);
      last = static_cast<std::int64_t>(i);
    }
  }
  return {first, last};
}

class Playback : public ::testing::Test {
 protected:
  void SetUp() override {
    const RunResult started = run_shell("bash " + shell_quote(pulse_env_script()) + " >" +
                                        shell_quote((dir_ / "env.sh").string()));
    if (started.exit_code != 0) {
      GTEST_SKIP() << "no PulseAudio null sink here (tools/pulse-env.sh): " << started.err;
    }
  }
  // Runs a shell line with the pulse environment exported. The environment is sourced on a
  // line of its own: in ". env.sh && a & b" the sourcing joins the background job, and b runs
  // with whatever PulseAudio settings the caller had.
  RunResult with_pulse(const std::string& line) {
    return run_shell(". " + shell_quote((dir_ / "env.sh").string()) + " || exit 97\n" + line);
  }
  // The server tools/pulse-env.sh exports.
  std::string pulse_server() {
    const std::string env = read_file(dir_ / "env.sh");
    const std::size_t at = env.find("PULSE_SERVER='");
    if (at == std::string::npos) return "";
    const std::size_t begin = at + 14;
    return env.substr(begin, env.find('\'', begin) - begin);
  }
  TempDir dir_;
};

TEST_F(Playback, RecordingHoldsTheWholeNarration) {
  const std::string article = sample("short-notice.txt").string();
  const std::string narrate = shell_quote(NARRATE_BINARY);
  // The same narration written to a file is the reference for what must be heard.
  ASSERT_EQ(run_narrate({"-o", (dir_ / "ref.wav").string(), article}).exit_code, 0);
  const AudioProbe reference = probe_audio(dir_ / "ref.wav");
  ASSERT_TRUE(reference.ok);

  const std::string raw = shell_quote((dir_ / "rec.raw").string());
  const RunResult played = with_pulse(
      "parec -d \"$NARRATE_PULSE_SINK.monitor\" --raw --format=s16le --rate=22050 "
      "--channels=1 --latency-msec=20 >" +
      raw + " & rec=$!; sleep 0.5; " + narrate + " " + shell_quote(article) +
      " </dev/null; status=$?; sleep 0.5; kill $rec; wait $rec; "
      "exit $status");
  ASSERT_EQ(played.exit_code, 0) << played.err;
  EXPECT_TRUE(played.err.empty()) << played.err;

  const std::string bytes = read_file(dir_ / "rec.raw");
  std::vector<std::int16_t> recorded(bytes.size() / 2);
  std::memcpy(recorded.data(), bytes.data(), recorded.size() * 2);
  const auto [rec_first, rec_last] = loud_extent(recorded);
  const auto [ref_first, ref_last] = loud_extent(reference.samples);
  ASSERT_GE(rec_first, 0) << "nothing was heard";
  const double heard = double(rec_last - rec_first) / kRate;
  const double made = double(ref_last - ref_first) / kRate;
  // Everything from the first word to the end of the last one was played: nothing clipped. A
  // loaded machine may stretch what is heard with an underrun gap (PlaybackTest's no-underrun
  // test checks that on its own), so only the short side is held tight here; the long side
  // still rules out hearing the narration, or part of it, twice.
  EXPECT_GE(heard, made - 0.15) << "heard " << heard << " s of " << made << " s";
  EXPECT_LE(heard, made + 1.5) << "heard " << heard << " s of " << made << " s";
}

// Defect: RecordingHoldsTheWholeNarration passed only when the caller had already exported the
// default PulseAudio settings (it failed beside another PulseAudio server).
TEST_F(Playback, BackgroundJobsSeeThePrivateServer) {
  const char* before = std::getenv("PULSE_SERVER");
  const std::string saved = before != nullptr ? before : "";
  ::setenv("PULSE_SERVER", "unix:/nonexistent/another-server", 1);
  const RunResult seen = with_pulse("sleep 0 & echo \"$PULSE_SERVER\"; wait");
  if (before != nullptr) {
    ::setenv("PULSE_SERVER", saved.c_str(), 1);
  } else {
    ::unsetenv("PULSE_SERVER");
  }
  ASSERT_FALSE(pulse_server().empty());
  EXPECT_EQ(seen.out, pulse_server() + "\n");
}

// Defect: with --control stdin, stdin closing while paused left narrate waiting for ever.
TEST_F(Playback, ControlInputClosedWhilePausedStops) {
  const RunResult result =
      with_pulse("(sleep 1; echo pause) | timeout 60 " + shell_quote(NARRATE_BINARY) +
                 " --control stdin " + shell_quote(sample("short-notice.txt").string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("\"event\":\"paused\""), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\"reason\":\"stopped\""), std::string::npos) << result.out;
}

TEST_F(Playback, NoDeviceGivesOneLineAndSuggestsFile) {
  // A server address where nothing listens: the ALSA default device cannot open.
  const RunResult result =
      with_pulse("PULSE_SERVER=unix:/nonexistent/native " + shell_quote(NARRATE_BINARY) + " " +
                 shell_quote(sample("short-notice.txt").string()) + " </dev/null");
  EXPECT_EQ(result.exit_code, 6) << result.err;
  EXPECT_NE(result.err.find("-o"), std::string::npos) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
}

}  // namespace
}  // namespace narrate::test
