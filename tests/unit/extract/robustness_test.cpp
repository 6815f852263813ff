// unit/extract/robustness_test.cpp - pathological pages: deep, truncated, empty, binary, huge
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "extract/extract.hpp"
#include "test_helpers.hpp"

namespace narrate::extract {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(Robustness, HundredThousandNestedElements) {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "<p>Deep text at the bottom of the page, with enough words to be prose.</p>";
  const auto start = std::chrono::steady_clock::now();
  const Document doc = extract_html(html);
  EXPECT_LT(seconds_since(start), 5.0);
  EXPECT_NE(test::body_of(doc).find("Deep text at the bottom"), std::string::npos);
}

TEST(Robustness, NestedInlineAndUnclosedTags) {
  std::string html = "<html><body><p>";
  for (int i = 0; i < 50000; ++i) html += "<b><i><a href=x>";
  html += "word";
  const auto start = std::chrono::steady_clock::now();
  EXPECT_NO_THROW(extract_html(html));
  EXPECT_LT(seconds_since(start), 5.0);
}

TEST(Robustness, TruncatedHtml) {
  const std::string full = test::page_with("");
  for (std::size_t cut = 0; cut < full.size(); cut += 7) {
    EXPECT_NO_THROW(extract_html(full.substr(0, cut)));
  }
  EXPECT_NO_THROW(extract_html("<html><body><p>text <a href=\"unclosed"));
  EXPECT_NO_THROW(extract_html("<script>never closed"));
  EXPECT_NO_THROW(extract_html("<!-- never closed"));
}

TEST(Robustness, EmptyInputs) {
  EXPECT_TRUE(extract_html("").blocks.empty());
  EXPECT_TRUE(extract_html("<html></html>").blocks.empty());
  EXPECT_TRUE(clean_copied_text("").blocks.empty());
  EXPECT_TRUE(clean_copied_text("\n\n \n").blocks.empty());
}

TEST(Robustness, BinaryJunk) {
  std::mt19937 random(42);
  std::string junk(200000, '\0');
  for (char& c : junk) c = static_cast<char>(random() & 0xFF);
  EXPECT_NO_THROW(extract_html(junk));
  EXPECT_NO_THROW(clean_copied_text(junk));
  // Junk with many '<' to stress the tag scanner.
  for (std::size_t i = 0; i < junk.size(); i += 3) junk[i] = '<';
  EXPECT_NO_THROW(extract_html(junk));
}

TEST(Robustness, FiftyMegabytePage) {
  std::string html = "<html><body><article>";
  const std::string para =
      "<p>A paragraph of an enormous page, repeated many times, with commas, words and more.</p>";
  while (html.size() < (50u << 20)) html += para;
  const auto start = std::chrono::steady_clock::now();
  const Document doc = extract_html(html);
  EXPECT_LT(seconds_since(start), 60.0);
  EXPECT_GT(doc.blocks.size(), 1000u);
}

TEST(Robustness, DeepJsonLd) {
  std::string json = "<html><head><script type=\"application/ld+json\">";
  for (int i = 0; i < 20000; ++i) json += "[";
  json += "</script></head><body><p>text</p></body></html>";
  EXPECT_NO_THROW(extract_html(json));
}

}  // namespace
}  // namespace narrate::extract
