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
  std::string text;                          ///< whitespace collapsed
  const GumboNode* owner = nullptr;          ///< innermost block-level element holding it
  const GumboNode* weak_container = nullptr; ///< innermost ancestor with a negative class hint
  const GumboNode* header = nullptr;         ///< innermost enclosing <header>, if any
  BlockKind kind = BlockKind::Paragraph;
  int heading_level = 0;                     ///< 1-6 inside h1-h6
  std::size_t chars = 0;                     ///< code points
  std::size_t link_chars = 0;                ///< code points inside <a>
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

/// Walks the tree iteratively (any depth) and flattens it. With drop_by_class false, containers
/// whose class names furniture are kept (the retry when the strict pass found too little).
FlatPage flatten_page(const GumboNode* root, bool drop_by_class);

}  // namespace narrate::extract
