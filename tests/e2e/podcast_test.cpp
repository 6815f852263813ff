// e2e/podcast_test.cpp - files ready for podcasts: loudness, chapters, tags; captions; headings
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "support/support.hpp"

namespace narrate::test {
namespace {

namespace fs = std::filesystem;

// Runs a shell command, returns its standard output (and error, with 2>&1 in the command).
std::string capture(const std::string& command, int* status = nullptr) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  const int rc = ::pclose(pipe);
  if (status != nullptr) *status = rc;
  return out;
}

bool have(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

struct Loudness {
  double integrated_lufs = NAN;
  double true_peak_dbtp = NAN;
};

// Measured by ffmpeg's own EBU R128 filter (not narrate's libebur128 code): the summary's
// "I: -16.0 LUFS" and true "Peak: -1.2 dBFS".
Loudness measure(const fs::path& file) {
  const std::string out = capture("ffmpeg -hide_banner -nostats -i " + shell_quote(file.string()) +
                                  " -af ebur128=peak=true -f null - 2>&1");
  Loudness result;
  const std::size_t summary = out.rfind("Summary:");
  if (summary == std::string::npos) return result;
  std::smatch m;
  const std::string tail = out.substr(summary);
  if (std::regex_search(tail, m, std::regex(R"(I:\s+(-?[0-9.]+) LUFS)"))) {
    result.integrated_lufs = std::stod(m[1]);
  }
  if (std::regex_search(tail, m, std::regex(R"(Peak:\s+(-?[0-9.]+) dBFS)"))) {
    result.true_peak_dbtp = std::stod(m[1]);
  }
  return result;
}

nlohmann::json probe(const fs::path& file) {
  const std::string out = capture("ffprobe -v error -of json -show_chapters -show_format " +
                                  shell_quote(file.string()));
  return nlohmann::json::parse(out, nullptr, false);
}

// The article with two headings: the title's part, then "How the samples were taken".
const char* kArticle = "news-science.html";

class PodcastFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have("ffmpeg") || !have("ffprobe")) GTEST_SKIP() << "ffmpeg/ffprobe not installed";
  }
};

TEST_F(PodcastFiles, LoudnessOnTargetChaptersAndTimingUnchanged) {
  TempDir dir;
  const fs::path mp3 = dir / "a.mp3";
  const fs::path ogg = dir / "a.ogg";
  RunResult r = run_narrate(
      {"-o", mp3.string(), "--subtitles", (dir / "a.vtt").string(), sample(kArticle).string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_narrate({"--loudness", "-23", "--quality", "48", "-o", ogg.string(), "--subtitles",
                   (dir / "b.vtt").string(), sample(kArticle).string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  const Loudness a = measure(mp3);
  EXPECT_NEAR(a.integrated_lufs, -16.0, 0.5);
  EXPECT_LT(a.true_peak_dbtp, -1.0);
  const Loudness b = measure(ogg);
  EXPECT_NEAR(b.integrated_lufs, -23.0, 0.5);
  EXPECT_LT(b.true_peak_dbtp, -1.0);

  // The Ogg pages whose comments were rewritten carry valid checksums.
  int status = -1;
  const std::string check = capture("ffmpeg -v error -err_detect crccheck+explode -i " +
                                        shell_quote(ogg.string()) + " -f null - 2>&1",
                                    &status);
  EXPECT_EQ(status, 0) << check;

  // Gain changes no timing: the same cues at -16 LUFS in MP3 and -23 LUFS in Ogg.
  EXPECT_EQ(read_file(dir / "a.vtt"), read_file(dir / "b.vtt"));

  for (const fs::path& file : {mp3, ogg}) {
    const nlohmann::json info = probe(file);
    ASSERT_TRUE(info.is_object()) << file;
    ASSERT_EQ(info["chapters"].size(), 2u) << info.dump();
    EXPECT_EQ(info["chapters"][1]["tags"]["title"], "How the samples were taken");
    EXPECT_EQ(info["chapters"][0]["start_time"], "0.000000");
    const double second = std::stod(info["chapters"][1]["start_time"].get<std::string>());
    EXPECT_GT(second, 10.0);
    EXPECT_LT(second, std::stod(info["format"]["duration"].get<std::string>()));
  }
  const nlohmann::json tags = probe(mp3)["format"]["tags"];
  EXPECT_EQ(tags.value("title", ""), "Deep-sea microbes found living on a diet of hydrogen");
  EXPECT_EQ(tags.value("date", "").size(), 10u) << tags.dump();
}

TEST_F(PodcastFiles, SplitPartsCarryTrackTotal) {
  TempDir dir;
  const RunResult r = run_narrate({"--split", "chapters", "--loudness", "off", "-o",
                                   (dir / "p.mp3").string(), sample(kArticle).string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json first = probe(dir / "p-001.mp3")["format"]["tags"];
  const nlohmann::json second = probe(dir / "p-002.mp3")["format"]["tags"];
  EXPECT_EQ(first.value("track", ""), "1/2") << first.dump();
  EXPECT_EQ(second.value("track", ""), "2/2") << second.dump();
  EXPECT_EQ(second.value("album", ""), "Deep-sea microbes found living on a diet of hydrogen");
  EXPECT_FALSE(fs::exists(dir / "p-003.mp3"));
}

TEST(PodcastOptions, BadLoudnessAndQualityAreUsageErrors) {
  EXPECT_EQ(
      run_narrate({"--loudness", "loud", "-o", "/tmp/x.mp3", sample(kArticle).string()}).exit_code,
      2);
  EXPECT_EQ(
      run_narrate({"--loudness", "-60", "-o", "/tmp/x.mp3", sample(kArticle).string()}).exit_code,
      2);
  EXPECT_EQ(
      run_narrate({"--quality", "2000", "-o", "/tmp/x.mp3", sample(kArticle).string()}).exit_code,
      2);
}

struct VttCue {
  double begin = 0;
  double end = 0;
  std::vector<std::string> lines;
};

double vtt_seconds(const std::string& stamp) {
  int h = 0, m = 0, s = 0, ms = 0;
  std::sscanf(stamp.c_str(), "%d:%d:%d.%d", &h, &m, &s, &ms);
  return h * 3600 + m * 60 + s + ms / 1000.0;
}

std::vector<VttCue> parse_vtt(const std::string& text) {
  std::vector<VttCue> cues;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t arrow = line.find(" --> ");
    if (arrow == std::string::npos) continue;
    VttCue cue;
    cue.begin = vtt_seconds(line.substr(0, arrow));
    cue.end = vtt_seconds(line.substr(arrow + 5));
    while (std::getline(in, line) && !line.empty()) cue.lines.push_back(line);
    cues.push_back(cue);
  }
  return cues;
}

std::size_t code_points(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// A text of long sentences (one is 80 words), as legal and academic prose has them.
const char* kLongSentences =
    "Long Sentences\n\n"
    "The committee, having considered the evidence presented over three days of hearings, "
    "including the testimony of engineers, residents and the harbour authority, concluded that "
    "the sea wall, which had been repaired twice since its construction in the nineteenth "
    "century, would need to be rebuilt entirely; that the cost, estimated at four million "
    "pounds, should be shared between the council and the port; and that work should begin "
    "before the winter storms, which last year flooded the lower town twice.\n\n"
    "Short one here. Another sentence follows it, with a clause or two, and then it ends.\n";

TEST(Captions, NoCueOverTheLimitsAndSentenceModeKeepsSentences) {
  TempDir dir;
  write_file(dir / "long.txt", kLongSentences);
  RunResult r = run_narrate({"-o", (dir / "c.wav").string(), "--subtitles",
                             (dir / "c.vtt").string(), (dir / "long.txt").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<VttCue> captions = parse_vtt(read_file(dir / "c.vtt"));
  ASSERT_GT(captions.size(), 6u);
  double last_end = 0;
  for (const VttCue& cue : captions) {
    EXPECT_LE(cue.lines.size(), 2u);
    for (const std::string& line : cue.lines) EXPECT_LE(code_points(line), 42u) << line;
    EXPECT_LE(cue.end - cue.begin, 7.0005);
    EXPECT_GE(cue.begin, last_end - 0.0005);  // in order, never overlapping
    EXPECT_GT(cue.end, cue.begin);
    last_end = cue.end;
  }
  // Clause boundaries are preferred: the 80-word sentence's captions mostly end at a comma or
  // semicolon, or with the sentence.
  std::size_t clause_ends = 0;
  for (const VttCue& cue : captions) {
    const char last = cue.lines.back().back();
    clause_ends += last == ',' || last == ';' || last == '.';
  }
  EXPECT_GE(clause_ends * 2, captions.size());

  r = run_narrate({"--subtitles-mode", "sentence", "-o", (dir / "s.wav").string(), "--subtitles",
                   (dir / "s.vtt").string(), (dir / "long.txt").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const RunResult sentences = run_narrate({"--sentences", (dir / "long.txt").string()});
  std::size_t lines = 0;
  for (const char c : sentences.out) lines += c == '\n';
  const std::vector<VttCue> whole = parse_vtt(read_file(dir / "s.vtt"));
  EXPECT_EQ(whole.size(), lines);
  for (const VttCue& cue : whole) EXPECT_EQ(cue.lines.size(), 1u);
  // Captions cover the same time as the sentences.
  ASSERT_FALSE(whole.empty());
  EXPECT_DOUBLE_EQ(whole.front().begin, captions.front().begin);
}

// The GPL, the issue's example: numbered sections are chapters, the Preamble is a few minutes,
// and the template line in angle brackets is no title.
TEST(PlainTextHeadings, GplSections) {
  const fs::path gpl = "/usr/share/common-licenses/GPL-3";
  if (!fs::exists(gpl)) GTEST_SKIP() << gpl << " not present";
  const RunResult r = run_narrate({"--extract=json", gpl.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  std::vector<std::string> headings;
  std::size_t words_after_preamble = 0;
  bool in_preamble = false;
  for (const auto& block : doc["paragraphs"]) {
    const std::string text = block["text"];
    if (block["kind"] == "heading") {
      headings.push_back(text);
      in_preamble = text == "Preamble";
      EXPECT_EQ(text.find('<'), std::string::npos) << text;
    } else if (in_preamble) {
      std::istringstream words(text);
      std::string w;
      while (words >> w) ++words_after_preamble;
    }
  }
  const auto has = [&](const std::string& h) {
    return std::find(headings.begin(), headings.end(), h) != headings.end();
  };
  EXPECT_TRUE(has("Preamble"));
  EXPECT_TRUE(has("0. Definitions."));
  EXPECT_TRUE(has("1. Source Code."));
  EXPECT_TRUE(has("11. Patents."));
  EXPECT_TRUE(has("17. Interpretation of Sections 15 and 16."));
  EXPECT_TRUE(has("END OF TERMS AND CONDITIONS"));
  // The Preamble is about 1,000 words (6 minutes at 1x), not the whole licence's 5,600.
  EXPECT_GT(words_after_preamble, 500u);
  EXPECT_LT(words_after_preamble, 1300u);
}

}  // namespace
}  // namespace narrate::test
