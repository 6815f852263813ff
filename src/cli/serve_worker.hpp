// cli/serve_worker.hpp - `narrate serve`'s synthesis workers: admission pool and child processes
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace narrate::cli {

/// Admission to a bounded number of synthesis workers with a bounded queue in front of them.
/// eSpeak NG is process-global, so each admitted request runs its own `narrate` process.
class WorkerPool {
 public:
  WorkerPool(std::size_t workers, std::size_t queue_limit)
      : workers_(workers), queue_limit_(queue_limit) {}

  /// A held worker place; releases it when destroyed. Move-only.
  class Slot {
   public:
    Slot() = default;
    explicit Slot(WorkerPool* pool) : pool_(pool) {}
    Slot(Slot&& other) noexcept : pool_(other.pool_) { other.pool_ = nullptr; }
    Slot& operator=(Slot&& other) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { release(); }
    explicit operator bool() const noexcept { return pool_ != nullptr; }
    void release() noexcept;

   private:
    WorkerPool* pool_ = nullptr;
  };

  /// Takes a free worker, waiting in the queue up to `wait`. Returns an empty Slot at once when
  /// the queue is full, or when the wait ran out.
  Slot acquire(std::chrono::milliseconds wait);

  std::size_t busy() const;
  std::size_t queued() const;
  std::size_t workers() const noexcept { return workers_; }
  std::size_t queue_limit() const noexcept { return queue_limit_; }

 private:
  void release_one() noexcept;

  const std::size_t workers_;
  const std::size_t queue_limit_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::size_t busy_ = 0;
  std::size_t waiting_ = 0;
};

/// Runs `narrate serve --standby-worker`: reads one JSON line {"args": [...], "stderr": PATH}
/// from standard input, sends its standard error to PATH and runs the command line as narrate
/// would. Returns the exit status.
int run_standby_worker();

/// A `narrate` child process whose standard output is a pipe to this process and whose
/// standard error goes to a file. Killed (SIGKILL) and reaped when destroyed unless it ended.
class WorkerProcess {
 public:
  /// Starts `program` with `args` (args[0] is the program's name). Throws Error(Output) when
  /// the process cannot be started.
  WorkerProcess(const std::string& program, const std::vector<std::string>& args,
                const std::string& stderr_path);
  /// Starts `program serve --standby-worker`: a worker already loaded, waiting on its standard
  /// input for the command line of its one request (see start()). Throws Error(Output).
  explicit WorkerProcess(const std::string& program);
  /// Hands a standby worker its command line and standard error file. Returns false when the
  /// worker is gone (it is then of no use).
  bool start(const std::vector<std::string>& args, const std::string& stderr_path) noexcept;
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;
  ~WorkerProcess();

  /// Reads what the child wrote, waiting at most `timeout_ms`: bytes read (> 0), 0 at the end of
  /// its output, -1 when nothing came in time. Throws Error(Output) on a read error.
  long read_some(char* buffer, std::size_t size, int timeout_ms);
  /// Waits for the child to end; its exit status, or 128 + signal.
  int wait();
  /// Ends the child now (a client gone, a timeout) and reaps it.
  void kill() noexcept;
  pid_t pid() const noexcept { return pid_; }

 private:
  void spawn(const std::string& program, const std::vector<std::string>& args,
             const std::string& stderr_path, bool standby);

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int in_fd_ = -1;  ///< a standby worker's standard input, until start()
  int status_ = -1;
};

}  // namespace narrate::cli
