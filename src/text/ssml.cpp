// text/ssml.cpp - SSML input: parsed by narrate into pieces of text, pauses and marks
#include "text/ssml.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <utility>

#include "text/speech_mode.hpp"
#include "text/utf8.hpp"

namespace narrate::text {
namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Decodes entities; returns nullopt for an unknown or unterminated one.
std::optional<std::string> decode_entities(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) return std::nullopt;
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    if (name == "lt")
      out += '<';
    else if (name == "gt")
      out += '>';
    else if (name == "amp")
      out += '&';
    else if (name == "quot")
      out += '"';
    else if (name == "apos")
      out += '\'';
    else if (name.size() > 1 && name[0] == '#') {
      char* end = nullptr;
      const std::string digits(name.substr(name[1] == 'x' ? 2 : 1));
      const long value = std::strtol(digits.c_str(), &end, name[1] == 'x' ? 16 : 10);
      if (digits.empty() || *end != '\0' || value <= 0 || value > 0x10FFFF) return std::nullopt;
      utf8::append_utf8(out, static_cast<char32_t>(value));
    } else {
      return std::nullopt;
    }
    i = semi;
  }
  return out;
}

std::string collapse_space(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  if (space && !out.empty()) out += ' ';
  return out;
}

struct Tag {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  bool closing = false;
  bool self_closing = false;

  std::string attribute(std::string_view key) const {
    for (const auto& [k, v] : attributes)
      if (k == key) return v;
    return "";
  }
  bool has(std::string_view key) const {
    for (const auto& a : attributes)
      if (a.first == key) return true;
    return false;
  }
};

/// Parses the inside of <...>; nullopt when malformed.
std::optional<Tag> parse_tag(std::string_view body) {
  Tag tag;
  std::size_t i = 0;
  if (i < body.size() && body[i] == '/') {
    tag.closing = true;
    ++i;
  }
  if (!body.empty() && body.back() == '/') {
    tag.self_closing = true;
    body.remove_suffix(1);
  }
  if (i > body.size()) return std::nullopt;  // "</>": the one slash both opened and closed it
  const std::size_t name_start = i;
  while (i < body.size() && !is_space(body[i])) ++i;
  tag.name = std::string(body.substr(name_start, i - name_start));
  if (tag.name.empty() || (tag.closing && tag.self_closing)) return std::nullopt;
  // Namespaced names ("ssml:break") are read by their local part.
  if (const auto colon = tag.name.find(':'); colon != std::string::npos && tag.name != "xml:lang")
    tag.name = tag.name.substr(colon + 1);
  while (true) {
    while (i < body.size() && is_space(body[i])) ++i;
    if (i >= body.size()) break;
    if (tag.closing) return std::nullopt;
    const std::size_t key_start = i;
    while (i < body.size() && body[i] != '=' && !is_space(body[i])) ++i;
    std::string key(body.substr(key_start, i - key_start));
    while (i < body.size() && is_space(body[i])) ++i;
    if (i >= body.size() || body[i] != '=') return std::nullopt;
    ++i;
    while (i < body.size() && is_space(body[i])) ++i;
    if (i >= body.size() || (body[i] != '"' && body[i] != '\'')) return std::nullopt;
    const char quote = body[i++];
    const std::size_t value_end = body.find(quote, i);
    if (value_end == std::string_view::npos) return std::nullopt;
    auto value = decode_entities(body.substr(i, value_end - i));
    if (!value) return std::nullopt;
    tag.attributes.emplace_back(std::move(key), std::move(*value));
    i = value_end + 1;
  }
  return tag;
}

/// "500ms", "1.5s" -> milliseconds; -1 when unreadable.
int parse_time_ms(std::string_view s) {
  const std::string str(s);
  char* end = nullptr;
  const double value = std::strtod(str.c_str(), &end);
  if (end == str.c_str() || value < 0) return -1;
  const std::string_view unit(end);
  if (unit == "ms") return static_cast<int>(std::min(value, 60000.0));
  if (unit == "s") return static_cast<int>(std::min(value * 1000, 60000.0));
  return -1;
}

/// A relative or named value: "+10%", "150%", "-5", "1.2", or a keyword from the table.
double parse_scale(std::string_view s, double base,
                   std::initializer_list<std::pair<const char*, double>> names,
                   bool percent_is_delta) {
  for (const auto& [name, value] : names)
    if (s == name) return value;
  const std::string str(s);
  char* end = nullptr;
  const double value = std::strtod(str.c_str(), &end);
  if (end == str.c_str()) return base;
  const std::string_view unit(end);
  const bool signed_value = !s.empty() && (s[0] == '+' || s[0] == '-');
  if (unit == "%") {
    if (percent_is_delta) return base + value;
    return signed_value ? base * (1 + value / 100) : base * value / 100;
  }
  if (unit == "dB") return base * std::pow(10.0, value / 20);
  if (unit == "Hz" || unit == "st") return base + value / 2;  // rough: half a percent per Hz
  if (unit.empty()) return percent_is_delta ? base + value : base * value;
  return base;
}

std::string say_as(std::string_view interpret, std::string_view format, const std::string& text) {
  if (interpret == "characters" || interpret == "spell-out" || interpret == "letters")
    return spell_out(text, CapitalMode::None);
  if (interpret == "digits" || interpret == "telephone") {
    std::string out;
    for (char c : text) {
      if (c >= '0' && c <= '9') {
        if (!out.empty() && out.back() != ' ') out += ' ';
        out += c;
      } else if (c == '-' || c == ' ' || c == '.' || c == '(' || c == ')') {
        // Telephone groups: a short pause between them.
        if (interpret == "telephone" && !out.empty() && out.back() != ',') out += ',';
      } else {
        out += c;
      }
    }
    return out;
  }
  if (interpret == "ordinal") {
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
      const int last2 = std::atoi(text.substr(text.size() > 2 ? text.size() - 2 : 0).c_str());
      const int last = last2 % 10;
      const char* suffix = "th";
      if (last2 < 11 || last2 > 13) {
        if (last == 1)
          suffix = "st";
        else if (last == 2)
          suffix = "nd";
        else if (last == 3)
          suffix = "rd";
      }
      return text + suffix;
    }
  }
  (void)format;
  return text;  // cardinal, date, time: the number and date reader speaks them as written
}

bool same_prosody(const SsmlProsody& a, const SsmlProsody& b) {
  return a.rate == b.rate && a.pitch_hz_delta == b.pitch_hz_delta && a.volume == b.volume &&
         a.language == b.language && a.voice == b.voice;
}

struct Frame {
  std::string name;
  SsmlProsody prosody;
  bool silent = false;  ///< content not spoken (sub's own text, phoneme alias)
  std::string say_as;   ///< interpret-as of an open say-as
  std::string format;
  std::string collected;  ///< say-as text gathered until its end tag
};

class Parser {
 public:
  explicit Parser(std::string_view in) : in_(in) {}

  bool run() {
    stack_.push_back(Frame{"#root", {}, false, "", "", ""});
    std::size_t i = 0;
    bool seen_speak = false;
    while (i < in_.size()) {
      const std::size_t lt = in_.find('<', i);
      if (lt != i) {
        const std::size_t end = lt == std::string_view::npos ? in_.size() : lt;
        if (!text(in_.substr(i, end - i))) return false;
        i = end;
        continue;
      }
      if (in_.compare(i, 4, "<!--") == 0) {
        const std::size_t close = in_.find("-->", i + 4);
        if (close == std::string_view::npos) return false;
        i = close + 3;
        continue;
      }
      if (in_.compare(i, 2, "<?") == 0 || in_.compare(i, 2, "<!") == 0) {
        const std::size_t close = in_.find('>', i);
        if (close == std::string_view::npos) return false;
        i = close + 1;
        continue;
      }
      const std::size_t gt = in_.find('>', i);
      if (gt == std::string_view::npos) return false;
      const std::string_view body = in_.substr(i + 1, gt - i - 1);
      if (body.find('<') != std::string_view::npos) return false;
      auto tag = parse_tag(body);
      if (!tag) return false;
      if (tag->name == "speak") seen_speak = true;
      if (!element(*tag)) return false;
      i = gt + 1;
    }
    return seen_speak && stack_.size() == 1;
  }

  std::vector<SsmlPiece> pieces;

 private:
  bool text(std::string_view raw) {
    auto decoded = decode_entities(raw);
    if (!decoded) return false;
    Frame& top = stack_.back();
    if (!top.say_as.empty()) {
      top.collected += *decoded;
      return true;
    }
    for (const Frame& f : stack_)
      if (f.silent) return true;
    add_text(*decoded, top.prosody);
    return true;
  }

  void add_text(const std::string& raw, const SsmlProsody& prosody) {
    const std::string words = collapse_space(raw);
    if (words.empty() || words == " ") {
      if (!pieces.empty() && pieces.back().kind == SsmlKind::Text && !words.empty() &&
          pieces.back().text.back() != ' ')
        pieces.back().text += ' ';
      return;
    }
    if (!pieces.empty() && pieces.back().kind == SsmlKind::Text && !pieces.back().paragraph_end &&
        same_prosody(pieces.back().prosody, prosody)) {
      std::string& t = pieces.back().text;
      if (!t.empty() && t.back() != ' ' && words.front() == ' ') t += ' ';
      t += words.front() == ' ' ? words.substr(1) : words;
      return;
    }
    SsmlPiece piece;
    piece.kind = SsmlKind::Text;
    piece.text = words.front() == ' ' ? words.substr(1) : words;
    piece.prosody = prosody;
    pieces.push_back(std::move(piece));
  }

  void end_block() {
    for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) {
      if (it->kind == SsmlKind::Text) {
        it->paragraph_end = true;
        return;
      }
      if (it->kind == SsmlKind::Break) return;
    }
  }

  bool element(const Tag& tag) {
    if (tag.closing) {
      if (stack_.size() <= 1 || stack_.back().name != tag.name) return false;
      Frame done = std::move(stack_.back());
      stack_.pop_back();
      if (!done.say_as.empty()) {
        bool silent = false;
        for (const Frame& f : stack_) silent = silent || f.silent;
        if (!silent)
          add_text(" " + say_as(done.say_as, done.format, collapse_space(done.collected)) + " ",
                   done.prosody);
      }
      if (tag.name == "p" || tag.name == "s" || tag.name == "paragraph" || tag.name == "sentence")
        end_block();
      return true;
    }
    Frame frame;
    frame.name = tag.name;
    frame.prosody = stack_.back().prosody;
    if (tag.has("xml:lang")) frame.prosody.language = tag.attribute("xml:lang");
    const std::string& n = tag.name;
    if (n == "break") {
      SsmlPiece piece;
      piece.kind = SsmlKind::Break;
      piece.prosody = frame.prosody;
      const std::string strength = tag.attribute("strength");
      int ms = 400;
      if (strength == "none")
        ms = 0;
      else if (strength == "x-weak")
        ms = 100;
      else if (strength == "weak")
        ms = 200;
      else if (strength == "strong")
        ms = 700;
      else if (strength == "x-strong")
        ms = 1000;
      if (tag.has("time")) {
        const int t = parse_time_ms(tag.attribute("time"));
        if (t >= 0) ms = t;
      }
      piece.break_ms = ms;
      pieces.push_back(std::move(piece));
    } else if (n == "mark") {
      SsmlPiece piece;
      piece.kind = SsmlKind::Mark;
      piece.text = tag.attribute("name");
      piece.prosody = frame.prosody;
      pieces.push_back(std::move(piece));
    } else if (n == "prosody") {
      SsmlProsody& p = frame.prosody;
      if (tag.has("rate"))
        p.rate = std::clamp(parse_scale(tag.attribute("rate"), p.rate,
                                        {{"x-slow", 0.5},
                                         {"slow", 0.75},
                                         {"medium", 1.0},
                                         {"fast", 1.5},
                                         {"x-fast", 2.0},
                                         {"default", 1.0}},
                                        false),
                            0.2, 5.0);
      if (tag.has("pitch"))
        p.pitch_hz_delta = std::clamp(parse_scale(tag.attribute("pitch"), p.pitch_hz_delta,
                                                  {{"x-low", -50},
                                                   {"low", -25},
                                                   {"medium", 0},
                                                   {"high", 25},
                                                   {"x-high", 50},
                                                   {"default", 0}},
                                                  true),
                                      -100.0, 100.0);
      if (tag.has("volume"))
        p.volume = std::clamp(parse_scale(tag.attribute("volume"), p.volume,
                                          {{"silent", 0},
                                           {"x-soft", 0.25},
                                           {"soft", 0.5},
                                           {"medium", 1},
                                           {"loud", 1.5},
                                           {"x-loud", 2},
                                           {"default", 1}},
                                          false),
                              0.0, 4.0);
    } else if (n == "voice") {
      if (tag.has("name")) frame.prosody.voice = tag.attribute("name");
      if (tag.has("language")) frame.prosody.language = tag.attribute("language");
    } else if (n == "lang") {
      if (tag.has("lang")) frame.prosody.language = tag.attribute("lang");
    } else if (n == "say-as") {
      frame.say_as = tag.has("interpret-as") ? tag.attribute("interpret-as") : "cardinal";
      frame.format = tag.attribute("format");
    } else if (n == "sub") {
      if (!tag.self_closing) {
        bool silent = false;
        for (const Frame& f : stack_) silent = silent || f.silent;
        if (!silent) add_text(" " + tag.attribute("alias") + " ", frame.prosody);
      }
      frame.silent = true;
    } else if (n == "audio" && tag.has("src")) {
      // No audio files are fetched; the element's text content is the fallback SSML speaks.
    }
    if (n == "p" || n == "s" || n == "paragraph" || n == "sentence") end_block();
    if (!tag.self_closing) stack_.push_back(std::move(frame));
    return true;
  }

  std::string_view in_;
  std::vector<Frame> stack_;
};

/// What malformed input says: tags dropped where they look like tags, entities decoded where
/// they decode; never less than the raw text when that would leave nothing.
std::string lenient_text(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size();) {
    if (in[i] == '<') {
      const std::size_t gt = in.find('>', i);
      const std::size_t next_lt = in.find('<', i + 1);
      if (gt != std::string_view::npos && (next_lt == std::string_view::npos || gt < next_lt) &&
          gt + 1 - i < 200 && i + 1 < in.size() &&
          (std::isalpha(static_cast<unsigned char>(in[i + 1])) || in[i + 1] == '/' ||
           in[i + 1] == '?' || in[i + 1] == '!')) {
        out += ' ';
        i = gt + 1;
        continue;
      }
    }
    if (in[i] == '&') {
      const std::size_t semi = in.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 12) {
        if (auto d = decode_entities(in.substr(i, semi - i + 1))) {
          out += *d;
          i = semi + 1;
          continue;
        }
      }
    }
    out += in[i++];
  }
  std::string collapsed = collapse_space(out);
  if (!collapsed.empty() && collapsed.front() == ' ') collapsed.erase(0, 1);
  if (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  if (collapsed.empty()) {
    collapsed = collapse_space(in);
    if (!collapsed.empty() && collapsed.front() == ' ') collapsed.erase(0, 1);
  }
  return collapsed;
}

}  // namespace

bool looks_like_ssml(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  if (text.compare(i, 3, "\xEF\xBB\xBF") == 0) i += 3;
  if (text.compare(i, 5, "<?xml") == 0) {
    const std::size_t close = text.find("?>", i);
    if (close == std::string_view::npos) return false;
    i = close + 2;
    while (i < text.size() && is_space(text[i])) ++i;
  }
  return text.compare(i, 6, "<speak") == 0;
}

SsmlDocument parse_ssml(std::string_view ssml) {
  SsmlDocument doc;
  Parser parser(ssml);
  if (parser.run()) {
    doc.pieces = std::move(parser.pieces);
    for (auto& p : doc.pieces) {
      if (p.kind != SsmlKind::Text) continue;
      while (!p.text.empty() && p.text.back() == ' ') p.text.pop_back();
    }
    std::erase_if(doc.pieces,
                  [](const SsmlPiece& p) { return p.kind == SsmlKind::Text && p.text.empty(); });
    return doc;
  }
  doc.well_formed = false;
  SsmlPiece piece;
  piece.text = lenient_text(ssml);
  if (!piece.text.empty()) doc.pieces.push_back(std::move(piece));
  return doc;
}

std::string ssml_plain_text(const SsmlDocument& document) {
  std::string out;
  for (const auto& p : document.pieces) {
    if (p.kind != SsmlKind::Text) continue;
    if (!out.empty()) out += ' ';
    out += p.text;
  }
  return out;
}

}  // namespace narrate::text
