// unit/synth/voice_cache_test.cpp - the cached eSpeak data dir and voice table behind fast start-up
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "narrate/error.hpp"
#include "support/support.hpp"
#include "synth/voice_library.hpp"

namespace narrate::synth {
namespace {

namespace fs = std::filesystem;

const fs::path kSystemData = "/usr/lib/x86_64-linux-gnu/espeak-ng-data";

/// Caches go beside the farms: under $XDG_RUNTIME_DIR when usable, here a private temp dir.
class VoiceCache : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(kSystemData)) GTEST_SKIP() << "no eSpeak NG data at " << kSystemData;
    if (const char* old = std::getenv("XDG_RUNTIME_DIR")) saved_ = old;
    fs::permissions(base_.path(), fs::perms::owner_all, fs::perm_options::replace);
    ::setenv("XDG_RUNTIME_DIR", base_.path().c_str(), 1);
    test::write_file(voices_.path() / "zed",
                     "// narrate: base = en-us\nlanguage variant\nname zed\npitch 90 130\n");
  }
  void TearDown() override {
    if (saved_.empty()) {
      ::unsetenv("XDG_RUNTIME_DIR");
    } else {
      ::setenv("XDG_RUNTIME_DIR", saved_.c_str(), 1);
    }
  }
  std::vector<ProjectVoice> voices() const { return load_project_voices(voices_.path()); }

  test::TempDir base_;
  test::TempDir voices_;
  std::string saved_;
};

TEST_F(VoiceCache, BuiltOnceThenReused) {
  fs::path root;
  {
    CachedDataDir first(kSystemData, voices());
    EXPECT_TRUE(first.built());
    root = first.root();
    EXPECT_EQ(root.parent_path(), base_.path());
    EXPECT_EQ(
        root.filename().string().rfind("narrate-data-" + std::to_string(::geteuid()) + "-", 0), 0u);
    struct stat info {};
    ASSERT_EQ(::lstat(root.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 077, 0u) << "private";
  }
  EXPECT_TRUE(fs::exists(root)) << "kept between runs";
  CachedDataDir second(kSystemData, voices());
  EXPECT_FALSE(second.built());
  EXPECT_EQ(second.root(), root);
  // The farm: system data linked, our variant copied, eSpeak's lang/ files under lower-case names.
  const fs::path data = second.data_dir();
  EXPECT_TRUE(fs::is_symlink(data / "phondata"));
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(data / "voices" / "!v" / "zed")));
  EXPECT_TRUE(fs::is_symlink(data / "voices" / "!v" / "f3"));
  EXPECT_FALSE(fs::is_symlink(data / "lang"));
  EXPECT_TRUE(fs::is_symlink(data / "lang" / "gmw" / "en-us"));
  EXPECT_EQ(fs::read_symlink(data / "lang" / "gmw" / "en-us"),
            kSystemData / "lang" / "gmw" / "en-US");
  EXPECT_FALSE(fs::exists(fs::symlink_status(data / "lang" / "gmw" / "en-US")));
}

TEST_F(VoiceCache, OtherVoicesMakeAnotherCache) {
  CachedDataDir first(kSystemData, voices());
  test::write_file(voices_.path() / "zed", "language variant\nname zed\npitch 200 260\n");
  CachedDataDir changed(kSystemData, voices());
  EXPECT_TRUE(changed.built());
  EXPECT_NE(changed.root(), first.root());
  CachedDataDir none(kSystemData, {});
  EXPECT_NE(none.root(), first.root());
  EXPECT_FALSE(fs::exists(none.data_dir() / "voices" / "!v" / "zed"));
}

TEST_F(VoiceCache, KeepsFilesForTheEngine) {
  CachedDataDir cache(kSystemData, voices());
  EXPECT_EQ(cache.read_file("voices.tsv"), "");
  cache.write_file("voices.tsv", "table\n");
  EXPECT_EQ(cache.read_file("voices.tsv"), "table\n");
  EXPECT_EQ(CachedDataDir(kSystemData, voices()).read_file("voices.tsv"), "table\n");
}

TEST_F(VoiceCache, NeverUsesADirectoryOthersCouldWrite) {
  fs::path root;
  {
    CachedDataDir cache(kSystemData, voices());
    root = cache.root();
  }
  fs::permissions(root, fs::perms::group_write | fs::perms::others_write, fs::perm_options::add);
  // Not private any more: refused, and nothing can be put in its place.
  EXPECT_THROW(CachedDataDir(kSystemData, voices()), Error);
  fs::remove_all(root);
  CachedDataDir rebuilt(kSystemData, voices());
  EXPECT_TRUE(rebuilt.built());
}

TEST(VoiceTable, FormatsAndParsesBack) {
  VoiceTable table;
  table.voices.push_back({"en-us", "gmw/en-us", "English (America)", {{2, "en-us"}, {3, "en"}}});
  table.voices.push_back({"de", "gmw/de", "German", {{5, "de"}}});
  table.variants = {"anna", "f3"};
  const auto parsed = VoiceTable::parse(table.format());
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->voices.size(), 2u);
  EXPECT_EQ(parsed->voices[0].name, "en-us");
  EXPECT_EQ(parsed->voices[0].identifier, "gmw/en-us");
  EXPECT_EQ(parsed->voices[0].description, "English (America)");
  EXPECT_EQ(parsed->voices[0].languages, table.voices[0].languages);
  EXPECT_EQ(parsed->variants, table.variants);
}

TEST(VoiceTable, RefusesWhatItDidNotWrite) {
  EXPECT_FALSE(VoiceTable::parse(""));
  EXPECT_FALSE(VoiceTable::parse("en-us\tgmw/en-us\tEnglish\t2:en-us")) << "cut short";
  EXPECT_FALSE(VoiceTable::parse("en-us\tgmw/en-us\tEnglish\tx:en-us\n"));
  EXPECT_FALSE(VoiceTable::parse("just one field\n"));
}

}  // namespace
}  // namespace narrate::synth
