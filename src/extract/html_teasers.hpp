// extract/html_teasers.hpp - link teasers: the cards of front pages and of "more stories" boxes
#pragma once

#include <cstddef>
#include <vector>

#include "extract/html_blocks.hpp"

namespace narrate::extract {

/// True for a block that reads as a linked headline: three words or more, mostly link text, and
/// not the h1 (which some pages link to themselves).
bool is_headline_link(const TextBlock& block);

/// For each block of the page, whether it is a teaser: a summary sharing a small card
/// (headline, summary, date, "read more") with a linked headline before it. Cost is bounded per
/// block: only small cards are looked into.
std::vector<char> find_teasers(const FlatPage& page, const BlockSums& sums);

/// What the selection of a page says about the page as a whole.
struct SelectionShape {
  std::size_t chars = 0;          ///< characters selected
  std::size_t teaser_chars = 0;   ///< of which in teasers
  std::size_t page_teasers = 0;   ///< teaser blocks in the whole page, selected or not
  bool declared_article = false;  ///< og:type article or a JSON-LD Article (evidence only)
  bool headed_article = false;    ///< the selection sits in an <article> with its headline
};

/// True when the block sits inside an <article> element (or role="article") that also holds an
/// h1 of three words or more: the markup's own word that this text is one article under its
/// headline (a section page's "<h1>Business</h1>" is not a headline).
bool in_headed_article(const FlatPage& page, std::size_t block);

/// True when the page is a front page, section page or blog index: it does not say it is an
/// article (og:type, JSON-LD, an <article> with its headline), and its selected text is mostly
/// teasers or is nothing but a short line beside many linked headlines. Such a page has no
/// article to read, whatever prose its teasers hold.
bool is_index_page(const FlatPage& page, const SelectionShape& shape);

}  // namespace narrate::extract
