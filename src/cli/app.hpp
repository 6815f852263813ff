// cli/app.hpp - the narrate command line: parse, run the pipeline, map errors to exit codes
#pragma once

namespace narrate::cli {

/// Runs the command line; returns the process exit status (see README, "Exit codes").
int run(int argc, char** argv);

}  // namespace narrate::cli
