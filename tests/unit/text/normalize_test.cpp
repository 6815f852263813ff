// text/normalize_test.cpp - the spoken form handed to eSpeak NG: one rule group per test
#include <gtest/gtest.h>

#include "narrate/error.hpp"
#include "text/normalize.hpp"

namespace narrate::text {
namespace {

NormalizeOptions lang(const std::string& tag) {
  NormalizeOptions o;
  o.language = tag;
  return o;
}

TEST(SpokenForm, PlainTextIsUnchanged) {
  EXPECT_EQ(spoken_form("The council met on Tuesday."), "The council met on Tuesday.");
  EXPECT_EQ(spoken_form("Mr. Smith, 45, and Dr. Lee said so."),
            "Mr. Smith, 45, and Dr. Lee said so.");
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
  EXPECT_EQ(spoken_form("\"I was going to\u2014\" He stopped."), "\"I was going to,\" He stopped.");
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
  EXPECT_EQ(spoken_form("10\u00a0kg and\u2009more"), "10 kilograms and more");
  EXPECT_EQ(spoken_form("zero\u200bwidth\u00ad join\ufeff"), "zerowidth join");
  EXPECT_EQ(spoken_form("tab\there\x01 bell\x07"), "tab here bell");
  EXPECT_EQ(spoken_form("  many   spaces\n\nhere  "), "many spaces here");
  EXPECT_EQ(spoken_form("1\u202f000\u202f000 people"), "1000000 people");
}

TEST(SpokenForm, TextCannotOpenPhonemeInput) {
  EXPECT_EQ(spoken_form("See [[Main Page]] and x]]"), "See [Main Page] and x]");
  NormalizeOptions none;
  none.rules = NormalizeRules::none();
  EXPECT_EQ(spoken_form("[[[h@'loU]]]", none), "[h@'loU]");
  EXPECT_EQ(spoken_form("[\u200b[X]\U0001F600]"), "[X]");  // dropped text between brackets
}

TEST(SpokenForm, ReferenceMarksAreDropped) {
  EXPECT_EQ(spoken_form("The claim[1] was false.[23]"), "The claim was false.");
  EXPECT_EQ(spoken_form("Two sources[4, 5] agree."), "Two sources agree.");
  EXPECT_EQ(spoken_form("It spread [citation needed] fast."), "It spread fast.");
  EXPECT_EQ(spoken_form("Footnote [a] here."), "Footnote here.");
  EXPECT_EQ(spoken_form("As noted\u00b9\u00b2, it grew."), "As noted, it grew.");
  EXPECT_EQ(spoken_form("Bohr [...] used it."), "Bohr [...] used it.");
  EXPECT_EQ(spoken_form("Keep [Reuters] tags and [sic] too."),
            "Keep [Reuters] tags and [sic] too.");
  EXPECT_EQ(spoken_form("E = mc\u00b2"), "E = mc\u00b2");  // a power, not a reference
}

TEST(SpokenForm, SpeedForms) {
  EXPECT_EQ(spoken_form("Listen at 1.25x speed."), "Listen at 1.25 times speed.");
  EXPECT_EQ(spoken_form("Get through articles 2x faster."), "Get through articles 2 times faster.");
  EXPECT_EQ(spoken_form("It is 3\u00d7 larger."), "It is 3 times larger.");
  EXPECT_EQ(spoken_form("That is 250 WPM."), "That is 250 words per minute.");
  EXPECT_EQ(spoken_form("Try 300wpm."), "Try 300 words per minute.");
  EXPECT_EQ(spoken_form("a 0x1F value and 2x4 lumber"), "a 0x1F value and 2x4 lumber");
}

TEST(SpokenForm, Abbreviations) {
  EXPECT_EQ(spoken_form("Fruit, e.g. apples."), "Fruit, for example apples.");
  EXPECT_EQ(spoken_form("E.g. apples."), "For example apples.");
  EXPECT_EQ(spoken_form("One, i.e. the first."), "One, that is the first.");
  EXPECT_EQ(spoken_form("Lakers vs. Celtics"), "Lakers versus Celtics");
  EXPECT_EQ(spoken_form("Lakers vs Celtics"), "Lakers versus Celtics");
  EXPECT_EQ(spoken_form("Roe v. Wade, a.k.a. the case, approx. 50 years"),
            "Roe versus Wade, also known as the case, approximately 50 years");
  EXPECT_EQ(spoken_form("It ranked No. 3."), "It ranked number 3.");
  EXPECT_EQ(spoken_form("See pp. 12-14 and Fig. 3."), "See pages 12 to 14 and figure 3.");
  EXPECT_EQ(spoken_form("See pp.12-14, No.5 and Inc.com"),
            "See pages 12 to 14, number 5 and Inc.com");
  EXPECT_EQ(spoken_form("No. That is wrong."), "No. That is wrong.");
  EXPECT_EQ(spoken_form("Gen. Mark Milley met Sen. Warren and Ms. Jones."),
            "General Mark Milley met Senator Warren and Miz Jones.");
  EXPECT_EQ(spoken_form("Gen. and Mrs. Smith"), "Gen. and Mrs. Smith");  // no name follows
  EXPECT_EQ(spoken_form("John Doe Jr. lives on Main Ave. near Mt. Fuji."),
            "John Doe Junior lives on Main Avenue near Mount Fuji.");
  EXPECT_EQ(spoken_form("She lives in Sacramento, Calif., now."),
            "She lives in Sacramento, California, now.");
  EXPECT_EQ(spoken_form("I felt ill. Ill. is a state."), "I felt ill. Ill. is a state.");
  EXPECT_EQ(spoken_form("It is due on Thu. at noon."), "It is due on Thursday at noon.");
  EXPECT_EQ(spoken_form("Light from the Sun. Sat. Oct 5 or Wed., Jan. 3"),
            "Light from the Sun. Saturday October 5th or Wednesday, January 3rd");
}

TEST(SpokenForm, BritishTitlesWithoutPeriods) {
  EXPECT_EQ(
      spoken_form("Sgt Smith met Cllr Brown, the Rt Hon Ann Lee and Prof Ray at No 10."),
      "Sergeant Smith met Councillor Brown, the Right Honourable Ann Lee and Professor Ray at "
      "number 10.");
  EXPECT_EQ(spoken_form("Gen Z, No one, Col and Prof alone"), "Gen Z, No one, Col and Prof alone");
}

TEST(SpokenForm, SaintOrStreet) {
  EXPECT_EQ(spoken_form("No. 10 Downing St. is in London."),
            "Number 10 Downing Street is in London.");
  EXPECT_EQ(spoken_form("He flew to St. Louis."), "He flew to Saint Louis.");
  EXPECT_EQ(spoken_form("St. Paul's is old."), "Saint Paul's is old.");
  EXPECT_EQ(spoken_form("It is on 5th St. downtown."), "It is on 5th Street downtown.");
}

TEST(SpokenForm, AbbreviationKeepsASentenceEndingPeriod) {
  EXPECT_EQ(spoken_form("He was born in Sacramento, Calif."),
            "He was born in Sacramento, California.");
  EXPECT_EQ(spoken_form("He was born in Jan. It was cold."),
            "He was born in January. It was cold.");
}

TEST(SpokenForm, Percentages) {
  EXPECT_EQ(spoken_form("It rose 50%."), "It rose 50%.");
  EXPECT_EQ(spoken_form("a 50%-owned unit"), "a 50 percent-owned unit");
  EXPECT_EQ(spoken_form("rates of 4.25%-4.5%"), "rates of 4.25 to 4.5%");
  EXPECT_EQ(spoken_form("up 10-15% and 3 pct, 2pp or 25bps"),
            "up 10 to 15% and 3 percent, 2 percentage points or 25 basis points");
}

TEST(SpokenForm, WebAddresses) {
  EXPECT_EQ(spoken_form("See https://www.example.com/a/b.html."), "See link to example dot com.");
  EXPECT_EQ(spoken_form("See www.news.example.co.uk today"),
            "See link to news dot example dot co dot uk today");
  EXPECT_EQ(spoken_form("(http://example.org:8080/x?y=1)"), "(link to example dot org)");
  EXPECT_EQ(spoken_form("Write to jane.doe@example.com."),
            "Write to jane dot doe at example dot com.");
  EXPECT_EQ(spoken_form("Visit bbc.co.uk today"), "Visit bbc.co.uk today");  // eSpeak says "dot"
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
  EXPECT_EQ(spoken_form("It cost \u00a31.01."), "It cost 1 pound and 1 penny.");
  EXPECT_EQ(spoken_form("It cost $3m."), "It cost 3 million dollars.");
  EXPECT_EQ(spoken_form("A HK$2.5 billion deal"), "A 2.5 billion Hong Kong dollars deal");
  EXPECT_EQ(spoken_form("US$40 each"), "40 US dollars each");
  EXPECT_EQ(spoken_form("\u00a5500 and \u20b9200"), "500 yen and 200 rupees");
  EXPECT_EQ(spoken_form("(\u00a35m)"), "(5 million pounds)");
  EXPECT_EQ(spoken_form("$5-10m or $5\u2013$10 or $5 to $8"),
            "5 to 10 million dollars or 5 to 10 dollars or 5 to 8 dollars");
}

TEST(SpokenForm, RangesScoresAndPhoneNumbers) {
  EXPECT_EQ(spoken_form("from 2019\u20132021"), "from 2019 to 2021");
  EXPECT_EQ(spoken_form("from 2019-2021"), "from 2019 to 2021");
  EXPECT_EQ(spoken_form("aged 18-24"), "aged 18 to 24");
  EXPECT_EQ(spoken_form("the 1990-91 season"), "the 19 90 to 91 season");
  EXPECT_EQ(spoken_form("5-10km away"), "5 to 10 kilometers away");
  EXPECT_EQ(spoken_form("They won 3-2 and 2\u20131."), "They won 3 to 2 and 2 to 1.");  // scores
  EXPECT_EQ(spoken_form("call 555-1234"), "call 5 5 5, 1 2 3 4");
  EXPECT_EQ(spoken_form("or 1-800-555-0199."), "or 1, 8 0 0, 5 5 5, 0 1 9 9.");
  EXPECT_EQ(spoken_form("COVID-19 and F-35s"), "COVID-19 and F-35s");
}

TEST(SpokenForm, DatesUs) {
  EXPECT_EQ(spoken_form("On 12/05/2024 it rained."), "On December 5th, 2024 it rained.");
  EXPECT_EQ(spoken_form("On 25/12/2024 it snowed."), "On December 25th, 2024 it snowed.");
  EXPECT_EQ(spoken_form("On 2024-05-12."), "On May 12th, 2024.");
  EXPECT_EQ(spoken_form("On 7/4/76."), "On July 4th, 19 76.");
  EXPECT_EQ(spoken_form("On March 5, 2024 and Jan. 5-7."),
            "On March 5th, 2024 and January 5th to 7th.");
  EXPECT_EQ(spoken_form("On 5 March 2024 and 1st Jan."),
            "On the 5th of March 2024 and the 1st of January.");
  EXPECT_EQ(spoken_form("It may 5 times"), "It may 5 times");
  EXPECT_EQ(spoken_form("Version 1.2.3 and 5.6.7"), "Version 1.2.3 and 5.6.7");
}

TEST(SpokenForm, DatesBritish) {
  const NormalizeOptions gb = lang("en-GB");
  EXPECT_EQ(spoken_form("On 12/05/2024.", gb), "On the 12th of May 2024.");
  EXPECT_EQ(spoken_form("On 05/12/2024.", gb), "On the 5th of December 2024.");
  EXPECT_EQ(spoken_form("On 5/13/2024.", gb), "On the 13th of May 2024.");  // only one reading
  EXPECT_EQ(spoken_form("On March 5, 2024.", gb), "On March the 5th, 2024.");
  NormalizeOptions forced = lang("en-US");
  forced.date_order = DateOrder::DayFirst;
  EXPECT_EQ(spoken_form("On 12/05/2024.", forced), "On May 12th, 2024.");
}

TEST(SpokenForm, Times) {
  EXPECT_EQ(spoken_form("at 10:00 and 10:00 a.m. and 10:30 a.m."),
            "at 10 o'clock and 10 a.m. and 10:30 a.m.");
  EXPECT_EQ(spoken_form("at 14:00 or 09:00 or 9:05"), "at 14 hundred or 9 hundred or 9 oh 5");
  EXPECT_EQ(spoken_form("at 10.30am"), "at 10 30am");
  EXPECT_EQ(spoken_form("a 3:1 ratio and 2:03:45 pace"), "a 3:1 ratio and 2:03:45 pace");
}

TEST(SpokenForm, YearsAndDecades) {
  EXPECT_EQ(spoken_form("In 1990, 1066 and 1905, not 1900 or 2024."),
            "In 19 90, 10 66 and 19 oh 5, not 1900 or 2024.");
  EXPECT_EQ(spoken_form("the 1990s, the '80s, the \u201970s, mid-1960s, 2000s, 1900s, her 40s"),
            "the 19 nineties, the eighties, the seventies, mid-19 sixties, 2 thousands, "
            "19 hundreds, her forties");
  EXPECT_EQ(spoken_form("1,990 people and 1990.5 units"), "1,990 people and 1990.5 units");
}

TEST(SpokenForm, Ordinals) {
  EXPECT_EQ(spoken_form("the 1st, 22nd and 1,000th time"), "the 1st, 22nd and 1000th time");
}

TEST(SpokenForm, Units) {
  EXPECT_EQ(spoken_form("at 100 km/h, 60 mph, 5 kg, 1 km and 3 ft"),
            "at 100 kilometers per hour, 60 miles per hour, 5 kilograms, 1 kilometer and 3 feet");
  EXPECT_EQ(spoken_form("at 100 km/h", lang("en-GB")), "at 100 kilometres per hour");
  EXPECT_EQ(spoken_form("It hit 40.5C (105F), or 30 \u00b0C."),
            "It hit 40.5 degrees Celsius (105 degrees Fahrenheit), or 30 degrees Celsius.");
  EXPECT_EQ(spoken_form("5bn people and 50k fans"), "5 billion people and 50 thousand fans");
  EXPECT_EQ(spoken_form("from -5C to 10C"), "from -5 degrees Celsius to 10 degrees Celsius");
  EXPECT_EQ(spoken_form("a 300m drop, 300m long, the 100m final, 3m people"),
            "a 300m drop, 300 meters long, the 100 meters final, 3m people");
  EXPECT_EQ(spoken_form("The 4C class and 5 C. Smith"), "The 4C class and 5 C. Smith");
  EXPECT_EQ(spoken_form("a 5G phone in 3 in 10 homes"), "a 5G phone in 3 in 10 homes");
}

TEST(SpokenForm, RomanNumerals) {
  EXPECT_EQ(spoken_form("Henry VIII and Louis XIV met Queen Elizabeth II."),
            "Henry the 8th and Louis the 14th met Queen Elizabeth the 2nd.");
  EXPECT_EQ(spoken_form("World War II, World War I, Super Bowl LVIII, Type II"),
            "World War 2, World War 1, Super Bowl 58, Type 2");
  EXPECT_EQ(spoken_form("King Charles III and Pope John Paul II"),
            "King Charles the 3rd and Pope John Paul the 2nd");
  EXPECT_EQ(spoken_form("You and I. Then I left, said Albert I. Jones"),
            "You and I. Then I left, said Albert I. Jones");
  EXPECT_EQ(spoken_form("Malcolm X, Washington DC, CD sales, an IV drip"),
            "Malcolm X, Washington DC, CD sales, an IV drip");
  EXPECT_EQ(spoken_form("WORLD WAR II"), "WORLD WAR II");
}

TEST(SpokenForm, Symbols) {
  EXPECT_EQ(spoken_form("It is #1 for #MeToo"), "It is number 1 for hashtag MeToo");
  EXPECT_EQ(spoken_form("his/her and/or their"), "his or her and or their");
  EXPECT_EQ(spoken_form("~30 people, open 24/7, a 1/2 cup, 3/4 mile"),
            "about 30 people, open 24 7, a 1 half cup, 3 quarters mile");
  EXPECT_EQ(spoken_form("tested* \u00a9 2024 Acme\u2122 | More \u2192 here \u2022 bullet"),
            "tested 2024 Acme, More, here, bullet");
}

TEST(SpokenForm, Emoji) {
  EXPECT_EQ(spoken_form("Great \U0001F44D\U0001F3FD job \u2764\uFE0F fans \U0001F600!"),
            "Great job fans!");
  EXPECT_EQ(
      spoken_form("Go \U0001F1EC\U0001F1E7 and \U0001F468\u200D\U0001F469\u200D\U0001F467 now"),
      "Go and now");
  NormalizeOptions named;
  named.emoji = EmojiMode::Name;
  EXPECT_EQ(spoken_form("Great \U0001F44D\U0001F3FD job\u2764\uFE0F", named),
            "Great \U0001F44D job \u2764");
}

TEST(SpokenForm, EachRuleCanBeSwitchedOff) {
  const std::string text =
      "\u201cIt\u201d cost $5bn[1] on 12/05/2024 at 14:00 in 1990, 5-10 km, 3 kg, 2x, e.g. "
      "Henry VIII, www.example.com \U0001F600 #1 call 555-1234";
  NormalizeOptions none;
  none.rules = NormalizeRules::none();
  EXPECT_EQ(spoken_form(text, none), text);
  // Each rule alone changes something, and the full set changes more than any one alone.
  bool NormalizeRules::*const each[] = {
      &NormalizeRules::typography,     &NormalizeRules::money,
      &NormalizeRules::ranges,         &NormalizeRules::phone_numbers,
      &NormalizeRules::dates,          &NormalizeRules::times,
      &NormalizeRules::years,          &NormalizeRules::multipliers,
      &NormalizeRules::units,          &NormalizeRules::abbreviations,
      &NormalizeRules::roman_numerals, &NormalizeRules::web_addresses,
      &NormalizeRules::footnotes,      &NormalizeRules::symbols,
      &NormalizeRules::emoji};
  for (bool NormalizeRules::*rule : each) {
    NormalizeOptions one = none;
    one.rules.*rule = true;
    EXPECT_NE(spoken_form(text, one), text) << "a rule changed nothing";
    NormalizeOptions all_but_one;
    all_but_one.rules.*rule = false;
    EXPECT_NE(spoken_form(text, all_but_one), spoken_form(text)) << "a rule cannot be disabled";
  }
}

TEST(SpokenForm, OtherLanguagesGetTypographyOnly) {
  EXPECT_EQ(spoken_form("\u201eJa\u201c \u2014 2x $5 am 12/05/2024", lang("de")),
            "\"Ja\", 2x $5 am 12/05/2024");
}

TEST(SpokenForm, MalformedUtf8IsCopied) {
  const std::string bad = "a\xff b";
  EXPECT_EQ(spoken_form(bad), bad);
}

TEST(NormalizeOptions, RejectsBadLanguageTags) {
  EXPECT_THROW(lang("").validate(), Error);
  EXPECT_THROW(lang("en us").validate(), Error);
  EXPECT_NO_THROW(lang("en-GB-x-rp").validate());
  // Documents carry odd tags: normalize() takes them all.
  EXPECT_EQ(spoken_form("It cost $5.", lang("en_US.UTF-8")), "It cost 5 dollars.");
  EXPECT_EQ(spoken_form("It cost $5.", lang("")), "It cost 5 dollars.");
  EXPECT_EQ(spoken_form("It cost $5.", lang("??")), "It cost $5.");
}

}  // namespace
}  // namespace narrate::text

namespace narrate::text {
namespace {

std::string spoken_of(std::string_view text) { return normalize(text).text; }

TEST(SpokenFormIssue10, CompanySuffixes) {
  EXPECT_EQ(spoken_of("Acme Inc. and Widget Corp. merged."),
            "Acme Incorporated and Widget Corporation merged.");
  // eSpeak reads Ltd., plc, GmbH, AG and S.A. well as written: they stay.
  EXPECT_EQ(spoken_of("Foo Ltd. and Bar plc and Müller GmbH and Siemens AG and Total S.A. grew."),
            "Foo Ltd. and Bar plc and Müller GmbH and Siemens AG and Total S.A. grew.");
}

TEST(SpokenFormIssue10, CountsAreNotYears) {
  EXPECT_EQ(spoken_of("The fire killed 1061 people in 1998."),
            "The fire killed 1061 people in 19 98.");
  EXPECT_EQ(spoken_of("About 1500 homes burned."), "About 1500 homes burned.");
  EXPECT_EQ(spoken_of("In 1998 the town was rebuilt."), "In 19 98 the town was rebuilt.");
  EXPECT_EQ(spoken_of("1998 was a dry year."), "19 98 was a dry year.");
}

TEST(SpokenFormIssue10, UnitsAfterNumbers) {
  EXPECT_EQ(spoken_of("It gives 87W and stores 100Wh."),
            "It gives 87 watts and stores 100 watt hours.");
  EXPECT_EQ(spoken_of("at 38 dBA and 60 dB"), "at 38 decibels and 60 decibels");
  EXPECT_EQ(spoken_of("a 5000mAh cell at 3.2GHz, 900 MHz, 60fps"),
            "a 5000 milliamp hours cell at 3.2 gigahertz, 900 megahertz, 60 frames per second");
  EXPECT_EQ(spoken_of("running at 80C and 75C"),
            "running at 80 degrees Celsius and 75 degrees Celsius");
  // A letter that is not a unit stays: "4WD", "Route 66 W".
  EXPECT_EQ(spoken_of("a 4WD truck on Route 66 W"), "a 4WD truck on Route 66 W");
}

TEST(SpokenFormIssue10, ScoresAndRanges) {
  EXPECT_EQ(spoken_of("They won 2-0 and 104-98."), "They won 2 to 0 and 104 to 98.");
  EXPECT_EQ(spoken_of("the 2020-22 season, pages 10-12"), "the 2020 to 22 season, pages 10 to 12");
}

TEST(SpokenFormIssue10, SlashBetweenNames) {
  EXPECT_EQ(spoken_of("Talks between Bulgaria/Israel ended."),
            "Talks between Bulgaria and Israel ended.");
  EXPECT_EQ(spoken_of("his/her"), "his or her");
  EXPECT_EQ(spoken_of("AC/DC played."), "AC/DC played.");
}

TEST(SpokenFormIssue10, MoneyBeforeANoun) {
  EXPECT_EQ(spoken_of("Buy the $49 Apple adapter."), "Buy the 49-dollar Apple adapter.");
  EXPECT_EQ(spoken_of("a $5 fee"), "a 5-dollar fee");
  EXPECT_EQ(spoken_of("It costs $49 now."), "It costs 49 dollars now.");
  EXPECT_EQ(spoken_of("the $49 it cost"), "the 49 dollars it cost");
}

TEST(SpokenFormIssue10, SignedChangesKeepTheirSign) {
  // eSpeak says "minus" for the sign itself.
  EXPECT_EQ(spoken_of("Shares fell -12.99 or -5.44% today."),
            "Shares fell -12.99 or -5.44% today.");
}

TEST(SpokenFormIssue10, NewRulesKeepTheSourceMap) {
  for (const std::string source :
       {"Acme Inc. rose", "killed 1061 people", "gives 87W now", "won 104-98 today",
        "Bulgaria/Israel talks", "the $49 Apple adapter"}) {
    const SpokenText s = normalize(source);
    ASSERT_EQ(s.source_offset.size(), s.text.size()) << source;
    ASSERT_EQ(s.source_end.size(), s.text.size()) << source;
    for (std::size_t i = 0; i < s.text.size(); ++i) {
      EXPECT_LE(s.source_offset[i], s.source_end[i]) << source << " " << i;
      EXPECT_LE(s.source_end[i], source.size()) << source << " " << i;
      if (i > 0) {
        EXPECT_LE(s.source_offset[i - 1], s.source_offset[i]) << source << " " << i;
      }
    }
    // The first and last spoken bytes map to the source's first and last words.
    EXPECT_EQ(s.source_offset.front(), 0u) << source;
    EXPECT_EQ(s.source_end.back(), source.size()) << source;
  }
  const SpokenText money = normalize("the $49 Apple adapter");
  const SourceSpan span =
      money.source_span(money.text.find("49-dollar"), money.text.find("49-dollar") + 9);
  EXPECT_EQ(std::string_view("the $49 Apple adapter").substr(span.begin, span.end - span.begin),
            "$49");
}

}  // namespace
}  // namespace narrate::text
