// pipeline/output_paths_test.cpp - every output checked before synthesis
#include "pipeline/output_paths.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "narrate/error.hpp"
#include "support/support.hpp"

namespace narrate::pipeline {
namespace {

namespace fs = std::filesystem;

// The Error check_output_paths throws, as "code: message" ("" when none).
std::string check_error(const SpeakOptions& options) {
  try {
    check_output_paths(options);
  } catch (const Error& e) {
    // The exit status the command line gives the code (its one table is in cli/; the numbers
    // are the README's).
    const char* status = e.code() == ErrorCode::Usage    ? "2"
                         : e.code() == ErrorCode::Output ? "6"
                                                         : "other";
    return std::string(status) + ": " + e.what();
  }
  return "";
}

TEST(OutputPaths, SplitNamesTheFirstParts) {
  SpeakOptions options;
  options.output_path = "d/out.mp3";
  options.subtitles_path = "d/subs.vtt";
  EXPECT_EQ(output_paths(options), (std::vector<std::string>{"d/out.mp3", "d/subs.vtt"}));
  options.split_chapters = true;
  EXPECT_EQ(output_paths(options), (std::vector<std::string>{"d/out-001.mp3", "d/subs-001.vtt"}));
}

TEST(OutputPaths, GoodPathsPass) {
  test::TempDir dir;
  SpeakOptions options;
  options.output_path = (dir / "a.wav").string();
  options.subtitles_path = (dir / "a.vtt").string();
  options.marks_path = (dir / "a.json").string();
  EXPECT_EQ(check_error(options), "");
  options.output_path = "-";
  EXPECT_EQ(check_error(options), "");
}

// Defect 1: a bad --subtitles path was found only after the whole synthesis.
TEST(OutputPaths, MissingFolderFailsAtOnce) {
  test::TempDir dir;
  SpeakOptions options;
  options.output_path = (dir / "c.wav").string();
  options.subtitles_path = "/nonexistent/x.vtt";
  EXPECT_EQ(check_error(options),
            "6: cannot write '/nonexistent/x.vtt': the folder '/nonexistent' does not exist");
  options.subtitles_path.clear();
  options.marks_path = (dir / "c.wav" / "m.json").string();
  test::write_file(dir / "c.wav", "");
  EXPECT_NE(check_error(options).find("is not a folder"), std::string::npos);
  options.marks_path = dir.path().string();
  EXPECT_NE(check_error(options).find("it is a folder"), std::string::npos);
}

TEST(OutputPaths, ReadOnlyFolderFails) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into any folder";
  test::TempDir dir;
  fs::create_directory(dir / "ro");
  ::chmod((dir / "ro").c_str(), 0500);
  SpeakOptions options;
  options.output_path = (dir / "ro" / "a.wav").string();
  EXPECT_NE(check_error(options).find("is not writable"), std::string::npos);
  ::chmod((dir / "ro").c_str(), 0700);
}

// Defect 2: `-o out/same.wav --marks out/same.wav` replaced the WAV by JSON, exit 0.
TEST(OutputPaths, TwoOutputsThatAreOneFileAreRefused) {
  test::TempDir dir;
  fs::create_directory(dir / "out");
  SpeakOptions options;
  options.output_path = (dir / "out" / "same.wav").string();
  options.marks_path = (dir / "out" / "same.wav").string();
  EXPECT_EQ(check_error(options).rfind("2: ", 0), 0u) << check_error(options);
  EXPECT_NE(check_error(options).find("are the same file"), std::string::npos);
  // Spelled differently, still the same file.
  options.marks_path = (dir / "out" / ".." / "out" / "same.wav").string();
  EXPECT_NE(check_error(options).find("are the same file"), std::string::npos);
  // An existing file through a hard link.
  test::write_file(dir / "out" / "same.wav", "");
  fs::create_hard_link(dir / "out" / "same.wav", dir / "out" / "other.json");
  options.marks_path = (dir / "out" / "other.json").string();
  EXPECT_NE(check_error(options).find("are the same file"), std::string::npos);
  // With --split: equal names give equal parts.
  options.split_minutes = 5;
  options.marks_path = options.output_path;
  EXPECT_NE(check_error(options).find("are the same file"), std::string::npos);
}

TEST(OutputPaths, DevNullMayTakeEveryOutput) {
  if (!fs::exists("/dev/null")) GTEST_SKIP() << "no /dev/null here";
  SpeakOptions options;
  options.subtitles_path = "/dev/null";
  options.marks_path = "/dev/null";
  EXPECT_EQ(check_error(options), "");
}

TEST(OutputPaths, AnOutputMayNotOverwriteALexicon) {
  test::TempDir dir;
  test::write_file(dir / "lex.txt", "a = b\n");
  SpeakOptions options;
  options.output_path = (dir / "a.wav").string();
  options.marks_path = (dir / "lex.txt").string();
  options.lexicon_paths = {(dir / "lex.txt").string()};
  EXPECT_NE(check_error(options).find("is the lexicon"), std::string::npos);
}

}  // namespace
}  // namespace narrate::pipeline
