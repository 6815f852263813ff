// extract/article_edges.hpp - what sits at the ends of an article: promos, contact and legal lines
#pragma once

#include <string_view>
#include <vector>

#include "narrate/document.hpp"

namespace narrate::extract {

/// True for a block that is the site speaking, not the story, when it stands at the article's
/// end: a sentence opening with a call to act ("Follow us on Twitter", "Sign up for ...",
/// "Join our forums", "Email the author at ..."), a copyright line, a line of fields split by
/// '|', a note on how comments are moderated. Inside an article the same words are prose.
bool is_edge_clutter(std::string_view text);

/// Drops such blocks (and headings left last) from the end of the article, at most a few, and a
/// block with a call to act that opens the article or follows its first block (a standfirst).
/// Never empties the list.
void drop_edge_clutter(std::vector<Block>& blocks);

}  // namespace narrate::extract
