// text/normalize_money.cpp - normalizer rule for amounts of money: "$5bn", "£30", "HK$2.5"
#include "text/normalizer.hpp"
#include "text/utf8.hpp"

namespace narrate::text::detail {

using utf8::is_digit;

// Parses "5", "5.25", "5bn", "5 billion" at k; returns the end (kNone if no amount).
std::size_t Normalizer::money_amount(std::size_t k, std::string& spoken, std::string_view& scale,
                                     std::size_t& number_b, std::size_t& number_e) const {
  if (!is_digit(at(k))) return kNone;
  number_b = k;
  number_e = number_end(k);
  spoken.assign(in_.substr(k, number_e - k));
  std::size_t end = number_e;
  const std::size_t sb = number_e + gap_at(number_e);
  const std::size_t se = word_end(sb);
  for (const Scale& s : words_->scales) {
    if (se - sb != s.written.size() || !starts_with_nocase(sb, s.written)) continue;
    if (s.attached_only && sb != number_e) continue;
    scale = s.spoken;
    end = se;
    break;
  }
  return end;
}

// An amount between an article and a word that is not a function word ("a $5 fee", "the $49
// Apple adapter") stands before the noun it describes.
bool Normalizer::attributive_money(std::size_t b, std::size_t end) const {
  const std::string_view before = previous_word(b);
  if (before != "a" && before != "an" && before != "the" && before != "A" && before != "An" &&
      before != "The") {
    return false;
  }
  if (at(end) != ' ' || !utf8::is_ascii_alpha(at(end + 1))) return false;
  const std::string_view next = in_.substr(end + 1, word_end(end + 1) - end - 1);
  static constexpr std::string_view kFunctionWords[] = {
      "a",    "an",    "the", "it",   "he",   "she", "they", "we",   "i",    "you", "per", "each",
      "to",   "for",   "and", "or",   "of",   "in",  "on",   "at",   "is",   "was", "are", "were",
      "that", "which", "a",   "from", "with", "by",  "more", "less", "than", "as"};
  for (const std::string_view w : kFunctionWords) {
    if (next == w) return false;
  }
  return !next.empty();
}

// "$5bn" -> "5 billion dollars", "€1.2 million", "£30", "HK$2.5", "$1,250.50", "$5-10m".
bool Normalizer::money() {
  const CurrencySign* sign = nullptr;
  for (const CurrencySign& s : words_->currency_signs) {
    if (starts_with(i_, s.sign) && is_digit(at(i_ + s.sign.size()))) {
      sign = &s;
      break;
    }
  }
  if (sign == nullptr || letter_before(i_)) return false;
  std::string first, second;
  std::string_view scale, second_scale;
  std::size_t nb = 0, ne = 0, nb2 = 0, ne2 = 0;
  std::size_t end = money_amount(i_ + sign->sign.size(), first, scale, nb, ne);
  // A range: "$5-10", "$5–$10", "$5 to $10".
  std::size_t k = kNone;
  if (at(end) == '-') k = end + 1;
  if (starts_with(end, "\u2013")) k = end + 3;
  if (starts_with(end, " to ")) k = end + 4;
  if (k != kNone && starts_with(k, sign->sign)) k += sign->sign.size();
  if (k != kNone && is_digit(at(k))) {
    const std::size_t end2 = money_amount(k, second, second_scale, nb2, ne2);
    if (end2 != kNone && !alnum_at(end2)) {
      end = end2;
      if (scale.empty()) scale = second_scale;
    } else {
      second.clear();
    }
  }
  if (alnum_at(end)) return false;  // "$5bnx": not an amount we understand
  const Currency& cur = *sign->currency;
  const bool one = first == "1" && second.empty() && scale.empty();
  const std::size_t point = first.find('.');
  const bool cents = second.empty() && scale.empty() && point != std::string::npos &&
                     first.size() - point == 3 && !cur.minor_plural.empty();
  const std::size_t b = i_;
  if (cents) {
    const std::string whole = first.substr(0, point);
    std::string minor = first.substr(point + 1);
    const bool no_minor = minor == "00";
    if (minor[0] == '0') minor.erase(0, 1);
    const std::string_view minor_word = minor == "1" ? cur.minor_singular : cur.minor_plural;
    if (whole == "0" && !no_minor) {
      put(minor, b, end);
      add(minor_word, b, end);
    } else {
      put(whole, b, end);
      add(sign->qualifier, b, end);
      add(whole == "1" ? cur.singular : cur.plural, b, end);
      if (!no_minor) {
        add(words_->and_word, b, end);
        add(minor, b, end);
        add(minor_word, b, end);
      }
    }
  } else if (second.empty() && scale.empty() && attributive_money(b, end)) {
    // "the $49 Apple adapter": an amount before a noun is an adjective, "49-dollar".
    put(first, b, end);
    put("-", b, end);
    put(cur.singular, b, end);
  } else {
    put(first, b, end);
    if (!second.empty()) {
      add(words_->to, b, end);
      add(second, b, end);
    }
    add(scale, b, end);
    add(sign->qualifier, b, end);
    add(one ? cur.singular : cur.plural, b, end);
  }
  i_ = end;
  return true;
}

}  // namespace narrate::text::detail
