// speechd/protocol.hpp - Speech Dispatcher's output-module protocol: replies, events, settings
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "pipeline/speech_session.hpp"

namespace narrate::speechd {

/// A command line from the server (the line without its LF).
enum class Command {
  Init,
  Audio,
  Speak,
  Char,
  Key,
  SoundIcon,
  Stop,
  Pause,
  Set,
  ListVoices,
  LogLevel,
  Debug,
  Quit,
  Unknown
};

/// Classifies a command line; "DEBUG ON /path" is Debug. Anything else is Unknown.
Command parse_command(std::string_view line) noexcept;

/// Removes the escaping of a data line: a line of text that starts with '.' was sent with a
/// second '.' in front ("..").
std::string_view unescape_data_line(std::string_view line) noexcept;

/// The settings a module keeps between SET blocks, in Speech Dispatcher's terms.
struct ModuleSettings {
  int rate = 0;                         ///< -100..100
  int pitch = 0;                        ///< -100..100; 0 is the voice's own pitch
  int pitch_range = 0;                  ///< -100..100 (accepted, not used)
  int volume = 100;                     ///< -100..100; 100 = full, -100 = silent
  std::string punctuation = "none";     ///< none | some | most | all
  std::string cap_let_recogn = "none";  ///< none | spell | icon
  bool spelling = false;
  std::string voice_type = "male1";  ///< male1..3, female1..3, child_male, child_female
  std::string language = "en";
  std::string synthesis_voice;  ///< a narrate/eSpeak voice name; empty: by language

  /// Applies one "name=value" line; "NULL" restores the default. Returns false (changing
  /// nothing) for an unknown name or a value out of range.
  bool apply(std::string_view name, std::string_view value);

  /// The session settings these stand for (voice type through variant_for_voice_type) (rate through
  /// pipeline::wpm_for_speechd_rate).
  pipeline::SpeechSettings to_speech() const;
};

/// "701 BEGIN", "702 END", "703 STOP", "704 PAUSE", or "700-name\n700 INDEX MARK" (a name with
/// line breaks has them replaced by spaces), each ending in LF.
std::string event_line(const pipeline::SpeechEvent& event);

/// One 705 AUDIO block: 16-bit little-endian mono samples, HDLC-escaped (0x7D and LF become
/// 0x7D, byte ^ 0x20), framed as the server reads it.
/// The voice variant for a Speech Dispatcher voice type: male2 "leo", male3 "m3", female1
/// "anna", female2 "f2", female3 "f4", child_male "m7", child_female "f5"; male1 (the default)
/// and anything else: "" (narrate's own narrator for the language).
std::string variant_for_voice_type(std::string_view type);

std::string audio_block(std::span<const std::int16_t> samples, int sample_rate_hz);

}  // namespace narrate::speechd
