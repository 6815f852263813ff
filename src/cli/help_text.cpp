// cli/help_text.cpp - `narrate --help` for people, and what to say about a mistyped option
#include "help_text.hpp"

#include <algorithm>
#include <numeric>
#include <set>

#include "narrate/error.hpp"
#include "narrate/speed.hpp"

namespace narrate::cli {

namespace {

constexpr std::size_t kWidth = 79;       // the help fits an 80-column terminal
constexpr std::size_t kDescColumn = 26;  // where descriptions start

/// The help's groups, in order, by long option name. An option named nowhere here is shown
/// under "More options": nothing registered is ever left out of --help.
struct Group {
  const char* title;
  std::vector<const char*> options;
};
const std::vector<Group>& groups() {
  static const std::vector<Group> kGroups = {
      {"Source", {"--clipboard", "--format", "--ssml", "--batch"}},
      {"Voice and speed", {"--voice", "--speed", "--lexicon", "--preview"}},
      {"Audio files",
       {"--output", "--split", "--subtitles", "--subtitles-mode", "--marks", "--loudness",
        "--quality", "--jobs", "--shard", "--audio-format"}},
      {"Player (at a terminal: the keys below)",
       {"--plain", "--control", "--resume", "--start-at"}},
      {"Print and exit",
       {"--extract", "--sentences", "--spoken", "--list-voices", "--version", "--help"}},
      {"Messages", {"--progress", "--quiet", "--stats"}},
  };
  return kGroups;
}

std::string long_name(const CLI::Option& option) {
  if (!option.get_lnames().empty()) return "--" + option.get_lnames().front();
  if (!option.get_snames().empty()) return "-" + option.get_snames().front();
  return option.get_name();
}

/// Flags take no value (--extract only as --extract=MODE).
bool takes_value(const CLI::Option& option) {
  return option.get_expected_max() > 0 && option.get_type_size_max() > 0;
}

/// "N|chapters", "[=text|body|json]": the type name without the validators CLI11 appends.
std::string value_hint(const CLI::Option& option) {
  std::string hint = option.get_type_name();
  if (const auto colon = hint.find(':'); colon != std::string::npos) hint.erase(colon);
  if (!hint.empty() && hint.front() == '[') return hint;
  if (!takes_value(option)) return "";
  return hint.empty() ? " VALUE" : " " + hint;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    if (c == ' ' || c == '\n') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::size_t columns_of(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

/// `text` wrapped to kWidth, every line indented by `indent`, the first one after `first`.
std::string wrap(const std::string& first, const std::string& text, std::size_t indent) {
  std::string out = first;
  std::size_t column = columns_of(first);
  if (column + 2 > indent) {
    out += "\n";
    column = 0;
  }
  bool line_start = true;
  for (const std::string& word : words_of(text)) {
    if (!line_start && column + 1 + columns_of(word) > kWidth) {
      out += "\n";
      column = 0;
      line_start = true;
    }
    if (column < indent) {
      out.append(indent - column, ' ');
      column = indent;
    }
    if (!line_start) {
      out += ' ';
      ++column;
    }
    out += word;
    column += columns_of(word);
    line_start = false;
  }
  return out + "\n";
}

std::string option_line(const CLI::Option& option) {
  std::string names;
  for (const std::string& s : option.get_snames()) names += (names.empty() ? "-" : ", -") + s;
  for (const std::string& l : option.get_lnames()) {
    names += (names.empty() ? (option.get_snames().empty() ? "    --" : "--") : ", --") + l;
  }
  if (option.get_snames().empty() && !names.empty() && names[0] != ' ') names = "    " + names;
  std::string description = option.get_description();
  if (takes_value(option) && !option.get_default_str().empty()) {
    description += " (default: " + option.get_default_str() + ")";
  }
  return wrap("  " + names + value_hint(option), description, kDescColumn);
}

std::vector<const CLI::Option*> named_options(const CLI::App& app) {
  return app.get_options([](const CLI::Option* option) {
    return !option->get_positional() && !option->get_group().empty();
  });
}

std::vector<const CLI::App*> subcommands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

std::string options_section(const CLI::App& app) {
  std::string out;
  std::set<const CLI::Option*> shown;
  const auto options = named_options(app);
  for (const Group& group : groups()) {
    std::string lines;
    for (const char* name : group.options) {
      for (const CLI::Option* option : options) {
        if (long_name(*option) == name && shown.insert(option).second)
          lines += option_line(*option);
      }
    }
    if (!lines.empty()) out += std::string("\n") + group.title + ":\n" + lines;
  }
  std::string more;
  for (const CLI::Option* option : options) {
    if (shown.insert(option).second) more += option_line(*option);
  }
  if (!more.empty()) out += "\nMore options:\n" + more;
  return out;
}

std::optional<std::string> suggestion_for_short(const CLI::App& app, char letter,
                                                const std::string* next) {
  // "-s 1.25x": a value that reads as a speed says which option was meant.
  if (next != nullptr) {
    try {
      Speed::parse(*next);
      return "--speed";
    } catch (const Error&) {
      // Not a speed; look at the names.
    }
  }
  std::vector<std::string> candidates;
  for (const std::string& name : option_names(app)) {
    if (name.size() > 3 && name[2] == letter) candidates.push_back(name);
  }
  if (candidates.size() == 1) return candidates.front();
  return std::nullopt;
}

/// "--speed" last on the line: say what it wants, in the help's words.
void need_value(const CLI::Option& option, const std::string& typed, bool has_next) {
  if (has_next) return;
  std::string hint = value_hint(option);
  while (!hint.empty() && hint.front() == ' ') hint.erase(0, 1);
  throw Error(ErrorCode::Usage,
              typed + " needs a value (" + typed + " " + hint + "; see narrate --help)");
}

[[noreturn]] void unknown_option(const std::string& typed, const std::optional<std::string>& hint) {
  std::string message = "unknown option '" + typed + "'";
  message += hint ? " (did you mean " + *hint + "?)" : " (see narrate --help)";
  throw Error(ErrorCode::Usage, message);
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus the swap of two neighbours ("--sepeed").
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : named_options(app)) {
    for (const std::string& s : option->get_snames()) names.push_back("-" + s);
    for (const std::string& l : option->get_lnames()) names.push_back("--" + l);
  }
  for (const CLI::App* sub : subcommands_of(app)) {
    for (std::string& name : option_names(*sub)) names.push_back(std::move(name));
  }
  return names;
}

std::optional<std::string> closest_option(const CLI::App& app, std::string_view typed) {
  std::vector<std::string> longs;
  for (const CLI::Option* option : named_options(app)) {
    for (const std::string& l : option->get_lnames()) longs.push_back("--" + l);
  }
  std::vector<std::string> prefixed;
  for (const std::string& name : longs) {
    if (typed.size() > 3 && name.rfind(typed, 0) == 0) prefixed.push_back(name);
  }
  if (prefixed.size() == 1) return prefixed.front();
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  bool tie = false;
  for (const std::string& name : longs) {
    const std::size_t distance = edit_distance(typed, name);
    if (!best || distance < best_distance) {
      best = name;
      best_distance = distance;
      tie = false;
    } else if (distance == best_distance) {
      tie = true;
    }
  }
  // A typo is a letter or two (a third in a long name), not another word.
  const std::size_t allowed = std::max<std::size_t>(2, (typed.size() - 2) / 4);
  if (!best || best_distance > allowed || tie) return std::nullopt;
  return best;
}

std::vector<std::string> scan_arguments(const CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> given;
  const CLI::App* current = &app;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-') {
      for (const CLI::App* sub : subcommands_of(*current)) {
        if (sub->check_name(arg)) current = sub;
      }
      continue;
    }
    const std::string* next = i + 1 < args.size() ? &args[i + 1] : nullptr;
    if (arg.rfind("--", 0) == 0) {
      const std::string name = arg.substr(0, arg.find('='));
      const CLI::Option* option = current->get_option_no_throw(name);
      if (option == nullptr || option->get_positional()) {
        unknown_option(name, closest_option(*current, name));
      }
      given.push_back(long_name(*option));
      if (takes_value(*option) && arg.find('=') == std::string::npos) {
        need_value(*option, name, next != nullptr);
        ++i;
      }
      continue;
    }
    // Short options: "-v en", "-ven", "-o-", or flags run together.
    for (std::size_t k = 1; k < arg.size(); ++k) {
      const std::string name = std::string("-") + arg[k];
      const CLI::Option* option = current->get_option_no_throw(name);
      if (option == nullptr) {
        unknown_option(name,
                       suggestion_for_short(*current, arg[k], arg.size() == 2 ? next : nullptr));
      }
      given.push_back(long_name(*option));
      if (takes_value(*option)) {
        if (k + 1 == arg.size()) {
          need_value(*option, name, next != nullptr);
          ++i;
        }
        break;
      }
    }
  }
  return given;
}

std::string help_text(const CLI::App& app) {
  std::string out = wrap("", app.get_description(), 0) + "\n";
  out +=
      "Usage:\n"
      "  narrate [OPTIONS] SOURCE             read aloud, with the player at a terminal\n"
      "  narrate [OPTIONS] SOURCE -o FILE     write audio: .wav .flac .ogg .opus .mp3\n"
      "                                       (-o - writes WAV to standard output)\n"
      "  narrate --extract[=MODE] SOURCE      print the article that would be read\n"
      "  narrate --sentences [--spoken] SOURCE  print the sentences, one a line\n"
      "  narrate --list-voices [LANG]         list the voices (for a language)\n"
      "  narrate --clipboard [OPTIONS]        read the clipboard (wl-paste/xclip/xsel)\n";
  for (const CLI::App* sub : subcommands_of(app)) {
    out += wrap("  narrate " + sub->get_name() + " [OPTIONS]", sub->get_description(), 39);
  }
  out += "\n" + wrap("",
                     "SOURCE is a file, - for standard input (the player then takes its "
                     "keys from the terminal), or an http(s) URL.",
                     0);
  out += options_section(app);
  for (const CLI::App* sub : subcommands_of(app)) {
    const std::string section = options_section(*sub);
    if (!section.empty()) out += "\nnarrate " + sub->get_name() + ":" + section;
  }
  out += "\nSpeed:\n";
  out += wrap("",
              "slow (0.75x, 150 words a minute), average (1x, 200), fast (1.5x, 300), "
              "a multiplier such as 1.25x (from 0.4x to 4.5x), or words a minute such "
              "as 250wpm (from 80wpm to 900wpm). Words a minute hold for ordinary prose; "
              "denser text keeps the same syllables a second.",
              2);
  out +=
      "\nPlayer keys:\n"
      "  space  pause or resume       left/right  previous/next sentence\n"
      "  r      repeat the sentence   up/down     previous/next paragraph\n"
      "  q      quit (--resume continues there)   +/-   speed by 0.25x\n"
      "  (h j k l work as the arrows)\n";
  out += "\nDefaults:\n";
  out += wrap("",
              "$XDG_CONFIG_HOME/narrate/config (else ~/.config/narrate/config) holds "
              "\"key = value\" lines: voice, speed, format (wav, flac, ogg, opus or mp3: for "
              "-o FILE without an extension), lexicon (may repeat), loudness. Options on "
              "the command line win.",
              2);
  out +=
      "\nExit codes:\n"
      "  0 success                4 no article text\n"
      "  1 internal error         5 voice or speech engine error\n"
      "  2 usage error            6 audio device or output file error\n"
      "  3 source unreadable      7 a --batch item failed\n"
      "  129 hang-up, 130 interrupted (Ctrl-C), 143 terminated\n"
      "  141: the reader of -o - went away (| head); narrate ends quietly by SIGPIPE.\n";
  out +=
      "\nExamples:\n"
      "  narrate --speed fast https://example.org/story.html\n"
      "  wl-paste | narrate -                     (or: narrate --clipboard)\n"
      "  narrate -v en-gb --speed 1.25x -o story.mp3 story.html\n";
  return out;
}

}  // namespace narrate::cli
