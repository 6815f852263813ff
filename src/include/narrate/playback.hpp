// narrate/playback.hpp - the public playback API: a session on the audio device, its options,
// commands, events and status, and a per-sentence view with its word-level source map
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "narrate/document.hpp"
#include "narrate/speed.hpp"

namespace narrate {

/// How to play a document on the default audio device.
struct PlayOptions {
  Speed speed;                             ///< words per minute at the start
  std::string voice;                       ///< empty: chosen from the document's language
  std::vector<std::string> lexicon_paths;  ///< extra pronunciation lexicons (--lexicon)
  std::size_t start_at = 0;                ///< the sentence (0-based, in plan order) to start from
  bool clamp_start = false;  ///< a start past the end starts at the last sentence instead
  const std::atomic<bool>* stop = nullptr;  ///< set elsewhere (Ctrl-C): silence within ~10 ms

  /// Throws Error(Usage) for a speed outside 80..900 WPM (Speed::validate()).
  void validate() const;
};

/// What ends a sentence, and so the pause after it.
enum class SentenceBoundary { Sentence, Paragraph, Heading, End };

/// One sentence of a playback as the listener meets it: written text, the exact text handed to
/// the speech engine, and which part of the spoken text says each written word.
struct SentenceView {
  std::size_t index = 0;  ///< 0-based, in plan order
  std::size_t block = 0;  ///< Document::blocks index; Sentence::kTitleBlock for the title
  BlockKind kind = BlockKind::Paragraph;
  std::size_t paragraph = 0;  ///< running paragraph number (the title is 0)
  SentenceBoundary boundary = SentenceBoundary::Sentence;
  std::size_t begin = 0;  ///< bytes of the sentence in its block's text (or the title)
  std::size_t end = 0;
  std::string text;             ///< as written
  std::string spoken;           ///< as spoken
  std::size_t word_count = 0;   ///< words a listener counts in `text`
  std::vector<WordSpan> words;  ///< every written word that is spoken, in order
};

/// What a listener (or a controlling program) can ask of a playback.
enum class PlayCommand {
  TogglePause,
  Pause,
  Resume,
  Next,               ///< the next sentence, from its start
  Previous,           ///< the previous sentence, from its start
  NextParagraph,      ///< the first sentence of the next paragraph
  PreviousParagraph,  ///< the first sentence of the previous paragraph
  Repeat,             ///< the current sentence again, from its start
  Seek,               ///< PlayRequest::sentence, from its start
  Faster,             ///< one step (0.25x) faster, from the next sentence on
  Slower,             ///< one step slower, from the next sentence on
  SetSpeed,           ///< PlayRequest::wpm, from the next sentence on
  Stop,               ///< end now (not an error)
};

struct PlayRequest {
  PlayCommand command = PlayCommand::TogglePause;
  double wpm = 0;            ///< SetSpeed: words per minute (clamped to 80..900)
  std::size_t sentence = 0;  ///< Seek: 0-based
};

/// One speed step, as a multiplier (0.25x = 50 WPM).
inline constexpr double kSpeedStep = 0.25;

/// Why a playback ended.
enum class PlayEnd { Playing, Completed, Stopped, Interrupted, Failed };

enum class PlayEventKind {
  SentenceStarted,
  WordStarted,  ///< `sentence`, `word`: a written word begins to be heard
  SentenceEnded,
  Paused,
  Resumed,
  SpeedChanged,
  Finished
};

/// Something that happened, in order. Sentence events follow what the listener hears (the
/// device's latency included), not what was handed to the device.
struct PlayEvent {
  PlayEventKind kind = PlayEventKind::SentenceStarted;
  std::size_t sentence = 0;        ///< 0-based, in plan order
  std::size_t word = 0;            ///< WordStarted: index into SentenceView::words
  bool completed = false;          ///< SentenceEnded: heard to its end (not skipped or stopped)
  double wpm = 0;                  ///< SpeedChanged: the speed now
  bool clamped = false;            ///< SpeedChanged: the request lay outside 0.4x..4.5x
  PlayEnd end = PlayEnd::Playing;  ///< Finished: why
  std::int64_t at_ms = 0;          ///< since the playback began
};

/// A snapshot of the playback, for a screen.
struct PlayStatus {
  std::size_t sentence = 0;  ///< being heard (or about to be), 0-based
  std::size_t sentences = 0;
  std::size_t paragraph = 0;
  std::size_t paragraphs = 0;
  std::int64_t position_samples = 0;  ///< heard so far of the sentence's audio
  std::int64_t length_samples = 0;    ///< the sentence's audio, its pause included; 0 unknown
  bool has_word = false;              ///< `word` names the word being heard
  std::size_t word = 0;               ///< index into SentenceView::words
  std::size_t word_begin = 0;         ///< byte offsets of that word in the written sentence
  std::size_t word_end = 0;
  bool paused = false;
  bool waiting = false;  ///< silent while the next audio is synthesized
  PlayEnd end = PlayEnd::Playing;
  double wpm = 0;
  double elapsed_seconds = 0;  ///< position in the article, at the current speed
  double total_seconds = 0;    ///< the whole article at the current speed
  std::int64_t underruns = 0;
  int sample_rate_hz = 0;
};

/// Start-up timestamps (steady_clock, ns since its epoch; 0 when not reached).
struct PlayTrace {
  std::int64_t prepared_ns = 0;     ///< prepare_playback() began
  std::int64_t constructed_ns = 0;  ///< the Playback constructor began
  std::int64_t engine_ready_ns = 0;
  std::int64_t device_ready_ns = 0;  ///< the stream is open and started
  std::int64_t first_track_ns = 0;   ///< the first sentence is synthesized
  std::int64_t first_audio_ns = 0;   ///< the first audio was handed to PortAudio
};

/// What a playback did, once it ended normally.
struct PlayResult {
  PlayEnd end = PlayEnd::Completed;
  std::size_t sentence = 0;  ///< the sentence heard last (where a resume should start)
  std::size_t sentences = 0;
  std::int64_t underruns = 0;
  std::string voice;
};

/// Plays a document on the default audio device: synthesis runs ahead of the stream in a worker,
/// a sentence at a time, and a player thread hands it to PortAudio through a lock-free ring; the
/// stream stays open from the first sentence to the drained end. Commands come from any thread
/// and act at once (pause and jumps silence the device within a few milliseconds; speed changes
/// apply from the next sentence on). One Playback per process at a time (one audio device, one
/// speech engine).
class Playback {
 public:
  /// Plans the document and starts playing at options.start_at, using what
  /// prepare_playback() began. Throws Error(NoArticle) when nothing is speakable, Error(Usage)
  /// for a start past the end, Error(Output) without an audio device, Error(Voice) for an
  /// unknown voice.
  Playback(const Document& document, const PlayOptions& options);
  /// Stops at once if still playing.
  ~Playback();
  Playback(const Playback&) = delete;
  Playback& operator=(const Playback&) = delete;

  /// Queues a command; never blocks on the audio. Ignored once the playback has ended.
  void send(const PlayRequest& request);
  PlayStatus status() const;
  /// Events since the last call, oldest first.
  std::vector<PlayEvent> take_events();
  /// Waits up to `timeout` for the playback to end; true when it has.
  bool wait(std::chrono::milliseconds timeout) const;
  /// Waits for the end. Throws Error(Interrupted) when options.stop ended it, Error(Output) when
  /// the device failed (status().sentence is where), Error(Voice) when the engine did.
  PlayResult finish();

  /// The sentences, in order (fixed for the playback's life).
  const std::vector<SentenceView>& sentences() const noexcept;
  /// The voice speaking (resolved from the document's language when none was asked for).
  const std::string& voice() const noexcept;
  PlayTrace trace() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Begins the slow parts of starting playback (PortAudio's device scan, the speech engine) on
/// other threads, so that they overlap reading the article. Call it as early as possible when
/// the process is going to play; calling it and then not playing only costs the work. Never
/// throws: failures surface in Playback's constructor.
void prepare_playback() noexcept;

/// Waits for what prepare_playback() began and no Playback took (the run failed before it
/// played), and closes it. Call it before the process exits: left to static destruction, the
/// prepared stream would be closed after PortAudio or the engine may already be gone. Never
/// throws; does nothing when nothing is pending.
void release_prepared_playback() noexcept;

}  // namespace narrate
