// e2e/cli_test.cpp - the narrate binary on samples/: text outputs, options, bad input
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/support.hpp"
#include "unit/extract/front_pages.hpp"

namespace narrate::test {
namespace {

namespace fs = std::filesystem;

// Each sample article with its expected outputs: samples/<stem>.<ext>, <stem>.extract.txt,
// <stem>.sentences.txt (regenerate with tools/update-golden.sh, then review the diff).
std::vector<fs::path> sample_articles() {
  std::vector<fs::path> articles;
  for (const auto& entry : fs::directory_iterator(NARRATE_SAMPLES_DIR)) {
    const fs::path& path = entry.path();
    const std::string name = path.filename().string();
    if (name.find(".extract.") != std::string::npos ||
        name.find(".sentences.") != std::string::npos) {
      continue;
    }
    if (path.extension() == ".html" || path.extension() == ".txt") articles.push_back(path);
  }
  std::sort(articles.begin(), articles.end());
  return articles;
}

fs::path expected_file(const fs::path& article, const std::string& kind) {
  return article.parent_path() / (article.stem().string() + "." + kind + ".txt");
}

// An error is one line on stderr starting with "narrate: ".
void expect_one_error_line(const RunResult& result) {
  ASSERT_FALSE(result.err.empty());
  EXPECT_EQ(result.err.rfind("narrate: ", 0), 0u) << result.err;
  EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << "more than one line: " << result.err;
}

TEST(Cli, HelpAndVersion) {
  const RunResult help = run_narrate({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* option : {"--speed", "--extract", "--sentences", "--list-voices", "--voice",
                             "--format", "--subtitles", "Exit codes"}) {
    EXPECT_NE(help.out.find(option), std::string::npos) << option;
  }
  const RunResult version = run_narrate({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("narrate ", 0), 0u);
  EXPECT_NE(version.out.find("eSpeak NG"), std::string::npos);
}

TEST(Cli, SamplesExist) { EXPECT_GE(sample_articles().size(), 4u); }

TEST(Cli, ExtractMatchesExpectedForEverySample) {
  for (const fs::path& article : sample_articles()) {
    const fs::path expected = expected_file(article, "extract");
    ASSERT_TRUE(fs::exists(expected)) << expected;
    const RunResult result = run_narrate({"--extract", article.string()});
    EXPECT_EQ(result.exit_code, 0) << article << ": " << result.err;
    EXPECT_EQ(result.out, read_file(expected)) << article;
  }
}

TEST(Cli, SentencesMatchExpectedForEverySample) {
  for (const fs::path& article : sample_articles()) {
    const fs::path expected = expected_file(article, "sentences");
    ASSERT_TRUE(fs::exists(expected)) << expected;
    const RunResult result = run_narrate({"--sentences", article.string()});
    EXPECT_EQ(result.exit_code, 0) << article << ": " << result.err;
    EXPECT_EQ(result.out, read_file(expected)) << article;
  }
}

TEST(Cli, ExtractBodyAndJson) {
  const fs::path article = sample("plain-lighthouse.txt");
  const RunResult text = run_narrate({"--extract", article.string()});
  const RunResult body = run_narrate({"--extract=body", article.string()});
  const RunResult json = run_narrate({"--extract=json", article.string()});
  ASSERT_EQ(text.exit_code, 0);
  ASSERT_EQ(body.exit_code, 0);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  // text = title, blank line, body.
  EXPECT_EQ(text.out, "The Lighthouse Keepers Who Stayed\n\n" + body.out);
  const auto parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed["title"], "The Lighthouse Keepers Who Stayed");
  EXPECT_EQ(parsed["language"], "en");
  ASSERT_GE(parsed["paragraphs"].size(), 6u);
  EXPECT_EQ(parsed["paragraphs"][0]["kind"], "paragraph");
}

TEST(Cli, StdinAndFormatOverride) {
  const fs::path html = sample("news-city-council.html");
  const RunResult from_file = run_narrate({"--extract", html.string()});
  const RunResult from_stdin = run_narrate({"--extract", "-"}, html.string());
  EXPECT_EQ(from_stdin.exit_code, 0) << from_stdin.err;
  EXPECT_EQ(from_stdin.out, from_file.out);
  // Forced to text, the markup is not parsed, so the tags show up in the output.
  const RunResult as_text = run_narrate({"--format", "text", "--extract", "-"}, html.string());
  EXPECT_NE(as_text.out.find("<p"), std::string::npos);
}

TEST(Cli, SeedCopiedPageLosesItsClutter) {
  const fs::path seed = fs::path(NARRATE_SHARED_DIR) / "data/seed/copied-page-scmp.txt";
  if (!fs::exists(seed)) GTEST_SKIP() << "../shared is absent: " << seed;
  const RunResult result = run_narrate({"--extract", seed.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* clutter : {"Advertisement", "Reading Time", "Why you can trust",
                              "Photo: Reuters", "Illustration: Shutterstock", "Select Voice",
                              "Choose your listening speed", "250 WPM", "Get through articles"}) {
    EXPECT_EQ(result.out.find(clutter), std::string::npos) << clutter;
  }
  EXPECT_EQ(result.out.rfind("China-US relations: senior Beijing diplomat", 0), 0u);
  EXPECT_NE(result.out.find("Dialogue should not be put on hold."), std::string::npos);
  EXPECT_NE(result.out.find("Le did not mention the upcoming US presidential election"),
            std::string::npos);
}

TEST(Cli, ListVoicesShowsProjectVoicesFirst) {
  const RunResult result = run_narrate({"--list-voices"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // A header line, then narrate's own voices.
  EXPECT_EQ(result.out.rfind("VOICE", 0), 0u) << result.out;
  const std::size_t header_end = result.out.find('\n');
  const std::size_t first_line_end = result.out.find('\n', header_end + 1);
  ASSERT_NE(first_line_end, std::string::npos);
  EXPECT_NE(result.out.substr(header_end, first_line_end - header_end).find("[narrate]"),
            std::string::npos);
  EXPECT_NE(result.out.find("en-us"), std::string::npos);
  EXPECT_GT(std::count(result.out.begin(), result.out.end(), '\n'), 50);
}

struct BadCase {
  std::string name;
  std::vector<std::string> args;
  int exit_code;
  std::string message_part;
};

class BadInput : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(BadInput, EachGetsOneLineAndItsExitCode) {
  write_file(dir_ / "empty.txt", "");
  write_file(dir_ / "blank.txt", "  \n\n \t\n");
  write_file(dir_ / "binary.bin", std::string("\x7f"
                                              "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                              16) +
                                      std::string(200, '\0'));
  write_file(dir_ / "bad-utf8.txt",
             "Caf\xC3\xA9 is fine but this \xC3\x28 and \xE2\x82 are not.\n");
  write_file(dir_ / "index.html",
             "<html><body><nav><a href=/a>Home</a> <a href=/b>World</a> <a href=/c>Sport</a>"
             "</nav><footer>(c) 2026</footer></body></html>");
  const std::string article = sample("plain-lighthouse.txt").string();
  const std::vector<BadCase> cases = {
      {"missing file", {(dir_ / "nope.txt").string()}, 3, "nope.txt"},
      {"directory", {dir_.path().string()}, 3, dir_.path().string()},
      {"empty file", {(dir_ / "empty.txt").string()}, 3, "empty"},
      {"blank file", {(dir_ / "blank.txt").string()}, 3, "whitespace"},
      {"binary", {(dir_ / "binary.bin").string()}, 3, "binary"},
      {"no article", {"--extract", (dir_ / "index.html").string()}, 4, "no article"},
      {"unknown voice",
       {"-v", "klingon-xx", "-o", (dir_ / "a.wav").string(), article},
       5,
       "klingon-xx"},
      {"speed fastest",
       {"--speed", "fastest", "-o", (dir_ / "a.wav").string(), article},
       2,
       "fastest"},
      {"speed 0x", {"--speed", "0x", "-o", (dir_ / "a.wav").string(), article}, 2, "0x"},
      {"speed 9000wpm",
       {"--speed", "9000wpm", "-o", (dir_ / "a.wav").string(), article},
       2,
       "9000wpm"},
      {"missing output dir", {"-o", (dir_ / "no/such/dir/a.wav").string(), article}, 6, "a.wav"},
      {"unknown extension", {"-o", (dir_ / "a.xyz").string(), article}, 2, ".xyz"},
      {"unknown option", {"--frobnicate", article}, 2, "frobnicate"},
      {"bad extract mode", {"--extract=yaml", article}, 2, "yaml"},
      {"no source", {}, 2, "SOURCE"},
      {"unknown scheme", {"ftp://127.0.0.1/a.html"}, 3, "ftp"},
  };
  for (const BadCase& bad : cases) {
    SCOPED_TRACE(bad.name);
    const RunResult result = run_narrate(bad.args);
    EXPECT_EQ(result.exit_code, bad.exit_code) << result.err;
    expect_one_error_line(result);
    EXPECT_NE(result.err.find(bad.message_part), std::string::npos) << result.err;
    EXPECT_TRUE(result.out.empty()) << result.out;
  }
  // Nothing half-written anywhere: only the inputs this test wrote are in the directory.
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    left.push_back(entry.path().filename().string());
  }
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"bad-utf8.txt", "binary.bin", "blank.txt", "empty.txt",
                                            "index.html"}));
}

TEST(Cli, DamagedUtf8IsReadWithOneWarningLine) {
  // Browsers show a UTF-8 page with a stray Latin-1 byte; narrate reads it and says so once.
  TempDir dir;
  write_file(dir / "bad-utf8.txt",
             "Caf\xC3\xA9 is fine but this caf\xE9 is Latin-1 and \xE2\x82 is cut short.\n");
  const RunResult result = run_narrate({"--extract=body", (dir / "bad-utf8.txt").string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Caf\u00e9 is fine but this caf\u00e9 is Latin-1"), std::string::npos)
      << result.out;
  expect_one_error_line(result);
  EXPECT_NE(result.err.find("warning"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("invalid UTF-8 at byte 26"), std::string::npos) << result.err;
}

TEST(Cli, FrontPageIsNoArticle) {
  // A news front page of linked teasers: narrate says there is no article instead of reading
  // the teasers.
  TempDir dir;
  write_file(dir / "front.html", news_front_page());
  const RunResult result = run_narrate({"--extract", (dir / "front.html").string()});
  EXPECT_EQ(result.exit_code, 4) << result.out;
  expect_one_error_line(result);
  EXPECT_NE(result.err.find("no article"), std::string::npos) << result.err;
}

TEST(Cli, SentencesFromStdinOnePerLine) {
  TempDir dir;
  write_file(dir / "in.txt",
             "Mr. Smith arrived at 10 a.m. on Monday. He met Dr. Jones.\n\nThe U.S. team won "
             "3.5 points.");
  const RunResult result =
      run_narrate({"--format", "text", "--sentences", "-"}, (dir / "in.txt").string());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "Mr. Smith arrived at 10 a.m. on Monday.\nHe met Dr. Jones.\nThe U.S. team won 3.5 "
            "points.\n");
}

}  // namespace
}  // namespace narrate::test
