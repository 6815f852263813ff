// util/atomic_file.hpp - writing a file so that it is complete or absent: temp, fsync, rename
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace narrate::util {

/// The process umask, read without changing it (umask() would race with other threads).
mode_t current_umask() noexcept;

/// True when `name` (a file name, no folder) is a temporary of an AtomicFile writing `target`
/// (a file name too): ".<target>.XXXXXX", the X being what mkstemp puts there.
bool is_temporary_for(std::string_view name, std::string_view target) noexcept;

/// Removes the temporaries ".<name>.XXXXXX" beside `path` that a killed run left behind:
/// regular files of this user that no live writer holds (a writer keeps its temporary locked
/// with flock until it is renamed). Returns how many were removed; never throws.
std::size_t remove_stale_temporaries(const std::string& path) noexcept;

/// Unlinks every temporary an AtomicFile of this process holds now. Async-signal-safe: for a
/// signal handler that ends the process at once.
void unlink_live_temporaries() noexcept;

/// How many temporaries the process holds now (for tests).
std::size_t live_temporaries() noexcept;

/// One output file being written. A regular file (new or existing) is written to a hidden
/// temporary "<dir>/.<name>.XXXXXX" beside it, locked while it is written, and renamed over the
/// path by commit() after an fsync, with the mode a new file gets under the umask; destroyed
/// without commit() the temporary is removed, so the path holds the old file or the new one,
/// never part of one. An existing FIFO or device (or a symlink to one) is written in place and
/// never renamed over. A symlink to a regular file is followed: the file it names is replaced,
/// the link stays. Opening also removes stale temporaries of the same path (see
/// remove_stale_temporaries).
class AtomicFile {
 public:
  AtomicFile() = default;
  /// Throws narrate::Error(Output) "cannot write 'path': reason" when the path is a folder or
  /// its folder is missing or not writable.
  explicit AtomicFile(std::string path);
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  /// Discards an uncommitted file.
  ~AtomicFile();

  /// Where to write (-1 once committed or discarded); owned by this object.
  int fd() const noexcept { return fd_; }
  /// True for an existing FIFO or device written in place.
  bool in_place() const noexcept { return in_place_; }
  /// The path as given.
  const std::string& path() const noexcept { return path_; }
  /// The temporary's path ("" in place, or once renamed or removed).
  const std::string& temp_path() const noexcept { return temp_path_; }

  /// Writes all of `bytes`. Throws narrate::Error(Output).
  void write(std::string_view bytes);
  /// Flushes the data to the disk (a no-op in place). Throws narrate::Error(Output).
  void sync();
  /// sync(), then renames the temporary over the path and closes it. Throws
  /// narrate::Error(Output); the temporary is then gone and the path untouched.
  void commit();
  /// Closes and removes the temporary (the path untouched); never throws.
  void discard() noexcept;

 private:
  [[noreturn]] void fail(int error);

  std::string path_;       ///< as given
  std::string target_;     ///< what commit() renames over: path_, or a symlink's target
  std::string temp_path_;  ///< empty in place
  int fd_ = -1;
  int slot_ = -1;  ///< in the registry of live temporaries, -1 when not registered
  bool in_place_ = false;
};

/// Writes `content` to `path` through an AtomicFile. Throws narrate::Error(Output).
void write_file(const std::string& path, std::string_view content);

}  // namespace narrate::util
