// cli/clipboard.cpp - `narrate --clipboard`: the copied text, through wl-paste, xclip or xsel
#include "clipboard.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "narrate/error.hpp"

extern char** environ;

namespace narrate::cli {

namespace {

struct Tool {
  std::vector<std::string> argv;
  bool wayland = false;
};

struct Outcome {
  bool ran = false;  ///< false: not installed
  int status = -1;   ///< exit status
  std::string out;
  std::string err;
};

bool on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::string dir = dirs.substr(start, end - start);
    if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

/// Runs the tool with stdin from /dev/null, collecting stdout and stderr; a tool that hangs
/// (a clipboard owner that never answers) is killed after a few seconds.
Outcome run_tool(const Tool& tool) {
  Outcome outcome;
  if (!on_path(tool.argv.front())) return outcome;
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return outcome;
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return outcome;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  std::vector<char*> argv;
  for (const std::string& arg : tool.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (spawned != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    return outcome;
  }
  outcome.ran = true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* into[2] = {&outcome.out, &outcome.err};
  int open = 2;
  bool killed = false;
  while (open > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(pid, SIGKILL);
      killed = true;
      break;
    }
    if (::poll(fds, 2, static_cast<int>(left.count())) < 0 && errno != EINTR) break;
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || (fds[k].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      char buffer[65536];
      const ssize_t n = ::read(fds[k].fd, buffer, sizeof buffer);
      if (n > 0) {
        into[k]->append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[k].fd);
        fds[k].fd = -1;
        --open;
      }
    }
  }
  for (const pollfd& fd : fds) {
    if (fd.fd >= 0) ::close(fd.fd);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  outcome.status = killed ? -1 : (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return outcome;
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() > 80) line.resize(80);
  return line;
}

}  // namespace

std::string read_clipboard() {
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  const char* x11 = std::getenv("DISPLAY");
  const bool has_wayland = wayland != nullptr && *wayland != '\0';
  const bool has_x11 = x11 != nullptr && *x11 != '\0';
  if (!has_wayland && !has_x11) {
    throw Error(ErrorCode::SourceUnreadable,
                "cannot read the clipboard: no display (neither WAYLAND_DISPLAY nor DISPLAY is "
                "set); pipe the text instead: narrate - < file");
  }
  std::vector<Tool> tools;
  if (has_wayland) tools.push_back({{"wl-paste", "--no-newline", "--type", "text"}, true});
  if (has_x11) {
    tools.push_back({{"xclip", "-selection", "clipboard", "-out"}, false});
    tools.push_back({{"xsel", "--clipboard", "--output"}, false});
  }
  std::string tried;
  bool any_installed = false;
  for (const Tool& tool : tools) {
    const Outcome outcome = run_tool(tool);
    const std::string& name = tool.argv.front();
    if (!tried.empty()) tried += ", ";
    if (!outcome.ran) {
      tried += name + " (not installed)";
      continue;
    }
    any_installed = true;
    if (outcome.status == 0 && !outcome.out.empty()) return outcome.out;
    if (outcome.status == 0) {
      throw Error(ErrorCode::SourceUnreadable, "the clipboard is empty (read with " + name + ")");
    }
    tried += name + (outcome.err.empty() ? " (failed)" : " (" + first_line(outcome.err) + ")");
  }
  if (!any_installed) {
    throw Error(ErrorCode::SourceUnreadable,
                "cannot read the clipboard: none of wl-paste, xclip, xsel is installed (Debian: "
                "apt install wl-clipboard xclip xsel)");
  }
  throw Error(ErrorCode::SourceUnreadable,
              "cannot read the clipboard (is text copied?): tried " + tried);
}

void replace_stdin(const std::string& bytes) {
  const int fd = ::memfd_create("narrate-clipboard", MFD_CLOEXEC);
  bool ok = fd >= 0;
  for (std::size_t done = 0; ok && done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::lseek(fd, 0, SEEK_SET) == 0 && ::dup2(fd, STDIN_FILENO) == STDIN_FILENO;
  const int saved_errno = errno;
  if (fd >= 0) ::close(fd);
  if (!ok) {
    throw Error(
        ErrorCode::SourceUnreadable,
        std::string("cannot hand over the clipboard's text: ") + std::strerror(saved_errno));
  }
}

}  // namespace narrate::cli
