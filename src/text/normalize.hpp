// text/normalize.hpp - the spoken form of a sentence (what eSpeak NG is handed) and its source map
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace narrate::text {

class Lexicon;

/// The rule groups of the normalizer; each can be switched off on its own. Rules that speak
/// words ("dollars", "link to") run only for languages with a word table (English so far).
struct NormalizeRules {
  bool typography = true;      ///< curly quotes, dashes, ellipsis, odd spaces, "..", invisibles
  bool lexicon = true;         ///< entries of NormalizeOptions::lexicon
  bool money = true;           ///< "$5bn" -> "5 billion dollars", "£30", "HK$2", "$5-10"
  bool percentages = true;     ///< "50%-owned", "10-15%" (eSpeak reads a plain "50%" well)
  bool ranges = true;          ///< "5-10", "2019–2021" -> "to"; "3-2" (a score) -> "3 2"
  bool phone_numbers = true;   ///< "555-0199" -> "5 5 5, 0 1 9 9" (eSpeak says "dash")
  bool dates = true;           ///< "12/05/2024", "2024-05-12", "5 March 2024", "March 5, 2024"
  bool times = true;           ///< "10:00" -> "10 o'clock", "14:00", "10:05", "10.30am"
  bool years = true;           ///< "1990" -> "19 90", "1990s", "'90s"
  bool ordinals = true;        ///< "1,000th" (eSpeak reads "1st", "22nd" itself)
  bool multipliers = true;     ///< "1.25x", "2×" -> "times"
  bool units = true;           ///< "km/h", "kg", "WPM", "40C", "5bn people"
  bool abbreviations = true;   ///< "e.g.", "vs.", "Gen. Smith", "No. 5", "Jan.", "Calif."
  bool roman_numerals = true;  ///< "Henry VIII" -> "Henry the 8th", "World War II" -> "2"
  bool web_addresses = true;   ///< URLs and e-mail addresses as short forms
  bool footnotes = true;       ///< "[1]", "[citation needed]", superscript reference digits
  bool symbols = true;         ///< "#1", "#tag", "and/or", "~5", "24/7", "1/2", ©, *, bullets
  bool emoji = true;           ///< emoji and pictographs, as NormalizeOptions::emoji says

  /// Every rule off: the text is copied (start from this to test one rule).
  static NormalizeRules none() noexcept;
};

/// The reading of a date written with numbers only when both orders are possible ("05/06/2024").
enum class DateOrder {
  FromLanguage,  ///< en-GB, en-AU, en-IE, en-IN, ...: day first; other English: month first
  MonthFirst,
  DayFirst,
};

/// What becomes of emoji when the emoji rule is on.
enum class EmojiMode {
  Drop,  ///< removed (eSpeak's names are long and often wrong: "❤️" is read "red")
  Name,  ///< one name per emoji sequence: modifiers, joiners and flags' second halves removed
};

struct NormalizeOptions {
  std::string language = "en";  ///< BCP 47 tag; "en", "en-US", "en-GB", ...
  NormalizeRules rules;
  DateOrder date_order = DateOrder::FromLanguage;
  EmojiMode emoji = EmojiMode::Drop;
  /// Pronunciations applied before every other rule; may be null.
  std::shared_ptr<const Lexicon> lexicon;
  /// Whether lexicon entries written as eSpeak phonemes ("[[...]]") are used. The engine must
  /// then synthesize with espeakPHONEMES; without it eSpeak reads the brackets' letters aloud,
  /// so such entries are skipped unless this is set.
  bool phoneme_input = false;

  /// Throws narrate::Error (ErrorCode::Usage) for a language tag that is empty or not of the
  /// form letters/digits separated by '-' or '_' (for tags a user typed; normalize() itself
  /// takes any tag, since documents carry odd ones, and treats unknown ones as "no words").
  void validate() const;
};

/// A byte range [begin, end) of the input sentence.
struct SourceSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// The spoken form and, for every byte of it, the bytes of the input it was made from. Both maps
/// are non-decreasing; a copied byte maps to itself ([i, i+1)), and every byte of a replacement
/// ("5 billion dollars") maps to the whole source it replaces ("$5bn").
struct SpokenText {
  std::string text;
  std::vector<std::uint32_t> source_offset;  ///< per byte of text: first source byte
  std::vector<std::uint32_t> source_end;     ///< per byte of text: one past its last source byte

  /// The source bytes behind text[begin, end) (begin < end <= text.size()); for an eSpeak WORD
  /// event convert its code point position and length to bytes of `text` first.
  SourceSpan source_span(std::size_t begin, std::size_t end) const noexcept;
};

/// Returns the text as it should be handed to the speech engine, with its map back to `sentence`.
/// Never throws (but std::bad_alloc). Whatever the rules: control characters are removed and
/// "[[" / "]]" in the input are reduced to one bracket, so the input cannot smuggle in phonemes.
SpokenText normalize(std::string_view sentence, const NormalizeOptions& options = {});

/// normalize(...).text
std::string spoken_form(std::string_view sentence, const NormalizeOptions& options = {});

}  // namespace narrate::text
