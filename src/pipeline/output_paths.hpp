// pipeline/output_paths.hpp - every output path of a narration checked before any synthesis
#pragma once

#include <string>
#include <vector>

#include "narrate/narrate.hpp"

namespace narrate::pipeline {

/// The files a narration will write, as the writers name them: the audio (or its first part
/// with --split), the subtitles and the marks (or their first parts). "-" and empty paths are
/// left out.
std::vector<std::string> output_paths(const SpeakOptions& options);

/// Checks, before any synthesis, that every output can be written: its folder exists and is
/// writable, it is not a folder, an existing special file (FIFO, device) is writable in place,
/// and no two outputs are the same file (a character device such as /dev/null may be shared),
/// nor an output one of the lexicons read. Throws Error(Output) "cannot write 'x': ..." or
/// Error(Usage) for two outputs that are one file.
void check_output_paths(const SpeakOptions& options);

}  // namespace narrate::pipeline
