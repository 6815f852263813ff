// text/abbreviations.cpp - English segmentation data (abbreviations, sentence starters) + lookup
#include <algorithm>
#include <array>
#include <cstddef>

#include "text/rules.hpp"
#include "text/utf8.hpp"

namespace narrate::text {
namespace {

using K = AbbrevKind;

// Written for news prose. Words that are also ordinary English words ("Ill", "Miss", "Sat")
// carry their exact spelling so the lowercase word still ends sentences normally.
constexpr Abbreviation kEnglishAbbreviations[] = {
    // Titles and ranks: they stand before a name.
    {"adm", K::Title}, {"amb", K::Title}, {"atty", K::Title}, {"brig", K::Title},
    {"capt", K::Title}, {"cmdr", K::Title}, {"col", K::Title}, {"cpl", K::Title},
    {"det", K::Title}, {"dr", K::Title}, {"fr", K::Title}, {"ft", K::Title},
    {"gen", K::Title}, {"gov", K::Title}, {"hon", K::Title}, {"insp", K::Title},
    {"lt", K::Title}, {"maj", K::Title}, {"messrs", K::Title}, {"mlle", K::Title},
    {"mme", K::Title}, {"mr", K::Title}, {"mrs", K::Title}, {"ms", K::Title},
    {"msgr", K::Title}, {"mt", K::Title}, {"mx", K::Title}, {"pres", K::Title},
    {"prof", K::Title}, {"pvt", K::Title}, {"rep", K::Title}, {"rev", K::Title},
    {"sen", K::Title}, {"sgt", K::Title}, {"st", K::Title}, {"supt", K::Title},
    // Name suffixes, companies, organisations.
    {"assn", K::General}, {"assoc", K::General}, {"bros", K::General}, {"co", K::General},
    {"corp", K::General}, {"dept", K::General}, {"esq", K::General}, {"govt", K::General},
    {"inc", K::General}, {"intl", K::General}, {"jr", K::General}, {"ltd", K::General},
    {"mfg", K::General}, {"natl", K::General}, {"ph.d", K::General}, {"sr", K::General},
    {"univ", K::General},
    // Months and days.
    {"apr", K::General}, {"aug", K::General}, {"dec", K::General}, {"feb", K::General},
    {"fri", K::General}, {"jan", K::General}, {"jul", K::General}, {"jun", K::General},
    {"mar", K::General, "Mar"}, {"mon", K::General, "Mon"}, {"nov", K::General},
    {"oct", K::General}, {"sat", K::General, "Sat"}, {"sep", K::General},
    {"sept", K::General}, {"sun", K::General, "Sun"}, {"thu", K::General},
    {"thur", K::General}, {"thurs", K::General}, {"tue", K::General}, {"tues", K::General},
    {"wed", K::General, "Wed"},
    // US states (AP style) and places.
    {"ala", K::General}, {"ariz", K::General}, {"ark", K::General, "Ark"},
    {"ave", K::General}, {"blvd", K::General}, {"calif", K::General}, {"colo", K::General},
    {"conn", K::General}, {"del", K::General, "Del"}, {"fla", K::General},
    {"ga", K::General}, {"hwy", K::General}, {"ill", K::General, "Ill"},
    {"ind", K::General, "Ind"}, {"kan", K::General}, {"kans", K::General},
    {"ky", K::General}, {"la", K::General, "La"}, {"mass", K::General, "Mass"},
    {"md", K::General}, {"mich", K::General}, {"minn", K::General},
    {"miss", K::General, "Miss"}, {"mo", K::General, "Mo"}, {"mont", K::General},
    {"neb", K::General}, {"nev", K::General}, {"okla", K::General},
    {"ore", K::General, "Ore"}, {"pa", K::General, "Pa"}, {"rd", K::General},
    {"tenn", K::General}, {"tex", K::General}, {"va", K::General}, {"vt", K::General},
    {"w.va", K::General}, {"wash", K::General, "Wash"}, {"wis", K::General},
    {"wyo", K::General},
    // Measures and general short forms.
    {"al", K::General}, {"approx", K::General}, {"avg", K::General}, {"est", K::General},
    {"ext", K::General}, {"hr", K::General}, {"hrs", K::General},
    {"ibid", K::General}, {"lb", K::General}, {"lbs", K::General}, {"max", K::General, "Max"},
    {"min", K::General}, {"misc", K::General}, {"mos", K::General}, {"oz", K::General},
    {"pct", K::General}, {"sq", K::General}, {"tel", K::General}, {"yr", K::General},
    {"yrs", K::General},
    // Only abbreviations when a number follows ("No. 5", "Fig. 3", "p. 55").
    {"art", K::NumberOnly}, {"ch", K::NumberOnly}, {"chap", K::NumberOnly},
    {"fig", K::NumberOnly}, {"figs", K::NumberOnly}, {"no", K::NumberOnly},
    {"nos", K::NumberOnly}, {"op", K::NumberOnly}, {"p", K::NumberOnly},
    {"para", K::NumberOnly}, {"pp", K::NumberOnly}, {"pt", K::NumberOnly},
    {"sec", K::NumberOnly}, {"vol", K::NumberOnly}, {"vols", K::NumberOnly},
    // Always continue the sentence.
    {"ca", K::NeverEnds}, {"cf", K::NeverEnds}, {"e.g", K::NeverEnds},
    {"i.e", K::NeverEnds}, {"viz", K::NeverEnds}, {"vs", K::NeverEnds},
    // End a list, so a capital after them opens a sentence.
    {"etc", K::Trailing},
    // Times of day: a day, month or time zone may follow, anything else capitalised starts anew.
    {"a.m", K::Clock}, {"p.m", K::Clock},
};

// Capitalised words that commonly open an English news sentence: pronouns, determiners,
// question words, auxiliaries, sentence adverbs and conjunctions. Names and nouns are absent
// on purpose: "the U.S. Government" and "Apple Inc. Chief Executive" must not split.
constexpr std::string_view kEnglishStarters[] = {
    "A", "About", "According", "After", "Again", "All", "Also", "Although", "Among", "An",
    "And", "Another", "Any", "Are", "As", "At", "Because", "Before", "Both", "But", "By",
    "Can", "Could", "Despite", "Did", "Do", "Does", "During", "Each", "Earlier", "Even",
    "Every", "Everybody", "Everyone", "Everything", "Few", "For", "From", "Had", "Has", "Have", "He", "Her", "Here", "His", "How",
    "However", "I", "If", "In", "Instead", "Is", "It", "Its", "Last", "Later", "Let",
    "Many", "Meanwhile", "Moreover", "Most", "Much", "My", "Neither", "Never", "Next", "No",
    "Nobody", "None", "Nor", "Not", "Nothing", "Now", "Of", "On", "Once", "Only", "Or", "Other", "Our", "Over", "Perhaps",
    "Several", "She", "Should", "Since", "So", "Some", "Somebody", "Someone", "Something", "Still", "Such", "That", "The", "Their",
    "Then", "There", "These", "They", "This", "Those", "Though", "Thus", "To", "Today",
    "Tomorrow", "Under", "Unlike", "Until", "Was", "We", "Were", "What", "When", "Where",
    "Whether", "Which", "While", "Who", "Whose", "Why", "With", "Within", "Without", "Would",
    "Yesterday", "Yet", "You", "Your",
};

constexpr std::string_view kEnglishHonorifics[] = {"Dr", "Mr", "Mrs", "Ms", "Mx"};

constexpr std::string_view kEnglishPrepositions[] = {
    "About", "After", "Around", "At", "Before", "By", "From", "In", "On", "Since", "Through",
    "Till", "Until",
};

constexpr std::string_view kEnglishConnectors[] = {
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "her", "his", "in", "its",
    "of", "on", "or", "said", "that", "the", "their", "to", "with",
};

// Words that continue a time of day: "at 9 a.m. Thursday", "10 p.m. ET", "noon GMT".
constexpr std::string_view kEnglishClockFollowers[] = {
    "AEST", "April", "August", "BST", "CDT", "CET", "CEST", "CST", "Central", "December",
    "EDT", "EST", "ET", "Eastern", "February", "Fri", "Friday", "GMT", "HKT", "IST", "January",
    "July", "June", "JST", "Local", "MDT", "MST", "March", "May", "Mon", "Monday", "Mountain",
    "November", "October", "PDT", "PST", "PT", "Pacific", "Sat", "Saturday", "September",
    "Sun", "Sunday", "Thu", "Thursday", "Tue", "Tuesday", "UTC", "Wed", "Wednesday",
};

// Verbs of attribution after a quotation and the speaker's name: '"Why?" Jane Smith asked.'
constexpr std::string_view kEnglishSpeechVerbs[] = {
    "acknowledged", "added", "adds", "admitted", "argued", "asked", "asks", "continued",
    "countered", "cried", "declared", "explained", "insisted", "joked", "noted", "posted",
    "recalled", "replied", "said", "says", "shouted", "tells", "told", "tweeted", "warned",
    "whispered", "wondered", "wrote", "writes", "yelled",
};

template <typename T, std::size_t N, typename Less>
constexpr std::array<T, N> sorted(const T (&raw)[N], Less less) {
  std::array<T, N> out{};
  std::copy(std::begin(raw), std::end(raw), out.begin());
  std::sort(out.begin(), out.end(), less);
  return out;
}

constexpr auto kAbbrevLess = [](const Abbreviation& a, const Abbreviation& b) {
  return a.key < b.key;
};
constexpr auto kWordLess = [](std::string_view a, std::string_view b) { return a < b; };

constexpr auto kSortedAbbreviations = sorted(kEnglishAbbreviations, kAbbrevLess);
constexpr auto kSortedStarters = sorted(kEnglishStarters, kWordLess);
constexpr auto kSortedHonorifics = sorted(kEnglishHonorifics, kWordLess);
constexpr auto kSortedPrepositions = sorted(kEnglishPrepositions, kWordLess);
constexpr auto kSortedConnectors = sorted(kEnglishConnectors, kWordLess);
constexpr auto kSortedClockFollowers = sorted(kEnglishClockFollowers, kWordLess);
constexpr auto kSortedSpeechVerbs = sorted(kEnglishSpeechVerbs, kWordLess);

constexpr LanguageRules kEnglish{kSortedAbbreviations, kSortedStarters,
                                 kSortedHonorifics,    kSortedPrepositions,
                                 kSortedConnectors,    kSortedClockFollowers,
                                 kSortedSpeechVerbs};

// The longest key above; longer words are never abbreviations and skip the lookup.
constexpr std::size_t kMaxKeyBytes = 8;

}  // namespace

const LanguageRules& rules_for(std::string_view /*language*/) noexcept {
  // Only English data exists so far; other languages add their tables here.
  return kEnglish;
}

const Abbreviation* find_abbreviation(const LanguageRules& rules, std::string_view word) noexcept {
  if (word.empty() || word.size() > kMaxKeyBytes) return nullptr;
  char buffer[kMaxKeyBytes];
  for (std::size_t i = 0; i < word.size(); ++i) buffer[i] = utf8::ascii_lower(word[i]);
  const std::string_view key(buffer, word.size());
  const auto it = std::lower_bound(rules.abbreviations.begin(), rules.abbreviations.end(), key,
                                   [](const Abbreviation& a, std::string_view k) {
                                     return a.key < k;
                                   });
  if (it == rules.abbreviations.end() || it->key != key) return nullptr;
  if (!it->exact.empty() && it->exact != word) return nullptr;
  return &*it;
}

bool contains(std::span<const std::string_view> sorted_words, std::string_view word) noexcept {
  return std::binary_search(sorted_words.begin(), sorted_words.end(), word);
}

}  // namespace narrate::text
