// synth/engine.hpp - the eSpeak NG engine wrapper: the ONLY owner of eSpeak state
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace narrate::synth {

/// A voice narrate can speak with.
struct VoiceInfo {
  std::string name;         ///< what -v accepts: "anna", "en-us", "de", "en+f3" ...
  std::string language;     ///< BCP 47-ish language tag ("en-us"); empty for a project variant
  std::string description;  ///< one line for --list-voices
  bool project = false;     ///< from this project's voices/ folder
};

/// A word as eSpeak spoke it: where its audio starts and which bytes of the utterance it covers.
struct WordMark {
  std::int64_t sample = 0;     ///< first sample of the word, from the utterance's start
  std::size_t text_begin = 0;  ///< byte offset in the utterance text
  std::size_t text_end = 0;    ///< one past the last byte
};

/// What one synthesize() call produced.
struct SynthResult {
  std::int64_t samples = 0;     ///< samples delivered to the callback
  std::vector<WordMark> words;  ///< in order
  bool cancelled = false;       ///< the callback asked to stop
};

/// Receives audio as it is made; return false to stop synthesis.
using AudioCallback = std::function<bool(std::span<const std::int16_t> samples)>;

/// The process's one eSpeak NG engine. eSpeak keeps global state, so every call is serialised.
class Engine {
 public:
  /// The engine, initialised on first use (synchronous mode). Throws Error(Voice) when eSpeak
  /// NG's data cannot be loaded.
  static Engine& instance();

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Output sample rate in Hz (22050 for eSpeak NG's voices).
  int sample_rate_hz() const noexcept;

  /// Selects the voice for following utterances: a project voice ("anna"), an eSpeak voice
  /// ("en-us", "de", "en+f3"), or a language plus a project voice ("de+anna").
  /// Throws Error(Voice) naming the voice when it is unknown.
  void set_voice(const std::string& name);

  /// The eSpeak voice name a voice resolves to ("anna" -> "en-us+anna", "en-gb" -> "en"), e.g.
  /// for espeak_rate_for(). Throws Error(Voice) when the voice is unknown.
  std::string resolve_voice(const std::string& name);

  /// The resolved name of the voice set last (the language default before any set_voice).
  std::string current_voice();

  /// Sets eSpeak's nominal rate in words per minute (clamped to kMinEspeakRate..kMaxEspeakRate
  /// of rate.hpp).
  void set_rate(int espeak_rate_wpm);

  /// Sets eSpeak's pitch for following utterances, 0..100 (clamped): 50 is the voice's own pitch,
  /// 0 and 100 the lowest and highest eSpeak allows.
  void set_pitch(int pitch);

  /// Speaks one utterance (UTF-8 plain text, no SSML) and hands the audio (mono, sample_rate_hz)
  /// to on_audio in blocks, on the calling thread, ending with eSpeak's own final pause. Word
  /// marks give byte offsets into `text` as eSpeak segmented it ("China's" may cover "China").
  /// Throws Error(Voice) on an engine failure; rethrows what on_audio throws.
  SynthResult synthesize(std::string_view text, const AudioCallback& on_audio);

  /// Voices: this project's voices first, then eSpeak NG's.
  std::vector<VoiceInfo> list_voices();

  /// The voice to use for a document language: English -> our default narrator on the fitting
  /// English base ("en-US" -> "en-us+anna", "en-GB" -> "en+anna"), another language eSpeak knows
  /// -> that language with our narrator ("de" -> "de+anna"); an empty or unknown language gives
  /// the English default. Never throws for an unknown language.
  std::string default_voice_for_language(std::string_view language);

 private:
  Engine();
  ~Engine();
  struct Impl;
  Impl* impl_;
};

}  // namespace narrate::synth
