// e2e/hostile_test.cpp - bad paths, special files, signals and limits: no file lost or clobbered
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "support/support.hpp"

extern char** environ;

namespace narrate::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A text long enough that synthesis is still running a few seconds in.
fs::path long_text(const TempDir& dir) {
  std::string text;
  const std::string one = read_file(sample("plain-lighthouse.txt"));
  for (int i = 0; i < 30; ++i) text += one + "\n";
  write_file(dir / "long.txt", text);
  return dir / "long.txt";
}

// Defect 1: a bad --subtitles path was found only after synthesis, leaving the audio behind.
TEST(Hostile, BadSubtitleFolderFailsFirstAndLeavesNoAudio) {
  TempDir dir;
  const RunResult result =
      run_narrate({sample("news-science.html").string(), "-o", (dir / "c.wav").string(),
                   "--subtitles", "/nonexistent/x.vtt"});
  EXPECT_EQ(result.exit_code, 6) << result.err;
  EXPECT_EQ(result.err,
            "narrate: cannot write '/nonexistent/x.vtt': the folder '/nonexistent' does not "
            "exist\n");
  EXPECT_TRUE(names_in(dir.path()).empty());  // no audio, no temporary
}

// Defect 2: `--marks` on the audio's own path replaced the WAV by JSON, exit 0.
TEST(Hostile, MarksOnTheAudioPathIsRefused) {
  TempDir dir;
  fs::create_directory(dir / "out");
  const std::string same = (dir / "out" / "same.wav").string();
  const RunResult result =
      run_narrate({sample("short-notice.txt").string(), "-o", same, "--marks", same});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("are the same file"), std::string::npos) << result.err;
  EXPECT_TRUE(names_in(dir / "out").empty());
}

// Defect 3: --lexicon /dev/zero grew without bound; --lexicon DIRECTORY exited 0 silently.
TEST(Hostile, LexiconLimits) {
  TempDir dir;
  const auto started = Clock::now();
  const RunResult zero = run_shell(
      "timeout 60 " + shell_quote(NARRATE_BINARY) + " -o " + shell_quote((dir / "a.wav").string()) +
      " --lexicon /dev/zero " + shell_quote(sample("short-notice.txt").string()) + " </dev/null");
  EXPECT_EQ(zero.exit_code, 2) << zero.err;
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - started).count(), 30.0);
  EXPECT_EQ(zero.err,
            "narrate: lexicon '/dev/zero': larger than 4 MiB (a lexicon holds one word a line)\n");
  const RunResult folder = run_narrate({"--lexicon", dir.path().string(), "--sentences", "--spoken",
                                        sample("short-notice.txt").string()});
  EXPECT_EQ(folder.exit_code, 2) << folder.err;
  EXPECT_NE(folder.err.find("is a folder"), std::string::npos) << folder.err;
  EXPECT_TRUE(names_in(dir.path()).empty());
}

// Starts narrate with `args`, without a shell, stdin from /dev/null.
pid_t spawn_narrate(const std::vector<std::string>& args) {
  std::vector<std::string> all{NARRATE_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : all) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// Defect 4: SIGTERM and SIGHUP left hidden temporaries (685 MB after ten minutes).
TEST(Hostile, EveryStopSignalExitsCleanlyWithNoTemporaryLeft) {
  for (const int signal : {SIGTERM, SIGHUP, SIGINT}) {
    TempDir dir;
    const fs::path text = long_text(dir);
    fs::create_directory(dir / "out");
    const pid_t pid = spawn_narrate({text.string(), "-o", (dir / "out" / "long.ogg").string()});
    ASSERT_GT(pid, 0);
    // Wait for the temporary: synthesis and encoding are under way.
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    while (names_in(dir / "out").empty() && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_FALSE(names_in(dir / "out").empty()) << "narrate wrote nothing";
    ::kill(pid, signal);
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 128 + signal)
        << "signal " << signal << ": status " << status;
    EXPECT_TRUE(names_in(dir / "out").empty())
        << "signal " << signal << " left " << names_in(dir / "out").front();
  }
}

// Defect 4: nothing removed the temporaries of a killed run.
TEST(Hostile, NextRunRemovesTheTemporaryOfAKilledOne) {
  TempDir dir;
  const fs::path text = long_text(dir);
  fs::create_directory(dir / "out");
  const pid_t pid = spawn_narrate({text.string(), "-o", (dir / "out" / "a.wav").string()});
  ASSERT_GT(pid, 0);
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  while (names_in(dir / "out").empty() && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);  // nothing can clean up after this
  ::waitpid(pid, nullptr, 0);
  ASSERT_EQ(names_in(dir / "out").size(), 1u);
  EXPECT_EQ(names_in(dir / "out")[0].rfind(".a.wav.", 0), 0u);
  const RunResult again =
      run_narrate({sample("short-notice.txt").string(), "-o", (dir / "out" / "a.wav").string()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(names_in(dir / "out"), std::vector<std::string>{"a.wav"});
}

// Defect 5: a regular file was renamed over a *.vtt FIFO (its reader got nothing, exit 0).
TEST(Hostile, SubtitlesIntoAFifoAreWrittenInPlace) {
  TempDir dir;
  const fs::path fifo = dir / "subs.vtt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto reader = std::async(std::launch::async, [&] { return read_file(fifo); });
  const RunResult result = run_narrate({sample("short-notice.txt").string(), "-o",
                                        (dir / "a.wav").string(), "--subtitles", fifo.string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  struct stat st {};
  ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
  const bool still_fifo = S_ISFIFO(st.st_mode);
  EXPECT_TRUE(still_fifo) << "the FIFO was replaced by a file";
  if (reader.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    // narrate never opened the FIFO: open it here so the reader ends.
    const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0) ::close(fd);
  }
  const std::string got = reader.get();
  EXPECT_EQ(got.rfind("WEBVTT\n", 0), 0u) << "the reader got: " << got;
}

// The audio writer and the subtitle writer agree: a FIFO is written in place, in every format
// (libsndfile must still see that it cannot seek: MP3 goes back for its header on a file).
TEST(Hostile, AudioIntoAFifoIsStreamedInEveryFormat) {
  TempDir dir;
  for (const std::string ext : {"wav", "flac", "ogg", "opus", "mp3"}) {
    const fs::path fifo = dir / ("audio." + ext);
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto reader = std::async(std::launch::async, [&] { return read_file(fifo); });
    const RunResult result =
        run_narrate({sample("short-notice.txt").string(), "-o", fifo.string()});
    EXPECT_EQ(result.exit_code, 0) << ext << ": " << result.err;
    if (reader.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
      if (fd >= 0) ::close(fd);
    }
    EXPECT_GT(reader.get().size(), 10000u) << ext;
    struct stat st {};
    ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
    EXPECT_TRUE(S_ISFIFO(st.st_mode)) << ext;
  }
}

// Defect 5: subtitles and marks always got mode 0644, whatever the umask.
TEST(Hostile, OutputModesFollowTheUmask) {
  TempDir dir;
  const RunResult result = run_shell(
      "umask 077 && " + shell_quote(NARRATE_BINARY) + " -o " +
      shell_quote((dir / "a.wav").string()) + " --subtitles " +
      shell_quote((dir / "a.srt").string()) + " --marks " + shell_quote((dir / "a.json").string()) +
      " " + shell_quote(sample("short-notice.txt").string()) + " </dev/null");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* name : {"a.wav", "a.srt", "a.json"}) {
    struct stat st {};
    ASSERT_EQ(::stat((dir / name).c_str(), &st), 0) << name;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << name;
  }
}

// Defect 7: encoder failures spoke libsndfile's jargon ("Unspecified internal error.", "problem
// with initialization of the flac decoder", "No error defined for this error number").
TEST(Hostile, EncoderFailuresSayTheDiskIsFull) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full here";
  TempDir dir;
  for (const std::string ext : {"ogg", "flac", "mp3", "opus", "wav"}) {
    const fs::path link = dir / ("full." + ext);
    fs::create_symlink("/dev/full", link);
    const RunResult result =
        run_narrate({sample("short-notice.txt").string(), "-o", link.string()});
    EXPECT_EQ(result.exit_code, 6) << ext;
    EXPECT_EQ(result.err, "narrate: cannot write '" + link.string() +
                              "': No space left on device (the disk is full)\n")
        << ext;
    struct stat st {};
    ASSERT_EQ(::lstat(link.c_str(), &st), 0);
    EXPECT_TRUE(S_ISLNK(st.st_mode)) << ext;  // the link was written through, not replaced
  }
}

// Defect 8: VTT cue text went in raw; players read "<b>" and "AT&T" as markup.
TEST(Hostile, VttCuesAreEscaped) {
  TempDir dir;
  write_file(dir / "a.txt", "Shares of AT&T rose as 5 < 6 said the <b> tag.\n");
  // One cue per sentence: the whole sentence on one line (captions would wrap it).
  const RunResult result =
      run_narrate({(dir / "a.txt").string(), "-o", (dir / "a.wav").string(), "--subtitles-mode",
                   "sentence", "--subtitles", (dir / "a.vtt").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string vtt = read_file(dir / "a.vtt");
  EXPECT_NE(vtt.find("AT&amp;T rose as 5 &lt; 6 said the &lt;b&gt; tag."), std::string::npos)
      << vtt;
}

}  // namespace
}  // namespace narrate::test
