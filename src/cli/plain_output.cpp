// cli/plain_output.cpp - the player's plain mode: one line per sentence and state change
#include "plain_output.hpp"

#include <cmath>

namespace narrate::cli {
namespace {

std::string printable(const std::string& text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7F) ? ' ' : c;
  }
  return out;
}

}  // namespace

std::string plain_ready_line(const std::string& title, const PlayStatus& status) {
  std::string line = "Playing";
  if (!title.empty()) line += ": " + printable(title);
  line += " (" + std::to_string(status.sentences) + " sentences, " +
          std::to_string(std::lround(status.wpm)) + " words per minute)";
  return line;
}

std::string plain_event_line(const PlayEvent& event, const std::vector<SentenceView>& plan) {
  switch (event.kind) {
    case PlayEventKind::SentenceStarted:
      if (event.sentence >= plan.size()) return "";
      return "[" + std::to_string(event.sentence + 1) + "/" + std::to_string(plan.size()) + "] " +
             printable(plan[event.sentence].text);
    case PlayEventKind::Paused:
      return "Paused";
    case PlayEventKind::Resumed:
      return "Resumed";
    case PlayEventKind::SpeedChanged:
      return "Speed: " + std::to_string(std::lround(event.wpm)) + " words per minute";
    case PlayEventKind::Finished:
      return event.end == PlayEnd::Completed ? "Finished" : "Stopped";
    case PlayEventKind::WordStarted:
    case PlayEventKind::SentenceEnded:
      break;
  }
  return "";
}

}  // namespace narrate::cli
