// e2e/cli_ux_test.cpp - the command line for people (issue 15): suggestions, refused
// combinations, quiet SIGPIPE, config defaults, voice list, preview, progress, clipboard
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "support/support.hpp"

namespace narrate::test {
namespace {

namespace fs = std::filesystem;

void expect_one_error_line(const RunResult& result) {
  ASSERT_FALSE(result.err.empty());
  EXPECT_EQ(result.err.rfind("narrate: ", 0), 0u) << result.err;
  EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << "more than one line: " << result.err;
}

/// narrate with XDG_CONFIG_HOME pointing at `config_home` (a config file of the test's own).
RunResult run_with_config(const fs::path& config_home, const std::vector<std::string>& args) {
  std::string command =
      "XDG_CONFIG_HOME=" + shell_quote(config_home.string()) + " " + shell_quote(NARRATE_BINARY);
  for (const std::string& arg : args) command += " " + shell_quote(arg);
  return run_shell(command + " </dev/null");
}

TEST(CliUx, MistypedOptionGetsASuggestionAndTheSourceIsNotBlamed) {
  const std::string article = sample("plain-lighthouse.txt").string();
  const struct {
    std::vector<std::string> args;
    std::string suggestion;
  } cases[] = {
      {{"--sped", "1.25x", article}, "did you mean --speed?"},
      {{"-s", "1.25x", article}, "did you mean --speed?"},
      {{"--sentense", article}, "did you mean --sentences?"},
      {{"--list-voice"}, "did you mean --list-voices?"},
      {{"--ouptut", "a.wav", article}, "did you mean --output?"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args.front());
    const RunResult result = run_narrate(c.args);
    EXPECT_EQ(result.exit_code, 2);
    expect_one_error_line(result);
    EXPECT_NE(result.err.find(c.suggestion), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("'" + c.args.front() + "'"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find(article), std::string::npos) << result.err;
  }
  const RunResult far = run_narrate({"--frobnicate", article});
  EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

TEST(CliUx, ValuesAndRangesInWords) {
  const std::string article = sample("plain-lighthouse.txt").string();
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--start-at", "0", article},
                                               {"--start-at", "x", article},
                                               {"--speed", "9x", "--sentences", article}}) {
    const RunResult result = run_narrate(args);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    expect_one_error_line(result);
    EXPECT_FALSE(std::regex_search(result.err, std::regex("[0-9]{7}"))) << result.err;
    EXPECT_EQ(result.err.find("e+"), std::string::npos) << result.err;
  }
  const RunResult start = run_narrate({"--start-at", "0", article});
  EXPECT_NE(start.err.find("the first sentence is 1"), std::string::npos) << start.err;
  const RunResult extract = run_narrate({"--extract=yaml", article});
  EXPECT_NE(extract.err.find("'yaml' is none of text, body, json"), std::string::npos)
      << extract.err;
  const RunResult voice = run_narrate({"--voice", article});
  EXPECT_EQ(voice.exit_code, 2);
  expect_one_error_line(voice);
  EXPECT_NE(voice.err.find("--voice takes a voice name"), std::string::npos) << voice.err;
  const RunResult bare = run_narrate({article, "--speed"});
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_NE(bare.err.find("--speed needs a value (--speed S;"), std::string::npos) << bare.err;
  const RunResult two = run_narrate({article, article});
  EXPECT_EQ(two.exit_code, 2);
  EXPECT_NE(two.err.find("one SOURCE at a time"), std::string::npos) << two.err;
}

TEST(CliUx, CombinationsThatMakeNoSenseAreRefusedNamingBoth) {
  TempDir dir;
  const std::string article = sample("plain-lighthouse.txt").string();
  const std::string wav = (dir / "a.wav").string();
  const struct {
    std::vector<std::string> args;
    std::string first, second;
  } cases[] = {
      {{"--list-voices", "-o", wav}, "--list-voices", "-o"},
      {{"--list-voices", "--extract"}, "--list-voices", "--extract"},
      {{"--spoken", article}, "--spoken", "--sentences"},
      {{"--sentences", "--extract", article}, "--sentences", "--extract"},
      {{"--extract", "-o", "-", article}, "-o", "--extract"},
      {{"--resume", "-o", wav, article}, "--resume", "-o"},
      {{"--start-at", "3", "--sentences", article}, "--start-at", "--sentences"},
      {{"--quiet", "--progress", "-o", wav, article}, "--quiet", "--progress"},
      {{"--clipboard", article}, "--clipboard", "SOURCE"},
      {{"--preview", article}, "--preview", "SOURCE"},
      {{"--plain", "--control", "stdin", article}, "--plain", "--control"},
      {{"--ssml", "--format", "html", article}, "--ssml", "--format"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.first + " " + c.second);
    const RunResult result = run_narrate(c.args);
    EXPECT_EQ(result.exit_code, 2);
    expect_one_error_line(result);
    EXPECT_NE(result.err.find(c.first), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(c.second), std::string::npos) << result.err;
    EXPECT_TRUE(result.out.empty());
  }
  EXPECT_FALSE(fs::exists(wav));
}

TEST(CliUx, ClosedPipeOnStandardOutputEndsQuietly) {
  if (run_shell("command -v bash").exit_code != 0) GTEST_SKIP() << "bash is not installed";
  const std::string command = shell_quote(NARRATE_BINARY) + " -o - " +
                              shell_quote(sample("plain-lighthouse.txt").string()) +
                              " | head -c 44 >/dev/null; echo ${PIPESTATUS[0]}";
  const RunResult result = run_shell("bash -c " + shell_quote(command));
  EXPECT_EQ(result.out, "141\n") << "ended by SIGPIPE, as cat or yes would be";
  EXPECT_EQ(result.err, "") << "no 'Broken pipe' message";
}

TEST(CliUx, ConfigFileGivesDefaultsTheCommandLineOverrides) {
  TempDir dir;
  fs::create_directories(dir / "narrate");
  write_file(dir / "narrate" / "config",
             "# defaults\nspeed = fast\nvoice = en-gb\nformat = wav\nloudness = -16\n");
  const std::string article = sample("short-notice.txt").string();
  const RunResult defaults =
      run_with_config(dir.path(), {"--stats", "-o", (dir / "out").string(), article});
  ASSERT_EQ(defaults.exit_code, 0) << defaults.err;
  EXPECT_TRUE(fs::exists(dir / "out.wav")) << "format = wav names the type of -o out";
  EXPECT_NE(defaults.err.find("(asked 300)"), std::string::npos) << defaults.err;
  EXPECT_NE(defaults.err.find("voice en-gb"), std::string::npos) << defaults.err;
  const RunResult overridden = run_with_config(
      dir.path(),
      {"--stats", "--speed", "slow", "-v", "en-us", "-o", (dir / "b.wav").string(), article});
  ASSERT_EQ(overridden.exit_code, 0) << overridden.err;
  EXPECT_NE(overridden.err.find("(asked 150)"), std::string::npos) << overridden.err;
  EXPECT_NE(overridden.err.find("voice en-us"), std::string::npos) << overridden.err;

  write_file(dir / "narrate" / "config", "speed = fast\nsped = slow\n");
  const RunResult bad = run_with_config(dir.path(), {"--sentences", article});
  EXPECT_EQ(bad.exit_code, 2);
  expect_one_error_line(bad);
  EXPECT_NE(bad.err.find((dir / "narrate" / "config").string() + ":2: unknown setting 'sped'"),
            std::string::npos)
      << bad.err;
  // --help and --version work whatever the config file says.
  EXPECT_EQ(run_with_config(dir.path(), {"--help"}).exit_code, 0);
}

TEST(CliUx, ListVoicesFilteredWithHeaderAndAlignedColumns) {
  const RunResult result = run_narrate({"--list-voices", "en"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < result.out.size();) {
    const std::size_t end = result.out.find('\n', start);
    lines.push_back(result.out.substr(start, end - start));
    start = end + 1;
  }
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0].rfind("VOICE", 0), 0u) << lines[0];
  const std::size_t language_column = lines[0].find("LANGUAGE");
  const std::size_t description_column = lines[0].find("DESCRIPTION");
  ASSERT_NE(language_column, std::string::npos);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    ASSERT_GT(line.size(), description_column) << line;
    EXPECT_EQ(line[language_column - 1], ' ') << line;
    EXPECT_NE(line[language_column], ' ') << line;
    EXPECT_NE(line[description_column], ' ') << line;
    const std::string language =
        line.substr(language_column, line.find(' ', language_column) - language_column);
    EXPECT_TRUE(language == "-" || language == "en" || language.rfind("en-", 0) == 0) << line;
  }
  EXPECT_EQ(lines[1].find("[narrate]"), description_column) << "narrate's own voices first";
  const RunResult none = run_narrate({"--list-voices", "xx-nowhere"});
  EXPECT_EQ(none.exit_code, 5);
  expect_one_error_line(none);
}

TEST(CliUx, PreviewSpeaksOneSentenceInTheChosenVoice) {
  TempDir dir;
  const RunResult result =
      run_narrate({"--preview", "-v", "de", "--stats", "-o", (dir / "p.wav").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("1 sentences"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("voice de"), std::string::npos) << result.err;
  const AudioProbe audio = probe_audio(dir / "p.wav");
  ASSERT_TRUE(audio.ok) << audio.error;
  EXPECT_GT(audio.seconds(), 2.0);
  EXPECT_LT(audio.seconds(), 10.0);
}

TEST(CliUx, ProgressLineAtATerminalOnlyThereOrWhenAsked) {
  if (run_shell("command -v script").exit_code != 0) GTEST_SKIP() << "script is not installed";
  TempDir dir;
  const std::string article = sample("plain-lighthouse.txt").string();
  const auto at_pty = [&](const std::string& options) {
    // util-linux script(1) runs the command with a pseudo-terminal as its stdout and stderr.
    const std::string command = shell_quote(NARRATE_BINARY) + " " + options + " -o " +
                                shell_quote((dir / "a.mp3").string()) + " " + shell_quote(article);
    return run_shell("script -qec " + shell_quote(command) + " /dev/null </dev/null");
  };
  const RunResult shown = at_pty("");
  ASSERT_EQ(shown.exit_code, 0) << shown.out << shown.err;
  EXPECT_TRUE(std::regex_search(shown.out,
                                std::regex("\rnarrate: +[0-9]+% \xC2\xB7 [0-9]+:[0-9]{2} of audio "
                                           "\xC2\xB7 [0-9.]+x real time \xC2\xB7 [0-9]+:[0-9]{2} "
                                           "left")))
      << shown.out;
  EXPECT_NE(shown.out.find("narrate: 100% \xC2\xB7 1:"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("done in"), std::string::npos) << shown.out;
  EXPECT_EQ(at_pty("--quiet").out.find("narrate:"), std::string::npos) << "--quiet silences it";

  const RunResult piped = run_narrate({"-o", (dir / "b.mp3").string(), article});
  EXPECT_EQ(piped.exit_code, 0);
  EXPECT_EQ(piped.err, "") << "stderr is no terminal: nothing unless asked";
  const RunResult asked = run_narrate({"--progress", "-o", (dir / "c.mp3").string(), article});
  EXPECT_EQ(asked.exit_code, 0) << asked.err;
  EXPECT_EQ(asked.err.find('\r'), std::string::npos) << "lines, not a redrawn line";
  EXPECT_NE(asked.err.find("narrate: 100%"), std::string::npos) << asked.err;
}

TEST(CliUx, ClipboardWithoutAToolOrDisplaySaysWhatToDo) {
  const RunResult no_display = run_shell("env -u DISPLAY -u WAYLAND_DISPLAY " +
                                         shell_quote(NARRATE_BINARY) + " --clipboard --extract");
  EXPECT_EQ(no_display.exit_code, 3);
  expect_one_error_line(no_display);
  EXPECT_NE(no_display.err.find("no display"), std::string::npos) << no_display.err;
  const RunResult no_tool = run_shell("env -u WAYLAND_DISPLAY DISPLAY=:0 PATH=/nonexistent " +
                                      shell_quote(NARRATE_BINARY) + " --clipboard --extract");
  EXPECT_EQ(no_tool.exit_code, 3);
  expect_one_error_line(no_tool);
  EXPECT_NE(no_tool.err.find("none of wl-paste, xclip, xsel is installed"), std::string::npos)
      << no_tool.err;
}

TEST(CliUx, ClipboardReadThroughXclipOnAnXvfbDisplay) {
  if (run_shell("command -v Xvfb && command -v xclip").exit_code != 0) {
    GTEST_SKIP() << "Xvfb or xclip is not installed (Debian: xvfb, xclip)";
  }
  TempDir dir;
  const std::string display = ":" + std::to_string(200 + ::getpid() % 500);
  const RunResult started =
      run_shell("Xvfb " + display + " -nolisten tcp >/dev/null 2>&1 & echo $!");
  const std::string xvfb = started.out.substr(0, started.out.find('\n'));
  ASSERT_FALSE(xvfb.empty());
  const std::string env = "env -u WAYLAND_DISPLAY DISPLAY=" + display + " ";
  bool ready = false;
  for (int i = 0; i < 100 && !ready; ++i) {
    ready = fs::exists("/tmp/.X11-unix/X" + display.substr(1));
    if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  write_file(dir / "copied.txt",
             "Copied Headline\n\nThis paragraph was copied from a page in a browser, long enough "
             "to be read as the article by narrate.\n\nA second paragraph follows it here.\n");
  const RunResult copied =
      run_shell(env + "xclip -selection clipboard -i " +
                shell_quote((dir / "copied.txt").string()) + " >/dev/null 2>&1");
  const RunResult read = run_shell(env + shell_quote(NARRATE_BINARY) + " --clipboard --extract");
  const RunResult from_file = run_narrate({"--extract", (dir / "copied.txt").string()});
  run_shell("kill " + xvfb);
  ASSERT_TRUE(ready) << "Xvfb did not start on " << display;
  ASSERT_EQ(copied.exit_code, 0) << copied.err;
  EXPECT_EQ(read.exit_code, 0) << read.err;
  EXPECT_EQ(read.out, from_file.out);
  EXPECT_NE(read.out.find("Copied Headline"), std::string::npos) << read.out;
}

}  // namespace
}  // namespace narrate::test
