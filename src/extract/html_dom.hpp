// extract/html_dom.hpp - gumbo behind RAII, the pre-pass that makes pages safe and cheap to parse
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace narrate::extract {

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const noexcept;
};
using GumboOutputPtr = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

/// A page reduced to what the tree builder needs, with the JSON-LD scripts set aside.
struct PreparedHtml {
  std::string html;                  ///< markup without comments, scripts, styles, SVG, noscript
  std::vector<std::string> json_ld;  ///< bodies of <script type="application/ld+json">
};

/// Nesting deeper than this is flattened, as browsers do (Blink stops at 512): the tree
/// builder's scope checks walk the open-element stack, so 100,000 nested elements would cost
/// quadratic time.
inline constexpr int kMaxNestingDepth = 512;

/// The most markup handed to the tree builder, in bytes, once scripts, styles and comments are
/// gone. The largest page of the extraction benchmark keeps 190 KB; 8 MiB holds a long book.
/// gumbo builds about 5 MB of tree a second and a node costs more than its markup, so the cap
/// is what bounds time and memory on a 50 MB page: the markup after it is not read.
inline constexpr std::size_t kMaxMarkupBytes = 8u << 20;

/// JSON-LD scripts larger than this, or beyond this many, are not kept: a publisher's
/// articleBody is a few hundred KB at most, and a JSON tree costs ten times its text.
inline constexpr std::size_t kMaxJsonLdBytes = 2u << 20;
inline constexpr std::size_t kMaxJsonLdScripts = 16;

/// Strips comments, script/style/svg/math/noscript/template bodies (keeping JSON-LD aside),
/// keeps only the attributes the extractor reads, drops start/end tags nested deeper than
/// kMaxNestingDepth. Linear in the input; never throws on malformed or truncated markup, but
/// throws Error(SourceUnreadable) "the page is too large" when more than kMaxMarkupBytes of
/// markup would be kept and text follows: a page is read whole or refused, never cut silently.
PreparedHtml prepare_html(std::string_view raw);

/// Parses prepared HTML with gumbo (parse errors are not recorded). Never returns null.
GumboOutputPtr parse_html(std::string_view html);

/// The value of an element's attribute, or "" when absent (or when node is not an element).
std::string_view attribute(const GumboNode* node, const char* name);

/// True for an element the page hides: hidden, aria-hidden="true", display:none or
/// visibility:hidden in its inline style.
bool is_hidden_element(const GumboNode* node);

}  // namespace narrate::extract
