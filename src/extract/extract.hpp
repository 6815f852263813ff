// extract/extract.hpp - Input -> Document: the HTML article extractor and the copied-text cleaner
#pragma once

#include <string_view>

#include "narrate/document.hpp"

namespace narrate::extract {

/// Extracts the article from a loaded source, dispatching on its media type.
/// Returns a Document whose blocks may be empty (the caller reports "no article").
Document extract_article(const Input& input);

/// Extracts the article from an HTML page (UTF-8) with an HTML5 parser.
Document extract_html(std::string_view html);

/// Cleans text a person copied from a web page: drops ads, reading-time and trust lines, repeated
/// captions, photo credits, listen widgets, share/newsletter/related blocks; plain clean text
/// passes through with its paragraphs intact.
Document clean_copied_text(std::string_view text);

}  // namespace narrate::extract
