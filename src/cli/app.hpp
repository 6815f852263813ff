// cli/app.hpp - the narrate command line: parse, run the pipeline, map errors to exit codes
#pragma once

#include <string>
#include <vector>

namespace narrate::cli {

/// Runs the command line; returns the process exit status (see README, "Exit codes").
int run(int argc, char** argv);

/// What `narrate --help` prints.
std::string help_text();

/// Every option the command line registers, as typed ("-o", "--output", ...): what --help and
/// the man page must both document.
std::vector<std::string> registered_options();

}  // namespace narrate::cli
