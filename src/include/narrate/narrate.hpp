// narrate/narrate.hpp - the library facade: read an article, segment it, speak it
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "narrate/document.hpp"
#include "narrate/error.hpp"
#include "narrate/speed.hpp"

namespace narrate {

/// The library's version ("0.1.0").
const char* version() noexcept;

/// Versions of the libraries narrate runs on, one line ("eSpeak NG 1.51, PortAudio 19.7.0, ...").
std::string library_versions();

/// Where the article comes from and how to read it.
struct SourceOptions {
  MediaType format = MediaType::Unknown;  ///< force html or text (--format); Unknown = guess
  std::size_t max_bytes = 64u << 20;      ///< cap on the source's size
  long timeout_ms = 20000;                ///< URL fetch timeout
};

/// Loads and extracts an article from a path, "-" (stdin) or an http(s) URL.
/// Throws Error(SourceUnreadable) when it cannot be read or decoded, Error(NoArticle) when it
/// holds no article text.
Document read_article(const std::string& source, const SourceOptions& options = {});

/// Screen-reading input (`--format speech`, `--ssml`): every input is spoken, however short,
/// with no extraction or clutter removal. Plain text becomes one block per paragraph (blank
/// lines); with `ssml` the source is SSML read by narrate (paragraphs, sentences and breaks make
/// blocks, xml:lang the language; malformed SSML is read as its text). Throws
/// Error(SourceUnreadable) as read_article does, Error(NoArticle) only when there is nothing at
/// all to say.
Document read_speech_text(const std::string& source, const SourceOptions& options = {},
                          bool ssml = false);

/// The sentences to be spoken: the title first, then the body.
std::vector<Sentence> sentences_of(const Document& document);

/// The exact text handed to the speech engine for each of sentences_of(document), with the
/// shipped lexicon for the document's language, the user's lexicon file and lexicon_paths.
/// Throws Error(Usage) for a lexicon file that cannot be read or has a malformed line.
std::vector<std::string> spoken_sentences(const Document& document,
                                          const std::vector<std::string>& lexicon_paths = {});

/// The words a listener hears: whitespace-separated tokens holding a letter or digit, in the
/// title and every block.
std::size_t count_words(const Document& document);

/// The article as `--extract` prints it: the title, a blank line, then the blocks separated by
/// blank lines; with include_title false, the blocks alone (`--extract=body`).
std::string document_text(const Document& document, bool include_title);

/// The article as `--extract=json` prints it: {"title","byline","language","paragraphs":[...]}.
std::string document_json(const Document& document);

/// How far the writing of a file has come (SpeakOptions::on_progress).
struct SpeakProgress {
  std::size_t sentences_done = 0;
  std::size_t sentences = 0;
  double fraction = 0;         ///< of the narration's work, 0..1 (by words due, not sentences)
  double audio_seconds = 0;    ///< audio written so far, pauses included
  double elapsed_seconds = 0;  ///< wall time since speak() began
  /// The narration's length as planned before any synthesis, seconds: its words due at the
  /// speed, pauses included. The speed calibration steers the audio towards it (README, "narrate
  /// serve" says how close it lands).
  double planned_seconds = 0;
};

/// How to speak an article.
struct SpeakOptions {
  Speed speed;                 ///< words per minute the listener hears
  std::string voice;           ///< empty: chosen from the document's language
  std::string output_path;     ///< empty: play on the default device; "-": WAV on stdout
  std::string subtitles_path;  ///< empty: none; .vtt or .srt
  std::string marks_path;      ///< empty: none; .json
  std::vector<std::string> lexicon_paths;   ///< extra pronunciation lexicons (--lexicon)
  const std::atomic<bool>* stop = nullptr;  ///< set from elsewhere (Ctrl-C) to stop early
  /// --split N: > 0 writes the output as parts "out-001.mp3", "out-002.mp3", ..., a new one at
  /// the first paragraph break after this many minutes (at a sentence break 10 % later);
  /// subtitles and marks are split the same way ("subs-001.vtt").
  double split_minutes = 0;
  /// --split chapters: a new part at every heading, tagged with the heading as its title.
  bool split_chapters = false;
  /// Writing a file: called on speak()'s thread once before the first audio is written
  /// (sentences_done 0, planned_seconds known), then after each sentence is written (not for
  /// playback). Exceptions it throws propagate out of speak(), the output taken back.
  std::function<void(const SpeakProgress&)> on_progress;
  /// --jobs N: worker processes synthesizing a file at once; 0 = the usable cores. The audio is
  /// the same, sample for sample, whatever the number (pipeline/segment_render.hpp).
  std::size_t jobs = 0;
  /// --loudness: every file written is normalized to this integrated loudness (LUFS, EBU R128)
  /// with true peaks under true_peak_dbtp; empty: as synthesized. Not applied to "-o -".
  std::optional<double> loudness_lufs = -16.0;
  double true_peak_dbtp = -1.0;
  /// --quality: MP3, Ogg and Opus at about this many kbit/s; 0: the encoder's default.
  int bitrate_kbps = 0;
  /// The article's URL, tagged in the files written (empty: none).
  std::string source_url;
  /// --subtitles-mode: false (captions): cues of at most caption_lines lines of caption_chars
  /// characters and caption_seconds; true: one cue per sentence, however long.
  bool sentence_cues = false;
  int caption_chars = 42;
  int caption_lines = 2;
  double caption_seconds = 7.0;

  /// Throws Error(Usage) for an unknown output or subtitle extension, a speed, loudness or
  /// bitrate out of range,
  /// subtitles or marks without an output file, or a split without an output file (or with
  /// "-o -").
  void validate() const;
};

/// What one narration produced.
struct SpeakStats {
  std::size_t words = 0;
  std::size_t sentences = 0;
  std::int64_t samples = 0;  ///< audio length including narrate's pauses
  int sample_rate_hz = 0;
  double synth_seconds = 0;        ///< wall time spent making speech (eSpeak, any second try at a
                                   ///< corrected rate, time-stretching)
  double encode_seconds = 0;       ///< CPU time of the file encoder, which runs on its own thread
                                   ///< beside synthesis (0 for WAV and playback)
  double total_seconds = 0;        ///< wall time of the whole narration
  std::string voice;               ///< the voice used
  std::size_t syntheses = 0;       ///< speech engine calls; a sentence synthesized again at a
                                   ///< corrected rate to keep the speed counts twice
  std::size_t stretched = 0;       ///< sentences time-stretched beyond eSpeak's own top rate
  double syllables = 0;            ///< spoken syllables heard (what the speed paces)
  std::vector<std::string> files;  ///< the files written: one, or the parts of a split

  /// Audio seconds made per second of wall time.
  double realtime_factor() const { return total_seconds > 0 ? audio_seconds() / total_seconds : 0; }

  double audio_seconds() const { return sample_rate_hz ? double(samples) / sample_rate_hz : 0; }
  double effective_wpm() const {
    return audio_seconds() > 0 ? double(words) * 60.0 / audio_seconds() : 0;
  }
  /// Syllables heard a second, pauses included: 5 at 1x (200 WPM of ordinary prose).
  double syllables_per_second() const {
    return audio_seconds() > 0 ? syllables / audio_seconds() : 0;
  }
};

/// Speaks a document to a file, or (output_path empty) plays it to its end on the default device
/// through Playback (narrate/playback.hpp), the one playback path. Files are complete or absent:
/// subtitles and marks are written before the audio is completed, and taken back if it fails.
/// Throws Error(Voice) for an unknown voice or engine failure, Error(Output) for device/file
/// errors, Error(Interrupted) when *options.stop became true.
SpeakStats speak(const Document& document, const SpeakOptions& options);

/// Removes every temporary output file this process is writing now (the hidden ".name.XXXXXX"
/// files behind outputs that are not complete). Async-signal-safe: for a signal handler that is
/// about to end the process, so that no partial file is left behind.
void remove_partial_outputs() noexcept;

/// A voice, as --list-voices shows it.
struct VoiceEntry {
  std::string name;
  std::string language;
  std::string description;
  bool project = false;
};

/// This project's voices first, then eSpeak NG's.
std::vector<VoiceEntry> list_voices();

}  // namespace narrate
