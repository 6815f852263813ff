// text/normalize_numbers.cpp - normalizer rules that start at a digit or a currency sign
#include <cstdlib>

#include "text/normalizer.hpp"
#include "text/utf8.hpp"

namespace narrate::text::detail {

using utf8::is_ascii_alnum;
using utf8::is_ascii_alpha;
using utf8::is_ascii_lower;
using utf8::is_digit;

namespace {

long to_long(std::string_view digits) {
  long v = 0;
  for (const char c : digits) {
    if (c == ',') continue;
    if (!is_digit(c) || v > 100000000L) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// The value of a plain number ("1,250.5" -> 1250.5); thousands commas ignored.
double to_double(std::string_view text) {
  std::string plain;
  for (const char c : text)
    if (c != ',') plain += c;
  return std::strtod(plain.c_str(), nullptr);
}

std::size_t integer_digits(std::string_view number) {
  std::size_t n = 0;
  for (const char c : number) {
    if (c == '.') break;
    n += is_digit(c);
  }
  return n;
}

// "19 90", "19 oh 5", or the digits as written (years from 2000 read well as they are).
std::string year_text(long year, std::string_view oh) {
  if (year < 1000 || year > 1999 || year % 100 == 0) return std::to_string(year);
  const long low = year % 100;
  std::string s = std::to_string(year / 100) + ' ';
  if (low < 10) s.append(oh).append(" ");
  return s + std::to_string(low);
}

constexpr std::string_view kDecadeCenturies[] = {"hundreds", "thousands"};

}  // namespace

std::string ordinal(long n) {
  const long last2 = n % 100;
  const char* suffix = "th";
  if (last2 < 11 || last2 > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

std::size_t Normalizer::digits_end(std::size_t k) const {
  while (k < in_.size() && is_digit(in_[k])) ++k;
  return k;
}

std::size_t Normalizer::number_end(std::size_t k) const {
  std::size_t j = k;
  while (j < in_.size()) {
    if (is_digit(in_[j])) {
      ++j;
    } else if ((in_[j] == ',' || in_[j] == '.') && j > k && is_digit(at(j + 1))) {
      ++j;
    } else {
      break;
    }
  }
  return j;
}

void Normalizer::put_year(std::size_t b, std::size_t e, bool first) {
  const long year = e - b == 4 ? to_long(in_.substr(b, e - b)) : -1;
  if (year < 1000 || year > 1999 || year % 100 == 0) return copy(b, e);
  const std::string text = year_text(year, words_->oh);
  first ? put(text, b, e) : add(text, b, e);
}

bool Normalizer::number() {
  if (!words_) return false;
  number_resume_ = kNone;
  if (rules_.dates && number_date()) return true;
  if (rules_.times && number_time()) return true;
  if (rules_.phone_numbers && number_phone()) return true;
  const std::size_t end = number_end(i_);
  if (rules_.typography && number_groups(end)) return true;
  if (rules_.years && number_decade(end)) return true;
  if (rules_.percentages && percent_range(end)) return true;
  if (rules_.ranges && number_range(end)) return true;
  if (rules_.multipliers) {
    std::size_t after = kNone;
    if ((at(end) == 'x' || at(end) == 'X') && !alnum_at(end + 1)) after = end + 1;
    if (starts_with(end, "\u00d7") && !alnum_at(end + 2)) after = end + 2;  // "2×"
    if (after != kNone) {
      copy(i_, end);
      add(words_->times, end, after);
      i_ = after;
      return true;
    }
  }
  if (rules_.units && number_unit(end)) return true;
  if (rules_.ordinals && in_.substr(i_, end - i_).find(',') != std::string_view::npos &&
      end + 2 <= in_.size() && !alnum_at(end + 2)) {
    const std::string_view suffix = in_.substr(end, 2);
    if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
      for (std::size_t k = i_; k < end; ++k)  // "1,000th": eSpeak stops at the comma
        if (in_[k] != ',') emit_byte(in_[k], k, k + 1);
      copy(end, end + 2);
      i_ = end + 2;
      return true;
    }
  }
  if (rules_.symbols && number_fraction(end)) return true;
  if (rules_.years && end - i_ == 4 && digits_end(i_) == end && !alnum_at(end) && at(end) != '%' &&
      !(at(end) == '/' && is_digit(at(end + 1))) && !counted_noun_follows(end)) {
    put_year(i_, end, true);
    i_ = end;
    return true;
  }
  copy(i_, end);
  i_ = end;
  return true;
}

// "12/05/2024", "5.6.2024", "2024-05-12", "5 March 2024", "5th Mar." (month names: word()).
bool Normalizer::number_date() {
  const std::size_t a_end = digits_end(i_);
  const char sep = at(a_end);
  if (sep == '/' || sep == '-' || sep == '.') {
    const std::size_t b_end = digits_end(a_end + 1);
    if (b_end == a_end + 1 || b_end - a_end > 3 || at(b_end) != sep) return false;
    const std::size_t c_end = digits_end(b_end + 1);
    const std::size_t a_len = a_end - i_, b_len = b_end - a_end - 1, c_len = c_end - b_end - 1;
    if (alnum_at(c_end) || at(c_end) == sep || (at(c_end) == '.' && is_digit(at(c_end + 1))))
      return false;
    long a = to_long(in_.substr(i_, a_len)), m = to_long(in_.substr(a_end + 1, b_len));
    long c = to_long(in_.substr(b_end + 1, c_len));
    long year = 0, month = 0, day = 0;
    if (a_len == 4 && c_len <= 2 && sep != '.') {
      year = a, month = m, day = c;  // ISO order
    } else if (a_len <= 2 && (c_len == 4 || (c_len == 2 && sep == '/'))) {
      year = c_len == 2 ? (c < 50 ? 2000 + c : 1900 + c) : c;
      const bool day_first = a > 12 || (m <= 12 && day_first_);
      day = day_first ? a : m;
      month = day_first ? m : a;
    } else {
      return false;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    put_date(int(year), int(month), int(day), i_, c_end);
    i_ = c_end;
    return true;
  }
  // "5 March 2024", "5th March", "1 Jan."
  std::size_t k = a_end;
  const long day = to_long(in_.substr(i_, a_end - i_));
  if (a_end - i_ > 2 || day < 1 || day > 31) return false;
  if (const std::string_view sfx = in_.substr(k, 2);
      sfx == "st" || sfx == "nd" || sfx == "rd" || sfx == "th")
    k += 2;
  if (at(k) != ' ') return false;
  const std::size_t month_b = k + 1;
  const std::size_t month_e = word_end(month_b);
  const std::string_view name = in_.substr(month_b, month_e - month_b);
  int month = 0;
  for (std::size_t m = 0; m < 12 && month == 0; ++m)
    if (name == words_->months[m] || (name == words_->month_abbrevs[m] && name != "May"))
      month = int(m) + 1;
  if (month == 0 || alnum_at(month_e)) return false;
  std::size_t end = month_e;
  if (name.size() == 3 && at(end) == '.' && skip_blanks(end + 1) < in_.size()) ++end;
  put(words_->the, i_, k);
  add(ordinal(day), i_, k);
  add(words_->of, k, month_b);
  add(words_->months[month - 1], month_b, end);
  const std::size_t year_b = end + 1;
  const std::size_t year_e = digits_end(year_b);
  if (at(end) == ' ' && year_e - year_b == 4 && !alnum_at(year_e)) {
    emit_byte(' ', end, year_b);
    put_year(year_b, year_e, true);
    end = year_e;
  }
  i_ = end;
  return true;
}

void Normalizer::put_date(int year, int month, int day, std::size_t b, std::size_t e) {
  const std::string_view month_name = words_->months[month - 1];
  const std::string year_words = year_text(year, words_->oh);
  if (words_->day_before_month) {  // "the 5th of May 2024"
    put(words_->the, b, e);
    add(ordinal(day), b, e);
    add(words_->of, b, e);
    add(month_name, b, e);
    add(year_words, b, e);
  } else {  // "May 5th, 2024"
    put(month_name, b, e);
    add(ordinal(day), b, e);
    put(",", b, e);
    add(year_words, b, e);
  }
}

// "10:00" -> "10 o'clock", "14:00" -> "14 hundred", "10:05" -> "10 oh 5", "10.30am" -> "10 30 am".
bool Normalizer::number_time() {
  const std::size_t h_end = digits_end(i_);
  const std::size_t h_len = h_end - i_;
  const char sep = at(h_end);
  if (h_len < 1 || h_len > 2 || (sep != ':' && sep != '.')) return false;
  const std::size_t m_end = digits_end(h_end + 1);
  if (m_end - h_end != 3 || (at(m_end) == sep && is_digit(at(m_end + 1)))) return false;
  const long hour = to_long(in_.substr(i_, h_len));
  const long minute = to_long(in_.substr(h_end + 1, 2));
  if (hour > 24 || minute > 59) return false;
  const std::size_t after = skip_blanks(m_end) == m_end + 1 ? m_end + 1 : m_end;
  const bool meridiem = ((starts_with_nocase(after, "am") || starts_with_nocase(after, "pm")) &&
                         !alnum_at(after + 2)) ||
                        starts_with_nocase(after, "a.m") || starts_with_nocase(after, "p.m");
  if (alnum_at(m_end) && !meridiem) return false;
  if (sep == '.' && !meridiem) return false;  // "10.30" alone is a decimal
  const std::string h = std::to_string(hour);
  if (minute == 0 && meridiem) {
    put(h, i_, m_end);
  } else if (minute == 0) {
    const bool twenty_four = hour == 0 || hour > 12 || in_[i_] == '0';
    put(h, i_, m_end);
    add(twenty_four ? words_->hundred : words_->o_clock, i_, m_end);
  } else if (minute < 10) {
    put(h, i_, m_end);
    add(words_->oh, i_, m_end);
    add(std::to_string(minute), i_, m_end);
  } else if (sep == '.') {
    put(h, i_, m_end);
    add(std::to_string(minute), i_, m_end);
  } else if (alnum_at(m_end)) {
    put(h, i_, m_end);  // "5:30pm"
    add(std::to_string(minute), i_, m_end);
  } else {
    copy(i_, m_end);  // eSpeak reads "10:30" and "09:30" well
  }
  i_ = m_end;
  return true;
}

// "555-0199", "1-800-555-0199", "020.7946.0958": read digit by digit, a pause between groups.
bool Normalizer::number_phone() {
  std::size_t groups[8][2];
  std::size_t count = 0, digits = 0;
  std::size_t k = i_;
  char sep = 0;
  while (count < 8) {
    const std::size_t e = digits_end(k);
    if (e == k || e - k > 4) return false;
    groups[count][0] = k;
    groups[count][1] = e;
    ++count;
    digits += e - k;
    const char c = at(e);
    if ((c != '-' && c != '.') || (sep != 0 && c != sep) || !is_digit(at(e + 1))) {
      k = e;
      break;
    }
    sep = c;
    k = e + 1;
  }
  if (alnum_at(k) || count < 2 || sep == 0) return false;
  const bool local = count == 2 && sep == '-' && groups[0][1] - groups[0][0] == 3 &&
                     groups[1][1] - groups[1][0] == 4;  // "555-0199"
  if (!local && (count < 3 || digits < 7)) return false;
  for (std::size_t g = 0; g < count; ++g) {
    if (g > 0) {
      emit_byte(',', groups[g - 1][1], groups[g][0]);
      emit_byte(' ', groups[g - 1][1], groups[g][0]);
    }
    for (std::size_t p = groups[g][0]; p < groups[g][1]; ++p) {
      if (p > groups[g][0]) emit_byte(' ', p, p);
      emit_byte(in_[p], p, p + 1);
    }
  }
  i_ = k;
  return true;
}

// "1 000 000" with no-break or thin spaces between the groups of three digits.
bool Normalizer::number_groups(std::size_t end) {
  if (end != digits_end(i_) || end - i_ > 3) return false;
  std::size_t k = end;
  std::size_t groups = 0;
  while (true) {
    std::size_t sep = 0;
    if (starts_with(k, "\u00a0")) sep = 2;
    if (starts_with(k, "\u2009") || starts_with(k, "\u202f")) sep = 3;
    if (sep == 0 || digits_end(k + sep) != k + sep + 3) break;
    k += sep + 3;
    ++groups;
  }
  if (groups == 0 || alnum_at(k)) return false;
  for (std::size_t p = i_; p < k; ++p)
    if (is_digit(in_[p])) emit_byte(in_[p], p, p + 1);
  i_ = k;
  return true;
}

// "1990s" -> "19 nineties", "2000s" -> "2 thousands", "80s" -> "eighties".
bool Normalizer::number_decade(std::size_t end) {
  const std::size_t len = end - i_;
  if ((len != 4 && len != 2) || digits_end(i_) != end || at(end) != 's' || alnum_at(end + 1))
    return false;
  const long v = to_long(in_.substr(i_, len));
  if (v % 10 != 0 || v == 0) return false;
  const long tens = (v % 100) / 10;
  std::string text;
  if (len == 4) {
    if (v < 1000) return false;
    if (tens == 0)
      text = v % 1000 == 0 ? std::to_string(v / 1000) + ' ' + std::string(kDecadeCenturies[1])
                           : std::to_string(v / 100) + ' ' + std::string(kDecadeCenturies[0]);
    else
      text = std::to_string(v / 100) + ' ' + std::string(words_->decades[tens - 1]);
  } else {
    text = words_->decades[tens - 1];
  }
  put(text, i_, end + 1);
  i_ = end + 1;
  return true;
}

// "'90s", "’60s" at the apostrophe.
bool Normalizer::decade_after_apostrophe() {
  const std::size_t quote = in_[i_] == '\'' ? 1 : 3;
  const std::size_t b = i_ + quote;
  if (letter_before(i_) || digits_end(b) != b + 2 || at(b + 2) != 's' || alnum_at(b + 3))
    return false;
  const long v = to_long(in_.substr(b, 2));
  if (v % 10 != 0 || v == 0) return false;
  put(words_->decades[v / 10 - 1], i_, b + 3);
  i_ = b + 3;
  return true;
}

// "10%-15%" -> "10 to 15%"; "50%-owned" -> "50 percent-owned" (eSpeak drops that sign).
bool Normalizer::percent_range(std::size_t end) {
  if (at(end) != '%') return false;
  std::size_t dash = 0;
  if (at(end + 1) == '-') dash = 1;
  if (starts_with(end + 1, "\u2013")) dash = 3;
  if (dash != 0 && is_digit(at(end + 1 + dash))) {
    copy(i_, end);
    add(words_->to, end, end + 1 + dash);
    emit_byte(' ', end, end + 1 + dash);
    i_ = number_resume_ = end + 1 + dash;
    return true;
  }
  if (dash == 1 && is_ascii_alpha(at(end + 2))) {
    copy(i_, end);
    add(words_->percent, end, end + 1);
    i_ = end + 1;
    return true;
  }
  return false;
}

// "5-10" and "2019–2021" -> "to"; "1990-91"; a score "3-2" -> "3 2"; phone numbers untouched.
bool Normalizer::number_range(std::size_t end) {
  std::size_t dash = 0;
  if (at(end) == '-') dash = 1;
  if (starts_with(end, "\u2013")) dash = 3;
  const std::size_t rb = end + dash;
  if (dash == 0 || !is_digit(at(rb))) return false;
  const std::size_t re = number_end(rb);
  if (at(re) == '-' && is_digit(at(re + 1))) return false;  // "1-800-555-0199"
  if (alnum_at(re) && !(at(re) == 's' && !alnum_at(re + 1))) {
    // "5-10km", "2-3x" are still ranges; "3-2b" is a code.
    const std::size_t we = word_end(re);
    bool unit = false;
    for (const Unit& u : words_->units) unit = unit || in_.substr(re, we - re) == u.written;
    if (!unit && !(we == re + 1 && (at(re) == 'x' || at(re) == 'X'))) return false;
  }
  const std::string_view left = in_.substr(i_, end - i_);
  const std::string_view right = in_.substr(rb, re - rb);
  const std::size_t ld = integer_digits(left), rd = integer_digits(right);
  const double lv = to_double(left), rv = to_double(right);
  const bool decimals =
      left.find('.') != std::string_view::npos || right.find('.') != std::string_view::npos;
  bool range = false, score = false;
  if (dash == 1 && ((ld == 3 && rd == 4) || (rd > 1 && right[0] == '0'))) return false;
  if (ld == 4 && rd == 2 && lv >= 1000 && lv < 3000) {
    range = rv > long(lv) % 100;  // "1990-91", "2019-20"
  } else {
    range = rv > lv;
  }
  if (!range) score = !decimals && ld <= 3 && rd <= 3;
  if (!range && !score) return false;
  if (ld == 4 && !decimals && rules_.years) {
    put_year(i_, end, true);
  } else {
    copy(i_, end);
  }
  // A range ("10-12") and a score ("2-0", "104-98") are both said with "to".
  add(words_->to, end, rb);
  emit_byte(' ', end, rb);
  i_ = number_resume_ = rb;
  return true;
}

// "1061 people", "2500 homes": a four-digit number before a plural noun counts things; it is
// not a year ("In 1998 the", "1998 was").
bool Normalizer::counted_noun_follows(std::size_t end) const {
  if (at(end) != ' ') return false;
  const std::size_t b = end + 1;
  const std::size_t e = word_end(b);
  if (e - b < 3 || !utf8::is_ascii_lower(at(b))) return false;
  const std::string_view word = in_.substr(b, e - b);
  static constexpr std::string_view kCounted[] = {"people", "children", "men",    "women",
                                                  "staff",  "police",   "troops", "personnel",
                                                  "sheep",  "cattle",   "feet"};
  for (const std::string_view w : kCounted) {
    if (word == w) return true;
  }
  static constexpr std::string_view kNotNouns[] = {
      "was",  "has",    "is",    "as",   "its",  "this",    "his",     "thus",
      "plus", "versus", "marks", "sees", "says", "remains", "becomes", "does"};
  for (const std::string_view w : kNotNouns) {
    if (word == w) return false;
  }
  return word.back() == 's' && word[word.size() - 2] != 's';
}

std::string Normalizer::unit_words(std::string_view spoken) const {
  std::string s(spoken);
  if (words_->spell_metre) return s;
  for (const std::string_view british : {"metre", "litre"}) {
    for (std::size_t at_pos = s.find(british); at_pos != std::string::npos;
         at_pos = s.find(british, at_pos + 1))
      s.replace(at_pos + british.size() - 2, 2, "er");  // "metre" -> "meter"
  }
  return s;
}

// "5 km", "60mph", "250 WPM", "40.5C", "5bn people", "3 pct".
bool Normalizer::number_unit(std::size_t end) {
  const bool spaced = gap_at(end) != 0;
  const std::size_t ub = end + gap_at(end);
  const std::string_view number = in_.substr(i_, end - i_);
  // "The 4C class", "a 5G phone": after a determiner a letter is a label, not a unit.
  const char first = at(ub);
  if (!is_ascii_alpha(first) && first != '\xC2') return false;  // '\xC2': the degree sign
  static constexpr std::string_view kDeterminers[] = {"The", "the",  "a",    "an",  "A",
                                                      "An",  "this", "This", "its", "their"};
  bool labelled = false;
  for (const std::string_view d : kDeterminers) labelled = labelled || previous_word(i_) == d;
  for (const Unit& u : words_->units) {
    if (u.written[0] != first) continue;
    if (!starts_with(ub, u.written) || (u.attached_only && (spaced || labelled))) continue;
    const std::size_t ue = ub + u.written.size();
    if (alnum_at(ue) || (at(ue) == '/' && is_ascii_alpha(at(ue + 1)))) continue;
    if (u.attached_only && (at(ue) == '.' && is_ascii_alpha(at(ue + 1)))) continue;
    copy(i_, end);
    add(unit_words(number == "1" ? u.singular : u.plural), ub, ue);
    i_ = ue;
    return true;
  }
  // "a 300m drop", "the 100m final": "m" is metres only before words of length or racing
  // (elsewhere "3m" is as likely millions).
  if (!spaced && at(ub) == 'm' && !alnum_at(ub + 1) && at(ub + 1) == ' ') {
    static constexpr std::string_view kMetreWords[] = {
        "long",    "tall",      "high",  "wide",       "deep",        "away",
        "across",  "above",     "below", "sprint",     "race",        "final",
        "hurdles", "freestyle", "relay", "backstroke", "breaststroke"};
    const std::size_t nb = ub + 2;
    const std::string_view next = in_.substr(nb, word_end(nb) - nb);
    for (const std::string_view w : kMetreWords) {
      if (next != w) continue;
      copy(i_, end);
      add(unit_words(number == "1" ? "metre" : "metres"), ub, ub + 1);
      i_ = ub + 1;
      return true;
    }
  }
  // Scales: "5bn" -> "5 billion"; "m" and "b" alone are millions only after a currency sign.
  const std::size_t se = word_end(ub);
  const std::string_view scale = in_.substr(ub, se - ub);
  if (scale == "bn" || scale == "tn" || scale == "trn" || (scale == "k" && !spaced)) {
    for (const Scale& s : words_->scales) {
      if (s.written != scale) continue;
      copy(i_, end);
      add(s.spoken, ub, se);
      i_ = se;
      return true;
    }
  }
  return false;
}

// "1/2" -> "1 half", "3/4" -> "3 quarters"; "24/7", "9/11", "50/50": the slash is not read.
bool Normalizer::number_fraction(std::size_t end) {
  if (at(end) != '/' || digits_end(i_) != end || !is_digit(at(end + 1))) return false;
  const std::size_t de = digits_end(end + 1);
  if (alnum_at(de) || at(de) == '/' || (at(de) == '.' && is_digit(at(de + 1)))) return false;
  const long n = to_long(in_.substr(i_, end - i_));
  const long d = to_long(in_.substr(end + 1, de - end - 1));
  copy(i_, end);
  if (n >= 1 && d >= 2 && d <= 4 && n < d) {
    const std::size_t pair = static_cast<std::size_t>(d - 2) * 2;
    add(words_->fractions[pair + (n == 1 ? 0 : 1)], end, de);
    i_ = de;
  } else {
    emit_byte(' ', end, end + 1);
    i_ = number_resume_ = end + 1;
  }
  return true;
}

}  // namespace narrate::text::detail
