// extract/html_extractor.cpp - HTML page -> Document: pick the article's container, clean it
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "extract/article_edges.hpp"
#include "extract/clutter.hpp"
#include "extract/extract.hpp"
#include "extract/html_blocks.hpp"
#include "extract/html_dom.hpp"
#include "extract/html_scoring.hpp"
#include "extract/html_teasers.hpp"
#include "extract/language.hpp"
#include "extract/text_util.hpp"

namespace narrate::extract {
namespace {

// Below this many characters of body the strict pass is distrusted and retried.
constexpr std::size_t kMinBodyChars = 250;
// Below this the page is read again without class names when they removed something.
constexpr std::size_t kRetryBodyChars = 1000;

bool is_element(const GumboNode* node) {
  return node != nullptr && node->type == GUMBO_NODE_ELEMENT;
}

GumboTag tag_of(const GumboNode* node) {
  return is_element(node) ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
}

// A rival candidate replaces the top one when it scores at least this share of it and holds
// this many times its prose (and at least kRivalMinProse characters).
constexpr double kRivalScoreShare = 0.6;
constexpr std::size_t kRivalProseRatio = 2;
constexpr std::size_t kRivalMinProse = 400;

// A box under the title's <h1> replaces a top box under another <h1> from this share of its
// score up.
constexpr double kTitleStretchScoreShare = 0.2;

// Letters outside links that make a link-heavy block a sentence of its own (eight words or so).
constexpr std::size_t kPlainSentenceChars = 40;

// A link-heavy block is a link list, unless a sentence of its own runs around the links.
bool reads_as_sentence(const TextBlock& block) {
  return plain_chars(block) >= kPlainSentenceChars && ends_sentence(block.text);
}

bool is_table_part(GumboTag tag) {
  return tag == GUMBO_TAG_TR || tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH ||
         tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TFOOT;
}

// The blocks chosen as the article, with what cleaning learned on the way.
struct Selection {
  std::vector<std::size_t> blocks;
  std::string byline;
  std::size_t chars = 0;
  bool index = false;  // the page is a front page or section page: no article at all
};

class ContentSelector {
 public:
  ContentSelector(const FlatPage& page, std::string_view title)
      : page_(page), sums_(page.blocks), title_key_(comparison_key(title)) {}

  Selection select() {
    score_paragraphs();
    const GumboNode* top = best_candidate();
    if (top == nullptr) return {};
    std::vector<const GumboNode*> parts = with_siblings(top);
    Selection selection = clean(parts);
    selection.index = judge_teasers(selection);
    return selection;
  }

 private:
  const Container* container(const GumboNode* node) const {
    const auto it = page_.index.find(node);
    return it == page_.index.end() ? nullptr : &page_.containers[it->second];
  }

  // Readability's rule: each paragraph of prose lends its score to its parent (whole), its
  // grandparent (half) and further ancestors (a third per level).
  void score_paragraphs() {
    for (const TextBlock& block : page_.blocks) {
      // A <p> inside a list item is prose all the same: blog themes wrap whole posts in <li>.
      const bool paragraph =
          block.kind == BlockKind::Paragraph ||
          ((block.kind == BlockKind::ListItem || block.kind == BlockKind::Quote) &&
           tag_of(block.owner) == GUMBO_TAG_P);
      if (!paragraph || block.chars < 25 || !is_element(block.owner)) continue;
      const double score = 1.0 + double(comma_count(block.text)) +
                           double(std::min<std::size_t>(block.chars / 100, 3));
      // A <p> lends to its parent; text run loose in a <div> is a paragraph of the div itself.
      const GumboTag owner_tag = tag_of(block.owner);
      const GumboNode* node =
          owner_tag == GUMBO_TAG_P || owner_tag == GUMBO_TAG_PRE || owner_tag == GUMBO_TAG_TR
              ? block.owner->parent
              : block.owner;
      for (int level = 0; level < 5 && is_element(node); ++level, node = node->parent) {
        auto [it, inserted] = scores_.try_emplace(node, 0.0);
        if (inserted) {
          const Container* c = container(node);
          it->second = tag_base_score(tag_of(node)) + (c != nullptr ? c->weight : 0);
        }
        it->second += score / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0);
      }
    }
  }

  double final_score(const GumboNode* node) const {
    const auto it = scores_.find(node);
    const Container* c = container(node);
    if (it == scores_.end() || c == nullptr) return 0.0;
    return it->second * (1.0 - sums_.link_density(c->range));
  }

  bool holds_h1(BlockRange range) const {
    for (std::size_t i = range.first; i < range.end; ++i) {
      if (page_.blocks[i].heading_level == 1) return true;
    }
    return false;
  }

  // Characters of a range outside links.
  std::size_t plain_text_chars(BlockRange range) const {
    const std::size_t chars = sums_.chars(range);
    return chars - std::size_t(double(chars) * sums_.link_density(range));
  }

  bool contains(const GumboNode* ancestor, const GumboNode* node) const {
    for (; node != nullptr; node = node->parent) {
      if (node == ancestor) return true;
    }
    return false;
  }

  const GumboNode* best_candidate() {
    std::vector<std::pair<double, const GumboNode*>> ranked;
    for (const auto& [node, raw] : scores_) ranked.emplace_back(final_score(node), node);
    if (ranked.empty()) {
      // No prose paragraph anywhere: take whatever the body holds.
      for (const Container& c : page_.containers) {
        if (tag_of(c.node) == GUMBO_TAG_BODY) return c.node;
      }
      return page_.containers.empty() ? nullptr : page_.containers.back().node;
    }
    demote_repeated(ranked);
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    const GumboNode* top = ranked.front().second;
    top_score_ = ranked.front().first;
    top = larger_rival(ranked, top);
    top = under_title(ranked, top);
    // When several strong candidates sit apart (an article split into sections), their common
    // ancestor is the article.
    std::vector<const GumboNode*> rivals;
    for (std::size_t i = 1; i < std::min<std::size_t>(ranked.size(), 5); ++i) {
      if (ranked[i].first >= 0.75 * top_score_) rivals.push_back(ranked[i].second);
    }
    if (rivals.size() >= 3 && !one_story_) {
      for (const GumboNode* up = top->parent; is_element(up) && tag_of(up) != GUMBO_TAG_BODY;
           up = up->parent) {
        const auto held = std::count_if(rivals.begin(), rivals.end(),
                                        [&](const GumboNode* r) { return contains(up, r); });
        if (held >= 3) {
          top = up;
          break;
        }
      }
    }
    // A table wins on its cells' prose (a recipe's steps, a long data table) even when it sits
    // inside the article: an enclosing container that scores well of its own is the article.
    if (tag_of(top) == GUMBO_TAG_TABLE || is_table_part(tag_of(top))) {
      const GumboNode* up = top->parent;
      for (int level = 0; level < 6 && is_element(up) && tag_of(up) != GUMBO_TAG_BODY;
           ++level, up = up->parent) {
        if (tag_of(up) == GUMBO_TAG_TABLE || is_table_part(tag_of(up))) continue;
        if (final_score(up) >= 0.4 * top_score_) {
          top = up;
          break;
        }
      }
    }
    // A wrapper holding nothing but the candidate's text is the same candidate.
    for (;;) {
      const GumboNode* up = top->parent;
      const Container* mine = container(top);
      const Container* theirs = container(up);
      if (!is_element(up) || tag_of(up) == GUMBO_TAG_BODY || tag_of(top) == GUMBO_TAG_BODY ||
          mine == nullptr || theirs == nullptr || theirs->range.first != mine->range.first ||
          theirs->range.end != mine->range.end) {
        break;
      }
      top = up;
    }
    return top;
  }

  // A box that wins on its class name with a line or two of prose, beside a close rival holding
  // several times as much, is a widget (a footer blurb, a teaser): the rival is the story.
  const GumboNode* larger_rival(const std::vector<std::pair<double, const GumboNode*>>& ranked,
                                const GumboNode* top) {
    const Container* mine = container(top);
    if (mine == nullptr) return top;
    const std::size_t own = sums_.prose_chars(mine->range);
    const GumboNode* best = top;
    std::size_t best_prose = std::max<std::size_t>(kRivalMinProse, own * kRivalProseRatio);
    for (std::size_t i = 1; i < std::min<std::size_t>(ranked.size(), 10); ++i) {
      if (ranked[i].first < kRivalScoreShare * top_score_) break;
      const GumboNode* node = ranked[i].second;
      const Container* c = container(node);
      if (c == nullptr || contains(node, top) || contains(top, node)) continue;
      const std::size_t prose = sums_.prose_chars(c->range);
      if (prose >= best_prose) {
        best = node;
        best_prose = prose;
      }
    }
    if (best != top) {
      top_score_ = final_score(best);
    }
    return best;
  }

  // Pages that load the next stories below the first (each under its own <h1>) can rank a
  // later story highest: when the top box sits under an <h1> other than the page's title and
  // an <h1> matching the title opens an earlier or later stretch, the best box in that stretch
  // is the article.
  const GumboNode* under_title(const std::vector<std::pair<double, const GumboNode*>>& ranked,
                               const GumboNode* top) {
    const Container* mine = container(top);
    if (mine == nullptr || title_key_.empty()) return top;
    std::vector<std::size_t> h1s;
    std::size_t title_h = page_.blocks.size();
    for (std::size_t i = 0; i < page_.blocks.size(); ++i) {
      if (page_.blocks[i].heading_level != 1) continue;
      h1s.push_back(i);
      if (title_h == page_.blocks.size() && comparison_key(page_.blocks[i].text) == title_key_) {
        title_h = i;
      }
    }
    if (title_h == page_.blocks.size() || h1s.size() < 2) return top;
    const BlockRange range = mine->range;
    if (range.first <= title_h && title_h < range.end) return top;
    // The <h1> the top box reads under: its own first one, or the last one before it.
    const std::size_t none = page_.blocks.size();
    std::size_t own_h = none;
    for (const std::size_t h : h1s) {
      if (h >= range.end) break;
      if (h < range.first || own_h == none || own_h < range.first) own_h = h;
      if (h >= range.first) break;
    }
    if (own_h == none || own_h == title_h) return top;
    // The title's stretch: after the <h1> before it, up to the <h1> after it.
    std::size_t stretch_first = 0;
    std::size_t stretch_end = none;
    for (const std::size_t h : h1s) {
      if (h < title_h) stretch_first = h + 1;
      if (h > title_h) {
        stretch_end = h;
        break;
      }
    }
    for (const auto& [score, node] : ranked) {
      if (score < kTitleStretchScoreShare * top_score_) break;
      const Container* c = container(node);
      if (c == nullptr || c->range.first < stretch_first || c->range.end > stretch_end ||
          c->range.end <= title_h + 1) {
        continue;
      }
      top_score_ = score;
      one_story_ = true;
      return node;
    }
    return top;
  }

  // A box whose text comes back word for word in other places is a template (a rating form
  // under every photo, a teaser card): the story appears once. Twice is allowed for pages that
  // hold a desktop and a mobile copy of the story.
  void demote_repeated(std::vector<std::pair<double, const GumboNode*>>& ranked) const {
    constexpr std::size_t kMinCopies = 3;
    // Wrappers round the same blocks share a range: copies are counted by where they start.
    std::unordered_map<std::size_t, std::unordered_set<std::size_t>> copies;
    std::vector<std::size_t> keys(ranked.size(), 0);
    const std::hash<std::string> hash;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      const Container* c = container(ranked[i].second);
      if (c == nullptr || c->range.first == c->range.end) continue;
      std::size_t key = c->range.end - c->range.first;
      for (std::size_t b = c->range.first; b < c->range.end; ++b) {
        key = key * 1000003u ^ hash(page_.blocks[b].text);
      }
      keys[i] = key;
      copies[key].insert(c->range.first);
    }
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      if (keys[i] != 0 && copies[keys[i]].size() >= kMinCopies) ranked[i].first = 0;
    }
  }

  // The candidate and those of its siblings that look like more of the same article.
  std::vector<const GumboNode*> with_siblings(const GumboNode* top) const {
    const GumboNode* parent = top->parent;
    if (!is_element(parent) || tag_of(top) == GUMBO_TAG_BODY) return {top};
    const double threshold = std::max(10.0, top_score_ * 0.2);
    const std::string_view top_class = attribute(top, "class");
    std::vector<const GumboNode*> parts;
    const GumboVector& children = parent->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* sibling = static_cast<const GumboNode*>(children.data[i]);
      if (sibling == top) {
        parts.push_back(sibling);
        continue;
      }
      const Container* c = container(sibling);
      if (c == nullptr) continue;
      if (one_story_ && holds_h1(c->range)) continue;  // the next story, under its own title
      double bonus = 0;
      if (!top_class.empty() && attribute(sibling, "class") == top_class) bonus = top_score_ * 0.2;
      const double density = sums_.link_density(c->range);
      const std::size_t chars = sums_.chars(c->range);
      const bool prose =
          c->range.end - c->range.first == 1 &&
          page_.blocks[c->range.first].kind == BlockKind::Paragraph &&
          ((chars > 80 && density < 0.25) ||
           (chars > 0 && density == 0 && ends_sentence(page_.blocks[c->range.first].text)));
      if (final_score(sibling) + bonus >= threshold || prose) parts.push_back(sibling);
    }
    return parts;
  }

  Selection clean(const std::vector<const GumboNode*>& parts) {
    std::vector<char> keep(page_.blocks.size(), 0);
    std::unordered_set<const GumboNode*> above;  // the parts and their ancestors
    std::size_t total_chars = 0;
    for (const GumboNode* part : parts) {
      const Container* c = container(part);
      if (c == nullptr) continue;
      std::fill(keep.begin() + long(c->range.first), keep.begin() + long(c->range.end), 1);
      total_chars += sums_.chars(c->range);
      for (const GumboNode* up = part; up != nullptr; up = up->parent) above.insert(up);
    }
    std::size_t total_prose = 0;
    std::size_t total_plain = 0;  // outside links
    for (const GumboNode* part : parts) {
      if (const Container* c = container(part)) {
        total_prose += sums_.prose_chars(c->range);
        total_plain += plain_text_chars(c->range);
      }
    }
    // Containers inside the article that read like furniture: link lists, thin boxes with a
    // clutter-ish class, forms. A box holding most of the article's prose is the article itself,
    // whatever links sit beside the prose in it (a dated, linked headline over a short story).
    for (const Container& c : page_.containers) {
      if (!keep[c.range.first] || above.count(c.node) != 0) continue;
      if (total_prose > 0 && sums_.prose_chars(c.range) * 2 > total_prose) continue;
      // The same by text outside links, for a story whose lines do not end like sentences.
      if (total_plain >= kMinBodyChars && plain_text_chars(c.range) * 2 > total_plain) continue;
      const double density = sums_.link_density(c.range);
      const std::size_t chars = sums_.chars(c.range);
      const GumboTag tag = tag_of(c.node);
      // Running text with a link or two is not a link box, however small.
      const bool prose = sums_.prose_chars(c.range) * 10 >= chars * 8;
      const bool one_sentence =
          c.range.end - c.range.first == 1 && reads_as_sentence(page_.blocks[c.range.first]);
      bool drop = density > 0.5 && !one_sentence;
      // A table row's class names its data ("player", "odd"), not furniture.
      if (c.weight < 0 && !is_table_part(tag) && (density > 0.2 || chars < 200) &&
          chars * 3 < total_chars) {
        drop = true;
      }
      if ((tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL || tag == GUMBO_TAG_DIV ||
           tag == GUMBO_TAG_SECTION) &&
          sums_.commas(c.range) < 10 &&
          ((c.weight < 25 && density > 0.2 && !prose) || (c.weight >= 25 && density > 0.5))) {
        drop = true;
      }
      if (tag == GUMBO_TAG_FORM && chars < 500) drop = true;
      if (drop) std::fill(keep.begin() + long(c.range.first), keep.begin() + long(c.range.end), 0);
    }
    Selection selection;
    bool title_seen = false;
    for (std::size_t i = 0; i < page_.blocks.size(); ++i) {
      if (!keep[i]) continue;
      const TextBlock& block = page_.blocks[i];
      if (block.kind == BlockKind::Heading && classify_line(block.text) == Clutter::ListHeader) {
        i = end_of_box(i, above, selection);
        continue;
      }
      if ((link_density(block) > 0.5 && !reads_as_sentence(block)) || block.heading_level == 1) {
        continue;
      }
      if (block.header != nullptr && above.count(block.header) == 0 &&
          (block.kind != BlockKind::Paragraph || block.chars < 80)) {
        continue;  // a header inside the article: kicker, title, date; a standfirst stays
      }
      const Clutter clutter = classify_line(block.text);
      if (clutter == Clutter::Byline && selection.byline.empty()) selection.byline = block.text;
      if (clutter != Clutter::None) continue;
      if (!title_seen && !title_key_.empty() && comparison_key(block.text) == title_key_) {
        title_seen = true;
        continue;
      }
      selection.blocks.push_back(i);
      selection.chars += block.chars;
    }
    add_standfirst(selection);
    // A heading with nothing after it introduces furniture that was removed.
    while (!selection.blocks.empty() &&
           page_.blocks[selection.blocks.back()].kind == BlockKind::Heading) {
      selection.chars -= page_.blocks[selection.blocks.back()].chars;
      selection.blocks.pop_back();
    }
    return selection;
  }

  // A "Related" or "You may also like" heading opens a box of links or teasers: when the box
  // (the heading's parent, or the first ancestor holding more than the heading) has nothing
  // selected before the heading, it goes whole. Returns the last block index to skip.
  std::size_t end_of_box(std::size_t heading, const std::unordered_set<const GumboNode*>& above,
                         const Selection& selection) const {
    const GumboNode* node = page_.blocks[heading].owner;
    for (int level = 0; level < 3 && is_element(node); ++level) {
      node = node->parent;
      const Container* box = container(node);
      if (box == nullptr || above.count(node) != 0) return heading;
      if (box->range.end == heading + 1 && box->range.first == heading) continue;
      if (!selection.blocks.empty() && selection.blocks.back() >= box->range.first) return heading;
      return box->range.end - 1;
    }
    return heading;
  }

  // Looks for link teasers in the selection. Returns true when the page is an index (front
  // page, section page, blog home): then nothing of it is an article. Otherwise drops the
  // teasers that trail the article ("next story" cards with their summaries).
  bool judge_teasers(Selection& selection) const {
    const std::vector<char> teasers = find_teasers(page_, sums_);
    SelectionShape shape;
    shape.chars = selection.chars;
    shape.declared_article = declares_article(page_.meta);
    shape.headed_article =
        !selection.blocks.empty() && in_headed_article(page_, selection.blocks.front());
    for (const char teaser : teasers) shape.page_teasers += teaser;
    for (const std::size_t i : selection.blocks) {
      if (teasers[i]) shape.teaser_chars += page_.blocks[i].chars;
    }
    if (is_index_page(page_, shape)) return true;
    std::size_t kept = selection.blocks.size();
    std::size_t trailing_chars = 0;
    while (kept > 0 && (teasers[selection.blocks[kept - 1]] ||
                        page_.blocks[selection.blocks[kept - 1]].kind == BlockKind::Heading)) {
      --kept;
      trailing_chars += page_.blocks[selection.blocks[kept]].chars;
    }
    // Cards after the article are a minority of it; when they are most of it, the article is a
    // list of them ("Ten walks for a wet weekend") and they stay.
    if (trailing_chars * 2 >= selection.chars) return false;
    selection.chars -= trailing_chars;
    selection.blocks.resize(kept);
    return false;
  }

  // The standfirst often sits in the article's header, outside the container the body was
  // found in: take it back when markup names it and it stands between the h1 and the body.
  void add_standfirst(Selection& selection) const {
    if (selection.blocks.empty()) return;
    const std::size_t first = selection.blocks.front();
    constexpr std::size_t kLookBack = 30;
    for (std::size_t i = first; i-- > 0 && first - i <= kLookBack;) {
      const TextBlock& block = page_.blocks[i];
      if (block.heading_level == 1) return;
      if (block.kind != BlockKind::Paragraph || block.chars < 40 ||
          block.link_chars * 4 > block.chars) {
        continue;
      }
      for (const GumboNode* node = block.owner;
           is_element(node) && node != page_.blocks[first].owner; node = node->parent) {
        if (is_standfirst_element(node)) {
          selection.blocks.insert(selection.blocks.begin(), i);
          selection.chars += block.chars;
          return;
        }
        if (tag_of(node) != GUMBO_TAG_P && tag_of(node) != GUMBO_TAG_DIV &&
            tag_of(node) != GUMBO_TAG_SPAN) {
          break;
        }
      }
    }
  }

  const FlatPage& page_;
  BlockSums sums_;
  std::string title_key_;
  std::unordered_map<const GumboNode*, double> scores_;
  double top_score_ = 0;
  bool one_story_ = false;  // the page holds several stories, each under its own <h1>
};

// The selected blocks, their text moved out of the page (which is not read afterwards).
std::vector<Block> take_blocks(FlatPage& page, const Selection& selection) {
  std::vector<Block> blocks;
  blocks.reserve(selection.blocks.size());
  for (const std::size_t i : selection.blocks) {
    blocks.push_back({page.blocks[i].kind, std::move(page.blocks[i].text)});
  }
  return blocks;
}

// The JSON-LD articleBody as blocks: one per non-empty line.
std::vector<Block> blocks_of_text(std::string_view body) {
  std::vector<Block> blocks;
  for (const std::string_view line : split_lines(body)) {
    std::string text = collapse_whitespace(line);
    if (!text.empty()) blocks.push_back({BlockKind::Paragraph, std::move(text)});
  }
  return blocks;
}

}  // namespace

Document extract_html(std::string_view html) {
  const PreparedHtml prepared = prepare_html(html);
  const GumboOutputPtr output = parse_html(prepared.html);
  FlatPage page = flatten_page(output->document, /*drop_by_class=*/true);
  page.meta.linked = read_linked_data(prepared.json_ld);

  Document document;
  document.title = choose_title(page.meta);
  Selection selection = ContentSelector(page, document.title).select();
  if (selection.chars < kRetryBodyChars && page.dropped_by_class) {
    // Class names can mislead ("has-sidebar" on the article's wrapper): look again without them.
    FlatPage relaxed = flatten_page(output->document, /*drop_by_class=*/false);
    relaxed.meta.linked = std::move(page.meta.linked);
    Selection second = ContentSelector(relaxed, document.title).select();
    // Below kMinBodyChars any gain is taken; above it only a body several times longer, so a
    // comment thread hidden by its class does not replace a short story.
    if (second.chars > selection.chars &&
        (selection.chars < kMinBodyChars || second.chars > 3 * selection.chars)) {
      page = std::move(relaxed);
      selection = std::move(second);
    }
  }
  if (selection.index) selection = Selection{};
  document.blocks = take_blocks(page, selection);
  drop_repeated_blocks(document.blocks);
  drop_edge_clutter(document.blocks);

  // JSON-LD is evidence, not truth: it replaces the extraction only when the page's own markup
  // yielded far less than the body the publisher declares.
  const std::string& declared = page.meta.linked.article_body;
  const std::size_t declared_chars = char_count(declared);
  if (declared_chars >= 500 && selection.chars * 10 < declared_chars * 4) {
    document.blocks = blocks_of_text(declared);
  }

  document.byline = choose_byline(page.meta, selection.byline);
  std::string language_tag;
  for (const std::string* tag :
       {&page.meta.html_lang, &page.meta.content_language, &page.meta.linked.language}) {
    language_tag = normalize_language_tag(*tag);
    if (!language_tag.empty()) break;
  }
  document.language = choose_language(language_tag, document.blocks);
  return document;
}

}  // namespace narrate::extract
