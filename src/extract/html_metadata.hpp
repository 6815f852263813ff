// extract/html_metadata.hpp - what a page says about its article: titles, author, language, JSON-LD
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace narrate::extract {

/// The article as JSON-LD (schema.org NewsArticle, BlogPosting, ...) describes it.
struct LinkedData {
  std::string headline;
  std::string author;        ///< names joined with " and "
  std::string article_body;  ///< may be empty, truncated, or another story's: evidence only
  std::string language;      ///< inLanguage
  bool article = false;      ///< an Article-typed object (NewsArticle, BlogPosting...) was found
};

/// Reads the first Article-typed object among the page's JSON-LD scripts. Malformed JSON is
/// skipped; never throws.
LinkedData read_linked_data(const std::vector<std::string>& scripts);

/// Metadata gathered from the head and the h1 elements of a page.
struct PageMeta {
  std::string html_lang;         ///< <html lang>
  std::string content_language;  ///< <meta http-equiv="content-language">
  std::string og_title;          ///< og:title / twitter:title
  std::string og_type;           ///< og:type, lowercased ("article", "website")
  std::string title_tag;         ///< <title>
  std::string author;            ///< <meta name="author"> / article:author when not a URL
  std::vector<std::string> h1s;  ///< visible h1 texts in document order
  LinkedData linked;
};

/// True when the page says it is one article: og:type "article" or a JSON-LD Article object.
/// Evidence only: some sites say so on every page.
bool declares_article(const PageMeta& meta);

/// Picks the headline: an h1 that the page's metadata confirms, else og:title or the JSON-LD
/// headline, else the <title> without its site name, else the first h1.
std::string choose_title(const PageMeta& meta);

/// Picks the byline: JSON-LD author, else <meta name="author">, else body_byline (a "By ..."
/// line found in the page, which may carry a date); "" when none.
std::string choose_byline(const PageMeta& meta, std::string_view body_byline);

/// Normalizes a language tag ("en_US" -> "en-US"); "" for an implausible one.
std::string normalize_language_tag(std::string_view tag);

}  // namespace narrate::extract
