// extract/html_teasers.cpp - link teasers: the cards of front pages and of "more stories" boxes
#include "extract/html_teasers.hpp"

#include "extract/html_dom.hpp"
#include "extract/text_util.hpp"

namespace narrate::extract {
namespace {

// A card holds its summary, a headline and a little more (a date, "Read more", a byline);
// anything bigger is a section of an article, not a card.
constexpr std::size_t kCardSlackChars = 300;

// A teaser's summary is a sentence or two (a blog excerpt is some 55 words); a longer block is
// an article's own text even when a share bar sits beside it.
constexpr std::size_t kMaxSummaryChars = 500;

// How far up from a summary its card may be (p -> div.summary -> div.text -> article.card).
constexpr int kCardLevels = 4;

bool is_element(const GumboNode* node) {
  return node != nullptr && node->type == GUMBO_NODE_ELEMENT;
}

// True when the block at index b sits in a small card that also holds a linked headline
// before it.
bool in_card_under_headline(const FlatPage& page, const BlockSums& sums, std::size_t b) {
  const TextBlock& block = page.blocks[b];
  const GumboNode* node = block.owner;
  for (int level = 0; level < kCardLevels && is_element(node); ++level, node = node->parent) {
    if (node->v.element.tag == GUMBO_TAG_BODY) break;
    const auto it = page.index.find(node);
    if (it == page.index.end()) continue;
    const BlockRange range = page.containers[it->second].range;
    if (sums.chars(range) > block.chars + kCardSlackChars) break;
    for (std::size_t h = range.first; h < b; ++h) {
      if (is_headline_link(page.blocks[h])) return true;
    }
  }
  return false;
}

}  // namespace

bool is_headline_link(const TextBlock& block) {
  return block.heading_level != 1 && block.link_chars * 10 >= block.chars * 6 &&
         word_count(block.text) >= 3;
}

std::vector<char> find_teasers(const FlatPage& page, const BlockSums& sums) {
  std::vector<char> teasers(page.blocks.size(), 0);
  for (std::size_t b = 0; b < page.blocks.size(); ++b) {
    const TextBlock& block = page.blocks[b];
    if (block.kind == BlockKind::Heading || block.chars > kMaxSummaryChars ||
        is_headline_link(block)) {
      continue;
    }
    teasers[b] = in_card_under_headline(page, sums, b) ? 1 : 0;
  }
  return teasers;
}

bool in_headed_article(const FlatPage& page, std::size_t block) {
  for (const GumboNode* node = page.blocks[block].owner; is_element(node); node = node->parent) {
    if (node->v.element.tag != GUMBO_TAG_ARTICLE &&
        !equals_ci(attribute(node, "role"), "article")) {
      continue;
    }
    const auto it = page.index.find(node);
    if (it == page.index.end()) return false;
    const BlockRange range = page.containers[it->second].range;
    for (std::size_t b = range.first; b < range.end; ++b) {
      if (page.blocks[b].heading_level == 1 && word_count(page.blocks[b].text) >= 3) return true;
    }
    return false;
  }
  return false;
}

bool is_index_page(const FlatPage& page, const SelectionShape& shape) {
  // A page that says it is an article, or whose markup wraps the text and a headline in an
  // <article>, is one: a list article ("Ten walks for a wet weekend") has linked headings over
  // short summaries too, and reading teasers aloud costs less than losing an article.
  if (shape.declared_article || shape.headed_article) return false;
  // Cards: most of what was selected is summaries under linked headlines.
  if (shape.page_teasers >= 3 && shape.teaser_chars > 0 && shape.teaser_chars * 2 >= shape.chars) {
    return true;
  }
  // Headlines alone: a line or two of prose beside a wall of linked headlines of four words or
  // more (menus have shorter entries).
  constexpr std::size_t kShortBodyChars = 250;
  if (shape.chars >= kShortBodyChars) return false;
  std::size_t headlines = 0;
  std::size_t headline_chars = 0;
  for (const TextBlock& block : page.blocks) {
    if (is_headline_link(block) && word_count(block.text) >= 4) {
      ++headlines;
      headline_chars += block.chars;
    }
  }
  return headlines >= 8 && headline_chars >= 4 * shape.chars;
}

}  // namespace narrate::extract
