// text/normalize.cpp - the spoken form of a sentence: driver, output map, language-neutral rules
#include "text/normalize.hpp"

#include <unicode/uchar.h>

#include "narrate/error.hpp"
#include "text/lexicon.hpp"
#include "text/normalizer.hpp"
#include "text/utf8.hpp"

namespace narrate::text {

NormalizeRules NormalizeRules::none() noexcept {
  NormalizeRules r;
  for (bool* b :
       {&r.typography, &r.lexicon, &r.money, &r.percentages, &r.ranges, &r.phone_numbers, &r.dates,
        &r.times, &r.years, &r.ordinals, &r.multipliers, &r.units, &r.abbreviations,
        &r.roman_numerals, &r.web_addresses, &r.footnotes, &r.symbols, &r.emoji})
    *b = false;
  return r;
}

void NormalizeOptions::validate() const {
  bool ok = !language.empty() && language.size() <= 35 && language.front() != '-' &&
            language.back() != '-';
  for (const char c : language) ok = ok && (utf8::is_ascii_alnum(c) || c == '-' || c == '_');
  if (!ok) throw Error(ErrorCode::Usage, "invalid language tag '" + language + "'");
}

SourceSpan SpokenText::source_span(std::size_t begin, std::size_t end) const noexcept {
  if (end > text.size()) end = text.size();
  if (begin >= end) return {};
  return {source_offset[begin], source_end[end - 1]};
}

namespace detail {

using utf8::is_ascii_alnum;
using utf8::is_ascii_alpha;
using utf8::is_ascii_lower;
using utf8::is_ascii_upper;
using utf8::is_digit;

namespace {

// The sentence is set in capitals ("WHO ARE THEY"): acronym lexicon entries would misfire.
bool is_shouting(std::string_view s) {
  std::size_t upper = 0, lower = 0;
  for (const char c : s) {
    upper += is_ascii_upper(c);
    lower += is_ascii_lower(c);
  }
  return upper >= 8 && lower * 5 < upper;
}

bool is_invisible(char32_t v) {
  return (v >= 0x80 && v <= 0x9F) || v == 0xAD || (v >= 0x200B && v <= 0x200F) ||
         (v >= 0x202A && v <= 0x202E) || (v >= 0x2060 && v <= 0x2064) ||
         (v >= 0x2066 && v <= 0x2069) || v == 0xFEFF || (v >= 0xFE00 && v <= 0xFE0F) || v == 0x034F;
}

bool is_odd_space(char32_t v) {
  return v == 0xA0 || (v >= 0x2000 && v <= 0x200A) || v == 0x202F || v == 0x205F || v == 0x3000 ||
         v == 0x2028 || v == 0x2029;
}

bool is_superscript_digit(char32_t v) {
  return v == 0xB9 || v == 0xB2 || v == 0xB3 ||
         (v >= 0x2070 && v <= 0x2079 && v != 0x2071 && v != 0x2072 && v != 0x2073);
}

bool is_pictograph(char32_t v) {
  const auto c = static_cast<UChar32>(v);
  if (v < 0x2000) return false;  // © and ® are symbols, handled with the other signs
  return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR);
}

// Parts of an emoji sequence after its first code point: modifiers, joiners, selectors, tags.
bool is_emoji_continuation(char32_t v) {
  return v == 0x200D || v == 0xFE0F || v == 0xFE0E || v == 0x20E3 ||
         (v >= 0x1F3FB && v <= 0x1F3FF) || (v >= 0xE0020 && v <= 0xE007F);
}

}  // namespace

Normalizer::Normalizer(std::string_view in, const NormalizeOptions& options)
    : in_(in),
      options_(options),
      rules_(options.rules),
      words_(spoken_words_for(options.language)) {
  day_first_ =
      options.date_order == DateOrder::DayFirst ||
      (options.date_order == DateOrder::FromLanguage && words_ && words_->day_before_month);
  shouting_ = is_shouting(in);
  const std::size_t reserve = in.size() + in.size() / 4 + 16;
  out_.text.reserve(reserve);
  out_.source_offset.reserve(reserve);
  out_.source_end.reserve(reserve);
}

SpokenText Normalizer::run() {
  while (i_ < in_.size()) step();
  trim_spaces();
  return std::move(out_);
}

// ---- output -------------------------------------------------------------------------------

void Normalizer::emit_byte(char c, std::size_t b, std::size_t e) {
  // "[[" and "]]" open and close eSpeak's phoneme input: the text never produces them, even
  // where a rule drops what stood between two brackets ("[\u200b[").
  if ((c == '[' || c == ']') && last() == c) return;
  out_.text += c;
  out_.source_offset.push_back(static_cast<std::uint32_t>(b));
  out_.source_end.push_back(static_cast<std::uint32_t>(e));
}

void Normalizer::copy(std::size_t b, std::size_t e) {
  const std::size_t n = out_.text.size();
  out_.text.append(in_, b, e - b);
  out_.source_offset.resize(n + (e - b));
  out_.source_end.resize(n + (e - b));
  std::uint32_t* offset = out_.source_offset.data() + n;
  std::uint32_t* end = out_.source_end.data() + n;
  for (std::size_t k = b; k < e; ++k) {
    *offset++ = static_cast<std::uint32_t>(k);
    *end++ = static_cast<std::uint32_t>(k + 1);
  }
}

void Normalizer::put(std::string_view s, std::size_t b, std::size_t e) {
  for (const char c : s) emit_byte(c, b, e);
}

void Normalizer::put_phonemes(std::string_view s, std::size_t b, std::size_t e) {
  out_.text.append(s);
  out_.source_offset.insert(out_.source_offset.end(), s.size(), static_cast<std::uint32_t>(b));
  out_.source_end.insert(out_.source_end.end(), s.size(), static_cast<std::uint32_t>(e));
}

void Normalizer::add(std::string_view s, std::size_t b, std::size_t e) {
  if (s.empty()) return;
  if (!out_.text.empty() && last() != ' ') emit_byte(' ', b, e);
  put(s, b, e);
}

void Normalizer::space(std::size_t b, std::size_t e) {
  if (!out_.text.empty() && last() != ' ') emit_byte(' ', b, e);
}

void Normalizer::pause(std::size_t b, std::size_t e) {
  trim_spaces();
  const char c = last();
  if (c != '\0' && c != ',' && c != '.' && c != '(' && c != ';' && c != ':') emit_byte(',', b, e);
  // The space comes from the input when it has one; none before closing quotes.
  const char n = at(e);
  if (c != '\0' && n != ' ' && n != '"' && n != '\'' && n != ')' && n != '\0' &&
      !starts_with(e, "\u201d") && !starts_with(e, "\u2019"))
    emit_byte(' ', b, e);
}

void Normalizer::trim_spaces() {
  while (last() == ' ') {
    out_.text.pop_back();
    out_.source_offset.pop_back();
    out_.source_end.pop_back();
  }
}

// ---- input helpers ------------------------------------------------------------------------

bool Normalizer::alnum_at(std::size_t k) const {
  if (k >= in_.size()) return false;
  if (static_cast<unsigned char>(in_[k]) < 0x80) return is_ascii_alnum(in_[k]);
  return utf8::is_letter(utf8::decode(in_, k).value);
}

bool Normalizer::letter_before(std::size_t k) const {
  if (k == 0) return false;
  if (static_cast<unsigned char>(in_[k - 1]) < 0x80) return is_ascii_alnum(in_[k - 1]);
  return alnum_at(utf8::previous_start(in_, k));
}

bool Normalizer::word_start() const {
  if (i_ == 0 || i_ == number_resume_) return true;
  if (letter_before(i_)) return false;
  const char p = in_[i_ - 1];
  if (is_digit(in_[i_])) {
    if (static_cast<unsigned char>(p) >= 0x80) {
      const auto v = static_cast<UChar32>(utf8::decode(in_, utf8::previous_start(in_, i_)).value);
      return u_charType(v) != U_CURRENCY_SYMBOL;
    }
    // A minus sign starts a number ("from -5C"); a hyphen inside a word does not ("COVID-19").
    if (p == '-') return i_ == 1 || in_[i_ - 2] == ' ' || in_[i_ - 2] == '(';
    return !(p == '.' || p == ',' || p == '_' || p == '@' || p == '/' || p == '\'' || p == '$' ||
             p == '#' || p == ':' || p == '+');
  }
  // Letters: "pro-Beijing" and "'NATO'" start words; "jane.doe" and "a/b" do not.
  if (p == '\'') return !letter_before(i_ - 1);
  return !(p == '.' || p == '_' || p == '@' || p == '/' || p == '\\');
}

std::size_t Normalizer::skip_blanks(std::size_t k) const {
  while (k < in_.size() && (in_[k] == ' ' || in_[k] == '\t' || in_[k] == '\n')) ++k;
  return k;
}

std::size_t Normalizer::gap_at(std::size_t k) const {
  if (at(k) == ' ') return 1;
  if (starts_with(k, "\u00a0")) return 2;
  if (starts_with(k, "\u202f") || starts_with(k, "\u2009")) return 3;
  return 0;
}

bool Normalizer::sentence_start() const {
  std::size_t n = out_.text.size();
  while (n > 0 && (out_.text[n - 1] == ' ' || out_.text[n - 1] == '"' || out_.text[n - 1] == '(' ||
                   out_.text[n - 1] == '\''))
    --n;
  return n == 0 || out_.text[n - 1] == '.' || out_.text[n - 1] == '?' || out_.text[n - 1] == '!';
}

std::size_t Normalizer::word_end(std::size_t k) const {
  while (k < in_.size() && is_ascii_alnum(in_[k])) ++k;
  return k;
}

std::string_view Normalizer::previous_word(std::size_t k, bool allow_comma) const {
  while (k > 0 && (in_[k - 1] == ' ' || in_[k - 1] == '\t' || in_[k - 1] == '\n')) --k;
  if (allow_comma && k > 0 && in_[k - 1] == ',') {
    --k;
    while (k > 0 && in_[k - 1] == ' ') --k;
  }
  std::size_t b = k;
  while (b > 0 && is_ascii_alnum(in_[b - 1])) --b;
  return in_.substr(b, k - b);
}

bool Normalizer::starts_with(std::size_t k, std::string_view s) const {
  return k <= in_.size() && in_.substr(k).starts_with(s);
}

bool Normalizer::starts_with_nocase(std::size_t k, std::string_view s) const {
  if (k > in_.size() || in_.size() - k < s.size()) return false;
  for (std::size_t n = 0; n < s.size(); ++n)
    if (utf8::ascii_lower(in_[k + n]) != s[n]) return false;
  return true;
}

// ---- driver -------------------------------------------------------------------------------

void Normalizer::step() {
  const char c = in_[i_];
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x80) return multibyte();
  if (is_ascii_alnum(c)) return alnum();
  if (u <= ' ' || u == 0x7F) {
    // Tabs and line breaks are spaces; other control characters are dropped.
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
      space(i_, i_ + 1);
    ++i_;
    return;
  }
  if ((c == '[' || c == ']') && at(i_ + 1) == c) {
    // "[[" opens eSpeak's phoneme input: never let the text produce it.
    std::size_t e = i_;
    while (at(e) == c) ++e;
    emit_byte(c, i_, e);
    i_ = e;
    return;
  }
  if (rules_.footnotes && c == '[' && footnote()) return;
  if (c == '$' && words_ && rules_.money && money()) return;
  if (c == '\'' && words_ && rules_.years && decade_after_apostrophe()) return;
  if (rules_.typography && typography_ascii(c)) return;
  if (rules_.symbols && symbol(c)) return;
  emit_byte(c, i_, i_ + 1);
  ++i_;
}

// A word or number in ASCII letters and digits starts at i_.
void Normalizer::alnum() {
  const char c = in_[i_];
  const std::size_t e = word_end(i_);
  if (word_start()) {
    if (words_ && rules_.money && is_ascii_upper(c) && at(e) == '$' && money()) return;  // "US$"
    if (rules_.lexicon && options_.lexicon && lexicon_entry()) return;
    if (is_digit(c) ? number() : word(e)) return;
  } else if (is_digit(c) && words_ && rules_.years && i_ >= 2 && in_[i_ - 1] == '-' &&
             is_ascii_lower(in_[i_ - 2])) {
    // "mid-1990s", "pre-1914": a year after a prefix.
    const std::size_t end = digits_end(i_);
    if (number_decade(end)) return;
    if (end - i_ == 4 && !alnum_at(end)) {
      put_year(i_, end, true);
      i_ = end;
      return;
    }
  }
  // The rest of a word: copied whole so that no rule starts inside it.
  copy(i_, e);
  i_ = e;
}

void Normalizer::multibyte() {
  const utf8::CodePoint cp = utf8::decode(in_, i_);
  const std::size_t next = i_ + cp.length;
  const char32_t v = cp.value;
  if (is_invisible(v)) {  // C1 controls, soft hyphen, zero-width and bidi characters: silent
    i_ = next;
    return;
  }
  if (words_ && rules_.money && u_charType(static_cast<UChar32>(v)) == U_CURRENCY_SYMBOL && money())
    return;
  if (rules_.lexicon && options_.lexicon && utf8::is_letter(v) && word_start() && lexicon_entry())
    return;
  if (v == 0x2019 && words_ && rules_.years && decade_after_apostrophe()) return;
  if (rules_.typography && typography_multibyte(v, next)) return;
  if (rules_.footnotes && is_superscript_digit(v) && footnote_superscript()) return;
  if (rules_.emoji && emoji(v)) return;
  if (rules_.symbols && symbol_multibyte(v, next)) return;
  copy(i_, next);
  i_ = next;
}

// ---- typography ---------------------------------------------------------------------------

bool Normalizer::typography_ascii(char c) {
  if (c == '.' && at(i_ + 1) == '.' && at(i_ + 2) != '.' && (i_ == 0 || in_[i_ - 1] != '.')) {
    emit_byte('.', i_, i_ + 2);  // eSpeak NG 1.51 misreads "..": a doubled period is a typo
    i_ += 2;
    return true;
  }
  if (c == '-' && at(i_ + 1) == '-' && at(i_ + 2) != '-') {
    pause(i_, i_ + 2);
    i_ += 2;
    return true;
  }
  return false;
}

bool Normalizer::typography_multibyte(char32_t v, std::size_t next) {
  if (v == 0x201C || v == 0x201D || v == 0x201E || v == 0x201F || v == 0xAB || v == 0xBB ||
      v == 0x2033) {
    emit_byte('"', i_, next);
  } else if (v == 0x2018 || v == 0x2019 || v == 0x201A || v == 0x201B || v == 0x2032 ||
             v == 0x2039 || v == 0x203A) {
    emit_byte('\'', i_, next);
  } else if (v == 0x2014 || v == 0x2015) {
    pause(i_, next);
  } else if (v == 0x2013) {
    // En dash: a range between numbers, a pause between spaced words, else a hyphen.
    if (words_ && is_digit(last()) && is_digit(at(next))) {
      add(words_->to, i_, next);
      emit_byte(' ', i_, next);
      number_resume_ = next;
    } else if (at(next) == ' ' || last() == ' ') {
      pause(i_, next);
    } else {
      emit_byte('-', i_, next);
    }
  } else if (v == 0x2010 || v == 0x2011 || v == 0x2212) {
    emit_byte('-', i_, next);
  } else if (v == 0x2026) {
    put("...", i_, next);
  } else if (is_odd_space(v)) {
    space(i_, next);
  } else {
    return false;
  }
  i_ = next;
  return true;
}

// ---- footnotes ----------------------------------------------------------------------------

// Reference marks copied from wikis and papers: "[1]", "[2, 3]", "[a]", "[citation needed]".
bool Normalizer::footnote() {
  const std::size_t close = in_.find(']', i_ + 1);
  if (close == std::string_view::npos || close - i_ > 32) return false;
  const std::string_view inside = in_.substr(i_ + 1, close - i_ - 1);
  if (inside.empty()) return false;
  bool numeric = true, lower = true;
  for (const char c : inside) {
    numeric = numeric && (is_digit(c) || c == ',' || c == ' ' || c == '-');
    lower = lower && (is_ascii_lower(c) || c == ' ' || is_digit(c) || c == '?');
  }
  numeric = numeric && is_digit(inside.front()) && inside.size() <= 12;
  const bool mark = numeric || (inside.size() == 1 && is_ascii_lower(inside[0])) ||
                    (lower && (inside.ends_with("needed") || inside.starts_with("note ") ||
                               inside == "citation" || inside == "edit" || inside == "sic" ||
                               inside.ends_with("?")));
  if (!mark || inside == "sic") return false;  // "[sic]" is read: it is part of the quotation
  i_ = close + 1;
  if (i_ < in_.size() && in_[i_] != ' ') trim_spaces();
  return true;
}

// Superscript reference marks: "the claim¹²", "grew.³" (but "mc²" and "km²" are powers).
bool Normalizer::footnote_superscript() {
  std::size_t w = i_;
  while (w > 0 && is_ascii_alpha(in_[w - 1])) --w;
  const bool after_word = i_ - w >= 3;
  const bool after_mark =
      i_ > 0 && std::string_view(".,;:!?)\"'").find(in_[i_ - 1]) != std::string_view::npos;
  if (!after_word && !after_mark && !(i_ > 0 && static_cast<unsigned char>(in_[i_ - 1]) >= 0x80))
    return false;
  std::size_t e = i_;
  while (e < in_.size()) {
    const utf8::CodePoint more = utf8::decode(in_, e);
    if (is_superscript_digit(more.value)) {
      e += more.length;
    } else if ((more.value == ',' || more.value == 0x2013 || more.value == '-') &&
               e + more.length < in_.size() &&
               is_superscript_digit(utf8::decode(in_, e + more.length).value)) {
      e += more.length;
    } else {
      break;
    }
  }
  i_ = e;
  return true;
}

// ---- emoji --------------------------------------------------------------------------------

bool Normalizer::emoji(char32_t v) {
  if (!is_pictograph(v)) return false;
  const std::size_t b = i_;
  const std::size_t first_end = i_ + utf8::decode(in_, i_).length;
  std::size_t e = first_end;
  bool regional = u_hasBinaryProperty(static_cast<UChar32>(v), UCHAR_REGIONAL_INDICATOR);
  while (e < in_.size()) {
    const utf8::CodePoint more = utf8::decode(in_, e);
    if (is_emoji_continuation(more.value)) {
      e += more.length;
      if (more.value == 0x200D && e < in_.size() && is_pictograph(utf8::decode(in_, e).value))
        e += utf8::decode(in_, e).length;  // a joined sequence: "family" of several people
    } else if (regional &&
               u_hasBinaryProperty(static_cast<UChar32>(more.value), UCHAR_REGIONAL_INDICATOR)) {
      e += more.length;  // the second letter of a flag
      regional = false;
    } else {
      break;
    }
  }
  if (options_.emoji == EmojiMode::Name) {
    space(b, e);
    for (std::size_t k = b; k < first_end; ++k) emit_byte(in_[k], b, e);
    if (alnum_at(e)) emit_byte(' ', b, e);
  } else if (letter_before(b) && alnum_at(e)) {
    emit_byte(' ', b, e);
  } else if (e < in_.size() && !alnum_at(e) && in_[e] != ' ') {
    trim_spaces();  // "fans 😀!" -> "fans!"
  }
  i_ = e;
  return true;
}

// ---- symbols ------------------------------------------------------------------------------

bool Normalizer::symbol(char c) {
  const std::size_t b = i_;
  if (c == '#' && words_ && !letter_before(b)) {
    if (is_digit(at(b + 1))) {
      add(words_->number, b, b + 1);  // "#1" -> "number 1"
    } else if (is_ascii_alpha(at(b + 1))) {
      add(words_->hashtag, b, b + 1);
    } else {
      return false;
    }
    emit_byte(' ', b, b + 1);
    i_ = b + 1;
    return true;
  }
  if (c == '~' && words_ && is_digit(at(b + 1 + (at(b + 1) == ' ')))) {
    add(words_->about, b, b + 1);
    emit_byte(' ', b, b + 1);
    i_ = at(b + 1) == ' ' ? b + 2 : b + 1;
    return true;
  }
  if (c == '/' && words_ && is_ascii_lower(at(b + 1)) && letter_before(b) &&
      is_ascii_lower(in_[b - 1])) {
    emit_byte(' ', b, b + 1);  // "his/her" -> "his or her"; "and/or" -> "and or"
    if (!(starts_with(b + 1, words_->or_word) && !alnum_at(b + 1 + words_->or_word.size()))) {
      put(words_->or_word, b, b + 1);
      emit_byte(' ', b, b + 1);
    }
    i_ = b + 1;
    return true;
  }
  if (c == '/' && words_ && is_ascii_upper(at(b + 1)) && is_ascii_lower(at(b + 2)) &&
      letter_before(b) && is_ascii_lower(in_[b - 1]) && b >= 2 && is_ascii_alpha(in_[b - 2])) {
    // "Bulgaria/Israel talks": two names joined, said with "and" rather than "slash".
    emit_byte(' ', b, b + 1);
    put(words_->and_word, b, b + 1);
    emit_byte(' ', b, b + 1);
    i_ = b + 1;
    return true;
  }
  if (c == '*' || c == '^') {
    // Footnote stars and carets are not read ("tested*").
    if (letter_before(b) && alnum_at(b + 1)) emit_byte(' ', b, b + 1);
    i_ = b + 1;
    return true;
  }
  if (c == '|' || (c == '-' && at(b + 1) == '>')) {
    const std::size_t e = c == '|' ? b + 1 : b + 2;
    pause(b, e);
    i_ = e;
    return true;
  }
  return false;
}

bool Normalizer::symbol_multibyte(char32_t v, std::size_t next) {
  const std::size_t b = i_;
  if (v == 0xA9 || v == 0xAE || v == 0x2122 || v == 0x2020 || v == 0x2021) {
    // © ® ™ † ‡: marks on the page, not words.
    if (letter_before(b) && alnum_at(next)) emit_byte(' ', b, next);
  } else if (v == 0x2022 || v == 0x25AA || v == 0x25CF || v == 0x25A0 || v == 0x25BA ||
             v == 0x25B6 || v == 0x2023 || v == 0x2043 || v == 0x2192 || v == 0x2190 ||
             v == 0x21D2 || v == 0x2794 || v == 0x27A4 || v == 0xA6 || v == 0x25E6) {
    pause(b, next);  // bullets and arrows separate items
  } else if (v == 0x2248 && words_) {
    add(words_->about, b, next);  // ≈
    emit_byte(' ', b, next);
  } else {
    return false;
  }
  i_ = next;
  return true;
}

}  // namespace detail

SpokenText normalize(std::string_view sentence, const NormalizeOptions& options) {
  return detail::Normalizer(sentence, options).run();
}

std::string spoken_form(std::string_view sentence, const NormalizeOptions& options) {
  return normalize(sentence, options).text;
}

}  // namespace narrate::text
