// unit/synth/voice_library_test.cpp - project voice files and the private eSpeak data farm
#include "synth/voice_library.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "support/support.hpp"

namespace narrate::synth {
namespace {
namespace fs = std::filesystem;

const fs::path kSystemData = "/usr/lib/x86_64-linux-gnu/espeak-ng-data";

TEST(VoiceLibrary, TheProjectShipsAnnaAndLeo) {
  const auto voices = load_project_voices(find_project_voices_dir());
  ASSERT_GE(voices.size(), 2u);
  EXPECT_EQ(voices[0].name, "anna");
  EXPECT_EQ(voices[0].base, "en-us");
  EXPECT_NE(voices[0].description.find("female"), std::string::npos);
  EXPECT_EQ(voices[1].name, "leo");
  EXPECT_NE(voices[1].description.find("male"), std::string::npos);
}

TEST(VoiceLibrary, SkipsFilesEspeakWouldComplainAbout) {
  test::TempDir dir;
  test::write_file(dir / "good",
                   "// narrate: base = de\nlanguage variant\nname good\npitch 90 130\n");
  test::write_file(dir / "full", "language en-us\npitch 90 130\n");  // a full voice, not a variant
  test::write_file(dir / "typo", "language variant\npitchh 90 130\n");  // unknown keyword
  test::write_file(dir / "Upper", "language variant\n");
  test::write_file(dir / "README.md", "language variant\n");
  test::write_file(dir / "nolang", "pitch 90 130\n");
  const auto voices = load_project_voices(dir.path());
  ASSERT_EQ(voices.size(), 1u);
  EXPECT_EQ(voices[0].name, "good");
  EXPECT_EQ(voices[0].base, "de");
  EXPECT_EQ(voices[0].description, "narrate voice 'good'");
  EXPECT_TRUE(load_project_voices(dir / "missing").empty());
}

TEST(VoiceLibrary, FarmLinksTheSystemDataAndAddsOurVariants) {
  if (!fs::is_directory(kSystemData)) GTEST_SKIP() << "no eSpeak NG data at " << kSystemData;
  test::TempDir dir;
  test::write_file(dir / "zed", "language variant\nname zed\n");
  test::write_file(dir / "f3", "language variant\nname ours\n");  // shadows eSpeak's f3
  fs::path root;
  {
    DataFarm farm(kSystemData, load_project_voices(dir.path()));
    root = farm.root();
    EXPECT_LT(farm.data_dir().native().size(), 80u);
    EXPECT_TRUE(fs::is_symlink(farm.data_dir() / "phondata"));
    EXPECT_TRUE(fs::is_symlink(farm.data_dir() / "en_dict"));
    EXPECT_TRUE(fs::is_symlink(farm.data_dir() / "lang"));
    EXPECT_FALSE(fs::is_symlink(farm.data_dir() / "voices" / "!v"));
    EXPECT_TRUE(fs::is_symlink(farm.data_dir() / "voices" / "!v" / "m3"));
    EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(farm.data_dir() / "voices" / "!v" / "zed")));
    EXPECT_EQ(test::read_file(farm.data_dir() / "voices" / "!v" / "f3"),
              "language variant\nname ours\n");
  }
  EXPECT_FALSE(fs::exists(root));
  EXPECT_TRUE(fs::exists(kSystemData / "phondata"));  // links removed, never their targets
  EXPECT_TRUE(fs::exists(kSystemData / "voices" / "!v" / "f3"));
}

TEST(VoiceLibrary, RemovesFarmsOfProcessesThatDied) {
  if (!fs::is_directory(kSystemData)) GTEST_SKIP() << "no eSpeak NG data at " << kSystemData;
  DataFarm mine(kSystemData, {});
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  ::waitpid(child, nullptr, 0);
  const fs::path stale =
      mine.root().parent_path() / ("narrate-espeak-" + std::to_string(child) + "-test01");
  fs::create_directories(stale / "espeak-ng-data");
  fs::create_symlink(kSystemData / "phondata", stale / "espeak-ng-data" / "phondata");
  remove_stale_farms();
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(mine.root()));  // this process is alive
  EXPECT_TRUE(fs::exists(kSystemData / "phondata"));
}

}  // namespace
}  // namespace narrate::synth
