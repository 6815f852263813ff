// pipeline/speak.cpp - narrating a document to the player or a file, with cues
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <memory>

#include "audio/file_writer.hpp"
#include "audio/player.hpp"
#include "audio/split_writer.hpp"
#include "narrate/narrate.hpp"
#include "pipeline/output_paths.hpp"
#include "pipeline/render.hpp"
#include "synth/engine.hpp"
#include "timing/cues.hpp"
#include "util/atomic_file.hpp"

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

// Where the audio goes, and the file writers behind the sink when it is a file.
struct Output {
  std::unique_ptr<audio::Sink> sink;
  audio::FileWriter* file = nullptr;    // one file
  audio::SplitWriter* split = nullptr;  // numbered parts
};

Output open_output(const Document& document, const SpeakOptions& options, double expected_seconds) {
  Output out;
  if (options.output_path.empty()) {
    out.sink = std::make_unique<audio::Player>();
    return out;
  }
  audio::FileWriterOptions file_options;
  file_options.metadata.title = document.title;
  file_options.metadata.artist = document.byline;
  file_options.expected_seconds = expected_seconds;
  if (options.split_minutes > 0 || options.split_chapters) {
    auto split = std::make_unique<audio::SplitWriter>(
        options.output_path, std::move(file_options),
        audio::SplitPolicy{options.split_minutes, options.split_chapters});
    out.split = split.get();
    out.sink = std::move(split);
  } else {
    auto file = std::make_unique<audio::FileWriter>(options.output_path, std::move(file_options));
    out.file = file.get();
    out.sink = std::move(file);
  }
  return out;
}

// Subtitles and marks for cues [begin, end) of the narration, timed from `origin`, written to
// temporaries that `pending` commits once the audio is complete.
void write_timings(const SpeakOptions& options, const std::vector<timing::Cue>& all,
                   std::size_t begin, std::size_t end, std::int64_t origin, int sample_rate_hz,
                   std::size_t part, std::vector<util::AtomicFile>& pending) {
  std::vector<timing::Cue> cues(all.begin() + static_cast<long>(begin),
                                all.begin() + static_cast<long>(end));
  for (timing::Cue& cue : cues) {
    cue.begin_sample -= origin;
    cue.end_sample -= origin;
    for (timing::WordCue& word : cue.words) {
      word.begin_sample -= origin;
      word.end_sample -= origin;
    }
  }
  const auto name = [&](const std::string& path) {
    return part == 0 ? path : audio::part_path(path, part);
  };
  const auto prepare = [&](const std::string& path, const std::string& text) {
    util::AtomicFile file(path);
    file.write(text);
    file.sync();
    pending.push_back(std::move(file));
  };
  if (!options.subtitles_path.empty()) {
    const auto format = timing::subtitle_format_for_path(options.subtitles_path);
    prepare(name(options.subtitles_path), timing::render_subtitles(cues, sample_rate_hz, format));
  }
  if (!options.marks_path.empty()) {
    prepare(name(options.marks_path), timing::render_marks(cues, sample_rate_hz));
  }
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
  if (!std::isfinite(split_minutes) || split_minutes < 0) {
    throw Error(ErrorCode::Usage, "--split takes a number of minutes or 'chapters'");
  }
  if ((split_minutes > 0 || split_chapters) && (output_path.empty() || output_path == "-")) {
    throw Error(ErrorCode::Usage, "--split needs an output file (-o FILE), not playback or -o -");
  }
}

SpeakStats speak(const Document& document, const SpeakOptions& options) {
  options.validate();
  // Every output path is checked before any synthesis: a bad one fails in a moment, not after
  // the whole article was spoken.
  pipeline::check_output_paths(options);
  const auto started = Clock::now();
  const std::vector<pipeline::Utterance> plan =
      pipeline::plan_utterances(document, options.lexicon_paths);
  if (plan.empty()) throw Error(ErrorCode::NoArticle, "no speakable text in the article");

  synth::Engine& engine = synth::Engine::instance();
  SpeakStats stats;
  stats.words = count_words(document);
  // The output is opened before any synthesis, so a bad path or a missing device fails at once.
  Output output = open_output(document, options, double(stats.words) * 60.0 / options.speed.wpm);
  audio::Sink& sink = *output.sink;

  stats.voice =
      options.voice.empty() ? engine.default_voice_for_language(document.language) : options.voice;
  pipeline::Renderer renderer(engine, stats.voice, options.speed.wpm);
  stats.sample_rate_hz = renderer.sample_rate_hz();

  sink.start(audio::AudioFormat{stats.sample_rate_hz, 1});
  std::vector<timing::Cue> cues;
  std::vector<std::pair<std::int64_t, std::int64_t>> speech;  // loud extent of each cue
  std::vector<std::size_t> cue_part;        // the part each cue is in (0 without a split)
  std::vector<std::int64_t> part_start{0};  // where each part begins in the narration
  std::int64_t position = 0;
  Clock::duration synth_time{};
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const pipeline::Utterance& utterance = plan[i];
    const auto synth_started = Clock::now();
    const pipeline::RenderedUtterance rendered =
        renderer.render(std::span<const pipeline::Utterance>(plan).subspan(i), options.stop);
    synth_time += Clock::now() - synth_started;
    if (rendered.cancelled ||
        (options.stop != nullptr && options.stop->load(std::memory_order_relaxed))) {
      throw Error(ErrorCode::Interrupted, "interrupted");
    }
    sink.write(rendered.samples);
    write_silence(sink, rendered.pause_samples);
    cues.push_back(cue_for(utterance, rendered, position));
    cue_part.push_back(output.split != nullptr ? output.split->next_part() : 0);
    speech.emplace_back(position + rendered.first_loud, position + rendered.last_loud);
    position += static_cast<std::int64_t>(rendered.samples.size()) + rendered.pause_samples;
    cues.back().end_sample = position;
    ++stats.sentences;
    if (output.split != nullptr && i + 1 < plan.size()) {
      // Parts are cut only here, after a sentence's pause: never inside speech. A chapter
      // begins with the first sentence of a heading.
      const pipeline::Utterance& next = plan[i + 1];
      const bool chapter = next.sentence.kind == BlockKind::Heading &&
                           next.sentence.block != utterance.sentence.block;
      output.split->boundary(utterance.boundary != pipeline::Boundary::Sentence, chapter,
                             next.sentence.text);
      if (output.split->next_part() != cue_part.back()) part_start.push_back(position);
    }
  }
  // Cues touch, and each boundary lies in the middle of the silence between the last sound of
  // one sentence and the first of the next (eSpeak's own end pause plus narrate's pause). Where
  // a part ends, the cues end and begin with the files instead.
  for (std::size_t c = 1; c < cues.size(); ++c) {
    if (cue_part[c] != cue_part[c - 1]) continue;
    const std::int64_t boundary = (speech[c - 1].second + speech[c].first) / 2;
    cues[c - 1].end_sample = boundary;
    cues[c].begin_sample = boundary;
  }

  // Subtitles and marks are written before the audio is committed and renamed after it: a
  // failure on either side leaves neither (the audio writer removes its parts when destroyed).
  std::vector<util::AtomicFile> pending;
  if (output.split == nullptr) {
    write_timings(options, cues, 0, cues.size(), 0, stats.sample_rate_hz, 0, pending);
  } else {
    for (std::size_t begin = 0; begin < cues.size();) {
      std::size_t end = begin;
      while (end < cues.size() && cue_part[end] == cue_part[begin]) ++end;
      const std::size_t part = cue_part[begin];
      write_timings(options, cues, begin, end, part_start[part - 1], stats.sample_rate_hz, part,
                    pending);
      begin = end;
    }
  }
  sink.finish();
  for (util::AtomicFile& file : pending) file.commit();
  if (output.split != nullptr) {
    stats.files = output.split->paths();
    stats.encode_seconds = output.split->encode_seconds();
  } else if (output.file != nullptr) {
    stats.files = {output.file->path()};
    stats.encode_seconds = output.file->encode_seconds();
  }

  stats.samples = position;
  stats.synth_seconds = std::chrono::duration<double>(synth_time).count();
  stats.syntheses = renderer.totals().syntheses;
  stats.stretched = renderer.totals().stretched;
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
