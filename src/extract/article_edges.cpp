// extract/article_edges.cpp - what sits at the ends of an article: promos, contact and legal lines
#include "extract/article_edges.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "extract/clutter.hpp"
#include "extract/text_util.hpp"

namespace narrate::extract {
namespace {

// A block longer than this is the story's own, wherever it stands.
constexpr std::size_t kMaxEdgeChars = 500;

// How many blocks at the end may go: an author's note, a promo, a contact line, a footer.
constexpr std::size_t kMaxTrailing = 6;

// Calls to act that open a sentence of the site's own (lowercase).
constexpr std::array<std::string_view, 26> kCalls = {"follow us",
                                                     "follow him",
                                                     "follow her",
                                                     "follow them",
                                                     "follow the",
                                                     "follow @",
                                                     "sign up",
                                                     "subscribe to",
                                                     "subscribe for",
                                                     "join our",
                                                     "join us",
                                                     "join the conversation",
                                                     "get access",
                                                     "email ",
                                                     "e-mail ",
                                                     "contact him",
                                                     "contact her",
                                                     "contact us",
                                                     "contact the author",
                                                     "click here",
                                                     "download our",
                                                     "download the",
                                                     "like us on",
                                                     "don't miss",
                                                     "do not miss",
                                                     "for more news"};

// Headings of the author's box that closes many articles (lowercase).
constexpr std::array<std::string_view, 13> kAuthorBoxes = {
    "about the author",
    "about the authors",
    "about the writer",
    "über den autor",
    "über die autorin",
    "sobre o autor",
    "sobre el autor",
    "à propos de l'auteur",
    "l'auteur",
    "sull'autore",
    "over de auteur",
    "zur person",
    "\xE4\xBD\x9C\xE8\x80\x85\xE7\xAE\x80\xE4\xBB\x8B"};  // 作者简介

// Stems that mark a note on comments and how they are moderated, in a few languages.
constexpr std::array<std::string_view, 4> kCommentStems = {"comment", "coment", "kommentar",
                                                           "komment"};
constexpr std::array<std::string_view, 8> kModerationStems = {
    "moderat", "approv", "aprova", "guideline", "policy", "regras", "richtlinie", "netiquette"};

template <std::size_t N>
bool contains_any(std::string_view lower, const std::array<std::string_view, N>& stems) {
  for (const std::string_view stem : stems) {
    if (lower.find(stem) != std::string_view::npos) return true;
  }
  return false;
}

// True when a sentence of the text (the first, or one after ". ", "! ", "? ") opens with a
// call to act.
bool has_call_to_act(std::string_view lower) {
  for (std::size_t start = 0; start < lower.size();) {
    for (const std::string_view call : kCalls) {
      if (lower.substr(start, call.size()) == call) return true;
    }
    std::size_t next = lower.find(' ', start);
    while (next != std::string_view::npos && next > 0 &&
           !(lower[next - 1] == '.' || lower[next - 1] == '!' || lower[next - 1] == '?')) {
      next = lower.find(' ', next + 1);
    }
    if (next == std::string_view::npos) break;
    start = next + 1;
  }
  return false;
}

}  // namespace

bool is_edge_clutter(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.empty() || t.size() > kMaxEdgeChars) return false;
  if (classify_line(t) != Clutter::None) return true;
  const std::string lower = lower_ascii(t);
  if (has_call_to_act(lower)) return true;
  if (lower.find("\xC2\xA9") != std::string::npos) return true;  // ©
  // "The Site 1 Main St | 555-0100 tel | 555-0101 fax"
  if (std::count(t.begin(), t.end(), '|') >= 2 && !ends_sentence(t)) return true;
  return contains_any(lower, kCommentStems) && contains_any(lower, kModerationStems);
}

void drop_edge_clutter(std::vector<Block>& blocks) {
  // "About the author" near the end: the box from there on is the writer's biography.
  constexpr std::size_t kAuthorBoxReach = 3;
  for (std::size_t i = blocks.size() > kAuthorBoxReach ? blocks.size() - kAuthorBoxReach : 1;
       i < blocks.size(); ++i) {
    std::string key = lower_ascii(trim(blocks[i].text));
    // Latin-1 capitals too ("Über den Autor", "À propos de l'auteur").
    for (std::size_t k = 0; k + 1 < key.size(); ++k) {
      const auto next = static_cast<unsigned char>(key[k + 1]);
      if (static_cast<unsigned char>(key[k]) == 0xC3 && next >= 0x80 && next <= 0x9E &&
          next != 0x97) {
        key[k + 1] = static_cast<char>(next + 0x20);
      }
    }
    while (!key.empty() && (key.back() == ':' || key.back() == '.')) key.pop_back();
    if (std::find(kAuthorBoxes.begin(), kAuthorBoxes.end(), key) != kAuthorBoxes.end()) {
      blocks.resize(i);
      break;
    }
  }
  std::size_t dropped = 0;
  while (blocks.size() > 1 && dropped < kMaxTrailing &&
         (blocks.back().kind == BlockKind::Heading || is_edge_clutter(blocks.back().text))) {
    blocks.pop_back();
    ++dropped;
  }
  // At the top only a call to act is believed: a promo that opens the body, perhaps after the
  // standfirst ("Start your day with ... Sign up for the newsletter").
  constexpr std::size_t kLeadingReach = 2;
  for (std::size_t i = 0; i < kLeadingReach && i + 1 < blocks.size(); ++i) {
    const std::string_view text = trim(blocks[i].text);
    if (text.size() <= kMaxEdgeChars && has_call_to_act(lower_ascii(text))) {
      blocks.erase(blocks.begin() + static_cast<long>(i));
      break;
    }
  }
}

}  // namespace narrate::extract
