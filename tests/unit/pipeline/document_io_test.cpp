// pipeline/document_io_test.cpp - word counting and the --extract renderings
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "narrate/narrate.hpp"

namespace narrate {
namespace {

Document sample_document() {
  Document document;
  document.title = "Harbour reopens";
  document.byline = "A. Writer";
  document.language = "en";
  document.blocks = {{BlockKind::Paragraph, "The port opened at 6 a.m. \xE2\x80\x94 on time."},
                     {BlockKind::Heading, "What comes next"},
                     {BlockKind::ListItem, "Ferries, 3 a day"}};
  return document;
}

TEST(CountWords, TokensNeedALetterOrDigit) {
  Document document;
  document.title = "One two";
  document.blocks = {{BlockKind::Paragraph, "three \xE2\x80\x94 - 4 caf\xC3\xA9 \xE2\x80\x9C ..."}};
  // "—", "-", "“" and "..." have no letter or digit; "4" and "café" do.
  EXPECT_EQ(count_words(document), 5u);
}

TEST(CountWords, CountsTitleAndEveryBlock) {
  EXPECT_EQ(count_words(sample_document()), 2u + 8u + 3u + 4u);
}

TEST(DocumentText, TitleBlankLineThenBlocks) {
  EXPECT_EQ(document_text(sample_document(), true),
            "Harbour reopens\n\nThe port opened at 6 a.m. \xE2\x80\x94 on time.\n\nWhat comes "
            "next\n\nFerries, 3 a day\n");
  EXPECT_EQ(document_text(sample_document(), false).rfind("The port", 0), 0u);
}

TEST(DocumentJson, CarriesTitleBylineLanguageAndTypedBlocks) {
  const auto json = nlohmann::json::parse(document_json(sample_document()));
  EXPECT_EQ(json["title"], "Harbour reopens");
  EXPECT_EQ(json["byline"], "A. Writer");
  EXPECT_EQ(json["language"], "en");
  ASSERT_EQ(json["paragraphs"].size(), 3u);
  EXPECT_EQ(json["paragraphs"][1]["kind"], "heading");
  EXPECT_EQ(json["paragraphs"][2]["kind"], "list_item");
  EXPECT_EQ(json["paragraphs"][0]["text"], "The port opened at 6 a.m. \xE2\x80\x94 on time.");
}

}  // namespace
}  // namespace narrate
