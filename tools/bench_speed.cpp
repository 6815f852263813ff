// tools/bench_speed.cpp - effective WPM of narrate beside espeak-ng's nominal rate; MP3 timing
//
// Usage:
//   bench_speed [--speeds 150,200,...] [--voice V] [--detail] TEXT...
//       For each text and speed: the words per minute a listener hears from narrate (words as
//       `narrate --extract` prints them, over the whole audio with pauses) beside the espeak-ng
//       command line at -s SPEED on the same extracted text, words counted the same way.
//       --detail adds how steady narrate's pace is (sentence-to-sentence speed changes).
//   bench_speed --mp3 [--speeds S] [--runs N] TEXT
//       Time to write an MP3 beside synthesis alone (a WAV) and encoding alone (the same audio
//       through the MP3 writer), median of N runs.
// Exit status 1 when a narrate figure misses its target (±6 % WPM on prose, issue 16; MP3
// within 15 % of the larger of synthesis and encoding alone), so scripts can gate on it.
#include <sndfile.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "audio/file_writer.hpp"
#include "narrate/narrate.hpp"
#include "pipeline/render.hpp"
#include "synth/engine.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr double kWpmTolerance = 0.06;  // issue 16: prose within 6 % (pace is syllables)
constexpr double kMp3Slack = 1.15;

struct Args {
  std::vector<double> speeds = {150, 200, 250, 300, 400, 500, 800};
  std::string voice;
  bool detail = false;
  bool mp3 = false;
  int runs = 3;
  std::vector<std::string> texts;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<std::int16_t> read_samples(const fs::path& path, int& rate) {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (file == nullptr) return {};
  std::vector<std::int16_t> samples(static_cast<std::size_t>(info.frames * info.channels));
  sf_read_short(file, samples.data(), static_cast<sf_count_t>(samples.size()));
  sf_close(file);
  rate = info.samplerate;
  return samples;
}

double audio_seconds(const fs::path& path) {
  int rate = 0;
  const auto samples = read_samples(path, rate);
  return rate > 0 ? double(samples.size()) / rate : 0;
}

std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The eSpeak voice the espeak-ng command line knows for narrate's voice: narrate's own variants
// ("+anna") live in narrate's private data, so the comparison uses the language voice alone.
std::string espeak_cli_voice(const std::string& narrate_voice) {
  const std::string resolved = narrate::synth::Engine::instance().resolve_voice(narrate_voice);
  return resolved.substr(0, resolved.find('+'));
}

// How steady the pace is: median and 95th percentile of |log(speed_i / speed_i-1)| between
// consecutive sentences of 6 words or more, as per cent, and the share of sentences synthesized
// more than once.
void print_detail(const narrate::Document& document, const std::string& voice, double wpm) {
  using namespace narrate;
  const auto plan = pipeline::plan_utterances(document);
  pipeline::Renderer renderer(synth::Engine::instance(), voice, wpm);
  std::vector<double> steps;
  double previous = 0;
  std::size_t retried = 0;
  double lo = 1e9, hi = 0;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const auto& utterance = plan[i];
    const auto audio = renderer.render(std::span<const pipeline::Utterance>(plan).subspan(i));
    const double speed = audio.espeak_rate * audio.stretch;
    if (audio.syntheses > 1) ++retried;
    if (utterance.words < 6) continue;
    lo = std::min(lo, speed);
    hi = std::max(hi, speed);
    if (previous > 0) steps.push_back(std::abs(std::log(speed / previous)) * 100);
    previous = speed;
  }
  std::sort(steps.begin(), steps.end());
  const auto at = [&](double q) {
    return steps.empty() ? 0.0 : steps[std::min(steps.size() - 1, std::size_t(q * steps.size()))];
  };
  std::printf("      pace: step median %.1f %%, p95 %.1f %%; speeds %.0f..%.0f; retried %zu/%zu\n",
              at(0.5), at(0.95), lo, hi, retried, plan.size());
}

int bench_wpm(const Args& args) {
  using namespace narrate;
  const fs::path dir = fs::temp_directory_path() / ("bench_speed." + std::to_string(::getpid()));
  fs::create_directories(dir);
  int misses = 0;
  std::printf("%-28s %6s %6s | %8s %7s %6s %5s %5s | %8s %7s\n", "text", "words", "asked",
              "narrate", "error", "synth", "redo", "strch", "espeak", "error");
  std::vector<double> narrate_errors;
  std::vector<double> espeak_errors;
  for (const std::string& source : args.texts) {
    const Document document = read_article(source);
    const std::size_t words = count_words(document);
    const fs::path text_path = dir / "text.txt";
    std::ofstream(text_path) << document_text(document, true);
    const std::string voice =
        args.voice.empty() ? synth::Engine::instance().default_voice_for_language(document.language)
                           : args.voice;
    const std::string cli_voice = espeak_cli_voice(voice);
    const std::string name = fs::path(source).filename().string();
    for (const double wpm : args.speeds) {
      SpeakOptions options;
      options.speed.wpm = wpm;
      options.voice = voice;
      options.output_path = (dir / "narrate.wav").string();
      const SpeakStats stats = speak(document, options);
      const double narrate_wpm = stats.effective_wpm();
      const double narrate_error = narrate_wpm / wpm - 1;
      narrate_errors.push_back(std::abs(narrate_error));
      if (std::abs(narrate_error) > kWpmTolerance) ++misses;

      const fs::path espeak_wav = dir / "espeak.wav";
      const std::string command = "espeak-ng -v " + quote(cli_voice) + " -s " +
                                  std::to_string(std::lround(wpm)) + " -w " +
                                  quote(espeak_wav.string()) + " -f " + quote(text_path.string());
      double espeak_wpm = 0;
      if (std::system(command.c_str()) == 0) {
        const double seconds = audio_seconds(espeak_wav);
        if (seconds > 0) espeak_wpm = double(words) * 60 / seconds;
      }
      espeak_errors.push_back(std::abs(espeak_wpm / wpm - 1));
      std::printf("%-28s %6zu %6.0f | %8.1f %+6.1f%% %5.2fs %5.2f %5zu | %8.1f %+6.1f%%\n",
                  name.c_str(), words, wpm, narrate_wpm, narrate_error * 100, stats.synth_seconds,
                  double(stats.syntheses) / double(std::max<std::size_t>(1, stats.sentences)),
                  stats.stretched, espeak_wpm, (espeak_wpm / wpm - 1) * 100);
      if (args.detail) print_detail(document, voice, wpm);
      std::fflush(stdout);
    }
  }
  const auto worst = [](const std::vector<double>& v) {
    return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()) * 100;
  };
  std::printf("worst |error|: narrate %.1f %%, espeak-ng -s %.1f %%; narrate misses of ±6 %%: %d\n",
              worst(narrate_errors), worst(espeak_errors), misses);
  fs::remove_all(dir);
  return misses == 0 ? 0 : 1;
}

int bench_mp3(const Args& args) {
  using namespace narrate;
  const fs::path dir = fs::temp_directory_path() / ("bench_speed." + std::to_string(::getpid()));
  fs::create_directories(dir);
  const Document document = read_article(args.texts.front());
  int misses = 0;
  for (const double wpm : args.speeds) {
    std::vector<double> synth_alone, encode_alone, mp3_total, mp3_encode_cpu;
    double audio = 0;
    for (int run = 0; run < args.runs; ++run) {
      SpeakOptions options;
      options.speed.wpm = wpm;
      options.voice = args.voice;
      options.output_path = (dir / "speech.wav").string();
      const SpeakStats wav = speak(document, options);
      synth_alone.push_back(wav.total_seconds);
      audio = wav.audio_seconds();

      // Encoding alone: the same audio through the MP3 writer, in blocks the size synthesis
      // hands over, with nothing else to do meanwhile.
      int rate = 0;
      const auto samples = read_samples(dir / "speech.wav", rate);
      const auto started = Clock::now();
      {
        audio::FileWriter writer((dir / "alone.mp3").string(),
                                 audio::FileMetadata{document.title, "", "", ""});
        writer.start(audio::AudioFormat{rate, 1});
        for (std::size_t i = 0; i < samples.size(); i += 4096) {
          writer.write(std::span<const std::int16_t>(samples).subspan(
              i, std::min<std::size_t>(4096, samples.size() - i)));
        }
        writer.finish();
      }
      encode_alone.push_back(seconds_since(started));

      options.output_path = (dir / "speech.mp3").string();
      const SpeakStats mp3 = speak(document, options);
      mp3_total.push_back(mp3.total_seconds);
      mp3_encode_cpu.push_back(mp3.encode_seconds);
    }
    const auto median = [](std::vector<double> v) {
      std::sort(v.begin(), v.end());
      return v[v.size() / 2];
    };
    const double synth = median(synth_alone);
    const double encode = median(encode_alone);
    const double total = median(mp3_total);
    const double bound = std::max(synth, encode) * kMp3Slack;
    if (total > bound) ++misses;
    std::printf(
        "%s at %.0f WPM (%.0f s of audio): synthesis alone %.2f s, encoding alone %.2f s, MP3 "
        "%.2f s (encoder thread CPU %.2f s) = %.2f x max(synthesis, encoding); target <= %.2f "
        "-> %s\n",
        fs::path(args.texts.front()).filename().c_str(), wpm, audio, synth, encode, total,
        median(mp3_encode_cpu), total / std::max(synth, encode), kMp3Slack,
        total <= bound ? "ok" : "MISS");
  }
  fs::remove_all(dir);
  return misses == 0 ? 0 : 1;
}

std::vector<double> parse_speeds(const std::string& list) {
  std::vector<double> speeds;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) speeds.push_back(std::stod(item));
  return speeds;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--speeds" && i + 1 < argc) {
      args.speeds = parse_speeds(argv[++i]);
    } else if (arg == "--voice" && i + 1 < argc) {
      args.voice = argv[++i];
    } else if (arg == "--runs" && i + 1 < argc) {
      args.runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--detail") {
      args.detail = true;
    } else if (arg == "--mp3") {
      args.mp3 = true;
    } else if (arg == "-h" || arg == "--help") {
      std::puts(
          "usage: bench_speed [--speeds 150,200,...] [--voice V] [--detail] TEXT...\n"
          "       bench_speed --mp3 [--speeds S] [--runs N] TEXT");
      return 0;
    } else {
      args.texts.push_back(arg);
    }
  }
  if (args.texts.empty()) {
    std::fputs("bench_speed: no TEXT given (see --help)\n", stderr);
    return 2;
  }
  try {
    return args.mp3 ? bench_mp3(args) : bench_wpm(args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_speed: %s\n", e.what());
    return 2;
  }
}
