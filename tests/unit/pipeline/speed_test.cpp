// pipeline/speed_test.cpp - parsing and describing listening speeds
#include <gtest/gtest.h>

#include "narrate/error.hpp"
#include "narrate/speed.hpp"

namespace narrate {
namespace {

TEST(Speed, NamesMapToTheWidgetScale) {
  EXPECT_DOUBLE_EQ(Speed::parse("slow").wpm, 150);
  EXPECT_DOUBLE_EQ(Speed::parse("Average").wpm, 200);
  EXPECT_DOUBLE_EQ(Speed::parse("normal").wpm, 200);
  EXPECT_DOUBLE_EQ(Speed::parse("FAST").wpm, 300);
}

TEST(Speed, MultipliersAreTimesTwoHundredWordsPerMinute) {
  EXPECT_DOUBLE_EQ(Speed::parse("1.25x").wpm, 250);
  EXPECT_DOUBLE_EQ(Speed::parse("2x").wpm, 400);
  EXPECT_DOUBLE_EQ(Speed::parse("0.4x").wpm, 80);
  EXPECT_DOUBLE_EQ(Speed::parse("4.5X").wpm, 900);
  EXPECT_DOUBLE_EQ(Speed::parse("1.5").wpm, 300);
}

TEST(Speed, WordsPerMinuteInEveryCommonSpelling) {
  EXPECT_DOUBLE_EQ(Speed::parse("250wpm").wpm, 250);
  EXPECT_DOUBLE_EQ(Speed::parse("250 WPM").wpm, 250);
  EXPECT_DOUBLE_EQ(Speed::parse("900wpm").wpm, 900);
  EXPECT_DOUBLE_EQ(Speed::parse("80").wpm, 80);
  EXPECT_DOUBLE_EQ(Speed::parse("320").wpm, 320);
}

TEST(Speed, MalformedAndOutOfRangeAreUsageErrors) {
  for (const char* bad : {"fastest", "0x", "9000wpm", "", "x", "wpm", "-1x", "1.2.3x", "79wpm",
                          "4.6x", "nan", "inf", "10", "1e9"}) {
    try {
      Speed::parse(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::Usage) << bad;
      EXPECT_NE(std::string(error.what()).find("80wpm to 900wpm"), std::string::npos) << bad;
    }
  }
}

TEST(Speed, DescribeShowsBothForms) {
  EXPECT_EQ(Speed::parse("1.25x").describe(), "1.25x \xC2\xB7 250 WPM");
  EXPECT_EQ(Speed::parse("average").describe(), "1x \xC2\xB7 200 WPM");
  EXPECT_EQ(Speed::parse("slow").describe(), "0.75x \xC2\xB7 150 WPM");
}

}  // namespace
}  // namespace narrate
