// unit/audio/audio_test_util.hpp - synthetic signals and child-process helpers for audio tests
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace narrate::test {

/// A sine tone at amplitude 10000 (well clear of any silence threshold, far from clipping).
inline std::vector<std::int16_t> tone(int rate_hz, double seconds, double freq_hz = 440.0) {
  const auto n = static_cast<std::size_t>(std::lround(seconds * rate_hz));
  std::vector<std::int16_t> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = static_cast<std::int16_t>(
        std::lround(10000.0 * std::sin(2.0 * M_PI * freq_hz * double(i) / rate_hz)));
  }
  return out;
}

inline std::vector<std::int16_t> silence(int rate_hz, double seconds) {
  return std::vector<std::int16_t>(static_cast<std::size_t>(std::lround(seconds * rate_hz)), 0);
}

inline void append(std::vector<std::int16_t>& to, const std::vector<std::int16_t>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

/// The outcome of a function run in a forked child.
struct ChildResult {
  int exit_code = -1;
  std::string out;  ///< what the child wrote to its stdout
};

/// Runs body in a forked child whose stdout is a pipe (or stays as set up by prepare), and
/// returns body's result as the exit code. The child never returns into GoogleTest.
inline ChildResult run_in_child(const std::function<int()>& body) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[1]);
    int code = 99;
    try {
      code = body();
    } catch (...) {
      code = 98;
    }
    ::_exit(code);
  }
  ::close(fds[1]);
  ChildResult result;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace narrate::test
