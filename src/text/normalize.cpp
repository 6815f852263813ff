// text/normalize.cpp - the spoken form of a sentence: what eSpeak NG is handed
#include "text/normalize.hpp"

#include <span>

#include "text/utf8.hpp"

namespace narrate::text {
namespace {

using utf8::is_ascii_alnum;
using utf8::is_ascii_alpha;
using utf8::is_digit;

struct Currency {
  std::string_view singular;
  std::string_view plural;
  std::string_view minor_singular;  ///< empty: the currency is spoken without minor units
  std::string_view minor_plural;
};

struct Scale {
  std::string_view written;  ///< as it follows the number: "bn", "million"
  std::string_view spoken;
  bool needs_attached;       ///< "$5b" but not "$5 b"
};

struct DollarPrefix {
  std::string_view letters;  ///< before "$": "HK" in "HK$"
  std::string_view spoken_plural;
  std::string_view spoken_singular;
};

/// The words a language speaks for the forms eSpeak reads badly; other languages add a table.
struct SpokenWords {
  std::string_view times, words_per_minute, percent, for_example, that_is, versus, number;
  std::string_view link_to, dot, at, to, and_word;
  Currency dollar, euro, pound, yen;
  std::span<const Scale> scales;
  std::span<const DollarPrefix> dollar_prefixes;
};

constexpr Scale kEnglishScales[] = {
    {"b", "billion", true},        {"bn", "billion", false},       {"billion", "billion", false},
    {"k", "thousand", true},       {"m", "million", true},         {"mn", "million", false},
    {"million", "million", false}, {"thousand", "thousand", false}, {"tn", "trillion", false},
    {"trillion", "trillion", false},
};

constexpr DollarPrefix kEnglishDollarPrefixes[] = {
    {"A", "Australian dollars", "Australian dollar"},
    {"C", "Canadian dollars", "Canadian dollar"},
    {"HK", "Hong Kong dollars", "Hong Kong dollar"},
    {"NZ", "New Zealand dollars", "New Zealand dollar"},
    {"S", "Singapore dollars", "Singapore dollar"},
    {"US", "US dollars", "US dollar"},
};

constexpr SpokenWords kEnglish{
    "times", "words per minute", "percent", "for example", "that is", "versus", "number",
    "link to", "dot", "at", "to", "and",
    {"dollar", "dollars", "cent", "cents"}, {"euro", "euros", "cent", "cents"},
    {"pound", "pounds", "penny", "pence"}, {"yen", "yen", "", ""},
    kEnglishScales, kEnglishDollarPrefixes,
};

const SpokenWords* words_for(std::string_view language) {
  if (language.empty() || language == "en" || language.starts_with("en-") ||
      language.starts_with("en_"))
    return &kEnglish;
  return nullptr;
}

bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k)
    if (utf8::ascii_lower(text[at + k]) != prefix[k]) return false;
  return true;
}

class Normalizer {
 public:
  Normalizer(std::string_view in, const SpokenWords* words) : in_(in), words_(words) {
    out_.reserve(in.size() + in.size() / 8 + 16);
  }

  std::string run() {
    while (i_ < in_.size()) step();
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    return std::move(out_);
  }

 private:
  void step() {
    const auto c = static_cast<unsigned char>(in_[i_]);
    if (c >= 0x80) return multibyte();
    if (c <= ' ' || c == 0x7F) {
      // Tabs and line breaks are spaces; other control characters are dropped.
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') put_space();
      ++i_;
      return;
    }
    if (words_ && word_start()) {
      if (is_digit(char(c)) && number()) return;
      if (is_ascii_alpha(char(c)) && word()) return;
    }
    if (words_ && c == '$' && money(i_ + 1, words_->dollar.plural, words_->dollar.singular,
                                    &words_->dollar))
      return;
    if (c == '[' && footnote()) return;
    if (c == '.' && next_is('.', 1) && !next_is('.', 2) && (i_ == 0 || in_[i_ - 1] != '.')) {
      out_ += '.';  // eSpeak NG 1.51 misreads "..": a doubled period is a typo for one
      i_ += 2;
      return;
    }
    if (c == '-' && next_is('-', 1) && !next_is('-', 2)) {
      pause();
      i_ += 2;
      return;
    }
    out_ += char(c);
    ++i_;
  }

  void multibyte() {
    const utf8::CodePoint cp = utf8::decode(in_, i_);
    const std::size_t next = i_ + cp.length;
    const char32_t v = cp.value;
    if (v == 0x201C || v == 0x201D || v == 0x201E || v == 0x201F || v == 0xAB || v == 0xBB) {
      out_ += '"';
    } else if (v == 0x2018 || v == 0x2019 || v == 0x201A || v == 0x201B) {
      out_ += '\'';
    } else if (v == 0x2014 || v == 0x2015) {
      pause();
    } else if (v == 0x2013) {
      // En dash: a range between numbers, a pause between spaced words, else a hyphen.
      const bool digits_around = !out_.empty() && is_digit(out_.back()) && next < in_.size() &&
                                 is_digit(in_[next]);
      if (digits_around && words_) {
        out_ += ' ';
        out_ += words_->to;
        out_ += ' ';
      } else if (next < in_.size() && in_[next] == ' ') {
        pause();
      } else {
        out_ += '-';
      }
    } else if (v == 0x2010 || v == 0x2011 || v == 0x2212) {
      out_ += '-';
    } else if (v == 0x2026) {
      out_ += "...";
    } else if (v == 0xA0 || (v >= 0x2000 && v <= 0x200A) || v == 0x202F || v == 0x205F ||
               v == 0x3000 || v == 0x2028 || v == 0x2029) {
      put_space();
    } else if ((v >= 0x80 && v <= 0x9F) || v == 0xAD || (v >= 0x200B && v <= 0x200F) ||
               (v >= 0x202A && v <= 0x202E) || (v >= 0x2060 && v <= 0x2064) ||
               (v >= 0x2066 && v <= 0x2069) || v == 0xFEFF) {
      // C1 controls, soft hyphen, zero-width and bidi formatting characters: silent.
    } else if (words_ && v == 0x20AC && money(next, words_->euro.plural, {}, &words_->euro)) {
      return;
    } else if (words_ && v == 0xA3 && money(next, words_->pound.plural, {}, &words_->pound)) {
      return;
    } else if (words_ && v == 0xA5 && money(next, words_->yen.plural, {}, &words_->yen)) {
      return;
    } else {
      out_.append(in_, i_, cp.length);
    }
    i_ = next;
  }

  bool next_is(char c, std::size_t ahead) const {
    return i_ + ahead < in_.size() && in_[i_ + ahead] == c;
  }

  bool word_start() const {
    if (i_ == 0) return true;
    const char p = in_[i_ - 1];
    return !(is_ascii_alnum(p) || p == '.' || p == ',' || p == '_' || p == '@' || p == '/' ||
             p == '-' || p == '\'');
  }

  bool boundary_at(std::size_t at) const { return at >= in_.size() || !is_ascii_alnum(in_[at]); }

  void put_space() {
    if (!out_.empty() && out_.back() != ' ') out_ += ' ';
  }

  // Appends words separated by spaces; the first joins whatever precedes it as written.
  void put_words(std::string_view a, std::string_view b = {}, std::string_view c = {},
                 std::string_view d = {}) {
    out_ += a;
    for (const std::string_view w : {b, c, d}) {
      if (w.empty()) continue;
      if (!out_.empty() && out_.back() != ' ') out_ += ' ';
      out_ += w;
    }
  }

  // A dash between clauses becomes a comma: eSpeak pauses the same and never says "dash".
  void pause() {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    if (!out_.empty() && out_.back() != ',' && out_.back() != '.' && out_.back() != '(')
      out_ += ',';
    if (!out_.empty()) out_ += ' ';
  }

  std::size_t number_end(std::size_t at) const {
    std::size_t j = at;
    while (j < in_.size()) {
      if (is_digit(in_[j])) {
        ++j;
      } else if ((in_[j] == ',' || in_[j] == '.') && j > at && j + 1 < in_.size() &&
                 is_digit(in_[j + 1])) {
        ++j;
      } else {
        break;
      }
    }
    return j;
  }

  bool number() {
    const std::size_t j = number_end(i_);
    const std::string_view num = in_.substr(i_, j - i_);
    std::size_t after = j;
    if (j < in_.size() && (in_[j] == 'x' || in_[j] == 'X') && boundary_at(j + 1)) {
      after = j + 1;  // "1.25x" -> "1.25 times"
    } else if (j + 2 <= in_.size() && static_cast<unsigned char>(in_[j]) == 0xC3 &&
               static_cast<unsigned char>(in_[j + 1]) == 0x97 && boundary_at(j + 2)) {
      after = j + 2;  // "2×"
    }
    if (after != j) {
      put_words(num, words_->times);
      i_ = after;
      return true;
    }
    std::size_t k = j < in_.size() && in_[j] == ' ' ? j + 1 : j;
    if (starts_with_nocase(in_, k, "wpm") && boundary_at(k + 3)) {
      put_words(num, words_->words_per_minute);
      i_ = k + 3;
      return true;
    }
    if (num.size() == 4 && (num[0] == '1' || num[0] == '2') && j < in_.size() && in_[j] == '-' &&
        j + 5 <= in_.size()) {
      const std::size_t e = number_end(j + 1);
      if (e == j + 5 && boundary_at(e) && (in_[j + 1] == '1' || in_[j + 1] == '2')) {
        put_words(num, words_->to, in_.substr(j + 1, 4));  // "2019-2021": eSpeak says "dash"
        i_ = e;
        return true;
      }
    }
    if (j < in_.size() && in_[j] == '%' && j + 1 < in_.size() &&
        (is_ascii_alpha(in_[j + 1]) || in_[j + 1] == '-')) {
      put_words(num, words_->percent);  // "50%-owned": eSpeak drops the sign here
      i_ = j + 1;
      return true;
    }
    out_ += num;
    i_ = j;
    return true;
  }

  // A currency amount whose number starts at `at`: "$5bn" -> "5 billion dollars".
  bool money(std::size_t at, std::string_view plural, std::string_view singular,
             const Currency* currency) {
    if (at >= in_.size() || !is_digit(in_[at])) return false;
    if (singular.empty()) singular = currency->singular;
    const std::size_t j = number_end(at);
    const std::string_view num = in_.substr(at, j - at);
    std::size_t end = j;
    std::string_view scale;
    const std::size_t k = j < in_.size() && in_[j] == ' ' ? j + 1 : j;
    std::size_t letters = k;
    while (letters < in_.size() && is_ascii_alpha(in_[letters])) ++letters;
    for (const Scale& s : words_->scales) {
      if (letters - k == s.written.size() && starts_with_nocase(in_, k, s.written) &&
          (!s.needs_attached || k == j)) {
        scale = s.spoken;
        end = letters;
        break;
      }
    }
    if (!scale.empty()) {
      put_words(num, scale, plural);
    } else {
      const std::size_t point = num.find('.');
      const bool cents = point != std::string_view::npos && num.size() - point == 3 &&
                         num.find(',', point) == std::string_view::npos &&
                         !currency->minor_plural.empty();
      if (!cents) {
        put_words(num, num == "1" ? singular : plural);
      } else {
        const std::string_view whole = num.substr(0, point);
        std::string_view minor = num.substr(point + 1);
        const bool no_minor = minor == "00";
        if (minor[0] == '0') minor.remove_prefix(1);
        const std::string_view minor_word =
            minor == "1" ? currency->minor_singular : currency->minor_plural;
        if (whole == "0" && !no_minor) {
          put_words(minor, minor_word);
        } else {
          put_words(whole, whole == "1" ? singular : plural);
          if (!no_minor) put_words("", words_->and_word, minor, minor_word);
        }
      }
    }
    i_ = end;
    return true;
  }

  bool word() {
    if (starts_with_nocase(in_, i_, "http://") || starts_with_nocase(in_, i_, "https://") ||
        starts_with_nocase(in_, i_, "www."))
      return url();
    if (starts_with_nocase(in_, i_, "e.g.") && boundary_at(i_ + 4))
      return replace(4, words_->for_example);
    if (starts_with_nocase(in_, i_, "i.e.") && boundary_at(i_ + 4))
      return replace(4, words_->that_is);
    if (starts_with_nocase(in_, i_, "vs") && boundary_at(i_ + 2))
      return replace(next_is('.', 2) ? 3 : 2, words_->versus);
    if (starts_with_nocase(in_, i_, "no. ") && i_ + 4 < in_.size() && is_digit(in_[i_ + 4]))
      return replace(3, words_->number);

    std::size_t j = i_;
    while (j < in_.size() && (is_ascii_alnum(in_[j]) || in_[j] == '.' || in_[j] == '_' ||
                              in_[j] == '%' || in_[j] == '+' || in_[j] == '-'))
      ++j;
    if (j < in_.size() && in_[j] == '@') return email(j);
    if (j < in_.size() && in_[j] == '$' && j - i_ <= 2) {
      for (const DollarPrefix& p : words_->dollar_prefixes)
        if (in_.substr(i_, j - i_) == p.letters &&
            money(j + 1, p.spoken_plural, p.spoken_singular, &words_->dollar))
          return true;
    }
    // An ordinary word: copy its letters so the rules above are not retried inside it.
    std::size_t e = i_;
    while (e < in_.size() && is_ascii_alnum(in_[e])) ++e;
    out_.append(in_, i_, e - i_);
    i_ = e;
    return true;
  }

  bool replace(std::size_t length, std::string_view spoken) {
    // Capitalised only where a sentence starts: "E.g. apples" but "ranked No. 3" -> "number".
    std::size_t back = out_.size();
    while (back > 0 && (out_[back - 1] == ' ' || out_[back - 1] == '"' || out_[back - 1] == '('))
      --back;
    const bool capital = utf8::is_ascii_upper(in_[i_]) &&
                         (back == 0 || out_[back - 1] == '.' || out_[back - 1] == '?' ||
                          out_[back - 1] == '!');
    const std::size_t at = out_.size();
    out_ += spoken;
    if (capital) out_[at] = char(out_[at] - 'a' + 'A');
    i_ += length;
    return true;
  }

  void spell_host(std::string_view host) {
    for (std::size_t k = 0; k < host.size(); ++k) {
      if (host[k] == '.') {
        put_words("", words_->dot);
        out_ += ' ';
      } else {
        out_ += host[k];
      }
    }
  }

  std::size_t token_end(std::size_t from) const {
    std::size_t e = from;
    while (e < in_.size() && static_cast<unsigned char>(in_[e]) > ' ') ++e;
    // Sentence punctuation and closing brackets after an address are not part of it.
    while (e > from && std::string_view(".,;:!?)]}\"'>").find(in_[e - 1]) != std::string_view::npos)
      --e;
    return e;
  }

  bool url() {
    const std::size_t end = token_end(i_);
    std::string_view rest = in_.substr(i_, end - i_);
    if (const std::size_t scheme = rest.find("://"); scheme != std::string_view::npos)
      rest.remove_prefix(scheme + 3);
    if (starts_with_nocase(rest, 0, "www.")) rest.remove_prefix(4);
    const std::size_t host_end = rest.find_first_of("/:?#");
    const std::string_view host = rest.substr(0, host_end);
    if (host.empty()) return false;
    out_ += words_->link_to;
    out_ += ' ';
    spell_host(host);
    i_ = end;
    return true;
  }

  bool email(std::size_t at_sign) {
    const std::size_t end = token_end(at_sign);
    const std::string_view domain = in_.substr(at_sign + 1, end - at_sign - 1);
    if (at_sign == i_ || domain.find('.') == std::string_view::npos) return false;
    spell_host(in_.substr(i_, at_sign - i_));
    put_words("", words_->at);
    out_ += ' ';
    spell_host(domain);
    i_ = end;
    return true;
  }

  // Reference marks copied from wikis and papers: "[1]", "[a]", "[citation needed]".
  bool footnote() {
    const std::size_t close = in_.find(']', i_ + 1);
    if (close == std::string_view::npos || close - i_ > 32) return false;
    const std::string_view inside = in_.substr(i_ + 1, close - i_ - 1);
    if (inside.empty()) return false;
    bool digits = true, lower = true;
    for (const char c : inside) {
      digits = digits && is_digit(c);
      lower = lower && (utf8::is_ascii_lower(c) || c == ' ' || is_digit(c) || c == '?');
    }
    const bool mark = (digits && inside.size() <= 3) ||
                      (inside.size() == 1 && utf8::is_ascii_lower(inside[0])) ||
                      (lower && (inside.ends_with("needed") || inside.starts_with("note ") ||
                                 inside == "citation" || inside == "edit" ||
                                 inside.ends_with("?")));
    if (!mark) return false;
    i_ = close + 1;
    if (i_ < in_.size() && in_[i_] != ' ')
      while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    return true;
  }

  std::string_view in_;
  const SpokenWords* words_;
  std::string out_;
  std::size_t i_ = 0;
};

}  // namespace

std::string spoken_form(std::string_view sentence, const NormalizeOptions& options) {
  return Normalizer(sentence, words_for(options.language)).run();
}

}  // namespace narrate::text
