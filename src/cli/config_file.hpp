// cli/config_file.hpp - defaults from $XDG_CONFIG_HOME/narrate/config ("key = value" lines)
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace narrate::cli {

/// One setting of the config file.
struct ConfigEntry {
  std::string key;    ///< voice, speed, format, lexicon, loudness, quality
  std::string value;  ///< as written, trimmed; a lexicon path made absolute
  std::string where;  ///< "FILE:LINE", for messages
};

/// The keys a config file may set.
const std::vector<std::string>& config_keys();

/// $XDG_CONFIG_HOME/narrate/config when XDG_CONFIG_HOME is an absolute path, else
/// ~/.config/narrate/config; empty when there is no home either.
std::filesystem::path config_path();

/// Reads a config file: blank lines and lines starting with # are skipped; every other line is
/// "key = value". A missing file is no config (an empty list). Throws Error(Usage) with one line
/// naming FILE:LINE for a line that is not "key = value", an unknown key (with a suggestion),
/// or a value that cannot be right (a speed out of range, an unknown format, a lexicon that is
/// not a file, a loudness that is neither "off" nor a number).
std::vector<ConfigEntry> load_config(const std::filesystem::path& path);

}  // namespace narrate::cli
