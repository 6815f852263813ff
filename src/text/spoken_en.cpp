// text/spoken_en.cpp - the English words of the normalizer (US and British conventions)
#include <algorithm>
#include <array>

#include "text/spoken_words.hpp"

namespace narrate::text {
namespace {

// The tables are laid out by hand.
// clang-format off
constexpr Currency kDollar{"dollar", "dollars", "cent", "cents"};
constexpr Currency kEuro{"euro", "euros", "cent", "cents"};
constexpr Currency kPound{"pound", "pounds", "penny", "pence"};
constexpr Currency kYen{"yen", "yen", "", ""};
constexpr Currency kRupee{"rupee", "rupees", "", ""};

// Longest first: "US$" must win over "$".
constexpr CurrencySign kCurrencySigns[] = {
    {"NZ$", &kDollar, "New Zealand"}, {"HK$", &kDollar, "Hong Kong"}, {"US$", &kDollar, "US"},
    {"A$", &kDollar, "Australian"}, {"C$", &kDollar, "Canadian"}, {"S$", &kDollar, "Singapore"},
    {"\u20ac", &kEuro, ""}, {"\u20b9", &kRupee, ""}, {"\u00a3", &kPound, ""}, {"\u00a5", &kYen, ""},
    {"$", &kDollar, ""},
};

constexpr Scale kScales[] = {
    {"b", "billion", true},        {"bn", "billion", false},        {"billion", "billion", false},
    {"k", "thousand", true},       {"m", "million", true},          {"mn", "million", false},
    {"million", "million", false}, {"thousand", "thousand", false}, {"tn", "trillion", false},
    {"trn", "trillion", false},    {"trillion", "trillion", false},
};

// Spoken with British spelling; the US table's flag turns "metre"/"litre" into "meter"/"liter".
// Longest written form first, so "km/h" wins over "km".
constexpr Unit kUnits[] = {
    {"km/h", "kilometre per hour", "kilometres per hour"},
    {"dBA", "decibel", "decibels"}, {"mAh", "milliamp hour", "milliamp hours"},
    {"GHz", "gigahertz", "gigahertz"}, {"MHz", "megahertz", "megahertz"},
    {"kHz", "kilohertz", "kilohertz"}, {"fps", "frame per second", "frames per second"},
    {"Wh", "watt hour", "watt hours", true}, {"dB", "decibel", "decibels"},
    {"Hz", "hertz", "hertz"}, {"W", "watt", "watts", true},
    {"kWh", "kilowatt hour", "kilowatt hours"}, {"MWh", "megawatt hour", "megawatt hours"},
    {"GWh", "gigawatt hour", "gigawatt hours"}, {"TWh", "terawatt hour", "terawatt hours"},
    {"Mbps", "megabit per second", "megabits per second"},
    {"Gbps", "gigabit per second", "gigabits per second"}, {"mins", "minute", "minutes"},
    {"secs", "second", "seconds"}, {"\u00b0C", "degree Celsius", "degrees Celsius"},
    {"\u00b0F", "degree Fahrenheit", "degrees Fahrenheit"},
    {"km\u00b2", "square kilometre", "square kilometres"},
    {"m/s", "metre per second", "metres per second"}, {"bps", "basis point", "basis points"},
    {"hrs", "hour", "hours"}, {"kmh", "kilometre per hour", "kilometres per hour"},
    {"kph", "kilometre per hour", "kilometres per hour"}, {"lbs", "pound", "pounds"},
    {"mph", "mile per hour", "miles per hour"}, {"ppt", "percentage point", "percentage points"},
    {"pct", "percent", "percent"}, {"wpm", "word per minute", "words per minute"},
    {"WPM", "word per minute", "words per minute"}, {"yrs", "year", "years"},
    {"GB", "gigabyte", "gigabytes"}, {"GW", "gigawatt", "gigawatts"},
    {"MB", "megabyte", "megabytes"}, {"MW", "megawatt", "megawatts"},
    {"TB", "terabyte", "terabytes"}, {"cm", "centimetre", "centimetres"}, {"ft", "foot", "feet"},
    {"hr", "hour", "hours"}, {"kg", "kilogram", "kilograms"}, {"km", "kilometre", "kilometres"},
    {"kW", "kilowatt", "kilowatts"}, {"lb", "pound", "pounds"}, {"mg", "milligram", "milligrams"},
    {"mi", "mile", "miles"}, {"ml", "millilitre", "millilitres"},
    {"mm", "millimetre", "millimetres"}, {"ms", "millisecond", "milliseconds"},
    {"oz", "ounce", "ounces"}, {"pp", "percentage point", "percentage points", true},
    {"C", "degree Celsius", "degrees Celsius", true},
    {"F", "degree Fahrenheit", "degrees Fahrenheit", true}, {"g", "gram", "grams", true},
};

constexpr SpokenAbbreviation kAbbreviations[] = {
    // Said in full wherever they stand.
    {"a.k.a", "also known as"}, {"approx", "approximately"}, {"cf", "compare"},
    {"e.g", "for example"}, {"E.g", "For example"}, {"i.e", "that is"}, {"I.e", "That is"},
    {"viz", "namely"}, {"vs", "versus"},
    // Company suffixes eSpeak reads as words ("ink", "corp").
    {"Inc", "Incorporated", Expand::AfterName, true}, {"Corp", "Corporation", Expand::AfterName, true}, {"Ms", "Miz", Expand::BeforeName, true},
    {"Mt", "Mount", Expand::BeforeName, true}, {"Ft", "Fort", Expand::BeforeName},
    // Titles before a name.
    {"Adm", "Admiral", Expand::BeforeName}, {"Amb", "Ambassador", Expand::BeforeName},
    {"Atty", "Attorney", Expand::BeforeName}, {"Brig", "Brigadier", Expand::BeforeName, true},
    {"Capt", "Captain", Expand::BeforeName, true}, {"Cmdr", "Commander", Expand::BeforeName},
    {"Col", "Colonel", Expand::BeforeName, true}, {"Cpl", "Corporal", Expand::BeforeName, true},
    {"Det", "Detective", Expand::BeforeName, true}, {"Gen", "General", Expand::BeforeName},
    {"Gov", "Governor", Expand::BeforeName}, {"Insp", "Inspector", Expand::BeforeName, true},
    {"Lt", "Lieutenant", Expand::BeforeName, true}, {"Maj", "Major", Expand::BeforeName, true},
    {"Msgr", "Monsignor", Expand::BeforeName}, {"Pres", "President", Expand::BeforeName},
    {"Prof", "Professor", Expand::BeforeName, true}, {"Pvt", "Private", Expand::BeforeName},
    {"Rep", "Representative", Expand::BeforeName}, {"Rev", "Reverend", Expand::BeforeName, true},
    {"Sen", "Senator", Expand::BeforeName}, {"Sgt", "Sergeant", Expand::BeforeName, true},
    {"Supt", "Superintendent", Expand::BeforeName, true}, {"v", "versus", Expand::BeforeName},
    {"Cllr", "Councillor", Expand::BeforeName, true}, {"Pte", "Private", Expand::BeforeName, true},
    {"Rt", "Right", Expand::BeforeName, true}, {"Hon", "Honourable", Expand::BeforeName, true},
    // Before a number.
    {"No", "number", Expand::BeforeNumber, true}, {"no", "number", Expand::BeforeNumber},
    {"Nos", "numbers", Expand::BeforeNumber}, {"nos", "numbers", Expand::BeforeNumber},
    {"p", "page", Expand::BeforeNumber}, {"pp", "pages", Expand::BeforeNumber},
    {"Fig", "figure", Expand::BeforeNumber}, {"fig", "figure", Expand::BeforeNumber},
    {"Vol", "volume", Expand::BeforeNumber}, {"vol", "volume", Expand::BeforeNumber},
    {"Ch", "chapter", Expand::BeforeNumber}, {"ch", "chapter", Expand::BeforeNumber},
    {"Art", "article", Expand::BeforeNumber}, {"Sec", "section", Expand::BeforeNumber},
    {"para", "paragraph", Expand::BeforeNumber}, {"Para", "paragraph", Expand::BeforeNumber},
    // After a name.
    {"Jr", "Junior", Expand::AfterName}, {"Sr", "Senior", Expand::AfterName},
    {"Ave", "Avenue", Expand::AfterName}, {"Blvd", "Boulevard", Expand::AfterName},
    {"Rd", "Road", Expand::AfterName}, {"Hwy", "Highway", Expand::AfterName},
    {"Univ", "University", Expand::AfterName}, {"Dept", "Department", Expand::AfterName},
    // Days and months (with their period).
    {"Mon", "Monday", Expand::Weekday}, {"Tue", "Tuesday", Expand::Weekday},
    {"Tues", "Tuesday", Expand::Weekday}, {"Wed", "Wednesday", Expand::Weekday},
    {"Thu", "Thursday", Expand::Weekday}, {"Thur", "Thursday", Expand::Weekday},
    {"Thurs", "Thursday", Expand::Weekday}, {"Fri", "Friday", Expand::Weekday},
    {"Sat", "Saturday", Expand::Weekday}, {"Sun", "Sunday", Expand::Weekday},
    {"Jan", "January"}, {"Feb", "February"},
    {"Mar", "March"}, {"Apr", "April"}, {"Jun", "June"}, {"Jul", "July"}, {"Aug", "August"},
    {"Sep", "September"}, {"Sept", "September"}, {"Oct", "October"}, {"Nov", "November"},
    {"Dec", "December"},
    // US states in datelines: "Sacramento, Calif."
    {"Ala", "Alabama", Expand::AfterComma}, {"Ariz", "Arizona", Expand::AfterComma},
    {"Ark", "Arkansas", Expand::AfterComma}, {"Calif", "California", Expand::AfterComma},
    {"Colo", "Colorado", Expand::AfterComma}, {"Conn", "Connecticut", Expand::AfterComma},
    {"Del", "Delaware", Expand::AfterComma}, {"Fla", "Florida", Expand::AfterComma},
    {"Ga", "Georgia", Expand::AfterComma}, {"Ill", "Illinois", Expand::AfterComma},
    {"Ind", "Indiana", Expand::AfterComma}, {"Kan", "Kansas", Expand::AfterComma},
    {"Ky", "Kentucky", Expand::AfterComma}, {"La", "Louisiana", Expand::AfterComma},
    {"Mass", "Massachusetts", Expand::AfterComma}, {"Md", "Maryland", Expand::AfterComma},
    {"Mich", "Michigan", Expand::AfterComma}, {"Minn", "Minnesota", Expand::AfterComma},
    {"Miss", "Mississippi", Expand::AfterComma}, {"Mo", "Missouri", Expand::AfterComma},
    {"Mont", "Montana", Expand::AfterComma}, {"Neb", "Nebraska", Expand::AfterComma},
    {"Nev", "Nevada", Expand::AfterComma}, {"Okla", "Oklahoma", Expand::AfterComma},
    {"Ore", "Oregon", Expand::AfterComma}, {"Pa", "Pennsylvania", Expand::AfterComma},
    {"Tenn", "Tennessee", Expand::AfterComma}, {"Tex", "Texas", Expand::AfterComma},
    {"Va", "Virginia", Expand::AfterComma}, {"Vt", "Vermont", Expand::AfterComma},
    {"Wash", "Washington", Expand::AfterComma}, {"Wis", "Wisconsin", Expand::AfterComma},
    {"Wyo", "Wyoming", Expand::AfterComma},
};

constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
constexpr std::string_view kMonthAbbrevs[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::string_view kDecades[] = {"tens",    "twenties",  "thirties", "forties", "fifties",
                                         "sixties", "seventies", "eighties", "nineties"};
constexpr std::string_view kFractions[] = {"half",   "halves",  "third",
                                           "thirds", "quarter", "quarters"};

// Words after which a Roman numeral is a plain number ("World War II" -> "two").
constexpr std::string_view kNumberedThings[] = {
    "Act",      "Annex",   "Apollo", "Appendix", "Article",  "Book",    "Bowl",    "Canto",
    "Category", "Chapter", "Class",  "Episode",  "Figure",   "Grade",   "Level",   "Mark",
    "Part",     "Phase",   "Psalm",  "Round",    "Schedule", "Season",  "Section", "Series",
    "Stage",    "Star",    "Tier",   "Title",    "Type",     "Vatican", "Volume",  "War",
};

// Titles that make the next name a monarch's or pope's ("King Charles III").
constexpr std::string_view kRegnalTitles[] = {
    "Emperor", "Empress",  "Kaiser", "King",   "Pharaoh", "Pope",
    "Prince",  "Princess", "Queen",  "Sultan", "Tsar",    "Czar",
};

// clang-format on

template <std::size_t N>
constexpr std::array<std::string_view, N> sorted_words(const std::string_view (&raw)[N]) {
  std::array<std::string_view, N> out{};
  std::copy(std::begin(raw), std::end(raw), out.begin());
  std::sort(out.begin(), out.end());
  return out;
}

constexpr auto kSortedNumberedThings = sorted_words(kNumberedThings);
constexpr auto kSortedRegnalTitles = sorted_words(kRegnalTitles);

constexpr SpokenWords english(bool british) {
  return SpokenWords{
      "to",
      "and",
      "or",
      "times",
      "percent",
      "number",
      "numbers",
      "link to",
      "dot",
      "at",
      "about",
      "hashtag",
      "the",
      "of",
      "oh",
      "o'clock",
      "hundred",
      "words per minute",
      "percentage points",
      "basis points",
      "for example",
      "that is",
      "versus",
      "Saint",
      "Street",
      kMonths,
      kMonthAbbrevs,
      kDecades,
      kFractions,
      kCurrencySigns,
      kScales,
      kUnits,
      kAbbreviations,
      kSortedNumberedThings,
      kSortedRegnalTitles,
      british,
      british,
  };
}

constexpr SpokenWords kEnglishUs = english(false);
constexpr SpokenWords kEnglishGb = english(true);

// The region subtag of "en-GB", "en_gb", "en-GB-x-rp", uppercased into `out`.
std::string_view region_of(std::string_view tag, std::array<char, 8>& out) {
  if (tag.size() < 4) return {};
  std::size_t n = 0;
  for (std::size_t i = 3; i < tag.size() && tag[i] != '-' && tag[i] != '_' && n < out.size(); ++i)
    out[n++] = tag[i] >= 'a' && tag[i] <= 'z' ? char(tag[i] - 'a' + 'A') : tag[i];
  return {out.data(), n};
}

}  // namespace

const SpokenWords* spoken_words_for(std::string_view language) noexcept {
  if (language.size() < 2) return language.empty() ? &kEnglishUs : nullptr;
  const bool en =
      (language[0] == 'e' || language[0] == 'E') && (language[1] == 'n' || language[1] == 'N');
  if (!en || (language.size() > 2 && language[2] != '-' && language[2] != '_')) return nullptr;
  // Commonwealth English writes the day first and spells "metre".
  std::array<char, 8> buffer{};
  const std::string_view region = region_of(language, buffer);
  for (const std::string_view gb : {"GB", "UK", "AU", "NZ", "IE", "IN", "ZA", "SG", "HK"})
    if (region == gb) return &kEnglishGb;
  return &kEnglishUs;
}

bool sorted_contains(std::span<const std::string_view> sorted, std::string_view word) noexcept {
  return std::binary_search(sorted.begin(), sorted.end(), word);
}

}  // namespace narrate::text
