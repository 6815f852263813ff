// extract/html_blocks.hpp - the parsed page flattened into text blocks, with what scoring needs
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/html_metadata.hpp"
#include "narrate/document.hpp"

namespace narrate::extract {

/// One run of text between block boundaries, in document order.
struct TextBlock {
  std::string text;                           ///< whitespace collapsed
  const GumboNode* owner = nullptr;           ///< innermost block-level element holding it
  const GumboNode* weak_container = nullptr;  ///< innermost ancestor with a negative class hint
  const GumboNode* header = nullptr;          ///< innermost enclosing <header>, if any
  BlockKind kind = BlockKind::Paragraph;
  int heading_level = 0;       ///< 1-6 inside h1-h6
  std::size_t chars = 0;       ///< code points
  std::size_t link_chars = 0;  ///< code points inside <a>
};

/// The blocks an element's subtree holds: [first, end) indexes into FlatPage::blocks.
struct BlockRange {
  std::size_t first = 0;
  std::size_t end = 0;
};

/// An element that holds text, remembered for scoring and cleaning.
struct Container {
  const GumboNode* node = nullptr;
  BlockRange range;
  int weight = 0;  ///< class/id hint weight
};

/// The page as text blocks plus the element index scoring works on.
struct FlatPage {
  std::vector<TextBlock> blocks;
  std::vector<Container> containers;                        ///< in order of their end
  std::unordered_map<const GumboNode*, std::size_t> index;  ///< node -> containers position
  PageMeta meta;
  bool dropped_by_class = false;  ///< some subtree was removed for its class/id alone
};

/// Running sums over a page's blocks, so a container's size and link share cost O(1).
class BlockSums {
 public:
  explicit BlockSums(const std::vector<TextBlock>& blocks);
  std::size_t chars(BlockRange r) const { return chars_[r.end] - chars_[r.first]; }
  std::size_t commas(BlockRange r) const { return commas_[r.end] - commas_[r.first]; }
  /// Characters of the range's prose blocks (see is_prose).
  std::size_t prose_chars(BlockRange r) const { return prose_[r.end] - prose_[r.first]; }
  /// Share of the range's characters inside links, 0 for an empty range.
  double link_density(BlockRange r) const;

 private:
  std::vector<std::size_t> chars_, links_, commas_, prose_;
};

/// Share of a block's characters inside links.
inline double link_density(const TextBlock& block) {
  return block.chars == 0 ? 0.0 : double(block.link_chars) / double(block.chars);
}

/// Letters, digits and punctuation of a block outside its links (spaces not counted).
std::size_t plain_chars(const TextBlock& block);

/// True for a paragraph or list item of running text: six words or more, ending a sentence,
/// and more of it outside links than in them (a sentence with a link or two stays prose).
bool is_prose(const TextBlock& block);

/// Walks the tree iteratively (any depth) and flattens it. With drop_by_class false, containers
/// whose class names furniture are kept (the retry when the strict pass found too little).
FlatPage flatten_page(const GumboNode* root, bool drop_by_class);

}  // namespace narrate::extract
