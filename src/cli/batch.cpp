// cli/batch.cpp - narrate --batch: items run by worker processes, a progress line, a summary
#include "batch.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "batch_list.hpp"
#include "narrate/error.hpp"
#include "narrate/speed.hpp"

namespace narrate::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxJobs = 64;

// What the signal handler needs: the first stop signal, and the workers to pass it on to.
volatile std::sig_atomic_t g_batch_signal = 0;
std::array<std::atomic<pid_t>, kMaxJobs> g_workers{};  // lock-free: read in the handler

extern "C" void on_batch_signal(int signal) {
  if (g_batch_signal == 0) g_batch_signal = signal;
  // Each worker stops where it stands and removes the file it began (a second signal makes it
  // end at once, still removing it: narrate's own handling of stop signals).
  for (const std::atomic<pid_t>& worker : g_workers) {
    const pid_t pid = worker.load();
    if (pid > 0) ::kill(pid, signal);
  }
}

void catch_batch_signals() {
  struct sigaction action {};
  action.sa_handler = on_batch_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: waitpid returns to look at the flag
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal, &action, nullptr);
}

enum class Outcome { Done, Skipped, Failed, Interrupted };

struct Running {
  pid_t pid = 0;
  std::size_t slot = 0;
  int stderr_fd = -1;  // a memfd holding what the worker said
  std::size_t item = 0;
  Clock::time_point started;
};

struct Tally {
  std::size_t total = 0;
  std::size_t done = 0;
  std::size_t skipped = 0;
  std::size_t failed = 0;
  std::size_t interrupted = 0;
  std::size_t finished() const { return done + skipped + failed + interrupted; }
  std::vector<std::string> failures;
};

std::string label_of(const BatchItem& item) {
  std::string label = item.line > 0 ? "line " + std::to_string(item.line) + " " : "";
  return label + "'" + (item.source.empty() ? std::string("?") : item.source) + "'";
}

// The worker's reason: its last "narrate: " line that is not a warning.
std::string worker_reason(int fd) {
  std::string text;
  if (::lseek(fd, 0, SEEK_SET) == 0) {
    std::array<char, 4096> buffer{};
    for (ssize_t n; (n = ::read(fd, buffer.data(), buffer.size())) > 0;) {
      text.append(buffer.data(), static_cast<std::size_t>(n));
      if (text.size() > (1u << 20)) break;
    }
  }
  std::string reason;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(begin, end - begin);
    if (line.rfind("narrate: ", 0) == 0 && line.rfind("narrate: warning", 0) != 0) {
      reason = line.substr(9);
    }
    begin = end + 1;
  }
  return reason;
}

class Progress {
 public:
  explicit Progress(std::size_t total) : total_(total), terminal_(::isatty(STDERR_FILENO) == 1) {}

  // One line per event off a terminal (logs of a scheduler); a redrawn bar on one.
  void item(const Tally& tally, std::size_t running, Outcome outcome, const std::string& what) {
    if (outcome == Outcome::Failed) {
      clear();
      std::fprintf(stderr, "narrate: failed: %s\n", what.c_str());
    } else if (!terminal_ && outcome == Outcome::Done) {
      std::fprintf(stderr, "narrate: [%zu/%zu] done %s\n", tally.finished(), total_, what.c_str());
    }
    draw(tally, running);
  }

  void draw(const Tally& tally, std::size_t running) {
    if (!terminal_ || total_ == 0) return;
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = tally.finished() * kWidth / total_;
    std::string bar(filled, '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr,
                 "\r\033[Knarrate: batch [%s] %zu/%zu: %zu done, %zu skipped, %zu failed, %zu "
                 "running",
                 bar.c_str(), tally.finished(), total_, tally.done, tally.skipped, tally.failed,
                 running);
    std::fflush(stderr);
    drawn_ = true;
  }

  void clear() {
    if (drawn_) std::fputs("\r\033[K", stderr);
    drawn_ = false;
  }

 private:
  std::size_t total_;
  bool terminal_;
  bool drawn_ = false;
};

std::vector<std::string> worker_args(const BatchOptions& options, const BatchItem& item,
                                     const std::string& output) {
  std::vector<std::string> args{"narrate"};
  const std::string& speed = item.speed.empty() ? options.speed : item.speed;
  if (!speed.empty()) args.insert(args.end(), {"--speed", speed});
  const std::string& voice = item.voice.empty() ? options.voice : item.voice;
  if (!voice.empty()) args.insert(args.end(), {"--voice", voice});
  if (!options.source_format.empty()) args.insert(args.end(), {"--format", options.source_format});
  if (options.ssml) args.emplace_back("--ssml");
  for (const std::string& lexicon : options.lexicons)
    args.insert(args.end(), {"--lexicon", lexicon});
  // One worker per core already: the worker itself synthesizes in one process.
  args.insert(args.end(), {"--jobs", "1", "-o", output, "--", item.source});
  return args;
}

pid_t start_worker(const std::string& program, const std::vector<std::string>& args,
                   int stderr_fd) {
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid != 0) return pid;  // the parent, or -1
  // The worker: the batch's terminal and signals, its own standard streams.
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal, &action, nullptr);
  const int null_fd = ::open("/dev/null", O_RDWR);
  if (null_fd >= 0) {
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(null_fd, STDOUT_FILENO);
  }
  ::dup2(stderr_fd, STDERR_FILENO);
  ::execv(program.c_str(), argv.data());
  const std::string message =
      "narrate: cannot run the worker '" + program + "': " + std::strerror(errno) + "\n";
  [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, message.data(), message.size());
  ::_exit(127);
}

bool is_stop_signal(int signal) {
  return signal == SIGINT || signal == SIGTERM || signal == SIGHUP;
}

}  // namespace

std::size_t usable_cores() noexcept {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof(set), &set) == 0) {
    const int count = CPU_COUNT(&set);
    if (count > 0) return static_cast<std::size_t>(count);
  }
  const long online = ::sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? static_cast<std::size_t>(online) : 1;
}

int run_batch(const BatchOptions& options) {
  const auto started = Clock::now();
  if (options.output_dir.empty() || options.output_dir == "-") {
    throw Error(ErrorCode::Usage, "--batch writes into a folder: give -o DIR");
  }
  if (!is_audio_format(options.format)) {
    throw Error(ErrorCode::Usage,
                "unknown --audio-format '" + options.format + "' (wav, flac, ogg, opus, mp3)");
  }
  const Shard shard = options.shard.empty() ? Shard{} : parse_shard(options.shard);
  if (!options.speed.empty()) Speed::parse(options.speed);  // throws Error(Usage)
  std::size_t jobs = options.jobs == 0 ? usable_cores() : options.jobs;
  jobs = std::min(jobs, kMaxJobs);

  std::vector<BatchItem> items = read_batch_list(options.list, options.format);

  // The folder is made (with its parents) and checked before any work.
  std::error_code error;
  fs::create_directories(options.output_dir, error);
  if (!fs::is_directory(options.output_dir)) {
    throw Error(ErrorCode::Output, "cannot make the output folder '" + options.output_dir +
                                       "': " + (error ? error.message() : "not a folder"));
  }
  if (::access(options.output_dir.c_str(), W_OK | X_OK) != 0) {
    throw Error(ErrorCode::Output, "cannot write to the output folder '" + options.output_dir +
                                       "': " + std::strerror(errno));
  }

  const char* override_worker = std::getenv("NARRATE_BATCH_WORKER");
  const std::string program =
      override_worker != nullptr && *override_worker != '\0' ? override_worker : "/proc/self/exe";

  Tally tally;
  std::vector<std::size_t> queue;
  for (const BatchItem& item : items) {
    if (shard.selects(item.index)) ++tally.total;
  }
  Progress progress(tally.total);
  const auto fail = [&](const BatchItem& item, const std::string& reason, std::size_t running) {
    ++tally.failed;
    const std::string what = label_of(item) + ": " + reason;
    tally.failures.push_back(what);
    progress.item(tally, running, Outcome::Failed, what);
  };
  for (const BatchItem& item : items) {
    if (!shard.selects(item.index)) continue;
    if (!item.error.empty()) {
      fail(item, item.error, 0);
      continue;
    }
    if (!item.speed.empty()) {
      try {
        Speed::parse(item.speed);
      } catch (const Error& bad) {
        fail(item, bad.what(), 0);
        continue;
      }
    }
    const fs::path output = fs::path(options.output_dir) / item.output;
    struct stat info {};
    if (::stat(output.c_str(), &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
      ++tally.skipped;  // done by an earlier run: outputs are complete or absent
      progress.item(tally, 0, Outcome::Skipped, item.output);
      continue;
    }
    queue.push_back(item.index);
  }

  g_batch_signal = 0;
  for (std::atomic<pid_t>& worker : g_workers) worker.store(0);
  catch_batch_signals();
  std::vector<Running> running;
  std::size_t next = 0;
  while (true) {
    while (g_batch_signal == 0 && running.size() < jobs && next < queue.size()) {
      const BatchItem& item = items[queue[next++]];
      const fs::path output = fs::path(options.output_dir) / item.output;
      std::error_code made;
      fs::create_directories(output.parent_path(), made);
      if (made) {
        fail(item,
             "cannot make the folder '" + output.parent_path().string() + "': " + made.message(),
             running.size());
        continue;
      }
      const int stderr_fd = ::memfd_create("narrate-worker", MFD_CLOEXEC);
      if (stderr_fd < 0) {
        fail(item, std::string("cannot start a worker: ") + std::strerror(errno), running.size());
        continue;
      }
      std::size_t slot = 0;
      while (g_workers[slot] != 0) ++slot;
      const pid_t pid =
          start_worker(program, worker_args(options, item, output.string()), stderr_fd);
      if (pid < 0) {
        ::close(stderr_fd);
        fail(item, std::string("cannot start a worker: ") + std::strerror(errno), running.size());
        continue;
      }
      g_workers[slot] = pid;
      // A signal that came between fork and here did not reach this worker.
      if (g_batch_signal != 0) ::kill(pid, g_batch_signal);
      running.push_back({pid, slot, stderr_fd, item.index, Clock::now()});
      progress.draw(tally, running.size());
    }
    if (running.empty()) break;

    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      break;  // ECHILD: nothing left to wait for
    }
    const auto it = std::find_if(running.begin(), running.end(),
                                 [&](const Running& worker) { return worker.pid == pid; });
    if (it == running.end()) continue;
    const Running worker = *it;
    running.erase(it);
    g_workers[worker.slot] = 0;
    const BatchItem& item = items[worker.item];
    const std::string reason = worker_reason(worker.stderr_fd);
    ::close(worker.stderr_fd);
    const fs::path output = fs::path(options.output_dir) / item.output;
    const double seconds = std::chrono::duration<double>(Clock::now() - worker.started).count();

    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      struct stat info {};
      if (::stat(output.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
        ++tally.done;
        char what[64];
        std::snprintf(what, sizeof what, " (%.1f s)", seconds);
        progress.item(tally, running.size(), Outcome::Done, item.output + what);
      } else {
        fail(item, "the worker ended without writing '" + output.string() + "'", running.size());
      }
      continue;
    }
    const bool stopped_by_signal = (WIFSIGNALED(status) && is_stop_signal(WTERMSIG(status))) ||
                                   (WIFEXITED(status) && WEXITSTATUS(status) > 128 &&
                                    is_stop_signal(WEXITSTATUS(status) - 128));
    if (g_batch_signal != 0 && stopped_by_signal) {
      ++tally.interrupted;
      progress.item(tally, running.size(), Outcome::Interrupted, item.output);
      continue;
    }
    if (WIFSIGNALED(status)) {
      const int signal = WTERMSIG(status);
      fail(item,
           "the worker crashed (signal " + std::to_string(signal) + ", " + ::strsignal(signal) +
               ")" + (reason.empty() ? "" : ": " + reason),
           running.size());
    } else {
      fail(item,
           (reason.empty() ? std::string("the worker failed") : reason) + " (exit " +
               std::to_string(WEXITSTATUS(status)) + ")",
           running.size());
    }
  }

  // Restore narrate's usual handling: the rest of the run is the summary.
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal, &action, nullptr);

  progress.clear();
  const std::size_t not_started = tally.total - tally.finished();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::fprintf(stderr,
               "narrate: batch: %zu item(s)%s: %zu done, %zu skipped (already written), %zu "
               "failed",
               tally.total,
               shard.count > 1 ? (" in shard " + std::to_string(shard.index % shard.count) + "/" +
                                  std::to_string(shard.count))
                                     .c_str()
                               : "",
               tally.done, tally.skipped, tally.failed);
  if (g_batch_signal != 0) {
    std::fprintf(stderr, ", %zu interrupted or not started", tally.interrupted + not_started);
  }
  std::fprintf(stderr, ", %.1f s, %zu job(s)\n", seconds, jobs);
  for (const std::string& failure : tally.failures) {
    std::fprintf(stderr, "narrate: failed: %s\n", failure.c_str());
  }
  if (g_batch_signal != 0) {
    std::fprintf(stderr, "narrate: %s: run the same command again to do the rest\n",
                 g_batch_signal == SIGINT    ? "interrupted"
                 : g_batch_signal == SIGTERM ? "terminated"
                                             : "hang-up");
    return 128 + g_batch_signal;
  }
  return tally.failed > 0 ? kExitBatchFailed : 0;
}

}  // namespace narrate::cli
