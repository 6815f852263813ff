// util/atomic_file_test.cpp - files complete or absent, special files written in place
#include "util/atomic_file.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <vector>

#include "narrate/error.hpp"
#include "support/support.hpp"

namespace narrate::util {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

mode_t mode_of(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_mode;
}

TEST(AtomicFile, TemporaryNames) {
  EXPECT_TRUE(is_temporary_for(".out.wav.Ab3xZ9", "out.wav"));
  EXPECT_FALSE(is_temporary_for(".out.wav.Ab3xZ", "out.wav"));
  EXPECT_FALSE(is_temporary_for(".out.wav.Ab3-Z9", "out.wav"));
  EXPECT_FALSE(is_temporary_for("out.wav.Ab3xZ9", "out.wav"));
  EXPECT_FALSE(is_temporary_for(".other.wav.Ab3xZ9", "out.wav"));
  EXPECT_FALSE(is_temporary_for(".out.wav.Ab3xZ9", ""));
}

TEST(AtomicFile, WritesThroughAHiddenTemporaryAndRenames) {
  test::TempDir dir;
  const fs::path path = dir / "out.txt";
  {
    AtomicFile file(path.string());
    EXPECT_FALSE(file.in_place());
    EXPECT_TRUE(is_temporary_for(fs::path(file.temp_path()).filename().string(), "out.txt"));
    EXPECT_EQ(fs::path(file.temp_path()).parent_path(), dir.path());
    file.write("hello\n");
    EXPECT_FALSE(fs::exists(path));  // nothing under the real name before commit()
    file.commit();
  }
  EXPECT_EQ(test::read_file(path), "hello\n");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"out.txt"});
}

TEST(AtomicFile, UncommittedLeavesTheOldFile) {
  test::TempDir dir;
  const fs::path path = dir / "out.txt";
  test::write_file(path, "old");
  {
    AtomicFile file(path.string());
    file.write("new but unfinished");
  }
  EXPECT_EQ(test::read_file(path), "old");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"out.txt"});
}

// Defect: the subtitle writer always set 0644, whatever the umask.
TEST(AtomicFile, ModeComesFromTheUmask) {
  test::TempDir dir;
  const mode_t saved = ::umask(027);
  write_file((dir / "a.txt").string(), "x");
  ::umask(077);
  write_file((dir / "b.txt").string(), "x");
  ::umask(saved);
  EXPECT_EQ(mode_of(dir / "a.txt") & 0777, 0640u);
  EXPECT_EQ(mode_of(dir / "b.txt") & 0777, 0600u);
}

// Defect: a regular file was renamed over a FIFO, whose reader got nothing.
TEST(AtomicFile, FifoIsWrittenInPlace) {
  test::TempDir dir;
  const fs::path fifo = dir / "subs.vtt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto reader = std::async(std::launch::async, [&] { return test::read_file(fifo); });
  write_file(fifo.string(), "WEBVTT\n");
  EXPECT_EQ(reader.get(), "WEBVTT\n");
  EXPECT_TRUE(S_ISFIFO(mode_of(fifo)));
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"subs.vtt"});
}

TEST(AtomicFile, DeviceAndSymlinkToDeviceAreWrittenInPlace) {
  if (!fs::exists("/dev/null")) GTEST_SKIP() << "no /dev/null here";
  test::TempDir dir;
  fs::create_symlink("/dev/null", dir / "null.json");
  AtomicFile file((dir / "null.json").string());
  EXPECT_TRUE(file.in_place());
  file.write("{}");
  file.commit();
  EXPECT_TRUE(S_ISLNK(mode_of(dir / "null.json")));
  EXPECT_TRUE(S_ISCHR(mode_of("/dev/null")));
}

TEST(AtomicFile, FullDeviceReportsTheDiskFull) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full here";
  try {
    write_file("/dev/full", "x");
    FAIL() << "writing /dev/full succeeded";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Output);
    EXPECT_NE(std::string(e.what()).find("No space left"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(S_ISCHR(mode_of("/dev/full")));
}

TEST(AtomicFile, SymlinkToAFileIsFollowedAndKept) {
  test::TempDir dir;
  test::write_file(dir / "real.json", "old");
  fs::create_symlink("real.json", dir / "link.json");
  write_file((dir / "link.json").string(), "new");
  EXPECT_TRUE(S_ISLNK(mode_of(dir / "link.json")));
  EXPECT_EQ(test::read_file(dir / "real.json"), "new");
}

TEST(AtomicFile, FolderOrMissingFolderIsAnError) {
  test::TempDir dir;
  EXPECT_THROW(write_file(dir.path().string(), "x"), Error);
  try {
    write_file((dir / "missing" / "x.txt").string(), "x");
    FAIL() << "wrote into a missing folder";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Output);
    EXPECT_NE(std::string(e.what()).find("x.txt"), std::string::npos);
  }
}

// Defect: temporaries of a killed run stayed for ever (685 MB after ten minutes).
TEST(AtomicFile, StaleTemporaryOfAKilledRunIsRemovedByTheNextWriter) {
  test::TempDir dir;
  const fs::path path = dir / "out.wav";
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    AtomicFile file(path.string());
    file.write(std::string(1 << 16, 'a'));
    ::raise(SIGKILL);  // as kill -9 would: no cleanup at all
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_EQ(names_in(dir.path()).size(), 1u);  // the killed run's temporary
  EXPECT_TRUE(is_temporary_for(names_in(dir.path())[0], "out.wav"));
  // Other files that look alike are not touched.
  test::write_file(dir / ".out.wav.keep", "not mkstemp's");
  test::write_file(dir / ".other.wav.Ab3xZ9", "another output's");
  write_file(path.string(), "complete");
  EXPECT_EQ(names_in(dir.path()),
            (std::vector<std::string>{".other.wav.Ab3xZ9", ".out.wav.keep", "out.wav"}));
}

TEST(AtomicFile, LiveTemporaryOfAnotherWriterIsKept) {
  test::TempDir dir;
  const fs::path path = dir / "out.wav";
  AtomicFile first(path.string());  // still being written
  EXPECT_EQ(remove_stale_temporaries(path.string()), 0u);
  AtomicFile second(path.string());
  EXPECT_TRUE(fs::exists(first.temp_path()));
  second.write("second");
  second.commit();
  first.write("first");
  first.commit();
  EXPECT_EQ(test::read_file(path), "first");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"out.wav"});
}

TEST(AtomicFile, SignalHandlerRegistryUnlinksLiveTemporaries) {
  test::TempDir dir;
  const std::size_t before = live_temporaries();
  AtomicFile file((dir / "out.ogg").string());
  EXPECT_EQ(live_temporaries(), before + 1);
  const std::string temp = file.temp_path();
  ASSERT_TRUE(fs::exists(temp));
  unlink_live_temporaries();
  EXPECT_FALSE(fs::exists(temp));
  file.discard();
  EXPECT_EQ(live_temporaries(), before);
}

TEST(AtomicFile, MovedFileKeepsItsTemporary) {
  test::TempDir dir;
  AtomicFile file((dir / "a.txt").string());
  AtomicFile moved = std::move(file);
  EXPECT_EQ(file.fd(), -1);
  moved.write("x");
  moved.commit();
  EXPECT_EQ(test::read_file(dir / "a.txt"), "x");
}

}  // namespace
}  // namespace narrate::util
