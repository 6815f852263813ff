// text/word_map.cpp - which part of a sentence's spoken form says each of its written words
#include "text/word_map.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace narrate::text {

namespace {

struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
};

bool is_space(UChar32 c) { return c == 0xA0 || u_isUWhiteSpace(c); }

// Punctuation that belongs to a word at its edges: currency and number signs before it, a
// percent or degree sign after it.
bool keeps_leading(UChar32 c) { return u_charType(c) == U_CURRENCY_SYMBOL || c == '#' || c == '@'; }
bool keeps_trailing(UChar32 c) { return c == '%' || c == 0xB0 || c == 0x2030; }

// Trims a token's punctuation edges; an empty result means no letter or digit.
Token trim(std::string_view text, Token token) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  auto begin = static_cast<std::int32_t>(token.begin);
  const auto end = static_cast<std::int32_t>(token.end);
  std::int32_t first_alnum = -1;
  std::int32_t after_last_alnum = -1;
  std::int32_t lead = -1;  // a kept leading sign just before the first letter or digit
  bool inner_point = false;
  for (std::int32_t i = begin; i < end;) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, end, c);
    if (c >= 0 && u_isalnum(c)) {
      if (first_alnum < 0) first_alnum = at;
      after_last_alnum = i;
    } else if (first_alnum < 0 && c >= 0 && keeps_leading(c)) {
      lead = at;
    } else if (first_alnum >= 0 && c == '.') {
      // "U.S": a point between letters makes a trailing point part of the word.
      if (i < end && bytes[i] != '.' && u_isalnum(bytes[i])) inner_point = true;
    }
  }
  if (first_alnum < 0) return {};
  Token out{static_cast<std::size_t>(lead >= 0 ? lead : first_alnum),
            static_cast<std::size_t>(after_last_alnum)};
  std::int32_t i = after_last_alnum;
  if (i < end) {
    std::int32_t next = i;
    UChar32 c = 0;
    U8_NEXT(bytes, next, end, c);
    if (c >= 0 && keeps_trailing(c)) {
      out.end = static_cast<std::size_t>(next);
    } else if (c == '.' && inner_point) {
      out.end = static_cast<std::size_t>(next);
    }
  }
  return out;
}

std::vector<Token> tokens_of(std::string_view text) {
  std::vector<Token> tokens;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t start = -1;
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    const bool space = c >= 0 && is_space(c);
    if (space && start >= 0) {
      const Token token =
          trim(text, {static_cast<std::size_t>(start), static_cast<std::size_t>(at)});
      if (token.end > token.begin) tokens.push_back(token);
      start = -1;
    } else if (!space && start < 0) {
      start = at;
    }
  }
  if (start >= 0) {
    const Token token = trim(text, {static_cast<std::size_t>(start), text.size()});
    if (token.end > token.begin) tokens.push_back(token);
  }
  return tokens;
}

}  // namespace

std::vector<WordSpan> map_words(std::string_view written, const SpokenText& spoken) {
  const std::vector<Token> tokens = tokens_of(written);
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> first(tokens.size(), kNone);
  std::vector<std::size_t> last(tokens.size(), 0);
  const std::size_t n =
      std::min({spoken.text.size(), spoken.source_offset.size(), spoken.source_end.size()});
  // Both maps are non-decreasing, so the first token a spoken byte can touch only moves forward.
  std::size_t low = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = spoken.text[i];
    if (c == ' ' || c == ',' || c == '\t' || c == '\n') continue;
    const std::size_t source_begin = spoken.source_offset[i];
    const std::size_t source_end = std::max<std::size_t>(spoken.source_end[i], source_begin + 1);
    while (low < tokens.size() && tokens[low].end <= source_begin) ++low;
    for (std::size_t t = low; t < tokens.size() && tokens[t].begin < source_end; ++t) {
      if (first[t] == kNone) first[t] = i;
      last[t] = i + 1;
    }
  }
  std::vector<WordSpan> words;
  words.reserve(tokens.size());
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    if (first[t] == kNone) continue;
    words.push_back({static_cast<std::uint32_t>(tokens[t].begin),
                     static_cast<std::uint32_t>(tokens[t].end),
                     static_cast<std::uint32_t>(first[t]), static_cast<std::uint32_t>(last[t])});
  }
  return words;
}

}  // namespace narrate::text
