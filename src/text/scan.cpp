// text/scan.cpp - small lexical tests on UTF-8 text shared by segmentation and normalization
#include "text/scan.hpp"

#include "text/utf8.hpp"

namespace narrate::text {
namespace {

bool has3(std::string_view text, std::size_t at, unsigned char b1, unsigned char b2) noexcept {
  return at + 3 <= text.size() && static_cast<unsigned char>(text[at]) == 0xE2 &&
         static_cast<unsigned char>(text[at + 1]) == b1 &&
         static_cast<unsigned char>(text[at + 2]) == b2;
}

bool has2(std::string_view text, std::size_t at, unsigned char b0, unsigned char b1) noexcept {
  return at + 2 <= text.size() && static_cast<unsigned char>(text[at]) == b0 &&
         static_cast<unsigned char>(text[at + 1]) == b1;
}

// Domain endings common enough in news text to mark a token as a web address.
constexpr std::string_view kWebSuffixes[] = {
    "ai", "app",  "au",  "biz", "ca", "cn", "co",  "com", "de",   "dev", "edu", "eu", "fr", "gov",
    "hk", "info", "int", "io",  "jp", "ly", "mil", "net", "news", "org", "sg",  "tw", "uk", "us"};

}  // namespace

bool is_cjk_terminator(std::string_view text, std::size_t at) noexcept {
  if (at + 3 > text.size()) return false;
  const auto b0 = static_cast<unsigned char>(text[at]);
  const auto b1 = static_cast<unsigned char>(text[at + 1]);
  const auto b2 = static_cast<unsigned char>(text[at + 2]);
  return (b0 == 0xE3 && b1 == 0x80 && b2 == 0x82) ||                  // 。
         (b0 == 0xEF && b1 == 0xBC && (b2 == 0x81 || b2 == 0x9F)) ||  // ！ ？
         (b0 == 0xEF && b1 == 0xBD && b2 == 0xA1);                    // ｡
}

std::size_t skip_openers(std::string_view text, std::size_t begin, std::size_t end) noexcept {
  while (begin < end) {
    const char c = text[begin];
    if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '{') {
      ++begin;
    } else if (has3(text, begin, 0x80, 0x9C) || has3(text, begin, 0x80, 0x98) ||
               has3(text, begin, 0x80, 0x9E) || has3(text, begin, 0x80, 0xB9)) {
      begin += 3;  // “ ‘ „ ‹
    } else if (has2(text, begin, 0xC2, 0xAB) || has2(text, begin, 0xC2, 0xBF) ||
               has2(text, begin, 0xC2, 0xA1)) {
      begin += 2;  // « ¿ ¡
    } else {
      break;
    }
  }
  return begin > end ? end : begin;
}

std::size_t strip_closers(std::string_view text, std::size_t begin, std::size_t end) noexcept {
  while (end > begin) {
    const char c = text[end - 1];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}') {
      --end;
    } else if (end - begin >= 3 &&
               (has3(text, end - 3, 0x80, 0x9D) || has3(text, end - 3, 0x80, 0x99) ||
                has3(text, end - 3, 0x80, 0xBA))) {
      end -= 3;  // ” ’ ›
    } else if (end - begin >= 3 && static_cast<unsigned char>(text[end - 3]) == 0xE3 &&
               static_cast<unsigned char>(text[end - 2]) == 0x80 &&
               (static_cast<unsigned char>(text[end - 1]) == 0x8D ||
                static_cast<unsigned char>(text[end - 1]) == 0x8F)) {
      end -= 3;  // 」 』
    } else if (end - begin >= 2 && has2(text, end - 2, 0xC2, 0xBB)) {
      end -= 2;  // »
    } else {
      break;
    }
  }
  return end;
}

TerminatorRun terminator_run(std::string_view text, std::size_t begin, std::size_t end) noexcept {
  TerminatorRun run;
  std::size_t i = end;
  while (i > begin) {
    const char c = text[i - 1];
    if (c == '.') {
      ++run.dots;
      --i;
    } else if (c == '?' || c == '!') {
      run.question_or_exclamation = true;
      --i;
    } else if (i - begin >= 3 && has3(text, i - 3, 0x80, 0xA6)) {
      run.dots += 3;  // …
      i -= 3;
    } else if (i - begin >= 3 && is_cjk_terminator(text, i - 3)) {
      run.question_or_exclamation = true;  // 。！？ end a sentence whatever follows
      i -= 3;
    } else {
      break;
    }
  }
  run.begin = i;
  return run;
}

std::size_t bullet_length(std::string_view token) noexcept {
  if (has3(token, 0, 0x80, 0xA2) || has3(token, 0, 0x80, 0xA3) || has3(token, 0, 0x81, 0x83) ||
      has3(token, 0, 0x97, 0xA6) || has3(token, 0, 0x96, 0xAA) || has3(token, 0, 0x97, 0x8F) ||
      has3(token, 0, 0x96, 0xA0))
    return 3;
  return 0;
}

bool is_spaced_dash_before(std::string_view text, std::size_t begin, std::size_t end) noexcept {
  std::size_t d = end;
  if (d - begin >= 3 && (has3(text, d - 3, 0x80, 0x94) || has3(text, d - 3, 0x80, 0x93))) {
    d -= 3;
  } else if (d > begin && text[d - 1] == '-') {
    --d;
    if (d > begin && text[d - 1] == '-') --d;
  } else {
    return false;
  }
  return d > begin && (text[d - 1] == ' ' || text[d - 1] == '\n' || text[d - 1] == '\t');
}

Marker parse_marker(std::string_view token) noexcept {
  Marker m;
  std::size_t i = 0;
  const bool open_paren = !token.empty() && token[0] == '(';
  if (open_paren) i = 1;
  if (i < token.size() && utf8::is_digit(token[i])) {
    m.kind = '1';
    std::size_t digits = 0;
    while (i < token.size() && utf8::is_digit(token[i]) && digits < 3) {
      m.value = m.value * 10 + (token[i] - '0');
      ++i;
      ++digits;
    }
    if (digits > 2) return {};
  } else if (i < token.size() && utf8::is_ascii_alpha(token[i])) {
    m.kind = utf8::is_ascii_lower(token[i]) ? 'a' : 'A';
    m.value = utf8::ascii_lower(token[i]) - 'a';
    ++i;
  } else {
    return {};
  }
  const std::string_view rest = token.substr(i);
  if (open_paren) {
    if (rest != ")") return {};
    m.style = Marker::kBothParens;
  } else if (rest == ".") {
    m.style = Marker::kPeriod;
  } else if (rest == ".)") {
    m.style = Marker::kPeriodParen;
  } else if (rest == ")") {
    m.style = Marker::kParen;
  } else {
    return {};
  }
  m.ok = true;
  return m;
}

bool is_web_token(std::string_view token) noexcept {
  if (token.find("://") != std::string_view::npos) return true;
  const std::size_t b = skip_openers(token, 0, token.size());
  if (token.substr(b).starts_with("www.")) return true;
  const std::size_t at = token.find('@');
  if (at != std::string_view::npos && at > b && token.find('.', at) != std::string_view::npos)
    return true;
  // A domain: "example.com", "example.com/path".
  std::size_t end = token.find('/');
  if (end == std::string_view::npos) end = token.size();
  while (end > 0 && !utf8::is_ascii_alnum(token[end - 1])) --end;
  std::size_t dot = end;
  while (dot > 0 && utf8::is_ascii_lower(token[dot - 1])) --dot;
  if (dot == end || dot < 2 || token[dot - 1] != '.' || !utf8::is_ascii_alnum(token[dot - 2]))
    return false;
  const std::string_view suffix = token.substr(dot, end - dot);
  for (const std::string_view s : kWebSuffixes)
    if (s == suffix) return true;
  return false;
}

bool is_number(std::string_view word) noexcept {
  std::size_t i = 0;
  while (i < word.size() && utf8::is_ascii_upper(word[i])) ++i;
  if (i < word.size() && word[i] == '$') {
    ++i;
  } else if (i > 0) {
    return false;
  } else if (has3(word, 0, 0x82, 0xAC)) {
    i = 3;  // €
  } else if (has2(word, 0, 0xC2, 0xA3) || has2(word, 0, 0xC2, 0xA5)) {
    i = 2;  // £ ¥
  }
  if (i >= word.size() || !utf8::is_digit(word[i])) return false;
  for (; i < word.size(); ++i) {
    const char c = word[i];
    if (utf8::is_digit(c) || c == ',' || c == '.') continue;
    return c == '%' && i + 1 == word.size();
  }
  return true;
}

bool is_plain_word(std::string_view word) noexcept {
  std::size_t letters = 0;
  for (std::size_t i = 0; i < word.size();) {
    const utf8::CodePoint cp = utf8::decode(word, i);
    if (utf8::is_letter(cp.value)) {
      ++letters;
    } else if (!((cp.value == '-' || cp.value == '\'' || cp.value == 0x2019) && i > 0 &&
                 i + cp.length < word.size())) {
      return false;
    }
    i += cp.length;
  }
  return letters >= 2;
}

bool is_initial(std::string_view word) noexcept {
  if (word.empty()) return false;
  const utf8::CodePoint cp = utf8::decode(word, 0);
  return cp.length == word.size() && utf8::is_letter(cp.value);
}

bool is_dotted_acronym(std::string_view word) noexcept {
  if (word.size() < 3 || word.size() % 2 == 0) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (i % 2 == 0 ? !utf8::is_ascii_alpha(word[i]) : word[i] != '.') return false;
  }
  return true;
}

}  // namespace narrate::text
