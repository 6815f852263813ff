// pipeline/speak.cpp - narrating a document to the player or a file, with cues
#include <algorithm>
#include <array>
#include <chrono>
#include <memory>

#include "audio/file_writer.hpp"
#include "audio/player.hpp"
#include "narrate/narrate.hpp"
#include "pipeline/render.hpp"
#include "synth/engine.hpp"
#include "timing/cues.hpp"

namespace narrate {

namespace {

using Clock = std::chrono::steady_clock;

void write_silence(audio::Sink& sink, std::int64_t samples) {
  static constexpr std::array<std::int16_t, 1024> kZeros{};
  while (samples > 0) {
    const auto n = static_cast<std::size_t>(std::min<std::int64_t>(samples, kZeros.size()));
    sink.write(std::span<const std::int16_t>(kZeros.data(), n));
    samples -= static_cast<std::int64_t>(n);
  }
}

std::unique_ptr<audio::Sink> open_sink(const Document& document, const SpeakOptions& options) {
  if (options.output_path.empty()) return std::make_unique<audio::Player>();
  audio::FileMetadata metadata;
  metadata.title = document.title;
  metadata.artist = document.byline;
  return std::make_unique<audio::FileWriter>(options.output_path, metadata);
}

timing::Cue cue_for(const pipeline::Utterance& utterance,
                    const pipeline::RenderedUtterance& rendered, std::int64_t begin) {
  timing::Cue cue;
  cue.begin_sample = begin;
  cue.end_sample = begin + static_cast<std::int64_t>(rendered.samples.size());
  cue.text = utterance.sentence.text;
  cue.block = utterance.sentence.block;
  cue.source_begin = utterance.sentence.begin;
  cue.source_end = utterance.sentence.end;
  const bool same = utterance.spoken == utterance.sentence.text;
  for (std::size_t w = 0; w < rendered.words.size(); ++w) {
    const synth::WordMark& mark = rendered.words[w];
    timing::WordCue word;
    word.begin_sample = begin + mark.sample;
    word.end_sample = w + 1 < rendered.words.size() ? begin + rendered.words[w + 1].sample
                                                    : begin + rendered.last_loud + 1;
    word.text = utterance.spoken.substr(mark.text_begin, mark.text_end - mark.text_begin);
    // Offsets map straight back only when the spoken form is the written one.
    word.source_begin = utterance.sentence.begin + (same ? mark.text_begin : 0);
    word.source_end = same ? utterance.sentence.begin + mark.text_end : utterance.sentence.end;
    cue.words.push_back(std::move(word));
  }
  return cue;
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
  const std::vector<pipeline::Utterance> plan = pipeline::plan_utterances(document, options.lexicon_paths);
  if (plan.empty()) throw Error(ErrorCode::NoArticle, "no speakable text in the article");

  // The output is opened before any synthesis, so a bad path or a missing device fails at once.
  std::unique_ptr<audio::Sink> sink = open_sink(document, options);

  synth::Engine& engine = synth::Engine::instance();
  SpeakStats stats;
  stats.voice = options.voice.empty() ? engine.default_voice_for_language(document.language)
                                      : options.voice;
  pipeline::Renderer renderer(engine, stats.voice, options.speed.wpm);
  stats.sample_rate_hz = renderer.sample_rate_hz();

  sink->start(audio::AudioFormat{stats.sample_rate_hz, 1});
  std::vector<timing::Cue> cues;
  std::vector<std::pair<std::int64_t, std::int64_t>> speech;  // loud extent of each cue
  std::int64_t position = 0;
  Clock::duration synth_time{};
  for (const pipeline::Utterance& utterance : plan) {
    const auto synth_started = Clock::now();
    const pipeline::RenderedUtterance rendered = renderer.render(utterance, options.stop);
    synth_time += Clock::now() - synth_started;
    if (rendered.cancelled ||
        (options.stop != nullptr && options.stop->load(std::memory_order_relaxed))) {
      throw Error(ErrorCode::Interrupted, "interrupted");
    }
    sink->write(rendered.samples);
    write_silence(*sink, rendered.pause_samples);
    cues.push_back(cue_for(utterance, rendered, position));
    speech.emplace_back(position + rendered.first_loud, position + rendered.last_loud);
    position += static_cast<std::int64_t>(rendered.samples.size()) + rendered.pause_samples;
    cues.back().end_sample = position;
    ++stats.sentences;
  }
  // Cues touch, and each boundary lies in the middle of the silence between the last sound of
  // one sentence and the first of the next (eSpeak's own end pause plus narrate's pause).
  for (std::size_t c = 1; c < cues.size(); ++c) {
    const std::int64_t boundary = (speech[c - 1].second + speech[c].first) / 2;
    cues[c - 1].end_sample = boundary;
    cues[c].begin_sample = boundary;
  }

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
