// extract/copied_text.cpp - text copied from a browser page -> Document, line by line with context
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "extract/article_edges.hpp"
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
constexpr std::array<std::string_view, 48> kMenuLines = {
    "menu", "search", "sign in", "log in", "login", "register", "home", "skip to content",
    "skip to main content", "open menu", "close", "close menu", "my account", "account", "sections",
    "back to top", "edition", "all sections", "subscribe", "sign out", "log out", "open navigation",
    "about", "about us",
    // de, fr, es, it, pt, nl, zh
    "menü", "startseite", "suche", "anmelden", "accueil", "rechercher", "se connecter", "menú",
    "inicio", "buscar", "iniciar sesión", "início", "pesquisar", "entrar", "cerca", "accedi",
    "zoeken", "inloggen", "\xE9\xA6\x96\xE9\xA1\xB5",        // 首页
    "\xE6\x90\x9C\xE7\xB4\xA2", "\xE7\x99\xBB\xE5\xBD\x95",  // 搜索 登录
    "\xE8\x8F\x9C\xE5\x8D\x95",
    "\xE8\xBF\x94\xE5\x9B\x9E\xE9\xA1\xB6\xE9\x83\xA8",  // 菜单 返回顶部
    "inhalt"};

// Strips a leading list bullet (•, *, -, ·, ▪, ◦ followed by a space).
bool strip_bullet(std::string& text) {
  static constexpr std::string_view kBullets[] = {"\xE2\x80\xA2", "*",           "-", "\xC2\xB7",
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

// Words around a newsletter's sign-up line (lowercase).
constexpr std::array<std::string_view, 8> kNewsletterWords = {
    "newsletter", "inbox", "email", "e-mail", "unsubscribe", "sign up", "subscribe", "privacy"};

// A newsletter box: the lines printed together with a sign-up line (no blank line between them)
// that speak of newsletters, inboxes, e-mail or privacy ("Enter your email address").
void drop_newsletter_boxes(std::vector<Line>& lines) {
  constexpr std::size_t kMaxBoxWords = 40;
  const auto belongs = [&](const Line& line) {
    if (line.blank || word_count(line.text) > kMaxBoxWords) return false;
    if (line.dropped) return true;
    const std::string lower = lower_ascii(line.text);
    return std::any_of(kNewsletterWords.begin(), kNewsletterWords.end(),
                       [&](std::string_view w) { return lower.find(w) != std::string::npos; });
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].clutter != Clutter::Newsletter) continue;
    std::size_t first = i;
    while (first > 0 && belongs(lines[first - 1])) --first;
    std::size_t end = i + 1;
    while (end < lines.size() && belongs(lines[end])) ++end;
    for (std::size_t k = first; k < end; ++k) {
      lines[k].dropped = true;
      if (lines[k].clutter == Clutter::None) lines[k].clutter = Clutter::Newsletter;
    }
    i = end - 1;
  }
}

void drop_by_context(std::vector<Line>& lines) {
  const std::size_t n = lines.size();
  // A caption printed twice in a row (the image's alt text and its visible caption).
  for (std::size_t i = 0; i < n; ++i) {
    if (lines[i].blank) continue;
    const std::size_t next = neighbour(lines, i, 1);
    if (next == std::string::npos) continue;
    if (lines[i].text == lines[next].text && lines[i].text.size() >= 20) {
      lines[i].dropped = lines[next].dropped = true;
    }
  }
  // Words that mean nothing alone ("Slow", "Average", "Fast"; "Facebook", "Twitter") but are
  // the widget or the share bar next to a line that names it ("Select Voice", "Share").
  for (int pass = 0; pass < 2; ++pass) {
    const int step = pass == 0 ? 1 : -1;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = pass == 0 ? k : n - 1 - k;
      if (lines[i].blank || lines[i].dropped) continue;
      const Clutter kind = is_weak_widget_word(lines[i].text)  ? Clutter::Widget
                           : is_weak_share_word(lines[i].text) ? Clutter::Share
                                                               : Clutter::None;
      if (kind == Clutter::None) continue;
      const std::size_t j = neighbour(lines, i, -step);
      if (j != std::string::npos && lines[j].dropped && lines[j].clutter == kind) {
        lines[i].dropped = true;
        lines[i].clutter = kind;
      }
    }
  }
  drop_newsletter_boxes(lines);
  for (std::size_t i = 0; i < n; ++i) {
    const Line& line = lines[i];
    if (line.blank) continue;
    // A comment thread runs to the end of the page.
    if (line.clutter == Clutter::Comments && i * 3 >= n) {
      for (std::size_t j = i + 1; j < n; ++j) lines[j].dropped = true;
      break;
    }
    // "Most popular" / "Related" headers: the titles listed under them go too.
    const std::size_t colon = line.text.find(':');
    const bool bare_header = colon == std::string::npos || colon + 1 >= line.text.size();
    if (line.clutter == Clutter::ListHeader && bare_header) {
      std::size_t j = i + 1;
      for (; j < n; ++j) {
        if (lines[j].blank) continue;
        if (!is_label_like(lines[j], 20)) break;
        lines[j].dropped = true;
      }
      i = j - 1;  // the listed titles are done with: each line is looked at once
    }
  }
  // A site menu before the article: a run of three or more short labels, with prose after it
  // (a text made only of short lines is a list, not a menu around an article).
  std::vector<bool> prose_after(n + 1, false);
  for (std::size_t i = n; i-- > 0;) {
    prose_after[i] = prose_after[i + 1] ||
                     (!lines[i].blank && !lines[i].dropped && word_count(lines[i].text) >= 8);
  }
  for (std::size_t i = 0; i < n;) {
    if (lines[i].blank) {
      ++i;
      continue;
    }
    // Lines already dropped (a "Menu" or "Advertisement" line) count toward the run.
    if (!lines[i].dropped && !is_label_like(lines[i], 3)) {
      if (word_count(lines[i].text) >= 8) break;  // prose has begun
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && !lines[j].blank && (lines[j].dropped || is_label_like(lines[j], 3))) ++j;
    if (j - i >= 3 && prose_after[j]) {
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

// Moves the kept lines' text into blocks (the lines are spent afterwards).
std::vector<Block> group_blocks(std::vector<Line>& lines, std::string& byline) {
  const bool wrapped = is_hard_wrapped(lines);
  std::vector<Block> blocks;
  // The lines of the paragraph being gathered: a wrapped sentence continues on the next line.
  std::vector<std::string> pending;
  const auto close = [&]() {
    if (pending.empty()) return;
    // Three or more lines without one sentence mark are a list of short items ("features",
    // "contact manager", ...), not a sentence wrapped across lines: keep them apart.
    bool has_sentence_mark = false;
    for (const std::string& piece : pending) {
      has_sentence_mark = has_sentence_mark || piece.find_first_of(".?!") != std::string::npos;
    }
    if (pending.size() >= 3 && !has_sentence_mark && !wrapped) {
      for (std::string& piece : pending) blocks.push_back({BlockKind::Paragraph, std::move(piece)});
    } else {
      std::string joined = std::move(pending.front());
      for (std::size_t k = 1; k < pending.size(); ++k) {
        joined += ' ';
        joined += pending[k];
      }
      blocks.push_back({BlockKind::Paragraph, std::move(joined)});
    }
    pending.clear();
  };
  bool previous_punctuated = false;
  for (Line& line : lines) {
    if (line.blank || line.dropped) {
      if (line.clutter == Clutter::Byline && byline.empty()) {
        byline = std::string(trim(std::string_view(line.text).substr(3)));
      }
      close();
      continue;
    }
    if (line.bullet) {
      close();
      blocks.push_back({BlockKind::ListItem, std::move(line.text)});
      continue;
    }
    const bool continues =
        !pending.empty() && (wrapped || (!previous_punctuated && !line.text.empty() &&
                                         std::islower(static_cast<unsigned char>(line.text[0]))));
    previous_punctuated = ends_with_punctuation(line.text);
    if (!continues) close();
    pending.push_back(std::move(line.text));
  }
  close();
  return blocks;
}

// A template's stand-in ("<one line to give the program's name ...>", "[Your Name]"): text to be
// replaced, never a title.
bool is_placeholder(std::string_view text) {
  const std::size_t open = text.find_first_of("<[{");
  if (open == std::string_view::npos) return false;
  const char close = text[open] == '<' ? '>' : text[open] == '[' ? ']' : '}';
  const std::size_t end = text.find(close, open + 1);
  return end != std::string_view::npos && end > open + 1 &&
         (open == 0 || end + 1 == text.size() || end - open > 12);
}

// A roman numeral of a section (I .. XXXIX and the like): only these letters, upper case.
bool is_roman(std::string_view word) {
  return !word.empty() && word.size() <= 7 &&
         word.find_first_not_of("IVXLC") == std::string_view::npos;
}

// A numbered heading of a plain text: "0. Definitions.", "1.", "12) Patents", "IV. Remedies",
// "Section 3", "Chapter 2: The Sea", "Part II". Short (a title, not a numbered sentence of
// prose): the number and at most eight words.
bool is_numbered_heading(std::string_view text) {
  const std::size_t words = word_count(text);
  if (words == 0 || words > 9 || char_count(text) > 80) return false;
  std::string_view first = text.substr(0, text.find(' '));
  std::string_view rest = first.size() < text.size() ? text.substr(first.size() + 1) : "";
  static constexpr std::string_view kNames[] = {"Section", "Chapter", "Part", "Article",
                                                "SECTION", "CHAPTER", "PART", "ARTICLE"};
  bool named = false;
  for (const std::string_view name : kNames) named = named || first == name;
  if (named) {
    first = rest.substr(0, rest.find(' '));
    rest = first.size() < rest.size() ? rest.substr(first.size() + 1) : "";
    while (!first.empty() && (first.back() == '.' || first.back() == ':')) first.remove_suffix(1);
  } else {
    if (first.size() < 2 || (first.back() != '.' && first.back() != ')')) return false;
    first.remove_suffix(1);
  }
  const bool number =
      !first.empty() && first.size() <= 3 && std::all_of(first.begin(), first.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      });
  if (!number && !is_roman(first)) return false;
  if (rest.empty()) return true;
  // The title after the number: no sentence inside it, capitalised, ending at most with a
  // full stop.
  const std::string_view body = rest.substr(0, rest.size() - (rest.back() == '.' ? 1 : 0));
  if (body.empty() || body.find_first_of(".?!;") != std::string_view::npos) return false;
  return !std::islower(static_cast<unsigned char>(body.front()));
}

// A line in capitals ("TERMS AND CONDITIONS", "END OF TERMS AND CONDITIONS"): a heading in
// plain text, when short.
bool is_all_caps_heading(std::string_view text) {
  if (word_count(text) > 12 || char_count(text) > 90) return false;
  std::size_t letters = 0;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) return false;  // keep to ASCII: other scripts have no case to go by
    if (std::islower(u)) return false;
    if (std::isupper(u)) ++letters;
  }
  return letters >= 4 && !text.empty() && text.back() != ',' && text.back() != ';';
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
  drop_repeated_blocks(document.blocks);
  drop_edge_clutter(document.blocks);

  // Kicker, headline and subheadings stand over prose; a text of short lines alone is a list.
  const bool has_prose =
      std::any_of(document.blocks.begin(), document.blocks.end(), [](const Block& block) {
        return ends_with_punctuation(block.text) || word_count(block.text) >= 8;
      });
  // A kicker ("Climate") over the headline: a word or two, then a longer unpunctuated line.
  if (has_prose && document.blocks.size() > 2 && is_heading_like(document.blocks[0], 2) &&
      is_heading_like(document.blocks[1], 30) &&
      document.blocks[1].text.size() > document.blocks[0].text.size()) {
    document.blocks.erase(document.blocks.begin());
  }
  // The first block, if it is a short unpunctuated line, is the headline.
  if (has_prose && !document.blocks.empty() && is_heading_like(document.blocks.front(), 30) &&
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
    // Numbered and all-caps headings of plain texts (licences, reports, books) stand alone
    // over what they head.
    if (block.kind == BlockKind::Paragraph && next.kind != BlockKind::Heading &&
        (is_numbered_heading(block.text) || is_all_caps_heading(block.text)) &&
        (next.text.size() > block.text.size() || next.kind == BlockKind::Paragraph)) {
      block.kind = BlockKind::Heading;
    }
    if (block.kind == BlockKind::Heading && is_placeholder(block.text)) {
      block.kind = BlockKind::Paragraph;
    }
  }
  document.language = choose_language("", document.blocks);
  return document;
}

}  // namespace narrate::extract
