// extract/text_util.cpp - small UTF-8 text helpers shared by the HTML extractor and text cleaner
#include "extract/text_util.hpp"

#include <algorithm>

namespace narrate::extract {
namespace {

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length of a Unicode space at s[i] (0 when none). Pages use no-break and thin spaces between
// words; for speech they are plain spaces.
std::size_t unicode_space_len(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const std::size_t left = s.size() - i;
  if (left >= 2 && b(0) == 0xC2 && b(1) == 0xA0) return 2;
  if (left >= 3 && b(0) == 0xE2 && b(1) == 0x80 &&
      (b(2) <= 0x8A || b(2) == 0xA8 || b(2) == 0xA9 || b(2) == 0xAF)) {
    return 3;
  }
  if (left >= 3 && b(0) == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;
  if (left >= 3 && b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;
  return 0;
}

// Length of an invisible character at s[i] (zero-width space, word joiner, BOM). The soft
// hyphen and the zero-width (non-)joiners stay: they are part of the words as written (the
// joiners shape Bengali, Devanagari and Persian letters), and speech ignores them anyway.
std::size_t invisible_len(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const std::size_t left = s.size() - i;
  if (left >= 3 && b(0) == 0xE2 && b(1) == 0x80 && b(2) == 0x8B) return 3;
  if (left >= 3 && b(0) == 0xE2 && b(1) == 0x81 && b(2) == 0xA0) return 3;
  if (left >= 3 && b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 3;
  return 0;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The text with trailing closing quotes and brackets removed, so "said.”" ends in '.'.
std::string_view strip_closers(std::string_view t) {
  for (;;) {
    t = trim(t);
    if (t.empty()) return t;
    const unsigned char last = static_cast<unsigned char>(t.back());
    if (last == '"' || last == '\'' || last == ')' || last == ']' || last == '*') {
      t.remove_suffix(1);
      continue;
    }
    // ” ’ » (E2 80 9D, E2 80 99, C2 BB)
    if (t.size() >= 3 && static_cast<unsigned char>(t[t.size() - 3]) == 0xE2 &&
        static_cast<unsigned char>(t[t.size() - 2]) == 0x80 && (last == 0x9D || last == 0x99)) {
      t.remove_suffix(3);
      continue;
    }
    if (t.size() >= 2 && static_cast<unsigned char>(t[t.size() - 2]) == 0xC2 && last == 0xBB) {
      t.remove_suffix(2);
      continue;
    }
    return t;
  }
}

}  // namespace

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (is_ascii_space(c)) {
      pending_space = true;
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (const std::size_t n = unicode_space_len(text, i)) {
        pending_space = true;
        i += n;
        continue;
      }
      if (const std::size_t n = invisible_len(text, i)) {
        i += n;
        continue;
      }
    }
    if (c == 0) {  // NUL never belongs in spoken text
      ++i;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(static_cast<char>(c));
    ++i;
  }
  return out;
}

bool contains_ci(std::string_view text, std::string_view needle) {
  if (needle.empty()) return true;
  const auto it = std::search(text.begin(), text.end(), needle.begin(), needle.end(),
                              [](char a, char b) { return lower(a) == lower(b); });
  return it != text.end();
}

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = is_ascii_space(static_cast<unsigned char>(c));
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::size_t char_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool ends_sentence(std::string_view text) {
  const std::string_view t = strip_closers(text);
  if (t.empty()) return false;
  const char last = t.back();
  if (last == '.' || last == '!' || last == '?') return true;
  // … (E2 80 A6) and the full-width stops 。！？
  return t.size() >= 3 &&
         (t.substr(t.size() - 3) == "\xE2\x80\xA6" || t.substr(t.size() - 3) == "\xE3\x80\x82" ||
          t.substr(t.size() - 3) == "\xEF\xBC\x81" || t.substr(t.size() - 3) == "\xEF\xBC\x9F");
}

bool ends_with_punctuation(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.empty()) return false;
  if (ends_sentence(t)) return true;
  const char last = t.back();
  return last == ':' || last == ';' || last == ',' || last == '"' || last == '\'' || last == ')' ||
         last == ']';
}

std::string comparison_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t len = 1;
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    len = std::min(len, text.size() - i);
    // Latin-1 symbols (C2 xx: no-break space, guillemets, (c)) and general punctuation (E2 xx xx:
    // curly quotes, dashes, bullets) separate words; other non-ASCII letters are kept whole.
    const bool word_char = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                           (c >= 'A' && c <= 'Z') || (c >= 0x80 && c != 0xC2 && c != 0xE2);
    if (word_char) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      for (std::size_t k = 0; k < len; ++k) out.push_back(lower(text[i + k]));
    } else {
      pending_space = true;
    }
    i += len;
  }
  return out;
}

std::size_t comma_count(std::string_view text) {
  std::size_t commas = static_cast<std::size_t>(std::count(text.begin(), text.end(), ','));
  for (std::size_t pos = 0; (pos = text.find("\xEF\xBC\x8C", pos)) != std::string_view::npos;
       pos += 3) {
    ++commas;
  }
  for (std::size_t pos = 0; (pos = text.find("\xE3\x80\x81", pos)) != std::string_view::npos;
       pos += 3) {
    ++commas;
  }
  return commas;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace narrate::extract
