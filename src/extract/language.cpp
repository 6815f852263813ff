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
    {"en", {"the", "and", "of", "to", "is", "that", "with", "was", "for", "it", "he", "she",
            "have", "this", "which", "be"}},
    {"de", {"der", "die", "und", "das", "nicht", "ist", "mit", "sich", "auf", "ein", "eine",
            "dem", "den", "auch", "wird", "zu"}},
    {"fr", {"le", "les", "et", "des", "est", "une", "dans", "pour", "qui", "pas", "sur", "au",
            "du", "avec", "ce", "sont"}},
    {"es", {"el", "los", "las", "y", "del", "por", "una", "con", "para", "es", "se", "que",
            "su", "al", "como", "más"}},
    {"it", {"il", "di", "che", "della", "per", "gli", "non", "sono", "una", "nel", "alla",
            "anche", "è", "dei", "con", "delle"}},
    {"pt", {"o", "os", "do", "da", "em", "uma", "não", "para", "com", "que", "dos", "das",
            "é", "ao", "mais", "foi"}},
    {"nl", {"het", "een", "van", "en", "niet", "zijn", "op", "dat", "met", "voor", "ook",
            "wordt", "aan", "bij", "er", "naar"}},
}};

}  // namespace

std::string guess_language(std::string_view text) {
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
