// cli/serve_worker.cpp - bounded admission and the `narrate` child processes that synthesize
#include "serve_worker.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "exit_codes.hpp"
#include "narrate/error.hpp"
#include "narrate/narrate.hpp"

extern char** environ;

namespace narrate::cli {

WorkerPool::Slot& WorkerPool::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = other.pool_;
    other.pool_ = nullptr;
  }
  return *this;
}

void WorkerPool::Slot::release() noexcept {
  if (pool_) pool_->release_one();
  pool_ = nullptr;
}

WorkerPool::Slot WorkerPool::acquire(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  if (busy_ < workers_ && waiting_ == 0) {
    ++busy_;
    return Slot(this);
  }
  if (waiting_ >= queue_limit_) return Slot();
  ++waiting_;
  const bool got = freed_.wait_for(lock, wait, [this] { return busy_ < workers_; });
  --waiting_;
  if (!got) return Slot();
  ++busy_;
  return Slot(this);
}

void WorkerPool::release_one() noexcept {
  {
    std::lock_guard lock(mutex_);
    --busy_;
  }
  freed_.notify_one();
}

std::size_t WorkerPool::busy() const {
  std::lock_guard lock(mutex_);
  return busy_;
}

std::size_t WorkerPool::queued() const {
  std::lock_guard lock(mutex_);
  return waiting_;
}

namespace {

[[noreturn]] void fail_spawn(const std::string& what, int error) {
  throw Error(ErrorCode::Output,
              "cannot start a synthesis worker: " + what + ": " + std::strerror(error));
}

struct SpawnActions {
  posix_spawn_file_actions_t actions{};
  SpawnActions() { posix_spawn_file_actions_init(&actions); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
};

}  // namespace

WorkerProcess::WorkerProcess(const std::string& program, const std::vector<std::string>& args,
                             const std::string& stderr_path) {
  spawn(program, args, stderr_path, false);
}

WorkerProcess::WorkerProcess(const std::string& program) {
  spawn(program, {program, "serve", "--standby-worker"}, "/dev/null", true);
}

void WorkerProcess::spawn(const std::string& program, const std::vector<std::string>& args,
                          const std::string& stderr_path, bool standby) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) fail_spawn("pipe", errno);
  int in[2] = {-1, -1};
  if (standby && ::pipe2(in, O_CLOEXEC) != 0) {
    const int error = errno;
    ::close(out[0]);
    ::close(out[1]);
    fail_spawn("pipe", error);
  }
  SpawnActions spawn;
  if (standby) {
    posix_spawn_file_actions_adddup2(&spawn.actions, in[0], STDIN_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&spawn.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_adddup2(&spawn.actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&spawn.actions, STDERR_FILENO, stderr_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  // The server ignores SIGPIPE and blocks its stop signals; the child gets the defaults back,
  // so that a vanished reader or a kill ends it.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  const int error =
      ::posix_spawn(&pid_, program.c_str(), &spawn.actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  ::close(out[1]);
  if (standby) ::close(in[0]);
  if (error != 0) {
    ::close(out[0]);
    if (standby) ::close(in[1]);
    pid_ = -1;
    fail_spawn(program, error);
  }
  out_fd_ = out[0];
  in_fd_ = standby ? in[1] : -1;
}

bool WorkerProcess::start(const std::vector<std::string>& args,
                          const std::string& stderr_path) noexcept {
  if (in_fd_ < 0 || pid_ < 0) return false;
  std::string line;
  try {
    line = nlohmann::json{{"args", args}, {"stderr", stderr_path}}.dump() + "\n";
  } catch (...) {
    return false;
  }
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(in_fd_, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  ::close(in_fd_);
  in_fd_ = -1;
  return written == line.size();
}

int run_standby_worker() {
  // Load the speech engine (eSpeak NG's data, the voices) while no one waits: it is a process
  // singleton, so the request's narration finds it ready. A failure here is met again, and
  // reported, by the request itself.
  try {
    list_voices();
  } catch (const Error&) {
  }
  std::string line;
  for (char c; ::read(STDIN_FILENO, &c, 1) == 1 && c != '\n';) line += c;
  nlohmann::json request = nlohmann::json::parse(line, nullptr, false);
  if (!request.is_object() || !request["args"].is_array() || !request["stderr"].is_string()) {
    return kExitUsage;  // the server went away before handing over a request
  }
  const int err = ::open(request["stderr"].get<std::string>().c_str(),
                         O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (err >= 0) {
    ::dup2(err, STDERR_FILENO);
    ::close(err);
  }
  const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null >= 0) {
    ::dup2(null, STDIN_FILENO);
    ::close(null);
  }
  std::vector<std::string> args = request["args"].get<std::vector<std::string>>();
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  return run(static_cast<int>(args.size()), argv.data());
}

WorkerProcess::~WorkerProcess() {
  kill();
  if (out_fd_ >= 0) ::close(out_fd_);
  if (in_fd_ >= 0) ::close(in_fd_);
}

long WorkerProcess::read_some(char* buffer, std::size_t size, int timeout_ms) {
  pollfd ready{out_fd_, POLLIN, 0};
  for (;;) {
    const int n = ::poll(&ready, 1, timeout_ms);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(ErrorCode::Output, std::string("poll: ") + std::strerror(errno));
    if (n == 0) return -1;
    break;
  }
  for (;;) {
    const ssize_t got = ::read(out_fd_, buffer, size);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw Error(ErrorCode::Output, std::string("read: ") + std::strerror(errno));
    return static_cast<long>(got);
  }
}

int WorkerProcess::wait() {
  if (pid_ < 0) return status_;
  int raw = 0;
  while (::waitpid(pid_, &raw, 0) < 0) {
    if (errno != EINTR) {
      pid_ = -1;
      return status_ = 1;
    }
  }
  pid_ = -1;
  status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  return status_;
}

void WorkerProcess::kill() noexcept {
  if (pid_ < 0) return;
  ::kill(pid_, SIGKILL);
  int raw = 0;
  while (::waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  status_ = 128 + SIGKILL;
}

}  // namespace narrate::cli
