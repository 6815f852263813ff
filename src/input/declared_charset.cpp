// input/declared_charset.cpp - the charset a page declares: HTTP Content-Type and HTML <meta>
#include <cstddef>
#include <string>
#include <string_view>

#include "input/load.hpp"
#include "util/strings.hpp"

namespace narrate::input::detail {

namespace {

// Only ASCII letters are folded: charset labels and HTML markup are ASCII, and the bytes around
// them may be in any charset, so locale-aware folding would be wrong here.

bool is_html_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view prefix) noexcept {
  return at <= text.size() && util::starts_with_ci(text.substr(at), prefix);
}

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && is_html_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_html_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string_view unquote(std::string_view text) noexcept {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
      text.back() == text.front()) {
    text = text.substr(1, text.size() - 2);
  }
  return trim(text);
}

// WHATWG "extracting a character encoding from a meta element": the value after the first
// "charset" that is followed by "=", quoted or up to ';' or whitespace.
std::string charset_in_meta_content(std::string_view content) {
  std::size_t at = 0;
  while (true) {
    std::size_t found = std::string_view::npos;
    for (std::size_t i = at; i + 7 <= content.size(); ++i) {
      if (starts_with_ci(content, i, "charset")) {
        found = i;
        break;
      }
    }
    if (found == std::string_view::npos) return {};
    std::size_t i = found + 7;
    while (i < content.size() && is_html_space(content[i])) ++i;
    if (i >= content.size() || content[i] != '=') {
      at = found + 7;
      continue;
    }
    ++i;
    while (i < content.size() && is_html_space(content[i])) ++i;
    if (i >= content.size()) return {};
    if (content[i] == '"' || content[i] == '\'') {
      const std::size_t end = content.find(content[i], i + 1);
      if (end == std::string_view::npos) return {};
      return std::string(trim(content.substr(i + 1, end - i - 1)));
    }
    std::size_t end = i;
    while (end < content.size() && content[end] != ';' && !is_html_space(content[end])) ++end;
    return std::string(content.substr(i, end - i));
  }
}

struct MetaAttributes {
  std::string charset;          // <meta charset=...>
  std::string content_charset;  // <meta content="...; charset=...">
  bool content_type_pragma = false;
};

// Reads the attributes of a tag starting at `at` (just after "<meta"); returns the index after
// the closing '>' (or the end of the text when the tag is cut off).
std::size_t read_meta_attributes(std::string_view text, std::size_t at, MetaAttributes& meta) {
  std::size_t i = at;
  bool seen_charset = false;
  bool seen_content = false;
  while (i < text.size()) {
    while (i < text.size() && (is_html_space(text[i]) || text[i] == '/')) ++i;
    if (i >= text.size()) break;
    if (text[i] == '>') return i + 1;
    const std::size_t name_begin = i;
    while (i < text.size() && !is_html_space(text[i]) && text[i] != '=' && text[i] != '>' &&
           text[i] != '/') {
      ++i;
    }
    const std::string_view name = text.substr(name_begin, i - name_begin);
    while (i < text.size() && is_html_space(text[i])) ++i;
    std::string_view value;
    if (i < text.size() && text[i] == '=') {
      ++i;
      while (i < text.size() && is_html_space(text[i])) ++i;
      if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
        const char quote = text[i];
        const std::size_t end = text.find(quote, i + 1);
        const std::size_t stop = end == std::string_view::npos ? text.size() : end;
        value = text.substr(i + 1, stop - i - 1);
        i = stop == text.size() ? stop : stop + 1;
      } else {
        const std::size_t value_begin = i;
        while (i < text.size() && !is_html_space(text[i]) && text[i] != '>') ++i;
        value = text.substr(value_begin, i - value_begin);
      }
    }
    // As in the HTML prescan, the first occurrence of an attribute is the one that counts.
    if (util::equals_ci(name, "charset") && !seen_charset) {
      seen_charset = true;
      meta.charset = std::string(trim(value));
    } else if (util::equals_ci(name, "content") && !seen_content) {
      seen_content = true;
      meta.content_charset = charset_in_meta_content(value);
    } else if (util::equals_ci(name, "http-equiv")) {
      meta.content_type_pragma =
          meta.content_type_pragma || util::equals_ci(trim(value), "content-type");
    }
  }
  return text.size();
}

}  // namespace

std::string charset_of_content_type(std::string_view content_type) {
  std::size_t semicolon = content_type.find(';');
  while (semicolon != std::string_view::npos) {
    const std::size_t next = content_type.find(';', semicolon + 1);
    const std::string_view param = trim(
        content_type.substr(semicolon + 1, next == std::string_view::npos ? std::string_view::npos
                                                                          : next - semicolon - 1));
    const std::size_t equals = param.find('=');
    if (equals != std::string_view::npos &&
        util::equals_ci(trim(param.substr(0, equals)), "charset")) {
      return std::string(unquote(trim(param.substr(equals + 1))));
    }
    semicolon = next;
  }
  return {};
}

std::string charset_of_html_meta(std::string_view bytes) {
  // Browsers look at the first 1024 bytes; 4 KB also finds a <meta> behind a long comment or a
  // few <script> tags, and a declaration further down is too rare to be worth a full parse.
  const std::string_view head = bytes.substr(0, 4096);
  std::size_t i = 0;
  while (i < head.size()) {
    const std::size_t lt = head.find('<', i);
    if (lt == std::string_view::npos) break;
    if (starts_with_ci(head, lt, "<!--")) {
      const std::size_t end = head.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (starts_with_ci(head, lt, "<meta") && lt + 5 < head.size() &&
        (is_html_space(head[lt + 5]) || head[lt + 5] == '/')) {
      MetaAttributes meta;
      i = read_meta_attributes(head, lt + 5, meta);
      if (!meta.charset.empty()) return meta.charset;
      if (meta.content_type_pragma && !meta.content_charset.empty()) return meta.content_charset;
      continue;
    }
    i = lt + 1;
  }
  return {};
}

}  // namespace narrate::input::detail
