// text/lexicon.cpp - pronunciation lexicon: parsing "written = spoken" files, whole-word lookup
#include "text/lexicon.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "narrate/error.hpp"
#include "text/utf8.hpp"
#include "util/strings.hpp"

namespace narrate::text {
namespace {

constexpr std::size_t kMaxKeyBytes = 64;

[[noreturn]] void fail(const std::string& origin, const std::string& problem) {
  throw Error(ErrorCode::Usage, origin + ": " + problem);
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const utf8::CodePoint cp = utf8::decode(s, i);
    if (cp.value == 0xFFFD && !(s.substr(i).starts_with("\xEF\xBF\xBD"))) return false;
    i += cp.length;
  }
  return true;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  for (const char c : s) {
    const bool blank = c == ' ' || c == '\t';
    if (blank && (out.empty() || out.back() == ' ')) continue;
    out += blank ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool word_char_at(std::string_view s, std::size_t at, std::size_t& length) {
  const utf8::CodePoint cp = utf8::decode(s, at);
  length = cp.length;
  return (cp.value >= '0' && cp.value <= '9') || utf8::is_letter(cp.value);
}

// The first word at `at`, ASCII letters lowercased; empty when none (or too long to index).
std::string_view first_word_key(std::string_view s, std::size_t at, char (&buffer)[kMaxKeyBytes]) {
  std::size_t n = 0;
  std::size_t length = 0;
  for (std::size_t i = at; i < s.size() && word_char_at(s, i, length); i += length) {
    if (n + length > kMaxKeyBytes) return {};
    for (std::size_t k = 0; k < length; ++k) buffer[n++] = utf8::ascii_lower(s[i + k]);
  }
  return {buffer, n};
}

bool has_upper(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); i += utf8::decode(s, i).length)
    if (utf8::case_at(s, i) == utf8::Case::Upper && utf8::is_letter(utf8::decode(s, i).value))
      return true;
  return false;
}

std::size_t blank_length(std::string_view s, std::size_t at) {
  if (at >= s.size()) return 0;
  const char c = s[at];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  if (s.substr(at).starts_with("\xC2\xA0")) return 2;
  return 0;
}

// Bytes of `text` from `at` that spell `e.written` as whole words, or 0.
std::size_t match_at(std::string_view text, std::size_t at, const Lexicon::Entry& e) {
  std::size_t p = at;
  for (const char w : e.written) {
    if (w == ' ') {
      const std::size_t start = p;
      while (std::size_t n = blank_length(text, p)) p += n;
      if (p == start) return 0;
      continue;
    }
    if (p >= text.size()) return 0;
    const char t = text[p];
    if (e.match_case ? t != w : utf8::ascii_lower(t) != w) return 0;
    ++p;
  }
  std::size_t length = 0;
  if (p < text.size() && word_char_at(text, p, length)) return 0;
  return p - at;
}

// One checked entry; throws Error(Usage) naming `origin` when the line is malformed.
Lexicon::Entry make_entry(std::string_view written, std::string_view spoken_raw,
                          const std::string& origin) {
  Lexicon::Entry e;
  e.written = collapse_spaces(written);
  const std::string_view spoken = util::trim(spoken_raw);
  e.origin = origin;
  if (e.written.empty()) fail(origin, "the written form is empty");
  if (spoken.empty()) fail(origin, "the spoken form of '" + e.written + "' is empty");
  if (!valid_utf8(e.written) || !valid_utf8(spoken)) fail(origin, "not valid UTF-8");
  std::size_t length = 0;
  if (!word_char_at(e.written, 0, length))
    fail(origin, "the written form '" + e.written + "' must start with a letter or digit");
  char buffer[kMaxKeyBytes];
  if (first_word_key(e.written, 0, buffer).empty())
    fail(origin, "the first word of '" + e.written + "' is too long");
  if (spoken.starts_with("[[")) {
    if (!spoken.ends_with("]]") || spoken.size() < 5)
      fail(origin, "phonemes must be written as [[...]]");
    for (const char c : spoken.substr(2, spoken.size() - 4))
      if (c < ' ' || c > '~' || c == '[' || c == ']')
        fail(origin, "phonemes may hold printable ASCII only, without brackets");
    e.phonemes = true;
  } else {
    for (const char c : spoken)
      if (static_cast<unsigned char>(c) < ' ' || c == '[' || c == ']')
        fail(origin, "the spoken form '" + std::string(spoken) +
                         "' may not hold brackets (write phonemes as the whole form: [[...]])");
  }
  e.spoken = spoken;
  e.match_case = has_upper(e.written);
  return e;
}

}  // namespace

Lexicon Lexicon::parse(std::string_view text, const std::string& origin) {
  if (!valid_utf8(text)) fail(origin, "lexicon is not valid UTF-8");
  Lexicon lexicon;
  std::unordered_map<std::string, std::size_t> first_line;  // written form -> line
  std::size_t line_number = 0;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = util::trim(text.substr(begin, end - begin));
    begin = end + 1;
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    const std::string where = origin + ":" + std::to_string(line_number);
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) fail(where, "expected 'written = spoken'");
    Entry entry =
        make_entry(util::trim(line.substr(0, eq)), util::trim(line.substr(eq + 1)), where);
    const std::string key = (entry.match_case ? "=" : "~") + entry.written;
    if (const auto seen = first_line.find(key); seen != first_line.end())
      fail(where,
           "'" + entry.written + "' is already given on line " + std::to_string(seen->second));
    lexicon.entries_.push_back(std::move(entry));
    first_line.emplace(key, line_number);
  }
  lexicon.reindex();
  return lexicon;
}

void Lexicon::add(std::string_view written, std::string_view spoken, const std::string& origin) {
  Lexicon one;
  one.entries_.push_back(make_entry(written, spoken, origin));
  merge(one);
}

void Lexicon::merge(const Lexicon& other) {
  std::unordered_map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < entries_.size(); ++i)
    position.emplace((entries_[i].match_case ? "=" : "~") + entries_[i].written, i);
  for (const Entry& e : other.entries_) {
    const auto [it, fresh] =
        position.emplace((e.match_case ? "=" : "~") + e.written, entries_.size());
    if (fresh) {
      entries_.push_back(e);
    } else {
      entries_[it->second] = e;
    }
  }
  reindex();
}

void Lexicon::reindex() {
  index_.clear();
  index_.reserve(entries_.size());
  char buffer[kMaxKeyBytes];
  for (std::size_t i = 0; i < entries_.size(); ++i)
    index_.emplace_back(std::string(first_word_key(entries_[i].written, 0, buffer)),
                        static_cast<std::uint32_t>(i));
  std::sort(index_.begin(), index_.end(), [this](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return entries_[a.second].written.size() > entries_[b.second].written.size();
  });
}

const Lexicon::Entry* Lexicon::match(std::string_view text, std::size_t at, std::size_t& length,
                                     bool phonemes_allowed) const {
  if (index_.empty() || at >= text.size()) return nullptr;
  char buffer[kMaxKeyBytes];
  const std::string_view key = first_word_key(text, at, buffer);
  if (key.empty()) return nullptr;
  auto it = std::lower_bound(index_.begin(), index_.end(), key,
                             [](const auto& item, std::string_view k) { return item.first < k; });
  for (; it != index_.end() && it->first == key; ++it) {
    const Entry& e = entries_[it->second];
    if (e.phonemes && !phonemes_allowed) continue;
    if (const std::size_t n = match_at(text, at, e)) {
      length = n;
      return &e;
    }
  }
  return nullptr;
}

std::vector<std::string> default_lexicon_paths() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && xdg[0] == '/') return {std::string(xdg) + "/narrate/lexicon.txt"};
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0')
    return {std::string(home) + "/.config/narrate/lexicon.txt"};
  return {};
}

}  // namespace narrate::text
