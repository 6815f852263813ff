// pipeline/segment_render.cpp - pace segments rendered by forked workers, read back in order
#include "pipeline/segment_render.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "narrate/error.hpp"
#include "synth/syllables.hpp"

namespace narrate::pipeline {

namespace {

// What a worker writes for each utterance (kind 0), or once for a failure (kind 1: `samples`
// is then the length of the message that follows).
struct RecordHeader {
  std::int32_t kind = 0;
  std::int32_t code = 0;
  std::int64_t samples = 0;
  std::int64_t word_times = 0;
  std::int64_t pause_samples = 0;
  std::int64_t first_loud = 0;
  std::int64_t last_loud = 0;
  std::int32_t syntheses = 0;
  std::int32_t stretched = 0;
};

// Text the engine says once before any narration, so that every segment starts from the state
// a first synthesis leaves (eSpeak's first call after init differs from later ones).
constexpr const char* kWarmUp = "Ready.";

bool write_all(int fd, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, bytes, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// The worker: renders one segment and writes it to `fd`; never returns.
// Each record goes to `fd` (a file), then one byte to `notify_fd` (a pipe) says it is complete.
[[noreturn]] void run_worker(int fd, int notify_fd, std::span<const Utterance> plan,
                             const Segment& segment, const std::string& voice, double target_wpm) {
  const char done = 1;
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  // Stopped by the parent (or Ctrl-C to the group): nothing of the worker's needs cleaning up,
  // and the parent's own signal handling (removing its temporaries) must not run here.
  for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) ::sigaction(signal, &action, nullptr);
  try {
    Renderer renderer(synth::Engine::instance(), voice, target_wpm);
    renderer.seed_recent(plan.subspan(0, segment.begin));
    for (std::size_t i = segment.begin; i < segment.end; ++i) {
      const RenderedUtterance out = renderer.render(plan.subspan(i));
      RecordHeader header;
      header.samples = static_cast<std::int64_t>(out.samples.size());
      header.word_times = static_cast<std::int64_t>(out.word_times.size());
      header.pause_samples = out.pause_samples;
      header.first_loud = out.first_loud;
      header.last_loud = out.last_loud;
      header.syntheses = out.syntheses;
      header.stretched = out.stretch != 1.0 ? 1 : 0;
      if (!write_all(fd, &header, sizeof header) ||
          !write_all(fd, out.samples.data(), out.samples.size() * sizeof(std::int16_t)) ||
          !write_all(fd, out.word_times.data(), out.word_times.size() * sizeof(WordTime)) ||
          !write_all(notify_fd, &done, 1)) {
        ::_exit(1);
      }
    }
  } catch (const Error& error) {
    const std::string message = error.what();
    RecordHeader header;
    header.kind = 1;
    header.code = static_cast<std::int32_t>(error.code());
    header.samples = static_cast<std::int64_t>(message.size());
    write_all(fd, &header, sizeof header);
    write_all(fd, message.data(), message.size());
    write_all(notify_fd, &done, 1);
    ::_exit(1);
  } catch (...) {
    ::_exit(2);
  }
  ::_exit(0);
}

}  // namespace

std::vector<Segment> pace_segments(std::span<const Utterance> plan) {
  std::vector<Segment> segments;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const std::size_t length = i + 1 - begin;
    if (i + 1 == plan.size() ||
        (length >= kSegmentUtterances && plan[i].boundary != Boundary::Sentence) ||
        length >= 3 * kSegmentUtterances) {
      segments.push_back({begin, i + 1});
      begin = i + 1;
    }
  }
  return segments;
}

std::size_t usable_cores() noexcept {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0) {
    return static_cast<std::size_t>(CPU_COUNT(&set));
  }
  const long online = ::sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? static_cast<std::size_t>(online) : 1;
}

SegmentRenderer::SegmentRenderer(std::span<const Utterance> plan, const std::string& voice,
                                 double target_wpm, std::size_t jobs, const std::atomic<bool>* stop)
    : plan_(plan),
      voice_(voice),
      target_wpm_(target_wpm),
      jobs_(jobs == 0 ? usable_cores() : jobs),
      stop_(stop),
      segments_(pace_segments(plan)) {
  synth::Engine& engine = synth::Engine::instance();
  {
    const Renderer check(engine, voice_, target_wpm_);  // throws Error(Voice)
    sample_rate_hz_ = check.sample_rate_hz();
  }
  engine.synthesize(kWarmUp, [](std::span<const std::int16_t>) { return true; });
  in_process_ = segments_.size() <= 1;
  if (in_process_) renderer_ = std::make_unique<Renderer>(engine, voice_, target_wpm_);
}

SegmentRenderer::~SegmentRenderer() { stop_workers(); }

void SegmentRenderer::stop_workers() noexcept {
  for (Worker& worker : workers_) {
    if (worker.pid > 0) {
      ::kill(worker.pid, SIGKILL);
      int status = 0;
      while (::waitpid(worker.pid, &status, 0) < 0 && errno == EINTR) {
      }
    }
    if (worker.fd >= 0) ::close(worker.fd);
    if (worker.file_fd >= 0) ::close(worker.file_fd);
  }
  workers_.clear();
}

// A worker's audio waits in an unlinked temporary file, not in this process's memory, until
// its turn comes: memory stays flat however far ahead the workers are.
int open_spill_file() {
  const char* dir = std::getenv("TMPDIR");
  const std::string folder = dir != nullptr && *dir != '\0' ? dir : "/tmp";
  int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  std::string path = folder + "/.narrate-segment.XXXXXX";
  fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(path.c_str());
  return fd;
}

void SegmentRenderer::launch(std::size_t segment) {
  const auto fail = [](const char* what) {
    return Error(ErrorCode::Voice, std::string("cannot start a synthesis worker: ") + what + ": " +
                                       std::strerror(errno));
  };
  const int file_fd = open_spill_file();
  if (file_fd < 0) throw fail("temporary file");
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    ::close(file_fd);
    throw fail("pipe");
  }
  const pid_t pid = synth::Engine::instance().fork_process();
  if (pid == 0) {
    ::close(fds[0]);
    run_worker(file_fd, fds[1], plan_, segments_[segment], voice_, target_wpm_);
  }
  ::close(fds[1]);
  if (pid < 0) {
    ::close(fds[0]);
    ::close(file_fd);
    throw fail("fork");
  }
  Worker worker;
  worker.segment = segment;
  worker.pid = pid;
  worker.fd = fds[0];
  worker.file_fd = file_fd;
  workers_.push_back(std::move(worker));
}

bool SegmentRenderer::wait_record(Worker& worker) {
  for (;;) {
    if (stop_ != nullptr && stop_->load(std::memory_order_relaxed)) {
      throw Error(ErrorCode::Interrupted, "interrupted");
    }
    pollfd fd{worker.fd, POLLIN, 0};
    // A short timeout: the stop flag is looked at while the worker is busy.
    if (::poll(&fd, 1, 100) <= 0) continue;
    char byte = 0;
    const ssize_t n = ::read(worker.fd, &byte, 1);
    if (n == 1) return true;
    if (n == 0) return false;
    if (errno != EINTR && errno != EAGAIN) return false;
  }
}

bool SegmentRenderer::take(Worker& worker, std::size_t bytes, void* out) {
  auto* into = static_cast<char*>(out);
  while (bytes > 0) {
    const ssize_t n = ::pread(worker.file_fd, into, bytes, static_cast<off_t>(worker.offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    into += n;
    bytes -= static_cast<std::size_t>(n);
    worker.offset += static_cast<std::size_t>(n);
  }
  return true;
}

RenderedUtterance SegmentRenderer::next() {
  const std::size_t index = next_utterance_;
  if (index >= plan_.size()) return {};
  RenderedUtterance out;
  if (in_process_) {
    out = renderer_->render(plan_.subspan(index), stop_);
    if (out.cancelled) throw Error(ErrorCode::Interrupted, "interrupted");
  } else {
    while (workers_.size() < jobs_ && next_segment_ < segments_.size()) launch(next_segment_++);
    Worker& worker = workers_.front();
    const auto died = [&]() -> Error {
      int status = 0;
      while (::waitpid(worker.pid, &status, 0) < 0 && errno == EINTR) {
      }
      worker.pid = -1;
      if (stop_ != nullptr && stop_->load(std::memory_order_relaxed)) {
        return Error(ErrorCode::Interrupted, "interrupted");
      }
      return Error(
          ErrorCode::Voice,
          WIFSIGNALED(status)
              ? "a synthesis worker died (signal " + std::to_string(WTERMSIG(status)) + ", " +
                    ::strsignal(WTERMSIG(status)) + ")"
              : "a synthesis worker failed (exit " + std::to_string(WEXITSTATUS(status)) + ")");
    };
    RecordHeader header;
    if (!wait_record(worker) || !take(worker, sizeof header, &header)) throw died();
    if (header.kind == 1) {
      std::string message(static_cast<std::size_t>(header.samples), '\0');
      if (!take(worker, message.size(), message.data())) throw died();
      throw Error(static_cast<ErrorCode>(header.code), message);
    }
    out.samples.resize(static_cast<std::size_t>(header.samples));
    out.word_times.resize(static_cast<std::size_t>(header.word_times));
    if (!take(worker, out.samples.size() * sizeof(std::int16_t), out.samples.data()) ||
        !take(worker, out.word_times.size() * sizeof(WordTime), out.word_times.data())) {
      throw died();
    }
    out.pause_samples = header.pause_samples;
    out.first_loud = header.first_loud;
    out.last_loud = header.last_loud;
    out.syntheses = header.syntheses;
    out.stretch = header.stretched != 0 ? 0.0 : 1.0;  // only "changed or not" crosses over
    if (index + 1 == segments_[worker.segment].end) {
      int status = 0;
      while (::waitpid(worker.pid, &status, 0) < 0 && errno == EINTR) {
      }
      worker.pid = -1;
      ::close(worker.fd);
      ::close(worker.file_fd);
      worker.fd = -1;
      worker.file_fd = -1;
      workers_.pop_front();
      if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        throw Error(ErrorCode::Voice, "a synthesis worker failed after its last sentence");
      }
    }
  }
  ++next_utterance_;
  totals_.utterances += 1;
  totals_.syntheses += static_cast<std::size_t>(out.syntheses);
  totals_.stretched += out.stretch != 1.0 ? 1 : 0;
  totals_.syllables += synth::syllables(plan_[index].spoken);
  return out;
}

}  // namespace narrate::pipeline
