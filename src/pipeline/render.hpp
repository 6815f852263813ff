// pipeline/render.hpp - from a document to planned utterances, and one utterance to audio
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

#include "narrate/document.hpp"
#include "narrate/playback.hpp"
#include "pipeline/word_timing.hpp"
#include "synth/calibration.hpp"
#include "synth/engine.hpp"

namespace narrate::pipeline {

/// What ends with an utterance, deciding the pause after it.
using Boundary = SentenceBoundary;

/// One sentence ready to be spoken.
struct Utterance {
  std::size_t index = 0;  ///< position in the plan
  Sentence sentence;      ///< the sentence as written, with its source span
  std::string spoken;     ///< the exact text handed to eSpeak
  std::size_t words = 0;  ///< words a listener counts in sentence.text
  Boundary boundary = Boundary::Sentence;
  std::size_t paragraph = 0;         ///< running paragraph number (title = 0), for paragraph skips
  std::vector<WordSpan> word_spans;  ///< each written word that is spoken, and where in `spoken`
  // The block's prosody (SSML input; 1, 0, 1 otherwise): Renderer::render() applies it.
  double rate = 1.0;    ///< the sentence is due in 1/rate of its time at the speed
  double pitch = 0;     ///< percent of the voice's own pitch, -100..100
  double volume = 1.0;  ///< gain on the samples, 0..1
  /// SSML marks reached in this sentence, offsets in its block's text (a mark is heard when
  /// the first word at or after its offset begins; past the last word, when speech ends).
  std::vector<BlockMark> marks;
};

/// Plans a document: one Utterance per sentence that has something to say, in order, each in
/// the spoken form `--sentences --spoken` prints (the shipped lexicon for the document's
/// language, the user's, then `lexicon_paths`). Throws Error(Usage) for a malformed lexicon.
std::vector<Utterance> plan_utterances(const Document& document,
                                       const std::vector<std::string>& lexicon_paths = {});

/// The public view of a plan (narrate/playback.hpp's SentenceView), one per utterance.
std::vector<SentenceView> sentence_views(const std::vector<Utterance>& plan);

/// How long each utterance of a plan is due, in words at the speed (so the narration lasts
/// about their sum * 60 / wpm, pauses included): its spoken syllables over the paced density of
/// the window it is planned in (synth::paced_density), as Renderer::render() paces it.
std::vector<double> due_words(std::span<const Utterance> plan);

/// One utterance as audio.
struct RenderedUtterance {
  std::vector<std::int16_t> samples;   ///< speech with eSpeak's end pause; narrate's pause apart
  std::vector<synth::WordMark> words;  ///< eSpeak's marks: sample positions from the start of
                                       ///< `samples`; byte offsets in the spoken text
  std::vector<WordTime> word_times;    ///< one per Utterance::word_spans (every written word)
  std::int64_t first_loud = 0;         ///< first sample above the quiet threshold
  std::int64_t last_loud = 0;          ///< last such sample
  std::int64_t pause_samples = 0;      ///< narrate's silence to play after `samples`
  int espeak_rate = 0;                 ///< the nominal rate eSpeak was asked for (last try)
  double stretch = 1.0;                ///< tempo change applied to eSpeak's audio (>1: faster)
  int syntheses = 0;                   ///< eSpeak calls it took (a retry hits the speed better)
  bool cancelled = false;              ///< *stop became true during synthesis
};

/// What a Renderer has done so far, for --stats and the speed benchmark.
struct RenderTotals {
  std::size_t utterances = 0;  ///< rendered and not cancelled
  std::size_t syntheses = 0;   ///< eSpeak calls, retries included
  std::size_t stretched = 0;   ///< utterances whose tempo was changed after synthesis
  double syllables = 0;        ///< spoken syllables of the utterances rendered (synth::syllables)
};

/// Samples at or below this amplitude count as silence (-54 dBFS).
inline constexpr int kQuietAmplitude = 64;

/// Speaks utterances with one voice at a listening speed that may change between utterances.
/// Keeps the running totals that speed calibration needs, so use one Renderer per narration,
/// rendering in reading order, from one thread at a time.
///
/// Speed: each utterance's audio, with narrate's pause after it, is measured against the time
/// its spoken syllables are due at the asked speed (the syllable rate of ordinary prose at that
/// many words a minute, synth/syllables.hpp; synth::SpeedCalibrator); what it takes beyond that
/// is made up over the next sentences at a steady pace. Above eSpeak's native range (449) speech is
/// synthesized at 449 and time-stretched with libsonic. The last utterance is re-synthesized at
/// a corrected rate (or stretched) when it would otherwise end off time.
/// The speed is planned over a window of the next few utterances (see render()).
class Renderer {
 public:
  /// Selects the voice on the engine. Throws Error(Voice) for an unknown voice.
  Renderer(synth::Engine& engine, const std::string& voice, double target_wpm);

  /// Words per minute for the utterances rendered from now on (80..900, clamped). Setting the
  /// speed it already has changes nothing; a new speed forgives the time owed so far.
  void set_speed(double target_wpm);
  double speed() const noexcept { return target_wpm_; }
  /// Seconds heard minus seconds due since the last speed change (>0: running slow).
  double owed_seconds() const noexcept { return calibrator_.owed_seconds(); }
  const RenderTotals& totals() const noexcept { return totals_; }
  const std::string& voice() const noexcept { return voice_; }
  int sample_rate_hz() const noexcept { return sample_rate_hz_; }

  /// Synthesizes upcoming[0]; the utterances after it in `upcoming` (the rest of the plan, or at
  /// least the next several) let the speed be planned over a window, for a steady pace. Throws
  /// Error(Voice) on an engine failure. A cancelled render leaves the calibration as it was.
  RenderedUtterance render(std::span<const Utterance> upcoming,
                           const std::atomic<bool>* stop = nullptr);

 private:
  RenderedUtterance synthesize_at(const Utterance& utterance, int espeak_rate,
                                  const std::atomic<bool>* stop);

  synth::Engine& engine_;
  std::string voice_;
  double target_wpm_ = 200;
  int sample_rate_hz_ = 22050;
  synth::SpeedCalibrator calibrator_{200};
  RenderTotals totals_;
  struct Spoken {
    double words = 0;
    double syllables = 0;
  };
  std::deque<Spoken> recent_;  ///< the last few utterances rendered, for the text's density
};

}  // namespace narrate::pipeline
