// extract/clutter.hpp - recognises the lines of page furniture that are never article text
#pragma once

#include <string_view>
#include <vector>

#include "narrate/document.hpp"

namespace narrate::extract {

/// What kind of page furniture a whole line (or HTML block) is; None for article text.
enum class Clutter {
  None,
  Ad,           ///< "Advertisement", "Anzeige", "Story continues below"
  ReadingTime,  ///< "Reading Time: 2 minutes", "4 min read"
  Trust,        ///< "Why you can trust SCMP"
  Credit,       ///< a caption ending in "Photo: Reuters", a bare credit line, "Image 1 of 5"
  Share,        ///< "Share this article", "Facebook Twitter Email"
  Newsletter,   ///< "Sign up for our daily newsletter"
  ListHeader,   ///< "Related", "Most popular", "Read more:" (a list of links follows)
  Comments,     ///< "Comments", "Join the conversation"
  Legal,        ///< copyright, cookie and privacy lines
  Widget,       ///< the page's listen widget: "Select Voice", "1.25x", "250 WPM"
  Byline,       ///< "By Jane Doe"
  Dateline,     ///< "Published: 3:00pm, 12 Aug 2020", "Updated at 1:23 p.m.", "Tags: ..."
};

/// Classifies one line (already trimmed, whitespace collapsed). Only whole-line patterns count:
/// a sentence that merely mentions an advertisement stays None.
Clutter classify_line(std::string_view line);

/// The site's own notices that classify_line() checks last: disclaimers and letters-page
/// prompts, licence lines, "cancel anytime", channel promotions, blog post footers, "Written
/// by:" lines, download links with their file size, agency signatures ("aja/PAP"). key is the
/// line lowercased (ASCII and Latin-1 capitals).
Clutter classify_notice(std::string_view line, std::string_view key);

/// Words of a listen widget that mean nothing alone ("Slow", "Average", "Fast", "Play"): clutter
/// only next to a line classify_line() calls Widget.
bool is_weak_widget_word(std::string_view line);

/// A social network's name alone ("Facebook", "WhatsApp"): a share button next to a Share line,
/// a word like any other elsewhere.
bool is_weak_share_word(std::string_view line);

/// Drops blocks that say again what a nearby block says: pull quotes (the words of part of a
/// longer block, verbatim) and, among the first six blocks, the later copy of a block printed
/// twice (a standfirst repeated as an abstract). Blocks of under 30 letters and digits are left
/// alone. Linear in the text.
void drop_repeated_blocks(std::vector<Block>& blocks);

}  // namespace narrate::extract
