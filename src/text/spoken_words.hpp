// text/spoken_words.hpp - per-language words the normalizer speaks (units, months, titles, ...)
#pragma once

#include <span>
#include <string_view>

namespace narrate::text {

struct Currency {
  std::string_view singular;
  std::string_view plural;
  std::string_view minor_singular;  ///< empty: spoken without minor units
  std::string_view minor_plural;
};

/// A currency written before its number: "$", "€", "HK$", "US$".
struct CurrencySign {
  std::string_view sign;
  const Currency* currency;
  std::string_view qualifier;  ///< spoken before the currency word: "Hong Kong" for "HK$"
};

/// A scale word after a number: "bn" -> "billion".
struct Scale {
  std::string_view written;
  std::string_view spoken;
  bool attached_only;  ///< "$5b" but not "$5 b"
};

/// A unit after a number; matched case-sensitively as a whole word.
struct Unit {
  std::string_view written;
  std::string_view singular;
  std::string_view plural;
  bool attached_only = false;  ///< "40C", "50g": only directly after the digits
};

/// When an abbreviation with a period is expanded.
enum class Expand : unsigned char {
  Always,        ///< "e.g.", "approx."
  BeforeName,    ///< titles: "Gen. Smith" (a capitalised word follows)
  BeforeNumber,  ///< "No. 5", "pp. 12", "Fig. 3"
  AfterName,     ///< "Doe Jr.", "Baker Ave." (a capitalised word precedes)
  AfterComma,    ///< US states: "Sacramento, Calif."
  Weekday,       ///< "on Sun.", "Sat., Oct. 5" (but not "from the Sun.")
};

/// An abbreviation as written (without its final period; case-sensitive) and as spoken.
struct SpokenAbbreviation {
  std::string_view written;
  std::string_view spoken;
  Expand when = Expand::Always;
  bool bare = false;  ///< also written without the period (British style: "Sgt Smith", "No 10")
};

/// Everything the normalizer speaks in one language. A new language is a new table.
struct SpokenWords {
  // Connectives and small words.
  std::string_view to, and_word, or_word, times, percent, number, numbers, link_to, dot, at, about,
      hashtag, the, of, oh, o_clock, hundred, words_per_minute, percentage_points, basis_points,
      for_example, that_is, versus, saint, street;
  std::span<const std::string_view> months;         ///< 12 full names, January first
  std::span<const std::string_view> month_abbrevs;  ///< 12 three-letter forms ("Jan")
  std::span<const std::string_view> decades;        ///< "tens" .. "nineties" for 1..9
  std::span<const std::string_view> fractions;      ///< singular/plural pairs for /2, /3, /4
  std::span<const CurrencySign> currency_signs;     ///< longest sign first
  std::span<const Scale> scales;
  std::span<const Unit> units;  ///< longest written form first
  std::span<const SpokenAbbreviation> abbreviations;
  std::span<const std::string_view> numbered_things;  ///< "War", "Chapter": "World War II"
  std::span<const std::string_view> regnal_titles;    ///< "King", "Pope": "Pope John Paul II"
  bool day_before_month;  ///< reading of an ambiguous "05/06/2024" (en-GB: 5 June)
  bool spell_metre;       ///< "kilometres" (en-GB) rather than "kilometers"
};

/// The words for a BCP 47 tag ("en", "en-US", "en-GB"), or nullptr when the language has none
/// (then only language-neutral rules run).
const SpokenWords* spoken_words_for(std::string_view language) noexcept;

/// Binary search in a sorted list of words.
bool sorted_contains(std::span<const std::string_view> sorted, std::string_view word) noexcept;

}  // namespace narrate::text
