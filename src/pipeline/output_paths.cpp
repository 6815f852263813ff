// pipeline/output_paths.cpp - every output path of a narration checked before any synthesis
#include "pipeline/output_paths.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "audio/split_writer.hpp"

namespace narrate::pipeline {

namespace {

namespace fs = std::filesystem;

/// What a path names, to tell whether two paths are one file.
struct Identity {
  std::string path;       ///< as given
  std::string canonical;  ///< absolute, links resolved as far as the path exists
  bool exists = false;
  struct stat st {};
};

Identity identify(const std::string& path) {
  Identity id;
  id.path = path;
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(fs::absolute(path, ec), ec);
  id.canonical = ec ? path : canonical.string();
  id.exists = ::stat(path.c_str(), &id.st) == 0;
  return id;
}

bool same_file(const Identity& a, const Identity& b) {
  if (a.exists && b.exists) return a.st.st_dev == b.st.st_dev && a.st.st_ino == b.st.st_ino;
  return a.canonical == b.canonical;
}

// Appended piece by piece: GCC 12 misreads "'" + string as an overlapping copy (-Wrestrict).
std::string in_quotes(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  out += text;
  out += '\'';
  return out;
}

[[noreturn]] void cannot_write(const std::string& path, const std::string& why) {
  throw Error(ErrorCode::Output, "cannot write " + in_quotes(path) + ": " + why);
}

void check_writable(const Identity& id) {
  if (id.exists) {
    if (S_ISDIR(id.st.st_mode)) cannot_write(id.path, "it is a folder");
    if (S_ISFIFO(id.st.st_mode) || S_ISCHR(id.st.st_mode) || S_ISBLK(id.st.st_mode)) {
      // Written in place (never renamed over): the file itself must take writes.
      if (::access(id.path.c_str(), W_OK) != 0) cannot_write(id.path, std::strerror(errno));
      return;
    }
    if (S_ISSOCK(id.st.st_mode)) cannot_write(id.path, "it is a socket");
  }
  // A regular file is written beside its (resolved) path and renamed: the folder must exist
  // and take new files.
  std::string folder = fs::path(id.canonical).parent_path().string();
  if (folder.empty()) folder = ".";
  struct stat dir {};
  if (::stat(folder.c_str(), &dir) != 0) {
    cannot_write(id.path, "the folder " + in_quotes(folder) + " does not exist");
  }
  if (!S_ISDIR(dir.st_mode)) cannot_write(id.path, in_quotes(folder) + " is not a folder");
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    cannot_write(id.path, "the folder " + in_quotes(folder) + " is not writable (" +
                              std::strerror(errno) + ")");
  }
}

}  // namespace

std::vector<std::string> output_paths(const SpeakOptions& options) {
  const bool split = options.split_minutes > 0 || options.split_chapters;
  const auto named = [&](const std::string& path) {
    return split ? audio::part_path(path, 1) : path;
  };
  std::vector<std::string> paths;
  if (!options.output_path.empty() && options.output_path != "-") {
    paths.push_back(named(options.output_path));
  }
  if (!options.subtitles_path.empty()) paths.push_back(named(options.subtitles_path));
  if (!options.marks_path.empty()) paths.push_back(named(options.marks_path));
  return paths;
}

void check_output_paths(const SpeakOptions& options) {
  std::vector<Identity> outputs;
  for (const std::string& path : output_paths(options)) outputs.push_back(identify(path));
  for (const Identity& id : outputs) check_writable(id);

  const auto check_distinct = [](const std::vector<Identity>& ids) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      for (std::size_t j = i + 1; j < ids.size(); ++j) {
        // Everything written to /dev/null (or another character device) may go to one.
        if (ids[i].exists && S_ISCHR(ids[i].st.st_mode)) continue;
        if (same_file(ids[i], ids[j])) {
          throw Error(ErrorCode::Usage, in_quotes(ids[i].path) + " and " + in_quotes(ids[j].path) +
                                            " are the same file: give each output its own");
        }
      }
    }
  };
  check_distinct(outputs);
  // With --split, every part is named from the path given: two equal names, equal parts.
  if (options.split_minutes > 0 || options.split_chapters) {
    std::vector<Identity> bases;
    for (const std::string* path :
         {&options.output_path, &options.subtitles_path, &options.marks_path}) {
      if (!path->empty() && *path != "-") bases.push_back(identify(*path));
    }
    check_distinct(bases);
  }
  for (const std::string& lexicon : options.lexicon_paths) {
    const Identity input = identify(lexicon);
    for (const Identity& id : outputs) {
      if (same_file(id, input)) {
        throw Error(ErrorCode::Usage, in_quotes(id.path) + " is the lexicon " + in_quotes(lexicon) +
                                          ": it would be overwritten");
      }
    }
  }
}

}  // namespace narrate::pipeline
