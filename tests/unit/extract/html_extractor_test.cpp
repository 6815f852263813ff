// unit/extract/html_extractor_test.cpp - keep and drop rules of the HTML extractor
#include <gtest/gtest.h>

#include "extract/extract.hpp"
#include "test_helpers.hpp"

namespace narrate::extract {
namespace {

using test::body_of;
using test::has_block;
using test::page_with;

TEST(HtmlExtractor, KeepsHeadlineAsTitleNotBlock) {
  const Document doc = extract_html(page_with(""));
  EXPECT_EQ(doc.title, "River town opens new library");
  EXPECT_EQ(body_of(doc).find("River town opens new library"), std::string::npos);
  ASSERT_EQ(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::Paragraph);
}

TEST(HtmlExtractor, ConfirmsH1WithOgTitle) {
  const std::string html =
      "<html><head><meta property=\"og:title\" content=\"The real headline\">"
      "<title>The real headline | Site</title></head><body><h1>Site name</h1>"
      "<div><h1>The real headline</h1><p>" +
      std::string(300, 'a') + " end.</p></div></body></html>";
  EXPECT_EQ(extract_html(html).title, "The real headline");
}

TEST(HtmlExtractor, KeepsSubheadingsListsQuotes) {
  const Document doc = extract_html(page_with(
      "<h2>A building for everyone</h2><p>The library has three floors, and each of them has "
      "a different purpose, from quiet study to noisy play.</p><ul><li>a children's floor;</li>"
      "<li>a music room.</li></ul><blockquote><p>It is the best thing the town has built in "
      "fifty years.</p></blockquote>"));
  EXPECT_TRUE(has_block(doc, "A building for everyone"));
  EXPECT_TRUE(has_block(doc, "a children's floor;"));
  EXPECT_TRUE(has_block(doc, "It is the best thing the town has built in fifty years."));
  for (const Block& block : doc.blocks) {
    if (block.text == "A building for everyone") {
      EXPECT_EQ(block.kind, BlockKind::Heading);
    }
    if (block.text == "a music room.") {
      EXPECT_EQ(block.kind, BlockKind::ListItem);
    }
    if (block.text.starts_with("It is the best")) {
      EXPECT_EQ(block.kind, BlockKind::Quote);
    }
  }
}

TEST(HtmlExtractor, KeepsShortParagraphBetweenLongOnes) {
  const Document doc = extract_html(page_with("<p>It was worth it.</p>"));
  EXPECT_TRUE(has_block(doc, "It was worth it."));
}

TEST(HtmlExtractor, ReadsTableRowsAsText) {
  const Document doc = extract_html(page_with(
      "<table><tr><th>Floor</th><th>Use</th></tr><tr><td>Ground</td><td>Children</td></tr>"
      "</table>"));
  EXPECT_TRUE(has_block(doc, "Ground Children"));
}

TEST(HtmlExtractor, DropsScriptsStylesAndNoscript) {
  const Document doc = extract_html(
      page_with("<script>var secret = 'script text';</script><style>.x{color:red}</style>"
                "<noscript>Enable JavaScript</noscript>"));
  const std::string body = body_of(doc);
  EXPECT_EQ(body.find("script text"), std::string::npos);
  EXPECT_EQ(body.find("color"), std::string::npos);
  EXPECT_EQ(body.find("Enable JavaScript"), std::string::npos);
}

TEST(HtmlExtractor, DropsFigureCaptionsAndCredits) {
  const Document doc = extract_html(page_with(
      "<figure><img src=a.jpg><figcaption>The reading room. Photo: Ann Lee</figcaption></figure>"
      "<p class=\"caption\">Another picture caption here</p>"));
  EXPECT_EQ(body_of(doc).find("reading room"), std::string::npos);
  EXPECT_EQ(body_of(doc).find("Another picture"), std::string::npos);
}

TEST(HtmlExtractor, DropsAdsShareNewsletterRelatedAndComments) {
  const Document doc = extract_html(
      page_with("<div class=\"ad-slot\"><p>Buy our shoes today, they are great</p></div>"
                "<p>Advertisement</p>"
                "<div class=\"share-tools\"><a href=#>Facebook</a> <a href=#>Twitter</a></div>"
                "<div class=\"newsletter\"><p>Sign up for our newsletter to get news</p></div>"
                "<div class=\"related-stories\"><a href=#>Another story about books</a></div>"
                "<section id=\"comments\"><p>Great library, I love it so much!</p></section>"));
  const std::string body = body_of(doc);
  for (const char* clutter :
       {"shoes", "Advertisement", "Facebook", "Sign up", "Another story", "I love it"}) {
    EXPECT_EQ(body.find(clutter), std::string::npos) << clutter;
  }
}

TEST(HtmlExtractor, DropsNavHeaderFooterAsideFormsButtons) {
  const std::string html =
      "<html><body><header><nav><a href=/>Home</a><a href=/n>News</a></nav></header>"
      "<div class=\"cookie-banner\"><p>We use cookies to make this site better for you.</p></div>" +
      page_with("<aside>Aside text box</aside><form><input><button>Send it now</button></form>") +
      "<footer><p>Footer text of the site goes here</p></footer></body></html>";
  const std::string body = body_of(extract_html(html));
  for (const char* clutter : {"Home", "We use cookies", "Aside text", "Send it", "Footer text"}) {
    EXPECT_EQ(body.find(clutter), std::string::npos) << clutter;
  }
  EXPECT_NE(body.find("queued from early morning"), std::string::npos);
}

TEST(HtmlExtractor, DropsHiddenElements) {
  const Document doc = extract_html(
      page_with("<p hidden>Hidden by attribute</p><p aria-hidden=\"true\">Hidden from readers</p>"
                "<p style=\"display: none\">Hidden by style</p>"
                "<p style=\"visibility:hidden\">Invisible text</p>"));
  const std::string body = body_of(doc);
  for (const char* hidden : {"by attribute", "from readers", "by style", "Invisible"}) {
    EXPECT_EQ(body.find(hidden), std::string::npos) << hidden;
  }
}

TEST(HtmlExtractor, DropsFootnoteMarkers) {
  const Document doc = extract_html(page_with(
      "<p>The building is made of local stone.<sup><a href=\"#fn1\">1</a></sup> It was cheap."
      "<sup>[2]</sup></p>"));
  EXPECT_TRUE(has_block(doc, "The building is made of local stone. It was cheap."));
}

TEST(HtmlExtractor, DropsListenWidget) {
  const Document doc = extract_html(
      page_with("<div class=\"listen-widget\"><button>Listen</button><span>Select Voice</span>"
                "<span>1.25x</span></div><p>Choose your listening speed</p>"));
  const std::string body = body_of(doc);
  EXPECT_EQ(body.find("Select Voice"), std::string::npos);
  EXPECT_EQ(body.find("listening speed"), std::string::npos);
}

TEST(HtmlExtractor, MovesBodyBylineToDocument) {
  const Document doc = extract_html(page_with("<p class=\"x\">By Jane Doe</p>"));
  EXPECT_EQ(doc.byline, "Jane Doe");
  EXPECT_FALSE(has_block(doc, "By Jane Doe"));
}

TEST(HtmlExtractor, UsesJsonLdAuthorAndHeadline) {
  const std::string html =
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"headline\":\"Library opens\",\"author\":[{\"name\":\"Ann\"},{\"name\":\"Bo\"}]}"
      "</script></head><body><p>" +
      std::string(200, 'x') + " done.</p></body></html>";
  const Document doc = extract_html(html);
  EXPECT_EQ(doc.title, "Library opens");
  EXPECT_EQ(doc.byline, "Ann and Bo");
}

TEST(HtmlExtractor, FallsBackToJsonLdBodyWhenMarkupIsEmpty) {
  const std::string body(600, 'y');
  const std::string html =
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"articleBody\":\"" +
      body + "\"}</script></head><body><div id=app></div></body></html>";
  const Document doc = extract_html(html);
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].text, body);
}

TEST(HtmlExtractor, CollapsesWhitespaceAndBreaks) {
  const Document doc =
      extract_html(page_with("<p>One  line<br>continues\n here.<br><br>New   paragraph here.</p>"));
  EXPECT_TRUE(has_block(doc, "One line\ncontinues here."));  // one <br>: a line break stays
  EXPECT_TRUE(has_block(doc, "New paragraph here."));
}

TEST(HtmlExtractor, LanguageFromHtmlLangThenMetaThenText) {
  EXPECT_EQ(extract_html("<html lang=\"en_us\"><body><p>x</p></body></html>").language, "en-US");
  EXPECT_EQ(extract_html("<html><head><meta http-equiv=\"Content-Language\" content=\"de\">"
                         "</head><body><p>x</p></body></html>")
                .language,
            "de");
  const std::string german =
      "<html><body><article><p>Die Stadt hat am Montag eine neue Bibliothek eröffnet, und die "
      "Besucher waren mit dem Gebäude sehr zufrieden, weil es auch für Kinder einen Raum gibt. "
      "Der Bürgermeister sagte, dass die Bibliothek nicht nur ein Ort für Bücher ist.</p>"
      "</article></body></html>";
  EXPECT_EQ(extract_html(german).language, "de");
}

}  // namespace
}  // namespace narrate::extract
