// cli/control_protocol.cpp - the line protocol: commands on stdin, JSON events on stdout
#include "control_protocol.hpp"

#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <nlohmann/json.hpp>

#include "narrate/error.hpp"

namespace narrate::cli {

namespace {

using nlohmann::json;

std::vector<std::string> words_of(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : line) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

ControlLine request(PlayCommand command) {
  ControlLine line;
  line.kind = ControlLine::Kind::Request;
  line.request.command = command;
  return line;
}

ControlLine invalid(std::string why) {
  ControlLine line;
  line.kind = ControlLine::Kind::Invalid;
  line.error = std::move(why);
  return line;
}

const char* end_name(PlayEnd end) {
  switch (end) {
    case PlayEnd::Completed:
      return "completed";
    case PlayEnd::Stopped:
      return "stopped";
    case PlayEnd::Interrupted:
      return "interrupted";
    case PlayEnd::Failed:
      return "failed";
    case PlayEnd::Playing:
      break;
  }
  return "playing";
}

void add_sentence(json& out, std::size_t index, const std::vector<SentenceView>& sentences) {
  out["sentence"] = index + 1;
  if (index >= sentences.size()) return;
  const SentenceView& sentence = sentences[index];
  out["paragraph"] = sentence.paragraph + 1;
  if (sentence.block == Sentence::kTitleBlock) {
    out["block"] = nullptr;
  } else {
    out["block"] = sentence.block;
  }
  out["begin"] = sentence.begin;
  out["end"] = sentence.end;
}

std::string dump(const json& value) {
  // Invalid UTF-8 (which extraction never produces) is replaced rather than thrown about.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

ControlLine parse_control_line(std::string_view text) {
  const std::vector<std::string> words = words_of(text);
  if (words.empty()) return {};
  const std::string& verb = words[0];
  const std::size_t extra = words.size() - 1;
  const auto alone = [&](PlayCommand command) {
    return extra == 0 ? request(command) : invalid("'" + verb + "' takes no argument");
  };
  if (verb == "pause") return alone(PlayCommand::Pause);
  if (verb == "resume" || verb == "play") return alone(PlayCommand::Resume);
  if (verb == "toggle") return alone(PlayCommand::TogglePause);
  if (verb == "stop" || verb == "quit") return alone(PlayCommand::Stop);
  if (verb == "repeat") return alone(PlayCommand::Repeat);
  if (verb == "faster") return alone(PlayCommand::Faster);
  if (verb == "slower") return alone(PlayCommand::Slower);
  if (verb == "next" || verb == "prev" || verb == "previous") {
    const bool forward = verb == "next";
    if (extra == 0 || (extra == 1 && words[1] == "sentence")) {
      return request(forward ? PlayCommand::Next : PlayCommand::Previous);
    }
    if (extra == 1 && words[1] == "paragraph") {
      return request(forward ? PlayCommand::NextParagraph : PlayCommand::PreviousParagraph);
    }
    return invalid("'" + verb + "' takes nothing, 'sentence' or 'paragraph'");
  }
  if (verb == "status") {
    if (extra != 0) return invalid("'status' takes no argument");
    ControlLine line;
    line.kind = ControlLine::Kind::Status;
    return line;
  }
  if (verb == "seek" || verb == "goto") {
    std::size_t number = 0;
    const std::string arg = extra == 1 ? words[1] : "";
    const auto [end, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), number);
    if (extra != 1 || ec != std::errc() || end != arg.data() + arg.size() || number == 0) {
      return invalid("'" + verb + "' takes a sentence number, counting from 1");
    }
    ControlLine line = request(PlayCommand::Seek);
    line.request.sentence = number - 1;
    return line;
  }
  if (verb == "speed") {
    if (extra != 1) return invalid("'speed' takes one speed: 1.5x, 250wpm, fast, + or -");
    if (words[1] == "+") return request(PlayCommand::Faster);
    if (words[1] == "-") return request(PlayCommand::Slower);
    try {
      ControlLine line = request(PlayCommand::SetSpeed);
      line.request.wpm = Speed::parse(words[1]).wpm;
      return line;
    } catch (const Error& error) {
      return invalid(error.what());
    }
  }
  return invalid("unknown command '" + verb + "'");
}

std::string event_json(const PlayEvent& event, const std::vector<SentenceView>& sentences) {
  json out;
  switch (event.kind) {
    case PlayEventKind::SentenceStarted:
      out["event"] = "sentence_started";
      add_sentence(out, event.sentence, sentences);
      if (event.sentence < sentences.size()) out["text"] = sentences[event.sentence].text;
      break;
    case PlayEventKind::WordStarted: {
      out["event"] = "word";
      out["sentence"] = event.sentence + 1;
      out["word"] = event.word + 1;
      if (event.sentence >= sentences.size()) break;
      const SentenceView& sentence = sentences[event.sentence];
      if (event.word >= sentence.words.size()) break;
      const WordSpan& word = sentence.words[event.word];
      if (sentence.block == Sentence::kTitleBlock) {
        out["block"] = nullptr;
      } else {
        out["block"] = sentence.block;
      }
      out["begin"] = sentence.begin + word.begin;
      out["end"] = sentence.begin + word.end;
      out["text"] = sentence.text.substr(word.begin, word.end - word.begin);
      break;
    }
    case PlayEventKind::SentenceEnded:
      out["event"] = "sentence_ended";
      add_sentence(out, event.sentence, sentences);
      out["completed"] = event.completed;
      break;
    case PlayEventKind::Paused:
      out["event"] = "paused";
      out["sentence"] = event.sentence + 1;
      break;
    case PlayEventKind::Resumed:
      out["event"] = "resumed";
      out["sentence"] = event.sentence + 1;
      break;
    case PlayEventKind::SpeedChanged:
      out["event"] = "speed";
      out["wpm"] = event.wpm;
      out["multiplier"] = event.wpm / Speed::kBaseWpm;
      out["speed"] = Speed{event.wpm}.describe();
      out["clamped"] = event.clamped;
      break;
    case PlayEventKind::Finished:
      out["event"] = "finished";
      out["reason"] = end_name(event.end);
      out["sentence"] = event.sentence + 1;
      break;
  }
  out["at_ms"] = event.at_ms;
  return dump(out);
}

std::string ready_json(const std::string& title, const PlayStatus& status,
                       const std::string& voice) {
  json out;
  out["event"] = "ready";
  out["title"] = title;
  out["sentences"] = status.sentences;
  out["paragraphs"] = status.paragraphs;
  out["sentence"] = status.sentence + 1;
  out["voice"] = voice;
  out["wpm"] = status.wpm;
  out["speed"] = Speed{status.wpm}.describe();
  return dump(out);
}

std::string status_json(const PlayStatus& status) {
  json out;
  out["event"] = "status";
  out["sentence"] = status.sentence + 1;
  out["sentences"] = status.sentences;
  out["paragraph"] = status.paragraph + 1;
  out["paragraphs"] = status.paragraphs;
  out["paused"] = status.paused;
  out["waiting"] = status.waiting;
  out["wpm"] = status.wpm;
  out["speed"] = Speed{status.wpm}.describe();
  out["elapsed_ms"] = static_cast<std::int64_t>(status.elapsed_seconds * 1000);
  out["total_ms"] = static_cast<std::int64_t>(status.total_seconds * 1000);
  out["underruns"] = status.underruns;
  return dump(out);
}

std::string error_json(const std::string& message) {
  json out;
  out["event"] = "error";
  out["message"] = message;
  return dump(out);
}

std::vector<std::string> LineReader::read_available() {
  std::vector<std::string> lines;
  if (eof_) return lines;
  char buffer[4096];
  const ssize_t n = ::read(fd_, buffer, sizeof buffer);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return lines;
  if (n <= 0) {
    eof_ = true;
    if (!partial_.empty()) lines.push_back(std::move(partial_));
    partial_.clear();
    return lines;
  }
  partial_.append(buffer, static_cast<std::size_t>(n));
  std::size_t start = 0;
  for (std::size_t newline; (newline = partial_.find('\n', start)) != std::string::npos;
       start = newline + 1) {
    std::string line = partial_.substr(start, newline - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  partial_.erase(0, start);
  return lines;
}

}  // namespace narrate::cli
