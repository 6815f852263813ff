// extract/html_blocks.cpp - the parsed page flattened into text blocks, with what scoring needs
#include "extract/html_blocks.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "extract/html_dom.hpp"
#include "extract/html_scoring.hpp"
#include "extract/text_util.hpp"

namespace narrate::extract {
namespace {

constexpr char kLineBreak = '\x01';  // a <br> in the text buffer, resolved at flush time

// What the ancestors of a node say about the text inside it.
struct Context {
  const GumboNode* owner = nullptr;
  const GumboNode* weak = nullptr;
  const GumboNode* header = nullptr;
  BlockKind kind = BlockKind::Paragraph;
  int heading = 0;
  bool link = false;
};

struct Frame {
  const GumboNode* node = nullptr;
  unsigned next_child = 0;
  Context context;
  bool block = false;
  std::size_t first_block = 0;
  int weight = 0;
};

const GumboVector* children_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
    return &node->v.element.children;
  }
  return nullptr;
}

// Text of a small subtree, visiting at most max_nodes nodes (a <title>, a <sup>).
std::string small_text(const GumboNode* node, std::size_t max_nodes) {
  std::string text;
  std::vector<std::pair<const GumboNode*, unsigned>> stack{{node, 0}};
  std::size_t visited = 0;
  while (!stack.empty() && visited < max_nodes) {
    auto& [current, next] = stack.back();
    const GumboVector* children = children_of(current);
    if (children == nullptr || next >= children->length) {
      stack.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children->data[next++]);
    ++visited;
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
        child->type == GUMBO_NODE_CDATA) {
      text += child->v.text.text;
    } else if (child->type == GUMBO_NODE_ELEMENT) {
      stack.emplace_back(child, 0);
    }
  }
  return collapse_whitespace(text);
}

// A footnote marker: <sup><a href="#fn1">1</a></sup> or <sup>[2]</sup>.
bool is_footnote_marker(const GumboNode* sup) {
  const std::string text = small_text(sup, 16);
  std::string_view t = text;
  if (t.size() >= 2 && t.front() == '[' && t.back() == ']') t = t.substr(1, t.size() - 2);
  if (t.empty() || t.size() > 4) return false;
  const GumboVector& children = sup->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_A &&
        attribute(child, "href").starts_with("#")) {
      return true;
    }
  }
  if (text.front() != '[') return false;
  for (const char c : t) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The collapsed text with each kLineBreak marker turned into '\n', without spaces beside it;
// markers at either end go.
std::string with_line_breaks(const std::string& collapsed) {
  if (collapsed.find(kLineBreak) == std::string::npos) return collapsed;
  std::string out;
  out.reserve(collapsed.size());
  for (std::size_t i = 0; i < collapsed.size(); ++i) {
    const char c = collapsed[i];
    if (c == kLineBreak) {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
      if (!out.empty()) out.push_back('\n');
      while (i + 1 < collapsed.size() &&
             (collapsed[i + 1] == ' ' || collapsed[i + 1] == kLineBreak))
        ++i;
      continue;
    }
    out.push_back(c);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// Code points of a block other than spaces: the unit link_chars is counted in.
std::size_t visible_chars(const TextBlock& block) {
  const auto spaces =
      static_cast<std::size_t>(std::count(block.text.begin(), block.text.end(), ' '));
  return block.chars > spaces ? block.chars - spaces : 0;
}

// What a small subtree holds: its links and whether any letter stands outside them.
struct LinkCount {
  int anchors = 0;
  std::size_t link_bytes = 0;
  bool plain_text = false;  // a letter or digit outside every link
  bool too_big = false;     // more nodes than were looked at
};

// A letter or digit: ASCII alphanumerics, and lead bytes of non-Latin-1-symbol code points
// (U+00C0 on, except the general punctuation block at E2).
bool is_letter_byte(unsigned char c) { return std::isalnum(c) || (c >= 0xC3 && c != 0xE2); }

LinkCount count_links(const GumboNode* root, std::size_t max_nodes) {
  LinkCount count;
  // (node, next child, inside a link)
  std::vector<std::tuple<const GumboNode*, unsigned, bool>> stack{{root, 0, false}};
  std::size_t visited = 0;
  while (!stack.empty()) {
    auto& [node, next, in_link] = stack.back();
    const GumboVector* children = children_of(node);
    if (children == nullptr || next >= children->length) {
      stack.pop_back();
      continue;
    }
    const bool link = in_link;
    const auto* child = static_cast<const GumboNode*>(children->data[next++]);
    if (++visited > max_nodes) {
      count.too_big = true;
      return count;
    }
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA) {
      const std::string_view text = child->v.text.text;
      if (link) {
        count.link_bytes += text.size();
      } else {
        for (const char c : text) {
          count.plain_text = count.plain_text || is_letter_byte(static_cast<unsigned char>(c));
        }
      }
    } else if (child->type == GUMBO_NODE_ELEMENT) {
      const bool anchor = child->v.element.tag == GUMBO_TAG_A;
      count.anchors += anchor ? 1 : 0;
      stack.emplace_back(child, 0, link || anchor);
    }
  }
  return count;
}

// Three links or more and nothing else, in a small subtree.
bool is_link_cluster(const GumboNode* node) {
  constexpr std::size_t kMaxNodes = 300;
  const LinkCount count = count_links(node, kMaxNodes);
  return !count.too_big && count.anchors >= 3 && !count.plain_text && count.link_bytes >= 40;
}

// An inline run of links with no word between them, set inside a sentence: a hover card of
// "more by this person", an inline share bar. Only the innermost such element goes, so a link
// that names someone in the sentence stays while its pop-up does not.
bool is_inline_link_cluster(const GumboNode* node) {
  if (!is_link_cluster(node)) return false;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag != GUMBO_TAG_A &&
        is_link_cluster(child)) {
      return false;
    }
  }
  return true;
}

// Elements that hold running text, where an inline link cluster is out of place.
bool holds_running_text(const GumboNode* owner) {
  if (owner == nullptr || owner->type != GUMBO_NODE_ELEMENT) return false;
  switch (owner->v.element.tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE:
      return true;
    default:
      return false;
  }
}

class Flattener {
 public:
  explicit Flattener(bool drop_by_class) : drop_by_class_(drop_by_class) {}

  FlatPage run(const GumboNode* root) {
    std::vector<Frame> stack;
    Frame top;
    top.node = root;
    top.block = true;
    stack.push_back(top);
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const GumboVector* children = children_of(frame.node);
      if (children != nullptr && frame.next_child < children->length) {
        const auto* child = static_cast<const GumboNode*>(children->data[frame.next_child++]);
        visit(child, frame, stack);  // may push: frame is not used after this
        continue;
      }
      leave(frame);
      stack.pop_back();
    }
    flush();
    return std::move(page_);
  }

 private:
  void visit(const GumboNode* node, const Frame& parent, std::vector<Frame>& stack) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
        append_text(node->v.text.text, parent.context);
        return;
      case GUMBO_NODE_WHITESPACE:
        buffer_.push_back(' ');
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        break;
      default:
        return;
    }
    const GumboTag tag = node->v.element.tag;
    switch (tag) {
      case GUMBO_TAG_HTML:
        page_.meta.html_lang = std::string(attribute(node, "lang"));
        break;
      case GUMBO_TAG_HEAD:
        read_head(node);
        return;
      case GUMBO_TAG_META:
        read_meta(node);
        return;
      case GUMBO_TAG_BR:
        buffer_.push_back(kLineBreak);
        return;
      case GUMBO_TAG_HR:
        flush();
        return;
      case GUMBO_TAG_IMG:
        return;
      case GUMBO_TAG_TD:
      case GUMBO_TAG_TH:
        buffer_.push_back(' ');  // cells of a row read as one line
        break;
      case GUMBO_TAG_SUP:
        if (is_footnote_marker(node)) return;
        break;
      default:
        break;
    }
    if (tag != GUMBO_TAG_A && !is_block_tag(tag) && holds_running_text(parent.context.owner) &&
        is_inline_link_cluster(node)) {
      return;
    }
    const ElementHints hints = element_hints(node);
    if (hints.structural || is_hidden_element(node)) return;
    if (hints.clutter) {
      page_.dropped_by_class = true;
      if (drop_by_class_ || hints.always_clutter) return;
    }
    Frame frame;
    frame.node = node;
    frame.context = parent.context;
    frame.weight = hints.weight;
    frame.block = is_block_tag(tag);
    Context& context = frame.context;
    if (hints.weight < 0) context.weak = node;
    switch (tag) {
      case GUMBO_TAG_H1:
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
      case GUMBO_TAG_H5:
      case GUMBO_TAG_H6:
        context.heading = 1 + static_cast<int>(tag - GUMBO_TAG_H1);
        break;
      case GUMBO_TAG_LI:
      case GUMBO_TAG_DD:
      case GUMBO_TAG_DT:
        context.kind = BlockKind::ListItem;
        break;
      case GUMBO_TAG_BLOCKQUOTE:
        context.kind = BlockKind::Quote;
        break;
      case GUMBO_TAG_A:
        // <a name="part2"> round a section is a bookmark, not a link (an <a> with neither
        // href nor name is taken for a script's link).
        context.link = context.link ||
                       gumbo_get_attribute(&node->v.element.attributes, "href") != nullptr ||
                       gumbo_get_attribute(&node->v.element.attributes, "name") == nullptr;
        break;
      case GUMBO_TAG_HEADER:
        context.header = node;
        break;
      default:
        break;
    }
    if (frame.block) {
      flush();
      context.owner = node;
    }
    frame.first_block = page_.blocks.size();
    stack.push_back(frame);
  }

  void leave(const Frame& frame) {
    if (frame.block) flush();
    if (page_.blocks.size() > frame.first_block) {
      page_.index[frame.node] = page_.containers.size();
      page_.containers.push_back(
          {frame.node, {frame.first_block, page_.blocks.size()}, frame.weight});
    }
  }

  void read_head(const GumboNode* head) {
    const GumboVector& children = head->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type != GUMBO_NODE_ELEMENT) continue;
      if (child->v.element.tag == GUMBO_TAG_META) read_meta(child);
      if (child->v.element.tag == GUMBO_TAG_TITLE && page_.meta.title_tag.empty()) {
        page_.meta.title_tag = small_text(child, 8);
      }
    }
  }

  void read_meta(const GumboNode* meta) {
    const std::string key =
        lower_ascii(attribute(meta, "property").empty() ? attribute(meta, "name")
                                                        : attribute(meta, "property"));
    const std::string_view content = attribute(meta, "content");
    PageMeta& m = page_.meta;
    if ((key == "og:title" || key == "twitter:title") && m.og_title.empty()) {
      m.og_title = collapse_whitespace(content);
    } else if (key == "og:type" && m.og_type.empty()) {
      m.og_type = lower_ascii(trim(content));
    } else if ((key == "author" || key == "article:author" || key == "byl") && m.author.empty() &&
               content.find("://") == std::string_view::npos) {
      m.author = collapse_whitespace(content);
    } else if (equals_ci(attribute(meta, "http-equiv"), "content-language") &&
               m.content_language.empty()) {
      m.content_language = std::string(trim(content));
    }
  }

  void append_text(std::string_view text, const Context& context) {
    if (!started_) {
      const std::string_view visible = trim(text);
      if (visible.empty()) {
        buffer_.append(text);
        return;
      }
      started_ = true;
      buffer_context_ = context;
    }
    buffer_.append(text);
    if (context.link) {
      for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u & 0xC0) != 0x80 && !std::isspace(u)) ++buffer_links_;
      }
    }
  }

  // Ends the current block: splits it at doubled <br>, collapses whitespace, stores the parts.
  void flush() {
    if (!started_) {
      buffer_.clear();
      return;
    }
    std::vector<std::string> parts(1);
    for (std::size_t i = 0; i < buffer_.size(); ++i) {
      if (buffer_[i] != kLineBreak) {
        parts.back().push_back(buffer_[i]);
        continue;
      }
      int breaks = 1;
      std::size_t j = i + 1;
      while (j < buffer_.size() &&
             (buffer_[j] == kLineBreak || std::isspace(static_cast<unsigned char>(buffer_[j])))) {
        if (buffer_[j] == kLineBreak) ++breaks;
        ++j;
      }
      if (breaks >= 2) {
        parts.emplace_back();
      } else {
        // One <br> ends a line (an address, a verse, a list of ingredients): kept as a line
        // break, which the segmenter reads as the end of a sentence when the line is not
        // running prose.
        parts.back().push_back(kLineBreak);
      }
      i = j - 1;
    }
    std::size_t total_chars = 0;
    std::vector<std::string> texts;
    for (const std::string& part : parts) {
      std::string text = with_line_breaks(collapse_whitespace(part));
      if (text.empty()) continue;
      total_chars += char_count(text);
      texts.push_back(std::move(text));
    }
    for (std::string& text : texts) {
      TextBlock block;
      block.chars = char_count(text);
      block.link_chars = total_chars == 0 ? 0 : buffer_links_ * block.chars / total_chars;
      block.text = std::move(text);
      block.owner = buffer_context_.owner;
      block.weak_container = buffer_context_.weak;
      block.header = buffer_context_.header;
      block.heading_level = buffer_context_.heading;
      block.kind = buffer_context_.heading > 0 ? BlockKind::Heading : buffer_context_.kind;
      if (block.heading_level == 1) page_.meta.h1s.push_back(block.text);
      page_.blocks.push_back(std::move(block));
    }
    buffer_.clear();
    buffer_links_ = 0;
    started_ = false;
  }

  bool drop_by_class_;
  FlatPage page_;
  std::string buffer_;
  std::size_t buffer_links_ = 0;
  Context buffer_context_;
  bool started_ = false;
};

}  // namespace

std::size_t plain_chars(const TextBlock& block) {
  const std::size_t visible = visible_chars(block);
  return visible > block.link_chars ? visible - block.link_chars : 0;
}

bool is_prose(const TextBlock& block) {
  return (block.kind == BlockKind::Paragraph || block.kind == BlockKind::ListItem) &&
         plain_chars(block) * 2 > visible_chars(block) && word_count(block.text) >= 6 &&
         ends_sentence(block.text);
}

BlockSums::BlockSums(const std::vector<TextBlock>& blocks)
    : chars_(blocks.size() + 1),
      links_(blocks.size() + 1),
      commas_(blocks.size() + 1),
      prose_(blocks.size() + 1) {
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    chars_[i + 1] = chars_[i] + blocks[i].chars;
    links_[i + 1] = links_[i] + blocks[i].link_chars;
    commas_[i + 1] = commas_[i] + comma_count(blocks[i].text);
    prose_[i + 1] = prose_[i] + (is_prose(blocks[i]) ? blocks[i].chars : 0);
  }
}

double BlockSums::link_density(BlockRange r) const {
  const std::size_t c = chars(r);
  return c == 0 ? 0.0 : double(links_[r.end] - links_[r.first]) / double(c);
}

FlatPage flatten_page(const GumboNode* root, bool drop_by_class) {
  return Flattener(drop_by_class).run(root);
}

}  // namespace narrate::extract
