// text/segment.cpp - sentence segmentation: rule-driven boundary decisions over whitespace tokens
#include "text/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cstdint>
#include <memory>

#include "narrate/error.hpp"
#include "text/rules.hpp"
#include "text/scan.hpp"
#include "text/utf8.hpp"

namespace narrate::text {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
// A line this short, ending without punctuation, before a capitalised line, is a heading or a
// label rather than hard-wrapped prose (wrapped lines run 60-80 bytes).
constexpr std::size_t kMaxHeadingLineBytes = 60;
// "At 5 a.m. Mr. Smith went": a prepositional phrase this short is not a sentence of its own.
constexpr std::size_t kMaxPrepositionalWords = 4;

struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::uint8_t breaks_before = 0;   ///< 0 none, 1 line break, 2 blank line or paragraph break
  bool ends_like_sentence = false;  ///< ends in . ? ! or an ellipsis (closing quotes aside)
  bool stop_inside = false;         ///< . ? or ! with two more bytes after it ("world.Today")
  bool cjk_stop_inside = false;     ///< 。！？ with more text after it in the same token
};

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 6 + 1);
  std::size_t i = 0;
  unsigned breaks = 0;
  while (i < text.size()) {
    std::size_t length = 1;
    const utf8::Space space = utf8::space_at(text, i, length);
    if (space != utf8::Space::None) {
      if (space == utf8::Space::LineBreak) ++breaks;
      if (space == utf8::Space::ParagraphBreak) breaks += 2;
      i += length;
      continue;
    }
    Token token;
    token.begin = i;
    token.breaks_before = static_cast<std::uint8_t>(breaks > 2 ? 2 : breaks);
    breaks = 0;
    std::size_t first_stop = kNone;
    while (i < text.size()) {
      const auto b = static_cast<unsigned char>(text[i]);
      // Only control bytes, the space and the lead bytes of Unicode spaces can start a space.
      if ((b == 0xE3 || b == 0xEF) && is_cjk_terminator(text, i)) {
        token.cjk_stop_inside = true;  // split_inside() finds whether text follows it
        i += 3;
        continue;
      }
      if (b <= ' ' || b == 0xC2 || b == 0xE2 || b == 0xE3) {
        if (utf8::space_at(text, i, length) != utf8::Space::None) break;
      } else if ((b == '.' || b == '?' || b == '!') && first_stop == kNone && i > token.begin) {
        first_stop = i;
      }
      ++i;
    }
    token.end = i;
    token.stop_inside = first_stop != kNone && first_stop + 2 < i;
    const std::size_t core_end = strip_closers(text, token.begin, token.end);
    token.ends_like_sentence = terminator_run(text, token.begin, core_end).begin != core_end;
    tokens.push_back(token);
  }
  return tokens;
}

/// The first word of a token for starter lookups: ASCII letters after any opening quotes.
std::string_view leading_word(std::string_view text, std::size_t begin, std::size_t end,
                              std::size_t* after = nullptr) {
  const std::size_t b = skip_openers(text, begin, end);
  std::size_t e = b;
  while (e < end && utf8::is_ascii_alpha(text[e])) ++e;
  if (after) *after = e;
  return text.substr(b, e - b);
}

bool ends_with_dash(std::string_view text, std::size_t begin, std::size_t end) {
  if (end - begin < 3) return false;
  const auto b0 = static_cast<unsigned char>(text[end - 3]);
  const auto b1 = static_cast<unsigned char>(text[end - 2]);
  const auto b2 = static_cast<unsigned char>(text[end - 1]);
  return b0 == 0xE2 && b1 == 0x80 && (b2 == 0x93 || b2 == 0x94);  // – —
}

enum class Decision { None, Cut, CutAfterWord };

struct ListState {
  bool active = false;
  Marker expected;  ///< the marker that would open the next item
};

class Splitter {
 public:
  Splitter(std::string_view text, const LanguageRules& rules)
      : text_(text), rules_(rules), tokens_(tokenize(text)) {}

  std::vector<Span> run() {
    const std::size_t n = tokens_.size();
    for (std::size_t ti = 0; ti < n; ++ti) {
      const Token& t = tokens_[ti];
      if (ti > 0) {
        const std::size_t prev_end = tokens_[ti - 1].end;
        if (t.breaks_before >= 2 || (t.breaks_before == 1 && line_break_splits(ti))) emit(prev_end);
      }
      if (ti == 0 || t.breaks_before >= 2) para_has_terminator_ = paragraph_has_terminator(ti);
      if (ti == 0 || t.breaks_before >= 1) line_begin_ = t.begin;

      const std::string_view tok = text_.substr(t.begin, t.end - t.begin);
      const std::size_t bullet = bullet_length(tok);
      if (seg_begin_ != kNone &&
          (bullet > 0 || (seg_words_ > 0 && list_.active && is_expected_marker(tok))))
        emit(tokens_[ti - 1].end);
      if (seg_begin_ == kNone) {
        seg_begin_ = t.begin;
        seg_words_ = 0;
        seg_first_word_ = {};
      }
      if (seg_words_ == 0) {
        const std::string_view rest = tok.substr(bullet);
        if (rest.empty()) continue;  // a bullet on its own is not a word
        const Marker marker = parse_marker(rest);
        if (marker.ok && ti + 1 < n) {
          list_.active = marker.chainable();
          list_.expected = marker.successor();
          seg_words_ = 1;
          continue;  // "1." opening an item ends nothing
        }
        list_.active = false;
        seg_first_word_ = leading_word(text_, t.begin + bullet, t.end);
      }
      const std::size_t tail = split_inside(t);
      ti = decide_at_end(ti, tail);
      ++seg_words_;
    }
    if (n > 0) emit(tokens_[n - 1].end);
    return std::move(spans_);
  }

 private:
  void emit(std::size_t end) {
    if (seg_begin_ != kNone && end > seg_begin_) spans_.push_back({seg_begin_, end});
    seg_begin_ = kNone;
    seg_words_ = 0;
  }

  bool is_expected_marker(std::string_view tok) const {
    const Marker m = parse_marker(tok);
    return m.ok && m.kind == list_.expected.kind && m.style == list_.expected.style &&
           m.value == list_.expected.value;
  }

  bool paragraph_has_terminator(std::size_t from) const {
    for (std::size_t i = from; i < tokens_.size(); ++i) {
      if (i > from && tokens_[i].breaks_before >= 2) break;
      if (tokens_[i].ends_like_sentence) return true;
    }
    return false;
  }

  // A single line break splits before bullets and numbered items, between the lines of a
  // paragraph with no sentence punctuation at all (menus, lists of labels), and after a short
  // heading-like line; elsewhere it is a wrapped line of running text.
  bool line_break_splits(std::size_t ti) const {
    const Token& t = tokens_[ti];
    const Token& prev = tokens_[ti - 1];
    const std::string_view tok = text_.substr(t.begin, t.end - t.begin);
    if (bullet_length(tok) > 0 || tok == "-" || tok == "*" || tok == "+") return true;
    const Marker marker = parse_marker(tok);
    if (marker.ok && (marker.kind == '1' || marker.style != Marker::kPeriod)) return true;
    if (!para_has_terminator_) return true;

    if (prev.end - line_begin_ > kMaxHeadingLineBytes || prev.ends_like_sentence) return false;
    const std::size_t prev_core = strip_closers(text_, prev.begin, prev.end);
    if (prev_core == prev.begin) return false;
    const char last = text_[prev_core - 1];
    if (last == ',' || last == ';' || last == ':' || last == '-' || last == '&' || last == '/' ||
        last == '(' || ends_with_dash(text_, prev.begin, prev_core))
      return false;
    std::size_t word_begin = prev_core;
    while (word_begin > prev.begin && utf8::is_ascii_alpha(text_[word_begin - 1])) --word_begin;
    if (contains(rules_.connectors, text_.substr(word_begin, prev_core - word_begin))) return false;
    const auto starts_high = [this](std::size_t b, std::size_t e) {
      const std::size_t at = skip_openers(text_, b, e);
      if (at >= e) return false;
      const utf8::Case c = utf8::case_at(text_, at);
      return c == utf8::Case::Upper || c == utf8::Case::Digit;
    };
    return starts_high(line_begin_, prev.end) && starts_high(t.begin, t.end);
  }

  // Sentences run together without a space: "world.Today", "1,000.That". Returns where the
  // token's last piece begins.
  std::size_t split_inside(const Token& t) {
    std::size_t tail = t.begin;
    if (t.cjk_stop_inside) {
      // Chinese and Japanese write sentences without spaces: 。！？ end one wherever they are.
      for (std::size_t p = t.begin; p + 3 < t.end; ++p) {
        if (!is_cjk_terminator(text_, p)) continue;
        std::size_t cut = strip_closers_forward(p + 3, t.end);
        while (cut < t.end && is_cjk_terminator(text_, cut))
          cut = strip_closers_forward(cut + 3, t.end);
        if (cut >= t.end) break;
        emit(cut);
        seg_begin_ = cut;
        seg_first_word_ = {};
        list_.active = false;
        tail = cut;
        p = cut - 1;
      }
    }
    if (!t.stop_inside) return tail;
    int web = -1;  // computed on first need
    for (std::size_t p = t.begin + 1; p + 2 < t.end; ++p) {
      const char c = text_[p];
      if (c != '.' && c != '?' && c != '!') continue;
      if (!utf8::is_ascii_upper(text_[p + 1]) || !utf8::is_ascii_lower(text_[p + 2])) continue;
      const char before = text_[p - 1];
      if (c == '.') {
        if (!(utf8::is_ascii_lower(before) || utf8::is_digit(before))) continue;
        std::size_t w = p;
        while (w > tail && (utf8::is_ascii_alnum(text_[w - 1]) || text_[w - 1] == ',')) --w;
        const std::string_view word = text_.substr(w, p - w);
        if (!(is_number(word) || (word.size() >= 2 && is_plain_word(word))) ||
            find_abbreviation(rules_, word) != nullptr)
          continue;
      } else if (!utf8::is_ascii_alpha(before)) {
        continue;
      }
      if (web < 0) web = is_web_token(text_.substr(t.begin, t.end - t.begin)) ? 1 : 0;
      if (web == 1) break;
      emit(p + 1);
      seg_begin_ = p + 1;
      seg_first_word_ = {};
      list_.active = false;
      tail = p + 1;
    }
    return tail;
  }

  // Past the closing quotes and brackets that follow a sentence end at `at`: 」』”’)".
  std::size_t strip_closers_forward(std::size_t at, std::size_t end) const {
    while (at < end) {
      const auto b = static_cast<unsigned char>(text_[at]);
      if (b == '"' || b == '\'' || b == ')' || b == ']') {
        ++at;
      } else if (at + 3 <= end && b == 0xE3 && static_cast<unsigned char>(text_[at + 1]) == 0x80 &&
                 (static_cast<unsigned char>(text_[at + 2]) == 0x8D ||
                  static_cast<unsigned char>(text_[at + 2]) == 0x8F)) {
        at += 3;
      } else if (at + 3 <= end && b == 0xE2 && static_cast<unsigned char>(text_[at + 1]) == 0x80 &&
                 (static_cast<unsigned char>(text_[at + 2]) == 0x9D ||
                  static_cast<unsigned char>(text_[at + 2]) == 0x99)) {
        at += 3;
      } else {
        break;
      }
    }
    return at;
  }

  // Decides whether the sentence ends after token ti (whose last piece starts at tail). Returns
  // the index of the last token it consumed (a spaced ellipsis spans several tokens).
  std::size_t decide_at_end(std::size_t ti, std::size_t tail) {
    const Token& t = tokens_[ti];
    const std::size_t core_end = strip_closers(text_, tail, t.end);
    const TerminatorRun run = terminator_run(text_, tail, core_end);
    if (run.begin == core_end) {
      // A quotation broken off by a dash: "I was going to—" He stopped.
      if (core_end < t.end && ends_with_dash(text_, tail, core_end) && ti + 1 < tokens_.size() &&
          tokens_[ti + 1].breaks_before == 0 && likely_starter(tokens_[ti + 1], true))
        emit(t.end);
      return ti;
    }
    const std::size_t word_begin = skip_openers(text_, tail, run.begin);
    const std::string_view word = text_.substr(word_begin, run.begin - word_begin);
    bool bracketed = false;
    for (std::size_t i = tail; i < word_begin; ++i)
      bracketed = bracketed || text_[i] == '[' || text_[i] == '(';

    std::size_t last = ti;
    std::size_t group_dots = 0;
    if (!run.question_or_exclamation) {
      std::size_t dots = 0;
      while (last + 1 < tokens_.size() && tokens_[last + 1].breaks_before == 0 &&
             dot_token(tokens_[last + 1], dots)) {
        group_dots += dots;
        ++last;
      }
    }
    if (last + 1 >= tokens_.size()) return last;  // the end of the text ends it anyway
    const Token& next = tokens_[last + 1];
    const std::size_t next_at = skip_openers(text_, next.begin, next.end);
    utf8::Case next_case = next_at < next.end ? utf8::case_at(text_, next_at) : utf8::Case::Other;
    // "iPhone", "eBay", "mRNA" open sentences as capitals do.
    if (next_case == utf8::Case::Lower && next_at + 1 < next.end &&
        utf8::is_ascii_upper(text_[next_at + 1]))
      next_case = utf8::Case::Upper;

    Decision d = Decision::None;
    const bool attached = !word.empty();
    const std::size_t total = run.dots + group_dots;
    if (run.question_or_exclamation) {
      d = next_case == utf8::Case::Lower ? Decision::None : Decision::Cut;
    } else if (!attached && bracketed) {
      d = Decision::None;  // "[...]" marks an omission inside a quotation
    } else if (attached && run.dots == 1 && group_dots >= 3) {
      // "compounds. . . . The": a period, then an ellipsis that opens the next sentence.
      d = next_case == utf8::Case::Upper ? Decision::CutAfterWord : Decision::None;
    } else if (total >= 4) {
      d = next_case == utf8::Case::Upper ? Decision::Cut : Decision::None;
    } else if (total == 3) {
      // A spaced ellipsis is an omission mid-sentence; one glued to a word trails off.
      d = attached && next_case == utf8::Case::Upper ? Decision::Cut : Decision::None;
    } else if (next_case == utf8::Case::Lower) {
      d = Decision::None;
    } else if (!attached) {
      d = next_case == utf8::Case::Upper ? Decision::Cut : Decision::None;
    } else {
      d = after_period(word, next, next_case);
    }

    // '"Why?" Jane Smith asked.': a quotation followed by its attribution.
    if (d == Decision::Cut && core_end < t.end && next_case == utf8::Case::Upper &&
        attribution_follows(last + 1))
      d = Decision::None;
    if (d == Decision::Cut) {
      emit(tokens_[last].end);
      return last;
    }
    if (d == Decision::CutAfterWord) {
      emit(t.end);
      return ti;
    }
    return last;
  }

  // One period after a word.
  Decision after_period(std::string_view word, const Token& next, utf8::Case next_case) const {
    if (is_web_token(word)) return Decision::Cut;
    if (!rules_.ordinal_nouns.empty() && is_number(word) &&
        contains(rules_.ordinal_nouns, leading_word(text_, next.begin, next.end)))
      return Decision::None;  // "am 1. Januar"
    if (const Abbreviation* a = find_abbreviation(rules_, word)) {
      switch (a->kind) {
        case AbbrevKind::NeverEnds:
          return Decision::None;
        case AbbrevKind::Title:
          return likely_starter(next, false) ? Decision::Cut : Decision::None;
        case AbbrevKind::General:
          return abbreviation_ends(next) || common_word_opens(next) ? Decision::Cut
                                                                    : Decision::None;
        case AbbrevKind::NumberOnly:
          if (next_case == utf8::Case::Digit) return Decision::None;
          break;  // otherwise an ordinary word ("the answer is no.")
        case AbbrevKind::Trailing:
          return next_case == utf8::Case::Upper ? Decision::Cut : Decision::None;
        case AbbrevKind::Clock:
          return clock_ends(next) ? Decision::Cut : Decision::None;
      }
    }
    if (is_dotted_acronym(word))
      return abbreviation_ends(next) || common_word_opens(next) ? Decision::Cut : Decision::None;
    if (is_initial(word)) return abbreviation_ends(next) ? Decision::Cut : Decision::None;
    if (next_case == utf8::Case::Digit)
      return is_number(word) || is_plain_word(word) ? Decision::Cut : Decision::None;
    return Decision::Cut;
  }

  // After "U.K.", "Ore.", "Inc.": a capitalised common word followed by a lowercase word opens
  // a sentence ("the U.K. Prices in France"), while a name goes on ("the U.S. Supreme Court",
  // "the U.S. Army said", "U.K. Bank of England"): names run on in capitals, or are the nouns
  // that institutions are named with.
  bool common_word_opens(const Token& next) const {
    std::size_t after = 0;
    const std::string_view word = leading_word(text_, next.begin, next.end, &after);
    if (word.size() < 2 || after != next.end || !utf8::is_ascii_upper(word[0])) return false;
    if (utf8::is_ascii_upper(word[1])) return false;  // "NATO", "BBC": more of a name
    if (contains(rules_.name_nouns, word)) return false;
    const std::size_t i = static_cast<std::size_t>(&next - tokens_.data()) + 1;
    if (i >= tokens_.size() || tokens_[i].breaks_before > 0) return false;
    std::size_t following_end = 0;
    const std::string_view following =
        leading_word(text_, tokens_[i].begin, tokens_[i].end, &following_end);
    if (following.empty() || !utf8::is_ascii_lower(following[0])) return false;
    if (following == "of" || following == "and" || following == "for" || following == "de")
      return false;
    return !(seg_words_ + 1 <= kMaxPrepositionalWords &&
             contains(rules_.prepositions, seg_first_word_));
  }

  bool abbreviation_ends(const Token& next) const {
    if (!likely_starter(next, true)) return false;
    return !(seg_words_ + 1 <= kMaxPrepositionalWords &&
             contains(rules_.prepositions, seg_first_word_));
  }

  // After "a.m."/"p.m." a capitalised word that is not a day, month or zone opens a sentence
  // ("at 3 a.m. Police arrived"), unless the time only opened a short prepositional phrase.
  bool clock_ends(const Token& next) const {
    std::size_t after = 0;
    const std::string_view word = leading_word(text_, next.begin, next.end, &after);
    if (word.empty() || !utf8::is_ascii_upper(word[0])) return false;
    if (after < next.end && text_[after] == '.' && word.size() == 1) return false;  // "J. Doe"
    if (contains(rules_.clock_followers, word)) return false;
    return !(seg_words_ + 1 <= kMaxPrepositionalWords &&
             contains(rules_.prepositions, seg_first_word_));
  }

  // One to three capitalised words (a name, not a sentence starter), then a speech verb.
  bool attribution_follows(std::size_t from) const {
    for (std::size_t k = from; k < tokens_.size() && k < from + 4; ++k) {
      const Token& t = tokens_[k];
      if (t.breaks_before > 0) return false;
      std::size_t after = 0;
      const std::string_view word = leading_word(text_, t.begin, t.end, &after);
      if (k > from && contains(rules_.speech_verbs, word))
        return after == t.end || text_[after] == '.' || text_[after] == ',';
      if (word.empty() || !utf8::is_ascii_upper(word[0]) || contains(rules_.starters, word) ||
          k == from + 3 || (after < t.end && text_[after] != '.'))
        return false;
    }
    return false;
  }

  // Whether the capitalised word after an abbreviation probably opens a new sentence.
  bool likely_starter(const Token& next, bool honorific_counts) const {
    std::size_t after = 0;
    const std::string_view word = leading_word(text_, next.begin, next.end, &after);
    if (word.empty()) return false;
    if (contains(rules_.honorifics, word)) return honorific_counts;
    if (after < next.end && text_[after] == '.') return false;  // an initial or abbreviation
    return contains(rules_.starters, word);
  }

  bool dot_token(const Token& t, std::size_t& dots) const {
    const std::size_t core_end = strip_closers(text_, t.begin, t.end);
    const TerminatorRun run = terminator_run(text_, t.begin, core_end);
    if (run.begin != t.begin || run.question_or_exclamation || run.dots == 0) return false;
    dots = run.dots;
    return true;
  }

  std::string_view text_;
  const LanguageRules& rules_;
  std::vector<Token> tokens_;
  std::vector<Span> spans_;
  std::size_t seg_begin_ = kNone;
  std::size_t seg_words_ = 0;
  std::string_view seg_first_word_;
  ListState list_;
  std::size_t line_begin_ = 0;
  bool para_has_terminator_ = false;
};

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The last word boundary in text[b, window_end) (ICU's word rules: dictionaries for Chinese,
// Japanese, Thai, ...), past a quarter of the window if one is there; 0 when there is none.
// For a run without spaces, so that a cut falls between words, never inside one.
std::size_t word_boundary_cut(std::string_view text, std::size_t b, std::size_t window_end) {
  const std::string_view window = text.substr(b, window_end - b);
  UErrorCode status = U_ZERO_ERROR;
  // UText over the UTF-8 itself: boundaries come back as byte offsets, malformed bytes included.
  UText* utext =
      utext_openUTF8(nullptr, window.data(), static_cast<std::int64_t>(window.size()), &status);
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  std::size_t best = 0;
  if (U_SUCCESS(status) && words) {
    words->setText(utext, status);
    for (std::int32_t at = words->next(); U_SUCCESS(status) && at != icu::BreakIterator::DONE &&
                                          static_cast<std::size_t>(at) < window.size();
         at = words->next()) {
      if (static_cast<std::size_t>(at) >= window.size() / 4 || best == 0) best = b + at;
    }
  }
  words.reset();  // before the text it iterates
  utext_close(utext);
  return best;
}

// Where to cut a piece of text[b, text.size()) that may be at most `limit` bytes. Clause
// boundaries (; :) come first, then commas, then dashes, then any space; within a kind the cut
// nearest the length that would make all remaining pieces equal wins, and no piece (the last
// included) is left shorter than a quarter of the limit when a boundary allows it. A run
// without spaces is cut between words (ICU's word boundaries), and only a single word longer
// than the limit at a code point boundary.
std::size_t long_cut(std::string_view text, std::size_t b, std::size_t limit) {
  const std::size_t end = text.size();
  const std::size_t window_end = std::min(end, b + limit);
  const std::size_t pieces = (end - b + limit - 1) / limit;
  const std::size_t target = b + (end - b) / pieces;
  const std::size_t lo = b + limit / 4;
  const std::size_t hi = end - b > limit + limit / 4 ? window_end : end - limit / 4;
  constexpr std::size_t kLevels = 4;
  std::size_t best[kLevels] = {0, 0, 0, 0};      // nearest the target within [lo, hi]
  std::size_t fallback[kLevels] = {0, 0, 0, 0};  // the last one anywhere in the window
  const auto distance = [target](std::size_t p) { return p > target ? p - target : target - p; };
  for (std::size_t p = b + 1; p <= window_end && p < end; ++p) {
    if (!is_space_byte(text[p]) || is_space_byte(text[p - 1])) continue;
    const char before = text[p - 1];
    std::size_t level = 3;
    if (before == ';' || before == ':')
      level = 0;
    else if (before == ',')
      level = 1;
    else if (is_spaced_dash_before(text, b, p))
      level = 2;
    fallback[level] = p;
    if (p >= lo && p <= hi && (best[level] == 0 || distance(p) < distance(best[level])))
      best[level] = p;
  }
  for (const std::size_t cut : best)
    if (cut > b) return cut;
  for (const std::size_t cut : fallback)
    if (cut > b) return cut;
  const std::size_t whole = utf8::floor_boundary(text, window_end);
  if (const std::size_t word = word_boundary_cut(text, b, whole); word > b) return word;
  const std::size_t hard = utf8::floor_boundary(text, window_end);
  return hard > b ? hard : window_end;
}

void append_limited(std::string_view text, Span span, std::size_t limit, std::vector<Span>& out) {
  std::size_t b = span.begin;
  while (span.end - b > limit) {
    std::size_t cut = long_cut(text.substr(0, span.end), b, limit);
    std::size_t piece_end = cut;
    while (piece_end > b && is_space_byte(text[piece_end - 1])) --piece_end;
    out.push_back({b, piece_end});
    while (cut < span.end && is_space_byte(text[cut])) ++cut;
    b = cut;
  }
  if (span.end > b) out.push_back({b, span.end});
}

}  // namespace

void SegmentOptions::validate() const {
  if (max_sentence_bytes < kMinSentenceBytes)
    throw Error(ErrorCode::Usage,
                "max_sentence_bytes must be at least " + std::to_string(kMinSentenceBytes));
}

std::vector<Span> split_sentences(std::string_view text, const SegmentOptions& options) {
  options.validate();
  std::vector<Span> spans = Splitter(text, rules_for(options.language)).run();
  bool any_long = false;
  for (const Span& s : spans) any_long = any_long || s.end - s.begin > options.max_sentence_bytes;
  if (!any_long) return spans;
  std::vector<Span> limited;
  limited.reserve(spans.size() + 8);
  for (const Span& s : spans) append_limited(text, s, options.max_sentence_bytes, limited);
  return limited;
}

std::vector<Sentence> segment(const Document& document, const SegmentOptions& options) {
  std::vector<Sentence> sentences;
  const std::string_view title = document.title;
  std::size_t tb = 0;
  std::size_t te = title.size();
  while (tb < te && is_space_byte(title[tb])) ++tb;
  while (te > tb && is_space_byte(title[te - 1])) --te;
  if (te > tb) {
    Sentence s;
    s.block = Sentence::kTitleBlock;
    s.text = std::string(title.substr(tb, te - tb));
    s.begin = tb;
    s.end = te;
    s.ends_block = true;
    s.kind = BlockKind::Heading;
    sentences.push_back(std::move(s));
  }
  for (std::size_t bi = 0; bi < document.blocks.size(); ++bi) {
    const Block& block = document.blocks[bi];
    const std::vector<Span> spans = split_sentences(block.text, options);
    for (std::size_t i = 0; i < spans.size(); ++i) {
      Sentence s;
      s.block = bi;
      s.text = block.text.substr(spans[i].begin, spans[i].end - spans[i].begin);
      s.begin = spans[i].begin;
      s.end = spans[i].end;
      s.ends_block = i + 1 == spans.size();
      s.kind = block.kind;
      sentences.push_back(std::move(s));
    }
  }
  return sentences;
}

}  // namespace narrate::text
