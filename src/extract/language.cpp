// extract/language.cpp - a small stopword-count language guesser for article text
#include "extract/language.hpp"

#include <array>
#include <string>

#include "extract/text_util.hpp"

namespace narrate::extract {
namespace {

struct Profile {
  std::string_view code;
  std::array<std::string_view, 16> words;  // frequent words, rarely shared with the others
};

// Words chosen to be frequent in one language and rare in the others ("de" is both Spanish and
// Portuguese and French, so it is left out everywhere).
constexpr std::array<Profile, 7> kProfiles = {{
    {"en",
     {"the", "and", "of", "to", "is", "that", "with", "was", "for", "it", "he", "she", "have",
      "this", "which", "be"}},
    {"de",
     {"der", "die", "und", "das", "nicht", "ist", "mit", "sich", "auf", "ein", "eine", "dem", "den",
      "auch", "wird", "zu"}},
    {"fr",
     {"le", "les", "et", "des", "est", "une", "dans", "pour", "qui", "pas", "sur", "au", "du",
      "avec", "ce", "sont"}},
    {"es",
     {"el", "los", "las", "y", "del", "por", "una", "con", "para", "es", "se", "que", "su", "al",
      "como", "más"}},
    {"it",
     {"il", "di", "che", "della", "per", "gli", "non", "sono", "una", "nel", "alla", "anche", "è",
      "dei", "con", "delle"}},
    {"pt",
     {"o", "os", "do", "da", "em", "uma", "não", "para", "com", "que", "dos", "das", "é", "ao",
      "mais", "foi"}},
    {"nl",
     {"het", "een", "van", "en", "niet", "zijn", "op", "dat", "met", "voor", "ook", "wordt", "aan",
      "bij", "er", "naar"}},
}};

// Scripts that name their language (or a default one) by themselves.
enum Script : std::size_t {
  kCyrillic,
  kGreek,
  kArabic,
  kHebrew,
  kDevanagari,
  kBengali,
  kTamil,
  kThai,
  kGeorgian,
  kArmenian,
  kHangul,
  kKana,
  kHan,
  kScriptCount
};

// The script of a code point, or kScriptCount for Latin, digits, punctuation and the rest.
std::size_t script_of(char32_t c) {
  if (c < 0x370) return kScriptCount;
  if (c <= 0x3FF) return kGreek;
  if (c <= 0x52F) return kCyrillic;
  if (c >= 0x530 && c <= 0x58F) return kArmenian;
  if (c >= 0x590 && c <= 0x5FF) return kHebrew;
  if ((c >= 0x600 && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F)) return kArabic;
  if (c >= 0x900 && c <= 0x97F) return kDevanagari;
  if (c >= 0x980 && c <= 0x9FF) return kBengali;
  if (c >= 0xB80 && c <= 0xBFF) return kTamil;
  if (c >= 0xE00 && c <= 0xE7F) return kThai;
  if (c >= 0x10A0 && c <= 0x10FF) return kGeorgian;
  if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
      (c >= 0xAC00 && c <= 0xD7AF)) {
    return kHangul;
  }
  if (c >= 0x3040 && c <= 0x30FF) return kKana;
  if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)) return kHan;
  return kScriptCount;
}

// Decodes the UTF-8 code point at text[i] (the text is valid UTF-8) and advances i.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto b = static_cast<unsigned char>(text[i]);
  std::size_t length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (i + length > text.size()) length = text.size() - i;
  char32_t c = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < length; ++k) {
    c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  i += length;
  return c;
}

// The language of text written mostly in one non-Latin script: the script's main language,
// refined by letters only some of its languages use. "" when Latin (or nothing) dominates.
std::string language_of_script(std::string_view text) {
  constexpr std::size_t kMaxBytes = 20000;
  std::array<std::size_t, kScriptCount> counts{};
  std::size_t letters = 0;
  std::size_t ukrainian = 0;  // і ї є ґ
  std::size_t serbian = 0;    // ђ ћ џ љ њ ј
  std::size_t persian = 0;    // پ چ ژ گ ی
  std::size_t urdu = 0;       // ٹ ڈ ڑ ے ں
  for (std::size_t i = 0; i < text.size() && i < kMaxBytes;) {
    const char32_t c = next_code_point(text, i);
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ++letters;
      continue;
    }
    const std::size_t script = script_of(c);
    if (script == kScriptCount) {
      if (c >= 0xC0 && c <= 0x24F) ++letters;  // accented Latin
      continue;
    }
    ++letters;
    ++counts[script];
    if (c == 0x456 || c == 0x457 || c == 0x454 || c == 0x491) ++ukrainian;
    if (c == 0x452 || c == 0x45B || c == 0x45F || c == 0x459 || c == 0x45A || c == 0x458) {
      ++serbian;
    }
    if (c == 0x67E || c == 0x686 || c == 0x698 || c == 0x6AF || c == 0x6CC) ++persian;
    if (c == 0x679 || c == 0x688 || c == 0x691 || c == 0x6D2 || c == 0x6BA) ++urdu;
  }
  std::size_t best = 0;
  for (std::size_t s = 1; s < kScriptCount; ++s) {
    if (counts[s] > counts[best]) best = s;
  }
  // Japanese mixes kana into Han; Chinese has none.
  const std::size_t cjk = counts[kHan] + counts[kKana];
  if (cjk > counts[best]) best = counts[kKana] * 10 >= cjk ? kKana : kHan;
  const std::size_t in_script = best == kHan || best == kKana ? cjk : counts[best];
  // A few words in another script (a name, a quotation) do not make the text that language.
  if (in_script < 8 || in_script * 10 < letters * 4) return "";
  switch (best) {
    case kCyrillic:
      if (serbian * 200 >= counts[best]) return "sr";
      return ukrainian * 100 >= counts[best] ? "uk" : "ru";
    case kGreek:
      return "el";
    case kArabic:
      if (urdu * 100 >= counts[best]) return "ur";
      return persian * 50 >= counts[best] ? "fa" : "ar";
    case kHebrew:
      return "he";
    case kDevanagari:
      return "hi";
    case kBengali:
      return "bn";
    case kTamil:
      return "ta";
    case kThai:
      return "th";
    case kGeorgian:
      return "ka";
    case kArmenian:
      return "hy";
    case kHangul:
      return "ko";
    case kKana:
      return "ja";
    case kHan:
      return "zh";
    default:
      return "";
  }
}

}  // namespace

std::string guess_language(std::string_view text) {
  if (std::string script_language = language_of_script(text); !script_language.empty()) {
    return script_language;
  }
  std::array<int, kProfiles.size()> hits{};
  int words = 0;
  std::size_t i = 0;
  constexpr int kMaxWords = 3000;  // enough evidence; keeps the cost flat on long pages
  while (i < text.size() && words < kMaxWords) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n' && text[end] != '\t') ++end;
    std::string word = lower_ascii(text.substr(i, end - i));
    // Strip ASCII punctuation at both ends ("the," "(und").
    constexpr std::string_view kTrailing = ".,;:!?\"'()[]";
    constexpr std::string_view kLeading = "\"'([";
    while (!word.empty() && kTrailing.find(word.back()) != std::string_view::npos) {
      word.pop_back();
    }
    while (!word.empty() && kLeading.find(word.front()) != std::string_view::npos) {
      word.erase(word.begin());
    }
    i = end;
    if (word.empty()) continue;
    ++words;
    for (std::size_t p = 0; p < kProfiles.size(); ++p) {
      for (const std::string_view stop : kProfiles[p].words) {
        if (word == stop) {
          ++hits[p];
          break;
        }
      }
    }
  }
  std::size_t best = 0;
  std::size_t second = 1;
  for (std::size_t p = 1; p < kProfiles.size(); ++p) {
    if (hits[p] > hits[best]) {
      second = best;
      best = p;
    } else if (p != best && hits[p] > hits[second]) {
      second = p;
    }
  }
  if (best == second) second = best == 0 ? 1 : 0;
  // At least a few stopwords, and clearly more than the runner-up.
  if (hits[best] < 3 || hits[best] * 4 < hits[second] * 5) return "";
  return std::string(kProfiles[best].code);
}

std::string choose_language(const std::string& declared, const std::vector<Block>& blocks) {
  constexpr std::size_t kSampleBytes = 20000;
  std::string sample;
  for (const Block& block : blocks) {
    if (sample.size() > kSampleBytes) break;
    sample += block.text;
    sample += ' ';
  }
  std::string guessed = guess_language(sample);
  if (declared.empty()) return guessed;
  const std::string_view primary = std::string_view(declared).substr(0, declared.find('-'));
  if (guessed.empty() || equals_ci(primary, guessed)) return declared;
  return guessed;
}

}  // namespace narrate::extract
