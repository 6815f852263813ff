// cli/help_text.hpp - `narrate --help` for people, and what to say about a mistyped option
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace narrate::cli {

/// The whole `--help` text, built from the options registered on `app` (and its subcommands):
/// usage, the options in groups (an option no group names lands in "More options", so an
/// option added later still shows), the speed forms, the player keys, the config file, the exit
/// codes and examples. No parser notation: value hints as people write them.
std::string help_text(const CLI::App& app);

/// Every option's names as typed ("-o", "--output", "--speed", ...), subcommands' included.
std::vector<std::string> option_names(const CLI::App& app);

/// The registered long option closest to `typed` ("--sped" -> "--speed"): a unique prefix, or
/// the nearest by edit distance when close enough to be a typo; nullopt when none is.
std::optional<std::string> closest_option(const CLI::App& app, std::string_view typed);

/// Edit distance (insertions, deletions, substitutions, adjacent swaps) between two strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Looks through the arguments before CLI11 does, so that a mistyped option is named as such
/// (not the SOURCE after it) with a suggestion. Throws Error(Usage) with one line, e.g.
/// "unknown option '--sped' (did you mean --speed?)". Returns the long names of the options
/// given (for the config file: what the command line already says).
std::vector<std::string> scan_arguments(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace narrate::cli
