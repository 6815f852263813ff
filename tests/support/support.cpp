// support/support.cpp - shared test helpers
#include "support/support.hpp"

#include <gtest/gtest.h>
#include <sndfile.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace narrate::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string templ = (fs::temp_directory_path() / "narrate-test-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed");
  }
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

fs::path sample(const std::string& name) { return fs::path(NARRATE_SAMPLES_DIR) / name; }

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

RunResult run_shell(const std::string& command_line) {
  TempDir dir;
  const fs::path out = dir / "out";
  const fs::path err = dir / "err";
  const std::string full =
      "(" + command_line + ") >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string());
  RunResult result;
  const int status = std::system(full.c_str());
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

RunResult run_narrate(const std::vector<std::string>& args, const std::string& stdin_path) {
  std::string command = shell_quote(NARRATE_BINARY);
  for (const auto& arg : args) {
    command += " " + shell_quote(arg);
  }
  command += " <" + shell_quote(stdin_path.empty() ? "/dev/null" : stdin_path);
  return run_shell(command);
}

AudioProbe probe_audio(const fs::path& path) {
  AudioProbe probe;
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (file == nullptr) {
    probe.error = sf_strerror(nullptr);
    return probe;
  }
  probe.sample_rate_hz = info.samplerate;
  probe.channels = info.channels;
  probe.format = info.format;
  std::vector<std::int16_t> buffer(4096 * static_cast<std::size_t>(info.channels));
  for (;;) {
    const sf_count_t frames = sf_readf_short(file, buffer.data(), 4096);
    if (frames <= 0) break;
    probe.samples.insert(probe.samples.end(), buffer.begin(),
                         buffer.begin() + frames * info.channels);
  }
  sf_close(file);
  probe.ok = true;
  return probe;
}

std::vector<Silence> find_silences(const std::vector<std::int16_t>& samples, int threshold,
                                   std::int64_t min_samples) {
  std::vector<Silence> silences;
  std::int64_t run_start = -1;
  const auto n = static_cast<std::int64_t>(samples.size());
  for (std::int64_t i = 0; i <= n; ++i) {
    const bool quiet = i < n && std::abs(int(samples[static_cast<std::size_t>(i)])) <= threshold;
    if (quiet && run_start < 0) run_start = i;
    if (!quiet && run_start >= 0) {
      if (i - run_start >= min_samples) silences.push_back({run_start, i});
      run_start = -1;
    }
  }
  return silences;
}

}  // namespace narrate::test
