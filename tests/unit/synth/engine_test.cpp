// unit/synth/engine_test.cpp - the eSpeak NG engine: init, audio, word marks, cancel, voices
#include "synth/engine.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "narrate/error.hpp"
#include "support/support.hpp"

namespace narrate::synth {
namespace {

struct Spoken {
  SynthResult result;
  std::vector<std::int16_t> audio;
};

Spoken speak(const std::string& voice, const std::string& text, int rate = 200) {
  Engine& engine = Engine::instance();
  engine.set_voice(voice);
  engine.set_rate(rate);
  Spoken spoken;
  spoken.result = engine.synthesize(text, [&](std::span<const std::int16_t> block) {
    spoken.audio.insert(spoken.audio.end(), block.begin(), block.end());
    return true;
  });
  return spoken;
}

// Median fundamental frequency of the voiced 40 ms frames, by normalised autocorrelation
// over 70..400 Hz. Zero crossings would follow the formants of eSpeak's synthesizer, not F0.
double median_f0_hz(const std::vector<std::int16_t>& audio, int sample_rate_hz) {
  const std::size_t frame = static_cast<std::size_t>(sample_rate_hz) * 40 / 1000;
  const int min_lag = sample_rate_hz / 400;
  const int max_lag = sample_rate_hz / 70;
  std::vector<double> estimates;
  for (std::size_t start = 0; start + frame + max_lag < audio.size(); start += frame / 2) {
    double energy = 0;
    for (std::size_t i = 0; i < frame; ++i) energy += double(audio[start + i]) * audio[start + i];
    if (energy / frame < 1000.0 * 1000.0) continue;  // quiet: a pause or a consonant
    double best = 0;
    int best_lag = 0;
    for (int lag = min_lag; lag <= max_lag; ++lag) {
      double sum = 0;
      double lagged_energy = 0;
      for (std::size_t i = 0; i < frame; ++i) {
        sum += double(audio[start + i]) * audio[start + i + lag];
        lagged_energy += double(audio[start + i + lag]) * audio[start + i + lag];
      }
      const double score = sum / std::sqrt(energy * lagged_energy + 1);
      if (score > best) {
        best = score;
        best_lag = lag;
      }
    }
    if (best > 0.6) estimates.push_back(double(sample_rate_hz) / best_lag);
  }
  if (estimates.empty()) return 0;
  std::nth_element(estimates.begin(), estimates.begin() + estimates.size() / 2, estimates.end());
  return estimates[estimates.size() / 2];
}

const char* kTenWords = "The council approved the new budget for schools on Monday.";

TEST(Engine, InitialisesOnceAt22050Hz) {
  Engine& first = Engine::instance();
  EXPECT_EQ(&first, &Engine::instance());
  EXPECT_EQ(first.sample_rate_hz(), 22050);
}

TEST(Engine, TenWordsAt200TakeOneToFourSeconds) {
  std::int64_t delivered = 0;
  Engine& engine = Engine::instance();
  engine.set_voice("en-us");
  engine.set_rate(200);
  const SynthResult result = engine.synthesize(kTenWords, [&](std::span<const std::int16_t> block) {
    delivered += static_cast<std::int64_t>(block.size());
    return true;
  });
  EXPECT_FALSE(result.cancelled);
  EXPECT_EQ(result.samples, delivered);
  const double seconds = double(result.samples) / engine.sample_rate_hz();
  EXPECT_GT(seconds, 1.0);
  EXPECT_LT(seconds, 4.0);
  EXPECT_EQ(result.words.size(), 10u);
}

TEST(Engine, FasterRateGivesShorterAudio) {
  const auto slow = speak("en-us", kTenWords, 150);
  const auto fast = speak("en-us", kTenWords, 300);
  EXPECT_LT(double(fast.result.samples), 0.65 * double(slow.result.samples));
  const auto sonic = speak("en-us", kTenWords, 600);  // libsonic takes over from 450
  EXPECT_LT(double(sonic.result.samples), 0.6 * double(fast.result.samples));
}

TEST(Engine, WordMarksAreOrderedAndPointAtUtf8Bytes) {
  // Curly quotes, accents and a euro sign: code points and bytes differ before every later word.
  const std::string text = "“Naïve” critics said the café’s crème brûlée cost €5 yesterday.";
  const auto spoken = speak("en-us", text);
  const auto& words = spoken.result.words;
  ASSERT_GE(words.size(), 8u);
  for (std::size_t i = 0; i < words.size(); ++i) {
    EXPECT_LT(words[i].text_begin, words[i].text_end);
    EXPECT_LE(words[i].text_end, text.size());
    EXPECT_LT(words[i].sample, spoken.result.samples);
    if (i > 0) {
      EXPECT_GE(words[i].text_begin, words[i - 1].text_end) << "word " << i;
      EXPECT_GE(words[i].sample, words[i - 1].sample) << "word " << i;
    }
  }
  auto has_word = [&](const std::string& word) {
    const std::size_t at = text.find(word);
    return std::any_of(words.begin(), words.end(), [&](const WordMark& mark) {
      return mark.text_begin == at && mark.text_end == at + word.size();
    });
  };
  for (const char* word : {"Naïve", "critics", "crème", "brûlée", "yesterday"})
    EXPECT_TRUE(has_word(word)) << word;
  // The first word's audio starts near the start, the last one's in the second half.
  EXPECT_LT(words.front().sample, spoken.result.samples / 4);
  EXPECT_GT(words.back().sample, spoken.result.samples / 2);
}

TEST(Engine, CancelStopsAtOnceAndTheNextUtteranceIsWhole) {
  Engine& engine = Engine::instance();
  engine.set_voice("en-us");
  engine.set_rate(200);
  const std::string long_text =
      "This sentence is long enough to need many blocks of audio, and the test stops it after "
      "the very first block, which must end the synthesis immediately.";
  int calls = 0;
  std::int64_t first_block = 0;
  const SynthResult stopped = engine.synthesize(long_text, [&](std::span<const std::int16_t> b) {
    ++calls;
    first_block = static_cast<std::int64_t>(b.size());
    return false;
  });
  EXPECT_TRUE(stopped.cancelled);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(stopped.samples, first_block);

  const auto again = speak("en-us", kTenWords);
  const auto reference = speak("en-us", kTenWords);
  EXPECT_FALSE(again.result.cancelled);
  EXPECT_NEAR(double(again.result.samples), double(reference.result.samples), 500.0);
}

TEST(Engine, ExceptionFromTheCallbackIsRethrownAfterEspeakReturns) {
  Engine& engine = Engine::instance();
  engine.set_voice("en-us");
  int calls = 0;
  EXPECT_THROW(engine.synthesize(kTenWords,
                                 [&](std::span<const std::int16_t>) -> bool {
                                   ++calls;
                                   throw std::runtime_error("sink full");
                                 }),
               std::runtime_error);
  EXPECT_EQ(calls, 1);
  EXPECT_GT(speak("en-us", kTenWords).result.samples, 22050);  // still usable
}

TEST(Engine, EmptyTextGivesNoAudio) {
  const auto spoken = speak("en-us", "  \n ");
  EXPECT_EQ(spoken.result.samples, 0);
  EXPECT_TRUE(spoken.result.words.empty());
}

TEST(Engine, CallsFromTwoThreadsAreSerialised) {
  // Unserialised, eSpeak splices one thread's words into the other's audio (notes 1.3).
  Engine& engine = Engine::instance();
  engine.set_voice("en-us");
  engine.set_rate(200);
  const std::string a = kTenWords;
  const std::string b = "Another sentence with quite different words follows here.";
  auto length = [&](const std::string& text) {
    return engine.synthesize(text, [](std::span<const std::int16_t>) { return true; }).samples;
  };
  const std::int64_t solo_a = length(a);
  const std::int64_t solo_b = length(b);
  std::vector<std::int64_t> got_a;
  std::vector<std::int64_t> got_b;
  std::thread other([&] {
    for (int i = 0; i < 20; ++i) got_b.push_back(length(b));
  });
  for (int i = 0; i < 20; ++i) got_a.push_back(length(a));
  other.join();
  // eSpeak varies a repeated utterance by up to ~300 samples (state carried between calls);
  // unserialised calls splice texts and miss by tens of thousands, so 1500 still tells them apart.
  for (const auto n : got_a) EXPECT_NEAR(double(n), double(solo_a), 1500.0);
  for (const auto n : got_b) EXPECT_NEAR(double(n), double(solo_b), 1500.0);
}

void expect_unknown_voice(const std::string& name) {
  try {
    Engine::instance().set_voice(name);
    ADD_FAILURE() << "no error for voice '" << name << "'";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::Voice) << name;
    EXPECT_EQ(std::string(error.what()), "unknown voice '" + name + "' (see --list-voices)");
  }
}

TEST(Engine, UnknownVoicesThrowVoiceErrors) {
  expect_unknown_voice("xyz");
  expect_unknown_voice("en+xyz");  // eSpeak itself would ignore the variant silently
  expect_unknown_voice("en-us+anna+f3");
  expect_unknown_voice("mb-us1");  // mbrola: eSpeak would print to stderr
  expect_unknown_voice("be");      // stub dictionary: eSpeak would print to stderr
  expect_unknown_voice("../../etc/passwd");
  expect_unknown_voice("!v/f3");
  expect_unknown_voice("en+" + std::string(40, 'a'));  // eSpeak aborts on long variant names
  expect_unknown_voice("");
  // A failed set_voice keeps the previous voice.
  Engine::instance().set_voice("de");
  expect_unknown_voice("xyz");
  EXPECT_EQ(Engine::instance().current_voice(), "de");
}

TEST(Engine, ResolvesProjectVoicesLanguagesAndVariants) {
  Engine& engine = Engine::instance();
  EXPECT_EQ(engine.resolve_voice("anna"), "en-us+anna");
  EXPECT_EQ(engine.resolve_voice("leo"), "en-us+leo");
  EXPECT_EQ(engine.resolve_voice("de+anna"), "de+anna");
  EXPECT_EQ(engine.resolve_voice("en-us"), "en-us");
  EXPECT_EQ(engine.resolve_voice("EN-US"), "en-us");
  EXPECT_EQ(engine.resolve_voice("en-gb"), "en");  // a language eSpeak has no file name for
  EXPECT_EQ(engine.resolve_voice("en+f3"), "en+f3");
  EXPECT_EQ(engine.resolve_voice("en+annie"), "en+Annie");  // eSpeak's variants are case-sensitive
}

TEST(Engine, ProjectVoicesLoadAndSoundDifferent) {
  const int rate = Engine::instance().sample_rate_hz();
  const auto plain = speak("en-us", kTenWords);
  const auto anna = speak("anna", kTenWords);
  const auto leo = speak("leo", kTenWords);
  const double f0_plain = median_f0_hz(plain.audio, rate);
  const double f0_anna = median_f0_hz(anna.audio, rate);
  const double f0_leo = median_f0_hz(leo.audio, rate);
  EXPECT_GT(f0_plain, 80);
  EXPECT_LT(f0_plain, 140);
  EXPECT_GT(f0_anna, 1.4 * f0_plain) << f0_anna << " vs " << f0_plain;
  EXPECT_LT(f0_leo, 0.97 * f0_plain) << f0_leo << " vs " << f0_plain;
  EXPECT_GT(f0_leo, 60);
  EXPECT_NE(leo.audio, plain.audio);
  for (const auto* voice : {&anna, &leo}) {  // gentle voices: no clipping
    const auto loud = std::count_if(voice->audio.begin(), voice->audio.end(),
                                    [](std::int16_t s) { return s >= 32000 || s <= -32000; });
    EXPECT_EQ(loud, 0);
  }
  // Same words, same timing: a variant without "speed" keeps the rate calibration valid.
  EXPECT_NEAR(double(anna.result.samples), double(plain.result.samples),
              0.08 * plain.result.samples);
  EXPECT_NEAR(double(leo.result.samples), double(plain.result.samples),
              0.08 * plain.result.samples);
}

TEST(Engine, ProjectVoiceCombinesWithOtherLanguages) {
  const std::string german = "Der Bürgermeister eröffnete gestern die neue Brücke über den Fluss.";
  const auto de = speak("de", german);
  const auto de_anna = speak("de+anna", german);
  EXPECT_EQ(de.result.words.size(), 10u);
  EXPECT_GT(double(de.result.samples) / 22050, 1.5);
  const int rate = Engine::instance().sample_rate_hz();
  EXPECT_GT(median_f0_hz(de_anna.audio, rate), 1.4 * median_f0_hz(de.audio, rate));
}

TEST(Engine, ListsProjectVoicesFirstThenEspeaks) {
  const auto voices = Engine::instance().list_voices();
  ASSERT_GE(voices.size(), 100u);
  ASSERT_TRUE(voices[0].project);
  ASSERT_TRUE(voices[1].project);
  EXPECT_EQ(voices[0].name, "anna");
  EXPECT_EQ(voices[1].name, "leo");
  EXPECT_FALSE(voices[0].description.empty());
  bool seen_espeak = false;
  for (const auto& voice : voices) {
    if (!voice.project) seen_espeak = true;
    EXPECT_FALSE(seen_espeak && voice.project) << voice.name << " after an eSpeak voice";
    EXPECT_NE(voice.name.rfind("mb", 0) == 0 && voice.name.size() > 2 && voice.name[2] == '-', true)
        << "mbrola voice listed: " << voice.name;
  }
  auto find = [&](const std::string& name) {
    return std::find_if(voices.begin(), voices.end(),
                        [&](const VoiceInfo& v) { return v.name == name; });
  };
  ASSERT_NE(find("en-us"), voices.end());
  EXPECT_EQ(find("en-us")->language, "en-us");
  EXPECT_EQ(find("en-us")->description, "English (America)");
  ASSERT_NE(find("de"), voices.end());
  EXPECT_EQ(find("de")->language, "de");
}

TEST(Engine, EveryListedVoiceSpeaks) {
  Engine& engine = Engine::instance();
  testing::internal::CaptureStderr();  // the library never prints, nor may eSpeak through it
  for (const auto& voice : engine.list_voices()) {
    SCOPED_TRACE(voice.name);
    EXPECT_NO_THROW(engine.set_voice(voice.name));
    const SynthResult result =
        engine.synthesize("1 2", [](std::span<const std::int16_t>) { return true; });
    EXPECT_GT(result.samples, 2000);
  }
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST(Engine, DefaultVoiceFollowsTheDocumentLanguage) {
  Engine& engine = Engine::instance();
  EXPECT_EQ(engine.default_voice_for_language("en"), "en-us+anna");
  EXPECT_EQ(engine.default_voice_for_language("en-US"), "en-us+anna");
  EXPECT_EQ(engine.default_voice_for_language("en_GB"), "en+anna");
  EXPECT_EQ(engine.default_voice_for_language("en-au"), "en+anna");
  EXPECT_EQ(engine.default_voice_for_language("de"), "de+anna");
  EXPECT_EQ(engine.default_voice_for_language("de-AT"), "de+anna");
  EXPECT_EQ(engine.default_voice_for_language("fr-FR"), "fr+anna");
  EXPECT_EQ(engine.default_voice_for_language("pt-BR"), "pt-br+anna");
  EXPECT_EQ(engine.default_voice_for_language(""), "en-us+anna");
  EXPECT_EQ(engine.default_voice_for_language("xx-unknown"), "en-us+anna");
  const std::string chinese = engine.default_voice_for_language("zh");
  EXPECT_EQ(chinese.rfind("en", 0), std::string::npos) << chinese;
  for (const char* language : {"en", "en-GB", "de", "fr-FR", "pt-BR", "zh", "ja", "xx"})
    EXPECT_NO_THROW(engine.set_voice(engine.default_voice_for_language(language))) << language;
}

// A fresh process: no PulseAudio server, voices from $NARRATE_VOICES_DIR. The parent test below
// runs this binary again with only this test selected; on its own it skips.
TEST(EngineChild, VoicesFromEnvironmentWithoutSoundServer) {
  const char* expected = std::getenv("NARRATE_TEST_EXPECT_VOICE");
  if (expected == nullptr) GTEST_SKIP() << "runs only as a child of Engine.FreshProcess...";
  Engine& engine = Engine::instance();
  const auto voices = engine.list_voices();
  ASSERT_FALSE(voices.empty());
  EXPECT_EQ(voices[0].name, expected);
  EXPECT_EQ(voices[0].description, "A test voice");
  EXPECT_FALSE(voices[1].project);
  EXPECT_EQ(engine.default_voice_for_language("en"), std::string("en-us+") + expected);
  engine.set_voice(expected);
  EXPECT_GT(speak(expected, kTenWords).result.samples, 22050);
  EXPECT_THROW(engine.set_voice("anna"), Error);
}

TEST(Engine, FreshProcessWorksWithoutPulseAudioAndCleansUp) {
  test::TempDir voices;
  test::write_file(
      voices / "zed",
      "// narrate: description = A test voice\nlanguage variant\nname zed\npitch 200 260\n");
  test::write_file(voices / "Bad", "language variant\n");                // not a lowercase name
  test::write_file(voices / "junk", "language variant\nphonemes en\n");  // language data: refused
  char self[4096] = {};
  const ssize_t length = ::readlink("/proc/self/exe", self, sizeof self - 1);
  ASSERT_GT(length, 0);
  const auto run = test::run_shell(
      "PULSE_SERVER=unix:/nonexistent/narrate-no-pulse NARRATE_TEST_EXPECT_VOICE=zed "
      "NARRATE_VOICES_DIR=" +
      test::shell_quote(voices.path().string()) + " timeout 60 " + test::shell_quote(self) +
      " --gtest_filter=EngineChild.* --gtest_brief=0");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("[  PASSED  ] 1 test"), std::string::npos) << run.out;
  EXPECT_EQ(run.err, "");  // eSpeak printed nothing
  // The child removed its data farm on exit: only this process's own farm is left.
  std::error_code ec;
  for (const auto& base : {std::filesystem::temp_directory_path(), std::filesystem::path("/tmp")}) {
    for (std::filesystem::directory_iterator it(base, ec), end; !ec && it != end;
         it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.rfind("narrate-espeak-", 0) != 0) continue;
      const long pid = std::strtol(name.c_str() + 15, nullptr, 10);
      EXPECT_TRUE(pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0) << name;
    }
  }
}

}  // namespace
}  // namespace narrate::synth
