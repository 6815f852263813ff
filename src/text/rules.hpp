// text/rules.hpp - per-language segmentation data: abbreviations, sentence starters, list words
#pragma once

#include <span>
#include <string_view>

namespace narrate::text {

/// How an abbreviation's period behaves before a capitalised word.
enum class AbbrevKind : unsigned char {
  Title,       ///< precedes a name ("Mr.", "Gen."): a boundary only before a likely starter
  General,     ///< "Inc.", "Jan.", "etc.": a boundary before a likely starter or an honorific
  NumberOnly,  ///< "No.", "Fig.": an abbreviation only when a number follows
  NeverEnds,   ///< "e.g.", "vs.": always followed by more of the same sentence
  Trailing,    ///< "etc.": a boundary before any capitalised word
  Clock,       ///< "a.m.", "p.m.": a boundary before a capitalised word that is not a day,
               ///< month or time zone ("3 a.m. Police said" but "3 a.m. Thursday")
};

/// One abbreviation. `key` is lowercase without the final period ("u.s", "inc"); when `exact` is
/// set the word must be written exactly so ("Ill" the state, not "ill" the adjective).
struct Abbreviation {
  std::string_view key;
  AbbrevKind kind = AbbrevKind::General;
  std::string_view exact = {};
};

/// Everything language-specific the segmenter knows. Every list is sorted (binary search);
/// a new language is a new set of tables, not new code.
struct LanguageRules {
  std::span<const Abbreviation> abbreviations;     ///< sorted by key
  std::span<const std::string_view> starters;      ///< capitalised words that often open a sentence
  std::span<const std::string_view> honorifics;    ///< "Mr", "Dr": open a sentence after an acronym
  std::span<const std::string_view> prepositions;  ///< "At 5 a.m." is not a sentence on its own
  std::span<const std::string_view> connectors;    ///< a line ending in these runs on ("the", "of")
  std::span<const std::string_view> clock_followers;  ///< "Thursday", "GMT": go on a time
  std::span<const std::string_view> speech_verbs;     ///< '"Why?" Smith asked.' is one sentence
  std::span<const std::string_view> name_nouns;  ///< "Army", "Court": go on a name after "U.S."
  std::span<const std::string_view> ordinal_nouns = {};  ///< "1. Januar": a number's period
                                                         ///< before these is an ordinal's
};

/// The rules for a BCP 47 tag ("en", "en-GB"); unknown languages get English.
const LanguageRules& rules_for(std::string_view language) noexcept;

/// The abbreviation `word` (without its final period) is, or nullptr.
const Abbreviation* find_abbreviation(const LanguageRules& rules, std::string_view word) noexcept;

/// Binary search in one of the sorted word lists.
bool contains(std::span<const std::string_view> sorted, std::string_view word) noexcept;

}  // namespace narrate::text
