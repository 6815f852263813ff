// unit/extract/samples_test.cpp - the project's sample articles and the seed page, end to end
#include <gtest/gtest.h>

#include <filesystem>

#include "extract/extract.hpp"
#include "support/support.hpp"
#include "test_helpers.hpp"

namespace narrate::extract {
namespace {

using test::body_of;

void expect_absent(const std::string& body, std::initializer_list<const char*> clutter) {
  for (const char* text : clutter) EXPECT_EQ(body.find(text), std::string::npos) << text;
}

void expect_present(const std::string& body, std::initializer_list<const char*> sentences) {
  for (const char* text : sentences) EXPECT_NE(body.find(text), std::string::npos) << text;
}

TEST(Samples, CityCouncilPage) {
  const Document doc = extract_html(test::read_file(test::sample("news-city-council.html")));
  EXPECT_EQ(doc.title, "Council approves new riverside cycle path after late-night vote");
  EXPECT_EQ(doc.byline, "Priya Natarajan");
  EXPECT_EQ(doc.language, "en-GB");
  const std::string body = body_of(doc);
  expect_present(body, {"The 4.2-kilometre route along the River Wend", "It was close.",
                        "Mr. Daniel Okafor", "the U.S. before", "Traders fear lost parking",
                        "before 7 a.m.", "twelve short-stay parking spaces", "nobody asked us",
                        "Dr. Amira Haddad", "road closures in the summer."});
  expect_absent(body, {"cookies", "Advertisement", "Facebook", "Listen", "Select Voice",
                       "towpath near Mill Street will be widened", "Photo:", "Bus fares", "Sign up",
                       "inbox", "Finally!", "Most popular", "Flood warning", "All rights reserved",
                       "Local politics", "By Priya"});
}

TEST(Samples, SciencePage) {
  const Document doc = extract_html(test::read_file(test::sample("news-science.html")));
  EXPECT_EQ(doc.title, "Deep-sea microbes found living on a diet of hydrogen");
  EXPECT_EQ(doc.byline, "Jonas Lindqvist");
  EXPECT_EQ(doc.language, "en");
  const std::string body = body_of(doc);
  expect_present(
      body, {"Samples taken 3.6 kilometres below the Atlantic", "said Dr. Lena Ferreira",
             "How the samples were taken", "from a U.S. research vessel", "which genes were active",
             "about 0.8 micrograms", "Mr. Arjun Mehta",
             "return to the site next year with a longer drill.", "Atlantic Research Council."});
  expect_absent(body, {"cookie", "Home", "Technology", "Choose your listening speed", "Average",
                       "Tweet", "Copy link", "hydrothermal chimney", "Image:", "Subscribe",
                       "Oceans", "inbox", "Whale songs", "You may also like", "14 comments",
                       "Trending", "Copyright", "By Jonas", "Council.1"});
  // The pull quote repeats the body: it is said once, not twice.
  const auto first = body.find("Every gram of rock");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(body.find("Every gram of rock", first + 1), std::string::npos);
}

TEST(Samples, CopiedHarbourPage) {
  const Document doc = clean_copied_text(test::read_file(test::sample("copied-page-harbour.txt")));
  EXPECT_EQ(doc.title, "Harbour ferry service to run through the night from June");
  ASSERT_GE(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::ListItem);
  const std::string body = body_of(doc);
  expect_present(body, {"every 40 minutes after midnight", "at 11.45 p.m. leaves them stranded",
                        "said Mr. Tomas Reyes", "Dr. Ingrid Solberg",
                        "The advertisement campaign for the new timetable will begin in May.",
                        "The old night boats", "Harbour Workers’ Union."});
  expect_absent(
      body, {"Menu", "Advertisement\n", "Reading Time", "Why you can trust",
             "Photo:", "Illustration:", "crewed by volunteers", "Share this", "Facebook", "Sign up",
             "Most popular", "Lighthouse", "Select Voice", "WPM", "1.25x", "Slow", "Average"});
  EXPECT_EQ(body.find("\n\nFast"), std::string::npos);
}

TEST(Samples, BlogPageWithTableAndComments) {
  const Document doc = extract_html(test::read_file(test::sample("blog-allotment-diary.html")));
  EXPECT_EQ(doc.title, "Lifting the first potatoes");
  EXPECT_EQ(doc.byline, "Sam Carter");
  EXPECT_EQ(doc.language, "en-GB");
  const std::string body = body_of(doc);
  expect_present(body, {"The first earlies went in on the 21st of March", "It was worth the wait.",
                        "for £4.50 a bag. Each row", "What came up",
                        "Charlotte 21 March 29 June "
                        "11.2 kg",
                        "Pink Fir Apple 4 April not yet", "firm, waxy", "chit the seed potatoes",
                        "Potatoes do not need a clever gardener.", "add it to the table."});
  expect_absent(body, {"cookies",
                       "Skip to content",
                       "Plot 14",
                       "Home",
                       "Listen to this post",
                       "1.25x",
                       "Posted on",
                       "shed roof",
                       "Advertisement",
                       "Raised beds",
                       "buy online",
                       "Share this",
                       "Facebook",
                       "Related",
                       "Planting the earlies",
                       "slugs",
                       "The shop opens",
                       "Posted in",
                       "Tagged",
                       "3 Comments",
                       "Previous post",
                       "courgettes",
                       "thoughts on",
                       "Told you",
                       "scab too",
                       "blackbirds",
                       "Leave a Reply",
                       "Recent Posts",
                       "Enter your email",
                       "Proudly powered",
                       "a bag.1"});
  for (const Block& block : doc.blocks) {
    if (block.text == "What came up") {
      EXPECT_EQ(block.kind, BlockKind::Heading);
    }
    if (block.text.starts_with("Potatoes do not")) {
      EXPECT_EQ(block.kind, BlockKind::Quote);
    }
    if (block.text.starts_with("chit")) {
      EXPECT_EQ(block.kind, BlockKind::ListItem);
    }
  }
}

TEST(Samples, CopiedMagazinePage) {
  const Document doc =
      clean_copied_text(test::read_file(test::sample("copied-page-valley-review.txt")));
  EXPECT_EQ(doc.title, "The river that learned to flood again");
  EXPECT_EQ(doc.byline, "Ana Lima");
  EXPECT_EQ(doc.language, "en");
  ASSERT_FALSE(doc.blocks.empty());
  EXPECT_TRUE(doc.blocks[0].text.starts_with("Engineers spent a century"));  // the standfirst
  const std::string body = body_of(doc);
  expect_present(body, {"did what it was told.", "it did so on purpose.", "said Dr. Mei Tanaka",
                        "Why the bends matter", "2.6 kilometres longer", "€4.1 million",
                        "to store water in the soil", "The newsletter the board sends",
                        "in the comments they sent to the board", "40 centimetres lower",
                        "two of the Wend's tributaries."});
  expect_absent(body, {"Skip to",       "Sign in",
                       "Opinion",       "Search",
                       "Climate\n",     "Published",
                       "6 min read",    "Listen",
                       "Photograph:",   "A meadow near Oldmill",
                       "ADVERTISEMENT", "Advertisement",
                       "Related:",      "Long Read",
                       "inbox",         "Enter your email",
                       "Privacy",       "Topics",
                       "Flooding",      "Facebook",
                       "Most viewed",   "stilts",
                       "Comments (34)", "riverwatcher",
                       "grandfather",   "Reply",
                       "\xC2\xA9",      "Cookie",
                       "Terms of use"});
  // The pull quote repeats the body: it is said once.
  const auto first = body.find("lending them to the river");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(body.find("lending them to the river", first + 1), std::string::npos);
}

TEST(Seed, CopiedScmpPage) {
  const std::filesystem::path seed =
      std::filesystem::path(NARRATE_SHARED_DIR) / "data/seed/copied-page-scmp.txt";
  if (!std::filesystem::exists(seed)) GTEST_SKIP() << "seed text absent: " << seed;
  const Document doc = clean_copied_text(test::read_file(seed));
  EXPECT_EQ(doc.title,
            "China-US relations: senior Beijing diplomat says he is ready to talk to Washington "
            "leaders any time");
  ASSERT_EQ(doc.blocks.size(), 10u);
  EXPECT_TRUE(doc.blocks[0].text.starts_with("Le Yucheng, China’s foreign vice-minister, says"));
  EXPECT_TRUE(doc.blocks[1].text.starts_with("Sanctions against Chinese officials"));
  EXPECT_TRUE(doc.blocks[2].text.starts_with("A senior Chinese diplomat called for efforts"));
  EXPECT_TRUE(doc.blocks[9].text.ends_with("between the two foreign ministries,” he said."));
  const std::string body = body_of(doc);
  for (const char* clutter : {"Advertisement", "Reading Time", "Why you can trust",
                              "Photo:", "Illustration:", "Select Voice", "listening speed",
                              "2x faster", "1.25x", "WPM", "Slow", "Average", "Fast"}) {
    EXPECT_EQ(body.find(clutter), std::string::npos) << clutter;
  }
  EXPECT_EQ(doc.language, "en");
}

}  // namespace
}  // namespace narrate::extract
