// e2e/speechd/cli_speech_test.cpp - the command line's screen-reading modes: --format speech,
// --ssml and the plain player
#include <gtest/gtest.h>

#include <string>

#include "support/support.hpp"

namespace narrate::test {
namespace {

RunResult narrate_on(const std::string& input, const std::string& args) {
  TempDir dir;
  write_file(dir / "in.txt", input);
  return run_shell(shell_quote(NARRATE_BINARY) + " " + args + " " +
                   shell_quote((dir / "in.txt").string()));
}

TEST(CliSpeech, ShortPhrasesAreSpokenNotRefused) {
  for (const char* phrase : {"Menu", "Share", "Subscribe to our newsletter"}) {
    const RunResult r = narrate_on(std::string(phrase) + "\n", "--format speech --sentences");
    EXPECT_EQ(r.exit_code, 0) << phrase << ": " << r.err;
    EXPECT_EQ(r.out, std::string(phrase) + "\n");
  }
  const RunResult speed = narrate_on("1.25x\n", "--format speech --sentences --spoken");
  EXPECT_EQ(speed.exit_code, 0) << speed.err;
  EXPECT_EQ(speed.out, "1.25 times\n");
}

TEST(CliSpeech, SpeechFormatKeepsEveryLineIncludingClutter) {
  const RunResult r =
      narrate_on("Advertisement\n\nThe story. It goes on.\n", "--format speech --sentences");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Advertisement\nThe story.\nIt goes on.\n");
}

TEST(CliSpeech, SsmlIsReadByNarrate) {
  const RunResult r = narrate_on(
      "<speak><p>Call <sub alias=\"the World Wide Web\">WWW</sub> now.</p>"
      "<p>Spell <say-as interpret-as=\"digits\">42</say-as>.</p></speak>",
      "--ssml --sentences");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Call the World Wide Web now.\nSpell 4 2 .\n");
}

TEST(CliSpeech, MalformedSsmlIsSpokenAsText) {
  const RunResult r = narrate_on("<speak>Broken <b>markup</speak>", "--ssml --sentences");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Broken markup\n");
}

TEST(CliSpeech, SsmlToAFile) {
  TempDir dir;
  write_file(dir / "in.ssml", "<speak>Hello <break time=\"500ms\"/> world.</speak>");
  const RunResult r =
      run_shell(shell_quote(NARRATE_BINARY) + " --ssml " + shell_quote((dir / "in.ssml").string()) +
                " -o " + shell_quote((dir / "out.wav").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const AudioProbe probe = probe_audio(dir / "out.wav");
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_GT(probe.seconds(), 0.5);
}

TEST(CliSpeech, PlainPlayerPrintsOneLinePerSentence) {
  const std::string tools = std::string(NARRATE_TESTS_DIR) + "/../tools/pulse-env.sh";
  if (run_shell("bash " + shell_quote(tools) + " >/dev/null").exit_code != 0)
    GTEST_SKIP() << "no PulseAudio null sink here (tools/pulse-env.sh)";
  TempDir dir;
  write_file(dir / "in.txt", "First one.\n\nSecond one. Third.\n");
  for (const std::string how : {"--plain", "TERM=dumb"}) {
    const std::string flag = how == "--plain" ? "--plain" : "";
    const std::string env = how == "TERM=dumb" ? "TERM=dumb " : "";
    const RunResult r = run_shell("eval \"$(bash " + shell_quote(tools) + ")\" && " + env +
                                  shell_quote(NARRATE_BINARY) + " --format speech " + flag + " " +
                                  shell_quote((dir / "in.txt").string()));
    ASSERT_EQ(r.exit_code, 0) << how << ": " << r.err;
    EXPECT_EQ(r.out,
              "Playing (3 sentences, 200 words per minute)\n[1/3] First one.\n[2/3] Second one.\n"
              "[3/3] Third.\nFinished\n")
        << how;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "no escape sequences";
  }
}

}  // namespace
}  // namespace narrate::test
