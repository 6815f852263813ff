// unit/extract/index_page_test.cpp - front pages, section pages and blog indexes yield no article
#include <gtest/gtest.h>

#include "extract/extract.hpp"
#include "front_pages.hpp"
#include "test_helpers.hpp"

namespace narrate::extract {
namespace {

// No blocks is what makes the CLI exit 4 ("no article text found") instead of reading teasers.
void expect_no_article(const std::string& html, const char* layout) {
  const Document doc = extract_html(html);
  EXPECT_TRUE(doc.blocks.empty()) << layout << " gave:\n" << test::body_of(doc);
}

TEST(IndexPage, NewsFrontPageOfCards) {
  expect_no_article(test::news_front_page(), "news front page");
}

TEST(IndexPage, BlogHomeWithExcerpts) { expect_no_article(test::blog_index_page(), "blog index"); }

TEST(IndexPage, SectionPageOfPlainDivs) { expect_no_article(test::section_page(), "section"); }

TEST(IndexPage, HeadlinesOnly) { expect_no_article(test::headlines_page(), "headlines"); }

TEST(IndexPage, MagazineWithLeadStoryAndGrid) {
  expect_no_article(test::magazine_front_page(), "magazine");
}

TEST(IndexPage, ArticleAmongTeasersIsStillAnArticle) {
  // An article page that ends with a grid of "more stories" cards: the article is read, the
  // cards are not.
  std::string html = test::page_with("");
  std::string cards = "<div class=\"more\">";
  for (std::size_t i = 0; i < 6; ++i) {
    const test::Teaser& teaser = test::teasers()[i];
    cards += std::string("<div class=\"card\"><h3><a href=/s>") + teaser.headline + "</a></h3><p>" +
             teaser.summary + "</p></div>";
  }
  html.insert(html.find("</body>"), cards + "</div>");
  const Document doc = extract_html(html);
  ASSERT_EQ(doc.blocks.size(), 3u) << test::body_of(doc);
  EXPECT_TRUE(test::absent(doc, "councillors decided"));
}

TEST(IndexPage, ShortArticleBesideManyHeadlinesWhenThePageSaysArticle) {
  // A brief of two sentences next to a long "latest news" list is an article when the page
  // declares one (og:type) or its markup does (an <article> with its h1); the same two
  // sentences loose beside the list read as a front page's welcome line.
  const std::string sentences =
      "<p>The suspension bridge will close from 8 p.m. for an inspection. It reopens at 6 a.m."
      "</p>";
  std::string latest = "<div class=\"latest\"><h2>Latest</h2><ul>";
  for (const test::Teaser& teaser : test::teasers()) {
    latest += std::string("<li><a href=/s>") + teaser.headline + "</a></li>";
  }
  latest += "</ul></div>";
  const std::string og_article = "<head><meta property=\"og:type\" content=\"article\"></head>";
  for (const std::string& html :
       {"<html>" + og_article + "<body><div>" + sentences + "</div>" + latest + "</body></html>",
        "<html><body><article><h1>Bridge closed tonight</h1>" + sentences + "</article>" + latest +
            "</body></html>"}) {
    const Document doc = extract_html(html);
    ASSERT_EQ(doc.blocks.size(), 1u) << html;
    EXPECT_EQ(doc.blocks[0].text,
              "The suspension bridge will close from 8 p.m. for an "
              "inspection. It reopens at 6 a.m.");
  }
  EXPECT_TRUE(extract_html("<html><body><div>" + sentences + "</div>" + latest + "</body></html>")
                  .blocks.empty());
}

// A list article: linked item names over short descriptions, like a front page's cards.
std::string list_article(const std::string& head, bool article_element) {
  std::string html =
      "<html><head><title>Twelve stories of the valley</title>" + head + "</head><body>" +
      (article_element ? "<article>" : "<div>") +
      "<h1>Twelve stories of the valley</h1><p>The valley had a busy year. These are "
      "the stories our readers followed most closely, with a line on each.</p>";
  for (const test::Teaser& teaser : test::teasers()) {
    html += std::string("<div class=\"item\"><h3><a href=\"https://elsewhere.example/\">") +
            teaser.headline + "</a></h3><p>" + teaser.summary + "</p></div>";
  }
  return html + (article_element ? "</article>" : "</div>") + "</body></html>";
}

TEST(IndexPage, ListArticleIsAnArticle) {
  // The page says so (og:type), or its markup does (an <article> with its headline).
  for (const std::string& html :
       {list_article("<meta property=\"og:type\" content=\"article\">", false),
        list_article("", true)}) {
    const Document doc = extract_html(html);
    EXPECT_EQ(doc.blocks.size(), 1 + test::teasers().size()) << test::body_of(doc);
    EXPECT_TRUE(test::has_block(doc, test::teasers().back().summary));
  }
  // Saying nothing, the same page reads as a front page.
  EXPECT_TRUE(extract_html(list_article("", false)).blocks.empty());
}

TEST(IndexPage, DeclaredBodyWinsOverATeaserShell) {
  // A page rendered by script: the markup holds only teasers, the JSON-LD holds the story.
  std::string html = test::news_front_page();
  const std::string body(700, 'w');
  html.insert(html.find("</head>"),
              "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":\"" +
                  body + ".\"}</script>");
  const Document doc = extract_html(html);
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].text, body + ".");
}

}  // namespace
}  // namespace narrate::extract
