// pipeline/render.hpp - from a document to planned utterances, and one utterance to audio
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "narrate/document.hpp"
#include "synth/engine.hpp"

namespace narrate::pipeline {

/// What ends with an utterance, deciding the pause after it.
enum class Boundary { Sentence, Paragraph, Heading, End };

/// One sentence ready to be spoken.
struct Utterance {
  std::size_t index = 0;          ///< position in the plan
  Sentence sentence;              ///< the sentence as written, with its source span
  std::string spoken;             ///< the exact text handed to eSpeak
  std::size_t words = 0;          ///< words a listener counts in sentence.text
  Boundary boundary = Boundary::Sentence;
  std::size_t paragraph = 0;      ///< running paragraph number (title = 0), for paragraph skips
};

/// Plans a document: one Utterance per sentence that has something to say, in order, in the
/// spoken form that `narrate --sentences --spoken` prints (shipped lexicon, the user's lexicon,
/// then lexicon_paths). Throws Error(Usage) for a lexicon that cannot be read.
std::vector<Utterance> plan_utterances(const Document& document,
                                       const std::vector<std::string>& lexicon_paths = {});

/// One utterance as audio.
struct RenderedUtterance {
  std::vector<std::int16_t> samples;   ///< speech with eSpeak's end pause; narrate's pause apart
  std::vector<synth::WordMark> words;  ///< sample positions from the start of `samples`;
                                       ///< byte offsets in the utterance's spoken text
  std::int64_t first_loud = 0;         ///< first sample above the quiet threshold
  std::int64_t last_loud = 0;          ///< last such sample
  std::int64_t pause_samples = 0;      ///< narrate's silence to play after `samples`
  int espeak_rate = 0;                 ///< the nominal rate eSpeak was asked for
  bool cancelled = false;              ///< *stop became true during synthesis
};

/// Samples at or below this amplitude count as silence (-54 dBFS).
inline constexpr int kQuietAmplitude = 64;

/// Speaks utterances with one voice at a listening speed that may change between utterances.
/// Keeps the running totals that speed calibration needs, so use one Renderer per narration.
class Renderer {
 public:
  /// Selects the voice on the engine. Throws Error(Voice) for an unknown voice.
  Renderer(synth::Engine& engine, const std::string& voice, double target_wpm);

  /// Words per minute for the utterances rendered from now on (80..900, clamped).
  void set_speed(double target_wpm);
  double speed() const noexcept { return target_wpm_; }
  const std::string& voice() const noexcept { return voice_; }
  int sample_rate_hz() const noexcept { return sample_rate_hz_; }

  /// Synthesizes one utterance. Throws Error(Voice) on an engine failure.
  RenderedUtterance render(const Utterance& utterance, const std::atomic<bool>* stop = nullptr);

 private:
  synth::Engine& engine_;
  std::string voice_;
  std::string resolved_voice_;
  double target_wpm_ = 200;
  int sample_rate_hz_ = 22050;
};

}  // namespace narrate::pipeline
