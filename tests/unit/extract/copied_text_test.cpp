// unit/extract/copied_text_test.cpp - line rules of the copied-page cleaner and extract_article
#include <gtest/gtest.h>

#include "extract/extract.hpp"
#include "test_helpers.hpp"

namespace narrate::extract {
namespace {

using test::body_of;
using test::has_block;

TEST(CopiedText, PlainEssayPassesThrough) {
  const Document doc = clean_copied_text(
      "Rivers shape the towns built along them, and the towns in turn reshape the rivers.\n\n"
      "A river that floods every spring teaches people to build on higher ground.\n");
  EXPECT_EQ(doc.title, "");
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks[1].text,
            "A river that floods every spring teaches people to build on higher ground.");
}

TEST(CopiedText, JoinsWrappedLinesOfAParagraph) {
  const Document doc = clean_copied_text(
      "The first line of a paragraph that was wrapped by the\n"
      "editor at a fixed width continues on this line and then\n"
      "it ends here on the third line of the same paragraph.\n");
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].text.find('\n'), std::string::npos);
  EXPECT_NE(doc.blocks[0].text.find("the editor at"), std::string::npos);
}

TEST(CopiedText, FirstShortLineIsTitleAndLaterOnesHeadings) {
  const Document doc = clean_copied_text(
      "A short history of bridges\n\n"
      "Bridges are older than writing, and some of the first ones were fallen trees.\n\n"
      "Stone arches\n\n"
      "The Romans built arches of stone that still carry traffic two thousand years later.\n");
  EXPECT_EQ(doc.title, "A short history of bridges");
  ASSERT_EQ(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks[1].kind, BlockKind::Heading);
  EXPECT_EQ(doc.blocks[1].text, "Stone arches");
}

TEST(CopiedText, BulletsBecomeListItems) {
  const Document doc = clean_copied_text(
      "Some long introduction sentence comes first, as it always does in articles.\n\n"
      "\xE2\x80\xA2 first point\n* second point\n- third point\n\xC2\xB7 fourth point\n");
  ASSERT_EQ(doc.blocks.size(), 5u);
  EXPECT_EQ(doc.blocks[1].kind, BlockKind::ListItem);
  EXPECT_EQ(doc.blocks[1].text, "first point");
  EXPECT_EQ(doc.blocks[4].text, "fourth point");
}

TEST(CopiedText, DropsAdvertisementLinesInSeveralLanguages) {
  const Document doc = clean_copied_text(
      "One sentence of the article is here.\n\nAdvertisement\n\nADVERTISEMENT\nAnzeige\n"
      "Publicidad\n\nThe advertisement campaign was a success, said the mayor.\n");
  EXPECT_EQ(body_of(doc),
            "One sentence of the article is here.\n\n"
            "The advertisement campaign was a success, said the mayor.");
}

TEST(CopiedText, DropsReadingTimeTrustAndCredits) {
  const Document doc = clean_copied_text(
      "Reading Time:2 minutes\nWhy you can trust SCMP\n5 min read\n"
      "The mayor at the opening. Photo: Reuters\n"
      "A view of the bridge. Illustration: Shutterstock\n"
      "Image: Getty Images\n"
      "The article starts here with a real sentence about the bridge.\n");
  EXPECT_EQ(body_of(doc), "The article starts here with a real sentence about the bridge.");
}

TEST(CopiedText, DropsCaptionPrintedTwice) {
  const Document doc = clean_copied_text(
      "The first paragraph of the story tells what happened.\n\n"
      "The old bridge at sunset, seen from the north bank\n"
      "The old bridge at sunset, seen from the north bank\n\n"
      "The second paragraph tells why it matters to the town.\n");
  EXPECT_EQ(doc.blocks.size(), 2u);
}

TEST(CopiedText, DropsPullQuoteRepeatingBody) {
  const Document doc = clean_copied_text(
      "The engineer said that the bridge would stand for another century at least, and then "
      "went home.\n\nthe bridge would stand for another century\n\nA final paragraph.\n");
  EXPECT_EQ(doc.blocks.size(), 2u);
}

TEST(CopiedText, DropsShareNewsletterRelatedAndLegal) {
  const Document doc = clean_copied_text(
      "The story itself has one long paragraph, and it ends with a full stop.\n\n"
      "Share this article\nFacebook Twitter Email\nSign up for our daily newsletter\n"
      "Related:\nBridge closes for a week\nNew ferry timetable\n\n"
      "Read more: Ferry fares rise again\n"
      "© 2024 Example News. All rights reserved.\n"
      "We use cookies to improve your experience.\n");
  EXPECT_EQ(body_of(doc), "The story itself has one long paragraph, and it ends with a full stop.");
}

TEST(CopiedText, DropsCommentThreadAtTheEnd) {
  const Document doc = clean_copied_text(
      "First paragraph of the story, which is long enough to count as prose.\n\n"
      "Second paragraph of the story, also long enough to count as prose.\n\n"
      "Comments\n\nbridgefan: I walked across it yesterday.\n\nanon: Nice.\n");
  EXPECT_EQ(doc.blocks.size(), 2u);
}

TEST(CopiedText, DropsListenWidgetButKeepsWordsElsewhere) {
  const Document doc = clean_copied_text(
      "Traffic was slow on the bridge this morning, drivers said.\n\n"
      "Fast\n\n"
      "Another paragraph of the story that ends properly.\n\n"
      "Select Voice\nChoose your listening speed\nGet through articles 2x faster\n1.25x\n"
      "250 WPM\nSlow\nAverage\nFast\n1.25x\n");
  const std::string body = body_of(doc);
  EXPECT_EQ(body.find("Select Voice"), std::string::npos);
  EXPECT_EQ(body.find("WPM"), std::string::npos);
  EXPECT_EQ(body.find("Average"), std::string::npos);
  EXPECT_TRUE(has_block(doc, "Fast"));  // alone, away from the widget, it is not the widget
}

TEST(CopiedText, DropsMenuRunAtTheTop) {
  const Document doc = clean_copied_text(
      "Home\nNews\nSport\nWeather\n\nBridge reopens after repairs\n\n"
      "The bridge reopened on Monday after six weeks of repairs to its deck.\n");
  EXPECT_EQ(doc.title, "Bridge reopens after repairs");
  ASSERT_EQ(doc.blocks.size(), 1u);
}

TEST(CopiedText, BylineGoesToDocument) {
  const Document doc = clean_copied_text(
      "Bridge reopens\n\nBy Sam Carter\n\nThe bridge reopened on Monday after repairs.\n");
  EXPECT_EQ(doc.byline, "Sam Carter");
  EXPECT_FALSE(has_block(doc, "By Sam Carter"));
}

TEST(ExtractArticle, DispatchesOnMediaType) {
  Input html;
  html.media_type = MediaType::Html;
  html.text = test::page_with("");
  EXPECT_EQ(extract_article(html).title, "River town opens new library");

  Input text;
  text.media_type = MediaType::Text;
  text.text = "<p>Not parsed as HTML here, because this is text.</p>";
  const Document doc = extract_article(text);
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].text, text.text);
}

}  // namespace
}  // namespace narrate::extract
