// input/sniff_test.cpp - sniff_media_type: content type, extension, then the text itself
#include <gtest/gtest.h>

#include "input/load.hpp"

namespace narrate::input {
namespace {

TEST(Sniff, ContentTypeSaysHtml) {
  EXPECT_EQ(sniff_media_type("plain words", "", "text/html; charset=utf-8"), MediaType::Html);
  EXPECT_EQ(sniff_media_type("plain words", "", "Application/XHTML+xml"), MediaType::Html);
  EXPECT_EQ(sniff_media_type("plain words", "", "text/plain"), MediaType::Text);
}

TEST(Sniff, ExtensionSaysHtml) {
  EXPECT_EQ(sniff_media_type("plain words", "saved/Article.HTM", ""), MediaType::Html);
  EXPECT_EQ(sniff_media_type("plain words", "a.xhtml", ""), MediaType::Html);
  EXPECT_EQ(sniff_media_type("plain words", "https://x.test/news/story.html?ref=rss#top", ""),
            MediaType::Html);
  EXPECT_EQ(sniff_media_type("plain words", "https://x.test/story.txt?as=.html", ""),
            MediaType::Text);
  EXPECT_EQ(sniff_media_type("plain words", "notes.txt", ""), MediaType::Text);
}

TEST(Sniff, DocumentStart) {
  EXPECT_EQ(sniff_media_type("<!DOCTYPE html>\n<title>x</title>", "", ""), MediaType::Html);
  EXPECT_EQ(sniff_media_type("\n  <html lang=en>", "", ""), MediaType::Html);
  EXPECT_EQ(sniff_media_type("<HEAD><title>x</title>", "", ""), MediaType::Html);
  EXPECT_EQ(sniff_media_type("<body>", "", ""), MediaType::Html);
  EXPECT_EQ(
      sniff_media_type("<?xml version=\"1.0\"?>\n<!-- saved by a browser -->\n<html>", "", ""),
      MediaType::Html);
  EXPECT_EQ(sniff_media_type("\xEF\xBB\xBF<html>", "", ""), MediaType::Html);
  // A word that merely starts like a tag is not one.
  EXPECT_EQ(sniff_media_type("<htmlish> is not a tag we know", "", ""), MediaType::Text);
}

TEST(Sniff, FragmentWithSeveralTags) {
  EXPECT_EQ(
      sniff_media_type("<div class=story><p>First <a href=\"/x\">link</a>.</p></div>", "", ""),
      MediaType::Html);
}

TEST(Sniff, ProseMentioningATagIsText) {
  EXPECT_EQ(
      sniff_media_type("Use the <div> element sparingly, and the <p> element for text.", "", ""),
      MediaType::Text);
  EXPECT_EQ(sniff_media_type("Headline\n\nBy A. Writer\n\nAdvertisement\n\nThe body.", "", ""),
            MediaType::Text);
  EXPECT_EQ(sniff_media_type("", "", ""), MediaType::Text);
}

}  // namespace
}  // namespace narrate::input
