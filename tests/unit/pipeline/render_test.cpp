// unit/pipeline/render_test.cpp - calibrated speed, pauses and split files from the Renderer up
#include "pipeline/render.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "narrate/narrate.hpp"
#include "support/support.hpp"
#include "synth/engine.hpp"
#include "synth/syllables.hpp"

namespace narrate::pipeline {
namespace {

namespace fs = std::filesystem;

Document lighthouse() { return read_article(test::sample("plain-lighthouse.txt").string()); }

// A document with a title and headed sections, made here so the test controls its shape.
Document sectioned() {
  Document document;
  document.title = "Notes From the Harbour";
  document.language = "en";
  const char* sections[] = {"Morning", "The Boats", "Evening"};
  for (const char* heading : sections) {
    document.blocks.push_back({BlockKind::Heading, heading});
    document.blocks.push_back(
        {BlockKind::Paragraph,
         "The tide came in slowly over the flat grey stones. A few gulls waited on the wall, "
         "watching the fishermen sort the morning catch into blue crates."});
  }
  return document;
}

struct Totals {
  double seconds = 0;
  std::size_t words = 0;
  double wpm() const { return double(words) * 60 / seconds; }
};

// Renders plan[from, to) as speak() does and adds up what a listener hears.
Totals render_range(Renderer& renderer, const std::vector<Utterance>& plan, std::size_t from,
                    std::size_t to, std::vector<RenderedUtterance>* kept = nullptr) {
  Totals totals;
  const std::span<const Utterance> all(plan);
  for (std::size_t i = from; i < to; ++i) {
    RenderedUtterance audio = renderer.render(all.subspan(i, plan.size() - i));
    totals.seconds += double(std::int64_t(audio.samples.size()) + audio.pause_samples) /
                      renderer.sample_rate_hz();
    totals.words += plan[i].words;
    if (kept != nullptr) kept->push_back(std::move(audio));
  }
  return totals;
}

TEST(PlanUtterances, SpeaksWhatSentencesSpokenPrints) {
  // The exact text handed to eSpeak is what `--sentences --spoken` shows, lexicons included.
  test::TempDir dir;
  test::write_file(dir / "lexicon.txt", "Okafor = Oh kah for\n");
  const Document document = lighthouse();
  const std::vector<std::string> lexicons = {(dir / "lexicon.txt").string()};
  const auto plan = plan_utterances(document, lexicons);
  const auto spoken = spoken_sentences(document, lexicons);
  ASSERT_EQ(plan.size(), spoken.size());
  bool replaced = false;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    EXPECT_EQ(plan[i].spoken, spoken[i]) << i;
    replaced = replaced || plan[i].spoken.find("Oh kah for") != std::string::npos;
  }
  EXPECT_TRUE(replaced);
}

TEST(Renderer, HeardSpeedIsTheAskedSpeed) {
  const Document document = lighthouse();
  const auto plan = plan_utterances(document);
  synth::Engine& engine = synth::Engine::instance();
  for (const double wpm : {80.0, 200.0, 400.0, 900.0}) {
    Renderer renderer(engine, engine.default_voice_for_language(document.language), wpm);
    const Totals totals = render_range(renderer, plan, 0, plan.size());
    EXPECT_NEAR(totals.wpm() / wpm, 1.0, 0.02) << wpm;
    EXPECT_EQ(totals.words, count_words(document));
    // About one synthesis a sentence: retries are the exception.
    EXPECT_LE(renderer.totals().syntheses, plan.size() + 3) << wpm;
  }
}

// A passage of long technical words: about 4.8 syllables a word, three times ordinary prose.
Document technical() {
  Document document;
  document.title = "Electrophysiological Characterization of Polymerization Intermediates";
  document.language = "en";
  for (const char* text :
       {"Spectrophotometric quantification demonstrated considerably elevated intermolecular "
        "polymerization, accompanied by electrochemically irreversible depolarization.",
        "Immunohistochemical localization revealed heterogeneous mitochondrial "
        "hyperpolarization, particularly within undifferentiated mesenchymal progenitors.",
        "Thermogravimetric analysis indicated anisotropic thermodynamic instability, "
        "attributable to intercalated organometallic functionalities.",
        "Pharmacokinetic modelling established nonlinear bioavailability, hepatotoxicity, and "
        "individualized immunosuppressive administration."}) {
    document.blocks.push_back({BlockKind::Paragraph, text});
  }
  return document;
}

// Syllables heard a second over a whole narration, pauses included.
double syllables_per_second(const std::vector<Utterance>& plan, const Totals& totals) {
  double syllables = 0;
  for (const Utterance& u : plan) syllables += synth::syllables(u.spoken);
  return syllables / totals.seconds;
}

TEST(Renderer, DenseTextKeepsTheSyllableRateOfProse) {
  // Issue 16: the speed paces syllables heard, so technical text is not crammed into the written
  // words per minute of prose; it runs at fewer words a minute instead, and is never stretched.
  synth::Engine& engine = synth::Engine::instance();
  const auto prose = plan_utterances(lighthouse());
  const auto dense = plan_utterances(technical());
  for (const double wpm : {150.0, 200.0, 400.0}) {
    Renderer prose_renderer(engine, "en-us", wpm);
    const Totals prose_totals = render_range(prose_renderer, prose, 0, prose.size());
    Renderer dense_renderer(engine, "en-us", wpm);
    std::vector<RenderedUtterance> audio;
    const Totals dense_totals = render_range(dense_renderer, dense, 0, dense.size(), &audio);
    const double prose_rate = syllables_per_second(prose, prose_totals);
    const double dense_rate = syllables_per_second(dense, dense_totals);
    EXPECT_NEAR(dense_rate / prose_rate, 1.0, 0.15) << wpm;
    EXPECT_LT(dense_totals.wpm(), 0.5 * wpm) << wpm << ": far fewer written words a minute";
    EXPECT_EQ(dense_renderer.totals().stretched, 0u) << wpm << ": eSpeak reaches it natively";
    EXPECT_NEAR(dense_renderer.totals().syllables * 60 / dense_totals.seconds / wpm,
                synth::kOrdinaryProseMax, 0.1)
        << wpm << ": the syllable rate of the densest ordinary prose";
  }
}

TEST(DueWords, ProseIsDueItsWordsDenseTextItsSyllables) {
  // What the player's clock and the file's expected length are based on.
  const auto prose = plan_utterances(lighthouse());
  const auto dense = plan_utterances(technical());
  double prose_due = 0, prose_words = 0, dense_due = 0, dense_words = 0, dense_syllables = 0;
  for (const double d : due_words(prose)) prose_due += d;
  for (const Utterance& u : prose) prose_words += double(u.words);
  for (const double d : due_words(dense)) dense_due += d;
  for (const Utterance& u : dense) {
    dense_words += double(u.words);
    dense_syllables += synth::syllables(u.spoken);
  }
  EXPECT_NEAR(prose_due / prose_words, 1.0, 0.03);
  EXPECT_GT(dense_due, 2.5 * dense_words);
  EXPECT_NEAR(dense_due, dense_syllables / synth::kOrdinaryProseMax, 1e-6);
  EXPECT_TRUE(due_words({}).empty());
}

TEST(Renderer, BeyondEspeaksRangeItStretchesInsteadOfSonic) {
  const Document document = lighthouse();
  const auto plan = plan_utterances(document);
  synth::Engine& engine = synth::Engine::instance();
  Renderer fast(engine, "en-us", 800);
  std::vector<RenderedUtterance> audio;
  render_range(fast, plan, 0, 5, &audio);
  for (const RenderedUtterance& a : audio) {
    EXPECT_LE(a.espeak_rate, synth::kMaxNativeRate) << "eSpeak's own sonic path is never used";
    EXPECT_GT(a.stretch, 1.5);
    // Word marks move with the audio.
    ASSERT_FALSE(a.words.empty());
    EXPECT_LT(a.words.back().sample, std::int64_t(a.samples.size()));
  }
  Renderer slow(engine, "en-us", 200);
  audio.clear();
  render_range(slow, plan, 0, 5, &audio);
  for (const RenderedUtterance& a : audio) EXPECT_DOUBLE_EQ(a.stretch, 1.0);
}

TEST(Renderer, SpeedChangeMidNarration) {
  const Document document = lighthouse();
  const auto plan = plan_utterances(document);
  const std::size_t half = plan.size() / 2;
  synth::Engine& engine = synth::Engine::instance();
  Renderer renderer(engine, "en-us+anna", 200);
  const Totals first = render_range(renderer, plan, 0, half);
  renderer.set_speed(200);  // unchanged: the count goes on
  EXPECT_NE(renderer.owed_seconds(), 0.0);
  renderer.set_speed(500);
  EXPECT_DOUBLE_EQ(renderer.speed(), 500);
  const Totals second = render_range(renderer, plan, half, plan.size());
  EXPECT_NEAR(first.wpm() / 200, 1.0, 0.04);
  EXPECT_NEAR(second.wpm() / 500, 1.0, 0.03);
}

TEST(Renderer, PausesAreMeasuredNotGuessed) {
  // Whatever rate a sentence got, the silence at a paragraph end is the paragraph pause: the
  // audio's own final silence plus narrate's.
  const Document document = sectioned();
  const auto plan = plan_utterances(document);
  synth::Engine& engine = synth::Engine::instance();
  Renderer renderer(engine, "en", 200);
  std::vector<RenderedUtterance> audio;
  render_range(renderer, plan, 0, plan.size(), &audio);
  const synth::PauseTargetsMs targets = synth::pause_targets_ms(200);
  for (std::size_t i = 0; i + 1 < plan.size(); ++i) {
    const double trailing = double(std::int64_t(audio[i].samples.size()) - audio[i].last_loud - 1);
    const double silence_ms = (trailing + double(audio[i].pause_samples)) * 1000 / 22050;
    const double want = plan[i].boundary == Boundary::Heading     ? targets.heading
                        : plan[i].boundary == Boundary::Paragraph ? targets.paragraph
                                                                  : targets.sentence;
    EXPECT_NEAR(silence_ms, std::max(want, trailing * 1000 / 22050 + synth::kMinOwnPauseMs), 1)
        << i;
  }
  EXPECT_EQ(audio.back().pause_samples, 0) << "the last sentence ends with eSpeak's own pause";
}

TEST(Renderer, CancelledRenderLeavesTheCountAlone) {
  const Document document = lighthouse();
  const auto plan = plan_utterances(document);
  synth::Engine& engine = synth::Engine::instance();
  Renderer renderer(engine, "en-us", 250);
  render_range(renderer, plan, 0, 2);
  const double owed = renderer.owed_seconds();
  const std::atomic<bool> stop{true};
  const RenderedUtterance cancelled =
      renderer.render(std::span<const Utterance>(plan).subspan(2), &stop);
  EXPECT_TRUE(cancelled.cancelled);
  EXPECT_DOUBLE_EQ(renderer.owed_seconds(), owed);
}

TEST(Speak, FileStatsTellTheSpeedAndTheEncoder) {
  test::TempDir dir;
  const Document document = lighthouse();
  SpeakOptions options;
  options.speed.wpm = 300;
  options.output_path = (dir / "out.mp3").string();
  const SpeakStats stats = speak(document, options);
  EXPECT_NEAR(stats.effective_wpm() / 300, 1.0, 0.03);
  EXPECT_EQ(stats.files, std::vector<std::string>{options.output_path});
  EXPECT_GT(stats.encode_seconds, 0.0);
  EXPECT_GE(stats.syntheses, stats.sentences);
  EXPECT_GT(stats.realtime_factor(), 1.0);
  const auto probe = test::probe_audio(dir / "out.mp3");
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_NEAR(probe.seconds(), stats.audio_seconds(), 0.1);
}

TEST(Speak, SplitByChapterWithSubtitlesPerPart) {
  test::TempDir dir;
  const Document document = sectioned();
  SpeakOptions options;
  options.output_path = (dir / "notes.wav").string();
  options.subtitles_path = (dir / "notes.vtt").string();
  options.marks_path = (dir / "notes.json").string();
  options.split_chapters = true;
  const SpeakStats stats = speak(document, options);
  // The title stands alone (its part ends where the first heading begins), then one part per
  // heading.
  ASSERT_EQ(stats.files.size(), 4u);
  double seconds = 0;
  for (std::size_t part = 1; part <= stats.files.size(); ++part) {
    const fs::path audio = dir / ("notes-00" + std::to_string(part) + ".wav");
    const auto probe = test::probe_audio(audio);
    ASSERT_TRUE(probe.ok) << audio << ": " << probe.error;
    seconds += probe.seconds();
    const auto marks =
        nlohmann::json::parse(test::read_file(dir / ("notes-00" + std::to_string(part) + ".json")));
    const auto& sentences = marks["sentences"];
    ASSERT_FALSE(sentences.empty());
    EXPECT_EQ(sentences[0]["start_ms"].get<std::int64_t>(), 0) << "times count from the part";
    EXPECT_LE(sentences.back()["end_ms"].get<double>(), probe.seconds() * 1000 + 1);
    EXPECT_TRUE(fs::exists(dir / ("notes-00" + std::to_string(part) + ".vtt")));
  }
  EXPECT_NEAR(seconds, stats.audio_seconds(), 1e-3);
  EXPECT_FALSE(fs::exists(dir / "notes.wav"));
  EXPECT_FALSE(fs::exists(dir / "notes.vtt"));
}

TEST(Speak, SplitNeedsAFile) {
  const Document document = sectioned();
  SpeakOptions options;
  options.split_minutes = 5;
  EXPECT_THROW(speak(document, options), Error) << "not with playback";
  options.output_path = "-";
  try {
    speak(document, options);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Usage);
  }
  options.output_path = "x.wav";
  options.split_minutes = -1;
  EXPECT_THROW(options.validate(), Error);
}

TEST(Speak, UnwritableOutputFailsBeforeSpeaking) {
  test::TempDir dir;
  SpeakOptions options;
  options.output_path = (dir / "missing" / "out.flac").string();
  try {
    speak(sectioned(), options);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Output);
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

}  // namespace
}  // namespace narrate::pipeline
