// extract/html_scoring.cpp - what an element's tag, class, id and role say about its content
#include "extract/html_scoring.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "extract/html_dom.hpp"
#include "extract/text_util.hpp"

namespace narrate::extract {
namespace {

// Tokens (whole words of a class or id, split at '-', '_', spaces and camelCase humps).
constexpr std::array<std::string_view, 19> kPositive = {
    "article",  "articlebody", "body",      "content", "entry", "main",   "page",
    "post",     "text",        "blog",      "story",   "prose", "hentry", "storytext",
    "richtext", "rte",         "paragraph", "paywall", "copy"};

// Furniture whose container is removed outright (unless it also names content).
constexpr std::array<std::string_view, 64> kClutter = {
    "ad",           "ads",         "adv",        "advert",     "adverts",     "advertisement",
    "advertising",  "adslot",      "adunit",     "dfp",        "gpt",         "banner",
    "breadcrumb",   "breadcrumbs", "combx",      "comment",    "comments",    "cookie",
    "cookies",      "consent",     "gdpr",       "disqus",     "footer",      "menu",
    "nav",          "navbar",      "navigation", "newsletter", "newsletters", "outbrain",
    "taboola",      "pager",       "pagination", "popup",      "modal",       "promo",
    "promos",       "promotion",   "related",    "share",      "sharing",     "shares",
    "social",       "sidebar",     "skyscraper", "sponsor",    "sponsored",   "subscribe",
    "subscription", "signup",      "toolbar",    "widget",     "recommended", "trending",
    "popular",      "byline",      "caption",    "credit",     "credits",     "listen",
    "speechify",    "tts",         "login",      "masthead"};

// Softer signs: the container stays, but scores lower and is cleaned if thin or link-heavy.
constexpr std::array<std::string_view, 24> kNegative = {
    "foot", "footnote", "meta",  "media",  "scroll",   "shoutbox",   "shopping", "tags",
    "tag",  "tool",     "tools", "author", "dateline", "writtenby",  "hidden",   "header",
    "more", "most",     "audio", "player", "print",    "disclaimer", "contact",  "rail"};

constexpr std::array<std::string_view, 11> kClutterRoles = {
    "navigation", "menu",  "menubar",     "complementary", "contentinfo", "banner",
    "dialog",     "alert", "alertdialog", "search",        "button"};

template <std::size_t N>
bool in(std::string_view word, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Furniture whose class is trusted even when class names are otherwise being distrusted: a
// comment thread is prose, and longer than many a story.
constexpr std::array<std::string_view, 7> kAlwaysClutter = {
    "comment", "comments", "commentlist", "disqus", "respond", "replies", "kommentare"};

struct TokenVerdict {
  bool positive = false;
  bool negative = false;
  bool clutter = false;
  bool always = false;
};

TokenVerdict judge_tokens(std::string_view value) {
  TokenVerdict verdict;
  std::string token;
  const auto finish = [&] {
    if (token.empty()) return;
    if (in(token, kPositive)) verdict.positive = true;
    if (in(token, kClutter)) verdict.clutter = verdict.negative = true;
    if (in(token, kNegative)) verdict.negative = true;
    if (in(token, kAlwaysClutter)) verdict.always = verdict.clutter = verdict.negative = true;
    token.clear();
  };
  char previous = 0;
  for (const char c : value) {
    const bool alnum = std::isalnum(static_cast<unsigned char>(c));
    const bool hump = std::isupper(static_cast<unsigned char>(c)) &&
                      std::islower(static_cast<unsigned char>(previous));
    if (!alnum || hump) finish();
    if (alnum) token.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    previous = c;
  }
  finish();
  return verdict;
}

// Broken or odd markup can put the whole story inside an element that normally holds furniture:
// an unclosed <header role="banner">, a story in an <aside>. Such an element holds an <article>
// or <main>, or several paragraphs of prose, which furniture never does.
bool holds_article(const GumboNode* root) {
  constexpr std::size_t kMaxNodes = 20000;
  constexpr std::size_t kProseBytes = 100;
  constexpr int kProseParagraphs = 4;
  std::vector<const GumboNode*> stack{root};
  std::size_t visited = 0;
  int paragraphs = 0;
  while (!stack.empty() && ++visited < kMaxNodes) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboTag tag = node->v.element.tag;
    if (node != root) {
      if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) return true;
      const std::string_view role = attribute(node, "role");
      if (role == "main" || role == "article") return true;
    }
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NAV) continue;
    const GumboVector& children = node->v.element.children;
    if (tag == GUMBO_TAG_P) {
      std::size_t bytes = 0;
      for (unsigned i = 0; i < children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(children.data[i]);
        if (child->type == GUMBO_NODE_TEXT) bytes += std::string_view(child->v.text.text).size();
      }
      if (bytes >= kProseBytes && ++paragraphs >= kProseParagraphs) return true;
      continue;
    }
    for (unsigned i = children.length; i-- > 0;) {
      stack.push_back(static_cast<const GumboNode*>(children.data[i]));
    }
  }
  return false;
}

}  // namespace

ElementHints element_hints(const GumboNode* node) {
  ElementHints hints;
  if (node == nullptr || node->type != GUMBO_NODE_ELEMENT) return hints;
  const GumboTag tag = node->v.element.tag;
  switch (tag) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
      if (holds_article(node)) {
        hints.weight = -25;
        return hints;
      }
      hints.structural = true;
      return hints;
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_FIELDSET:
      hints.structural = true;
      return hints;
    default:
      break;
  }
  const std::string role = lower_ascii(trim(attribute(node, "role")));
  if (in(std::string_view(role), kClutterRoles)) {
    if (role == "button" || role == "dialog" || role == "alertdialog" || !holds_article(node)) {
      hints.structural = true;
      return hints;
    }
    hints.weight = -25;
  }
  if (tag == GUMBO_TAG_UNKNOWN) {
    // Elements gumbo 0.10 does not know (dialog, picture) and custom ones (amp-ad,
    // bsp-newsletter): their name speaks like a class.
    GumboStringPiece name = node->v.element.original_tag;
    gumbo_tag_from_original_text(&name);
    const std::string lower = lower_ascii(std::string_view(name.data, name.length));
    if (lower == "dialog" || lower == "picture") {
      hints.structural = true;
      return hints;
    }
    const TokenVerdict verdict = judge_tokens(lower);
    if (verdict.clutter && !verdict.positive) hints.clutter = true;
  }
  for (const char* name : {"class", "id"}) {
    const TokenVerdict verdict = judge_tokens(attribute(node, name));
    if (verdict.negative) hints.weight -= 25;
    if (verdict.positive) hints.weight += 25;
    if (verdict.clutter && !verdict.positive) hints.clutter = true;
    if (verdict.always && !verdict.positive) hints.always_clutter = true;
  }
  // The page's own outer containers are never furniture, whatever their class says.
  if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_ARTICLE ||
      tag == GUMBO_TAG_MAIN || role == "main" || role == "article") {
    hints.clutter = false;
    hints.always_clutter = false;
  }
  return hints;
}

bool is_standfirst_element(const GumboNode* node) {
  static constexpr std::array<std::string_view, 13> kStandfirst = {
      "standfirst", "dek",   "deck",    "lede",   "summary",     "subtitle", "subheadline",
      "strapline",  "intro", "excerpt", "teaser", "description", "sapo"};
  for (const char* name : {"class", "id"}) {
    const std::string value = lower_ascii(attribute(node, name));
    std::size_t start = 0;
    while (start < value.size()) {
      std::size_t end = start;
      while (end < value.size() && std::isalnum(static_cast<unsigned char>(value[end]))) ++end;
      if (end > start && in(std::string_view(value).substr(start, end - start), kStandfirst)) {
        return true;
      }
      start = end + 1;
    }
  }
  return false;
}

bool is_block_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_UNKNOWN:
      return true;
    default:
      return false;
  }
}

double tag_base_score(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_MAIN:
      return 5;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BLOCKQUOTE:
      return 3;
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_FORM:
      return -3;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TH:
      return -5;
    default:
      return 0;
  }
}

}  // namespace narrate::extract
