// e2e/batch_test.cpp - narrate --batch: lists, manifests, folders, reruns, shards, bad input
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/support.hpp"

namespace narrate::test {
namespace {

namespace fs = std::filesystem;

std::string lines(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += item + "\n";
  return text;
}

// Every file under `dir`, relative, hidden ones (temporaries) included.
std::set<std::string> files_under(const fs::path& dir) {
  std::set<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.insert(fs::relative(entry.path(), dir).string());
  }
  return files;
}

bool has_hidden_file(const fs::path& dir) {
  for (const std::string& file : files_under(dir)) {
    if (fs::path(file).filename().string().front() == '.') return true;
  }
  return false;
}

TEST(Batch, ListWritesEachItemAndARerunSkipsWhatIsDone) {
  TempDir dir;
  const std::string notice = sample("short-notice.txt").string();
  write_file(dir / "list.txt",
             lines({"# a comment", notice, "", sample("plain-lighthouse.txt").string(),
                    (dir / "missing.html").string(), notice}));
  const fs::path out = dir / "out";
  RunResult first = run_narrate({"--batch", (dir / "list.txt").string(), "-o", out.string(),
                                 "--speed", "fast", "--jobs", "2"});
  EXPECT_EQ(first.exit_code, 7) << first.err;
  EXPECT_NE(first.err.find("line 5 '" + (dir / "missing.html").string() + "'"), std::string::npos)
      << first.err;
  EXPECT_NE(first.err.find("3 done, 0 skipped"), std::string::npos) << first.err;
  // The same source twice gets two names; nothing half-written is left.
  EXPECT_EQ(files_under(out), (std::set<std::string>{"short-notice.wav", "short-notice-2.wav",
                                                     "plain-lighthouse.wav"}));
  const AudioProbe probe = probe_audio(out / "plain-lighthouse.wav");
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_GT(probe.seconds(), 5.0);
  const auto written = fs::last_write_time(out / "plain-lighthouse.wav");

  const RunResult again =
      run_narrate({"--batch", (dir / "list.txt").string(), "-o", out.string(), "--speed", "fast"});
  EXPECT_EQ(again.exit_code, 7) << again.err;
  EXPECT_NE(again.err.find("0 done, 3 skipped"), std::string::npos) << again.err;
  EXPECT_EQ(fs::last_write_time(out / "plain-lighthouse.wav"), written);
}

TEST(Batch, ManifestNamesFormatsAndBadLines) {
  TempDir dir;
  const std::string notice = sample("short-notice.txt").string();
  write_file(dir / "items.jsonl",
             lines({R"({"source": ")" + notice + R"(", "output": "sub/notice.mp3", "speed": 1.5})",
                    "this line is not JSON",
                    R"({"source": ")" + notice + R"(", "output": "sub/notice.mp3"})",
                    R"({"source": ")" + notice + R"(", "output": "../escape.wav"})",
                    R"({"output": "nothing.wav"})",
                    R"({"source": ")" + notice + R"(", "format": "flac", "voice": "en-us"})",
                    R"({"source": ")" + notice + R"(", "voice": "no-such-voice"})"}));
  const fs::path out = dir / "out";
  const RunResult result =
      run_narrate({"--batch", (dir / "items.jsonl").string(), "-o", out.string()});
  EXPECT_EQ(result.exit_code, 7) << result.err;
  EXPECT_NE(result.err.find("line 2 '?': not a JSON object"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("line 3 '" + notice + "': duplicate output name 'sub/notice.mp3'"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("line 4 '" + notice + "': \"output\" '../escape.wav' leaves"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("line 5 '?': no \"source\""), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("line 7 '" + notice + "': "), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("2 done, 0 skipped (already written), 5 failed"), std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(dir / "escape.wav"));
  EXPECT_EQ(files_under(out), (std::set<std::string>{"sub/notice.mp3", "short-notice.flac"}));
  EXPECT_TRUE(probe_audio(out / "sub/notice.mp3").ok);
  EXPECT_TRUE(probe_audio(out / "short-notice.flac").ok);
}

TEST(Batch, FolderAndBadOutputFolder) {
  TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(sample("short-notice.txt"), dir / "in" / "Notice One!.txt");
  write_file(dir / "in" / ".hidden.txt", "Not to be read.\n");
  write_file(dir / "in" / "notes.md", "Not an article type.\n");
  const RunResult result = run_narrate(
      {"--batch", (dir / "in").string(), "-o", (dir / "out").string(), "--audio-format", "ogg"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(files_under(dir / "out"), (std::set<std::string>{"notice-one.ogg"}));

  // Under a file: the folder cannot be made; nothing is run.
  const RunResult bad = run_narrate(
      {"--batch", (dir / "in").string(), "-o", (dir / "in" / "notes.md" / "out").string()});
  EXPECT_EQ(bad.exit_code, 6) << bad.err;
  EXPECT_EQ(bad.err.rfind("narrate: cannot make the output folder", 0), 0u) << bad.err;
  EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;

  const RunResult no_list =
      run_narrate({"--batch", (dir / "nope.txt").string(), "-o", (dir / "out").string()});
  EXPECT_EQ(no_list.exit_code, 3) << no_list.err;
  const RunResult bad_shard = run_narrate(
      {"--batch", (dir / "in").string(), "-o", (dir / "out").string(), "--shard", "4/3"});
  EXPECT_EQ(bad_shard.exit_code, 2) << bad_shard.err;
}

TEST(Batch, ACrashingWorkerIsNamedAndTheBatchGoesOn) {
  TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(sample("short-notice.txt"), dir / "in" / "a.txt");
  fs::copy_file(sample("short-notice.txt"), dir / "in" / "crash-me.txt");
  fs::copy_file(sample("short-notice.txt"), dir / "in" / "z.txt");
  // The worker is narrate itself, except for one item, where it dies of SIGSEGV.
  write_file(dir / "worker.sh",
             "#!/bin/sh\ncase \"$*\" in *crash-me*) kill -SEGV $$ ;; esac\n"
             "exec " +
                 shell_quote(NARRATE_BINARY) + " \"$@\"\n");
  fs::permissions(dir / "worker.sh", fs::perms::owner_all);
  const RunResult result =
      run_shell("NARRATE_BATCH_WORKER=" + shell_quote((dir / "worker.sh").string()) + " " +
                shell_quote(NARRATE_BINARY) + " --batch " + shell_quote((dir / "in").string()) +
                " -o " + shell_quote((dir / "out").string()) + " --jobs 1 </dev/null");
  EXPECT_EQ(result.exit_code, 7) << result.err;
  EXPECT_NE(result.err.find("crash-me.txt': the worker crashed (signal 11"), std::string::npos)
      << result.err;
  EXPECT_EQ(files_under(dir / "out"), (std::set<std::string>{"a.wav", "z.wav"}));
}

// Ctrl-C reaches the whole process group, as from a terminal: finished files stay, no partial
// file is left, and the same command run again completes the rest.
TEST(Batch, InterruptedBatchLeavesNoPartialFileAndARerunCompletesIt) {
  TempDir dir;
  std::vector<std::string> items;
  for (int i = 0; i < 6; ++i) items.push_back(sample("news-science.html").string());
  write_file(dir / "list.txt", lines(items));
  const fs::path out = dir / "out";
  const std::vector<std::string> args{
      NARRATE_BINARY,   "--batch", (dir / "list.txt").string(), "-o", out.string(), "--jobs", "2",
      "--audio-format", "mp3"};
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::setpgid(0, 0);
    const int log = ::open((dir / "log.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(log, STDERR_FILENO);
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    ::execv(NARRATE_BINARY, argv.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  // Wait until the first file is written (or a temporary is under way), then interrupt.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline && !fs::exists(out / "news-science.mp3")) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(-pid, SIGINT);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  const std::string log = read_file(dir / "log.txt");
  ASSERT_TRUE(WIFEXITED(status)) << log;
  const std::set<std::string> after_stop = files_under(out);
  if (WEXITSTATUS(status) == 0) {
    GTEST_SKIP() << "the batch finished before the interrupt arrived (machine too fast)";
  }
  EXPECT_EQ(WEXITSTATUS(status), 130) << log;
  EXPECT_NE(log.find("run the same command again"), std::string::npos) << log;
  EXPECT_FALSE(has_hidden_file(out)) << log;
  EXPECT_LT(after_stop.size(), 6u) << log;
  for (const std::string& file : after_stop) EXPECT_TRUE(probe_audio(out / file).ok) << file;

  const RunResult rerun = run_narrate(std::vector<std::string>(args.begin() + 1, args.end()));
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(files_under(out).size(), 6u);
  EXPECT_NE(rerun.err.find(std::to_string(after_stop.size()) + " skipped"), std::string::npos)
      << rerun.err;
}

// The same manifest as three shards under GNU parallel: every output exactly once, with the
// samples of a one-process run.
TEST(Batch, ThreeShardsUnderGnuParallelMatchOneRun) {
  if (run_shell("command -v parallel").exit_code != 0) {
    GTEST_SKIP() << "GNU parallel is not installed (Debian package parallel)";
  }
  TempDir dir;
  std::vector<std::string> items;
  const std::vector<std::string> sources{"short-notice.txt", "plain-lighthouse.txt",
                                         "copied-page-harbour.txt"};
  for (int i = 0; i < 5; ++i) {
    items.push_back(R"({"source": ")" + sample(sources[i % 3]).string() + R"(", "output": "item-)" +
                    std::to_string(i) + R"(.wav", "speed": "fast"})");
  }
  write_file(dir / "m.jsonl", lines(items));
  const RunResult one = run_narrate(
      {"--batch", (dir / "m.jsonl").string(), "-o", (dir / "one").string(), "--jobs", "1"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const RunResult sharded = run_shell(
      "parallel --will-cite --halt now,fail=1 " + shell_quote(NARRATE_BINARY) + " --batch " +
      shell_quote((dir / "m.jsonl").string()) + " -o " + shell_quote((dir / "many").string()) +
      " --jobs 1 --shard {}/3 ::: 0 1 2 </dev/null");
  ASSERT_EQ(sharded.exit_code, 0) << sharded.err;
  // Each shard ran its share: 2 + 2 + 1 items, so nothing was done twice.
  EXPECT_NE(sharded.err.find("2 item(s) in shard 0/3: 2 done"), std::string::npos) << sharded.err;
  EXPECT_NE(sharded.err.find("2 item(s) in shard 1/3: 2 done"), std::string::npos) << sharded.err;
  EXPECT_NE(sharded.err.find("1 item(s) in shard 2/3: 1 done"), std::string::npos) << sharded.err;
  const std::set<std::string> files = files_under(dir / "many");
  ASSERT_EQ(files, files_under(dir / "one"));
  EXPECT_EQ(files.size(), 5u);
  for (const std::string& file : files) {
    const AudioProbe a = probe_audio(dir / "one" / file);
    const AudioProbe b = probe_audio(dir / "many" / file);
    ASSERT_TRUE(a.ok && b.ok) << file;
    EXPECT_TRUE(a.samples == b.samples) << file;
  }
}

}  // namespace
}  // namespace narrate::test

namespace narrate::test {
namespace {

// One file synthesized by 1, 2 or 3 worker processes: the same samples, read back with
// libsndfile. The text is long enough for several pace segments (pipeline/segment_render.hpp).
TEST(ParallelSynthesis, SameSamplesWhateverTheJobs) {
  TempDir dir;
  const std::string text = read_file(sample("plain-lighthouse.txt"));
  write_file(dir / "long.txt", text + "\n" + text + "\n" + text + "\n" + text);
  std::vector<AudioProbe> probes;
  for (const std::string jobs : {"1", "2", "3"}) {
    const fs::path out = dir / ("jobs-" + jobs + ".flac");
    const RunResult result = run_narrate(
        {(dir / "long.txt").string(), "-o", out.string(), "--jobs", jobs, "--speed", "fast"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    probes.push_back(probe_audio(out));
    ASSERT_TRUE(probes.back().ok) << probes.back().error;
  }
  EXPECT_GT(probes[0].seconds(), 60.0);
  EXPECT_TRUE(probes[0].samples == probes[1].samples);
  EXPECT_TRUE(probes[0].samples == probes[2].samples);
}

}  // namespace
}  // namespace narrate::test
