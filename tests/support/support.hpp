// support/support.hpp - shared test helpers: temp dirs, files, running narrate, reading audio back
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace narrate::test {

/// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// The whole file as bytes; fails the test (ADD_FAILURE) and returns "" when it cannot be read.
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& bytes);

/// Path of a file in samples/.
std::filesystem::path sample(const std::string& name);

/// The outcome of a command run through /bin/sh.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs the narrate binary with the given arguments (each shell-quoted), stdin from stdin_path
/// (or /dev/null when empty), and captures stdout, stderr and the exit code.
RunResult run_narrate(const std::vector<std::string>& args, const std::string& stdin_path = "");

/// Runs a shell command line; captures stdout, stderr and the exit status.
RunResult run_shell(const std::string& command_line);

/// Quotes a string for /bin/sh.
std::string shell_quote(const std::string& text);

/// An audio file read back through libsndfile.
struct AudioProbe {
  bool ok = false;
  std::string error;
  int sample_rate_hz = 0;
  int channels = 0;
  int format = 0;                     ///< SF_INFO.format
  std::vector<std::int16_t> samples;  ///< interleaved
  double seconds() const {
    return sample_rate_hz ? double(samples.size()) / channels / sample_rate_hz : 0;
  }
};
AudioProbe probe_audio(const std::filesystem::path& path);

/// Stretches of silence in mono samples: [begin, end) sample ranges at least min_samples long
/// whose absolute amplitude stays at or below threshold.
struct Silence {
  std::int64_t begin = 0;
  std::int64_t end = 0;
};
std::vector<Silence> find_silences(const std::vector<std::int16_t>& samples, int threshold,
                                   std::int64_t min_samples);

}  // namespace narrate::test
