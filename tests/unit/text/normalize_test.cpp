// text/normalize_test.cpp - the spoken form handed to eSpeak NG, one rule per test
#include <gtest/gtest.h>

#include "text/normalize.hpp"

namespace narrate::text {
namespace {

TEST(SpokenForm, PlainTextIsUnchanged) {
  EXPECT_EQ(spoken_form("The council met on Tuesday."), "The council met on Tuesday.");
}

TEST(SpokenForm, CurlyQuotesBecomePlain) {
  EXPECT_EQ(spoken_form("\u201cWe won,\u201d she said. It\u2019s \u2018fine\u2019."),
            "\"We won,\" she said. It's 'fine'.");
  EXPECT_EQ(spoken_form("\u00abOui\u00bb"), "\"Oui\"");
}

TEST(SpokenForm, DashesBecomePausesOrRanges) {
  EXPECT_EQ(spoken_form("He left \u2014 then came back."), "He left, then came back.");
  EXPECT_EQ(spoken_form("He left\u2014then came back."), "He left, then came back.");
  EXPECT_EQ(spoken_form("He left -- then came back."), "He left, then came back.");
  EXPECT_EQ(spoken_form("pages 5\u201310"), "pages 5 to 10");
  EXPECT_EQ(spoken_form("a well\u2011known fact"), "a well-known fact");
}

TEST(SpokenForm, EllipsisAndDots) {
  EXPECT_EQ(spoken_form("Wait\u2026 then go."), "Wait... then go.");
  EXPECT_EQ(spoken_form("Wait.. then go."), "Wait. then go.");
  EXPECT_EQ(spoken_form("Wait... then go."), "Wait... then go.");
  EXPECT_EQ(spoken_form("Wait.... then go."), "Wait.... then go.");
}

TEST(SpokenForm, SpacesAndInvisibleCharacters) {
  EXPECT_EQ(spoken_form("10\u00a0km and\u2009more"), "10 km and more");
  EXPECT_EQ(spoken_form("zero\u200bwidth\u00ad join\ufeff"), "zerowidth join");
  EXPECT_EQ(spoken_form("tab\there\x01 bell\x07"), "tab here bell");
  EXPECT_EQ(spoken_form("  many   spaces\n\nhere  "), "many spaces here");
}

TEST(SpokenForm, ReferenceMarksAreDropped) {
  EXPECT_EQ(spoken_form("The claim[1] was false.[23]"), "The claim was false.");
  EXPECT_EQ(spoken_form("It spread [citation needed] fast."), "It spread fast.");
  EXPECT_EQ(spoken_form("Footnote [a] here."), "Footnote here.");
  EXPECT_EQ(spoken_form("Bohr [...] used it."), "Bohr [...] used it.");
  EXPECT_EQ(spoken_form("Keep [Reuters] tags."), "Keep [Reuters] tags.");
}

TEST(SpokenForm, SpeedForms) {
  EXPECT_EQ(spoken_form("Listen at 1.25x speed."), "Listen at 1.25 times speed.");
  EXPECT_EQ(spoken_form("Get through articles 2x faster."),
            "Get through articles 2 times faster.");
  EXPECT_EQ(spoken_form("That is 250 WPM."), "That is 250 words per minute.");
  EXPECT_EQ(spoken_form("Try 300wpm."), "Try 300 words per minute.");
  EXPECT_EQ(spoken_form("a 0x1F value and 2x4 lumber"), "a 0x1F value and 2x4 lumber");
}

TEST(SpokenForm, LatinAbbreviations) {
  EXPECT_EQ(spoken_form("Fruit, e.g. apples."), "Fruit, for example apples.");
  EXPECT_EQ(spoken_form("E.g. apples."), "For example apples.");
  EXPECT_EQ(spoken_form("One, i.e. the first."), "One, that is the first.");
  EXPECT_EQ(spoken_form("Lakers vs. Celtics"), "Lakers versus Celtics");
  EXPECT_EQ(spoken_form("Lakers vs Celtics"), "Lakers versus Celtics");
  EXPECT_EQ(spoken_form("It ranked No. 3."), "It ranked number 3.");
  EXPECT_EQ(spoken_form("He said no. 3 people left."), "He said number 3 people left.");
}

TEST(SpokenForm, Percent) {
  EXPECT_EQ(spoken_form("It rose 50%."), "It rose 50%.");
  EXPECT_EQ(spoken_form("a 50%-owned unit"), "a 50 percent-owned unit");
}

TEST(SpokenForm, WebAddresses) {
  EXPECT_EQ(spoken_form("See https://www.example.com/a/b.html."), "See link to example dot com.");
  EXPECT_EQ(spoken_form("See www.news.example.co.uk today"),
            "See link to news dot example dot co dot uk today");
  EXPECT_EQ(spoken_form("(http://example.org:8080/x?y=1)"), "(link to example dot org)");
  EXPECT_EQ(spoken_form("Write to jane.doe@example.com."),
            "Write to jane dot doe at example dot com.");
}

TEST(SpokenForm, Money) {
  EXPECT_EQ(spoken_form("It cost $5bn."), "It cost 5 billion dollars.");
  EXPECT_EQ(spoken_form("It cost $5 billion."), "It cost 5 billion dollars.");
  EXPECT_EQ(spoken_form("It cost \u20ac1.2 million."), "It cost 1.2 million euros.");
  EXPECT_EQ(spoken_form("It cost \u00a330."), "It cost 30 pounds.");
  EXPECT_EQ(spoken_form("It cost $1."), "It cost 1 dollar.");
  EXPECT_EQ(spoken_form("It cost $100.00."), "It cost 100 dollars.");
  EXPECT_EQ(spoken_form("It cost $1,250.50."), "It cost 1,250 dollars and 50 cents.");
  EXPECT_EQ(spoken_form("It cost $0.05."), "It cost 5 cents.");
  EXPECT_EQ(spoken_form("It cost $3m."), "It cost 3 million dollars.");
  EXPECT_EQ(spoken_form("A HK$2.5 billion deal"), "A 2.5 billion Hong Kong dollars deal");
  EXPECT_EQ(spoken_form("US$40 each"), "40 US dollars each");
  EXPECT_EQ(spoken_form("$5 more"), "5 dollars more");
  EXPECT_EQ(spoken_form("(\u00a35m)"), "(5 million pounds)");
}

TEST(SpokenForm, YearRanges) {
  EXPECT_EQ(spoken_form("from 2019\u20132021"), "from 2019 to 2021");
  EXPECT_EQ(spoken_form("from 2019-2021"), "from 2019 to 2021");
  EXPECT_EQ(spoken_form("call 555-1234"), "call 555-1234");
}

TEST(SpokenForm, OtherLanguagesGetTypographyOnly) {
  NormalizeOptions de;
  de.language = "de";
  EXPECT_EQ(spoken_form("\u201eJa\u201c \u2014 2x", de), "\"Ja\", 2x");
}

TEST(SpokenForm, MalformedUtf8IsCopied) {
  const std::string bad = "a\xff b";
  EXPECT_EQ(spoken_form(bad), bad);
}

}  // namespace
}  // namespace narrate::text
