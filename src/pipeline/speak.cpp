// pipeline/speak.cpp - narrating a document to the player or a file, with cues
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <ctime>
#include <memory>

#include "audio/file_writer.hpp"
#include "audio/split_writer.hpp"
#include "narrate/narrate.hpp"
#include "narrate/playback.hpp"
#include "pipeline/output_paths.hpp"
#include "pipeline/render.hpp"
#include "pipeline/segment_render.hpp"
#include "synth/engine.hpp"
#include "timing/captions.hpp"
#include "timing/cue_track.hpp"
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

// Today as "2026-12-03" (local time): the date a narration's files are tagged with.
std::string today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

std::unique_ptr<audio::Sink> open_output(const Document& document, const SpeakOptions& options,
                                         double expected_seconds, bool has_headings) {
  audio::FileWriterOptions file_options;
  file_options.metadata.title = document.title;
  file_options.metadata.artist = document.byline;
  file_options.metadata.date = today();
  file_options.metadata.source_url = options.source_url;
  file_options.expected_seconds = expected_seconds;
  if (options.loudness_lufs) {
    file_options.loudness = audio::LoudnessTarget{*options.loudness_lufs, options.true_peak_dbtp};
  }
  file_options.bitrate_kbps = options.bitrate_kbps;
  file_options.stop = options.stop;
  // Chapter marks where the format holds them (a spooled file, so only where they are wanted).
  // A FIFO or device written without loudness normalization streams as the audio comes (as
  // `narrate serve`'s workers do): chapters would hold it all back until the end.
  const audio::FileFormat format = audio::file_format_for_path(options.output_path);
  struct stat target {};
  const bool stream = ::stat(options.output_path.c_str(), &target) == 0 && !S_ISREG(target.st_mode);
  file_options.chapters = has_headings && (!stream || options.loudness_lufs) &&
                          (format == audio::FileFormat::Mp3 || format == audio::FileFormat::Ogg ||
                           format == audio::FileFormat::Opus);
  if (options.split_minutes > 0 || options.split_chapters) {
    return std::make_unique<audio::SplitWriter>(
        options.output_path, std::move(file_options),
        audio::SplitPolicy{options.split_minutes, options.split_chapters});
  }
  return std::make_unique<audio::FileWriter>(options.output_path, std::move(file_options));
}

// A timing file's name for a part: "subs.vtt" for one file, "subs-002.vtt" for part 2.
std::string timing_path(const std::string& path, std::size_t part) {
  return part == 0 ? path : audio::part_path(path, part);
}

// Subtitles and marks of every part, written to temporaries (util::AtomicFile) that the caller
// commits once the audio is complete: a failure on either side leaves neither.
std::vector<util::AtomicFile> prepare_timings(const SpeakOptions& options,
                                              const std::vector<timing::CuePart>& parts,
                                              int sample_rate_hz) {
  std::vector<util::AtomicFile> pending;
  const auto prepare = [&](const std::string& path, const std::string& text) {
    util::AtomicFile file(path);
    file.write(text);
    file.sync();
    pending.push_back(std::move(file));
  };
  for (const timing::CuePart& part : parts) {
    if (!options.subtitles_path.empty()) {
      const auto format = timing::subtitle_format_for_path(options.subtitles_path);
      const timing::CaptionLimits limits{options.caption_chars, options.caption_lines,
                                         options.caption_seconds};
      prepare(timing_path(options.subtitles_path, part.part),
              timing::render_subtitles(
                  options.sentence_cues ? part.cues
                                        : timing::caption_cues(part.cues, limits, sample_rate_hz),
                  sample_rate_hz, format));
    }
    if (!options.marks_path.empty()) {
      prepare(timing_path(options.marks_path, part.part),
              timing::render_marks(part.cues, sample_rate_hz));
    }
  }
  return pending;
}

// Playback on the default device: the one playback path (Playback), run to its end.
SpeakStats play(const Document& document, const SpeakOptions& options) {
  const auto started = Clock::now();
  PlayOptions play_options;
  play_options.speed = options.speed;
  play_options.voice = options.voice;
  play_options.lexicon_paths = options.lexicon_paths;
  play_options.stop = options.stop;
  Playback playback(document, play_options);
  const PlayResult result = playback.finish();
  SpeakStats stats;
  stats.words = count_words(document);
  stats.sentences = result.sentences;
  stats.voice = result.voice;
  stats.sample_rate_hz = playback.status().sample_rate_hz;
  stats.samples = static_cast<std::int64_t>(
      std::llround(double(stats.words) * 60.0 / options.speed.wpm * stats.sample_rate_hz));
  stats.total_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return stats;
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
  // One mark per written word, from the source map: "U.S." is marked as written, and a word
  // eSpeak joined to its neighbour still has its own place.
  const std::string& written = utterance.sentence.text;
  for (std::size_t w = 0; w < utterance.word_spans.size() && w < rendered.word_times.size(); ++w) {
    const WordSpan& span = utterance.word_spans[w];
    timing::WordCue word;
    word.begin_sample = begin + rendered.word_times[w].begin_sample;
    word.end_sample = begin + rendered.word_times[w].end_sample;
    word.text = written.substr(span.begin, span.end - span.begin);
    word.spoken = utterance.spoken.substr(span.spoken_begin, span.spoken_end - span.spoken_begin);
    word.source_begin = utterance.sentence.begin + span.begin;
    word.source_end = utterance.sentence.begin + span.end;
    cue.words.push_back(std::move(word));
  }
  // SSML marks: heard where the first word at or after them begins, else where speech ends.
  const std::int64_t speech_end = begin + rendered.last_loud;
  for (const BlockMark& mark : utterance.marks) {
    std::int64_t at = speech_end;
    for (const timing::WordCue& word : cue.words) {
      if (mark.offset != static_cast<std::size_t>(-1) && word.source_begin >= mark.offset) {
        at = word.begin_sample;
        break;
      }
    }
    if (mark.offset == 0 && cue.words.empty()) at = begin + rendered.first_loud;
    cue.marks.push_back({std::max(at, begin), mark.name});
  }
  return cue;
}

}  // namespace

void SpeakOptions::validate() const {
  if (!output_path.empty() && output_path != "-") audio::file_format_for_path(output_path);
  if (!subtitles_path.empty()) timing::subtitle_format_for_path(subtitles_path);
  speed.validate();
  if (!std::isfinite(split_minutes) || split_minutes < 0) {
    throw Error(ErrorCode::Usage, "--split takes a number of minutes or 'chapters'");
  }
  if (output_path.empty() && (!subtitles_path.empty() || !marks_path.empty())) {
    throw Error(ErrorCode::Usage,
                "--subtitles and --marks are written with an audio file (-o FILE)");
  }
  if ((split_minutes > 0 || split_chapters) && (output_path.empty() || output_path == "-")) {
    throw Error(ErrorCode::Usage, "--split needs an output file (-o FILE), not playback or -o -");
  }
  if (loudness_lufs && !(*loudness_lufs >= -40 && *loudness_lufs <= -5)) {
    throw Error(ErrorCode::Usage, "--loudness takes off or a loudness from -40 to -5 (LUFS)");
  }
  if (!(true_peak_dbtp >= -20 && true_peak_dbtp <= 0)) {
    throw Error(ErrorCode::Usage, "the true-peak ceiling must be from -20 to 0 dBTP");
  }
  if (bitrate_kbps != 0 && (bitrate_kbps < 8 || bitrate_kbps > 320)) {
    throw Error(ErrorCode::Usage, "--quality takes a bitrate from 8 to 320 (kbit/s)");
  }
  if (caption_chars < 10 || caption_lines < 1 || !(caption_seconds >= 1)) {
    throw Error(ErrorCode::Usage, "captions need at least 10 characters, 1 line and 1 second");
  }
}

SpeakStats speak(const Document& document, const SpeakOptions& options) {
  options.validate();
  if (options.output_path.empty()) return play(document, options);
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
  // The output is opened before any synthesis, so a bad path fails at once.
  double due_words = 0;  // the narration's length at the speed, in words (dense text: more)
  const std::vector<double> due_per_sentence = pipeline::due_words(plan);
  for (const double due : due_per_sentence) due_words += due;
  double due_done = 0;
  const bool has_headings =
      std::any_of(plan.begin(), plan.end(), [](const pipeline::Utterance& utterance) {
        return utterance.sentence.kind == BlockKind::Heading;
      });
  const std::unique_ptr<audio::Sink> sink =
      open_output(document, options, due_words * 60.0 / options.speed.wpm, has_headings);

  stats.voice =
      options.voice.empty() ? engine.default_voice_for_language(document.language) : options.voice;
  pipeline::SegmentRenderer renderer(plan, stats.voice, options.speed.wpm, options.jobs,
                                     options.stop);
  stats.sample_rate_hz = renderer.sample_rate_hz();

  const double planned_seconds = due_words * 60.0 / options.speed.wpm;
  if (options.on_progress) {
    // Before the first byte of audio: a reader of the stream may announce the length.
    SpeakProgress progress;
    progress.sentences = plan.size();
    progress.planned_seconds = planned_seconds;
    progress.elapsed_seconds = std::chrono::duration<double>(Clock::now() - started).count();
    options.on_progress(progress);
  }
  sink->start(audio::AudioFormat{stats.sample_rate_hz, 1});
  timing::CueTrack cues;
  const bool keep_cues = !options.subtitles_path.empty() || !options.marks_path.empty();
  std::int64_t position = 0;
  Clock::duration synth_time{};
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const pipeline::Utterance& utterance = plan[i];
    const auto synth_started = Clock::now();
    const pipeline::RenderedUtterance rendered = renderer.next();
    synth_time += Clock::now() - synth_started;
    if (rendered.cancelled ||
        (options.stop != nullptr && options.stop->load(std::memory_order_relaxed))) {
      throw Error(ErrorCode::Interrupted, "interrupted");
    }
    const std::size_t part = sink->part();
    sink->write(rendered.samples);
    write_silence(*sink, rendered.pause_samples);
    const std::int64_t begin = position;
    position += static_cast<std::int64_t>(rendered.samples.size()) + rendered.pause_samples;
    // Cues are kept only for the timing files that need them: without, memory stays flat
    // however long the text (every cue holds its sentence and words).
    if (keep_cues) {
      timing::Cue cue = cue_for(utterance, rendered, begin);
      cue.end_sample = position;
      cues.add(std::move(cue), begin + rendered.first_loud, begin + rendered.last_loud, part);
    }
    ++stats.sentences;
    if (options.on_progress) {
      due_done += i < due_per_sentence.size() ? due_per_sentence[i] : 0;
      SpeakProgress progress;
      progress.sentences_done = i + 1;
      progress.sentences = plan.size();
      progress.fraction =
          due_words > 0 ? std::min(1.0, due_done / due_words) : double(i + 1) / double(plan.size());
      progress.audio_seconds = double(position) / stats.sample_rate_hz;
      progress.elapsed_seconds = std::chrono::duration<double>(Clock::now() - started).count();
      progress.planned_seconds = planned_seconds;
      options.on_progress(progress);
    }
    if (i + 1 < plan.size()) {
      // A split sink cuts only here, after a sentence's pause: never inside speech. A chapter
      // begins with the first sentence of a heading.
      const pipeline::Utterance& next = plan[i + 1];
      sink->boundary({utterance.boundary != pipeline::Boundary::Sentence,
                      next.sentence.kind == BlockKind::Heading &&
                          next.sentence.block != utterance.sentence.block,
                      next.sentence.text});
    }
  }

  // Subtitles and marks are written before the audio is completed and renamed after it: a
  // failure on either side leaves neither (the audio writer removes its files when destroyed,
  // and audio already completed is taken back should a timing file fail to commit).
  std::vector<util::AtomicFile> pending =
      prepare_timings(options, cues.parts(), stats.sample_rate_hz);
  sink->finish();
  try {
    for (util::AtomicFile& file : pending) file.commit();
  } catch (...) {
    for (const std::string& path : sink->paths()) {
      struct stat info {};
      if (::lstat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode)) ::unlink(path.c_str());
    }
    throw;
  }
  stats.files = sink->paths();
  stats.encode_seconds = sink->encode_seconds();
  stats.samples = position;
  stats.synth_seconds = std::chrono::duration<double>(synth_time).count();
  stats.syntheses = renderer.totals().syntheses;
  stats.stretched = renderer.totals().stretched;
  stats.syllables = renderer.totals().syllables;
  stats.total_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return stats;
}

void remove_partial_outputs() noexcept { util::unlink_live_temporaries(); }

std::vector<VoiceEntry> list_voices() {
  std::vector<VoiceEntry> entries;
  for (const synth::VoiceInfo& voice : synth::Engine::instance().list_voices()) {
    entries.push_back({voice.name, voice.language, voice.description, voice.project});
  }
  return entries;
}

}  // namespace narrate
