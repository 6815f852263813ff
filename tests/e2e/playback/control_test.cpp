// e2e/playback/control_test.cpp - narrate's player driven through --control stdin and in tmux,
// heard through a PulseAudio null sink recorded with parec
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/support.hpp"

extern char** environ;

namespace narrate::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr int kRate = 22050;

fs::path tools_dir() { return fs::path(NARRATE_TESTS_DIR).parent_path() / "tools"; }

/// Exports what tools/pulse-env.sh prints into this process (and so into its children).
std::string export_pulse_env(const std::string& dir = "") {
  const std::string prefix = dir.empty() ? "" : "NARRATE_PULSE_DIR=" + shell_quote(dir) + " ";
  const RunResult env =
      run_shell(prefix + "bash " + shell_quote((tools_dir() / "pulse-env.sh").string()));
  if (env.exit_code != 0) return "no PulseAudio null sink here (tools/pulse-env.sh): " + env.err;
  std::istringstream lines(env.out);
  for (std::string line; std::getline(lines, line);) {
    const auto eq = line.find('=');
    if (line.rfind("export ", 0) != 0 || eq == std::string::npos) continue;
    std::string value = line.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '\'') value = value.substr(1, value.size() - 2);
    ::setenv(line.substr(7, eq - 7).c_str(), value.c_str(), 1);
  }
  return "";
}

/// narrate with pipes on stdin and stdout (events) and stderr to a file.
class Narrate {
 public:
  Narrate(const std::vector<std::string>& args, const fs::path& err_file) {
    int in[2];
    int out[2];
    if (::pipe(in) != 0 || ::pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addclose(&actions, in[1]);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> argv = {NARRATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> ptrs;
    for (auto& a : argv) ptrs.push_back(a.data());
    ptrs.push_back(nullptr);
    if (posix_spawn(&pid_, NARRATE_BINARY, &actions, nullptr, ptrs.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    in_ = in[1];
    out_ = out[0];
  }
  ~Narrate() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    close_input();
    if (out_ >= 0) ::close(out_);
  }
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  void send(const std::string& line) {
    const std::string text = line + "\n";
    ASSERT_EQ(::write(in_, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  }
  void close_input() {
    if (in_ >= 0) ::close(in_);
    in_ = -1;
  }
  /// The next event line (parsed), or null JSON after `timeout` or at the end of output.
  json next_event(Clock::duration timeout = 20s) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      const auto newline = buffer_.find('\n');
      if (newline != std::string::npos) {
        const std::string line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        events_.push_back(json::parse(line, nullptr, false));
        return events_.back();
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      pollfd readable{out_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&readable, 1, static_cast<int>(left.count())) <= 0) return {};
      char chunk[4096];
      const ssize_t n = ::read(out_, chunk, sizeof chunk);
      if (n <= 0) return {};
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  /// Reads events until one matches; null JSON when none does in time.
  json wait_for(const std::string& event, int sentence = 0, Clock::duration timeout = 20s) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      json e = next_event(deadline - Clock::now());
      if (e.is_null()) return {};
      if (e.value("event", "") == event && (sentence == 0 || e.value("sentence", 0) == sentence)) {
        return e;
      }
    }
    return {};
  }
  /// Waits for the exit status (-1 after the timeout).
  int wait_exit(Clock::duration timeout = 60s) {
    while (next_event(timeout).is_object()) {
    }
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(2ms);
    }
    return -1;
  }
  const std::vector<json>& events() const { return events_; }

 private:
  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  std::string buffer_;
  std::vector<json> events_;
};

/// parec on the private sink's monitor.
class Recording {
 public:
  explicit Recording(const fs::path& file) : file_(file) {
    const std::string sink = std::getenv("PULSE_SINK");
    const RunResult r = run_shell("parec --latency-msec=20 -d " + shell_quote(sink + ".monitor") +
                                  " --raw --format=s16le --rate=22050 --channels=1 >" +
                                  shell_quote(file.string()) + " 2>/dev/null </dev/null & echo $!");
    pid_ = std::atoi(r.out.c_str());
    std::this_thread::sleep_for(500ms);
  }
  ~Recording() {
    if (pid_ > 0) ::kill(pid_, SIGTERM);
  }
  std::vector<std::int16_t> finish() {
    std::this_thread::sleep_for(400ms);
    ::kill(pid_, SIGTERM);
    pid_ = 0;
    std::this_thread::sleep_for(100ms);
    const std::string bytes = read_file(file_);
    std::vector<std::int16_t> samples(bytes.size() / 2);
    std::memcpy(samples.data(), bytes.data(), samples.size() * 2);
    return samples;
  }

 private:
  fs::path file_;
  int pid_ = 0;
};

/// Stretches of sound (seconds), from the first loud sample to the last, split where at least
/// `gap_s` of quiet lies between; `gaps` receives those quiet stretches.
std::vector<double> sound_lengths(const std::vector<std::int16_t>& samples, double gap_s,
                                  std::vector<double>* gaps = nullptr) {
  const auto loud = [](std::int16_t s) { return std::abs(int(s)) > 300; };
  const auto first = std::find_if(samples.begin(), samples.end(), loud);
  if (first == samples.end()) return {};
  const auto last = std::find_if(samples.rbegin(), samples.rend(), loud);
  const auto begin = static_cast<std::int64_t>(first - samples.begin());
  const auto end = static_cast<std::int64_t>(samples.rend() - last);
  std::vector<double> sounds;
  std::int64_t start = begin;
  for (const auto& quiet : find_silences(samples, 300, std::int64_t(gap_s * kRate))) {
    if (quiet.begin <= begin || quiet.end >= end) continue;
    sounds.push_back(double(quiet.begin - start) / kRate);
    if (gaps != nullptr) gaps->push_back(double(quiet.end - quiet.begin) / kRate);
    start = quiet.end;
  }
  sounds.push_back(double(end - start) / kRate);
  return sounds;
}

const char* kArticle =
    "The Lighthouse Keeper\n\n"
    "The old lighthouse on the northern point was lit again on Saturday evening, after eleven "
    "years of darkness and two winters of careful repairs by volunteers.\n\n"
    "Crowds gathered on the harbour wall.\n\n"
    "The keeper, who is eighty one, said he had never expected to see the lamp turn again in "
    "his lifetime, and thanked everyone who had carried stone up the long stair.\n";

class Control : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const RunResult help = run_narrate({"--help"});
    if (help.out.find("--control") == std::string::npos) {
      skip_ = "narrate has no --control yet (src/cli/app.cpp does not wire cli::run_play)";
      return;
    }
    skip_ = export_pulse_env();
    if (!skip_.empty()) return;
    const std::string sink = "narrate_e2e_" + std::to_string(::getpid());
    const RunResult loaded = run_shell("pactl load-module module-null-sink sink_name=" + sink +
                                       " rate=22050 channels=1 norewinds=1");
    if (loaded.exit_code != 0) {
      skip_ = "cannot add a null sink: " + loaded.err;
      return;
    }
    module_ = loaded.out.substr(0, loaded.out.find('\n'));
    ::setenv("PULSE_SINK", sink.c_str(), 1);
  }
  static void TearDownTestSuite() {
    if (!module_.empty()) run_shell("pactl unload-module " + module_);
    module_.clear();
    ::unsetenv("PULSE_SINK");  // later suites play to the default sink again
  }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
    if (const char* state = std::getenv("XDG_STATE_HOME")) saved_state_ = state;
    ::setenv("XDG_STATE_HOME", (dir_ / "state").c_str(), 1);
    write_file(article_, kArticle);
  }
  void TearDown() override {
    if (saved_state_) {
      ::setenv("XDG_STATE_HOME", saved_state_->c_str(), 1);
    } else {
      ::unsetenv("XDG_STATE_HOME");
    }
  }
  /// The same article written to a file: the sound lengths playback must reproduce.
  std::vector<double> reference_sounds(double gap_s, std::vector<std::string> extra = {}) {
    extra.insert(extra.begin(), {"-o", (dir_ / "ref.wav").string()});
    extra.push_back(article_.string());
    EXPECT_EQ(run_narrate(extra).exit_code, 0);
    return sound_lengths(probe_audio(dir_ / "ref.wav").samples, gap_s);
  }

  static inline std::string skip_;
  static inline std::string module_;
  TempDir dir_;
  fs::path article_ = dir_ / "lighthouse.txt";
  std::optional<std::string> saved_state_;
};

double total(const std::vector<double>& lengths) {
  double sum = 0;
  for (const double s : lengths) sum += s;
  return sum;
}

TEST_F(Control, PlaysEverythingWithEventsAndNoUnderrun) {
  const auto reference = reference_sounds(0.3);
  Recording recording(dir_ / "rec.raw");
  Narrate narrate({"--control", "stdin", "--stats", article_.string()}, dir_ / "err.txt");
  narrate.close_input();  // no commands: it plays to the end
  EXPECT_EQ(narrate.wait_exit(), 0) << read_file(dir_ / "err.txt");
  const auto heard = sound_lengths(recording.finish(), 0.3);
  const auto& events = narrate.events();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front()["event"], "ready");
  EXPECT_EQ(events.front()["sentences"], 4);
  int started = 0;
  for (const auto& e : events) started += e["event"] == "sentence_started";
  EXPECT_EQ(started, 4);
  EXPECT_EQ(events.back()["event"], "finished");
  EXPECT_EQ(events.back()["reason"], "completed");
  EXPECT_NE(read_file(dir_ / "err.txt").find(" 0 underruns"), std::string::npos)
      << read_file(dir_ / "err.txt");
  ASSERT_EQ(heard.size(), reference.size());
  EXPECT_NEAR(total(heard), total(reference), 0.15) << "nothing clipped, nothing lost";
}

TEST_F(Control, PauseLeavesTheGapNextSkipsSpeedApplies) {
  const auto reference = reference_sounds(0.3);
  ASSERT_EQ(reference.size(), 4u);
  Recording recording(dir_ / "rec.raw");
  Narrate narrate({"--control", "stdin", article_.string()}, dir_ / "err.txt");
  ASSERT_FALSE(narrate.wait_for("sentence_started", 2).is_null());
  std::this_thread::sleep_for(1500ms);
  narrate.send("pause");
  ASSERT_FALSE(narrate.wait_for("paused").is_null());
  std::this_thread::sleep_for(2s);
  narrate.send("resume");
  ASSERT_FALSE(narrate.wait_for("sentence_started", 3).is_null());
  narrate.send("next");  // "Crowds gathered on the harbour wall." is skipped at once
  ASSERT_FALSE(narrate.wait_for("sentence_started", 4).is_null());
  std::this_thread::sleep_for(300ms);
  narrate.send("speed 2x");  // from the next sentence on: there is none, so check the event
  const json speed = narrate.wait_for("speed");
  EXPECT_EQ(speed["wpm"], 400.0);
  EXPECT_EQ(speed["speed"], "2x \xC2\xB7 400 WPM");
  narrate.send("bogus");
  EXPECT_FALSE(narrate.wait_for("error").is_null());
  narrate.close_input();
  EXPECT_EQ(narrate.wait_exit(), 0) << read_file(dir_ / "err.txt");
  std::vector<double> all_gaps;
  const auto all = sound_lengths(recording.finish(), 0.3, &all_gaps);
  // What the skip let through of sentence 3 (its first ~0.1 s) is no sentence.
  std::vector<double> heard;
  std::vector<double> gaps;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i] < 0.2) continue;
    heard.push_back(all[i]);
    if (i < all_gaps.size()) gaps.push_back(all_gaps[i]);
  }
  // Title, first part of sentence 2, (the pause), the rest of it, sentence 4: the skipped
  // sentence is missing, the pause is a gap of about two seconds.
  ASSERT_EQ(heard.size(), 4u);
  EXPECT_NEAR(heard[0], reference[0], 0.1);
  EXPECT_NEAR(heard[1] + heard[2], reference[1], 1.0) << "resumed at the word it cut";
  EXPECT_GE(heard[1] + heard[2], reference[1] - 0.05) << "no word lost";
  EXPECT_NEAR(heard[3], reference[3], 0.15);
  ASSERT_GE(gaps.size(), 2u);
  EXPECT_NEAR(gaps[1], 2.0, 0.2);
}

TEST_F(Control, FasterFromTheNextSentenceOn) {
  const auto reference = reference_sounds(0.3);
  ASSERT_EQ(reference.size(), 4u);
  Recording recording(dir_ / "rec.raw");
  Narrate narrate({"--control", "stdin", article_.string()}, dir_ / "err.txt");
  ASSERT_FALSE(narrate.wait_for("sentence_started", 3).is_null());
  narrate.send("speed 2x");
  narrate.close_input();
  EXPECT_EQ(narrate.wait_exit(), 0) << read_file(dir_ / "err.txt");
  const auto heard = sound_lengths(recording.finish(), 0.3);
  ASSERT_EQ(heard.size(), 4u);
  EXPECT_NEAR(heard[2], reference[2], 0.15) << "the sentence playing kept its speed";
  const double ratio = heard[3] / reference[3];
  EXPECT_GT(ratio, 0.4);
  EXPECT_LT(ratio, 0.7) << "twice the words per minute (eSpeak shortens pauses more than sound)";
}

TEST_F(Control, CtrlCStopsAtOnceAndExits130) {
  Recording recording(dir_ / "rec.raw");
  Narrate narrate({"--control", "stdin", article_.string()}, dir_ / "err.txt");
  ASSERT_FALSE(narrate.wait_for("sentence_started", 2).is_null());
  std::this_thread::sleep_for(1s);
  const auto sent = Clock::now();
  ::kill(narrate.pid(), SIGINT);
  const int status = narrate.wait_exit(5s);
  const double exit_ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
  EXPECT_EQ(status, 130);
  EXPECT_LT(exit_ms, 300.0);
  EXPECT_EQ(read_file(dir_ / "err.txt"), "narrate: interrupted\n");
  EXPECT_EQ(narrate.events().back()["reason"], "interrupted");
  const auto heard = sound_lengths(recording.finish(), 0.3);
  ASSERT_EQ(heard.size(), 2u);
  EXPECT_LT(heard[1], 1.6) << "sentence 2 stopped about a second in";
}

TEST_F(Control, ResumeAndStartAt) {
  {
    Narrate narrate({"--control", "stdin", article_.string()}, dir_ / "err.txt");
    ASSERT_FALSE(narrate.wait_for("sentence_started", 3).is_null());
    narrate.send("stop");
    EXPECT_EQ(narrate.wait_exit(), 0);
    EXPECT_EQ(narrate.events().back()["reason"], "stopped");
  }
  {
    Narrate narrate({"--control", "stdin", "--resume", article_.string()}, dir_ / "err.txt");
    const json first = narrate.wait_for("sentence_started");
    EXPECT_EQ(first["sentence"], 3) << "where the last run stopped";
    narrate.send("stop");
    EXPECT_EQ(narrate.wait_exit(), 0);
  }
  {
    Narrate narrate({"--control", "stdin", "--start-at", "2", article_.string()}, dir_ / "err.txt");
    EXPECT_EQ(narrate.wait_for("sentence_started")["sentence"], 2);
    narrate.send("seek 4");
    EXPECT_FALSE(narrate.wait_for("sentence_started", 4).is_null());
    narrate.close_input();
    EXPECT_EQ(narrate.wait_exit(), 0);
  }
  // Heard to the end: --resume starts from the top again.
  Narrate narrate({"--control", "stdin", "--resume", article_.string()}, dir_ / "err.txt");
  EXPECT_EQ(narrate.wait_for("sentence_started")["sentence"], 1);
  narrate.send("stop");
  EXPECT_EQ(narrate.wait_exit(), 0);
  const RunResult bad = run_narrate({"--start-at", "9", article_.string()});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
}

TEST_F(Control, NoUnderrunWhileTheOtherCoresAreBusy) {
  // Busy loops on every core but one, for the whole article (at 3x: eSpeak's speed-up and the
  // time-stretching make each sentence several times dearer to synthesize).
  const long cores = std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN) - 1);
  std::vector<pid_t> busy;
  for (long i = 0; i < cores; ++i) {
    busy.push_back(std::atoi(
        run_shell("sh -c 'while :; do :; done' >/dev/null 2>&1 </dev/null & echo $!").out.c_str()));
  }
  const RunResult result =
      run_narrate({"--stats", "--speed", "3x", sample("plain-lighthouse.txt").string()});
  for (const pid_t pid : busy) {
    if (pid > 0) ::kill(pid, SIGTERM);
  }
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find(" 0 underruns"), std::string::npos) << result.err;
}

TEST_F(Control, WithoutATerminalNothingWaitsAndProgressOnlyWhenAsked) {
  const RunResult quiet = run_narrate({"--speed", "4x", article_.string()});
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.err, "");
  EXPECT_EQ(quiet.out, "");
  const RunResult progress = run_narrate({"--speed", "4x", "--progress", article_.string()});
  EXPECT_EQ(progress.exit_code, 0);
  EXPECT_NE(progress.err.find("narrate: [1/4] 0:00 / "), std::string::npos) << progress.err;
  EXPECT_NE(progress.err.find("narrate: [4/4]"), std::string::npos) << progress.err;
}

TEST_F(Control, DeviceThatGoesAwayStopsWithAMessageAndKeepsThePlace) {
  // A PulseAudio server of this test's own, killed while narrate plays into it.
  const std::string server_dir = (dir_ / "pulse").string();
  const std::string saved_server = std::getenv("PULSE_SERVER");
  const std::string saved_alsa = std::getenv("ALSA_CONFIG_PATH");
  const std::string saved_runtime = std::getenv("PULSE_RUNTIME_PATH");
  const std::string problem = export_pulse_env(server_dir);
  ASSERT_EQ(problem, "");
  ::unsetenv("PULSE_SINK");
  Narrate narrate({"--control", "stdin", article_.string()}, dir_ / "err.txt");
  const bool playing = !narrate.wait_for("sentence_started", 2).is_null();
  run_shell("NARRATE_PULSE_DIR=" + shell_quote(server_dir) + " bash " +
            shell_quote((tools_dir() / "pulse-env.sh").string()) + " --stop");
  const int status = narrate.wait_exit(15s);
  ::setenv("PULSE_SERVER", saved_server.c_str(), 1);
  ::setenv("ALSA_CONFIG_PATH", saved_alsa.c_str(), 1);
  ::setenv("PULSE_RUNTIME_PATH", saved_runtime.c_str(), 1);
  ::setenv("PULSE_SINK", ("narrate_e2e_" + std::to_string(::getpid())).c_str(), 1);
  ASSERT_TRUE(playing);
  EXPECT_EQ(status, 6);
  const std::string err = read_file(dir_ / "err.txt");
  EXPECT_NE(
      err.find("narrate: the audio output device stopped playing (stopped at sentence 2 of 4"),
      std::string::npos)
      << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  Narrate again({"--control", "stdin", "--resume", article_.string()}, dir_ / "err2.txt");
  EXPECT_EQ(again.wait_for("sentence_started")["sentence"], 2);
  again.send("stop");
  again.wait_exit();
}

/// A tmux server of its own (named after `name` and this process) running `command` in a 100x20
/// window: keys typed into it, its screen read back. The server ends with the object.
class TmuxWindow {
 public:
  TmuxWindow(const std::string& name, const std::string& command)
      : server_(name + "_" + std::to_string(::getpid())) {
    started_ = tmux("new-session -d -x 100 -y 20 -s play " + shell_quote(command)).exit_code == 0;
  }
  ~TmuxWindow() { tmux("kill-server"); }
  TmuxWindow(const TmuxWindow&) = delete;
  TmuxWindow& operator=(const TmuxWindow&) = delete;

  bool started() const { return started_; }
  void keys(const std::string& keys) const { tmux("send-keys -t play " + keys); }
  std::string screen() const { return tmux("capture-pane -p -t play").out; }
  /// Waits up to 10 s for `text` on the screen.
  bool wait_for(const std::string& text) const {
    const auto deadline = Clock::now() + 10s;
    while (Clock::now() < deadline) {
      if (screen().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }

 private:
  RunResult tmux(const std::string& args) const {
    return run_shell("tmux -L " + server_ + " " + args);
  }
  std::string server_;
  bool started_ = false;
};

TEST_F(Control, TerminalScreenInTmux) {
  if (run_shell("command -v tmux").exit_code != 0) GTEST_SKIP() << "tmux is not installed";
  const TmuxWindow window("narrate_test", "env TERM=xterm-256color " + shell_quote(NARRATE_BINARY) +
                                              " " + shell_quote(article_.string()) +
                                              "; echo EXIT=$?; sleep 30");
  ASSERT_TRUE(window.started());
  EXPECT_TRUE(window.wait_for("The Lighthouse Keeper")) << window.screen();
  EXPECT_TRUE(window.wait_for("1x \xC2\xB7 200 WPM")) << window.screen();
  EXPECT_TRUE(window.wait_for("Sentence 1 of 4")) << window.screen();
  EXPECT_TRUE(window.wait_for("[#")) << window.screen();
  window.keys("+");
  EXPECT_TRUE(window.wait_for("1.25x \xC2\xB7 250 WPM")) << window.screen();
  window.keys("Right");
  EXPECT_TRUE(window.wait_for("Sentence 2 of 4")) << window.screen();
  window.keys("Space");
  EXPECT_TRUE(window.wait_for("Paused")) << window.screen();
  window.keys("q");
  EXPECT_TRUE(window.wait_for("EXIT=0")) << window.screen();
  const std::string after = window.screen();
  EXPECT_NE(after.find("narrate: stopped at sentence 2 of 4"), std::string::npos) << after;
  EXPECT_EQ(after.find("Sentence 2 of 4"), std::string::npos) << "the player screen is gone";
}

TEST_F(Control, PipedArticleAtATerminalGetsTheScreenAndKeys) {
  // "cat article.txt | narrate -": stdin carries the article, the keys come from /dev/tty.
  if (run_shell("command -v tmux").exit_code != 0) GTEST_SKIP() << "tmux is not installed";
  const TmuxWindow window("narrate_pipe",
                          "cat " + shell_quote(article_.string()) + " | env TERM=xterm-256color " +
                              shell_quote(NARRATE_BINARY) + " -; echo EXIT=$?; sleep 30");
  ASSERT_TRUE(window.started());
  EXPECT_TRUE(window.wait_for("Sentence 1 of 4")) << window.screen();
  window.keys("Right");
  EXPECT_TRUE(window.wait_for("Sentence 2 of 4")) << window.screen();
  window.keys("q");
  EXPECT_TRUE(window.wait_for("EXIT=0")) << window.screen();
  const std::string after = window.screen();
  EXPECT_NE(after.find("narrate: stopped at sentence 2 of 4"), std::string::npos) << after;
  EXPECT_EQ(after.find("^[["), std::string::npos) << "keys echoed instead of read: " << after;
}

TEST_F(Control, ResumeFindsTheSameArticleAtAnotherPath) {
  Narrate first({"--control", "stdin", article_.string()}, dir_ / "err.txt");
  // Event sentences count from 1.
  ASSERT_FALSE(first.wait_for("sentence_started", 1).is_null());
  first.send("next");
  ASSERT_FALSE(first.wait_for("sentence_started", 2).is_null());
  first.send("next");
  ASSERT_FALSE(first.wait_for("sentence_started", 3).is_null());
  first.send("stop");
  EXPECT_EQ(first.wait_exit(), 0);
  // The same text under another name, and piped: both continue at sentence 3.
  const fs::path moved = dir_ / "elsewhere" / "copy.txt";
  fs::create_directories(moved.parent_path());
  fs::copy_file(article_, moved);
  Narrate again({"--control", "stdin", "--resume", moved.string()}, dir_ / "err2.txt");
  EXPECT_EQ(again.wait_for("sentence_started")["sentence"], 3) << read_file(dir_ / "err2.txt");
  again.send("stop");
  again.wait_exit();
  // Another text starts from the beginning.
  write_file(dir_ / "other.txt", std::string(kArticle) + "\nOne more paragraph, added later.\n");
  Narrate other({"--control", "stdin", "--resume", (dir_ / "other.txt").string()},
                dir_ / "err3.txt");
  EXPECT_EQ(other.wait_for("sentence_started")["sentence"], 1);
  other.send("stop");
  other.wait_exit();
}

}  // namespace
}  // namespace narrate::test
