// input/sniff.cpp - HTML or plain text, from the content type, the path and the text itself
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "input/load.hpp"
#include "util/strings.hpp"

namespace narrate::input {

namespace {

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool ends_with_ci(std::string_view text, std::string_view suffix) noexcept {
  return text.size() >= suffix.size() &&
         util::starts_with_ci(text.substr(text.size() - suffix.size()), suffix);
}

/// Skips whitespace, a BOM, comments and an XML declaration: what may precede an HTML root.
std::string_view skip_prologue(std::string_view text) {
  using namespace std::string_view_literals;
  if (text.substr(0, 3) == "\xEF\xBB\xBF"sv) text.remove_prefix(3);
  for (;;) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    std::string_view close;
    if (text.substr(0, 4) == "<!--") {
      close = "-->";
    } else if (text.substr(0, 2) == "<?") {
      close = "?>";
    } else {
      return text;
    }
    const std::size_t end = text.find(close);
    if (end == std::string_view::npos) return {};
    text.remove_prefix(end + close.size());
  }
}

bool is_html_content_type(std::string_view content_type) {
  while (!content_type.empty() && is_space(content_type.front())) content_type.remove_prefix(1);
  return util::starts_with_ci(content_type, "text/html") ||
         util::starts_with_ci(content_type, "application/xhtml");
}

bool has_html_extension(std::string_view path) {
  // A URL's query and fragment are not part of its file name.
  if (path.find("://") != std::string_view::npos) path = path.substr(0, path.find_first_of("?#"));
  return ends_with_ci(path, ".html") || ends_with_ci(path, ".htm") ||
         ends_with_ci(path, ".xhtml") || ends_with_ci(path, ".shtml");
}

/// Counts the distinct common tags in the first 4 KB. Prose may mention a "<div>" or two;
/// markup without a <html> root (a fragment, a saved article body) uses several kinds at once.
std::size_t distinct_common_tags(std::string_view text) {
  static constexpr std::array<std::string_view, 24> kTags = {
      "p",    "div",   "a",       "br",      "span",   "title",  "meta", "script",
      "link", "style", "table",   "ul",      "ol",     "li",     "h1",   "h2",
      "h3",   "img",   "article", "section", "header", "footer", "nav",  "em"};
  const std::string_view head = text.substr(0, 4096);
  std::array<bool, kTags.size()> seen{};
  std::size_t count = 0;
  for (std::size_t lt = head.find('<'); lt != std::string_view::npos; lt = head.find('<', lt + 1)) {
    const std::string_view rest = head.substr(lt + 1);
    for (std::size_t k = 0; k < kTags.size(); ++k) {
      const std::string_view tag = kTags[k];
      if (seen[k] || !util::starts_with_ci(rest, tag) || rest.size() == tag.size()) continue;
      const char after = rest[tag.size()];
      if (after == '>' || after == '/' || is_space(after)) {
        seen[k] = true;
        ++count;
      }
    }
  }
  return count;
}

}  // namespace

MediaType sniff_media_type(std::string_view text, std::string_view path,
                           std::string_view content_type) {
  if (is_html_content_type(content_type) || has_html_extension(path)) return MediaType::Html;
  const std::string_view start = skip_prologue(text);
  for (const std::string_view root : {"<!doctype html", "<html", "<head", "<body"}) {
    if (!util::starts_with_ci(start, root)) continue;
    const std::string_view after = start.substr(root.size());
    if (after.empty() || after.front() == '>' || after.front() == '/' || is_space(after.front()))
      return MediaType::Html;
  }
  if (distinct_common_tags(text) >= 3) return MediaType::Html;
  return MediaType::Text;
}

}  // namespace narrate::input
