// synth/voice_library.cpp - project voices and the private eSpeak data dir (symlink farm)
#include "synth/voice_library.hpp"

#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "narrate/error.hpp"

namespace narrate::synth {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFarmPrefix = "narrate-espeak-";
// eSpeak keeps its data path in a fixed buffer and builds voice paths on top of it; a short
// root keeps every path it makes far from those limits.
constexpr std::size_t kMaxFarmBaseLength = 48;

bool is_dir(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
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
      const std::string remark = trim(std::string_view(line).substr(comment + 2));
      constexpr std::string_view kTag = "narrate:";
      if (remark.rfind(kTag, 0) == 0) {
        const std::string setting = remark.substr(kTag.size());
        const auto eq = setting.find('=');
        if (eq != std::string::npos) {
          const std::string key = trim(std::string_view(setting).substr(0, eq));
          const std::string value = trim(std::string_view(setting).substr(eq + 1));
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
    const fs::path data = data_dir();
    std::error_code ec;
    fs::create_directory(data, ec);
    if (ec) fail("create", data, ec);
    mirror(system_data_dir, data, {"voices"});
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
