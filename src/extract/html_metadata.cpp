// extract/html_metadata.cpp - what a page says about its article: titles, author, language, JSON-LD
#include "extract/html_metadata.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "extract/text_util.hpp"

namespace narrate::extract {
namespace {

using nlohmann::json;

bool is_article_type(const json& type) {
  const auto matches = [](const json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    return s.ends_with("Article") || s == "BlogPosting" || s == "Report" ||
           s == "LiveBlogPosting" || s == "Article";
  };
  if (matches(type)) return true;
  if (type.is_array()) {
    for (const json& t : type) {
      if (matches(t)) return true;
    }
  }
  return false;
}

std::string string_of(const json& value) {
  if (value.is_string()) return collapse_whitespace(value.get_ref<const std::string&>());
  return {};
}

std::string author_names(const json& author) {
  std::vector<std::string> names;
  const auto add = [&](const json& one) {
    std::string name =
        one.is_object() && one.contains("name") ? string_of(one["name"]) : string_of(one);
    if (!name.empty() && name.find("://") == std::string::npos) names.push_back(std::move(name));
  };
  if (author.is_array()) {
    for (const json& one : author) add(one);
  } else {
    add(author);
  }
  std::string joined;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) joined += i + 1 == names.size() ? " and " : ", ";
    joined += names[i];
  }
  return joined;
}

// The headline with a trailing " | Site" or " - Site" removed: the longest of the parts.
std::string strip_site_name(std::string_view title) {
  static constexpr std::string_view kSeparators[] = {
      " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xB7 "};
  for (const std::string_view sep : kSeparators) {
    if (title.find(sep) == std::string_view::npos) continue;
    std::string_view best;
    std::size_t start = 0;
    while (start <= title.size()) {
      std::size_t end = title.find(sep, start);
      if (end == std::string_view::npos) end = title.size();
      const std::string_view part = trim(title.substr(start, end - start));
      if (part.size() > best.size()) best = part;
      if (end == title.size()) break;
      start = end + sep.size();
    }
    // A part of one or two words is the site's name, not the story's.
    if (word_count(best) >= 3) return std::string(best);
  }
  return std::string(title);
}

// True when a and b name the same story: equal keys, or one contains the other and covers
// most of it (sites add "| Site" or a kicker).
bool same_headline(std::string_view a, std::string_view b) {
  const std::string ka = comparison_key(a);
  const std::string kb = comparison_key(b);
  if (ka.empty() || kb.empty()) return false;
  if (ka == kb) return true;
  const std::string& shorter = ka.size() < kb.size() ? ka : kb;
  const std::string& longer = ka.size() < kb.size() ? kb : ka;
  return shorter.size() * 10 >= longer.size() * 6 && longer.find(shorter) != std::string::npos;
}

}  // namespace

LinkedData read_linked_data(const std::vector<std::string>& scripts) {
  LinkedData data;
  for (const std::string& script : scripts) {
    const json root = json::parse(script, nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) continue;
    // Explicit stack: a page may nest @graph arrays arbitrarily deep.
    std::vector<const json*> stack{&root};
    while (!stack.empty()) {
      const json* node = stack.back();
      stack.pop_back();
      if (node->is_array()) {
        for (auto it = node->rbegin(); it != node->rend(); ++it) stack.push_back(&*it);
        continue;
      }
      if (!node->is_object()) continue;
      if (node->contains("@type") && is_article_type((*node)["@type"])) {
        data.article = true;
        if (data.headline.empty() && node->contains("headline")) {
          data.headline = string_of((*node)["headline"]);
        }
        if (data.author.empty() && node->contains("author")) {
          data.author = author_names((*node)["author"]);
        }
        if (data.article_body.empty() && node->contains("articleBody")) {
          const json& body = (*node)["articleBody"];
          if (body.is_string()) data.article_body = body.get<std::string>();
        }
        if (data.language.empty() && node->contains("inLanguage")) {
          data.language = string_of((*node)["inLanguage"]);
        }
      }
      if (node->contains("@graph")) stack.push_back(&(*node)["@graph"]);
      if (node->contains("mainEntity")) stack.push_back(&(*node)["mainEntity"]);
    }
  }
  return data;
}

bool declares_article(const PageMeta& meta) {
  return meta.og_type == "article" || meta.linked.article;
}

std::string choose_title(const PageMeta& meta) {
  const std::string og = strip_site_name(meta.og_title);
  const std::string& ld = meta.linked.headline;
  const std::string tag = strip_site_name(meta.title_tag);
  for (const std::string& h1 : meta.h1s) {
    if (same_headline(h1, og) || same_headline(h1, ld) || same_headline(h1, tag) ||
        same_headline(h1, meta.title_tag)) {
      return h1;
    }
  }
  if (!og.empty()) return og;
  if (!ld.empty()) return ld;
  // A lone h1 of a few words is the headline even when <title> says something else.
  if (meta.h1s.size() == 1 && word_count(meta.h1s.front()) >= 3) return meta.h1s.front();
  if (!tag.empty()) return tag;
  return meta.h1s.empty() ? std::string() : meta.h1s.front();
}

std::string choose_byline(const PageMeta& meta, std::string_view body_byline) {
  if (!meta.linked.author.empty()) return meta.linked.author;
  if (!meta.author.empty()) return meta.author;
  if (!body_byline.empty()) {
    std::string_view line = trim(body_byline);
    if (starts_with_ci(line, "by ")) line = trim(line.substr(3));
    return std::string(line);
  }
  return {};
}

std::string normalize_language_tag(std::string_view tag) {
  std::string out(trim(tag));
  for (char& c : out) {
    if (c == '_') c = '-';
  }
  if (out.size() < 2 || out.size() > 35) return {};
  for (const char c : out) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return {};
  }
  // Primary subtag lowercase, region uppercase: "EN-us" -> "en-US".
  const std::size_t dash = out.find('-');
  for (std::size_t i = 0; i < out.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(out[i]);
    out[i] = static_cast<char>(i < dash ? std::tolower(c)
                                        : (out.size() - dash == 3 ? std::toupper(c) : c));
  }
  return out;
}

}  // namespace narrate::extract
