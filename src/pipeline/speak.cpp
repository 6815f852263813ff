// pipeline/speak.cpp - sentences -> eSpeak NG -> player or file, with narrate's own pauses
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <memory>

#include "audio/file_writer.hpp"
#include "audio/player.hpp"
#include "narrate/narrate.hpp"
#include "synth/engine.hpp"
#include "synth/rate.hpp"
#include "timing/cues.hpp"

namespace narrate {

namespace {

using Clock = std::chrono::steady_clock;

// Samples at or below this amplitude count as silence when placing cue boundaries (-54 dBFS).
constexpr int kQuietAmplitude = 64;

bool stop_requested(const SpeakOptions& options) {
  return options.stop != nullptr && options.stop->load(std::memory_order_relaxed);
}

void write_silence(audio::Sink& sink, std::int64_t samples) {
  static constexpr std::array<std::int16_t, 1024> kZeros{};
  while (samples > 0) {
    const auto n = static_cast<std::size_t>(std::min<std::int64_t>(samples, kZeros.size()));
    sink.write(std::span<const std::int16_t>(kZeros.data(), n));
    samples -= static_cast<std::int64_t>(n);
  }
}

// The pause after a sentence depends on what ends with it: the title and headings get the
// longest, the end of a paragraph the next, a sentence inside a paragraph the shortest.
std::int64_t pause_after(const Sentence& sentence, const synth::Pauses& pauses) {
  if (!sentence.ends_block) return pauses.sentence;
  if (sentence.kind == BlockKind::Heading) return pauses.heading;
  return pauses.paragraph;
}

std::unique_ptr<audio::Sink> open_sink(const Document& document, const SpeakOptions& options) {
  if (options.output_path.empty()) return std::make_unique<audio::Player>();
  audio::FileMetadata metadata;
  metadata.title = document.title;
  metadata.artist = document.byline;
  return std::make_unique<audio::FileWriter>(options.output_path, metadata);
}

}  // namespace

void SpeakOptions::validate() const {
  if (!output_path.empty() && output_path != "-") audio::file_format_for_path(output_path);
  if (!subtitles_path.empty()) timing::subtitle_format_for_path(subtitles_path);
  if (speed.wpm < Speed::kMinWpm || speed.wpm > Speed::kMaxWpm) {
    throw Error(ErrorCode::Usage, "speed out of range (80 to 900 words per minute)");
  }
}

SpeakStats speak(const Document& document, const SpeakOptions& options) {
  options.validate();
  const auto started = Clock::now();
  const std::vector<Sentence> sentences = sentences_of(document);

  // The output is opened before any synthesis, so a bad path or a missing device fails at once.
  std::unique_ptr<audio::Sink> sink = open_sink(document, options);

  synth::Engine& engine = synth::Engine::instance();
  SpeakStats stats;
  stats.voice = options.voice.empty() ? engine.default_voice_for_language(document.language)
                                      : options.voice;
  engine.set_voice(stats.voice);
  engine.set_rate(synth::espeak_rate_for(options.speed.wpm, engine.resolve_voice(stats.voice)));
  stats.sample_rate_hz = engine.sample_rate_hz();
  const synth::Pauses pauses = synth::pauses_for(options.speed.wpm, stats.sample_rate_hz);

  sink->start(audio::AudioFormat{stats.sample_rate_hz, 1});
  std::vector<timing::Cue> cues;
  struct SpeechExtent {
    std::int64_t first;  // first sample louder than kQuietAmplitude
    std::int64_t last;   // last such sample
  };
  std::vector<SpeechExtent> speech;
  std::int64_t position = 0;
  Clock::duration synth_time{};
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const Sentence& sentence = sentences[i];
    const std::string spoken = spoken_text(sentence, document.language);
    if (spoken.find_first_not_of(" \t\n") == std::string::npos) continue;

    const std::int64_t begin = position;
    const auto synth_started = Clock::now();
    Clock::duration sink_time{};
    std::int64_t first_loud = -1;
    std::int64_t last_loud = -1;
    const synth::SynthResult result =
        engine.synthesize(spoken, [&](std::span<const std::int16_t> samples) {
          for (std::size_t k = 0; k < samples.size(); ++k) {
            if (std::abs(int(samples[k])) > kQuietAmplitude) {
              if (first_loud < 0) first_loud = position + static_cast<std::int64_t>(k);
              last_loud = position + static_cast<std::int64_t>(k);
            }
          }
          const auto write_started = Clock::now();
          sink->write(samples);
          sink_time += Clock::now() - write_started;
          position += static_cast<std::int64_t>(samples.size());
          return !stop_requested(options);
        });
    // Time blocked in the sink (a full playback buffer, an encoder) is not synthesis time.
    synth_time += Clock::now() - synth_started - sink_time;
    if (result.cancelled || stop_requested(options)) {
      throw Error(ErrorCode::Interrupted, "interrupted");
    }
    ++stats.sentences;

    timing::Cue cue;
    cue.begin_sample = begin;
    speech.push_back({first_loud < 0 ? begin : first_loud, last_loud < 0 ? begin : last_loud});
    cue.text = sentence.text;
    cue.block = sentence.block;
    cue.source_begin = sentence.begin;
    cue.source_end = sentence.end;
    for (std::size_t w = 0; w < result.words.size(); ++w) {
      const synth::WordMark& mark = result.words[w];
      timing::WordCue word;
      word.begin_sample = begin + mark.sample;
      word.end_sample = w + 1 < result.words.size() ? begin + result.words[w + 1].sample : position;
      word.text = spoken.substr(mark.text_begin, mark.text_end - mark.text_begin);
      // Offsets map straight back only when the spoken form is the written one.
      const bool same = spoken == sentence.text;
      word.source_begin = same ? sentence.begin + mark.text_begin : sentence.begin;
      word.source_end = same ? sentence.begin + mark.text_end : sentence.end;
      cue.words.push_back(std::move(word));
    }

    // No pause after the last sentence: the engine's own end pause closes the audio.
    const bool last = i + 1 == sentences.size();
    const std::int64_t pause = last ? 0 : pause_after(sentence, pauses);
    write_silence(*sink, pause);
    position += pause;
    cue.end_sample = position;
    cues.push_back(std::move(cue));
  }
  // Cues touch, and each boundary lies in the middle of the silence between the last sound of
  // one sentence and the first of the next (eSpeak's own end pause plus narrate's pause).
  for (std::size_t c = 1; c < cues.size(); ++c) {
    const std::int64_t boundary = (speech[c - 1].last + speech[c].first) / 2;
    cues[c - 1].end_sample = boundary;
    cues[c].begin_sample = boundary;
  }
  if (stats.sentences == 0) throw Error(ErrorCode::NoArticle, "no speakable text in the article");

  sink->finish();
  if (!options.subtitles_path.empty()) {
    const auto format = timing::subtitle_format_for_path(options.subtitles_path);
    timing::write_text_file(options.subtitles_path,
                            timing::render_subtitles(cues, stats.sample_rate_hz, format));
  }
  if (!options.marks_path.empty()) {
    timing::write_text_file(options.marks_path, timing::render_marks(cues, stats.sample_rate_hz));
  }

  stats.words = count_words(document);
  stats.samples = position;
  stats.synth_seconds = std::chrono::duration<double>(synth_time).count();
  stats.total_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return stats;
}

std::vector<VoiceEntry> list_voices() {
  std::vector<VoiceEntry> entries;
  for (const synth::VoiceInfo& voice : synth::Engine::instance().list_voices()) {
    entries.push_back({voice.name, voice.language, voice.description, voice.project});
  }
  return entries;
}

}  // namespace narrate
