// unit/extract/copied_rules_test.cpp - more line rules of the copied-page cleaner, one per test
#include <gtest/gtest.h>

#include "extract/extract.hpp"
#include "test_helpers.hpp"

namespace narrate::extract {
namespace {

using test::absent;
using test::body_of;
using test::has_block;

constexpr const char* kFirst =
    "The first paragraph of the story tells what happened at the bridge on Monday.";
constexpr const char* kLast =
    "The last paragraph of the story says when the bridge will open again.";

std::string story_around(const std::string& middle) {
  return std::string(kFirst) + "\n\n" + middle + "\n\n" + kLast + "\n";
}

TEST(CopiedRules, KickerOverTheHeadlineIsNotTheTitle) {
  const Document doc =
      clean_copied_text("Climate\nThe river that learned to flood again\n\n" + story_around(""));
  EXPECT_EQ(doc.title, "The river that learned to flood again");
  EXPECT_TRUE(absent(doc, "Climate"));
}

TEST(CopiedRules, ShortLinesWithoutProseAreAListNotAMenuOrHeadline) {
  // Nothing but short unpunctuated lines: no article around them to be a menu or a headline of.
  const Document document = clean_copied_text("features\ncontact manager\nevents, activities\n");
  EXPECT_TRUE(document.title.empty());
  ASSERT_EQ(document.blocks.size(), 3u);
  EXPECT_EQ(document.blocks[0].text, "features");
  EXPECT_EQ(document.blocks[1].text, "contact manager");
  EXPECT_EQ(document.blocks[2].text, "events, activities");
}

TEST(CopiedRules, LowercaseContinuationStillJoinsAWrappedSentence) {
  const Document document =
      clean_copied_text("This is a sentence\ncut off in the middle because pdf.\n");
  ASSERT_EQ(document.blocks.size(), 1u);
  EXPECT_EQ(document.blocks[0].text, "This is a sentence cut off in the middle because pdf.");
}

TEST(CopiedRules, ShareBarWordsGoWithTheShareLine) {
  const Document doc = clean_copied_text(story_around("Share\nFacebook\nTwitter\nWhatsApp"));
  EXPECT_EQ(body_of(doc), std::string(kFirst) + "\n\n" + kLast);
  // Alone, away from a share line, the name is a word like any other.
  EXPECT_TRUE(has_block(clean_copied_text(story_around("Facebook")), "Facebook"));
}

TEST(CopiedRules, TopicAndTagLists) {
  const Document doc = clean_copied_text(story_around("Topics\nRivers\nFlooding\nFarming"));
  EXPECT_EQ(body_of(doc), std::string(kFirst) + "\n\n" + kLast);
}

TEST(CopiedRules, NewsletterBoxButNotASentenceAboutANewsletter) {
  const Document doc = clean_copied_text(story_around(
      "Sign up to The Long Read\nGet our best essays delivered to your inbox every Saturday.\n"
      "Enter your email address\nSign up\nPrivacy notice: newsletters may contain ads.\n\n"
      "The newsletter the society sends to members lists the dates of the closures."));
  EXPECT_TRUE(absent(doc, "Long Read"));
  EXPECT_TRUE(absent(doc, "inbox"));
  EXPECT_TRUE(absent(doc, "Privacy notice"));
  EXPECT_TRUE(has_block(doc,
                        "The newsletter the society sends to members lists the dates of "
                        "the closures."));
}

TEST(CopiedRules, MostPopularList) {
  const Document doc = clean_copied_text(story_around(
      "Most popular\nLighthouse keeper's cottage to open as museum\nCity council delays vote "
      "on new bus lanes"));
  EXPECT_TRUE(absent(doc, "Most popular"));
  EXPECT_TRUE(absent(doc, "Lighthouse"));
  EXPECT_TRUE(absent(doc, "bus lanes"));
}

TEST(CopiedRules, GalleryDatesAndPostFields) {
  const Document doc = clean_copied_text(story_around(
      "Image 1 of 5\nMonday, 18 November 2019\nPosted in Bridges | Tagged repairs\nTags: "
      "bridges, roads"));
  EXPECT_EQ(body_of(doc), std::string(kFirst) + "\n\n" + kLast);
}

TEST(CopiedRules, CommentCountOpensTheThread) {
  const Document doc = clean_copied_text(story_around("") +
                                         "\n34 comments\n\nann_b\nI drive over it every day.\n"
                                         "Reply\n\nrivers_uk\nAbout time too.\n");
  EXPECT_EQ(body_of(doc), std::string(kFirst) + "\n\n" + kLast);
}

TEST(CopiedRules, PromoAtTheEndButNotInTheMiddle) {
  const std::string promo = "Follow us on Twitter and Facebook for more news from the valley.";
  const Document ending = clean_copied_text(story_around("") + "\n" + promo + "\n");
  EXPECT_TRUE(absent(ending, "Follow us"));
  const Document middle = clean_copied_text(
      story_around("The second paragraph says who repaired the bridge.\n\nThe third paragraph "
                   "says what it cost.\n\n" +
                   promo));
  EXPECT_TRUE(has_block(middle, promo));
}

TEST(CopiedRules, TrustAndAboutLines) {
  const Document doc = clean_copied_text(
      "About\nAbout us\nWhy you can trust The Valley Review\n\n" + story_around("") +
      "\nAbout the author\nAna Lima has reported on rivers for ten years.\n");
  EXPECT_EQ(body_of(doc), std::string(kFirst) + "\n\n" + kLast);
}

TEST(CopiedRules, CookieAndLegalFooter) {
  const Document doc = clean_copied_text(story_around("") +
                                         "\nWe use cookies to improve your experience.\nAccept "
                                         "all\nCookie settings\n\xC2\xA9 2024 The Valley Review "
                                         "Ltd\nPrivacy policy\nTerms of use\n");
  EXPECT_EQ(body_of(doc), std::string(kFirst) + "\n\n" + kLast);
}

TEST(CopiedRules, SentencesThatMerelyMentionClutterStay) {
  const std::vector<std::string> sentences = {
      "The advertisement for the new timetable ran in every paper in May.",
      "Readers shared the photo on Facebook more than any other this year.",
      "Comments from residents were sent to the council before the vote.",
      "Related works by the same engineer still carry traffic today.",
      "Sign-up sheets for the volunteer crews were posted at the pier.",
      "Most popular of all was the night crossing to the Point.",
      "By the end of the week the bridge had reopened to cyclists.",
      "Updated plans were published on the council's website in March."};
  std::string text;
  for (const std::string& sentence : sentences) text += sentence + "\n\n";
  const Document doc = clean_copied_text(text);
  ASSERT_EQ(doc.blocks.size(), sentences.size()) << body_of(doc);
  for (std::size_t i = 0; i < sentences.size(); ++i) EXPECT_EQ(doc.blocks[i].text, sentences[i]);
}

TEST(CopiedRules, CleanTextPassesUntouched) {
  const std::vector<std::string> paragraphs = {
      "Rivers shape the towns built along them, and the towns in turn reshape the rivers.",
      "A river that floods every spring teaches people to build on higher ground, to keep "
      "their records upstairs and to share what they have when the water comes.",
      "What the water leaves",
      "The silt a flood leaves behind is the richest soil in the valley. Farmers who complain "
      "about the water in March are grateful for it in August.",
      "\"We lose a field for a month and gain it back better,\" said one of them."};
  std::string text;
  for (const std::string& paragraph : paragraphs) text += paragraph + "\n\n";
  const Document doc = clean_copied_text(text);
  ASSERT_EQ(doc.blocks.size(), paragraphs.size());
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    EXPECT_EQ(doc.blocks[i].text, paragraphs[i]);
  }
  EXPECT_EQ(doc.blocks[2].kind, BlockKind::Heading);
  EXPECT_EQ(doc.title, "");
}

TEST(CopiedRules, LanguageFromTheText) {
  const Document german = clean_copied_text(
      "Die Brücke über den Fluss ist seit Montag wieder offen, und die Pendler sind froh. Der "
      "Bürgermeister sagte, dass die Reparatur nicht so lange gedauert hat wie geplant.\n\n"
      "Anzeige\n\nDie Stadt will im Sommer auch die zweite Brücke erneuern, die mit dem Auto "
      "nicht mehr befahren werden darf.\n");
  EXPECT_EQ(german.language, "de");
  EXPECT_TRUE(absent(german, "Anzeige"));
  EXPECT_EQ(clean_copied_text(story_around("")).language, "en");
}

}  // namespace
}  // namespace narrate::extract
