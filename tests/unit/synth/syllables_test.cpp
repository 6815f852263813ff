// unit/synth/syllables_test.cpp - the syllable counter that paces speech, and the density band
#include "synth/syllables.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "support/support.hpp"

namespace narrate::synth {
namespace {

TEST(Syllables, EnglishWords) {
  EXPECT_DOUBLE_EQ(syllables(""), 0);
  EXPECT_DOUBLE_EQ(syllables("cat"), 1);
  EXPECT_DOUBLE_EQ(syllables("banana"), 3);
  EXPECT_DOUBLE_EQ(syllables("stone"), 1) << "a silent final e";
  EXPECT_DOUBLE_EQ(syllables("table"), 2) << "-le after a consonant is a syllable";
  EXPECT_DOUBLE_EQ(syllables("jumped"), 1) << "-ed after most consonants is silent";
  EXPECT_DOUBLE_EQ(syllables("wanted"), 2);
  EXPECT_DOUBLE_EQ(syllables("hundred"), 2);
  EXPECT_DOUBLE_EQ(syllables("stones boxes places"), 1 + 2 + 2);
  EXPECT_DOUBLE_EQ(syllables("radio media actual"), 3 + 3 + 3) << "split vowels";
  EXPECT_DOUBLE_EQ(syllables("nation special region million"), 2 + 2 + 2 + 2);
  EXPECT_DOUBLE_EQ(syllables("mechanism"), 4);
  EXPECT_DOUBLE_EQ(syllables("completely statement element"), 3 + 2 + 3);
  EXPECT_DOUBLE_EQ(syllables("conveying yes"), 3 + 1) << "y as a consonant";
  EXPECT_DOUBLE_EQ(syllables("it's don't"), 2) << "an apostrophe stays inside the word";
  EXPECT_DOUBLE_EQ(syllables("cat, dog \xE2\x80\x94 bird."), 3) << "punctuation counts nothing";
}

TEST(Syllables, CapitalsAreSpelledOnlyWhenUnpronounceable) {
  EXPECT_DOUBLE_EQ(syllables("GPL"), 3);
  EXPECT_DOUBLE_EQ(syllables("BBC"), 3);
  EXPECT_DOUBLE_EQ(syllables("IBM"), 3);
  EXPECT_DOUBLE_EQ(syllables("WWW"), 9) << "double-u";
  EXPECT_DOUBLE_EQ(syllables("THE WITH AND"), 3) << "a legal text's shouting is read as words";
  EXPECT_DOUBLE_EQ(syllables("NASA"), 2);
}

TEST(Syllables, NumbersAsReadAloud) {
  EXPECT_DOUBLE_EQ(syllables("7"), 2);                 // seven
  EXPECT_DOUBLE_EQ(syllables("12"), 1);                // twelve
  EXPECT_DOUBLE_EQ(syllables("21"), 3);                // twen-ty-one
  EXPECT_DOUBLE_EQ(syllables("105"), 1 + 2 + 1 + 1);   // one hun-dred and five
  EXPECT_DOUBLE_EQ(syllables("1987"), 6);              // nine-teen eigh-ty-sev-en
  EXPECT_DOUBLE_EQ(syllables("1905"), 4);              // nine-teen oh five
  EXPECT_DOUBLE_EQ(syllables("2005"), 1 + 2 + 1 + 1);  // two thou-sand and five
  EXPECT_DOUBLE_EQ(syllables("2023"), 1 + 2 + 1 + 3)   // two thou-sand and twen-ty-three
      << "eSpeak reads this century's years as numbers, not as twenty twenty-three";
  EXPECT_DOUBLE_EQ(syllables("1,250,000"), 1 + 2 + 1 + 2 + 1 + 2 + 2);  // ... and fifty thousand
  EXPECT_DOUBLE_EQ(syllables("0.25"), 2 + 1 + 1 + 1);                   // ze-ro point two five
  EXPECT_DOUBLE_EQ(syllables("1st 1990s"), 1 + 4) << "ordinal and decade endings add nothing";
}

TEST(Syllables, SpokenFormsCountAsSpoken) {
  // "$2.3 million" is three written words; narrate hands eSpeak "2.3 million dollars", which is
  // read as six words: two point three million dollars.
  EXPECT_DOUBLE_EQ(syllables("2.3 million dollars"), 1 + 1 + 1 + 2 + 2);
  // eSpeak reads the per cent sign, which narrate's spoken forms keep.
  EXPECT_DOUBLE_EQ(syllables("up 14.5%"), 1 + 2 + 1 + 1 + 2);
  EXPECT_DOUBLE_EQ(syllables("50 % off"), 2 + 2 + 1);
}

TEST(Syllables, OtherScriptsByTheirOwnVowels) {
  // German compounds: vowel groups (au, ei, ie are one) in the language's own spelling.
  EXPECT_DOUBLE_EQ(syllables("Donaudampfschifffahrtsgesellschaft"), 8);
  EXPECT_DOUBLE_EQ(syllables("M\xC3\xBC"
                             "digkeit"),
                   3)
      << "an umlaut is a vowel";
  EXPECT_DOUBLE_EQ(syllables("Stra\xC3\x9F"
                             "e"),
                   2)
      << "but the sharp s is not";
  EXPECT_DOUBLE_EQ(syllables("caf\xC3\xA9"), 2);
  EXPECT_DOUBLE_EQ(syllables("cafe\xCC\x81"), 2) << "a combining accent joins its letter";
  // Russian: every vowel letter is a syllable (мо-я).
  EXPECT_DOUBLE_EQ(syllables("\xD0\xBC\xD0\xBE\xD1\x8F"), 2);
  EXPECT_DOUBLE_EQ(syllables("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"), 2);  // Привет
  // Greek: α-θή-να.
  EXPECT_DOUBLE_EQ(syllables("\xCE\xB1\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1"), 3);
  // Chinese and Japanese kana: a syllable a character.
  EXPECT_DOUBLE_EQ(syllables("\xE8\x87\xAA\xE7\x84\xB6\xE8\xA8\x80\xE8\xAA\x9E"), 4);  // 自然言語
  EXPECT_DOUBLE_EQ(syllables("\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF"),
                   5);  // こんにちは
}

TEST(Syllables, BadBytesNeverCrash) {
  EXPECT_GE(syllables("\xFF\xFE abc \xC3"), 1);
  EXPECT_GE(syllables(std::string("a\0b", 3)), 1);
}

TEST(Syllables, SamplesAreOrdinaryProseAndTheReferenceIsTheirDensity) {
  // The spoken sentences of the samples (what `--sentences --spoken` prints is close to the
  // expected sentence files) fall within the range of ordinary prose, and 1.5 is their density.
  double total_syllables = 0;
  double total_words = 0;
  for (const char* name : {"plain-lighthouse", "copied-page-harbour", "copied-page-valley-review",
                           "news-city-council", "news-science", "blog-allotment-diary"}) {
    std::ifstream in(test::sample(std::string(name) + ".sentences.txt"));
    ASSERT_TRUE(in) << name;
    double s = 0;
    double w = 0;
    std::string line;
    while (std::getline(in, line)) {
      s += syllables(line);
      std::istringstream words(line);
      std::string word;
      while (words >> word) w += 1;
    }
    EXPECT_GT(s / w, kOrdinaryProseMin - 0.05) << name;
    EXPECT_LT(s / w, kOrdinaryProseMax) << name;
    total_syllables += s;
    total_words += w;
  }
  EXPECT_NEAR(total_syllables / total_words, kReferenceSyllablesPerWord, 0.08);
}

TEST(PacedDensity, OrdinaryProseKeepsItsWordsDenseTextItsSyllables) {
  EXPECT_DOUBLE_EQ(paced_density(150, 100), 1.5);
  EXPECT_DOUBLE_EQ(paced_density(160, 100), 1.6) << "within the band: words per minute exact";
  EXPECT_DOUBLE_EQ(paced_density(440, 100), kOrdinaryProseMax) << "technical text";
  EXPECT_DOUBLE_EQ(paced_density(100, 100), kOrdinaryProseMin) << "very light text";
  EXPECT_DOUBLE_EQ(paced_density(0, 0), kReferenceSyllablesPerWord);
  EXPECT_NEAR(200 * kReferenceSyllablesPerWord / 60, 5.0, 1e-12) << "1x: 5 syllables a second";
}

}  // namespace
}  // namespace narrate::synth
