// unit/extract/html_rules_test.cpp - more keep and drop rules of the HTML extractor, one per test
#include <gtest/gtest.h>

#include "extract/extract.hpp"
#include "test_helpers.hpp"

namespace narrate::extract {
namespace {

using test::absent;
using test::body_of;
using test::has_block;
using test::page_ending_with;
using test::page_with;

// --- furniture ---------------------------------------------------------------------------

TEST(HtmlDrops, MenusByRoleAndClass) {
  const Document doc = extract_html(page_with(
      "<div role=\"menu\"><a href=/a>Opinion pieces</a> <a href=/b>Letters page</a></div>"
      "<div class=\"menu-main\"><ul><li><a href=/c>Weather today</a></li><li><a href=/d>Travel "
      "news</a></li></ul></div>"));
  for (const char* item : {"Opinion pieces", "Letters page", "Weather today", "Travel news"}) {
    EXPECT_TRUE(absent(doc, item)) << item;
  }
}

TEST(HtmlDrops, MostPopularBox) {
  const Document doc = extract_html(page_with(
      "<div class=\"most-popular\"><h3>Most popular</h3><ol><li><a href=/1>Bus fares frozen "
      "for another year</a></li><li><a href=/2>Flood warning lifted as river drops</a></li>"
      "</ol></div>"));
  EXPECT_TRUE(absent(doc, "Most popular"));
  EXPECT_TRUE(absent(doc, "Bus fares"));
}

TEST(HtmlDrops, BoxOpenedByRelatedHeadingWithTeaserSummaries) {
  // No class names the box: its heading does ("You may also like", in Portuguese here).
  const Document doc = extract_html(page_ending_with(
      "<div><h3>Você pode gostar...</h3><div><p>A vida requer da gente otimismo e coragem "
      "para esperar o melhor e fazer o melhor acontecer, todos os dias.</p></div><div><p>O que "
      "une uma família é o amor, o carinho, o querer bem e a vontade de estar junto.</p></div>"
      "</div>"));
  EXPECT_TRUE(absent(doc, "pode gostar"));
  EXPECT_TRUE(absent(doc, "otimismo"));
  EXPECT_TRUE(absent(doc, "família"));
  EXPECT_TRUE(has_block(doc,
                        "The council said the building, which cost less than planned, "
                        "would stay open late on Thursdays and would host a reading group "
                        "for adults every month."));
}

TEST(HtmlDrops, NextStoryTeasersAfterTheArticle) {
  const Document doc = extract_html(page_ending_with(
      "<div class=\"next-prev\"><div class=\"card\"><a href=/n><h5>Bridge reopens after six "
      "weeks of repairs</h5></a><p>The deck was relaid and the railings painted, the council "
      "said.</p><span>2 hours ago</span></div><div class=\"card\"><a href=/p><h5>Ferry fares "
      "rise for the second time this year</h5></a><p>Operators blame the cost of fuel for the "
      "rise.</p></div></div>"));
  EXPECT_TRUE(absent(doc, "deck was relaid"));
  EXPECT_TRUE(absent(doc, "cost of fuel"));
  EXPECT_TRUE(has_block(doc,
                        "The council said the building, which cost less than planned, "
                        "would stay open late on Thursdays and would host a reading group "
                        "for adults every month."));
}

TEST(HtmlDrops, DatesAndPostMetadataInTheBody) {
  const Document doc = extract_html(page_with(
      "<span class=\"data\">sexta-feira, 22 de outubro de 2010 às 20:13</span>"
      "<p>Posted: Fri 6:45 PM, Feb 16, 2018 |</p>"
      "<p>05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: obras</p>"));
  EXPECT_TRUE(absent(doc, "outubro"));
  EXPECT_TRUE(absent(doc, "Posted"));
  EXPECT_TRUE(absent(doc, "Publicado"));
}

TEST(HtmlDrops, GalleryCountersViewerButtonsAndPageAddress) {
  const Document doc = extract_html(page_with(
      "<div><p>Image 1 of 5</p><p>Image 2 of 5</p><button>Close</button><p>Caption</p></div>"
      "<p>https://example.com/news/2019/river-town-opens-new-library-1234.php</p>"));
  EXPECT_TRUE(absent(doc, "Image 1"));
  EXPECT_TRUE(absent(doc, "Caption"));
  EXPECT_TRUE(absent(doc, "https://"));
}

TEST(HtmlDrops, PromosFootersAndCommentNoticeAtTheEnd) {
  const Document doc = extract_html(page_ending_with(
      "<p><em>Updated at 1:23 p.m.</em></p>"
      "<p>Email Ann Lee at ann@example.com or follow her @annlee. Follow us on Twitter.</p>"
      "<p>Join our forums to keep talking about libraries! And if you have a news tip, let us "
      "know.</p><p>ATENÇÃO: Comentários ofensivos não serão aprovados pelo moderador.</p>"
      "<p>The Courier 1 Main Street | 555-0100 tel | 555-0101 fax</p>"
      "<p>The contents of this site are \xC2\xA9 2024 Courier Publishing Ltd.</p>"));
  for (const char* clutter :
       {"Updated at", "Email Ann", "forums", "moderador", "555-0100", "contents of this site"}) {
    EXPECT_TRUE(absent(doc, clutter)) << clutter;
  }
  EXPECT_NE(body_of(doc).find("reading group for adults every month."), std::string::npos);
}

TEST(HtmlDrops, NewsletterPromoOpeningTheBody) {
  std::string html = page_with("");
  html.insert(html.find("<p>The new library"),
              "<p><strong>Start your day with the Morning Bell. Sign up for the free daily "
              "newsletter.</strong></p>");
  EXPECT_TRUE(absent(extract_html(html), "Morning Bell"));
}

TEST(HtmlDrops, HoverCardInsideASentence) {
  const Document doc = extract_html(page_with(
      "<p>The mayor, Rep. <span class=\"rollover\"><a href=/people/ann>Ann Lee</a><span "
      "class=\"card\"><span><img src=a.jpg><a href=/people/ann>Ann Lee</a><a href=/s1>Council "
      "approves riverside cycle path after vote</a> <a href=/s2>Harbour ferry to run through "
      "the night from June</a> <a href=/people/ann>MORE</a></span></span></span> (Ind.), cut "
      "the ribbon at ten o'clock in front of a crowd of two hundred people.</p>"));
  EXPECT_TRUE(has_block(doc,
                        "The mayor, Rep. Ann Lee (Ind.), cut the ribbon at ten o'clock in "
                        "front of a crowd of two hundred people."));
}

TEST(HtmlDrops, StandfirstPrintedTwiceIsReadOnce) {
  const std::string html =
      "<html><body><article><h1>River town opens new library</h1><div class=\"dek\">Three "
      "years of building and a long argument end with a queue.</div><div class=\"body\"><div "
      "class=\"abstract\">Three years of building and a long argument end with a queue.</div>" +
      test::page_with("").substr(test::page_with("").find("<p>The new library"));
  const Document doc = extract_html(html);
  const std::string body = body_of(doc);
  const std::size_t first = body.find("Three years of building");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(body.find("Three years of building", first + 1), std::string::npos);
}

// --- what stays ----------------------------------------------------------------------------

TEST(HtmlKeeps, StandfirstFromTheArticleHeader) {
  // The standfirst sits in the header, beside the h1, outside the container the body is in.
  std::string article = page_with("");
  article.erase(article.find("<h1>"), article.find("</h1>") + 5 - article.find("<h1>"));
  const std::string html =
      "<html><body><header class=\"article-header\"><h1>River town opens new library</h1><p "
      "class=\"standfirst\">After three years of building work, the doors opened on Saturday to "
      "a queue.</p></header>" +
      article.substr(article.find("<article>"));
  const Document doc = extract_html(html);
  EXPECT_EQ(doc.title, "River town opens new library");
  ASSERT_FALSE(doc.blocks.empty());
  EXPECT_EQ(doc.blocks[0].text,
            "After three years of building work, the doors opened on Saturday to a queue.");
}

TEST(HtmlKeeps, SentenceAroundALongLink) {
  const Document doc = extract_html(page_with(
      "<p><a href=/1>Council approves riverside cycle path after late-night vote</a>, the "
      "Courier reported, and work starts in May.</p>"));
  EXPECT_TRUE(has_block(doc,
                        "Council approves riverside cycle path after late-night vote, the "
                        "Courier reported, and work starts in May."));
  // The same link with only a few words of its own is a link, not a sentence.
  EXPECT_TRUE(absent(
      extract_html(page_with("<p><a href=/1>Council approves riverside cycle path after late-night "
                             "vote</a>, reported.</p>")),
      "riverside"));
}

TEST(HtmlKeeps, OneParagraphBoxesWithALink) {
  // Some pages put every paragraph in a card of its own; a card whose one sentence holds a
  // link is still running text, not a link box.
  std::string html = "<html><body><div class=\"story\"><h1>Water found on Europa</h1>";
  for (const char* paragraph :
       {"Scientists using a telescope in Hawaii have found water vapour above the surface of "
        "Europa, one of the moons of Jupiter, for the first time.",
        "Finding water vapour on Europa, he said, is the next best thing to liquid water.",
        "The discovery was announced in an article published on Monday in the <a "
        "href=/j>journal Nature Astronomy</a>.",
        "The team saw 2,360 kilograms of water vapour leave the moon every second, enough to "
        "fill a pool in minutes."}) {
    html += std::string("<div class=\"card collection-item\"><div class=\"card-content\"><p>") +
            paragraph + "</p></div></div>";
  }
  const Document doc = extract_html(html + "</div></body></html>");
  EXPECT_EQ(doc.blocks.size(), 4u);
  EXPECT_TRUE(has_block(doc,
                        "The discovery was announced in an article published on Monday "
                        "in the journal Nature Astronomy."));
}

TEST(HtmlKeeps, TableRowsWhateverTheirClassSays) {
  const Document doc = extract_html(page_with(
      "<table class=\"standings\"><tr class=\"colhead\"><td>Pos.</td><td>Driver</td><td>Points"
      "</td></tr><tr class=\"oddrow player-2020-580\"><td>1</td><td>Kyle Busch</td><td>5040</td>"
      "</tr><tr class=\"evenrow player-2020-416\"><td>2</td><td>Martin Truex Jr.</td><td>5035"
      "</td></tr></table>"));
  EXPECT_TRUE(has_block(doc, "1 Kyle Busch 5040"));
  EXPECT_TRUE(has_block(doc, "2 Martin Truex Jr. 5035"));
}

TEST(HtmlKeeps, ClosingParagraphThatMentionsSigningUp) {
  const Document doc = extract_html(page_ending_with(
      "<p>The council will decide in June whether to sign up to the regional library scheme, "
      "which would let readers borrow books from twelve towns.</p>"));
  EXPECT_NE(body_of(doc).find("whether to sign up to the regional library scheme"),
            std::string::npos);
}

TEST(HtmlKeeps, MarkupOverAnotherStorysJsonLdBody) {
  // JSON-LD is evidence: a body for some other story does not replace a good extraction.
  std::string html = page_with("");
  html.insert(html.find("</head>"),
              "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":"
              "\"" +
                  std::string(300, 'z') + " another story entirely.\"}</script>");
  const Document doc = extract_html(html);
  EXPECT_TRUE(absent(doc, "zzzz"));
  EXPECT_NE(body_of(doc).find("queued from early morning"), std::string::npos);
}

TEST(HtmlKeeps, TextLanguageOverATemplatesLang) {
  const std::string german =
      "<html lang=\"en\"><body><article><p>Die Stadt hat am Montag eine neue Bibliothek "
      "eröffnet, und die Besucher waren mit dem Gebäude sehr zufrieden, weil es auch für Kinder "
      "einen Raum gibt. Der Bürgermeister sagte, dass die Bibliothek nicht nur ein Ort für "
      "Bücher ist.</p></article></body></html>";
  EXPECT_EQ(extract_html(german).language, "de");
  // Agreeing evidence keeps the declared tag with its region.
  EXPECT_EQ(extract_html(page_with("")).language, "en");
  std::string british = page_with("");
  british.replace(british.find("lang=\"en\""), 9, "lang=\"en-GB\"");
  EXPECT_EQ(extract_html(british).language, "en-GB");
}

}  // namespace
}  // namespace narrate::extract
