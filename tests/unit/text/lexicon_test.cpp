// text/lexicon_test.cpp - the pronunciation lexicon: file format, matching, merging, use in
// normalize
#include "text/lexicon.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "narrate/error.hpp"
#include "support/support.hpp"
#include "text/normalize.hpp"

namespace narrate::text {
namespace {

std::string normalize_with(const std::string& lexicon_text, std::string_view sentence,
                           bool phonemes = false) {
  NormalizeOptions o;
  o.lexicon = std::make_shared<Lexicon>(Lexicon::parse(lexicon_text, "test.txt"));
  o.phoneme_input = phonemes;
  return spoken_form(sentence, o);
}

// The message of the Error(Usage) that parsing `text` throws, or "" when it does not throw.
std::string parse_error(const std::string& text) {
  try {
    Lexicon::parse(text, "lex.txt");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Usage);
    return e.what();
  }
  return "";
}

TEST(Lexicon, ParsesEntriesCommentsAndBlankLines) {
  const Lexicon lex = Lexicon::parse(
      "# news words\n\n  Xinjiang = shinjyahng  \r\nWagner   Group=vahgner group\n"
      "gif = jif\nQatar = [[k@t'A@]]\n",
      "lex.txt");
  ASSERT_EQ(lex.size(), 4u);
  EXPECT_EQ(lex.entries()[0].written, "Xinjiang");
  EXPECT_EQ(lex.entries()[0].spoken, "shinjyahng");
  EXPECT_EQ(lex.entries()[0].origin, "lex.txt:3");
  EXPECT_TRUE(lex.entries()[0].match_case);
  EXPECT_EQ(lex.entries()[1].written, "Wagner Group");
  EXPECT_FALSE(lex.entries()[2].match_case);
  EXPECT_TRUE(lex.entries()[3].phonemes);
  EXPECT_FALSE(lex.entries()[0].phonemes);
}

TEST(Lexicon, MalformedLinesNameFileAndLine) {
  EXPECT_EQ(parse_error("A = b\nno equals sign\n"), "lex.txt:2: expected 'written = spoken'");
  EXPECT_EQ(parse_error(" = b\n"), "lex.txt:1: the written form is empty");
  EXPECT_EQ(parse_error("NATO =\n"), "lex.txt:1: the spoken form of 'NATO' is empty");
  EXPECT_NE(parse_error("(x) = y\n").find("lex.txt:1: "), std::string::npos);
  EXPECT_NE(parse_error("x = [[h@'loU\n").find("lex.txt:1: phonemes"), std::string::npos);
  EXPECT_NE(parse_error("x = [[h\xc3\xa9]]\n").find("lex.txt:1: phonemes"), std::string::npos);
  EXPECT_NE(parse_error("x = say [[h@'loU]] now\n").find("lex.txt:1: "), std::string::npos);
  EXPECT_EQ(parse_error("a = b\n# c\nNATO = x\nNATO  = y\n"),
            "lex.txt:4: 'NATO' is already given on line 3");
  EXPECT_NE(parse_error("a = \xff\n").find("UTF-8"), std::string::npos);
  EXPECT_EQ(parse_error("NATO = x\nnato = y\n"), "");  // different case rules
}

TEST(Lexicon, ParseNamesTheOriginAndLine) {
  try {
    Lexicon::parse("ok = fine\n\nbroken\n", "/x/bad.txt");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Usage);
    EXPECT_EQ(std::string(e.what()), "/x/bad.txt:3: expected 'written = spoken'");
  }
}

TEST(Lexicon, MatchesWholeWordsWithItsCaseRule) {
  const std::string lex = "Xi = shee\nNATO = nay toe\ngif = jif\n";
  EXPECT_EQ(normalize_with(lex, "Xi met NATO."), "shee met nay toe.");
  EXPECT_EQ(normalize_with(lex, "Xi's visit, Xiaomi, XI and Nato"),
            "shee's visit, Xiaomi, XI and Nato");
  EXPECT_EQ(normalize_with(lex, "A GIF, a Gif, a gif; gifs"), "A jif, a jif, a jif; gifs");
  EXPECT_EQ(normalize_with(lex, "pro-NATO and \u2018Xi\u2019 and 'Xi'"),
            "pro-nay toe and 'shee' and 'shee'");
  EXPECT_EQ(normalize_with(lex, "anNATO and x.Xi"), "anNATO and x.Xi");
}

TEST(Lexicon, MultiwordEntriesAndTheLongestMatch) {
  const std::string lex = "Wagner = vahgner\nWagner Group = the group\nSinn Fein = shinfane\n";
  EXPECT_EQ(normalize_with(lex, "The Wagner Group and Wagner"), "The the group and vahgner");
  EXPECT_EQ(normalize_with(lex, "Sinn  Fein, Sinn\nFein, Sinn\u00a0Fein, Sinn Feiners"),
            "shinfane, shinfane, shinfane, Sinn Feiners");
}

TEST(Lexicon, NonAsciiWrittenForms) {
  const std::string lex = "Gda\u0144sk = gdainsk\nS\u00e3o Paulo = sow powloo\n";
  EXPECT_EQ(normalize_with(lex, "From Gda\u0144sk to S\u00e3o Paulo."),
            "From gdainsk to sow powloo.");
  EXPECT_EQ(normalize_with(lex, "Gda\u0144skie"), "Gda\u0144skie");
}

TEST(Lexicon, PhonemeEntriesOnlyWithPhonemeInput) {
  const std::string lex = "Qatar = [[k@t'A@]]\n";
  EXPECT_EQ(normalize_with(lex, "In Qatar today", true), "In [[k@t'A@]] today");
  EXPECT_EQ(normalize_with(lex, "In Qatar today", false), "In Qatar today");
}

TEST(Lexicon, RunsBeforeOtherRulesAndMapsToItsSource) {
  NormalizeOptions o;
  o.lexicon = std::make_shared<Lexicon>(
      Lexicon::parse("COVID-19 = covid nineteen\nWHO = W.H.O\nNo. 10 = number ten\n", "x"));
  const std::string source = "The WHO said COVID-19 hit No. 10.";
  const SpokenText s = normalize(source, o);
  EXPECT_EQ(s.text, "The W.H.O said covid nineteen hit number ten.");
  const std::size_t at = s.text.find("covid nineteen");
  const SourceSpan span = s.source_span(at, at + 14);
  EXPECT_EQ(source.substr(span.begin, span.end - span.begin), "COVID-19");
  // Text in capitals is a headline: acronym entries would misfire there.
  EXPECT_EQ(spoken_form("WHO IS TO BLAME FOR THIS?", o), "WHO IS TO BLAME FOR THIS?");
  o.rules.lexicon = false;
  EXPECT_EQ(spoken_form("The WHO said", o), "The WHO said");
}

TEST(Lexicon, MergeAndAddLetTheLaterEntryWin) {
  Lexicon shipped = Lexicon::parse("Kyiv = keev\nQatar = kuh-tar\n", "shipped");
  const Lexicon user = Lexicon::parse("Qatar = kutter\nDoha = doe ha\n", "user");
  shipped.merge(user);
  ASSERT_EQ(shipped.size(), 3u);
  NormalizeOptions o;
  o.lexicon = std::make_shared<Lexicon>(shipped);
  EXPECT_EQ(spoken_form("Kyiv, Qatar, Doha", o), "keev, kutter, doe ha");
  shipped.add("Doha", "doh hah", "cli");
  o.lexicon = std::make_shared<Lexicon>(shipped);
  EXPECT_EQ(spoken_form("Doha", o), "doh hah");
  EXPECT_THROW(shipped.add("", "x", "cli"), Error);
}

class EnvGuard {
 public:
  explicit EnvGuard(const char* name) : name_(name) {
    if (const char* v = std::getenv(name)) old_ = v;
  }
  ~EnvGuard() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(Lexicon, DefaultPathsFollowXdg) {
  EnvGuard xdg("XDG_CONFIG_HOME");
  EnvGuard home("HOME");
  setenv("XDG_CONFIG_HOME", "/cfg", 1);
  EXPECT_EQ(default_lexicon_paths(), std::vector<std::string>{"/cfg/narrate/lexicon.txt"});
  unsetenv("XDG_CONFIG_HOME");
  setenv("HOME", "/home/ann", 1);
  EXPECT_EQ(default_lexicon_paths(),
            std::vector<std::string>{"/home/ann/.config/narrate/lexicon.txt"});
  setenv("XDG_CONFIG_HOME", "relative", 1);  // the spec says to ignore relative paths
  EXPECT_EQ(default_lexicon_paths(),
            std::vector<std::string>{"/home/ann/.config/narrate/lexicon.txt"});
  unsetenv("XDG_CONFIG_HOME");
  unsetenv("HOME");
  EXPECT_TRUE(default_lexicon_paths().empty());
}

std::filesystem::path shipped_lexicon() {
  return std::filesystem::path(NARRATE_SAMPLES_DIR).parent_path() / "voices" / "lexicon-en.txt";
}

TEST(Lexicon, ShippedNewsLexiconLoadsAndApplies) {
  const Lexicon lex =
      Lexicon::parse(test::read_file(shipped_lexicon()), shipped_lexicon().string());
  EXPECT_GE(lex.size(), 30u);
  EXPECT_LE(lex.size(), 80u);
  for (const Lexicon::Entry& e : lex.entries()) EXPECT_FALSE(e.phonemes) << e.origin;
  NormalizeOptions o;
  o.lexicon = std::make_shared<Lexicon>(lex);
  EXPECT_EQ(spoken_form("Xi visited Xinjiang, Qatar and the IAEA.", o),
            "shee visited shinjyahng, kuh-tar and the I.A.E.A.");
}

}  // namespace
}  // namespace narrate::text
