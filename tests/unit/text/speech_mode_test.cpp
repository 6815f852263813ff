// unit/text/speech_mode_test.cpp - punctuation levels, capitals, spelling, character and key names
#include "text/speech_mode.hpp"

#include <gtest/gtest.h>

namespace narrate::text {
namespace {

SpeechModeOptions with(PunctuationLevel level) {
  SpeechModeOptions o;
  o.punctuation = level;
  return o;
}

TEST(SpeechMode, PunctuationLevels) {
  const std::string text = "Mail me@x.org (now), 50% off!";
  EXPECT_EQ(apply_speech_mode(text, with(PunctuationLevel::None)), text);
  const std::string some = apply_speech_mode(text, with(PunctuationLevel::Some));
  EXPECT_NE(some.find(" at "), std::string::npos);
  EXPECT_NE(some.find("percent"), std::string::npos);
  EXPECT_EQ(some.find("comma"), std::string::npos);
  EXPECT_EQ(some.find("paren"), std::string::npos);
  const std::string most = apply_speech_mode(text, with(PunctuationLevel::Most));
  EXPECT_NE(most.find("left paren"), std::string::npos);
  EXPECT_EQ(most.find("comma"), std::string::npos);
  const std::string all = apply_speech_mode(text, with(PunctuationLevel::All));
  EXPECT_NE(all.find("comma,"), std::string::npos) << all;
  EXPECT_NE(all.find("exclamation mark!"), std::string::npos) << all;
  EXPECT_NE(all.find("dot."), std::string::npos) << all;
}

TEST(SpeechMode, NumbersKeepTheirPoints) {
  const std::string all = apply_speech_mode("Pi is 3.14, not 1,000.", with(PunctuationLevel::All));
  EXPECT_NE(all.find("3.14"), std::string::npos) << all;
  EXPECT_NE(all.find("1,000"), std::string::npos) << all;
  EXPECT_NE(all.find("comma"), std::string::npos) << all;
}

TEST(SpeechMode, CapitalsAndSpelling) {
  SpeechModeOptions o;
  o.capitals = CapitalMode::Spell;
  EXPECT_EQ(apply_speech_mode("Hello NASA", o), "capital Hello capital NASA");
  o.spelling = true;
  EXPECT_EQ(apply_speech_mode("Ab,", o), "capital ay, bee, comma");
}

TEST(SpeechMode, ControlCharactersAndInvalidUtf8BecomeSpaces) {
  EXPECT_EQ(apply_speech_mode("a\x01"
                              "b\xFF"
                              "c",
                              SpeechModeOptions{}),
            "a b c");
}

TEST(SpeechMode, CharacterNames) {
  EXPECT_EQ(character_name(","), "comma");
  EXPECT_EQ(character_name(" "), "space");
  EXPECT_EQ(character_name("a"), "ay");
  EXPECT_EQ(character_name("Z"), "zee");
  EXPECT_EQ(character_name("7"), "7");
  EXPECT_EQ(character_name("\xC3\xA9"), "\xC3\xA9");
  EXPECT_EQ(character_name("\xFF"), "");
  EXPECT_EQ(character_name(""), "");
}

TEST(SpeechMode, KeyNames) {
  EXPECT_EQ(key_name("control_l"), "left control");
  EXPECT_EQ(key_name("shift_a"), "shift ay");
  EXPECT_EQ(key_name("space"), "space");
  EXPECT_EQ(key_name("kp-enter"), "keypad enter");
  EXPECT_EQ(key_name("f12"), "F 12");
  EXPECT_EQ(key_name("control_alt_delete"), "control alt delete");
  EXPECT_EQ(key_name("a"), "ay");
  EXPECT_EQ(key_name("some_odd_key"), "some odd key");
}

TEST(SpeechMode, ParsesSpeechDispatcherNames) {
  PunctuationLevel level = PunctuationLevel::None;
  EXPECT_TRUE(parse_punctuation_level("most", level));
  EXPECT_EQ(level, PunctuationLevel::Most);
  EXPECT_FALSE(parse_punctuation_level("loud", level));
  CapitalMode mode = CapitalMode::None;
  EXPECT_TRUE(parse_capital_mode("icon", mode));
  EXPECT_EQ(mode, CapitalMode::Tone);
  EXPECT_FALSE(parse_capital_mode("shout", mode));
}

}  // namespace
}  // namespace narrate::text
