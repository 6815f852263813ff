// cli/control_protocol.hpp - the line protocol: commands on stdin, JSON events on stdout
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "narrate/playback.hpp"

namespace narrate::cli {

/// One line of the protocol, parsed. Commands (case and surrounding blanks do not matter):
///   pause | resume | toggle | stop (quit)
///   next | prev (previous) | next paragraph | prev paragraph | repeat | seek N (goto N)
///   speed S (as --speed: 1.5x, 250wpm, fast) | speed + (faster) | speed - (slower)
///   status
/// Sentence numbers count from 1, as in --start-at and the events.
struct ControlLine {
  enum class Kind { Request, Status, Blank, Invalid };
  Kind kind = Kind::Blank;
  PlayRequest request;
  std::string error;  ///< Invalid: what is wrong, one line
};

ControlLine parse_control_line(std::string_view line);

/// The events, one JSON object per line (without the newline). Sentences count from 1; "block"
/// is the block index of --extract=json's "paragraphs" (null for the title), and "begin"/"end"
/// are byte offsets of the sentence in that block's text (or in the title).
///   {"event":"ready","title":...,"sentences":N,"paragraphs":P,"sentence":S,"voice":...,
///    "wpm":W,"speed":"1x · 200 WPM"}
///   {"event":"sentence_started","sentence":S,"paragraph":P,"block":B,"begin":X,"end":Y,
///    "text":...,"at_ms":T}
///   {"event":"word","sentence":S,"word":W,"block":B,"begin":X,"end":Y,"text":...,"at_ms":T}
///    (W counts the sentence's written words from 1; begin/end as for sentences)
///   {"event":"sentence_ended","sentence":S,...,"completed":true|false,"at_ms":T}
///   {"event":"paused"|"resumed","sentence":S,"at_ms":T}
///   {"event":"speed","wpm":W,"multiplier":M,"speed":"1.25x · 250 WPM","clamped":false,...}
///   {"event":"finished","reason":"completed"|"stopped"|"interrupted"|"failed","sentence":S,...}
std::string event_json(const PlayEvent& event, const std::vector<SentenceView>& sentences);
std::string ready_json(const std::string& title, const PlayStatus& status,
                       const std::string& voice);
std::string status_json(const PlayStatus& status);
std::string error_json(const std::string& message);

/// Splits what arrives on a file descriptor into lines, without blocking: call read_available()
/// when poll() reports the descriptor readable.
class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}
  /// Complete lines read now (without their newline; a final unterminated line counts at end
  /// of input). Sets eof() at end of input or on a read error.
  std::vector<std::string> read_available();
  bool eof() const noexcept { return eof_; }

 private:
  int fd_;
  bool eof_ = false;
  std::string partial_;
};

}  // namespace narrate::cli
