// util/atomic_file.cpp - writing a file so that it is complete or absent: temp, fsync, rename
#include "util/atomic_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "narrate/error.hpp"

namespace narrate::util {

namespace {

// The registry of live temporaries, read by a signal handler: fixed storage and lock-free
// atomics only. A slot is 0 free, 1 being filled or emptied, 2 live.
constexpr int kSlots = 64;
struct Slot {
  std::atomic<int> state{0};
  char path[PATH_MAX];
};
std::array<Slot, kSlots> g_slots;
static_assert(std::atomic<int>::is_always_lock_free);

int register_temporary(const std::string& path) noexcept {
  if (path.size() >= PATH_MAX) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (g_slots[i].state.compare_exchange_strong(expected, 1)) {
      std::memcpy(g_slots[i].path, path.c_str(), path.size() + 1);
      g_slots[i].state.store(2, std::memory_order_release);
      return i;
    }
  }
  return -1;  // more than kSlots at once: still removed normally, only not by a signal handler
}

void unregister_temporary(int slot) noexcept {
  if (slot >= 0) g_slots[slot].state.store(0, std::memory_order_release);
}

std::string error_text(int error) { return std::strerror(error); }

std::string folder_of(const std::string& path) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return dir.empty() ? std::string(".") : dir;
}

std::string name_of(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

bool alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool special(mode_t mode) { return S_ISFIFO(mode) || S_ISCHR(mode) || S_ISBLK(mode); }

struct DirCloser {
  void operator()(DIR* dir) const noexcept { ::closedir(dir); }
};

}  // namespace

mode_t current_umask() noexcept {
  try {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("Umask:", 0) == 0) {
        return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
      }
    }
  } catch (...) {
  }
  return 022;
}

bool is_temporary_for(std::string_view name, std::string_view target) noexcept {
  constexpr std::size_t kRandom = 6;
  if (target.empty() || name.size() != target.size() + 2 + kRandom) return false;
  if (name[0] != '.' || name.substr(1, target.size()) != target || name[target.size() + 1] != '.')
    return false;
  for (const char c : name.substr(target.size() + 2)) {
    if (!alnum(c)) return false;
  }
  return true;
}

std::size_t remove_stale_temporaries(const std::string& path) noexcept {
  try {
    const std::string target = name_of(path);
    if (target.empty()) return 0;
    const std::unique_ptr<DIR, DirCloser> dir(::opendir(folder_of(path).c_str()));
    if (!dir) return 0;
    const int dir_fd = ::dirfd(dir.get());
    std::size_t removed = 0;
    while (const dirent* entry = ::readdir(dir.get())) {
      if (!is_temporary_for(entry->d_name, target)) continue;
      const int fd =
          ::openat(dir_fd, entry->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0) continue;
      struct stat opened {};
      struct stat named {};
      // A writer holds its temporary locked until the rename: a lock taken here means nobody
      // writes it any more. The name must still be the file locked, and this user's own.
      if (::fstat(fd, &opened) == 0 && S_ISREG(opened.st_mode) && opened.st_uid == ::geteuid() &&
          ::flock(fd, LOCK_EX | LOCK_NB) == 0 &&
          ::fstatat(dir_fd, entry->d_name, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
          named.st_dev == opened.st_dev && named.st_ino == opened.st_ino &&
          ::unlinkat(dir_fd, entry->d_name, 0) == 0) {
        ++removed;
      }
      ::close(fd);
    }
    return removed;
  } catch (...) {
    return 0;
  }
}

void unlink_live_temporaries() noexcept {
  for (Slot& slot : g_slots) {
    if (slot.state.load(std::memory_order_acquire) == 2) ::unlink(slot.path);
  }
}

std::size_t live_temporaries() noexcept {
  std::size_t live = 0;
  for (const Slot& slot : g_slots) live += slot.state.load() == 2 ? 1 : 0;
  return live;
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), target_(path_) {
  struct stat link {};
  if (::lstat(path_.c_str(), &link) == 0) {
    struct stat st = link;
    if (S_ISLNK(link.st_mode) && ::stat(path_.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      // The link stays and the file it names is replaced, beside that file (rename() does not
      // cross file systems).
      std::unique_ptr<char, decltype(&std::free)> real(::realpath(path_.c_str(), nullptr),
                                                       &std::free);
      if (real) target_ = real.get();
    }
    if (S_ISDIR(st.st_mode)) fail(EISDIR);
    if (special(st.st_mode) || S_ISSOCK(st.st_mode)) {
      // A FIFO or a device is written in place: renaming a file over it would replace the node
      // (as root, /dev/full) instead of writing to it, and a FIFO's reader would get nothing.
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
      if (fd_ < 0) fail(errno);
      in_place_ = true;
      return;
    }
  }
  remove_stale_temporaries(target_);
  // Appended piece by piece: GCC 12 at -O3 misreads "." + string as an overlapping copy.
  std::string name = ".";
  name += name_of(target_);
  name += ".XXXXXX";
  const std::string templ = (std::filesystem::path(folder_of(target_)) / name).string();
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::string temp = templ;
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0) fail(errno);
    // Locked at once; a lock already taken means another run's remove_stale_temporaries()
    // caught the new file before the lock and is removing it: take another name.
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      continue;
    }
    fd_ = fd;
    temp_path_ = std::move(temp);
    slot_ = register_temporary(temp_path_);
    // mkstemp makes 0600; the finished file gets the mode any new file would.
    ::fchmod(fd_, 0666 & ~current_umask());
    return;
  }
  fail(EEXIST);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)),
      target_(std::move(other.target_)),
      temp_path_(std::move(other.temp_path_)),
      fd_(other.fd_),
      slot_(other.slot_),
      in_place_(other.in_place_) {
  other.temp_path_.clear();
  other.fd_ = -1;
  other.slot_ = -1;
}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
  if (this != &other) {
    discard();
    path_ = std::move(other.path_);
    target_ = std::move(other.target_);
    temp_path_ = std::move(other.temp_path_);
    fd_ = other.fd_;
    slot_ = other.slot_;
    in_place_ = other.in_place_;
    other.temp_path_.clear();
    other.fd_ = -1;
    other.slot_ = -1;
  }
  return *this;
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::fail(int error) {
  discard();
  throw Error(ErrorCode::Output, "cannot write '" + path_ + "': " + error_text(error));
}

void AtomicFile::write(std::string_view bytes) {
  if (fd_ < 0) throw Error(ErrorCode::Output, "cannot write '" + path_ + "': already closed");
  const char* data = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
}

void AtomicFile::sync() {
  if (fd_ < 0 || in_place_) return;
  if (::fsync(fd_) != 0) fail(errno);
}

void AtomicFile::commit() {
  if (fd_ < 0) throw Error(ErrorCode::Output, "cannot write '" + path_ + "': already closed");
  if (in_place_) {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(errno);
    return;
  }
  sync();
  // Renamed while still open, so the lock covers the temporary until it has its final name.
  if (::rename(temp_path_.c_str(), target_.c_str()) != 0) fail(errno);
  unregister_temporary(slot_);
  slot_ = -1;
  temp_path_.clear();
  // The new name is made durable too; best effort (some file systems refuse to sync a folder).
  const int dir = ::open(folder_of(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    throw Error(ErrorCode::Output, "cannot write '" + path_ + "': " + error_text(errno));
  }
}

void AtomicFile::discard() noexcept {
  if (!temp_path_.empty()) {
    ::unlink(temp_path_.c_str());
    temp_path_.clear();
  }
  unregister_temporary(slot_);
  slot_ = -1;
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void write_file(const std::string& path, std::string_view content) {
  AtomicFile file(path);
  file.write(content);
  file.commit();
}

}  // namespace narrate::util
