// cli/batch.hpp - narrate --batch: many articles to many files, each in a worker process
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace narrate::cli {

/// Exit status of a batch in which at least one item failed (README, "Exit codes").
inline constexpr int kExitBatchFailed = 7;

/// A batch run, as the command line gives it.
struct BatchOptions {
  std::string list;                   ///< LIST: a file of sources, a manifest or a folder
  std::string output_dir;             ///< -o DIR
  std::string format = "wav";         ///< extension of the outputs narrate names
  std::size_t jobs = 0;               ///< worker processes at once; 0 = the usable cores
  std::string shard;                  ///< "K/N" or "" for all
  std::string speed;                  ///< default speed of items ("" = narrate's default)
  std::string voice;                  ///< default voice of items
  std::string source_format;          ///< --format html|text|speech, passed to every item
  std::vector<std::string> lexicons;  ///< --lexicon files, passed to every item
  bool ssml = false;                  ///< --ssml, passed to every item
};

/// The cores this process may run on (sched_getaffinity), at least 1.
std::size_t usable_cores() noexcept;

/// Runs a batch: each item not yet done (its output absent) is spoken by a worker process
/// (this program, or $NARRATE_BATCH_WORKER, run as "WORKER [options] -o OUT -- SOURCE"), up to
/// `jobs` at once; output names come from read_batch_list. Prints a progress line on a terminal
/// and a summary (done, skipped, failed with reasons) on standard error. SIGINT, SIGTERM and
/// SIGHUP stop the batch: running items are stopped (their workers remove what they began), no
/// new item starts. Returns 0 when every item is done or skipped, kExitBatchFailed when any
/// failed, 128 + the signal when stopped. Throws narrate::Error for a list that cannot be read
/// (SourceUnreadable), a bad option (Usage) or an output folder that cannot be made or written
/// (Output).
int run_batch(const BatchOptions& options);

}  // namespace narrate::cli
