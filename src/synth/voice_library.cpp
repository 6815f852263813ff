// synth/voice_library.cpp - project voices and the private eSpeak data dir (symlink farm)
#include "synth/voice_library.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

#include "narrate/error.hpp"
#include "util/atomic_file.hpp"
#include "util/strings.hpp"

namespace narrate::synth {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFarmPrefix = "narrate-espeak-";
constexpr std::string_view kCachePrefix = "narrate-data-";
// Part of every cache key: change it whenever what a cache holds changes.
constexpr std::string_view kCacheLayout = "narrate data cache 1";
constexpr const char* kCacheStamp =
    "narrate-cache-key";  // written last: its key marks a whole cache
// Caches of other keys (older voices, an older eSpeak) are removed once unused this long.
constexpr auto kCacheUnusedLifetime = std::chrono::hours(24);
// eSpeak keeps its data path in a fixed buffer and builds voice paths on top of it; a short
// root keeps every path it makes far from those limits.
constexpr std::size_t kMaxFarmBaseLength = 48;

bool is_dir(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

bool valid_voice_name(std::string_view name) {
  if (name.size() < 2 || name.size() > 16) return false;  // eSpeak aborts on variant names >= 37
  if (name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

// The keywords a variant file may use. Anything else (language data such as "phonemes" or
// "tunes", or a typo) is refused, because eSpeak prints "Bad voice attribute" or loads
// half a language when it meets one.
const std::set<std::string, std::less<>>& variant_keywords() {
  static const std::set<std::string, std::less<>> keywords = {
      "name",    "language",   "gender",    "pitch",      "formant",     "echo",    "tone",
      "flutter", "roughness",  "voicing",   "consonants", "breath",      "breathw", "speed",
      "words",   "intonation", "stressAmp", "stressAdd",  "stressLength"};
  return keywords;
}

// Reads one voice file; false when it is not a plain variant file.
bool parse_voice_file(const fs::path& file, ProjectVoice& voice) {
  std::ifstream in(file);
  if (!in) return false;
  bool is_variant = false;
  std::string line;
  while (std::getline(in, line)) {
    const auto comment = line.find("//");
    if (comment != std::string::npos) {
      const std::string remark(util::trim(std::string_view(line).substr(comment + 2)));
      constexpr std::string_view kTag = "narrate:";
      if (remark.rfind(kTag, 0) == 0) {
        const std::string setting = remark.substr(kTag.size());
        const auto eq = setting.find('=');
        if (eq != std::string::npos) {
          const std::string key(util::trim(std::string_view(setting).substr(0, eq)));
          const std::string value(util::trim(std::string_view(setting).substr(eq + 1)));
          if (key == "description") voice.description = value;
          if (key == "base") voice.base = value;
        }
      }
      line.erase(comment);
    }
    std::istringstream words(line);
    std::string keyword;
    if (!(words >> keyword)) continue;
    if (variant_keywords().count(keyword) == 0) return false;
    if (keyword == "language") {
      std::string value;
      words >> value;
      if (value != "variant") return false;  // a full voice would need SetVoiceByFile
      is_variant = true;
    }
  }
  if (voice.base.empty()) voice.base = "en-us";
  return is_variant;
}

fs::path farm_base_dir() {
  if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime != nullptr && *runtime) {
    const fs::path dir(runtime);
    if (dir.is_absolute() && dir.native().size() <= kMaxFarmBaseLength && is_dir(dir) &&
        ::access(dir.c_str(), W_OK | X_OK) == 0)
      return dir;
  }
  std::error_code ec;
  const fs::path tmp = fs::temp_directory_path(ec);
  if (!ec && tmp.native().size() <= kMaxFarmBaseLength && ::access(tmp.c_str(), W_OK | X_OK) == 0)
    return tmp;
  return "/tmp";
}

[[noreturn]] void fail(const std::string& what, const fs::path& path, const std::error_code& ec) {
  throw Error(ErrorCode::Voice,
              "speech engine: cannot " + what + " '" + path.string() + "': " + ec.message());
}

void link_to(const fs::path& target, const fs::path& link) {
  std::error_code ec;
  fs::create_symlink(target, link, ec);
  if (ec) fail("create", link, ec);
}

// Mirrors every entry of `from` into `to` as a symlink, except the names in `skip`.
void mirror(const fs::path& from, const fs::path& to, const std::set<std::string>& skip) {
  std::error_code ec;
  for (fs::directory_iterator it(from, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (skip.count(name) == 0) link_to(it->path(), to / name);
  }
  if (ec) fail("read", from, ec);
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Mirrors a directory tree as real directories holding links with lower-case names. Where two
// names differ only in case, both keep their own names.
void mirror_lower_case(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directory(to, ec);
  if (ec) fail("create", to, ec);
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(from, ec), end; !ec && it != end; it.increment(ec))
    entries.push_back(it->path());
  if (ec) fail("read", from, ec);
  std::map<std::string, int> uses;
  for (const fs::path& entry : entries) ++uses[lower(entry.filename().string())];
  for (const fs::path& entry : entries) {
    const std::string name = entry.filename().string();
    const std::string lowered = lower(name);
    const fs::path link = to / (uses[lowered] == 1 ? lowered : name);
    if (is_dir(entry)) {
      mirror_lower_case(entry, link);
    } else {
      link_to(entry, link);
    }
  }
}

// Fills `data` (to be created) with links to the system data and copies of our variants.
void populate_farm(const fs::path& system_data_dir, const fs::path& data,
                   const std::vector<ProjectVoice>& voices, bool lower_case_lang) {
  std::error_code ec;
  fs::create_directory(data, ec);
  if (ec) fail("create", data, ec);
  if (lower_case_lang && is_dir(system_data_dir / "lang")) {
    mirror(system_data_dir, data, {"voices", "lang"});
    mirror_lower_case(system_data_dir / "lang", data / "lang");
  } else {
    mirror(system_data_dir, data, {"voices"});
  }
  const fs::path system_voices = system_data_dir / "voices";
  fs::create_directory(data / "voices", ec);
  if (ec) fail("create", data / "voices", ec);
  if (is_dir(system_voices)) mirror(system_voices, data / "voices", {"!v"});
  const fs::path variants = data / "voices" / "!v";
  fs::create_directory(variants, ec);
  if (ec) fail("create", variants, ec);
  std::set<std::string> ours;
  for (const auto& voice : voices) ours.insert(voice.name);
  if (is_dir(system_voices / "!v")) mirror(system_voices / "!v", variants, ours);
  // Copies, not links: the farm then keeps working if the source tree changes under a
  // running process, and a project voice shadows an eSpeak variant of the same name.
  for (const auto& voice : voices) {
    fs::copy_file(voice.file, variants / voice.name, ec);
    if (ec) fail("copy", voice.file, ec);
  }
}

std::string modified(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "-";
  return std::to_string(info.st_mtim.tv_sec) + "." + std::to_string(info.st_mtim.tv_nsec);
}

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// What a cache is built from. A Debian upgrade of espeak-ng-data replaces files, which changes
// the modification times of the directories that hold them.
std::string cache_key(const fs::path& system_data, const std::vector<ProjectVoice>& voices) {
  std::uint64_t hash = util::kFnv1aOffset;
  hash = util::fnv1a(hash, kCacheLayout);
  for (const fs::path& part :
       {system_data, system_data / "lang", system_data / "voices", system_data / "voices" / "!v"}) {
    hash = util::fnv1a(hash, part.native() + '\0' + modified(part) + '\0');
  }
  for (const ProjectVoice& voice : voices) {
    hash = util::fnv1a(hash, voice.name + '\0' + read_whole(voice.file) + '\0');
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

// A directory this user alone owns and can enter, not a link someone put in its place.
bool private_dir(const fs::path& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode) && info.st_uid == ::geteuid() &&
         (info.st_mode & 077) == 0;
}

bool cache_usable(const fs::path& root, const std::string& key) {
  return private_dir(root) && read_whole(root / kCacheStamp) == key;
}

void write_atomically(const fs::path& path, const std::string& content) {
  try {
    util::write_file(path.string(), content);
  } catch (const Error& error) {
    // The voice cache is the engine's business: its failure is a speech engine error.
    throw Error(ErrorCode::Voice, std::string("speech engine: ") + error.what());
  }
}

// Removes this user's caches of other keys that nobody used for a while, and half-built ones.
void remove_old_caches(const fs::path& base, const std::string& prefix, const fs::path& keep) {
  const auto now = fs::file_time_type::clock::now();
  std::error_code ec;
  for (fs::directory_iterator it(base, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0 || it->path() == keep || !private_dir(it->path())) continue;
    std::error_code time_ec;
    auto used = fs::last_write_time(it->path() / kCacheStamp, time_ec);
    if (time_ec) used = fs::last_write_time(it->path(), time_ec);
    if (time_ec || now - used < kCacheUnusedLifetime) continue;
    std::error_code remove_ec;
    fs::remove_all(it->path(), remove_ec);
  }
}

}  // namespace

fs::path find_project_voices_dir() {
  // The environment first (tests, users with their own voices), then the source tree so a
  // development build never picks up stale installed voices, then the installed copy.
  if (const char* env = std::getenv("NARRATE_VOICES_DIR"); env != nullptr && *env) return env;
#ifdef NARRATE_SOURCE_VOICES_DIR
  if (is_dir(NARRATE_SOURCE_VOICES_DIR)) return NARRATE_SOURCE_VOICES_DIR;
#endif
#ifdef NARRATE_INSTALL_VOICES_DIR
  if (is_dir(NARRATE_INSTALL_VOICES_DIR)) return NARRATE_INSTALL_VOICES_DIR;
#endif
  return {};
}

std::vector<ProjectVoice> load_project_voices(const fs::path& dir) {
  std::vector<ProjectVoice> voices;
  if (dir.empty()) return voices;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code file_ec;
    if (!it->is_regular_file(file_ec)) continue;
    ProjectVoice voice;
    voice.name = it->path().filename().string();
    voice.file = it->path();
    if (!valid_voice_name(voice.name) || !parse_voice_file(voice.file, voice)) continue;
    if (voice.description.empty()) voice.description = "narrate voice '" + voice.name + "'";
    voices.push_back(std::move(voice));
  }
  std::sort(voices.begin(), voices.end(),
            [](const ProjectVoice& a, const ProjectVoice& b) { return a.name < b.name; });
  return voices;
}

DataFarm::DataFarm(const fs::path& system_data_dir, const std::vector<ProjectVoice>& voices) {
  std::string pattern = (farm_base_dir() / kFarmPrefix).string();
  pattern += std::to_string(::getpid()) + "-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr)
    fail("create", pattern, std::error_code(errno, std::generic_category()));
  root_ = pattern;
  owner_pid_ = static_cast<int>(::getpid());
  try {
    populate_farm(system_data_dir, data_dir(), voices, false);
  } catch (...) {
    remove();
    throw;
  }
}

DataFarm::~DataFarm() { remove(); }

void DataFarm::remove() noexcept {
  if (root_.empty() || owner_pid_ != static_cast<int>(::getpid())) return;
  std::error_code ec;
  fs::remove_all(root_, ec);  // removes the links themselves, never what they point at
  root_.clear();
}

void remove_stale_farms() noexcept {
  std::error_code ec;
  for (fs::directory_iterator it(farm_base_dir(), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(kFarmPrefix, 0) != 0) continue;
    const std::string rest = name.substr(kFarmPrefix.size());
    const auto dash = rest.find('-');
    if (dash == std::string::npos || dash == 0) continue;
    char* end_ptr = nullptr;
    const long pid = std::strtol(rest.c_str(), &end_ptr, 10);
    if (end_ptr != rest.c_str() + dash || pid <= 0) continue;
    struct stat info {};
    if (::lstat(it->path().c_str(), &info) != 0 || !S_ISDIR(info.st_mode) ||
        info.st_uid != ::geteuid())
      continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
    std::error_code remove_ec;
    fs::remove_all(it->path(), remove_ec);
  }
}

}  // namespace narrate::synth

namespace narrate::synth {

std::string VoiceTable::format() const {
  const auto clean = [](std::string text) {
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n'; }, ' ');
    return text;
  };
  std::string out;
  for (const Voice& voice : voices) {
    out += clean(voice.name) + '\t' + clean(voice.identifier) + '\t' + clean(voice.description);
    for (const auto& [priority, language] : voice.languages) {
      out += '\t' + std::to_string(priority) + ':' + clean(language);
    }
    out += '\n';
  }
  for (const std::string& variant : variants) out += "!v\t" + clean(variant) + '\n';
  return out;
}

std::optional<VoiceTable> VoiceTable::parse(std::string_view text) {
  VoiceTable table;
  while (!text.empty()) {
    const auto end = text.find('\n');
    if (end == std::string_view::npos) return std::nullopt;  // cut short
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end + 1);
    std::vector<std::string_view> fields;
    for (auto tab = line.find('\t'); tab != std::string_view::npos; tab = line.find('\t')) {
      fields.push_back(line.substr(0, tab));
      line.remove_prefix(tab + 1);
    }
    fields.push_back(line);
    if (fields.size() < 2 || fields[0].empty()) return std::nullopt;
    if (fields[0] == "!v") {
      table.variants.emplace_back(fields[1]);
      continue;
    }
    if (fields.size() < 3) return std::nullopt;
    Voice voice{std::string(fields[0]), std::string(fields[1]), std::string(fields[2]), {}};
    for (std::size_t f = 3; f < fields.size(); ++f) {
      const auto colon = fields[f].find(':');
      int priority = 0;
      if (colon == std::string_view::npos ||
          std::from_chars(fields[f].data(), fields[f].data() + colon, priority).ec != std::errc())
        return std::nullopt;
      voice.languages.emplace_back(priority, std::string(fields[f].substr(colon + 1)));
    }
    table.voices.push_back(std::move(voice));
  }
  if (table.voices.empty()) return std::nullopt;
  return table;
}

CachedDataDir::CachedDataDir(const fs::path& system_data_dir,
                             const std::vector<ProjectVoice>& voices) {
  const fs::path base = farm_base_dir();
  const std::string prefix = std::string(kCachePrefix) + std::to_string(::geteuid()) + "-";
  const std::string key = cache_key(system_data_dir, voices);
  root_ = base / (prefix + key);
  if (cache_usable(root_, key)) {
    // Marks the cache as in use, for remove_old_caches() in other runs.
    ::utimensat(AT_FDCWD, (root_ / kCacheStamp).c_str(), nullptr, 0);
  } else {
    std::string pattern = (root_.string() + ".XXXXXX");
    if (::mkdtemp(pattern.data()) == nullptr)
      fail("create", pattern, std::error_code(errno, std::generic_category()));
    const fs::path building = pattern;
    try {
      populate_farm(system_data_dir, building / "espeak-ng-data", voices, true);
      write_atomically(building / kCacheStamp, key);
    } catch (...) {
      std::error_code ec;
      fs::remove_all(building, ec);
      throw;
    }
    std::error_code ec;
    fs::rename(building, root_, ec);
    if (ec) {
      // Another run finished the same cache first (or something else sits there).
      std::error_code ignored;
      fs::remove_all(building, ignored);
      if (!cache_usable(root_, key)) fail("use", root_, ec);
    } else {
      built_ = true;
      remove_old_caches(base, prefix, root_);
      remove_stale_farms();
    }
  }
}

std::string CachedDataDir::read_file(const std::string& name) const {
  return read_whole(root_ / name);
}

void CachedDataDir::write_file(const std::string& name, const std::string& content) const noexcept {
  try {
    write_atomically(root_ / name, content);
  } catch (...) {
    // A cache that cannot be written only makes the next start slower.
  }
}

}  // namespace narrate::synth
