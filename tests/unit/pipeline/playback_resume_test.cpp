// unit/pipeline/playback_resume_test.cpp - positions kept per article for --resume
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "narrate/resume.hpp"
#include "support/support.hpp"

namespace narrate {
namespace {

namespace fs = std::filesystem;

Document doc(const std::string& body) {
  Document document;
  document.title = "Title";
  document.blocks.push_back({BlockKind::Paragraph, body});
  return document;
}

/// Points XDG_STATE_HOME at a temporary directory for the test's lifetime.
class ResumeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* old = std::getenv("XDG_STATE_HOME")) saved_ = old;
    ::setenv("XDG_STATE_HOME", dir_.path().c_str(), 1);
  }
  void TearDown() override {
    if (saved_) {
      ::setenv("XDG_STATE_HOME", saved_->c_str(), 1);
    } else {
      ::unsetenv("XDG_STATE_HOME");
    }
  }
  test::TempDir dir_;
  std::optional<std::string> saved_;
};

TEST_F(ResumeTest, KeysFollowTheSourceAndTheText) {
  const std::string key = article_key("article.txt", doc("Body."));
  EXPECT_EQ(key.size(), 16u);
  EXPECT_EQ(key, article_key("article.txt", doc("Body.")));
  EXPECT_EQ(key, article_key(fs::absolute("article.txt").string(), doc("Body.")))
      << "a relative path names the same file as its absolute form";
  EXPECT_NE(key, article_key("other.txt", doc("Body.")));
  EXPECT_NE(key, article_key("article.txt", doc("Body, edited.")));
  EXPECT_NE(article_key("https://example.org/a", doc("Body.")),
            article_key("https://example.org/b", doc("Body.")));
}

TEST_F(ResumeTest, ContentKeyFollowsTheTextAlone) {
  const std::string key = content_key(doc("Body."));
  EXPECT_EQ(key.size(), 16u);
  EXPECT_EQ(key, content_key(doc("Body.")));
  EXPECT_NE(key, content_key(doc("Body, edited.")));
  // Never equal to a source's key: the two kinds of file cannot be confused.
  EXPECT_NE(key, article_key("-", doc("Body.")));
  EXPECT_NE(key, article_key("article.txt", doc("Body.")));
}

TEST_F(ResumeTest, SavesLoadsAndForgets) {
  EXPECT_EQ(resume_dir(), dir_.path() / "narrate" / "positions");
  const std::string key = article_key("-", doc("Body."));
  EXPECT_FALSE(load_resume_point(key));
  ASSERT_TRUE(save_resume_point(key, ResumePoint{7, 20, "-"}));
  const auto point = load_resume_point(key);
  ASSERT_TRUE(point);
  EXPECT_EQ(point->sentence, 7u);
  EXPECT_EQ(point->sentences, 20u);
  EXPECT_EQ(point->source, "-");
  struct stat info {};
  ASSERT_EQ(::stat(resume_dir().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 077, 0u) << "private to the user";
  ASSERT_TRUE(save_resume_point(key, ResumePoint{8, 20, "-"}));
  EXPECT_EQ(load_resume_point(key)->sentence, 8u);
  forget_resume_point(key);
  EXPECT_FALSE(load_resume_point(key));
}

TEST_F(ResumeTest, DamagedFilesReadAsNothing) {
  const std::string key = article_key("x", doc("y"));
  fs::create_directories(resume_dir());
  test::write_file(resume_dir() / (key + ".json"), "{\"sentence\": \"seven\"");
  EXPECT_FALSE(load_resume_point(key));
}

TEST_F(ResumeTest, WithoutAnyHomeNothingIsSaved) {
  ::unsetenv("XDG_STATE_HOME");
  const std::string home = std::getenv("HOME") != nullptr ? std::getenv("HOME") : "";
  ::unsetenv("HOME");
  EXPECT_TRUE(resume_dir().empty());
  EXPECT_FALSE(save_resume_point("0123456789abcdef", ResumePoint{1, 2, "x"}));
  if (!home.empty()) ::setenv("HOME", home.c_str(), 1);
}

}  // namespace
}  // namespace narrate
