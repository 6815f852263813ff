// timing/cue_track.hpp - a narration's cues as they are made, placed in silences and split by part
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "timing/cues.hpp"

namespace narrate::timing {

/// The cues of one output file, timed from that file's first sample.
struct CuePart {
  std::size_t part = 0;  ///< from 1 for the parts of a split output; 0 when there is one file
  std::vector<Cue> cues;
};

/// Collects sentence cues in narration order (sample positions from the narration's start) and
/// hands them back per output file. Consecutive cues of one file touch, and each boundary lies in
/// the middle of the silence between the last sound of one sentence and the first of the next;
/// where a part ends, the cues end and begin with the files instead.
class CueTrack {
 public:
  /// `cue` spans the sentence's audio and its pause; [speech_begin, speech_end] is its loud
  /// extent; `part` the file it is written to (0: not split). A new part begins with its first
  /// cue.
  void add(Cue cue, std::int64_t speech_begin, std::int64_t speech_end, std::size_t part);

  /// The cues of each file, in order.
  std::vector<CuePart> parts() const;

  bool empty() const noexcept { return cues_.empty(); }

 private:
  struct Entry {
    Cue cue;
    std::int64_t speech_begin = 0;
    std::int64_t speech_end = 0;
    std::size_t part = 0;
  };
  std::vector<Entry> cues_;
};

}  // namespace narrate::timing
