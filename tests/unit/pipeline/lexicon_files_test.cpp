// pipeline/lexicon_files_test.cpp - lexicon files read within limits, with clear messages
#include "pipeline/lexicon_files.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "narrate/error.hpp"
#include "support/support.hpp"

namespace narrate::pipeline {
namespace {

// The message of the Error(Usage) load_lexicon throws for `path` ("" when it throws none).
std::string load_error(const std::string& path) {
  try {
    load_lexicon(path);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Usage) << e.what();
    return e.what();
  }
  return "";
}

TEST(LexiconFiles, ReadsAFileAndNamesMalformedLines) {
  test::TempDir dir;
  test::write_file(dir / "lex.txt", "Beijing = bay jing\n");
  EXPECT_EQ(load_lexicon((dir / "lex.txt").string()).size(), 1u);
  test::write_file(dir / "bad.txt", "ok = fine\n\nbroken\n");
  EXPECT_EQ(load_error((dir / "bad.txt").string()),
            (dir / "bad.txt").string() + ":3: expected 'written = spoken'");
  EXPECT_NE(load_error((dir / "missing.txt").string()).find("missing.txt"), std::string::npos);
}

// Defect: `--lexicon DIRECTORY` exited 0 silently.
TEST(LexiconFiles, AFolderIsAnError) {
  test::TempDir dir;
  const std::string message = load_error(dir.path().string());
  EXPECT_NE(message.find("is a folder"), std::string::npos) << message;
}

// Defect: `--lexicon /dev/zero` read without limit (3.2 GB in 10 s).
TEST(LexiconFiles, DevZeroEndsAtTheSizeLimitAtOnce) {
  if (!std::filesystem::exists("/dev/zero")) GTEST_SKIP() << "no /dev/zero here";
  const auto started = std::chrono::steady_clock::now();
  const std::string message = load_error("/dev/zero");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_NE(message.find("larger than 4 MiB"), std::string::npos) << message;
  EXPECT_LT(seconds, 5.0);
}

TEST(LexiconFiles, ABigFileIsRefusedBeforeReading) {
  test::TempDir dir;
  test::write_file(dir / "big.txt", std::string(kMaxLexiconBytes + 1, '#'));
  EXPECT_NE(load_error((dir / "big.txt").string()).find("larger than"), std::string::npos);
}

TEST(LexiconFiles, TooManyEntriesIsAnError) {
  test::TempDir dir;
  std::string text;
  for (std::size_t i = 0; i <= kMaxLexiconEntries; ++i) text += "w" + std::to_string(i) + " = x\n";
  test::write_file(dir / "many.txt", text);
  EXPECT_NE(load_error((dir / "many.txt").string()).find("more than 100000 entries"),
            std::string::npos);
}

TEST(LexiconFiles, BinaryIsNotALexicon) {
  test::TempDir dir;
  test::write_file(dir / "bin.txt", std::string("a = b\n\0\0\0", 9));
  EXPECT_NE(load_error((dir / "bin.txt").string()).find("NUL"), std::string::npos);
}

}  // namespace
}  // namespace narrate::pipeline
