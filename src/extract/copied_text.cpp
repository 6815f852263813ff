// extract/copied_text.cpp - text copied from a browser page -> Document, line by line with context
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "extract/clutter.hpp"
#include "extract/extract.hpp"
#include "extract/language.hpp"
#include "extract/text_util.hpp"

namespace narrate::extract {
namespace {

struct Line {
  std::string text;  // trimmed, whitespace collapsed, bullet removed
  bool blank = true;
  bool bullet = false;
  bool dropped = false;
  Clutter clutter = Clutter::None;
};

// Whole lines that are site navigation, never prose.
constexpr std::array<std::string_view, 22> kMenuLines = {
    "menu", "search", "sign in", "log in", "login", "register", "home", "skip to content",
    "skip to main content", "open menu", "close", "close menu", "my account", "account",
    "sections", "back to top", "edition", "all sections", "subscribe", "sign out", "log out",
    "open navigation"};

// Strips a leading list bullet (•, *, -, ·, ▪, ◦ followed by a space).
bool strip_bullet(std::string& text) {
  static constexpr std::string_view kBullets[] = {"\xE2\x80\xA2", "*", "-", "\xC2\xB7",
                                                  "\xE2\x96\xAA", "\xE2\x97\xA6"};
  for (const std::string_view bullet : kBullets) {
    if (text.size() > bullet.size() + 1 && text.compare(0, bullet.size(), bullet) == 0 &&
        text[bullet.size()] == ' ') {
      text.erase(0, bullet.size() + 1);
      return true;
    }
  }
  return false;
}

bool is_menu_line(std::string_view text) {
  const std::string key = lower_ascii(text);
  return std::find(kMenuLines.begin(), kMenuLines.end(), key) != kMenuLines.end();
}

// Short, unpunctuated: a headline, a menu entry, a list of links' titles.
bool is_label_like(const Line& line, std::size_t max_words) {
  return !line.blank && word_count(line.text) <= max_words && !ends_with_punctuation(line.text);
}

std::vector<Line> read_lines(std::string_view text) {
  std::vector<Line> lines;
  for (const std::string_view raw : split_lines(text)) {
    Line line;
    line.text = collapse_whitespace(raw);
    line.blank = line.text.empty();
    if (!line.blank) {
      line.bullet = strip_bullet(line.text);
      line.clutter = classify_line(line.text);
      line.dropped = line.clutter != Clutter::None || is_menu_line(line.text);
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

// Index of the next (or previous) non-blank line, or npos.
std::size_t neighbour(const std::vector<Line>& lines, std::size_t i, int step) {
  for (std::size_t j = i + step; j < lines.size(); j += step) {
    if (!lines[j].blank) return j;
  }
  return std::string::npos;
}

void drop_by_context(std::vector<Line>& lines) {
  const std::size_t n = lines.size();
  // A caption printed twice in a row (the image's alt text and its visible caption).
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t next = neighbour(lines, i, 1);
    if (lines[i].blank || next == std::string::npos) continue;
    if (lines[i].text == lines[next].text && lines[i].text.size() >= 20) {
      lines[i].dropped = lines[next].dropped = true;
    }
  }
  // "Slow", "Average", "Fast" mean nothing alone, but next to "Select Voice" they are the widget.
  for (int pass = 0; pass < 2; ++pass) {
    const int step = pass == 0 ? 1 : -1;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = pass == 0 ? k : n - 1 - k;
      if (lines[i].blank || lines[i].dropped || !is_weak_widget_word(lines[i].text)) continue;
      const std::size_t j = neighbour(lines, i, -step);
      if (j != std::string::npos && lines[j].dropped &&
          (lines[j].clutter == Clutter::Widget || is_weak_widget_word(lines[j].text))) {
        lines[i].dropped = true;
        lines[i].clutter = Clutter::Widget;
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Line& line = lines[i];
    if (line.blank) continue;
    // "Most popular" / "Related" headers: the titles listed under them go too.
    const std::size_t colon = line.text.find(':');
    const bool bare_header = colon == std::string::npos || colon + 1 >= line.text.size();
    if (line.clutter == Clutter::ListHeader && bare_header) {
      for (std::size_t j = i + 1; j < n; ++j) {
        if (lines[j].blank) continue;
        if (!is_label_like(lines[j], 20)) break;
        lines[j].dropped = true;
      }
    }
    // A comment thread runs to the end of the page.
    if (line.clutter == Clutter::Comments && i * 3 >= n) {
      for (std::size_t j = i + 1; j < n; ++j) lines[j].dropped = true;
    }
  }
  // A site menu before the article: a run of three or more short labels.
  for (std::size_t i = 0; i < n;) {
    if (lines[i].blank || lines[i].dropped) {
      ++i;
      continue;
    }
    if (!is_label_like(lines[i], 3)) {
      if (word_count(lines[i].text) >= 8) break;  // prose has begun
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && !lines[j].blank && (lines[j].dropped || is_label_like(lines[j], 3))) ++j;
    if (j - i >= 3) {
      for (std::size_t k = i; k < j; ++k) lines[k].dropped = true;
    }
    i = j;
  }
}

// Hard-wrapped text (an essay at 72 columns) joins its lines; text copied from a browser has one
// paragraph per line.
bool is_hard_wrapped(const std::vector<Line>& lines) {
  std::size_t longest = 0;
  std::size_t wide = 0;
  for (const Line& line : lines) {
    if (line.blank || line.dropped) continue;
    const std::size_t chars = char_count(line.text);
    longest = std::max(longest, chars);
    if (chars >= 50) ++wide;
  }
  return longest <= 110 && wide >= 3;
}

std::vector<Block> group_blocks(const std::vector<Line>& lines, std::string& byline) {
  const bool wrapped = is_hard_wrapped(lines);
  std::vector<Block> blocks;
  bool open = false;  // the last block may take the next line
  std::string previous;
  for (const Line& line : lines) {
    if (line.blank || line.dropped) {
      if (line.clutter == Clutter::Byline && byline.empty()) {
        byline = std::string(trim(std::string_view(line.text).substr(3)));
      }
      open = false;
      continue;
    }
    if (line.bullet) {
      blocks.push_back({BlockKind::ListItem, line.text});
      open = false;
      continue;
    }
    const bool continues =
        open && (wrapped || (!ends_with_punctuation(previous) && !line.text.empty() &&
                             std::islower(static_cast<unsigned char>(line.text[0]))));
    if (continues) {
      blocks.back().text += ' ';
      blocks.back().text += line.text;
    } else {
      blocks.push_back({BlockKind::Paragraph, line.text});
    }
    open = true;
    previous = line.text;
  }
  return blocks;
}

bool is_heading_like(const Block& block, std::size_t max_words) {
  return block.kind == BlockKind::Paragraph && word_count(block.text) <= max_words &&
         !ends_with_punctuation(block.text) && block.text.find('\n') == std::string::npos;
}

}  // namespace

Document clean_copied_text(std::string_view text) {
  std::vector<Line> lines = read_lines(text);
  drop_by_context(lines);
  Document document;
  document.blocks = group_blocks(lines, document.byline);
  drop_pull_quotes(document.blocks);

  // The first block, if it is a short unpunctuated line, is the headline.
  if (!document.blocks.empty() && is_heading_like(document.blocks.front(), 30) &&
      char_count(document.blocks.front().text) <= 250 && document.blocks.size() > 1) {
    document.title = std::move(document.blocks.front().text);
    document.blocks.erase(document.blocks.begin());
  }
  // A short unpunctuated line before a longer paragraph is a subheading.
  for (std::size_t i = 0; i + 1 < document.blocks.size(); ++i) {
    Block& block = document.blocks[i];
    const Block& next = document.blocks[i + 1];
    if (is_heading_like(block, 15) && next.kind == BlockKind::Paragraph &&
        next.text.size() > block.text.size()) {
      block.kind = BlockKind::Heading;
    }
  }
  std::string sample;
  for (const Block& block : document.blocks) {
    if (sample.size() > 20000) break;
    sample += block.text;
    sample += ' ';
  }
  document.language = guess_language(sample);
  return document;
}

}  // namespace narrate::extract
