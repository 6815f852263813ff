// unit/text/ssml_test.cpp - narrate's SSML reader: pieces, prosody, say-as, malformed input
#include "text/ssml.hpp"

#include <gtest/gtest.h>

namespace narrate::text {
namespace {

TEST(Ssml, RecognisesSpeakDocuments) {
  EXPECT_TRUE(looks_like_ssml("<speak>hi</speak>"));
  EXPECT_TRUE(looks_like_ssml("  <?xml version=\"1.0\"?>\n<speak version=\"1.1\">hi</speak>"));
  EXPECT_FALSE(looks_like_ssml("a < b"));
  EXPECT_FALSE(looks_like_ssml("<p>html</p>"));
}

TEST(Ssml, TextMarksAndBreaksInOrder) {
  const SsmlDocument d = parse_ssml(
      "<speak>One <mark name=\"a\"/>two<break time=\"250ms\"/>three <break strength=\"strong\"/>"
      "<mark name='b'/></speak>");
  ASSERT_TRUE(d.well_formed);
  ASSERT_EQ(d.pieces.size(), 7u);
  EXPECT_EQ(d.pieces[0].text, "One");
  EXPECT_EQ(d.pieces[1].kind, SsmlKind::Mark);
  EXPECT_EQ(d.pieces[1].text, "a");
  EXPECT_EQ(d.pieces[2].text, "two");
  EXPECT_EQ(d.pieces[3].kind, SsmlKind::Break);
  EXPECT_EQ(d.pieces[3].break_ms, 250);
  EXPECT_EQ(d.pieces[4].text, "three");
  EXPECT_EQ(d.pieces[5].break_ms, 700);
  EXPECT_EQ(d.pieces[6].text, "b");
}

TEST(Ssml, EntitiesAndWhitespace) {
  const SsmlDocument d = parse_ssml("<speak>  Fish &amp; chips\n\n&lt;3 &#x41;&#66; </speak>");
  ASSERT_TRUE(d.well_formed);
  EXPECT_EQ(ssml_plain_text(d), "Fish & chips <3 AB");
}

TEST(Ssml, ProsodyNestsAndRestores) {
  const SsmlDocument d = parse_ssml(
      "<speak>normal <prosody rate=\"150%\" volume=\"soft\">fast <prosody rate=\"slow\" "
      "pitch=\"+10%\">slower</prosody></prosody> again</speak>");
  ASSERT_TRUE(d.well_formed);
  ASSERT_EQ(d.pieces.size(), 4u);
  EXPECT_DOUBLE_EQ(d.pieces[0].prosody.rate, 1.0);
  EXPECT_DOUBLE_EQ(d.pieces[1].prosody.rate, 1.5);
  EXPECT_DOUBLE_EQ(d.pieces[1].prosody.volume, 0.5);
  EXPECT_DOUBLE_EQ(d.pieces[2].prosody.rate, 0.75);
  EXPECT_DOUBLE_EQ(d.pieces[2].prosody.pitch_hz_delta, 10);
  EXPECT_EQ(d.pieces[3].text, "again");
  EXPECT_DOUBLE_EQ(d.pieces[3].prosody.rate, 1.0);
}

TEST(Ssml, SayAsSubAndLanguage) {
  const SsmlDocument d = parse_ssml(
      "<speak><say-as interpret-as=\"characters\">ab</say-as> <say-as interpret-as=\"digits\">"
      "123</say-as> <say-as interpret-as=\"ordinal\">2</say-as> <sub alias=\"World Wide Web\">"
      "WWW</sub> <s xml:lang=\"de\">Guten Tag</s> <voice name=\"en+f3\">hi</voice></speak>");
  ASSERT_TRUE(d.well_formed);
  ASSERT_GE(d.pieces.size(), 3u);
  EXPECT_EQ(d.pieces[0].text, "ay, bee 1 2 3 2nd World Wide Web");
  EXPECT_EQ(d.pieces[1].text, "Guten Tag");
  EXPECT_EQ(d.pieces[1].prosody.language, "de");
  EXPECT_TRUE(d.pieces[1].paragraph_end);
  EXPECT_EQ(d.pieces[2].prosody.voice, "en+f3");
}

TEST(Ssml, MalformedInputIsSpokenAsItsText) {
  for (const char* bad :
       {"<speak>Hello <b>world</speak>", "<speak>Hello world", "<speak>Hello &foo; Jerry</speak>",
        "<speak>Hello <mark name=x/> b</speak>", "<speak>Hello <break time=\"1s\"</speak>"}) {
    const SsmlDocument d = parse_ssml(bad);
    EXPECT_FALSE(d.well_formed) << bad;
    ASSERT_EQ(d.pieces.size(), 1u) << bad;
    EXPECT_NE(d.pieces[0].text.find("Hello"), std::string::npos) << bad;
  }
}

TEST(Ssml, NeverDropsTextThatIsNotMarkup) {
  const SsmlDocument d = parse_ssml("<<<>>>");
  ASSERT_FALSE(d.well_formed);
  ASSERT_EQ(d.pieces.size(), 1u);
  EXPECT_FALSE(d.pieces[0].text.empty());
}

}  // namespace
// Found by fuzz_ssml: "</>" read its name past the end of the tag (std::out_of_range, and the
// command line's "internal error").
TEST(Ssml, EmptyClosingTagIsNotATag) {
  const SsmlDocument doc = parse_ssml("<speak>a</>b</speak>");
  EXPECT_FALSE(doc.well_formed);
  EXPECT_EQ(ssml_plain_text(doc), "a b");
}

}  // namespace narrate::text
