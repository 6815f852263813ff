// text/normalize_words.cpp - normalizer rules that start at a letter: lexicon, abbreviations,
// month-day dates, Roman numerals, web addresses
#include "text/lexicon.hpp"
#include "text/normalizer.hpp"
#include "text/utf8.hpp"

namespace narrate::text::detail {

using utf8::is_ascii_alnum;
using utf8::is_ascii_alpha;
using utf8::is_ascii_lower;
using utf8::is_ascii_upper;
using utf8::is_digit;

namespace {

// Capitalised, then lowercase: "Henry", "Doe" (not "THE", not "iPhone").
bool is_name_like(std::string_view w) {
  return w.size() >= 2 && is_ascii_upper(w[0]) && is_ascii_lower(w[1]);
}

bool is_all_caps(std::string_view w) {
  bool letters = false;
  for (const char c : w) {
    if (is_ascii_lower(c)) return false;
    letters = letters || is_ascii_upper(c);
  }
  return letters;
}

int roman_digit(char c) {
  switch (c) {
    case 'I':
      return 1;
    case 'V':
      return 5;
    case 'X':
      return 10;
    case 'L':
      return 50;
    case 'C':
      return 100;
    case 'D':
      return 500;
    case 'M':
      return 1000;
    default:
      return 0;
  }
}

}  // namespace

int roman_value(std::string_view s) noexcept {
  if (s.empty() || s.size() > 15) return 0;
  int total = 0;
  for (std::size_t k = 0; k < s.size(); ++k) {
    const int v = roman_digit(s[k]);
    if (v == 0) return 0;
    const int next = k + 1 < s.size() ? roman_digit(s[k + 1]) : 0;
    total += v < next ? -v : v;
  }
  if (total <= 0 || total > 3999) return 0;
  // Only the canonical spelling counts ("IIII", "VX" and "IC" are not numerals).
  static constexpr std::pair<int, std::string_view> kParts[] = {
      {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
      {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
  char canonical[20];
  std::size_t n = 0;
  int rest = total;
  for (const auto& [value, letters] : kParts) {
    while (rest >= value && n + letters.size() < sizeof canonical) {
      for (const char c : letters) canonical[n++] = c;
      rest -= value;
    }
  }
  return std::string_view(canonical, n) == s ? total : 0;
}

bool Normalizer::word(std::size_t end) {
  if (!words_) return false;
  const char first = in_[i_];
  const char after = at(end);
  // Cheap tests first: most words start no rule.
  if (rules_.web_addresses && (first == 'h' || first == 'H' || first == 'w' || first == 'W') &&
      (after == ':' || after == '.') && web_address())
    return true;
  if (rules_.web_addresses && (after == '@' || after == '.' || after == '_' || after == '-' ||
                               after == '+' || after == '%')) {
    std::size_t j = end;
    while (j < in_.size() && (is_ascii_alnum(in_[j]) || in_[j] == '.' || in_[j] == '_' ||
                              in_[j] == '%' || in_[j] == '+' || in_[j] == '-'))
      ++j;
    if (at(j) == '@' && email(j)) return true;
  }
  if (rules_.dates && is_ascii_upper(first) &&
      ((after == ' ' && is_digit(at(end + 1))) || (after == '.' && is_digit(at(end + 2)))) &&
      month_date(end))
    return true;
  if (rules_.abbreviations &&
      (after == '.' || (end - i_ == 2 && first == 'v') ||
       (after == ' ' && end - i_ <= 4 && is_ascii_upper(first) &&
        (is_ascii_upper(at(end + 1)) || is_digit(at(end + 1))))) &&
      abbreviation(end))
    return true;
  if (rules_.roman_numerals && roman_digit(first) != 0 && roman_numeral(end)) return true;
  return false;
}

bool Normalizer::lexicon_entry() {
  std::size_t length = 0;
  const Lexicon::Entry* entry = options_.lexicon->match(in_, i_, length, options_.phoneme_input);
  if (entry == nullptr) return false;
  if (shouting_ && entry->match_case && is_all_caps(entry->written)) return false;
  if (entry->phonemes) {
    if (last() == '[' || last() == ']') emit_byte(' ', i_, i_);  // "[" before "[[" would merge
    put_phonemes(entry->spoken, i_, i_ + length);
    if (at(i_ + length) == '[' || at(i_ + length) == ']') emit_byte(' ', i_, i_ + length);
  } else {
    put(entry->spoken, i_, i_ + length);
  }
  i_ += length;
  return true;
}

// "e.g.", "Gen. Smith", "No. 5", "Doe Jr.", "Sacramento, Calif.", "St. Louis", "Downing St.".
bool Normalizer::abbreviation(std::size_t end) {
  // Dotted forms: "a.k.a", "e.g", "i.e".
  std::size_t w = end;
  while (at(w) == '.' && is_ascii_alpha(at(w + 1)) && !is_ascii_alpha(at(w + 2))) w += 2;
  const std::string_view form = in_.substr(i_, w - i_);
  const bool period = at(w) == '.';
  // "Inc.com" is a name; "No.5" and "pp.12" are still abbreviations.
  if (period && is_ascii_alpha(at(w + 1))) return false;
  const std::size_t next = skip_blanks(w + (period ? 1 : 0));
  const std::string_view prev = previous_word(i_, true);
  std::string_view spoken;
  bool before_name = false;  // a title: the capital after it is a name, not a new sentence
  if (form == "St" && period) {
    const bool after_name =
        (is_name_like(prev) && previous_word(i_) == prev) || (!prev.empty() && is_digit(prev[0]));
    before_name = !after_name && is_ascii_upper(at(next));
    spoken = before_name ? words_->saint : words_->street;
  } else {
    for (const SpokenAbbreviation& a : words_->abbreviations) {
      if (a.written != form) continue;
      bool ok = false;
      const bool written_ok = period || a.bare || form == "vs";
      switch (a.when) {
        case Expand::Always:
          ok = written_ok;
          break;
        case Expand::BeforeName:
          ok = written_ok && is_ascii_upper(at(next));
          break;
        case Expand::BeforeNumber:
          ok = written_ok && is_digit(at(next));
          break;
        case Expand::AfterName:
          ok = period && is_name_like(prev);
          break;
        case Expand::Weekday: {
          // "on Sun.", "until Fri.", "Sat., Oct. 5", "Thu. 5 March"; not "the Sun.".
          static constexpr std::string_view kBefore[] = {
              "on",   "On",    "until", "Until",  "by",    "By",  "from", "From", "through", "next",
              "last", "every", "since", "before", "after", "and", "or",   "to",   "till"};
          bool before = false;
          for (const std::string_view b : kBefore) before = before || previous_word(i_) == b;
          ok = period && (before || at(w + 1) == ',' || is_digit(at(next)) ||
                          (previous_word(i_).empty() && is_ascii_upper(at(next))));
          break;
        }
        case Expand::AfterComma: {
          std::size_t k = i_;
          while (k > 0 && in_[k - 1] == ' ') --k;
          ok = period && k > 0 && (in_[k - 1] == ',' || in_[k - 1] == '-');
          break;
        }
      }
      if (ok) spoken = a.spoken;
      before_name = a.when == Expand::BeforeName || a.when == Expand::Weekday;
      break;
    }
  }
  if (spoken.empty()) return false;
  const std::size_t e = period ? w + 1 : w;
  if (is_ascii_upper(form[0]) && is_ascii_lower(spoken[0]) && sentence_start()) {
    emit_byte(static_cast<char>(spoken[0] - 'a' + 'A'), i_, e);  // "Vol. 3" opens a sentence
    put(spoken.substr(1), i_, e);
  } else {
    put(spoken, i_, e);
  }
  // Keep the period when it may also end a sentence: at the end, or before a capital after a
  // name-like expansion ("in Sacramento, Calif. The", "in Jan. It").
  std::size_t rest = e;
  while (rest < in_.size() &&
         (in_[rest] == ' ' || in_[rest] == '"' || in_[rest] == ')' || in_[rest] == '\''))
    ++rest;
  const bool name_like = is_ascii_upper(spoken[0]) && is_ascii_upper(at(next)) && !before_name;
  if (period && (rest == in_.size() || name_like)) emit_byte('.', w, w + 1);
  if (alnum_at(e)) {
    emit_byte(' ', w, e);  // "No.5": the number is a word of its own
    number_resume_ = e;
  }
  i_ = e;
  return true;
}

// "March 5, 2024" -> "March 5th, 2024" (en-GB: "March the 5th, 2024"); "Jan. 5-7".
bool Normalizer::month_date(std::size_t end) {
  const std::string_view name = in_.substr(i_, end - i_);
  int month = 0;
  std::size_t name_end = end;
  for (std::size_t m = 0; m < 12 && month == 0; ++m) {
    if (name == words_->months[m]) {
      month = int(m) + 1;
    } else if (name == words_->month_abbrevs[m] || (m == 8 && name == "Sept")) {
      month = int(m) + 1;  // "Oct. 5", "Oct 5"
      if (at(end) == '.') name_end = end + 1;
    }
  }
  if (month == 0 || at(name_end) != ' ' || !is_digit(at(name_end + 1))) return false;
  const std::size_t db = name_end + 1;
  std::size_t de = digits_end(db);
  if (de - db > 2) return false;
  const long day = (de - db == 1) ? in_[db] - '0' : (in_[db] - '0') * 10 + (in_[db + 1] - '0');
  if (day < 1 || day > 31) return false;
  std::size_t day_end = de;
  if (const std::string_view sfx = in_.substr(de, 2);
      sfx == "st" || sfx == "nd" || sfx == "rd" || sfx == "th")
    day_end += 2;
  if (alnum_at(day_end) || at(day_end) == ':' || at(day_end) == '%' ||
      ((at(day_end) == ',' || at(day_end) == '.') && is_digit(at(day_end + 1))))
    return false;
  put(words_->months[month - 1], i_, name_end);
  if (words_->day_before_month) add(words_->the, db, day_end);
  add(ordinal(day), db, day_end);
  std::size_t k = day_end;
  // A range of days: "March 5-7".
  std::size_t dash = 0;
  if (at(k) == '-') dash = 1;
  if (starts_with(k, "\u2013")) dash = 3;
  if (dash != 0 && is_digit(at(k + dash))) {
    const std::size_t b2 = k + dash;
    const std::size_t e2 = digits_end(b2);
    long day2 = 0;
    for (std::size_t p = b2; p < e2 && e2 - b2 <= 2; ++p) day2 = day2 * 10 + (in_[p] - '0');
    if (day2 > day && day2 <= 31 && !alnum_at(e2)) {
      add(words_->to, k, b2);
      add(ordinal(day2), b2, e2);
      k = e2;
    }
  }
  // The year: "March 5, 2024" or "March 5 2024".
  const std::size_t comma = at(k) == ',' ? k + 1 : k;
  const std::size_t yb = comma + 1;
  const std::size_t ye = digits_end(yb);
  if (at(comma) == ' ' && ye - yb == 4 && !alnum_at(ye) &&
      !(at(ye) == ',' && is_digit(at(ye + 1)))) {
    if (comma != k) emit_byte(',', k, comma);
    emit_byte(' ', comma, yb);
    put_year(yb, ye, true);
    k = ye;
  }
  i_ = k;
  return true;
}

// "World War II" -> "World War 2"; "Henry VIII", "King Charles III" -> "the 8th", "the 3rd".
bool Normalizer::roman_numeral(std::size_t end) {
  const std::string_view form = in_.substr(i_, end - i_);
  const int value = roman_value(form);
  if (value == 0 || alnum_at(end) || shouting_) return false;
  const std::string_view prev = previous_word(i_);
  if (prev.empty() || !is_ascii_upper(prev[0])) return false;
  if (sorted_contains(words_->numbered_things, prev)) {
    put(std::to_string(value), i_, end);
    i_ = end;
    return true;
  }
  const std::size_t prev_b = static_cast<std::size_t>(prev.data() - in_.data());
  const bool regnal = sorted_contains(words_->regnal_titles, previous_word(prev_b));
  const bool small = form.find_first_not_of("IVX") == std::string_view::npos && value <= 39;
  if (!is_name_like(prev) || !(regnal || (small && form.size() >= 2))) return false;
  put(words_->the, i_, end);
  add(ordinal(value), i_, end);
  i_ = end;
  return true;
}

// "https://www.example.com/a/b" -> "link to example dot com".
bool Normalizer::web_address() {
  if (!starts_with_nocase(i_, "http://") && !starts_with_nocase(i_, "https://") &&
      !starts_with_nocase(i_, "www."))
    return false;
  std::size_t end = i_;
  while (end < in_.size() && static_cast<unsigned char>(in_[end]) > ' ') ++end;
  // Sentence punctuation and closing brackets after an address are not part of it.
  while (end > i_ && std::string_view(".,;:!?)]}\"'>").find(in_[end - 1]) != std::string_view::npos)
    --end;
  std::string_view rest = in_.substr(i_, end - i_);
  if (const std::size_t scheme = rest.find("://"); scheme != std::string_view::npos)
    rest.remove_prefix(scheme + 3);
  if (rest.size() >= 4 && (rest.substr(0, 4) == "www." || rest.substr(0, 4) == "WWW."))
    rest.remove_prefix(4);
  const std::string_view host = rest.substr(0, rest.find_first_of("/:?#"));
  if (host.empty()) return false;
  put(words_->link_to, i_, end);
  emit_byte(' ', i_, end);
  spell_host(host, i_, end);
  i_ = end;
  return true;
}

bool Normalizer::email(std::size_t at_sign) {
  std::size_t end = at_sign + 1;
  while (end < in_.size() && (is_ascii_alnum(in_[end]) || in_[end] == '.' || in_[end] == '-'))
    ++end;
  while (end > at_sign + 1 && in_[end - 1] == '.') --end;
  const std::string_view domain = in_.substr(at_sign + 1, end - at_sign - 1);
  if (domain.find('.') == std::string_view::npos) return false;
  spell_host(in_.substr(i_, at_sign - i_), i_, end);
  add(words_->at, i_, end);
  emit_byte(' ', i_, end);
  spell_host(domain, i_, end);
  i_ = end;
  return true;
}

void Normalizer::spell_host(std::string_view host, std::size_t b, std::size_t e) {
  for (const char c : host) {
    if (c == '.') {
      add(words_->dot, b, e);
      emit_byte(' ', b, e);
    } else if (utf8::is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80) {
      emit_byte(c, b, e);
    } else {
      emit_byte(' ', b, e);  // "-", "_" and stray signs in a host name are not read
    }
  }
}

}  // namespace narrate::text::detail
