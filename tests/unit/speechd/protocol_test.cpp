// unit/speechd/protocol_test.cpp - the output-module protocol's pieces: commands, settings,
// events, 705 audio framing, the rate mapping
#include "speechd/protocol.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace narrate::speechd {
namespace {

TEST(Protocol, Commands) {
  EXPECT_EQ(parse_command("SPEAK"), Command::Speak);
  EXPECT_EQ(parse_command("LIST VOICES"), Command::ListVoices);
  EXPECT_EQ(parse_command("DEBUG ON /tmp/x"), Command::Debug);
  EXPECT_EQ(parse_command("STOP\r"), Command::Stop);
  EXPECT_EQ(parse_command("speak"), Command::Unknown);
  EXPECT_EQ(parse_command(""), Command::Unknown);
}

TEST(Protocol, DataLinesAreUnescaped) {
  EXPECT_EQ(unescape_data_line(".."), ".");
  EXPECT_EQ(unescape_data_line("..hidden"), ".hidden");
  EXPECT_EQ(unescape_data_line("text"), "text");
}

TEST(Protocol, SettingsValidateAndReset) {
  ModuleSettings s;
  EXPECT_TRUE(s.apply("rate", "50"));
  EXPECT_TRUE(s.apply("punctuation_mode", "all"));
  EXPECT_TRUE(s.apply("spelling_mode", "on"));
  EXPECT_FALSE(s.apply("rate", "101"));
  EXPECT_FALSE(s.apply("rate", "fast"));
  EXPECT_FALSE(s.apply("punctuation_mode", "loud"));
  EXPECT_FALSE(s.apply("no_such_setting", "1"));
  EXPECT_EQ(s.rate, 50);
  const pipeline::SpeechSettings speech = s.to_speech();
  EXPECT_EQ(speech.mode.punctuation, text::PunctuationLevel::All);
  EXPECT_TRUE(speech.mode.spelling);
  EXPECT_TRUE(s.apply("rate", "NULL"));
  EXPECT_EQ(s.rate, 0);
}

TEST(Protocol, RateMapsOntoNarratesSpeedScale) {
  EXPECT_NEAR(pipeline::wpm_for_speechd_rate(0), 200, 1e-9);
  EXPECT_NEAR(pipeline::wpm_for_speechd_rate(-100), 80, 1e-9);
  EXPECT_NEAR(pipeline::wpm_for_speechd_rate(100), 900, 1e-9);
  EXPECT_NEAR(pipeline::wpm_for_speechd_rate(50), 200 * 2.1213203, 0.01);
  EXPECT_NEAR(pipeline::wpm_for_speechd_rate(-1000), 80, 1e-9);
  double last = 0;
  for (int r = -100; r <= 100; ++r) {
    EXPECT_GT(pipeline::wpm_for_speechd_rate(r), last);
    last = pipeline::wpm_for_speechd_rate(r);
  }
}

TEST(Protocol, PitchMapsOntoEspeaksPitch) {
  ModuleSettings s;
  EXPECT_TRUE(s.apply("pitch", "-40"));
  EXPECT_EQ(s.to_speech().pitch, -40);
  EXPECT_EQ(pipeline::engine_pitch(0, 0), 50);  // the voice's own pitch
  EXPECT_EQ(pipeline::engine_pitch(100, 0), 100);
  EXPECT_EQ(pipeline::engine_pitch(-100, 0), 0);
  EXPECT_EQ(pipeline::engine_pitch(-40, 0), 30);
  EXPECT_EQ(pipeline::engine_pitch(20, 30), 75);  // SET pitch and <prosody pitch="+30%">
  EXPECT_EQ(pipeline::engine_pitch(100, 100), 100);
  EXPECT_EQ(pipeline::engine_pitch(-500, 0), 0);
}

TEST(Protocol, VoiceTypesPickVariants) {
  ModuleSettings s;
  EXPECT_EQ(s.to_speech().variant, "");  // male1: narrate's own narrator
  EXPECT_TRUE(s.apply("voice", "FEMALE2"));
  EXPECT_EQ(s.to_speech().variant, "f2");
  EXPECT_TRUE(s.apply("voice", "male2"));
  EXPECT_EQ(s.to_speech().variant, "leo");
  EXPECT_EQ(variant_for_voice_type("child_female"), "f5");
  EXPECT_EQ(variant_for_voice_type("robot"), "");
}

TEST(Protocol, Events) {
  pipeline::SpeechEvent e;
  e.kind = pipeline::SpeechEvent::Kind::Begin;
  EXPECT_EQ(event_line(e), "701 BEGIN\n");
  e.kind = pipeline::SpeechEvent::Kind::Stopped;
  EXPECT_EQ(event_line(e), "703 STOP\n");
  e.kind = pipeline::SpeechEvent::Kind::Mark;
  e.mark = "__spd_1\nx";
  EXPECT_EQ(event_line(e), "700-__spd_1 x\n700 INDEX MARK\n");
}

TEST(Protocol, AudioBlockIsHdlcEscaped) {
  // 0x0A0A holds a newline in both bytes; 0x7D7D the escape byte itself.
  const std::vector<std::int16_t> samples = {0x0A0A, 0x7D7D, 0x0102};
  const std::string block = audio_block(samples, 22050);
  const std::string header =
      "705-bits=16\n705-num_channels=1\n705-sample_rate=22050\n705-num_samples=3\n"
      "705-big_endian=0\n705-AUDIO";
  ASSERT_EQ(block.compare(0, header.size(), header), 0);
  const std::string payload = block.substr(header.size() + 1);
  const std::string expected =
      std::string("\x7D\x2A\x7D\x2A\x7D\x5D\x7D\x5D\x02\x01", 10) + "\n705 AUDIO\n";
  EXPECT_EQ(block[header.size()], '\0');
  EXPECT_EQ(payload, expected);
}

}  // namespace
}  // namespace narrate::speechd
