// cli/config_file.cpp - defaults from $XDG_CONFIG_HOME/narrate/config ("key = value" lines)
#include "config_file.hpp"

#include <cstdlib>
#include <fstream>

#include "help_text.hpp"
#include "narrate/error.hpp"
#include "narrate/speed.hpp"

namespace narrate::cli {

namespace fs = std::filesystem;

namespace {

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

[[noreturn]] void fail(const std::string& where, const std::string& message) {
  throw Error(ErrorCode::Usage, where + ": " + message);
}

void check_value(ConfigEntry& entry, const fs::path& config_dir) {
  const std::string& value = entry.value;
  if (value.empty()) fail(entry.where, "'" + entry.key + "' has no value");
  if (entry.key == "speed") {
    try {
      Speed::parse(value);
    } catch (const Error& error) {
      fail(entry.where, error.what());
    }
  } else if (entry.key == "format") {
    for (const char* format : {"wav", "flac", "ogg", "opus", "mp3"}) {
      if (value == format) return;
    }
    fail(entry.where, "format '" + value + "' is none of wav, flac, ogg, opus, mp3");
  } else if (entry.key == "lexicon") {
    fs::path path = value;
    if (value.rfind("~/", 0) == 0) {
      if (const char* home = std::getenv("HOME")) path = fs::path(home) / value.substr(2);
    } else if (path.is_relative()) {
      path = config_dir / path;
    }
    if (!fs::is_regular_file(path)) fail(entry.where, "lexicon '" + value + "' is not a file");
    entry.value = path.string();
  } else if (entry.key == "loudness") {
    char* end = nullptr;
    std::strtod(value.c_str(), &end);
    if (value != "off" && (end == value.c_str() || *end != '\0')) {
      fail(entry.where, "loudness '" + value + "' is neither off nor a number of LUFS (-16)");
    }
  }
}

}  // namespace

const std::vector<std::string>& config_keys() {
  static const std::vector<std::string> kKeys = {"voice",   "speed",    "format",
                                                 "lexicon", "loudness", "quality"};
  return kKeys;
}

fs::path config_path() {
  if (const char* config = std::getenv("XDG_CONFIG_HOME"); config != nullptr && *config == '/') {
    return fs::path(config) / "narrate" / "config";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    return fs::path(home) / ".config" / "narrate" / "config";
  }
  return {};
}

std::vector<ConfigEntry> load_config(const fs::path& path) {
  std::vector<ConfigEntry> entries;
  if (path.empty()) return entries;
  std::error_code ec;
  if (!fs::exists(path, ec)) return entries;
  std::ifstream in(path);
  if (!in) fail(path.string(), "cannot be read");
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string where = path.string() + ":" + std::to_string(number);
    const std::string text = trim(line);
    if (text.empty() || text[0] == '#') continue;
    const auto equals = text.find('=');
    if (equals == std::string::npos) fail(where, "expected 'key = value', found '" + text + "'");
    ConfigEntry entry{trim(text.substr(0, equals)), trim(text.substr(equals + 1)), where};
    bool known = false;
    std::string closest;
    std::size_t closest_distance = 3;
    for (const std::string& key : config_keys()) {
      if (key == entry.key) known = true;
      const std::size_t distance = edit_distance(entry.key, key);
      if (distance < closest_distance) {
        closest = key;
        closest_distance = distance;
      }
    }
    if (!known) {
      std::string message = "unknown setting '" + entry.key + "'";
      message += closest.empty() ? " (settings: voice, speed, format, lexicon, loudness, quality)"
                                 : " (did you mean " + closest + "?)";
      fail(where, message);
    }
    check_value(entry, path.parent_path());
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace narrate::cli
