// e2e/speechd/speech_dispatcher_test.cpp - the real speech-dispatcher (Debian's) with sd_narrate
// as its default module, spoken to by spd-say and a python3-speechd client, heard through the
// PulseAudio null sink recorded with parec
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/support.hpp"

namespace narrate::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr int kRate = 22050;

fs::path repo_dir() { return fs::path(NARRATE_TESTS_DIR).parent_path(); }
fs::path client_script() { return fs::path(NARRATE_TESTS_DIR) / "e2e/speechd/speechd_client.py"; }

/// Sets the variables a tool prints as "export NAME='value'" lines in this process.
void export_lines(const std::string& text) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto eq = line.find('=');
    if (line.rfind("export ", 0) != 0 || eq == std::string::npos) continue;
    std::string value = line.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '\'') value = value.substr(1, value.size() - 2);
    ::setenv(line.substr(7, eq - 7).c_str(), value.c_str(), 1);
  }
}

/// Records the null sink's monitor with parec until stopped.
class Recording {
 public:
  explicit Recording(fs::path file) : file_(std::move(file)) {
    const RunResult r = run_shell(
        "parec -d \"$NARRATE_PULSE_SINK.monitor\" --raw --format=s16le --rate=22050 "
        "--channels=1 --latency-msec=20 > " +
        shell_quote(file_.string()) + " 2>/dev/null & echo $!");
    pid_ = std::atoi(r.out.c_str());
    std::this_thread::sleep_for(300ms);  // parec connects before the speech starts
  }
  ~Recording() { stop(); }
  /// Stops recording; the samples recorded.
  std::vector<std::int16_t> stop() {
    if (pid_ > 0) {
      std::this_thread::sleep_for(300ms);
      ::kill(pid_, SIGTERM);
      std::this_thread::sleep_for(100ms);
      pid_ = -1;
    }
    std::vector<std::int16_t> samples;
    std::ifstream in(file_, std::ios::binary);
    std::int16_t s = 0;
    while (in.read(reinterpret_cast<char*>(&s), sizeof s)) samples.push_back(s);
    return samples;
  }

 private:
  fs::path file_;
  pid_t pid_ = -1;
};

/// First and last sample above the threshold (-1, -1 when none).
std::pair<std::int64_t, std::int64_t> loud_span(const std::vector<std::int16_t>& samples) {
  std::int64_t first = -1;
  std::int64_t last = -1;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (samples[i] > 400 || samples[i] < -400) {
      if (first < 0) first = static_cast<std::int64_t>(i);
      last = static_cast<std::int64_t>(i);
    }
  }
  return {first, last};
}

class SpeechDispatcher : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    skip_reason_.clear();
    for (const char* tool : {"speech-dispatcher", "spd-say", "parec", "pulseaudio"}) {
      if (run_shell(std::string("command -v ") + tool).exit_code != 0) {
        skip_reason_ = std::string(tool) + " is not installed (tools/deps.sh installs it)";
        return;
      }
    }
    if (run_shell("/usr/bin/python3 -c 'import speechd'").exit_code != 0) {
      skip_reason_ = "python3-speechd is not installed for /usr/bin/python3";
      return;
    }
    const RunResult pulse =
        run_shell("bash " + shell_quote((repo_dir() / "tools/pulse-env.sh").string()));
    if (pulse.exit_code != 0) {
      skip_reason_ = "no PulseAudio null sink here (tools/pulse-env.sh): " + pulse.err;
      return;
    }
    export_lines(pulse.out);
    dir_ = fs::temp_directory_path() / ("narrate-speechd-test-" + std::to_string(::getpid()));
    ::setenv("NARRATE_SPEECHD_DIR", dir_.c_str(), 1);
    ::setenv("NARRATE_SD_MODULE", NARRATE_SD_MODULE, 1);
    ::setenv("NARRATE_SPEECHD_ESPEAK", "0", 1);  // only narrate: a faster start
    const RunResult env =
        run_shell("bash " + shell_quote((repo_dir() / "tools/speechd-env.sh").string()));
    if (env.exit_code != 0) {
      // speech-dispatcher is installed, so this is a failure, not a reason to skip.
      start_error_ = "tools/speechd-env.sh failed: " + env.err;
      return;
    }
    export_lines(env.out);
  }

  static void TearDownTestSuite() {
    if (!dir_.empty())
      run_shell("bash " + shell_quote((repo_dir() / "tools/speechd-env.sh").string()) + " --stop");
  }

  void SetUp() override {
    if (!skip_reason_.empty()) GTEST_SKIP() << skip_reason_;
    ASSERT_TRUE(start_error_.empty()) << start_error_;
  }

  static json client(const std::vector<std::string>& args) {
    std::string cmd = "/usr/bin/python3 " + shell_quote(client_script().string());
    for (const auto& a : args) cmd += " " + shell_quote(a);
    const RunResult r = run_shell(cmd);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    try {
      return json::parse(r.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "client printed no JSON: " << r.out << r.err;
      return json::object();
    }
  }

  static double event_ms(const json& result, const std::string& kind) {
    for (const auto& e : result["events"])
      if (e["event"] == kind) return e["ms"].get<double>();
    return -1;
  }

  TempDir tmp_;
  static inline std::string skip_reason_;
  static inline std::string start_error_;
  static inline fs::path dir_;
};

TEST_F(SpeechDispatcher, NarrateIsListedAndTheDefault) {
  const RunResult modules = run_shell("spd-say -O");
  EXPECT_NE(modules.out.find("narrate"), std::string::npos) << modules.out;
}

TEST_F(SpeechDispatcher, SpdSaySpeaksThroughNarrate) {
  Recording rec(tmp_ / "say.raw");
  const RunResult r = run_shell("spd-say -w 'Hello from narrate, the voice of your screen reader'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto samples = rec.stop();
  const auto [first, last] = loud_span(samples);
  ASSERT_GE(first, 0) << "nothing was heard in the null sink";
  EXPECT_GT(double(last - first) / kRate, 1.0) << "nine words take well over a second";
}

TEST_F(SpeechDispatcher, SsmlMarksArriveInOrderAsTheyAreHeard) {
  const json r = client({"ssml", "narrate",
                         "<speak>One <mark name=\"a\"/>two <mark name=\"b\"/>three "
                         "<mark name=\"c\"/>four</speak>"});
  ASSERT_TRUE(r.value("finished", false)) << r.dump();
  std::vector<std::string> order;
  std::vector<double> times;
  for (const auto& e : r["events"]) {
    order.push_back(e["event"] == "mark" ? "mark:" + e["name"].get<std::string>()
                                         : e["event"].get<std::string>());
    times.push_back(e["ms"].get<double>());
  }
  const std::vector<std::string> expected = {"begin", "mark:a", "mark:b", "mark:c", "end"};
  EXPECT_EQ(order, expected);
  // Reached as the audio plays: each word takes time, so the marks are spread out.
  ASSERT_EQ(times.size(), 5u);
  EXPECT_GT(times[2] - times[1], 100);
  EXPECT_GT(times[3] - times[2], 100);
}

TEST_F(SpeechDispatcher, StopCutsTheAudio) {
  Recording rec(tmp_ / "stop.raw");
  const json r = client({"stop", "narrate",
                         "This is a long sentence, which would take many seconds to say in full, "
                         "about the weather, the markets and the news of the day.",
                         "0.8"});
  const auto samples = rec.stop();
  ASSERT_TRUE(r.value("finished", false)) << r.dump();
  ASSERT_FALSE(r["events"].empty());
  EXPECT_EQ(r["events"].back()["event"], "cancel");
  const auto [first, last] = loud_span(samples);
  ASSERT_GE(first, 0) << "nothing was heard before the stop";
  const double heard_s = double(last - first) / kRate;
  // Speech for at most the 0.8 s before STOP, then silence: far less than the ~6 s the sentence
  // takes. The bounds leave room for a loaded machine (a late start, a late STOP); the STOP
  // latency itself is measured by tools/bench_speechd.sh.
  EXPECT_GT(heard_s, 0.05);
  EXPECT_LT(heard_s, 2.5) << "audio went on after STOP";
}

TEST_F(SpeechDispatcher, CharAndKeySpeakNames) {
  const json ch = client({"char", "narrate", "a"});
  const json key = client({"key", "narrate", "control_l"});
  ASSERT_TRUE(ch.value("finished", false)) << ch.dump();
  ASSERT_TRUE(key.value("finished", false)) << key.dump();
  const double char_ms = event_ms(ch, "end") - event_ms(ch, "begin");
  const double key_ms = event_ms(key, "end") - event_ms(key, "begin");
  EXPECT_GT(char_ms, 100) << "the letter's name is heard";
  EXPECT_GT(key_ms, char_ms * 1.4) << "\"left control\" takes longer than \"ay\"";
}

TEST_F(SpeechDispatcher, PunctuationAllSpeaksComma) {
  const json none = client({"punct", "narrate", "none", "red, green, blue"});
  const json all = client({"punct", "narrate", "all", "red, green, blue"});
  ASSERT_TRUE(all.value("finished", false)) << all.dump();
  const double none_ms = event_ms(none, "end") - event_ms(none, "begin");
  const double all_ms = event_ms(all, "end") - event_ms(all, "begin");
  EXPECT_GT(all_ms, none_ms + 300) << "two spoken \"comma\"s";
}

TEST_F(SpeechDispatcher, RapidSpeakStopCyclesAreAllAnswered) {
  const json r = client({"cycles", "narrate", "100"});
  EXPECT_EQ(r.value("answered", 0), 100) << r.dump();
  EXPECT_EQ(r.value("bad_order", -1), 0) << r.dump();
  // Still speaking afterwards.
  const json after = client({"say", "narrate", "Still here"});
  EXPECT_TRUE(after.value("finished", false)) << after.dump();
  EXPECT_GE(event_ms(after, "end"), 0) << after.dump();
}

}  // namespace
}  // namespace narrate::test
