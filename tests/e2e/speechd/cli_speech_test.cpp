// e2e/speechd/cli_speech_test.cpp - the command line's screen-reading modes: --format speech,
// --ssml and the plain player
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

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
      // --loudness off: the volume asked for stays in the file (normalization would undo a
      // change of the whole file's volume, as it should for a podcast).
      run_shell(shell_quote(NARRATE_BINARY) + " --ssml --loudness off " +
                shell_quote((dir / "in.ssml").string()) + " -o " +
                shell_quote((dir / "out.wav").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const AudioProbe probe = probe_audio(dir / "out.wav");
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_GT(probe.seconds(), 0.5);
}

/// Writes `ssml` to a file and narrates it to out.wav (and marks JSON) in `dir`.
AudioProbe ssml_to_wav(const TempDir& dir, const std::string& ssml, bool marks = false) {
  write_file(dir / "in.ssml", ssml);
  const RunResult r =
      // --loudness off: the volume asked for stays in the file (normalization would undo a
      // change of the whole file's volume, as it should for a podcast).
      run_shell(shell_quote(NARRATE_BINARY) + " --ssml --loudness off " +
                shell_quote((dir / "in.ssml").string()) + " -o " +
                shell_quote((dir / "out.wav").string()) +
                (marks ? " --marks " + shell_quote((dir / "m.json").string()) : ""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return probe_audio(dir / "out.wav");
}

double rms(const std::vector<std::int16_t>& samples) {
  double sum = 0;
  for (std::int16_t v : samples) sum += double(v) * v;
  return samples.empty() ? 0 : std::sqrt(sum / double(samples.size()));
}

/// Median fundamental frequency of the loud 40 ms frames, by autocorrelation over 70..400 Hz.
double median_f0(const std::vector<std::int16_t>& samples, int rate) {
  const std::size_t frame = static_cast<std::size_t>(rate / 25);
  std::vector<double> found;
  for (std::size_t at = 0; at + frame < samples.size(); at += frame) {
    double energy = 0;
    for (std::size_t i = 0; i < frame; ++i) energy += double(samples[at + i]) * samples[at + i];
    if (std::sqrt(energy / double(frame)) < 1500) continue;
    int best_lag = 0;
    double best = 0;
    for (int lag = rate / 400; lag <= rate / 70; ++lag) {
      double c = 0;
      for (std::size_t i = 0; i + static_cast<std::size_t>(lag) < frame; ++i)
        c += double(samples[at + i]) * samples[at + i + static_cast<std::size_t>(lag)];
      if (c > best) {
        best = c;
        best_lag = lag;
      }
    }
    if (best_lag > 0 && best > 0.3 * energy) found.push_back(double(rate) / best_lag);
  }
  if (found.empty()) return 0;
  std::nth_element(found.begin(), found.begin() + std::ptrdiff_t(found.size() / 2), found.end());
  return found[found.size() / 2];
}

TEST(CliSpeech, SsmlMarksAreTimedInTheMarksFile) {
  TempDir dir;
  const AudioProbe probe = ssml_to_wav(dir,
                                       "<speak><p>Hello <mark name=\"a\"/>world. Second "
                                       "<mark name=\"b\"/>sentence here.</p><mark name=\"c\"/>"
                                       "<p>Last one.<mark name=\"end\"/></p></speak>",
                                       true);
  ASSERT_TRUE(probe.ok) << probe.error;
  const auto json = nlohmann::json::parse(read_file(dir / "m.json"));
  ASSERT_TRUE(json.contains("marks")) << json.dump();
  const auto& marks = json["marks"];
  ASSERT_EQ(marks.size(), 4u) << marks.dump();
  std::vector<std::string> names;
  for (const auto& m : marks) names.push_back(m["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c", "end"}));
  const auto& sentences = json["sentences"];
  ASSERT_EQ(sentences.size(), 3u) << json.dump();
  auto word_start = [&](std::size_t s, const std::string& text) -> std::int64_t {
    for (const auto& w : sentences[s]["words"])
      if (w["text"] == text) return w["start_ms"];
    ADD_FAILURE() << "no word " << text;
    return -1;
  };
  // Each mark is heard where the word after it begins; the last, when speech ends.
  EXPECT_EQ(marks[0]["start_ms"].get<std::int64_t>(), word_start(0, "world"));
  EXPECT_EQ(marks[1]["start_ms"].get<std::int64_t>(), word_start(1, "sentence"));
  EXPECT_EQ(marks[2]["start_ms"].get<std::int64_t>(), word_start(2, "Last"));
  const std::int64_t end_ms = marks[3]["start_ms"];
  EXPECT_GT(end_ms, word_start(2, "one"));
  EXPECT_LE(end_ms, sentences[2]["end_ms"].get<std::int64_t>());
  EXPECT_LE(double(end_ms) / 1000, probe.seconds());
}

TEST(CliSpeech, SsmlProsodyChangesRateVolumeAndPitch) {
  const std::string text = "The lighthouse keeper climbed the stairs every evening at dusk.";
  TempDir plain_dir;
  const AudioProbe plain = ssml_to_wav(plain_dir, "<speak>" + text + "</speak>");
  ASSERT_TRUE(plain.ok) << plain.error;
  TempDir slow_dir;
  const AudioProbe slow =
      ssml_to_wav(slow_dir, "<speak><prosody rate=\"50%\">" + text + "</prosody></speak>");
  ASSERT_TRUE(slow.ok) << slow.error;
  const double ratio = slow.seconds() / plain.seconds();
  EXPECT_GT(ratio, 1.6) << "rate 50% should take about twice as long";
  EXPECT_LT(ratio, 2.4);

  TempDir soft_dir;
  const AudioProbe soft =
      ssml_to_wav(soft_dir, "<speak><prosody volume=\"-12dB\">" + text + "</prosody></speak>");
  ASSERT_TRUE(soft.ok) << soft.error;
  EXPECT_NEAR(soft.seconds(), plain.seconds(), 0.05) << "volume keeps the timing";
  EXPECT_LT(rms(soft.samples), 0.5 * rms(plain.samples));
  EXPECT_GT(rms(soft.samples), 0.05 * rms(plain.samples));

  TempDir high_dir;
  const AudioProbe high =
      ssml_to_wav(high_dir, "<speak><prosody pitch=\"+60%\">" + text + "</prosody></speak>");
  ASSERT_TRUE(high.ok) << high.error;
  const double f0_plain = median_f0(plain.samples, plain.sample_rate_hz);
  const double f0_high = median_f0(high.samples, high.sample_rate_hz);
  ASSERT_GT(f0_plain, 60.0);
  EXPECT_GT(f0_high, 1.1 * f0_plain) << f0_plain << " Hz -> " << f0_high << " Hz";
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
