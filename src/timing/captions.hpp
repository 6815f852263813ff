// timing/captions.hpp - sentence cues cut to caption size at clause and word boundaries
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "timing/cues.hpp"

namespace narrate::timing {

/// How big a caption may be (the common broadcast and web guidance: two lines of 42 characters,
/// on screen at most 7 seconds).
struct CaptionLimits {
  int line_chars = 42;
  int lines = 2;
  double max_seconds = 7.0;
};

/// `text` broken at spaces into lines of at most `line_chars` characters (code points); a word
/// longer than a line gets a line of its own.
std::vector<std::string> wrap_lines(std::string_view text, int line_chars);

/// The cues cut to captions: a sentence that does not fit in the limits is cut into consecutive
/// cues, each as many words as fit, preferring to end after a clause (a comma, semicolon, colon
/// or dash) over ending between two words. Each caption is timed from the sample position of
/// its first word (where a pause before it ends) to the next caption's; no cue lasts longer
/// than max_seconds (a sentence's last caption ends early rather than stay through the pause).
/// Each cue's `lines` hold its text wrapped. Cues without word timings are kept whole.
std::vector<Cue> caption_cues(const std::vector<Cue>& cues, const CaptionLimits& limits,
                              int sample_rate_hz);

}  // namespace narrate::timing
