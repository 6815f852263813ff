// text/ssml.hpp - SSML input: parsed by narrate into pieces of text, pauses and marks
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace narrate::text {

/// What a piece of SSML asks for.
enum class SsmlKind {
  Text,   ///< words to speak (already in the form to hand to spoken forms)
  Break,  ///< silence of break_ms
  Mark    ///< a <mark name="..."/> reached at this point
};

/// Prosody and language in force for a piece (nested elements combine).
struct SsmlProsody {
  double rate = 1.0;          ///< multiplier of the listening speed (<prosody rate>)
  double pitch_hz_delta = 0;  ///< pitch change in percent of the voice's base (-100..+100)
  double volume = 1.0;        ///< gain (<prosody volume>; 0 = silent)
  std::string language;       ///< xml:lang in force, empty when none
  std::string voice;          ///< <voice name> in force, empty when none
};

/// One step of an SSML document.
struct SsmlPiece {
  SsmlKind kind = SsmlKind::Text;
  std::string text;            ///< Text: the words; Mark: the mark's name
  int break_ms = 0;            ///< Break: milliseconds of silence
  bool paragraph_end = false;  ///< Text: a </p> or </s> follows (a longer pause belongs here)
  SsmlProsody prosody;
};

/// A parsed SSML document.
struct SsmlDocument {
  std::vector<SsmlPiece> pieces;
  bool well_formed =
      true;  ///< false: the input was not SSML we could parse; `pieces` then hold
             ///< its text content (tags dropped, entities decoded) so nothing is lost
};

/// True when the text starts (after white space and an XML declaration) with "<speak".
bool looks_like_ssml(std::string_view text) noexcept;

/// Parses SSML 1.1's speak, p, s, break (time / strength), prosody (rate, pitch, volume),
/// say-as (characters, spell-out, digits, cardinal, ordinal, date, time, telephone), sub,
/// phoneme (its text), mark, voice, lang and xml:lang; unknown elements are read for their text.
/// Entities &lt; &gt; &amp; &quot; &apos; and numeric references are decoded. Never throws:
/// malformed input gives well_formed = false and its text as one piece.
SsmlDocument parse_ssml(std::string_view ssml);

/// The text of all Text pieces joined with spaces (for logs and tests).
std::string ssml_plain_text(const SsmlDocument& document);

}  // namespace narrate::text
