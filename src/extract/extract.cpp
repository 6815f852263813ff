// extract/extract.cpp - dispatches a loaded source to the HTML extractor or the text cleaner
#include "extract/extract.hpp"

namespace narrate::extract {

Document extract_article(const Input& input) {
  if (input.media_type == MediaType::Html) return extract_html(input.text);
  return clean_copied_text(input.text);
}

}  // namespace narrate::extract
