// cli/plain_output.hpp - the player's plain mode: one line per sentence and state change
#pragma once

#include <string>
#include <vector>

#include "narrate/playback.hpp"

namespace narrate::cli {

/// "Playing: TITLE (N sentences, W words per minute)": the first line of plain mode.
std::string plain_ready_line(const std::string& title, const PlayStatus& status);

/// The line for an event: "[3/12] the sentence as written" when it starts being heard,
/// "Paused", "Resumed", "Speed: 250 words per minute", "Finished" / "Stopped"; "" for events
/// that get no line (a sentence ending). One line, no control characters, so a screen reader
/// reading the terminal speaks each once.
std::string plain_event_line(const PlayEvent& event, const std::vector<SentenceView>& plan);

}  // namespace narrate::cli
