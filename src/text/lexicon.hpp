// text/lexicon.hpp - a pronunciation lexicon: "written = spoken" lines applied by normalize()
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace narrate::text {

/// Words the speech engine says wrongly and how to say them. File format (UTF-8):
///
///     # a comment line
///     Xinjiang = shin jyahng          spoken text, respelled for eSpeak
///     NATO summit = nay toe summit    several words (any run of spaces in the text matches)
///     gif = jif                       all lowercase: matched in any letter case
///     Qatar = [[k'VtA@]]              eSpeak phonemes (Kirshenbaum), for experts
///
/// A written form starts with a letter or digit and matches whole words only: it must not be
/// preceded or followed by a letter or digit in the text. It is case-sensitive unless it is all
/// lowercase (then ASCII letters match in any case). When several entries match at one place the
/// longest wins. Phoneme entries need the engine's phoneme input (NormalizeOptions::phoneme_input).
class Lexicon {
 public:
  struct Entry {
    std::string written;     ///< whitespace collapsed to single spaces
    std::string spoken;      ///< spoken text, or "[[phonemes]]"
    bool phonemes = false;   ///< spoken is "[[...]]"
    bool match_case = true;  ///< false when written is all lowercase
    std::string origin;      ///< "file:line" for messages
  };

  /// Parses lexicon text (files are read by pipeline::load_lexicon: text/ does no I/O); `origin`
  /// names it in messages ("path" -> "path:12: ..."). Throws narrate::Error (ErrorCode::Usage) on a
  /// malformed line or a written form given twice.
  static Lexicon parse(std::string_view text, const std::string& origin);

  /// Adds one entry (same checks as a file line; origin used in messages). An entry with the
  /// same written form and case rule replaces the old one.
  void add(std::string_view written, std::string_view spoken, const std::string& origin);

  /// Adds every entry of `other`; on the same written form and case rule, `other` wins (so merge
  /// the shipped lexicon first and the user's last).
  void merge(const Lexicon& other);

  std::size_t size() const noexcept { return entries_.size(); }
  bool empty() const noexcept { return entries_.empty(); }
  const std::vector<Entry>& entries() const noexcept { return entries_; }

  /// The longest entry written at byte `at` of `text` as whole words, or nullptr; `length`
  /// receives the bytes of text it covers. `at` must be a word start (the caller checks what
  /// precedes it). Entries with phonemes are skipped unless `phonemes_allowed`.
  const Entry* match(std::string_view text, std::size_t at, std::size_t& length,
                     bool phonemes_allowed) const;

 private:
  void reindex();

  std::vector<Entry> entries_;
  /// (first word of the written form, ASCII-lowercased; entry index), sorted; longest written
  /// forms first within one key.
  std::vector<std::pair<std::string, std::uint32_t>> index_;
};

/// Where the user's own lexicon lives: $XDG_CONFIG_HOME/narrate/lexicon.txt, else
/// $HOME/.config/narrate/lexicon.txt (empty when neither variable is set). The files may not
/// exist; load the ones that do, after the shipped voices/lexicon-<lang>.txt.
std::vector<std::string> default_lexicon_paths();

}  // namespace narrate::text
