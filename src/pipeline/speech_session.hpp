// pipeline/speech_session.hpp - short utterances for a screen reader: speak, stop at once, events
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "text/speech_mode.hpp"

namespace narrate::pipeline {

/// How an utterance is to be said (Speech Dispatcher's SET values, already converted).
struct SpeechSettings {
  double rate_wpm = 200;  ///< listening speed, 80..900 (clamped)
  double volume = 1.0;    ///< gain 0..1 on the samples
  int pitch = 0;          ///< -100..100 (Speech Dispatcher's scale): 0 is the voice's own pitch
  std::string voice;      ///< narrate/eSpeak voice; empty: the default for `language`
  std::string variant;    ///< with no `voice`: a voice variant ("leo", "f2") on the language's
                          ///< default voice in place of its own; empty: none
  std::string language = "en";
  text::SpeechModeOptions mode;  ///< punctuation, capitals, spelling
};

/// What to speak.
struct SpeechRequest {
  enum class Kind { Text, Ssml, Char, Key, SoundIcon };
  Kind kind = Kind::Text;
  std::string content;  ///< UTF-8; invalid bytes are spoken as nothing, never an error
};

/// Something that happened to the utterance being spoken, in this order: Begin, marks, then End,
/// Stopped or Paused. Every speak() is answered with Begin and exactly one of those three.
struct SpeechEvent {
  enum class Kind { Begin, Mark, End, Stopped, Paused };
  Kind kind = Kind::Begin;
  std::string mark;  ///< Mark: the SSML mark's name
};

/// Called on the session's worker thread; must not call back into the session.
using SpeechEventHandler = std::function<void(const SpeechEvent&)>;
/// Receives audio (mono, 16 bit, at the given rate) when the session plays through someone else
/// (Speech Dispatcher's server audio): events then come in order between the blocks, at the
/// time the audio is handed over. Return false when the receiver is gone.
using SpeechAudioHandler = std::function<bool(std::span<const std::int16_t> samples, int rate_hz)>;

/// Rate mapping used by the Speech Dispatcher module: -100..100 onto 80..900 WPM, 0 = 200 WPM,
/// exponential on each side (each step is the same ratio): 200 * 4.5^(r/100) above 0,
/// 200 * 2.5^(r/100) below. Values outside -100..100 are clamped.
double wpm_for_speechd_rate(int rate) noexcept;

/// eSpeak's pitch (0..100, 50 = the voice's own) for Speech Dispatcher's pitch (-100..100) and
/// an SSML <prosody pitch> change in percent (-100..100): 50 + speechd / 2 + percent / 2, clamped.
int engine_pitch(int speechd_pitch, double percent) noexcept;

/// One engine, one output, one utterance at a time. speak() returns at once; a worker thread
/// synthesizes in small blocks and plays them as they come (through PortAudio, or the audio
/// handler), so the first sound does not wait for the whole utterance. stop() silences at once.
class SpeechSession {
 public:
  /// Plays through PortAudio's default device when `audio` is empty. Throws Error(Voice) when the
  /// engine cannot start; Error(Output) when there is no audio device.
  explicit SpeechSession(SpeechEventHandler on_event, SpeechAudioHandler audio = {});
  ~SpeechSession();
  SpeechSession(const SpeechSession&) = delete;
  SpeechSession& operator=(const SpeechSession&) = delete;

  /// Starts speaking; an utterance still speaking is stopped first (it gets its Stopped event).
  void speak(SpeechRequest request, const SpeechSettings& settings);
  /// Stops the current utterance: audio silent at once, then its Stopped event. Harmless when
  /// idle. Never blocks on synthesis.
  void stop() noexcept;
  /// As stop(), but the utterance ends with Paused (the listener heard up to its last mark).
  void pause() noexcept;
  /// True from speak() until its End/Stopped event has been delivered.
  bool busy() const noexcept;
  /// Waits until idle or `timeout_ms` passes; returns busy() == false.
  bool wait_idle(int timeout_ms) const;

  /// Nanoseconds (steady clock) from the latest speak() call to its first audio handed to the
  /// output; 0 until then. For the latency benchmark.
  std::int64_t last_first_audio_ns() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace narrate::pipeline
