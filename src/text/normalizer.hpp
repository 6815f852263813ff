// text/normalizer.hpp - internals of normalize(): the output with its source map, and the rules
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "text/normalize.hpp"
#include "text/spoken_words.hpp"

namespace narrate::text::detail {

/// One pass over a sentence. Rules are member functions that look at the input at i_, and
/// either append to the output and advance i_ (returning true) or leave both alone (false).
/// normalize.cpp holds the driver and the language-neutral rules, normalize_numbers.cpp the
/// rules that start at a digit, normalize_money.cpp amounts of money, normalize_words.cpp the
/// rules that start at a letter.
class Normalizer {
 public:
  Normalizer(std::string_view in, const NormalizeOptions& options);
  SpokenText run();

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

 private:
  // ---- output (normalize.cpp); b, e: the input bytes the appended text stands for
  void emit_byte(char c, std::size_t b, std::size_t e);
  void copy(std::size_t b, std::size_t e);                              ///< input bytes as they are
  void put(std::string_view s, std::size_t b, std::size_t e);           ///< joined to what precedes
  void add(std::string_view s, std::size_t b, std::size_t e);           ///< after a space
  void put_phonemes(std::string_view s, std::size_t b, std::size_t e);  ///< "[[...]]" as is
  void space(std::size_t b, std::size_t e);  ///< one space, never doubled
  void pause(std::size_t b, std::size_t e);  ///< ", " (a clause pause)
  void trim_spaces();
  char last() const { return out_.text.empty() ? '\0' : out_.text.back(); }

  // ---- input helpers (normalize.cpp)
  char at(std::size_t k) const { return k < in_.size() ? in_[k] : '\0'; }
  bool alnum_at(std::size_t k) const;       ///< letter (any script) or digit starts at byte k
  bool letter_before(std::size_t k) const;  ///< a letter or digit ends just before byte k
  bool word_start() const;
  std::size_t skip_blanks(std::size_t k) const;  ///< first non-blank byte at or after k
  std::size_t gap_at(std::size_t k) const;       ///< bytes of one space (also no-break, thin) at k
  bool sentence_start() const;                ///< the output so far ends a sentence (or is empty)
  std::size_t word_end(std::size_t k) const;  ///< end of the ASCII letter/digit run at k
  std::string_view previous_word(std::size_t k, bool allow_comma = false) const;
  bool starts_with(std::size_t k, std::string_view s) const;
  bool starts_with_nocase(std::size_t k, std::string_view s) const;

  // ---- driver and language-neutral rules (normalize.cpp)
  void step();
  void alnum();
  void multibyte();
  bool typography_ascii(char c);
  bool typography_multibyte(char32_t cp, std::size_t next);
  bool footnote();
  bool footnote_superscript();
  bool emoji(char32_t cp);
  bool symbol(char c);
  bool symbol_multibyte(char32_t cp, std::size_t next);

  // ---- numbers (normalize_numbers.cpp) and money (normalize_money.cpp)
  std::size_t digits_end(std::size_t k) const;
  std::size_t number_end(std::size_t k) const;  ///< digits with inner "," and "."
  bool number();
  bool number_date();
  bool number_time();
  bool number_phone();
  bool number_range(std::size_t end);
  bool number_unit(std::size_t end);
  bool counted_noun_follows(std::size_t end) const;
  bool number_decade(std::size_t end);
  bool number_fraction(std::size_t end);
  bool number_groups(std::size_t end);
  bool percent_range(std::size_t end);
  bool money();
  bool attributive_money(std::size_t b, std::size_t end) const;
  std::size_t money_amount(std::size_t k, std::string& spoken, std::string_view& scale,
                           std::size_t& number_b, std::size_t& number_e) const;
  bool decade_after_apostrophe();
  void put_year(std::size_t b, std::size_t e, bool first);
  void put_date(int year, int month, int day, std::size_t b, std::size_t e);
  std::string unit_words(std::string_view spoken) const;

  // ---- words (normalize_words.cpp)
  bool word(std::size_t end);  ///< end: of the ASCII letters and digits at i_
  bool lexicon_entry();
  bool abbreviation(std::size_t end);
  bool month_date(std::size_t end);
  bool roman_numeral(std::size_t end);
  bool web_address();
  bool email(std::size_t at_sign);
  void spell_host(std::string_view host, std::size_t b, std::size_t e);

  std::string_view in_;
  const NormalizeOptions& options_;
  const NormalizeRules& rules_;
  const SpokenWords* words_;  ///< null: the language has no word table
  bool day_first_ = false;    ///< ambiguous numeric dates read day first
  bool shouting_ = false;     ///< the sentence is in capitals: acronym entries do not apply
  SpokenText out_;
  std::size_t i_ = 0;
  std::size_t number_resume_ = kNone;  ///< a range's second number starts here
};

/// "1st", "2nd", "3rd", "4th", "11th", "22nd" for n >= 0.
std::string ordinal(long n);

/// The value of a Roman numeral in capitals (1..3999), or 0 when `s` is not one.
int roman_value(std::string_view s) noexcept;

}  // namespace narrate::text::detail
