// cli/play_command.hpp - `narrate SOURCE` on the audio device: keys, control protocol, resume
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "narrate/document.hpp"
#include "narrate/playback.hpp"

namespace narrate::cli {

/// How the command line asked to play: the playback's own options, and what only the command
/// line does with them (screen, control protocol, resume).
struct PlayCommandOptions {
  PlayOptions play;            ///< speed, voice, lexicons, the SIGINT flag (start_at: below)
  std::string source;          ///< SOURCE as given (names the article for --resume)
  bool control_stdin = false;  ///< --control stdin: commands on stdin, JSON events on stdout
  bool progress = false;       ///< --progress: progress lines on stderr when there is no screen
  bool resume = false;         ///< --resume: start where this article was left last time
  std::size_t start_at = 0;    ///< --start-at N, counting from 1; 0 when not given
  bool stats = false;          ///< --stats: one summary line on stderr at the end
  bool plain = false;  ///< --plain (or TERM=dumb): one line per sentence and state change on
                       ///< stdout instead of the redrawn screen
};

/// Starts the slow parts of playing (PortAudio's device scan, the speech engine) on other
/// threads. Call it as soon as the command line says the article will be played, before reading
/// the article, so both overlap the reading. Never throws; failures surface in run_play().
void prepare_play() noexcept;

/// Plays a document on the default device. With a terminal on stdout (and no --control) it
/// shows the player screen and takes keys from stdin, or from /dev/tty when stdin carried the
/// article; otherwise nothing waits for keys.
/// The position is saved for --resume (by source and text, and by text alone) as each sentence
/// starts and at the end (forgotten when the article was heard to its end). Returns the exit status
/// (0, also after q or "stop"). Throws Error like speak(): Interrupted (Ctrl-C, exit 130), Output
/// (no device, or it went away: the message says where playback stopped), Voice, NoArticle, Usage
/// (a bad --start-at). The terminal is restored before anything propagates.
int run_play(const Document& document, const PlayCommandOptions& options);

}  // namespace narrate::cli
