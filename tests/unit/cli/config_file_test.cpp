// unit/cli/config_file_test.cpp - the config file's lines, and one clear error for a bad one
#include "cli/config_file.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "narrate/error.hpp"
#include "support/support.hpp"

namespace narrate::cli {
namespace {

std::string error_of(const std::filesystem::path& path) {
  try {
    load_config(path);
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::Usage);
    return error.what();
  }
  return "";
}

TEST(ConfigFile, ReadsKeysValuesAndComments) {
  test::TempDir dir;
  test::write_file(dir / "words.txt", "GPL = G P L\n");
  test::write_file(dir / "config",
                   "# my defaults\n\nvoice = en-gb\n  speed=1.25x  \nformat = mp3\n"
                   "lexicon = words.txt\nloudness = -16\n");
  const std::vector<ConfigEntry> entries = load_config(dir / "config");
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries[0].key, "voice");
  EXPECT_EQ(entries[0].value, "en-gb");
  EXPECT_EQ(entries[0].where, (dir / "config").string() + ":3");
  EXPECT_EQ(entries[1].value, "1.25x");
  EXPECT_EQ(entries[3].value, (dir / "words.txt").string()) << "relative to the config file";
  EXPECT_EQ(entries[4].value, "-16");
  EXPECT_TRUE(load_config(dir / "absent").empty());
}

TEST(ConfigFile, BadLineNamesFileAndLine) {
  test::TempDir dir;
  const std::string file = (dir / "config").string();
  test::write_file(dir / "config", "voice = en\nvioce = de\n");
  EXPECT_EQ(error_of(dir / "config"), file + ":2: unknown setting 'vioce' (did you mean voice?)");
  test::write_file(dir / "config", "speed fast\n");
  EXPECT_EQ(error_of(dir / "config"), file + ":1: expected 'key = value', found 'speed fast'");
  test::write_file(dir / "config", "\nspeed = 9x\n");
  EXPECT_EQ(error_of(dir / "config").rfind(file + ":2: ", 0), 0u) << error_of(dir / "config");
  test::write_file(dir / "config", "format = aiff\n");
  EXPECT_NE(error_of(dir / "config").find(":1: format 'aiff' is none of"), std::string::npos);
  test::write_file(dir / "config", "loudness = loud\n");
  EXPECT_NE(error_of(dir / "config").find(":1: loudness 'loud'"), std::string::npos);
  test::write_file(dir / "config", "lexicon = nowhere.txt\n");
  EXPECT_NE(error_of(dir / "config").find(":1: lexicon 'nowhere.txt' is not a file"),
            std::string::npos);
}

TEST(ConfigFile, PathFollowsXdg) {
  const char* saved = std::getenv("XDG_CONFIG_HOME");
  const std::string restore = saved != nullptr ? saved : "";
  ::setenv("XDG_CONFIG_HOME", "/tmp/xdg-here", 1);
  EXPECT_EQ(config_path(), std::filesystem::path("/tmp/xdg-here/narrate/config"));
  ::setenv("XDG_CONFIG_HOME", "relative", 1);  // not absolute: ignored, as the spec says
  EXPECT_EQ(config_path().filename(), "config");
  EXPECT_NE(config_path().string().find("/.config/narrate/"), std::string::npos);
  if (saved != nullptr) {
    ::setenv("XDG_CONFIG_HOME", restore.c_str(), 1);
  } else {
    ::unsetenv("XDG_CONFIG_HOME");
  }
}

}  // namespace
}  // namespace narrate::cli
