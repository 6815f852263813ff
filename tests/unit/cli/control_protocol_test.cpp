// unit/cli/control_protocol_test.cpp - the stdin command lines and the JSON event lines
#include "cli/control_protocol.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace narrate::cli {
namespace {

using nlohmann::json;

PlayCommand command_of(std::string_view line) {
  const ControlLine parsed = parse_control_line(line);
  EXPECT_EQ(parsed.kind, ControlLine::Kind::Request) << line << ": " << parsed.error;
  return parsed.request.command;
}

TEST(ControlProtocol, ParsesEveryCommand) {
  EXPECT_EQ(command_of("pause"), PlayCommand::Pause);
  EXPECT_EQ(command_of("  RESUME \r"), PlayCommand::Resume);
  EXPECT_EQ(command_of("toggle"), PlayCommand::TogglePause);
  EXPECT_EQ(command_of("next"), PlayCommand::Next);
  EXPECT_EQ(command_of("prev"), PlayCommand::Previous);
  EXPECT_EQ(command_of("previous sentence"), PlayCommand::Previous);
  EXPECT_EQ(command_of("next paragraph"), PlayCommand::NextParagraph);
  EXPECT_EQ(command_of("prev paragraph"), PlayCommand::PreviousParagraph);
  EXPECT_EQ(command_of("repeat"), PlayCommand::Repeat);
  EXPECT_EQ(command_of("faster"), PlayCommand::Faster);
  EXPECT_EQ(command_of("speed +"), PlayCommand::Faster);
  EXPECT_EQ(command_of("speed -"), PlayCommand::Slower);
  EXPECT_EQ(command_of("stop"), PlayCommand::Stop);
  EXPECT_EQ(command_of("quit"), PlayCommand::Stop);
  const ControlLine speed = parse_control_line("speed 1.5x");
  ASSERT_EQ(speed.kind, ControlLine::Kind::Request);
  EXPECT_EQ(speed.request.command, PlayCommand::SetSpeed);
  EXPECT_DOUBLE_EQ(speed.request.wpm, 300);
  EXPECT_DOUBLE_EQ(parse_control_line("speed 250wpm").request.wpm, 250);
  EXPECT_DOUBLE_EQ(parse_control_line("speed fast").request.wpm, 300);
  const ControlLine seek = parse_control_line("seek 12");
  EXPECT_EQ(seek.request.command, PlayCommand::Seek);
  EXPECT_EQ(seek.request.sentence, 11u) << "sentences count from 1 on the wire";
  EXPECT_EQ(parse_control_line("status").kind, ControlLine::Kind::Status);
  EXPECT_EQ(parse_control_line("   ").kind, ControlLine::Kind::Blank);
}

TEST(ControlProtocol, RejectsWhatItDoesNotKnowWithAReason) {
  for (const char* line : {"dance", "pause now", "seek", "seek 0", "seek x", "speed", "speed 9x",
                           "next chapter", "status please"}) {
    const ControlLine parsed = parse_control_line(line);
    EXPECT_EQ(parsed.kind, ControlLine::Kind::Invalid) << line;
    EXPECT_FALSE(parsed.error.empty()) << line;
    EXPECT_EQ(parsed.error.find('\n'), std::string::npos);
  }
  EXPECT_NE(parse_control_line("speed 9x").error.find("out of range"), std::string::npos);
}

std::vector<SentenceView> two_sentences() {
  std::vector<SentenceView> plan(2);
  plan[0].block = Sentence::kTitleBlock;
  plan[0].text = "The \"title\"";
  plan[0].end = 11;
  plan[1].index = 1;
  plan[1].paragraph = 1;
  plan[1].block = 0;
  plan[1].text = "Body text.";
  plan[1].begin = 5;
  plan[1].end = 15;
  plan[1].words = {{0, 4, 0, 4}, {5, 9, 5, 9}};
  return plan;
}

TEST(ControlProtocol, WordEventsNameTheWrittenWordAndItsPlaceInTheBlock) {
  const auto plan = two_sentences();
  PlayEvent word{PlayEventKind::WordStarted, 1};
  word.word = 1;
  const json event = json::parse(event_json(word, plan));
  EXPECT_EQ(event["event"], "word");
  EXPECT_EQ(event["sentence"], 2);
  EXPECT_EQ(event["word"], 2);
  EXPECT_EQ(event["text"], "text");
  EXPECT_EQ(event["block"], 0);
  EXPECT_EQ(event["begin"], 10);
  EXPECT_EQ(event["end"], 14);
}

TEST(ControlProtocol, EventsAreOneJsonObjectPerLine) {
  const auto plan = two_sentences();
  PlayEvent started{PlayEventKind::SentenceStarted, 1};
  started.at_ms = 1234;
  const std::string line = event_json(started, plan);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const json event = json::parse(line);
  EXPECT_EQ(event["event"], "sentence_started");
  EXPECT_EQ(event["sentence"], 2);
  EXPECT_EQ(event["paragraph"], 2);
  EXPECT_EQ(event["block"], 0);
  EXPECT_EQ(event["begin"], 5);
  EXPECT_EQ(event["end"], 15);
  EXPECT_EQ(event["text"], "Body text.");
  EXPECT_EQ(event["at_ms"], 1234);

  PlayEvent ended{PlayEventKind::SentenceEnded, 0};
  const json title = json::parse(event_json(ended, plan));
  EXPECT_EQ(title["event"], "sentence_ended");
  EXPECT_TRUE(title["block"].is_null()) << "the title is no block";
  EXPECT_EQ(title["completed"], false);

  PlayEvent speed{PlayEventKind::SpeedChanged, 1};
  speed.wpm = 900;
  speed.clamped = true;
  const json changed = json::parse(event_json(speed, plan));
  EXPECT_EQ(changed["event"], "speed");
  EXPECT_EQ(changed["speed"], "4.5x \xC2\xB7 900 WPM");
  EXPECT_EQ(changed["multiplier"], 4.5);
  EXPECT_EQ(changed["clamped"], true);

  PlayEvent finished{PlayEventKind::Finished, 1};
  finished.end = PlayEnd::Interrupted;
  EXPECT_EQ(json::parse(event_json(finished, plan))["reason"], "interrupted");
  EXPECT_EQ(json::parse(event_json({PlayEventKind::Paused, 0}, plan))["event"], "paused");
  EXPECT_EQ(json::parse(error_json("bad \"x\""))["message"], "bad \"x\"");

  PlayStatus status;
  status.sentence = 1;
  status.sentences = 2;
  status.paragraphs = 2;
  status.wpm = 250;
  status.elapsed_seconds = 1.5;
  const json shown = json::parse(status_json(status));
  EXPECT_EQ(shown["sentence"], 2);
  EXPECT_EQ(shown["elapsed_ms"], 1500);
  EXPECT_EQ(shown["speed"], "1.25x \xC2\xB7 250 WPM");
  const json ready = json::parse(ready_json("T", status, "en-us+anna"));
  EXPECT_EQ(ready["event"], "ready");
  EXPECT_EQ(ready["voice"], "en-us+anna");
}

TEST(ControlProtocol, LineReaderSplitsWhatArrivesInPieces) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  LineReader reader(fds[0]);
  ASSERT_EQ(::write(fds[1], "pau", 3), 3);
  EXPECT_TRUE(reader.read_available().empty());
  ASSERT_EQ(::write(fds[1], "se\r\nnext\nspe", 12), 12);
  EXPECT_EQ(reader.read_available(), (std::vector<std::string>{"pause", "next"}));
  ASSERT_EQ(::write(fds[1], "ed 2x", 5), 5);
  ::close(fds[1]);
  EXPECT_TRUE(reader.read_available().empty());
  EXPECT_FALSE(reader.eof());
  EXPECT_EQ(reader.read_available(), (std::vector<std::string>{"speed 2x"})) << "at the end";
  EXPECT_TRUE(reader.eof());
  ::close(fds[0]);
}

}  // namespace
}  // namespace narrate::cli
