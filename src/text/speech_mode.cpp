// text/speech_mode.cpp - screen-reading text modes: punctuation, capitals, spelling, char/key names
#include "text/speech_mode.hpp"

#include <array>
#include <cstdint>

#include "text/utf8.hpp"

namespace narrate::text {
namespace {

struct SymbolName {
  char32_t symbol;
  const char* name;
  PunctuationLevel level;  ///< the lowest level at which it is spoken in running text
};

// Levels follow what Orca and Speech Dispatcher users expect: "some" names the symbols whose
// meaning is lost when silent, "most" adds the structure of text, "all" the rest.
constexpr std::array kSymbols{
    SymbolName{'@', "at", PunctuationLevel::Some},
    SymbolName{'#', "number sign", PunctuationLevel::Some},
    SymbolName{'$', "dollar", PunctuationLevel::Some},
    SymbolName{'%', "percent", PunctuationLevel::Some},
    SymbolName{'&', "ampersand", PunctuationLevel::Some},
    SymbolName{'*', "star", PunctuationLevel::Some},
    SymbolName{'+', "plus", PunctuationLevel::Some},
    SymbolName{'/', "slash", PunctuationLevel::Some},
    SymbolName{'=', "equals", PunctuationLevel::Some},
    SymbolName{'\\', "backslash", PunctuationLevel::Some},
    SymbolName{'^', "caret", PunctuationLevel::Some},
    SymbolName{'_', "underscore", PunctuationLevel::Some},
    SymbolName{'|', "bar", PunctuationLevel::Some},
    SymbolName{'~', "tilde", PunctuationLevel::Some},
    SymbolName{'<', "less than", PunctuationLevel::Some},
    SymbolName{'>', "greater than", PunctuationLevel::Some},
    SymbolName{'(', "left paren", PunctuationLevel::Most},
    SymbolName{')', "right paren", PunctuationLevel::Most},
    SymbolName{'[', "left bracket", PunctuationLevel::Most},
    SymbolName{']', "right bracket", PunctuationLevel::Most},
    SymbolName{'{', "left brace", PunctuationLevel::Most},
    SymbolName{'}', "right brace", PunctuationLevel::Most},
    SymbolName{'"', "quote", PunctuationLevel::Most},
    SymbolName{':', "colon", PunctuationLevel::Most},
    SymbolName{';', "semicolon", PunctuationLevel::Most},
    SymbolName{'-', "dash", PunctuationLevel::Most},
    SymbolName{U'\u2013', "en dash", PunctuationLevel::Most},
    SymbolName{U'\u2014', "em dash", PunctuationLevel::Most},
    SymbolName{U'\u201C', "left quote", PunctuationLevel::Most},
    SymbolName{U'\u201D', "right quote", PunctuationLevel::Most},
    SymbolName{'.', "dot", PunctuationLevel::All},
    SymbolName{',', "comma", PunctuationLevel::All},
    SymbolName{'?', "question mark", PunctuationLevel::All},
    SymbolName{'!', "exclamation mark", PunctuationLevel::All},
    SymbolName{'\'', "apostrophe", PunctuationLevel::All},
    SymbolName{'`', "grave", PunctuationLevel::All},
    SymbolName{U'\u2018', "left single quote", PunctuationLevel::All},
    SymbolName{U'\u2019', "apostrophe", PunctuationLevel::All},
    SymbolName{U'\u2026', "ellipsis", PunctuationLevel::All},
};

const SymbolName* find_symbol(char32_t c) noexcept {
  for (const auto& s : kSymbols)
    if (s.symbol == c) return &s;
  return nullptr;
}

bool is_ascii_digit(char32_t c) noexcept { return c >= '0' && c <= '9'; }
bool is_ascii_upper(char32_t c) noexcept { return c >= 'A' && c <= 'Z'; }
bool is_ascii_letter(char32_t c) noexcept { return (c >= 'a' && c <= 'z') || is_ascii_upper(c); }
bool is_control(char32_t c) noexcept { return c < 0x20 || (c >= 0x7F && c < 0xA0); }

std::string name_of(char32_t c) {
  switch (c) {
    case ' ':
      return "space";
    case '\t':
      return "tab";
    case '\n':
      return "newline";
    case '\r':
      return "return";
    case 0xA0:
      return "no-break space";
    default:
      break;
  }
  if (const SymbolName* s = find_symbol(c)) return s->name;
  if (is_control(c)) return "control character";
  if (c == 0xFFFD) return "";
  if (is_ascii_letter(c)) {
    // Spelled so that eSpeak says the letter's name: a lone "a" would be read as the article.
    static constexpr std::array<const char*, 26> kLetters{
        "ay",  "bee", "see", "dee", "ee",         "eff", "gee", "aitch", "eye",
        "jay", "kay", "el",  "em",  "en",         "oh",  "pee", "cue",   "ar",
        "ess", "tee", "you", "vee", "double you", "ex",  "why", "zee"};
    return kLetters[static_cast<std::size_t>((is_ascii_upper(c) ? c - 'A' : c - 'a'))];
  }
  std::string out;
  utf8::append_utf8(out, c);
  return out;
}

}  // namespace

bool parse_punctuation_level(std::string_view name, PunctuationLevel& level) noexcept {
  if (name == "none")
    level = PunctuationLevel::None;
  else if (name == "some")
    level = PunctuationLevel::Some;
  else if (name == "most")
    level = PunctuationLevel::Most;
  else if (name == "all")
    level = PunctuationLevel::All;
  else
    return false;
  return true;
}

bool parse_capital_mode(std::string_view name, CapitalMode& mode) noexcept {
  if (name == "none")
    mode = CapitalMode::None;
  else if (name == "spell")
    mode = CapitalMode::Spell;
  else if (name == "icon" || name == "tone")
    mode = CapitalMode::Tone;
  else if (name == "pitch")
    mode = CapitalMode::Pitch;
  else
    return false;
  return true;
}

std::string character_name(std::string_view character) {
  if (character.empty()) return "";
  const utf8::CodePoint cp = utf8::decode(character, 0);
  if (cp.value == 0xFFFD && character.substr(0, 3) != "\xEF\xBF\xBD") return "";
  return name_of(cp.value);
}

std::string key_name(std::string_view key) {
  struct KeyName {
    std::string_view key;
    const char* name;
  };
  static constexpr std::array kKeys{
      KeyName{"space", "space"},
      KeyName{"underscore", "underscore"},
      KeyName{"double-quote", "quote"},
      KeyName{"alt", "alt"},
      KeyName{"control", "control"},
      KeyName{"hyper", "hyper"},
      KeyName{"meta", "meta"},
      KeyName{"shift", "shift"},
      KeyName{"super", "super"},
      KeyName{"backspace", "backspace"},
      KeyName{"break", "break"},
      KeyName{"delete", "delete"},
      KeyName{"down", "down"},
      KeyName{"end", "end"},
      KeyName{"enter", "enter"},
      KeyName{"escape", "escape"},
      KeyName{"home", "home"},
      KeyName{"insert", "insert"},
      KeyName{"left", "left"},
      KeyName{"menu", "menu"},
      KeyName{"next", "page down"},
      KeyName{"num-lock", "num lock"},
      KeyName{"pause", "pause"},
      KeyName{"print", "print screen"},
      KeyName{"prior", "page up"},
      KeyName{"return", "return"},
      KeyName{"right", "right"},
      KeyName{"scroll-lock", "scroll lock"},
      KeyName{"tab", "tab"},
      KeyName{"up", "up"},
      KeyName{"window", "windows"},
      KeyName{"control_l", "left control"},
      KeyName{"control_r", "right control"},
      KeyName{"shift_l", "left shift"},
      KeyName{"shift_r", "right shift"},
      KeyName{"alt_l", "left alt"},
      KeyName{"alt_r", "right alt"},
      KeyName{"caps_lock", "caps lock"},
      KeyName{"page_up", "page up"},
      KeyName{"page_down", "page down"},
  };
  // Modifier prefixes as SSIP writes them: "shift_a", "control_alt_delete".
  static constexpr std::array kModifiers{std::string_view{"shift_"}, std::string_view{"control_"},
                                         std::string_view{"alt_"},   std::string_view{"super_"},
                                         std::string_view{"hyper_"}, std::string_view{"meta_"}};
  std::string lower;
  for (char c : key) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) continue;
    lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  for (const auto& k : kKeys)
    if (k.key == lower) return k.name;
  if (lower.size() > 1 && lower[0] == 'f' &&
      lower.find_first_not_of("0123456789", 1) == std::string::npos)
    return "F " + lower.substr(1);
  if (lower.rfind("kp-", 0) == 0 || lower.rfind("kp_", 0) == 0)
    return "keypad " + key_name(lower.substr(3));
  for (std::string_view mod : kModifiers) {
    if (lower.size() > mod.size() && lower.compare(0, mod.size(), mod) == 0) {
      std::string name(mod.substr(0, mod.size() - 1));
      return name + " " + key_name(std::string_view(lower).substr(mod.size()));
    }
  }
  // A single character: its name (for "," or "@"); the original case is kept for letters.
  if (!key.empty() && utf8::decode(key, 0).length == key.size()) {
    std::string n = character_name(key);
    if (!n.empty()) return n;
  }
  std::string out;
  for (char c : lower) out += (c == '_' || c == '-') ? ' ' : c;
  return out;
}

std::string spell_out(std::string_view text, CapitalMode capitals) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const utf8::CodePoint cp = utf8::decode(text, i);
    i += cp.length;
    std::string name = name_of(cp.value);
    if (name.empty()) continue;
    if (!out.empty()) out += ", ";
    if (capitals == CapitalMode::Spell && is_ascii_upper(cp.value)) out += "capital ";
    out += name;
  }
  return out;
}

std::string apply_speech_mode(std::string_view text, const SpeechModeOptions& options) {
  if (options.spelling) return spell_out(text, options.capitals);
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  char32_t previous = ' ';
  for (std::size_t i = 0; i < text.size();) {
    const utf8::CodePoint cp = utf8::decode(text, i);
    const std::size_t start = i;
    i += cp.length;
    const char32_t c = cp.value;
    char32_t next = ' ';
    if (i < text.size()) next = utf8::decode(text, i).value;
    if (c == '\n' || c == '\t' || c == '\r') {
      out += c == '\n' ? '\n' : ' ';
    } else if (is_control(c) || (c == 0xFFFD && text.substr(start, 3) != "\xEF\xBF\xBD")) {
      out += ' ';
    } else if (const SymbolName* s = find_symbol(c);
               s != nullptr && options.punctuation != PunctuationLevel::None &&
               s->level <= options.punctuation &&
               !((c == '.' || c == ',') && is_ascii_digit(previous) && is_ascii_digit(next)) &&
               !(c == '\'' && is_ascii_letter(previous) && is_ascii_letter(next))) {
      // The name as a word of its own, then the mark itself so eSpeak still pauses there.
      out += ' ';
      out += s->name;
      if (s->level == PunctuationLevel::All) out.append(text.substr(start, cp.length));
      out += ' ';
    } else {
      if (options.capitals == CapitalMode::Spell && is_ascii_upper(c) &&
          !is_ascii_letter(previous)) {
        out += "capital ";
      }
      out.append(text.substr(start, cp.length));
    }
    previous = c;
  }
  return out;
}

}  // namespace narrate::text
