// extract/html_scoring.hpp - what an element's tag, class, id and role say about its content
#pragma once

#include <gumbo.h>

namespace narrate::extract {

/// How an element's own markup rates it as article content.
struct ElementHints {
  int weight = 0;        ///< +25 per attribute (class, id) naming content, -25 per naming clutter
  bool clutter = false;  ///< class/id/role name page furniture outright (nav, share, ad, ...)
  bool structural = false;  ///< tag or role always furniture (nav, aside, footer, form controls)
  bool always_clutter = false;  ///< clutter even when classes are distrusted (comment threads)
};

/// Reads tag, class, id and role of an element. Costs a few string scans per element.
ElementHints element_hints(const GumboNode* node);

/// True when class or id names a standfirst (standfirst, dek, deck, lede, summary, subtitle...).
bool is_standfirst_element(const GumboNode* node);

/// True for elements that start a new block of text (p, div, li, h1-h6, td, ...).
bool is_block_tag(GumboTag tag);

/// The base score readability-style scoring starts an element with, by its tag.
double tag_base_score(GumboTag tag);

}  // namespace narrate::extract
