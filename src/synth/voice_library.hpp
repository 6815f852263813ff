// synth/voice_library.hpp - this project's voices/ and the private eSpeak data dir that holds them
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace narrate::synth {

/// One narration voice from the project's voices/ folder: an eSpeak variant file
/// ("language variant" + pitch, formants ...) plus two narrate-only comment lines:
///   // narrate: description = <one line for --list-voices>
///   // narrate: base = <eSpeak language voice used by "-v <name>", e.g. en-us>
struct ProjectVoice {
  std::string name;         ///< file name = variant name, lowercase ("anna")
  std::string base;         ///< eSpeak voice it rides on when named alone ("en-us")
  std::string description;  ///< for --list-voices
  std::filesystem::path file;
};

/// The folder narrate's voices come from: $NARRATE_VOICES_DIR, then the source tree's voices/
/// (a development build), then the installed share/narrate/voices. Empty when none exists.
std::filesystem::path find_project_voices_dir();

/// The valid voice files of a folder, sorted by name. A file that is not a plain variant file
/// (unknown keyword, a real language line, a bad name) is skipped: handing it to eSpeak would make
/// eSpeak print to stderr, and the library never prints. Never throws for a missing folder.
std::vector<ProjectVoice> load_project_voices(const std::filesystem::path& dir);

/// A private eSpeak data directory: a symlink farm pointing at the system espeak-ng-data, with
/// voices/!v/ made real so that our variants sit beside eSpeak's own. eSpeak then finds
/// "en-us+anna" with plain SetVoiceByName, which avoids SetVoiceByFile's pitfalls (the path is
/// lower-cased and cut at 59 bytes, and '+' splits it). Removed (links only, never the targets)
/// on destruction.
class DataFarm {
 public:
  /// Builds the farm under a short private temp dir (mode 0700). Throws Error(Voice) when the
  /// system data dir cannot be read or the farm cannot be made.
  DataFarm(const std::filesystem::path& system_data_dir, const std::vector<ProjectVoice>& voices);
  ~DataFarm();
  DataFarm(const DataFarm&) = delete;
  DataFarm& operator=(const DataFarm&) = delete;

  /// The espeak-ng-data directory inside the farm, to hand to espeak_ng_InitializePath.
  std::filesystem::path data_dir() const { return root_ / "espeak-ng-data"; }
  const std::filesystem::path& root() const noexcept { return root_; }

  /// Removes the farm now (idempotent, noexcept); the destructor calls it too.
  void remove() noexcept;

 private:
  std::filesystem::path root_;
  int owner_pid_ = 0;  // a forked child must not remove its parent's farm at exit
};

/// Removes farms left behind by narrate processes that no longer run (killed before cleanup).
void remove_stale_farms() noexcept;

}  // namespace narrate::synth
