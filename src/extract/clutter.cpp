// extract/clutter.cpp - recognises the lines of page furniture that are never article text
#include "extract/clutter.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>
#include <unordered_set>
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
    "story continues below advertisement", "article continues below",
    "article continues below advertisement",
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

constexpr std::array<std::string_view, 80> kListHeaders = {
    "related", "related articles", "related stories", "related content", "related news",
    "related coverage", "related topics", "related links", "related posts", "more on this story",
    "more on this topic", "most popular", "most read", "most viewed", "most shared",
    "trending", "trending now", "read more", "read next", "recommended",
    "recommended for you", "recommended stories", "you may also like", "you might also like",
    "you may like", "you might like", "you may be interested in", "more stories", "top stories",
    "editor's picks", "editors' picks", "see also", "also read", "more from this section",
    "latest news", "more news", "popular posts", "recent posts", "further reading",
    // de
    "mehr zum thema", "lesen sie auch", "das könnte sie auch interessieren", "meistgelesen",
    "weitere artikel",
    // fr
    "lire aussi", "à lire aussi", "sur le même sujet", "les plus lus", "articles similaires",
    "à lire également",
    // es
    "te puede interesar", "también te puede interesar", "leer más", "noticias relacionadas",
    "lo más leído", "más noticias", "artículos relacionados",
    // pt
    "você pode gostar", "você também pode gostar", "veja também", "leia também", "leia mais",
    "notícias relacionadas", "posts relacionados", "mais lidas", "relacionados",
    // topic and tag lists
    "topics", "tags", "more on these topics", "explore more on these topics", "themen",
    "sujets", "temas", "argomenti",
    // it, nl
    "leggi anche", "potrebbe interessarti", "articoli correlati", "lees ook", "meer nieuws",
    "gerelateerde artikelen"};

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

// The buttons of an image viewer or gallery, printed as text.
constexpr std::array<std::string_view, 10> kViewerLines = {
    "caption", "close", "hide caption", "show caption", "toggle caption", "expand", "enlarge",
    "enlarge this image", "view gallery", "open gallery"};

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

// A line that is one web address: the page's own link printed for sharing.
bool is_bare_url(const std::string& key) {
  return (key.starts_with("http://") || key.starts_with("https://") ||
          key.starts_with("www.")) &&
         key.find(' ') == std::string::npos;
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
  // Every marker ends in ':' and the credit after it is a few words: only the colons near the
  // end of the line are looked at.
  constexpr std::size_t kMaxCreditBytes = 120;
  for (std::size_t colon = key.rfind(':');
       colon != std::string::npos && key.size() - colon <= kMaxCreditBytes;
       colon = colon == 0 ? std::string::npos : key.rfind(':', colon - 1)) {
    for (const std::string_view marker : kCreditMarkers) {
      if (colon + 1 < marker.size()) continue;
      const std::size_t pos = colon + 1 - marker.size();
      if (std::string_view(key).substr(pos, marker.size()) != marker) continue;
      // The marker opens the line or follows the caption's own sentence.
      const bool at_start = pos == 0;
      const bool after_sentence = pos >= 2 && key[pos - 1] == ' ' &&
                                  (ends_with_punctuation(key.substr(0, pos - 1)) ||
                                   key[pos - 2] == ')');
      if (!at_start && !after_sentence) continue;
      const std::string_view credit = trim(std::string_view(key).substr(colon + 1));
      if (!credit.empty() && word_count(credit) <= 8 &&
          credit.find(". ") == std::string_view::npos) {
        return true;
      }
    }
  }
  if (key.starts_with("photo by ") || key.starts_with("photograph by ") ||
      key.starts_with("image by ") || key.starts_with("photo credit")) {
    return word_count(line) <= 10;
  }
  for (const std::string_view ending : kCreditEndings) {
    if (key.ends_with(ending)) return true;
  }
  // "Installation views, photos © Inexhibit, 2018": a caption with its copyright holder.
  const std::size_t copyright = key.find("\xC2\xA9");
  return copyright != std::string::npos && copyright > 0 && word_count(key) <= 25 &&
         !ends_sentence(line);
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

// A block's comparison key with a 256-bit set of its words' hashes: a block can only contain
// another if it has all of the other's words, which the bit sets rule out cheaply.
struct BlockKey {
  std::size_t index = static_cast<std::size_t>(-1);
  std::string text;
  std::array<std::uint64_t, 4> words{};

  bool may_contain(const BlockKey& other) const {
    for (std::size_t k = 0; k < words.size(); ++k) {
      if ((other.words[k] & ~words[k]) != 0) return false;
    }
    return true;
  }
};

// The keys of the blocks around a position, computed once each: a ring of 2 * window + 1 keys,
// so memory stays flat however long the document is.
class KeyWindow {
 public:
  KeyWindow(const std::vector<Block>& blocks, std::size_t window)
      : blocks_(blocks), ring_(2 * window + 1) {}

  const BlockKey& at(std::size_t i) {
    BlockKey& key = ring_[i % ring_.size()];
    if (key.index == i) return key;
    key.index = i;
    key.text = comparison_key(blocks_[i].text);
    key.words.fill(0);
    std::uint64_t hash = 14695981039346656037ull;  // FNV-1a over each word
    for (std::size_t c = 0; c <= key.text.size(); ++c) {
      if (c == key.text.size() || key.text[c] == ' ') {
        key.words[(hash >> 6) & 3] |= std::uint64_t{1} << (hash & 63);
        hash = 14695981039346656037ull;
        continue;
      }
      hash = (hash ^ static_cast<unsigned char>(key.text[c])) * 1099511628211ull;
    }
    return key;
  }

 private:
  const std::vector<Block>& blocks_;
  std::vector<BlockKey> ring_;
};

constexpr std::array<std::string_view, 16> kDatePrefixes = {
    "published", "updated", "last updated", "first published", "posted", "publicado",
    "atualizado", "actualizado", "publié", "mis à jour", "veröffentlicht", "aktualisiert",
    "pubblicato", "aggiornato", "gepubliceerd", "bijgewerkt"};

// "Published: 3:00pm, 12 Aug 2020", "Updated at 1:23 p.m.", "Posted: Fri 6:45 PM |": a date
// after a publishing word, not a sentence (a time's "p.m." may end it).
bool is_dateline(std::string_view line, const std::string& key) {
  return starts_any(key, kDatePrefixes) && key.size() < 80 &&
         key.find_first_of("0123456789") != std::string::npos &&
         (!ends_sentence(line) || key.ends_with("a.m") || key.ends_with("p.m"));
}

// Labels of the fields a blog prints around a post ("Posted by: Ann - Category: Walks - Tags:").
constexpr std::array<std::string_view, 16> kFieldLabels = {
    "tags:", "tagged:", "topics:", "category:", "categories:", "categoria:", "categorias:",
    "categoría:", "catégorie:", "kategorie:", "posted by", "posted in", "filed under",
    "publicado por", "publié par", "autor:"};

bool is_meta_line(std::string_view line, const std::string& key) {
  if (key.size() > 200 || ends_sentence(line)) return false;
  std::size_t labels = 0;
  for (const std::string_view label : kFieldLabels) {
    if (key.find(label) != std::string::npos) ++labels;
  }
  // One label opening the line ("Tags: a, b"), or two anywhere in it.
  return labels >= 2 || (labels == 1 && starts_any(key, kFieldLabels));
}

// Month and weekday names, in the languages guess_language knows (lowercase).
const std::unordered_set<std::string_view>& date_words() {
  static const std::unordered_set<std::string_view> kWords = {
      // en
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
      "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
      "sun",
      // de
      "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "montag",
      "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
      // fr
      "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre",
      "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
      "dimanche",
      // es, pt, it
      "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
      "octubre", "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves", "viernes",
      "sábado", "domingo", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro",
      "outubro", "dezembro", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira",
      "sexta-feira", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre",
      "ottobre", "dicembre", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato",
      "domenica",
      // nl
      "januari", "februari", "maart", "mei", "augustus", "maandag", "dinsdag", "woensdag",
      "donderdag", "vrijdag", "zaterdag", "zondag"};
  return kWords;
}

// Words that join the parts of a date or time, and zones.
const std::unordered_set<std::string_view>& date_joiners() {
  static const std::unordered_set<std::string_view> kWords = {
      "of", "the", "at", "on", "am", "pm", "a.m", "p.m", "a.m.", "p.m.", "utc", "gmt", "et",
      "est", "edt", "pst", "pdt", "bst", "cet", "cest", "h", "um", "uhr", "le", "à", "de",
      "del", "às", "as", "a", "y", "e", "alle", "ore", "om"};
  return kWords;
}

// "segunda-feira, 22 de janeiro de 2018 às 0:13", "Nov 18, 2019", "18.11.2019 um 14:30 Uhr":
// nothing but date words and numbers, with a number and a month or weekday name (so "2 of 3",
// a table row of figures or the "4:14 p.m." heading of a live report is not a date line).
bool is_date_only(const std::string& key) {
  std::size_t tokens = 0;
  bool number = false;
  bool named = false;
  for (std::size_t start = 0; start < key.size();) {
    std::size_t end = key.find_first_of(" ,|", start);
    if (end == std::string::npos) end = key.size();
    const std::string_view token = std::string_view(key).substr(start, end - start);
    start = end + 1;
    if (token.empty() || token == "-" || token == "\xE2\x80\x93" || token == "\xC2\xB7") continue;
    if (++tokens > 12) return false;
    if (std::isdigit(static_cast<unsigned char>(token[0]))) {
      // 22, 2018, 0:13, 18.11.2019, 22/01/2018, 9h30, 5pm, 22nd
      for (const char c : token) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != ':' && c != '.' && c != '/' &&
            c != '-') {
          return false;
        }
      }
      number = true;
      continue;
    }
    if (date_words().count(token) != 0) {
      named = true;
    } else if (date_joiners().count(token) == 0) {
      return false;
    }
  }
  return number && named && tokens >= 2;
}

// "Image 1 of 5", "Photo 3/12": the counter of a gallery.
bool is_gallery_counter(const std::string& key) {
  constexpr std::array<std::string_view, 7> kWords = {"image ", "photo ", "picture ", "slide ",
                                                     "foto ", "bild ", "imagen "};
  for (const std::string_view word : kWords) {
    if (!key.starts_with(word)) continue;
    std::size_t i = word.size();
    const auto digits = [&] {
      const std::size_t from = i;
      while (i < key.size() && std::isdigit(static_cast<unsigned char>(key[i]))) ++i;
      return i > from;
    };
    if (!digits()) return false;
    const std::string_view rest = std::string_view(key).substr(i);
    for (const std::string_view of : {" of ", "/", " / ", " von ", " de ", " sur ", " di "}) {
      if (rest.starts_with(of)) {
        i += of.size();
        return digits() && i == key.size();
      }
    }
    return false;
  }
  return false;
}

}  // namespace

Clutter classify_line(std::string_view line) {
  if (trim(line).size() > 1000) return Clutter::None;  // long before the 600 below: no copy
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
  if (in(key, kShareLines) || is_social_line(key) || is_bare_url(key)) return Clutter::Share;
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
  if (is_credit(line, key) || is_gallery_counter(key) || in(key, kViewerLines)) {
    return Clutter::Credit;
  }
  if (is_byline(line, key)) return Clutter::Byline;
  if (is_dateline(line, key) || is_meta_line(line, key) || is_date_only(key)) {
    return Clutter::Dateline;
  }
  return Clutter::None;
}

bool is_weak_widget_word(std::string_view line) { return in(key_of(line), kWeakWidgetWords); }

bool is_weak_share_word(std::string_view line) { return in(key_of(line), kSocialWords); }

void drop_repeated_blocks(std::vector<Block>& blocks) {
  // Pull quotes and repeated standfirsts sit near the passage they repeat; the window keeps
  // the work linear in the document.
  constexpr std::size_t kWindow = 40;
  constexpr std::size_t kMinKey = 30;   // shorter repeats ("Read more") are other rules' work
  constexpr std::size_t kMaxQuote = 400;
  constexpr std::size_t kTopBlocks = 6;
  KeyWindow keys(blocks, kWindow);
  std::vector<char> drop(blocks.size(), 0);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const BlockKey& mine = keys.at(i);
    if (mine.text.size() < kMinKey) continue;
    const std::size_t end = std::min(blocks.size(), i + kWindow + 1);
    for (std::size_t j = i > kWindow ? i - kWindow : 0; j < end && !drop[i]; ++j) {
      if (j == i || drop[j]) continue;
      const BlockKey& theirs = keys.at(j);
      if (theirs.text.size() < mine.text.size() || !theirs.may_contain(mine)) continue;
      if (theirs.text.size() == mine.text.size()) {
        // The same block twice near the top (a standfirst printed again as an abstract): the
        // later copy goes. Further down a repeat may be meant, as a refrain is.
        if (j < i && i < kTopBlocks && theirs.text == mine.text) drop[i] = 1;
      } else if (mine.text.size() <= kMaxQuote &&
                 theirs.text.find(mine.text) != std::string::npos) {
        drop[i] = 1;  // a pull quote: part of a longer block, said again
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
