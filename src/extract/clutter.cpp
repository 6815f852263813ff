// extract/clutter.cpp - recognises the lines of page furniture that are never article text
#include "extract/clutter.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "extract/text_util.hpp"

namespace narrate::extract {
namespace {

// The line lowercased, without trailing ':' '.' '|' and spaces, for exact comparisons.
std::string key_of(std::string_view line) {
  std::string key = lower_ascii(trim(line));
  while (!key.empty() && (key.back() == ':' || key.back() == '.' || key.back() == ' ' ||
                          key.back() == '|' || key.back() == '>')) {
    key.pop_back();
  }
  return key;
}

template <std::size_t N>
bool in(const std::string& key, const std::array<std::string_view, N>& list) {
  for (const std::string_view item : list) {
    if (key == item) return true;
  }
  return false;
}

template <std::size_t N>
bool starts_any(std::string_view key, const std::array<std::string_view, N>& list) {
  for (const std::string_view item : list) {
    if (key.substr(0, item.size()) == item) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 24> kAdLines = {
    "advertisement", "advertising", "anzeige", "werbung", "publicidad", "publicité",
    "publicite", "pubblicità", "advertentie", "reklame", "ad", "ads", "sponsored",
    "sponsored content", "paid content", "paid post", "story continues below",
    "story continues below advertisement", "article continues below", "article continues below advertisement",
    "continue reading below", "scroll to continue with content", "skip advertisement",
    "advertisement - scroll to continue"};

constexpr std::array<std::string_view, 19> kShareLines = {
    "share", "share this", "share this article", "share this story", "share article",
    "share story", "share on facebook", "share on twitter", "share via email", "tweet",
    "copy link", "link copied", "copied", "save", "save article", "print", "email",
    "gift this article", "share full article"};

constexpr std::array<std::string_view, 22> kSocialWords = {
    "facebook", "twitter", "x", "linkedin", "whatsapp", "email", "e-mail", "mail", "reddit",
    "pinterest", "telegram", "messenger", "print", "copy", "link", "share", "flipboard",
    "threads", "bluesky", "sms", "tumblr", "comments"};

constexpr std::array<std::string_view, 38> kListHeaders = {
    "related", "related articles", "related stories", "related content", "related news",
    "related coverage", "related topics", "related links", "more on this story",
    "more on this topic", "most popular", "most read", "most viewed", "most shared",
    "trending", "trending now", "read more", "read next", "recommended",
    "recommended for you", "recommended stories", "you may also like", "you might also like",
    "more stories", "top stories", "editor's picks", "editors' picks", "see also", "also read",
    "more from this section", "mehr zum thema", "lesen sie auch", "lire aussi",
    "à lire aussi", "te puede interesar", "leer más", "latest news", "more news"};

constexpr std::array<std::string_view, 10> kLinkPrefixes = {
    "related:", "read more:", "read also:", "also read:", "see also:", "recommended:",
    "read:", "watch:", "more:", "lesen sie auch:"};

constexpr std::array<std::string_view, 12> kCommentLines = {
    "comments", "comment", "show comments", "view comments", "add a comment",
    "leave a comment", "post a comment", "join the conversation", "join the discussion",
    "load comments", "read comments", "discussion"};

constexpr std::array<std::string_view, 14> kLegalPrefixes = {
    "©", "(c) ", "copyright ©", "copyright (c)", "we use cookies", "this site uses cookies",
    "this website uses cookies", "by continuing to use", "accept cookies", "accept all cookies",
    "cookie settings", "cookie policy", "manage cookies", "manage preferences"};

constexpr std::array<std::string_view, 8> kLegalLines = {
    "privacy policy", "terms of use", "terms of service", "terms and conditions",
    "accept", "accept all", "reject all", "all rights reserved"};

constexpr std::array<std::string_view, 8> kWidgetLines = {
    "select voice", "choose your listening speed", "get through articles 2x faster",
    "listen to this article", "listen to article", "listen to this story", "play article",
    "audio is not supported"};

constexpr std::array<std::string_view, 11> kWeakWidgetWords = {
    "slow", "average", "fast", "normal", "faster", "slower", "play", "pause", "speed",
    "listen", "voice"};

constexpr std::array<std::string_view, 10> kCreditMarkers = {
    "photo:", "photos:", "photograph:", "image:", "illustration:", "picture:", "credit:",
    "foto:", "bild:", "graphic:"};

constexpr std::array<std::string_view, 7> kCreditEndings = {
    "getty images", "shutterstock", "alamy", "ap photo)", "/ reuters", "via reuters",
    "/ afp"};

bool is_number_unit(const std::string& key, std::string_view unit) {
  // "1.25x", "250 wpm": digits (with one '.') then the unit.
  std::size_t i = 0;
  bool digits = false;
  while (i < key.size() && (std::isdigit(static_cast<unsigned char>(key[i])) || key[i] == '.')) {
    digits = digits || key[i] != '.';
    ++i;
  }
  return digits && trim(std::string_view(key).substr(i)) == unit;
}

bool is_reading_time(const std::string& key) {
  constexpr std::array<std::string_view, 7> kPrefixes = {
      "reading time", "read time", "lesezeit", "temps de lecture", "tiempo de lectura",
      "tempo di lettura", "leestijd"};
  if (key.size() < 40 && starts_any(key, kPrefixes)) return true;
  // "4 min read", "5 minute read", "3 mins read"
  if (key.size() < 24 && !key.empty() && std::isdigit(static_cast<unsigned char>(key[0])) &&
      (key.ends_with("min read") || key.ends_with("mins read") || key.ends_with("minute read") ||
       key.ends_with("minutes read") || key.ends_with("min. read"))) {
    return true;
  }
  return false;
}

bool is_social_line(const std::string& key) {
  std::size_t words = 0;
  std::size_t start = 0;
  while (start < key.size()) {
    std::size_t end = key.find_first_of(" /|,", start);
    if (end == std::string::npos) end = key.size();
    const std::string word = key.substr(start, end - start);
    if (!word.empty()) {
      if (!in(word, kSocialWords)) return false;
      ++words;
    }
    start = end + 1;
  }
  return words >= 2;
}

bool is_credit(std::string_view line, const std::string& key) {
  if (key.size() > 400) return false;
  for (const std::string_view marker : kCreditMarkers) {
    const std::size_t pos = key.rfind(marker);
    if (pos == std::string::npos) continue;
    // The marker opens the line or follows the caption's own sentence.
    const bool at_start = pos == 0;
    const bool after_sentence = pos >= 2 && key[pos - 1] == ' ' &&
                                (ends_with_punctuation(key.substr(0, pos - 1)) ||
                                 key[pos - 2] == ')');
    if (!at_start && !after_sentence) continue;
    const std::string_view credit = trim(std::string_view(key).substr(pos + marker.size()));
    if (!credit.empty() && word_count(credit) <= 8 && credit.find(". ") == std::string_view::npos) {
      return true;
    }
  }
  if (key.starts_with("photo by ") || key.starts_with("photograph by ") ||
      key.starts_with("image by ") || key.starts_with("photo credit")) {
    return word_count(line) <= 10;
  }
  for (const std::string_view ending : kCreditEndings) {
    if (key.ends_with(ending)) return true;
  }
  return false;
}

bool is_newsletter(const std::string& key) {
  constexpr std::array<std::string_view, 8> kPrefixes = {
      "sign up for", "sign up to", "subscribe to", "get our", "enter your email",
      "by signing up", "thank you for signing up", "get the latest"};
  if (key == "sign up" || key == "subscribe" || key == "newsletter" || key == "subscribe now") {
    return true;
  }
  if (!starts_any(key, kPrefixes) || key.size() > 200) return false;
  return key.find("newsletter") != std::string::npos || key.find("email") != std::string::npos ||
         key.find("inbox") != std::string::npos || key.find("briefing") != std::string::npos ||
         key.find("alerts") != std::string::npos || key.find("our ") != std::string::npos ||
         word_count(key) <= 6;
}

bool is_byline(std::string_view line, const std::string& key) {
  // "By Jane Doe", "By Jane Doe 2 May 2024, 9:15 a.m.": a name, perhaps a date, no sentence.
  if (!key.starts_with("by ") || word_count(line) > 12) return false;
  if (ends_sentence(line) && key.find_first_of("0123456789") == std::string::npos) return false;
  // "By Jane Doe and John Roe": the name starts with a capital letter.
  const std::string_view rest = trim(trim(line).substr(3));
  return !rest.empty() && (std::isupper(static_cast<unsigned char>(rest[0])) ||
                           static_cast<unsigned char>(rest[0]) >= 0x80);
}

}  // namespace

Clutter classify_line(std::string_view line) {
  const std::string key = key_of(line);
  if (key.empty()) return Clutter::None;
  if (key.size() > 600) return Clutter::None;  // only short lines are furniture
  if (in(key, kAdLines)) return Clutter::Ad;
  if (is_reading_time(key)) return Clutter::ReadingTime;
  if (key.starts_with("why you can trust") || key.starts_with("why trust ")) {
    return key.size() < 60 ? Clutter::Trust : Clutter::None;
  }
  if (in(key, kWidgetLines) || is_number_unit(key, "x") || is_number_unit(key, "wpm")) {
    return Clutter::Widget;
  }
  if (in(key, kShareLines) || is_social_line(key)) return Clutter::Share;
  if (in(key, kListHeaders)) return Clutter::ListHeader;
  if (starts_any(key, kLinkPrefixes) && word_count(key) <= 25) return Clutter::ListHeader;
  if (in(key, kCommentLines) || (key.starts_with("comments (") && key.size() < 20)) {
    return Clutter::Comments;
  }
  {
    // "12 comments"
    std::size_t i = 0;
    while (i < key.size() && std::isdigit(static_cast<unsigned char>(key[i]))) ++i;
    if (i > 0 && (key.substr(i) == " comments" || key.substr(i) == " comment")) {
      return Clutter::Comments;
    }
  }
  if (in(key, kLegalLines) || (starts_any(key, kLegalPrefixes) && key.size() < 300) ||
      (key.find("all rights reserved") != std::string::npos && key.size() < 200)) {
    return Clutter::Legal;
  }
  if (is_newsletter(key)) return Clutter::Newsletter;
  if (is_credit(line, key)) return Clutter::Credit;
  if (is_byline(line, key)) return Clutter::Byline;
  if ((key.starts_with("published") || key.starts_with("updated") ||
       key.starts_with("last updated") || key.starts_with("first published")) &&
      key.size() < 80 && !ends_sentence(line) &&
      key.find_first_of("0123456789") != std::string::npos) {
    return Clutter::Dateline;
  }
  return Clutter::None;
}

bool is_weak_widget_word(std::string_view line) { return in(key_of(line), kWeakWidgetWords); }

void drop_pull_quotes(std::vector<Block>& blocks) {
  std::vector<std::string> keys;
  keys.reserve(blocks.size());
  for (const Block& block : blocks) keys.push_back(comparison_key(block.text));
  std::vector<char> drop(blocks.size(), 0);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (keys[i].size() < 30 || keys[i].size() > 400) continue;
    // Pull quotes sit near the passage they repeat; a window keeps huge documents linear.
    constexpr std::size_t kWindow = 40;
    const std::size_t end = std::min(blocks.size(), i + kWindow + 1);
    for (std::size_t j = i > kWindow ? i - kWindow : 0; j < end; ++j) {
      if (j != i && !drop[j] && keys[j].size() > keys[i].size() &&
          keys[j].find(keys[i]) != std::string::npos) {
        drop[i] = 1;
        break;
      }
    }
  }
  std::size_t out = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (drop[i]) continue;
    if (out != i) blocks[out] = std::move(blocks[i]);
    ++out;
  }
  blocks.resize(out);
}

}  // namespace narrate::extract
