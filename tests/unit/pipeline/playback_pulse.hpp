// unit/pipeline/playback_pulse.hpp - a private PulseAudio null sink and parec recorder for tests
#pragma once

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/support.hpp"

namespace narrate::test {

/// Starts tools/pulse-env.sh, takes over the environment it prints, and gives this process a
/// null sink of its own (PULSE_SINK), so parallel test processes never mix into its recordings.
/// Returns why not, or "" when ready.
inline std::string use_private_pulse_sink(std::string& module) {
  namespace fs = std::filesystem;
  const fs::path script = fs::path(NARRATE_TESTS_DIR) / ".." / "tools" / "pulse-env.sh";
  const RunResult env = run_shell(shell_quote(script.string()));
  if (env.exit_code != 0) return "cannot start the test PulseAudio server: " + env.err;
  std::istringstream lines(env.out);
  std::string line;
  while (std::getline(lines, line)) {
    const auto eq = line.find('=');
    if (line.rfind("export ", 0) != 0 || eq == std::string::npos) continue;
    std::string value = line.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '\'') value = value.substr(1, value.size() - 2);
    ::setenv(line.substr(7, eq - 7).c_str(), value.c_str(), 1);
  }
  const std::string sink = "narrate_play_" + std::to_string(::getpid());
  const RunResult loaded = run_shell("pactl load-module module-null-sink sink_name=" + sink +
                                     " rate=22050 channels=1 norewinds=1");
  if (loaded.exit_code != 0) return "cannot add a null sink: " + loaded.err;
  module = loaded.out.substr(0, loaded.out.find('\n'));
  ::setenv("PULSE_SINK", sink.c_str(), 1);
  return "";
}

/// parec on this process's sink monitor while it lives.
class SinkRecorder {
 public:
  explicit SinkRecorder(const std::filesystem::path& file) : file_(file) {
    const std::string sink = std::getenv("PULSE_SINK") != nullptr ? std::getenv("PULSE_SINK") : "";
    const auto before = streams();
    const RunResult r = run_shell("parec --latency-msec=20 -d " + shell_quote(sink + ".monitor") +
                                  " --raw --format=s16le --rate=22050 --channels=1 >" +
                                  shell_quote(file.string()) + " 2>/dev/null </dev/null & echo $!");
    pid_ = std::atoi(r.out.c_str());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
      if (streams() > before) {
        ready_ = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // leading silence
  }
  ~SinkRecorder() { stop(); }
  bool ready() const { return ready_ && pid_ > 0; }
  /// Stops recording (after letting what is in flight arrive) and returns the samples.
  std::vector<std::int16_t> finish() {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::string bytes = read_file(file_);
    std::vector<std::int16_t> samples(bytes.size() / 2);
    std::memcpy(samples.data(), bytes.data(), samples.size() * 2);
    return samples;
  }

 private:
  static long streams() {
    const RunResult outputs = run_shell("pactl list short source-outputs");
    return std::count(outputs.out.begin(), outputs.out.end(), '\n');
  }
  void stop() {
    if (pid_ > 0) ::kill(pid_, SIGTERM);
    pid_ = 0;
  }
  std::filesystem::path file_;
  int pid_ = 0;
  bool ready_ = false;
};

/// Stretches of sound, [begin, end) in samples, where quiet gaps shorter than min_gap_samples
/// do not count as gaps.
inline std::vector<Silence> sounds_in(const std::vector<std::int16_t>& samples,
                                      std::int64_t min_gap_samples, int threshold = 300) {
  std::vector<Silence> sounds;
  std::int64_t at = 0;
  for (const auto& quiet : find_silences(samples, threshold, min_gap_samples)) {
    if (quiet.begin > at) sounds.push_back({at, quiet.begin});
    at = quiet.end;
  }
  if (at < static_cast<std::int64_t>(samples.size())) {
    sounds.push_back({at, static_cast<std::int64_t>(samples.size())});
  }
  return sounds;
}

}  // namespace narrate::test
