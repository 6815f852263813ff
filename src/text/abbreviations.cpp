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
    {"adm", K::Title},
    {"amb", K::Title},
    {"atty", K::Title},
    {"brig", K::Title},
    {"capt", K::Title},
    {"cmdr", K::Title},
    {"col", K::Title},
    {"cpl", K::Title},
    {"det", K::Title},
    {"dr", K::Title},
    {"fr", K::Title},
    {"ft", K::Title},
    {"gen", K::Title},
    {"gov", K::Title},
    {"hon", K::Title},
    {"insp", K::Title},
    {"lt", K::Title},
    {"maj", K::Title},
    {"messrs", K::Title},
    {"mlle", K::Title},
    {"mme", K::Title},
    {"mr", K::Title},
    {"mrs", K::Title},
    {"ms", K::Title},
    {"msgr", K::Title},
    {"mt", K::Title},
    {"mx", K::Title},
    {"pres", K::Title},
    {"prof", K::Title},
    {"pvt", K::Title},
    {"rep", K::Title},
    {"rev", K::Title},
    {"sen", K::Title},
    {"sgt", K::Title},
    {"st", K::Title},
    {"supt", K::Title},
    // Name suffixes, companies, organisations.
    {"assn", K::General},
    {"assoc", K::General},
    {"bros", K::General},
    {"co", K::General},
    {"corp", K::General},
    {"dept", K::General},
    {"esq", K::General},
    {"govt", K::General},
    {"inc", K::General},
    {"intl", K::General},
    {"jr", K::General},
    {"ltd", K::General},
    {"mfg", K::General},
    {"natl", K::General},
    {"ph.d", K::General},
    {"sr", K::General},
    {"univ", K::General},
    // Months and days.
    {"apr", K::General},
    {"aug", K::General},
    {"dec", K::General},
    {"feb", K::General},
    {"fri", K::General},
    {"jan", K::General},
    {"jul", K::General},
    {"jun", K::General},
    {"mar", K::General, "Mar"},
    {"mon", K::General, "Mon"},
    {"nov", K::General},
    {"oct", K::General},
    {"sat", K::General, "Sat"},
    {"sep", K::General},
    {"sept", K::General},
    {"sun", K::General, "Sun"},
    {"thu", K::General},
    {"thur", K::General},
    {"thurs", K::General},
    {"tue", K::General},
    {"tues", K::General},
    {"wed", K::General, "Wed"},
    // US states (AP style) and places.
    {"ala", K::General},
    {"ariz", K::General},
    {"ark", K::General, "Ark"},
    {"ave", K::General},
    {"blvd", K::General},
    {"calif", K::General},
    {"colo", K::General},
    {"conn", K::General},
    {"del", K::General, "Del"},
    {"fla", K::General},
    {"ga", K::General},
    {"hwy", K::General},
    {"ill", K::General, "Ill"},
    {"ind", K::General, "Ind"},
    {"kan", K::General},
    {"kans", K::General},
    {"ky", K::General},
    {"la", K::General, "La"},
    {"mass", K::General, "Mass"},
    {"md", K::General},
    {"mich", K::General},
    {"minn", K::General},
    {"miss", K::General, "Miss"},
    {"mo", K::General, "Mo"},
    {"mont", K::General},
    {"neb", K::General},
    {"nev", K::General},
    {"okla", K::General},
    {"ore", K::General, "Ore"},
    {"pa", K::General, "Pa"},
    {"rd", K::General},
    {"tenn", K::General},
    {"tex", K::General},
    {"va", K::General},
    {"vt", K::General},
    {"w.va", K::General},
    {"wash", K::General, "Wash"},
    {"wis", K::General},
    {"wyo", K::General},
    // Measures and general short forms.
    {"al", K::General},
    {"approx", K::General},
    {"avg", K::General},
    {"est", K::General},
    {"ext", K::General},
    {"hr", K::General},
    {"hrs", K::General},
    {"ibid", K::General},
    {"lb", K::General},
    {"lbs", K::General},
    {"max", K::General, "Max"},
    {"min", K::General},
    {"misc", K::General},
    {"mos", K::General},
    {"oz", K::General},
    {"pct", K::General},
    {"sq", K::General},
    {"tel", K::General},
    {"yr", K::General},
    {"yrs", K::General},
    // Only abbreviations when a number follows ("No. 5", "Fig. 3", "p. 55").
    {"art", K::NumberOnly},
    {"ch", K::NumberOnly},
    {"chap", K::NumberOnly},
    {"fig", K::NumberOnly},
    {"figs", K::NumberOnly},
    {"no", K::NumberOnly},
    {"nos", K::NumberOnly},
    {"op", K::NumberOnly},
    {"p", K::NumberOnly},
    {"para", K::NumberOnly},
    {"pp", K::NumberOnly},
    {"pt", K::NumberOnly},
    {"sec", K::NumberOnly},
    {"vol", K::NumberOnly},
    {"vols", K::NumberOnly},
    // Always continue the sentence.
    {"ca", K::NeverEnds},
    {"cf", K::NeverEnds},
    {"e.g", K::NeverEnds},
    {"i.e", K::NeverEnds},
    {"viz", K::NeverEnds},
    {"vs", K::NeverEnds},
    // End a list, so a capital after them opens a sentence.
    {"etc", K::Trailing},
    // Times of day: a day, month or time zone may follow, anything else capitalised starts anew.
    {"a.m", K::Clock},
    {"p.m", K::Clock},
};

// Capitalised words that commonly open an English news sentence: pronouns, determiners,
// question words, auxiliaries, sentence adverbs and conjunctions. Names and nouns are absent
// on purpose: "the U.S. Government" and "Apple Inc. Chief Executive" must not split.
constexpr std::string_view kEnglishStarters[] = {
    "A",          "About",   "According", "After",     "Again",    "All",       "Also",
    "Although",   "Among",   "An",        "And",       "Another",  "Any",       "Are",
    "As",         "At",      "Because",   "Before",    "Both",     "But",       "By",
    "Can",        "Could",   "Despite",   "Did",       "Do",       "Does",      "During",
    "Each",       "Earlier", "Even",      "Eight",     "Every",    "Everybody", "Everyone",
    "Everything", "Few",     "Five",      "For",       "Four",     "From",      "Nine",
    "One",        "Seven",   "Six",       "Ten",       "Three",    "Two",       "Had",
    "Has",        "Have",    "He",        "Her",       "Here",     "His",       "How",
    "However",    "I",       "If",        "In",        "Instead",  "Is",        "It",
    "Its",        "Last",    "Later",     "Let",       "Many",     "Meanwhile", "Moreover",
    "Most",       "Much",    "My",        "Neither",   "Never",    "Next",      "No",
    "Nobody",     "None",    "Nor",       "Not",       "Nothing",  "Now",       "Of",
    "On",         "Once",    "Only",      "Or",        "Other",    "Our",       "Over",
    "Perhaps",    "Several", "She",       "Should",    "Since",    "So",        "Some",
    "Somebody",   "Someone", "Something", "Still",     "Such",     "That",      "The",
    "Their",      "Then",    "There",     "These",     "They",     "This",      "Those",
    "Though",     "Thus",    "To",        "Today",     "Tomorrow", "Under",     "Unlike",
    "Until",      "Was",     "We",        "Were",      "What",     "When",      "Where",
    "Whether",    "Which",   "While",     "Who",       "Whose",    "Why",       "With",
    "Within",     "Without", "Would",     "Yesterday", "Yet",      "You",       "Your",
};

constexpr std::string_view kEnglishHonorifics[] = {"Dr", "Mr", "Mrs", "Ms", "Mx"};

constexpr std::string_view kEnglishPrepositions[] = {
    "About", "After", "Around", "At",      "Before", "By",    "From",
    "In",    "On",    "Since",  "Through", "Till",   "Until",
};

constexpr std::string_view kEnglishConnectors[] = {
    "a",  "an",  "and", "as", "at", "but",  "by",   "for", "from",  "her", "his",
    "in", "its", "of",  "on", "or", "said", "that", "the", "their", "to",  "with",
};

// Words that continue a time of day: "at 9 a.m. Thursday", "10 p.m. ET", "noon GMT".
constexpr std::string_view kEnglishClockFollowers[] = {
    "AEST",      "April",     "August", "BST",   "CDT",      "CET",     "CEST",     "CST",
    "Central",   "December",  "EDT",    "EST",   "ET",       "Eastern", "February", "Fri",
    "Friday",    "GMT",       "HKT",    "IST",   "January",  "July",    "June",     "JST",
    "Local",     "MDT",       "MST",    "March", "May",      "Mon",     "Monday",   "Mountain",
    "November",  "October",   "PDT",    "PST",   "PT",       "Pacific", "Sat",      "Saturday",
    "September", "Sun",       "Sunday", "Thu",   "Thursday", "Tue",     "Tuesday",  "UTC",
    "Wed",       "Wednesday",
};

// Verbs of attribution after a quotation and the speaker's name: '"Why?" Jane Smith asked.'
constexpr std::string_view kEnglishSpeechVerbs[] = {
    "acknowledged", "added",     "adds",      "admitted", "argued",   "asked",
    "asks",         "continued", "countered", "cried",    "declared", "explained",
    "insisted",     "joked",     "noted",     "posted",   "recalled", "replied",
    "said",         "says",      "shouted",   "tells",    "told",     "tweeted",
    "warned",       "whispered", "wondered",  "wrote",    "writes",   "yelled",
};

// Capitalised nouns that continue a name after an abbreviation: "the U.S. Army said",
// "the U.K. Parliament voted", "Acme Inc. Chief Executive".
constexpr std::string_view kEnglishNameNouns[] = {
    "Agency",     "Air",          "Ambassador",    "Army",           "Attorney",   "Bank",
    "Border",     "Bureau",       "Cabinet",       "Capitol",        "Census",     "Central",
    "Chamber",    "Championship", "Championships", "Chief",          "Coast",      "Commerce",
    "Commission", "Congress",     "Constitution",  "Council",        "Court",      "Cup",
    "Customs",    "Defence",      "Defense",       "Department",     "Dollar",     "Embassy",
    "Energy",     "Executive",    "Federal",       "Forces",         "Geological", "Government",
    "Guard",      "Health",       "Highway",       "House",          "Institute",  "Interstate",
    "Justice",    "Labor",        "Labour",        "Marine",         "Marines",    "Military",
    "Minister",   "Ministry",     "Mint",          "National",       "Navy",       "Office",
    "Olympic",    "Olympics",     "Open",          "Parliament",     "Party",      "Patent",
    "Postal",     "President",    "Prime",         "Representative", "Route",      "Secretary",
    "Senate",     "Senator",      "Service",       "Space",          "State",      "Steel",
    "Supreme",    "Survey",       "Team",          "Trade",          "Treasury",   "Women",
    "Worldwide"};

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
constexpr auto kSortedNameNouns = sorted(kEnglishNameNouns, kWordLess);

constexpr LanguageRules kEnglish{kSortedAbbreviations, kSortedStarters,   kSortedHonorifics,
                                 kSortedPrepositions,  kSortedConnectors, kSortedClockFollowers,
                                 kSortedSpeechVerbs,   kSortedNameNouns};

// --- Other languages: their abbreviations and sentence starters; the other lists are
// English's, which do no harm there (they name English words).

constexpr Abbreviation kGermanAbbreviations[] = {
    {"abs", K::NumberOnly},  {"art", K::NumberOnly}, {"bd", K::NumberOnly},
    {"bspw", K::NeverEnds},  {"bzgl", K::NeverEnds}, {"bzw", K::NeverEnds},
    {"ca", K::NeverEnds},    {"d.h", K::NeverEnds},  {"dez", K::General},
    {"dipl", K::Title},      {"dr", K::Title},       {"e.v", K::General},
    {"etc", K::Trailing},    {"evtl", K::NeverEnds}, {"feb", K::General},
    {"fr", K::Title, "Fr"},  {"geb", K::NeverEnds},  {"gem", K::NeverEnds},
    {"ggf", K::NeverEnds},   {"hl", K::Title},       {"hr", K::Title},
    {"i.d.r", K::NeverEnds}, {"inkl", K::NeverEnds}, {"ing", K::Title},
    {"jan", K::General},     {"jh", K::NumberOnly},  {"kap", K::NumberOnly},
    {"lt", K::NeverEnds},    {"mio", K::General},    {"mrd", K::General},
    {"nov", K::General},     {"nr", K::NumberOnly},  {"o.ä", K::NeverEnds},
    {"okt", K::General},     {"prof", K::Title},     {"rd", K::NeverEnds},
    {"s", K::NumberOnly},    {"sept", K::General},   {"sog", K::NeverEnds},
    {"st", K::Title},        {"str", K::General},    {"tel", K::NumberOnly},
    {"tsd", K::General},     {"u.a", K::NeverEnds},  {"u.ä", K::NeverEnds},
    {"u.u", K::NeverEnds},   {"usw", K::Trailing},   {"vgl", K::NeverEnds},
    {"vs", K::NeverEnds},    {"z.b", K::NeverEnds},  {"z.t", K::NeverEnds},
    {"ziff", K::NumberOnly}, {"zzgl", K::NeverEnds}};

constexpr std::string_view kGermanStarters[] = {
    "Aber",  "Alle",     "Allerdings", "Als",    "Am",    "Auch", "Auf",  "Aus",    "Außerdem",
    "Bei",   "Dabei",    "Damit",      "Dann",   "Das",   "Dass", "Denn", "Der",    "Die",
    "Dies",  "Diese",    "Dieser",     "Dieses", "Doch",  "Drei", "Ein",  "Eine",   "Er",
    "Es",    "Gestern",  "Heute",      "Ich",    "Ihr",   "Im",   "In",   "Jedoch", "Kein",
    "Keine", "Man",      "Mit",        "Nach",   "Nicht", "Noch", "Nun",  "Seit",   "Sie",
    "So",    "Trotzdem", "Viele",      "Vor",    "Was",   "Wenn", "Wer",  "Wie",    "Wir",
    "Wo",    "Zudem",    "Zwei"};

constexpr Abbreviation kFrenchAbbreviations[] = {
    {"apr", K::General},    {"art", K::NumberOnly}, {"av", K::General},      {"avr", K::General},
    {"bd", K::General},     {"cf", K::NeverEnds},   {"chap", K::NumberOnly}, {"déc", K::General},
    {"dr", K::Title},       {"env", K::NeverEnds},  {"etc", K::Trailing},    {"ex", K::NeverEnds},
    {"fig", K::NumberOnly}, {"févr", K::General},   {"janv", K::General},    {"juil", K::General},
    {"m", K::Title, "M"},   {"me", K::Title, "Me"}, {"mgr", K::Title},       {"mlle", K::Title},
    {"mm", K::Title, "MM"}, {"mme", K::Title},      {"n", K::NumberOnly},    {"no", K::NumberOnly},
    {"nov", K::General},    {"oct", K::General},    {"p", K::NumberOnly},    {"p.ex", K::NeverEnds},
    {"pr", K::Title},       {"sept", K::General},   {"st", K::Title},        {"ste", K::Title},
    {"t", K::NumberOnly},   {"vol", K::NumberOnly}, {"vs", K::NeverEnds}};

constexpr std::string_view kFrenchStarters[] = {
    "Ainsi", "Alors", "Après", "Au",    "Aujourd'hui", "Aux",    "Avant",    "Ce",   "Cependant",
    "Ces",   "Cet",   "Cette", "Comme", "Dans",        "Depuis", "Deux",     "Elle", "Elles",
    "En",    "Enfin", "Et",    "Hier",  "Il",          "Ils",    "Je",       "La",   "Le",
    "Les",   "Lors",  "Mais",  "Nous",  "On",          "Pour",   "Pourtant", "Puis", "Quand",
    "Selon", "Si",    "Trois", "Un",    "Une",         "Vous"};

constexpr Abbreviation kSpanishAbbreviations[] = {
    {"abr", K::General},    {"ago", K::General},      {"aprox", K::NeverEnds},
    {"art", K::NumberOnly}, {"av", K::General},       {"avda", K::General},
    {"ca", K::NeverEnds},   {"cap", K::NumberOnly},   {"cf", K::NeverEnds},
    {"cía", K::General},    {"d", K::Title, "D"},     {"dic", K::General},
    {"dpto", K::General},   {"dr", K::Title},         {"dra", K::Title},
    {"dña", K::Title},      {"ee", K::General, "EE"}, {"ej", K::NeverEnds},
    {"ene", K::General},    {"etc", K::Trailing},     {"excma", K::Title},
    {"excmo", K::Title},    {"gral", K::Title},       {"ing", K::Title},
    {"lic", K::Title},      {"n", K::NumberOnly},     {"no", K::NumberOnly},
    {"nov", K::General},    {"núm", K::NumberOnly},   {"oct", K::General},
    {"p.ej", K::NeverEnds}, {"pág", K::NumberOnly},   {"págs", K::NumberOnly},
    {"prof", K::Title},     {"s.a", K::General},      {"sept", K::General},
    {"sr", K::Title},       {"sra", K::Title},        {"srta", K::Title},
    {"sta", K::Title},      {"sto", K::Title},        {"ud", K::General},
    {"uds", K::General},    {"uu", K::General, "UU"}, {"vol", K::NumberOnly},
    {"vs", K::NeverEnds}};

constexpr std::string_view kSpanishStarters[] = {
    "Además", "Al",   "Ante",  "Ayer", "Como", "Con", "Cuando", "Del",   "Desde", "Dos",
    "El",     "Ella", "Ellos", "En",   "Esa",  "Ese", "Esta",   "Estas", "Este",  "Estos",
    "Hoy",    "La",   "Las",   "Lo",   "Los",  "No",  "Para",   "Pero",  "Por",   "Se",
    "Si",     "Sin",  "Según", "Tras", "Tres", "Un",  "Una",    "Y"};

constexpr Abbreviation kItalianAbbreviations[] = {
    {"art", K::NumberOnly}, {"avv", K::Title},      {"ca", K::NeverEnds},   {"cap", K::NumberOnly},
    {"cfr", K::NeverEnds},  {"dott", K::Title},     {"dott.ssa", K::Title}, {"ecc", K::Trailing},
    {"es", K::NeverEnds},   {"etc", K::Trailing},   {"ing", K::Title},      {"n", K::NumberOnly},
    {"on", K::Title, "On"}, {"pag", K::NumberOnly}, {"prof", K::Title},     {"sig", K::Title},
    {"sig.ra", K::Title},   {"vol", K::NumberOnly}, {"vs", K::NeverEnds}};

constexpr std::string_view kItalianStarters[] = {
    "Come",  "Con",    "Dopo",   "Due",    "E",    "Gli",     "Ieri", "Il",  "In",   "Inoltre",
    "La",    "Le",     "Lei",    "Lo",     "Loro", "Lui",     "Ma",   "Non", "Oggi", "Per",
    "Prima", "Quando", "Questa", "Questo", "Se",   "Secondo", "Si",   "Tre", "Un",   "Una"};

constexpr Abbreviation kPortugueseAbbreviations[] = {
    {"abr", K::General},        {"ago", K::General},    {"aprox", K::NeverEnds},
    {"art", K::NumberOnly},     {"av", K::General},     {"cap", K::NumberOnly},
    {"cf", K::NeverEnds},       {"cia", K::General},    {"d", K::Title, "D"},
    {"dez", K::General},        {"dr", K::Title},       {"dra", K::Title},
    {"etc", K::Trailing},       {"fev", K::General},    {"jan", K::General},
    {"ltda", K::General},       {"n", K::NumberOnly},   {"nov", K::General},
    {"out", K::General, "Out"}, {"p.ex", K::NeverEnds}, {"pág", K::NumberOnly},
    {"prof", K::Title},         {"profa", K::Title},    {"s.a", K::General},
    {"set", K::General, "Set"}, {"sr", K::Title},       {"sra", K::Title},
    {"srta", K::Title},         {"vol", K::NumberOnly}, {"vs", K::NeverEnds}};

constexpr std::string_view kPortugueseStarters[] = {
    "A",    "Além", "Antes", "Ao",     "As",   "Com",     "Como", "Depois", "Dois",
    "E",    "Ela",  "Elas",  "Ele",    "Eles", "Em",      "Esta", "Este",   "Hoje",
    "Isso", "Mas",  "Na",    "Nas",    "No",   "Nos",     "Não",  "O",      "Ontem",
    "Os",   "Para", "Por",   "Quando", "Se",   "Segundo", "Três", "Um",     "Uma"};

constexpr Abbreviation kDutchAbbreviations[] = {
    {"art", K::NumberOnly}, {"bijv", K::NeverEnds},  {"blz", K::NumberOnly},
    {"ca", K::NeverEnds},   {"d.w.z", K::NeverEnds}, {"dhr", K::Title},
    {"dr", K::Title},       {"drs", K::Title},       {"enz", K::Trailing},
    {"etc", K::Trailing},   {"hfst", K::NumberOnly}, {"i.v.m", K::NeverEnds},
    {"ing", K::Title},      {"ir", K::Title},        {"m.b.t", K::NeverEnds},
    {"mevr", K::Title},     {"mr", K::Title},        {"nr", K::NumberOnly},
    {"o.a", K::NeverEnds},  {"prof", K::Title},      {"resp", K::NeverEnds},
    {"vs", K::NeverEnds}};

constexpr std::string_view kDutchStarters[] = {
    "Als",  "Dat",  "De",      "Deze",    "Dit",  "Drie",    "Een", "En",   "Er",  "Gisteren",
    "Het",  "Hij",  "Ik",      "In",      "Maar", "Met",     "Na",  "Niet", "Ook", "Op",
    "Toen", "Twee", "Vandaag", "Volgens", "Voor", "Wanneer", "We",  "Wij",  "Ze",  "Zij"};

// German writes ordinals with a period: "am 1. Januar", "zum 3. Mal", "im 19. Jahrhundert".
constexpr std::string_view kGermanOrdinalNouns[] = {
    "April", "August",    "Dezember", "Februar", "Jahrhundert", "Januar",   "Jahrestag",
    "Juli",  "Juni",      "Mai",      "Mal",     "März",        "November", "Oktober",
    "Platz", "September", "Spieltag", "Stock",   "Tag"};

template <std::size_t A, std::size_t S>
struct LanguageTables {
  std::array<Abbreviation, A> abbreviations;
  std::array<std::string_view, S> starters;
};

template <std::size_t A, std::size_t S>
constexpr LanguageTables<A, S> tables(const Abbreviation (&abbreviations)[A],
                                      const std::string_view (&starters)[S]) {
  return {sorted(abbreviations, kAbbrevLess), sorted(starters, kWordLess)};
}

constexpr auto kGermanTables = tables(kGermanAbbreviations, kGermanStarters);
constexpr auto kFrenchTables = tables(kFrenchAbbreviations, kFrenchStarters);
constexpr auto kSpanishTables = tables(kSpanishAbbreviations, kSpanishStarters);
constexpr auto kItalianTables = tables(kItalianAbbreviations, kItalianStarters);
constexpr auto kPortugueseTables = tables(kPortugueseAbbreviations, kPortugueseStarters);
constexpr auto kDutchTables = tables(kDutchAbbreviations, kDutchStarters);

template <typename Tables>
constexpr LanguageRules rules_of(const Tables& t) {
  return {t.abbreviations,     t.starters,        kSortedHonorifics,
          kSortedPrepositions, kSortedConnectors, kSortedClockFollowers,
          kSortedSpeechVerbs,  kSortedNameNouns};
}

constexpr auto kSortedGermanOrdinalNouns = sorted(kGermanOrdinalNouns, kWordLess);
constexpr LanguageRules kGerman = [] {
  LanguageRules rules = rules_of(kGermanTables);
  rules.ordinal_nouns = kSortedGermanOrdinalNouns;
  return rules;
}();
constexpr LanguageRules kFrench = rules_of(kFrenchTables);
constexpr LanguageRules kSpanish = rules_of(kSpanishTables);
constexpr LanguageRules kItalian = rules_of(kItalianTables);
constexpr LanguageRules kPortuguese = rules_of(kPortugueseTables);
constexpr LanguageRules kDutch = rules_of(kDutchTables);

// The longest key above; longer words are never abbreviations and skip the lookup.
constexpr std::size_t kMaxKeyBytes = 8;

}  // namespace

const LanguageRules& rules_for(std::string_view language) noexcept {
  const std::string_view primary = language.substr(0, language.find_first_of("-_"));
  const auto is = [primary](std::string_view code) {
    if (primary.size() != code.size()) return false;
    for (std::size_t i = 0; i < code.size(); ++i) {
      if (utf8::ascii_lower(primary[i]) != code[i]) return false;
    }
    return true;
  };
  if (is("de")) return kGerman;
  if (is("fr")) return kFrench;
  if (is("es")) return kSpanish;
  if (is("it")) return kItalian;
  if (is("pt")) return kPortuguese;
  if (is("nl")) return kDutch;
  return kEnglish;
}

const Abbreviation* find_abbreviation(const LanguageRules& rules, std::string_view word) noexcept {
  if (word.empty() || word.size() > kMaxKeyBytes) return nullptr;
  char buffer[kMaxKeyBytes];
  for (std::size_t i = 0; i < word.size(); ++i) buffer[i] = utf8::ascii_lower(word[i]);
  const std::string_view key(buffer, word.size());
  const auto it =
      std::lower_bound(rules.abbreviations.begin(), rules.abbreviations.end(), key,
                       [](const Abbreviation& a, std::string_view k) { return a.key < k; });
  if (it == rules.abbreviations.end() || it->key != key) return nullptr;
  if (!it->exact.empty() && it->exact != word) return nullptr;
  return &*it;
}

bool contains(std::span<const std::string_view> sorted_words, std::string_view word) noexcept {
  return std::binary_search(sorted_words.begin(), sorted_words.end(), word);
}

}  // namespace narrate::text
