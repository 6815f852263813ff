// synth/syllables.cpp - the syllables a listener hears in a spoken text
//
// Counted from the spoken text rather than from eSpeak's phonemes (espeak_TextToPhonemes):
// it is a pure function, so the renderer can count the sentences it plans ahead without
// touching eSpeak's global state between syntheses (1.51's TextToPhonemes carries state into
// the next call, notes/espeak-ng-1.51.md 5), it costs microseconds a sentence, and it is
// testable without an engine. It only sets how long a sentence is due; how long eSpeak takes
// for it is learned from the audio (calibration.hpp), so a miscount of a word shifts the pace
// of its sentence a little and never the calibration.
#include "synth/syllables.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace narrate::synth {
namespace {

// ---- UTF-8 -------------------------------------------------------------------------------

// The code point at `i`, advancing `i`; a stray byte stands for itself.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t length = c < 0x80           ? 1
                       : (c >> 5) == 0x6  ? 2
                       : (c >> 4) == 0xE  ? 3
                       : (c >> 3) == 0x1E ? 4
                                          : 1;
  if (i + length > s.size()) length = 1;
  char32_t cp = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < length; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) {
      length = 1;
      cp = c;
      break;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  i += length;
  return cp;
}

// ---- What a code point is ----------------------------------------------------------------

enum class Kind {
  Other,      // punctuation, space, symbols: ends a word
  Digit,      // ASCII 0-9
  Vowel,      // a vowel letter whose neighbours may join it in one syllable (Latin, Greek)
  OwnVowel,   // a vowel letter that is always a syllable of its own (Cyrillic)
  Consonant,  // another letter of an alphabet whose vowels we know
  Syllabic,   // a character that is a syllable (CJK ideographs, kana, Hangul)
  Letter,     // a letter of a script whose vowels are not written as letters of their own
};

bool ascii_vowel(char32_t c) {
  switch (c | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
      return true;
    default:
      return false;
  }
}

bool latin_vowel(char32_t c) {
  if (c < 0x80) return ascii_vowel(c);
  if (c >= 0xC0 && c <= 0xFF) {  // Latin-1: accented vowels, æ, ø
    const char32_t lower = c | 0x20;
    return (lower >= 0xE0 && lower <= 0xE6) || (lower >= 0xE8 && lower <= 0xEF) ||
           (lower >= 0xF2 && lower <= 0xF6) || lower == 0xF8 || (lower >= 0xF9 && lower <= 0xFD) ||
           c == 0xFF;
  }
  // Latin Extended-A: ā ă ą, ē..ě, ĩ..ı, ō..ő, œ, ũ..ų, ŷ ÿ.
  return (c >= 0x100 && c <= 0x105) || (c >= 0x112 && c <= 0x11B) || (c >= 0x128 && c <= 0x131) ||
         (c >= 0x14C && c <= 0x153) || (c >= 0x168 && c <= 0x173) || (c >= 0x176 && c <= 0x178);
}

bool greek_vowel(char32_t c) {
  static constexpr std::u32string_view kVowels = U"αεηιουωάέήίόύώϊϋΐΰΑΕΗΙΟΥΩΆΈΉΊΌΎΏΪΫ";
  return kVowels.find(c) != std::u32string_view::npos;
}

bool cyrillic_vowel(char32_t c) {
  static constexpr std::u32string_view kVowels = U"аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ";
  return kVowels.find(c) != std::u32string_view::npos;
}

Kind kind_of(char32_t c) {
  if (c >= '0' && c <= '9') return Kind::Digit;
  if (c < 0x80) {
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
      return ascii_vowel(c) ? Kind::Vowel : Kind::Consonant;
    return Kind::Other;
  }
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return Kind::Other;  // Latin-1 punctuation, × ÷
  if (c < 0x250) return latin_vowel(c) ? Kind::Vowel : Kind::Consonant;  // Latin letters
  if (c >= 0x370 && c < 0x400) return greek_vowel(c) ? Kind::Vowel : Kind::Consonant;
  if (c >= 0x400 && c < 0x530) return cyrillic_vowel(c) ? Kind::OwnVowel : Kind::Consonant;
  if (c >= 0x1E00 && c < 0x1F00) {  // Latin Extended Additional (Vietnamese): by base letter
    return Kind::Vowel;
  }
  if ((c >= 0x2000 && c < 0x2E80) || (c >= 0x3000 && c < 0x3040) || (c >= 0xFE30 && c < 0xFE70) ||
      (c >= 0xFF00 && c < 0xFF10)) {
    return Kind::Other;  // general punctuation, symbols, CJK punctuation, full-width forms
  }
  if ((c >= 0x3040 && c < 0x3100) || (c >= 0x3400 && c < 0xA000) || (c >= 0xAC00 && c < 0xD7B0) ||
      (c >= 0xF900 && c < 0xFB00)) {
    return Kind::Syllabic;  // kana, CJK ideographs, Hangul syllables
  }
  if (c >= 0x300 && c < 0x370) return Kind::Consonant;  // combining marks (skipped in words)
  return Kind::Letter;
}

// ---- Numbers as read aloud (English; close enough for the numbers of other languages) -----

constexpr std::array<int, 10> kOnes = {2, 1, 1, 1, 1, 1, 1, 2, 1, 1};   // zero .. nine
constexpr std::array<int, 10> kTeens = {1, 3, 1, 2, 2, 2, 2, 3, 2, 2};  // ten .. nineteen
constexpr std::array<int, 10> kTens = {0, 0, 2, 2, 2, 2, 2, 3, 2, 2};   // -, -, twenty .. ninety
constexpr int kHundred = 2;
constexpr int kScale = 2;    // thousand, million, billion, trillion
constexpr int kAnd = 1;      // "one hundred and five"
constexpr int kPercent = 2;  // eSpeak reads "%" (narrate's spoken forms keep it: "14.5%")

int below_hundred(int n) {
  if (n < 10) return n == 0 ? 0 : kOnes[n];
  if (n < 20) return kTeens[n - 10];
  return kTens[n / 10] + (n % 10 ? kOnes[n % 10] : 0);
}

int below_thousand(int n) {
  const int hundreds = n / 100;
  const int rest = n % 100;
  if (hundreds == 0) return below_hundred(rest);
  return kOnes[hundreds] + kHundred + (rest ? kAnd + below_hundred(rest) : 0);
}

int integer_syllables(std::string_view digits) {
  if (digits.empty()) return 0;
  // Leading zeros ("007") and very long numbers are read digit by digit.
  if ((digits.size() > 1 && digits[0] == '0') || digits.size() > 15) {
    int total = 0;
    for (const char d : digits) total += kOnes[d - '0'];
    return total;
  }
  std::int64_t n = 0;
  for (const char d : digits) n = n * 10 + (d - '0');
  if (n == 0) return kOnes[0];
  // Years: "1987" = nineteen eighty-seven, "1905" = nineteen oh five, "1900" = nineteen hundred.
  // eSpeak reads 2000-2099 as numbers ("2023" = two thousand twenty-three), like the rest.
  if (digits.size() == 4 && n >= 1100 && n <= 1999) {
    const int high = static_cast<int>(n / 100);
    const int low = static_cast<int>(n % 100);
    return below_hundred(high) + (low == 0   ? kHundred
                                  : low < 10 ? 1 + kOnes[low]
                                             : below_hundred(low));
  }
  int total = 0;
  bool first = true;
  for (std::int64_t scale = 1'000'000'000'000; scale >= 1; scale /= 1000) {
    const int group = static_cast<int>((n / scale) % 1000);
    if (group == 0) continue;
    if (!first && scale == 1 && group < 100) total += kAnd;  // "two thousand and five"
    total += below_thousand(group) + (scale > 1 ? kScale : 0);
    first = false;
  }
  return total;
}

// A number starting at `i` ("7", "2.3", "1,250,000", "0.25"): its syllables; `i` moves past it.
int number_syllables(std::string_view s, std::size_t& i) {
  std::string integer;
  auto digit_at = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  while (true) {
    while (digit_at(i)) integer += s[i++];
    // A thousands separator: a comma and exactly three digits.
    if (i < s.size() && s[i] == ',' && digit_at(i + 1) && digit_at(i + 2) && digit_at(i + 3) &&
        !digit_at(i + 4)) {
      ++i;
      continue;
    }
    break;
  }
  int total = integer_syllables(integer);
  if (i < s.size() && s[i] == '.' && digit_at(i + 1)) {
    ++i;
    total += 1;  // "point"
    while (digit_at(i)) total += kOnes[s[i++] - '0'];
  }
  return total;
}

// ---- Words --------------------------------------------------------------------------------

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool vowel_at(const std::string& s, std::size_t k) {
  if (k >= s.size()) return false;
  // "y" before a vowel at the start of a word or between vowels is a consonant ("yes", "you",
  // "conveying", "player").
  if (s[k] == 'y' && k + 1 < s.size() && ascii_vowel(s[k + 1]) && s[k + 1] != 'y' &&
      (k == 0 || (ascii_vowel(s[k - 1]) && s[k - 1] != 'y'))) {
    return false;
  }
  return ascii_vowel(s[k]);
}

// English spelling: vowel groups, corrected for the commonest silent and split vowels.
int english_syllables(const std::string& w) {
  const std::size_t n = w.size();
  int groups = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (vowel_at(w, k) && (k == 0 || !vowel_at(w, k - 1))) ++groups;
  }
  if (groups == 0) return 1;
  const auto consonant = [&](std::size_t k) { return k < n && !vowel_at(w, k) && w[k] != '\''; };
  const auto in = [](char c, std::string_view set) {
    return set.find(c) != std::string_view::npos;
  };
  // Two vowels that are two syllables: "radio", "media", "stadium", "video", "actual" (but
  // "nation", "special", "region", "people", "quality", "gorgeous").
  for (std::size_t k = 1; k + 1 < n; ++k) {
    const char a = w[k];
    const char b = w[k + 1];
    const char before = w[k - 1];
    const bool double_l = before == 'l' && k >= 2 && w[k - 2] == 'l';  // "million", "brilliant"
    if (a == 'i' && in(b, "aou") && !in(before, "tscxg") && !double_l) ++groups;
    if (a == 'e' && b == 'o' && before != 'p' && (k + 2 >= n || w[k + 2] != 'u')) ++groups;
    if (a == 'u' && in(b, "ao") && !in(before, "qg")) ++groups;
  }
  if (ends_with(w, "ism") || ends_with(w, "isms")) ++groups;  // "mechanism": -i-sm
  if (groups > 1 && n >= 3) {
    if (w[n - 1] == 'e' && consonant(n - 2) && !(w[n - 2] == 'l' && consonant(n - 3))) {
      --groups;  // "stone", "whale"; not "table"
    } else if (n >= 4 && ends_with(w, "ed") && consonant(n - 3) && !in(w[n - 3], "td") &&
               !(w[n - 3] == 'r' && consonant(n - 4))) {
      --groups;  // "jumped"; not "wanted", "hundred"
    } else if (n >= 4 && ends_with(w, "es") && consonant(n - 3) && !in(w[n - 3], "sxzcg") &&
               !(w[n - 3] == 'h' && in(w[n - 4], "cs")) && !(w[n - 3] == 'l' && consonant(n - 4))) {
      --groups;  // "stones"; not "boxes", "places", "tables"
    }
  }
  // A silent e before a suffix: "completely", "statement", "careful".
  for (const std::string_view suffix : {"ly", "ment", "ments", "ful", "ness", "less"}) {
    if (groups <= 1 || !ends_with(w, suffix) || n < suffix.size() + 4) continue;
    const std::size_t e = n - suffix.size() - 1;
    if (w[e] == 'e' && consonant(e - 1) && vowel_at(w, e - 2) && !vowel_at(w, e + 1)) --groups;
    break;
  }
  return std::max(groups, 1);
}

// Whether eSpeak spells an all-capital word letter by letter: "GPL", "BBC", "IBM", "EU" are
// spelled; "THE", "WITH", "NASA", "AND" (a legal text's shouted clauses) are read as words.
bool spelled_out(const std::vector<char32_t>& word) {
  const auto vowel = [](char32_t c) {
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
  };
  std::size_t vowels = 0;
  for (const char32_t c : word) vowels += vowel(c) ? 1 : 0;
  if (vowels == 0 || vowels == word.size()) return true;
  // Two consonants at the end that no English word ends in ("IBM", "BBC" aside: "PDF").
  const std::size_t n = word.size();
  if (!vowel(word[n - 1]) && !vowel(word[n - 2])) {
    static constexpr std::string_view kFinals[] = {
        "ND", "NT", "ST", "CH", "SH", "TH", "LL", "SS", "RT", "RD", "CK",
        "NG", "LD", "LT", "MP", "SK", "SP", "RM", "RN", "RK", "LK", "FT",
        "CT", "PT", "RS", "NS", "TS", "WS", "LF", "RE", "GH", "WN", "WL"};
    const char pair[2] = {static_cast<char>(word[n - 2]), static_cast<char>(word[n - 1])};
    for (const std::string_view f : kFinals) {
      if (f == std::string_view(pair, 2)) return false;
    }
    return true;
  }
  // Two consonants at the start that no English word starts with ("HTML", "NHS", "FBI").
  if (!vowel(word[0]) && !vowel(word[1])) {
    static constexpr std::string_view kInitials[] = {
        "BL", "BR", "CH", "CL", "CR", "DR", "FL", "FR", "GL", "GR", "PL", "PR", "SC", "SH",
        "SK", "SL", "SM", "SN", "SP", "ST", "SW", "TH", "TR", "TW", "WH", "WR", "KN", "QU"};
    const char pair[2] = {static_cast<char>(word[0]), static_cast<char>(word[1])};
    for (const std::string_view f : kInitials) {
      if (f == std::string_view(pair, 2)) return false;
    }
    return true;
  }
  return false;
}

// One word of letters (code points).
double word_syllables(const std::vector<char32_t>& word) {
  if (word.empty()) return 0;
  bool ascii = true;
  bool capitals = true;
  for (const char32_t c : word) {
    if (c >= 0x80) ascii = false;
    if (!(c >= 'A' && c <= 'Z')) capitals = false;
  }
  if (capitals && word.size() >= 2 && word.size() <= 5 && spelled_out(word)) {
    double total = 0;
    for (const char32_t c : word) total += c == 'W' ? 3 : 1;  // "double-u"
    return total;
  }
  if (ascii) {
    std::string lower;
    for (const char32_t c : word) lower += c == '\'' ? '\'' : static_cast<char>(c | 0x20);
    return english_syllables(lower);
  }
  double total = 0;
  std::size_t others = 0;
  bool in_vowel = false;
  for (const char32_t c : word) {
    if (c >= 0x300 && c < 0x370) continue;  // a combining mark belongs to its letter
    const Kind kind = kind_of(c);
    if (kind == Kind::Vowel && !in_vowel) total += 1;
    if (kind == Kind::OwnVowel || kind == Kind::Syllabic) total += 1;
    if (kind == Kind::Letter) ++others;
    in_vowel = kind == Kind::Vowel;
  }
  // Abjads and abugidas (Arabic, Hebrew, Devanagari, Thai ...) write few vowels as letters:
  // about one syllable for every two to three letters.
  total += static_cast<double>(others) / 2.5;
  return std::max(total, 1.0);
}

bool ordinal_suffix(const std::vector<char32_t>& word) {
  if (word.size() == 1) return word[0] == 's';  // "1990s"
  if (word.size() != 2) return false;
  const char32_t a = word[0] | 0x20;
  const char32_t b = word[1] | 0x20;
  return (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
         (a == 't' && b == 'h');
}

}  // namespace

double syllables(std::string_view spoken) {
  double total = 0;
  std::vector<char32_t> word;
  bool after_number = false;
  const auto end_word = [&] {
    if (!word.empty() && !(after_number && ordinal_suffix(word))) total += word_syllables(word);
    word.clear();
    after_number = false;
  };
  std::size_t i = 0;
  while (i < spoken.size()) {
    const std::size_t at = i;
    const char32_t c = next_code_point(spoken, i);
    const Kind kind = kind_of(c);
    if (kind == Kind::Digit) {
      end_word();
      i = at;
      total += number_syllables(spoken, i);
      after_number = true;
    } else if (kind != Kind::Other) {
      word.push_back(c);
    } else if (c == '%') {
      end_word();
      total += kPercent;
    } else if ((c == '\'' || c == U'\u2019') && !word.empty() && i < spoken.size()) {
      std::size_t peek = i;
      const Kind next = kind_of(next_code_point(spoken, peek));
      if (next != Kind::Other && next != Kind::Digit) {
        word.push_back('\'');  // "it's", "don't": one word
      } else {
        end_word();
      }
    } else {
      end_word();
    }
  }
  end_word();
  return total;
}

}  // namespace narrate::synth
