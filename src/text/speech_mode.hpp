// text/speech_mode.hpp - screen-reading text modes: punctuation, capitals, spelling, char/key names
#pragma once

#include <string>
#include <string_view>

namespace narrate::text {

/// Which punctuation is spoken by name (Speech Dispatcher's punctuation modes).
enum class PunctuationLevel {
  None,  ///< no symbol is named (eSpeak still pauses at commas and full stops)
  Some,  ///< symbols that carry meaning in prose: @ # $ % & * + / = \ ^ _ | ~ < >
  Most,  ///< and brackets, quotes, colons, semicolons, dashes
  All    ///< and every other mark: . , ? ! ' ...
};

/// How capital letters are signalled.
enum class CapitalMode {
  None,   ///< not at all
  Spell,  ///< the word "capital" before a capitalised word or letter
  Pitch,  ///< a higher pitch on a capital letter (characters only)
  Tone    ///< a short tone before a capital letter (characters only)
};

/// What a screen reader asked for; the text functions below apply it.
struct SpeechModeOptions {
  PunctuationLevel punctuation = PunctuationLevel::None;
  CapitalMode capitals = CapitalMode::None;
  bool spelling = false;        ///< speak every character by name
  std::string language = "en";  ///< for the names; names exist in English only for now
};

/// Parses "none" | "some" | "most" | "all"; returns false (and leaves `level`) otherwise.
bool parse_punctuation_level(std::string_view name, PunctuationLevel& level) noexcept;
/// Parses "none" | "spell" | "icon" | "tone" | "pitch"; returns false otherwise.
bool parse_capital_mode(std::string_view name, CapitalMode& mode) noexcept;

/// The spoken name of one character ("," -> "comma", "a" -> "ay", " " -> "space"): an ASCII
/// letter is its English name written as eSpeak says it, a digit or any other character without
/// a name is itself (eSpeak reads it). The first code point of `character` counts; invalid
/// UTF-8 gives "".
std::string character_name(std::string_view character);

/// The spoken form of a Speech Dispatcher key name (SSIP KEY): "control_l" -> "left control",
/// "shift_a" -> "shift a", "kp-enter" -> "keypad enter", "space" -> "space", "a" -> "a".
/// Unknown names are spoken with their underscores as spaces.
std::string key_name(std::string_view key);

/// Applies punctuation and capital signalling to plain text before it goes through spoken forms:
/// each punctuation mark at or below the level gets its name spoken (the mark itself is kept, so
/// sentence breaks and eSpeak's pauses stay; marks inside numbers like "3.5" or "1,000" are left
/// to the number reader). With spelling on, every character is spoken by name instead. Control
/// characters become spaces. Never throws on any input.
std::string apply_speech_mode(std::string_view text, const SpeechModeOptions& options);

/// Spells text: each character by name, separated by ", " so eSpeak pauses a little.
std::string spell_out(std::string_view text, CapitalMode capitals);

}  // namespace narrate::text
