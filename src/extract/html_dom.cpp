// extract/html_dom.cpp - gumbo behind RAII, the pre-pass that makes pages safe and cheap to parse
#include "extract/html_dom.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <string>

#include "extract/text_util.hpp"
#include "narrate/error.hpp"

namespace narrate::extract {
namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_';
}

// Elements without content: they never change the nesting depth.
constexpr std::array<std::string_view, 15> kVoidElements = {
    "area", "base", "br",    "col",    "embed", "hr",  "img",   "input",
    "link", "meta", "param", "source", "track", "wbr", "keygen"};

// Elements whose end tag is optional: pages leave them open by the thousand, and the tree
// builder closes them itself, so they are not counted as nesting.
constexpr std::array<std::string_view, 20> kImpliedEndElements = {
    "p",     "li",    "dt",       "dd", "tr", "td", "th",  "option", "optgroup", "tbody",
    "thead", "tfoot", "colgroup", "rb", "rt", "rp", "rtc", "html",   "head",     "body"};

// Elements whose whole content is dropped before parsing: never article text, and scripts are
// most of the bytes of a modern page.
constexpr std::array<std::string_view, 7> kDroppedElements = {
    "script", "style", "svg", "math", "noscript", "template", "iframe"};

template <std::size_t N>
bool in(std::string_view name, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// Position of "</name" (case-insensitive) at or after from, or npos.
std::size_t find_end_tag(std::string_view raw, std::string_view name, std::size_t from) {
  for (std::size_t pos = raw.find("</", from); pos != std::string_view::npos;
       pos = raw.find("</", pos + 2)) {
    if (equals_ci(raw.substr(pos + 2, name.size()), name) &&
        (pos + 2 + name.size() >= raw.size() || !is_name_char(raw[pos + 2 + name.size()]))) {
      return pos;
    }
  }
  return std::string_view::npos;
}

// Index one past the '>' closing the tag that starts at raw[from], honouring quoted attribute
// values; raw.size() when the page is truncated inside the tag.
std::size_t tag_end(std::string_view raw, std::size_t from) {
  std::size_t i = from;
  while (i < raw.size()) {
    const char c = raw[i];
    if (c == '>') return i + 1;
    if (c == '=') {
      ++i;
      while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n')) ++i;
      if (i < raw.size() && (raw[i] == '"' || raw[i] == '\'')) {
        const std::size_t close = raw.find(raw[i], i + 1);
        if (close == std::string_view::npos) return raw.size();
        i = close + 1;
      }
      continue;
    }
    ++i;
  }
  return raw.size();
}

// Attributes the extractor reads; the rest (srcset, data-*, inline handlers) are often most of
// a tag's bytes and only cost the tree builder time and memory.
constexpr std::array<std::string_view, 15> kKeptAttributes = {
    "class",    "id",       "role", "style",   "hidden",     "aria-hidden", "href",    "lang",
    "itemprop", "property", "name", "content", "http-equiv", "type",        "datetime"};

// A value longer than this is no class list or style a page means: it is dropped, so one tag
// never costs more than a few KB whatever the page holds.
constexpr std::size_t kMaxAttributeBytes = 4096;

bool is_tag_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Appends the start tag raw[from, end) (from is just past its name) to out, keeping only the
// attributes in kKeptAttributes. Attribute syntax is read as the HTML tokenizer reads it:
// name, optional '=' and a value quoted with " or ', or unquoted up to a space or '>'.
void append_start_tag(std::string& out, std::string_view raw, std::size_t tag_start,
                      std::size_t from, std::size_t end) {
  out.append(raw.substr(tag_start, from - tag_start));  // "<name"
  std::size_t i = from;
  const std::size_t stop = end < raw.size() || raw.back() == '>' ? end - 1 : end;
  std::string lowered;
  while (i < stop) {
    while (i < stop && (is_tag_space(raw[i]) || raw[i] == '/')) ++i;
    const std::size_t name_begin = i;
    while (i < stop && !is_tag_space(raw[i]) && raw[i] != '/' && raw[i] != '=') ++i;
    const std::string_view attr_name = raw.substr(name_begin, i - name_begin);
    while (i < stop && is_tag_space(raw[i])) ++i;
    std::string_view value;
    bool has_value = false;
    if (i < stop && raw[i] == '=') {
      has_value = true;
      ++i;
      while (i < stop && is_tag_space(raw[i])) ++i;
      if (i < stop && (raw[i] == '"' || raw[i] == '\'')) {
        const char quote = raw[i];
        const std::size_t close = std::min(raw.find(quote, i + 1), stop);
        value = raw.substr(i + 1, close - i - 1);
        i = close + 1;
      } else {
        const std::size_t begin = i;
        while (i < stop && !is_tag_space(raw[i])) ++i;
        value = raw.substr(begin, i - begin);
      }
    }
    if (attr_name.empty() || attr_name.size() > 16 || value.size() > kMaxAttributeBytes) continue;
    lowered = lower_ascii(attr_name);
    if (!in(std::string_view(lowered), kKeptAttributes)) continue;
    out.push_back(' ');
    out.append(lowered);
    if (!has_value) continue;
    // Quote with whichever quote the value lacks; a value holding both loses its '"'.
    const char quote = value.find('"') == std::string_view::npos ? '"' : '\'';
    out.push_back('=');
    out.push_back(quote);
    for (const char c : value) {
      if (c != quote) out.push_back(c);
    }
    out.push_back(quote);
  }
  out.push_back('>');
}

// True when raw[from...] holds text outside tags (not only closing tags and blanks).
bool text_after(std::string_view raw, std::size_t from) {
  bool in_tag = false;
  for (std::size_t i = from; i < raw.size(); ++i) {
    const char c = raw[i];
    if (in_tag) {
      in_tag = c != '>';
    } else if (c == '<') {
      in_tag = true;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      return true;
    }
  }
  return false;
}

}  // namespace

void GumboOutputDeleter::operator()(GumboOutput* output) const noexcept {
  if (output != nullptr) gumbo_destroy_output(&kGumboDefaultOptions, output);
}

PreparedHtml prepare_html(std::string_view raw) {
  PreparedHtml prepared;
  prepared.html.reserve(std::min(raw.size(), kMaxMarkupBytes) / 2);
  int depth = 0;
  std::size_t i = 0;
  std::string name;
  while (i < raw.size() && prepared.html.size() < kMaxMarkupBytes) {
    const std::size_t lt = raw.find('<', i);
    const std::size_t text_end = lt == std::string_view::npos ? raw.size() : lt;
    const std::size_t room = kMaxMarkupBytes - prepared.html.size();
    if (text_end - i > room) {
      // The cap falls inside a run of text: end it on a character boundary.
      std::size_t cut = i + room;
      while (cut > i && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
      prepared.html.append(raw.substr(i, cut - i));
      i = cut;
      break;
    }
    prepared.html.append(raw.substr(i, text_end - i));
    if (lt == std::string_view::npos) break;
    i = lt;
    if (raw.substr(i, 4) == "<!--") {
      const std::size_t close = raw.find("-->", i + 4);
      i = close == std::string_view::npos ? raw.size() : close + 3;
      continue;
    }
    const bool end_tag = i + 1 < raw.size() && raw[i + 1] == '/';
    const std::size_t name_start = i + (end_tag ? 2 : 1);
    if (name_start >= raw.size() || !std::isalpha(static_cast<unsigned char>(raw[name_start]))) {
      // "<!DOCTYPE", "<?xml", or a bare '<' in text: the tree builder copes with these.
      prepared.html.push_back('<');
      ++i;
      continue;
    }
    std::size_t name_end = name_start;
    while (name_end < raw.size() && is_name_char(raw[name_end])) ++name_end;
    name = lower_ascii(raw.substr(name_start, name_end - name_start));
    const std::size_t end = tag_end(raw, name_end);
    const std::string_view tag = raw.substr(i, end - i);
    i = end;
    if (end_tag) {
      const std::string_view closing = raw.substr(lt, name_end - lt);  // "</name"
      if (in(name, kVoidElements) || in(name, kImpliedEndElements) || in(name, kDroppedElements)) {
        prepared.html.append(closing).push_back('>');
        continue;
      }
      if (depth <= kMaxNestingDepth) prepared.html.append(closing).push_back('>');
      depth = std::max(0, depth - 1);
      continue;
    }
    if (in(name, kDroppedElements)) {
      const bool self_closed = tag.size() >= 2 && tag[tag.size() - 2] == '/';
      if (self_closed && (name == "svg" || name == "math")) continue;
      const std::size_t close = find_end_tag(raw, name, i);
      const std::size_t body_end = close == std::string_view::npos ? raw.size() : close;
      if (name == "script" && contains_ci(tag, "ld+json") && body_end - i <= kMaxJsonLdBytes &&
          prepared.json_ld.size() < kMaxJsonLdScripts) {
        prepared.json_ld.emplace_back(raw.substr(i, body_end - i));
      }
      i = close == std::string_view::npos ? raw.size() : tag_end(raw, close + 2);
      continue;
    }
    if (in(name, kVoidElements) || in(name, kImpliedEndElements)) {
      append_start_tag(prepared.html, raw, lt, name_end, end);
      continue;
    }
    ++depth;
    if (depth <= kMaxNestingDepth) append_start_tag(prepared.html, raw, lt, name_end, end);
  }
  // Cutting the page would drop the rest of the article without a word: refuse it instead.
  if (i < raw.size() && prepared.html.size() >= kMaxMarkupBytes && text_after(raw, i)) {
    throw Error(ErrorCode::SourceUnreadable,
                "the page is too large: more than " + std::to_string(kMaxMarkupBytes >> 20) +
                    " MiB of markup once scripts, styles and comments are left out");
  }
  return prepared;
}

GumboOutputPtr parse_html(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  // Recording errors copies the open-element stack per error: quadratic on broken pages.
  options.max_errors = 0;
  return GumboOutputPtr(gumbo_parse_with_options(&options, html.data(), html.size()));
}

std::string_view attribute(const GumboNode* node, const char* name) {
  if (node == nullptr || node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr != nullptr && attr->value != nullptr ? std::string_view(attr->value)
                                                   : std::string_view();
}

bool is_hidden_element(const GumboNode* node) {
  if (node == nullptr || node->type != GUMBO_NODE_ELEMENT) return false;
  if (gumbo_get_attribute(&node->v.element.attributes, "hidden") != nullptr) return true;
  if (equals_ci(trim(attribute(node, "aria-hidden")), "true")) return true;
  const std::string_view style = attribute(node, "style");
  if (style.empty()) return false;
  std::string compact;
  compact.reserve(style.size());
  for (const char c : style) {
    if (c != ' ' && c != '\t' && c != '\n') compact.push_back(c);
  }
  compact = lower_ascii(compact);
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

}  // namespace narrate::extract
