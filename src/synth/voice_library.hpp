// synth/voice_library.hpp - this project's voices/ and the private eSpeak data dir that holds them
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

/// eSpeak's voices as the engine uses them: what espeak_ListVoices reports (less the voices the
/// engine refuses) and the variant files, so a cache can hold them and later starts need not
/// read every voice file again.
struct VoiceTable {
  struct Voice {
    std::string name;         ///< the identifier's last part, lower-cased ("en-us")
    std::string identifier;   ///< eSpeak's identifier, its path under lang/ ("gmw/en-us")
    std::string description;  ///< eSpeak's display name ("English (America)")
    std::vector<std::pair<int, std::string>> languages;  ///< (priority, language), in order
  };
  std::vector<Voice> voices;          ///< in eSpeak's order
  std::vector<std::string> variants;  ///< file names in voices/!v, sorted

  /// One voice per line (name, identifier, description, then priority:language fields,
  /// tab-separated) and
  /// one "!v<TAB>name" line per variant.
  std::string format() const;
  /// The table format() wrote; nullopt for anything else (a damaged or foreign file).
  static std::optional<VoiceTable> parse(std::string_view text);
};

/// A DataFarm kept between runs, so start-up does not pay for ~250 symlinks (and their removal)
/// each time: "narrate-data-<uid>-<key>" beside where DataFarm would go, where the key hashes
/// the system data dir (path and modification times), the project voices (names and contents)
/// and the layout version. Built once into a temporary name and renamed into place, so a
/// concurrent run sees a whole cache or none; a cache that is not a directory owned by this user
/// with mode 0700 is never used. Unlike DataFarm, its lang/ is a tree of links with lower-case
/// names ("lang/gmw/en-us" -> .../lang/gmw/en-US): eSpeak lower-cases the name given to
/// SetVoiceByName before it looks for the file, so only then does "gmw/en-us" load at once
/// rather than after reading every voice file. It also keeps small files the engine stores with
/// write_file() (its voice table), valid for the key.
class CachedDataDir {
 public:
  /// Finds or builds the cache; removes caches of other keys unused for a day. Throws
  /// Error(Voice) when there is none and none can be made.
  CachedDataDir(const std::filesystem::path& system_data_dir,
                const std::vector<ProjectVoice>& voices);

  /// The espeak-ng-data directory inside the cache, to hand to espeak_ng_InitializePath.
  std::filesystem::path data_dir() const { return root_ / "espeak-ng-data"; }
  const std::filesystem::path& root() const noexcept { return root_; }
  /// True when this process built the cache (a cold start).
  bool built() const noexcept { return built_; }

  /// A file stored with write_file(); empty when absent.
  std::string read_file(const std::string& name) const;
  /// Stores a small file in the cache (atomically: a temporary then a rename). Never throws: a
  /// cache that cannot be written only makes the next start slower.
  void write_file(const std::string& name, const std::string& content) const noexcept;

 private:
  std::filesystem::path root_;
  bool built_ = false;
};

}  // namespace narrate::synth
