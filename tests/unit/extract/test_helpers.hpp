// unit/extract/test_helpers.hpp - small helpers shared by the extract tests
#pragma once

#include <string>

#include "narrate/document.hpp"

namespace narrate::test {

/// All block texts joined by blank lines, as `narrate --extract=body` prints them.
inline std::string body_of(const Document& doc) {
  std::string body;
  for (const Block& block : doc.blocks) {
    if (!body.empty()) body += "\n\n";
    body += block.text;
  }
  return body;
}

/// True when some block's text equals text exactly.
inline bool has_block(const Document& doc, const std::string& text) {
  for (const Block& block : doc.blocks) {
    if (block.text == text) return true;
  }
  return false;
}

/// An HTML page wrapping body markup, with an article long enough to be found.
inline std::string page_with(const std::string& inside_article) {
  return "<!DOCTYPE html><html lang=\"en\"><head><title>Test page</title></head><body>"
         "<article><h1>River town opens new library</h1>"
         "<p>The new library on the river front opened its doors on Saturday, after three years "
         "of building work and a long argument over its cost, its size and its name.</p>" +
         inside_article +
         "<p>Visitors queued from early morning, and the staff said more than two thousand "
         "people came through the doors on the first day, many of them children.</p>"
         "<p>The council said the building, which cost less than planned, would stay open late "
         "on Thursdays and would host a reading group for adults every month.</p>"
         "</article></body></html>";
}

/// The same article with extra markup after its last paragraph, where a page's own notes,
/// promos and footers sit.
inline std::string page_ending_with(const std::string& tail) {
  std::string html = page_with("");
  html.insert(html.find("</article>"), tail);
  return html;
}

/// True when no block contains text.
inline bool absent(const Document& doc, const std::string& text) {
  return body_of(doc).find(text) == std::string::npos;
}

}  // namespace narrate::test
