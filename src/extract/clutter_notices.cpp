// extract/clutter_notices.cpp - the site's own notices around a story, in several languages
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "extract/clutter.hpp"
#include "extract/text_util.hpp"

namespace narrate::extract {
namespace {

template <std::size_t N>
bool contains_any(std::string_view key, const std::array<std::string_view, N>& list) {
  for (const std::string_view phrase : list) {
    if (key.find(phrase) != std::string_view::npos) return true;
  }
  return false;
}

template <std::size_t N>
bool starts_any(std::string_view key, const std::array<std::string_view, N>& list) {
  for (const std::string_view phrase : list) {
    if (key.starts_with(phrase)) return true;
  }
  return false;
}

// The publisher disowning a contributor's views, or pointing readers at the letters page.
constexpr std::array<std::string_view, 10> kDisclaimers = {
    "is not responsible for the opinions",  "are not responsible for the opinions",
    "do not necessarily reflect the views", "does not necessarily reflect the views",
    "gibt die meinung des autors wieder",   "nicht notwendigerweise die der redaktion",
    "no necesariamente reflejan",           "no se hace responsable de las opiniones",
    "ne reflètent pas nécessairement",      "n'engagent que leur auteur"};

// The letters page, named together with a request to write.
constexpr std::array<std::string_view, 4> kLettersPage = {
    "letter to the editor", "letters to the editor", "leserbrief", "carta al director"};
constexpr std::array<std::string_view, 8> kWriteRequests = {
    "submit",        "send us",    "write to", "this form",
    "schreiben sie", "senden sie", "envíe",    "escríbanos"};

// "Cancel anytime": the end of a subscription pitch.
constexpr std::array<std::string_view, 8> kCancelAnytime = {
    "cancel anytime",           "cancel at any time",         "cancela cuando quieras",
    "cancela en cualquier",     "jederzeit kündbar",          "jederzeit kündigen",
    "résiliable à tout moment", "sans engagement, résiliable"};

// A plea for support or a rating, addressed to the reader.
constexpr std::array<std::string_view, 12> kReaderPleas = {"help us continue",
                                                           "support our journalism",
                                                           "support independent journalism",
                                                           "unterstützen sie unseren journalismus",
                                                           "unterstütze uns",
                                                           "apoya nuestro periodismo",
                                                           "apoya el periodismo",
                                                           "soutenez notre journalisme",
                                                           "wesprzyj nas",
                                                           "rate this article",
                                                           "artikel bewerten",
                                                           "valora este artículo"};

// "Our channel on Telegram/YouTube/WhatsApp": a channel promotion.
constexpr std::array<std::string_view, 10> kChannelPromos = {
    "canal de telegram",    "canal de youtube",      "canal de whatsapp",
    "canal en youtube",     "our youtube channel",   "our telegram channel",
    "our whatsapp channel", "unseren youtube-kanal", "unseren telegram-kanal",
    "notre chaîne youtube"};

// A blog platform's footer sentence under every post.
constexpr std::array<std::string_view, 8> kPostFooters = {
    "this entry was posted",      "this entry was filed",
    "dieser beitrag wurde am",    "der beitrag wurde am",
    "dieser eintrag wurde am",    "cette entrée a été publiée",
    "esta entrada fue publicada", "questo articolo è stato pubblicato"};

// "Written by: ann | 31 December 2008".
constexpr std::array<std::string_view, 7> kWrittenBy = {
    "written by:", "verfasst von:", "geschrieben von:", "escrito por:",
    "écrit par:",  "scritto da:",   "geschreven door:"};

// A licence line: a Creative Commons licence named in a short line.
bool is_licence_line(std::string_view key) {
  if (key.size() > 300) return false;
  const bool licence = key.find("cc-by") != std::string_view::npos ||
                       key.find("cc by") != std::string_view::npos ||
                       key.find("creative commons") != std::string_view::npos;
  const bool word =
      key.find("licen") != std::string_view::npos || key.find("lizenz") != std::string_view::npos ||
      key.find("unter ") != std::string_view::npos || key.find("under ") != std::string_view::npos;
  return licence && word;
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// "Figure 3: ...", "Abb. 2:", "Abbildung: ...": a figure's caption, which goes with the figure.
bool is_figure_caption(std::string_view key) {
  constexpr std::array<std::string_view, 7> kLabels = {"abbildung", "abb.",   "figure", "fig.",
                                                       "figura",    "grafik", "gráfico"};
  for (const std::string_view label : kLabels) {
    if (!key.starts_with(label)) continue;
    std::size_t i = label.size();
    while (i < key.size() && key[i] == ' ') ++i;
    while (i < key.size() && (is_digit(key[i]) || key[i] == '.' || key[i] == '-')) ++i;
    while (i < key.size() && key[i] == ' ') ++i;
    return i < key.size() && key[i] == ':' && word_count(key) <= 40;
  }
  return false;
}

// "Annual report 2021 PDF | 38 KB", "(pdf, 1.2 MB)": a download link with its file size.
bool is_download_line(std::string_view key) {
  if (key.size() > 200) return false;
  for (const std::string_view type : {"pdf", "docx", "doc", "xlsx", "zip"}) {
    const std::size_t at = key.find(type);
    if (at == std::string_view::npos) continue;
    std::size_t i = at + type.size();
    while (i < key.size() && (key[i] == ' ' || key[i] == '|' || key[i] == ',' || key[i] == '(')) {
      ++i;
    }
    const std::size_t digits = i;
    while (i < key.size() && (is_digit(key[i]) || key[i] == '.' || key[i] == ',')) ++i;
    if (i == digits) continue;
    while (i < key.size() && key[i] == ' ') ++i;
    const std::string_view unit = key.substr(i, 2);
    if (unit == "kb" || unit == "mb") return true;
  }
  return false;
}

// "aja/PAP", "dpa/jm": a reporter's initials and the agency, alone on the last line.
bool is_agency_signature(std::string_view line) {
  if (line.size() > 12) return false;
  const std::size_t slash = line.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 >= line.size()) return false;
  const auto all = [](std::string_view part, auto test) {
    for (const char c : part) {
      if (!test(static_cast<unsigned char>(c))) return false;
    }
    return true;
  };
  const auto lower = [](unsigned char c) { return std::islower(c) != 0; };
  const auto upper = [](unsigned char c) { return std::isupper(c) != 0; };
  const std::string_view left = line.substr(0, slash);
  const std::string_view right = line.substr(slash + 1);
  const auto initials = [&](std::string_view part) {
    return part.size() >= 2 && part.size() <= 4 && all(part, lower);
  };
  const auto agency = [&](std::string_view part) {
    return part.size() >= 2 && part.size() <= 5 && all(part, upper);
  };
  return (initials(left) && agency(right)) || (agency(left) && initials(right));
}

}  // namespace

Clutter classify_notice(std::string_view line, std::string_view key) {
  // One line only: a block of several lines is more than the notice.
  if (key.size() > 400 || key.find('\n') != std::string_view::npos) return Clutter::None;
  if (contains_any(key, kDisclaimers) && word_count(key) <= 40) return Clutter::Legal;
  if (contains_any(key, kLettersPage) && contains_any(key, kWriteRequests) &&
      word_count(key) <= 40) {
    return Clutter::Legal;
  }
  if (is_licence_line(key)) return Clutter::Legal;
  if (contains_any(key, kCancelAnytime) && word_count(key) <= 30) return Clutter::Newsletter;
  if (contains_any(key, kChannelPromos) && word_count(key) <= 30) return Clutter::Share;
  if (contains_any(key, kReaderPleas) && word_count(key) <= 40) return Clutter::Newsletter;
  if (starts_any(key, kPostFooters)) return Clutter::Dateline;
  if (starts_any(key, kWrittenBy) && word_count(key) <= 10 && !ends_sentence(line)) {
    return Clutter::Byline;
  }
  if (key.starts_with("copyright:") && word_count(key) <= 8 && !ends_sentence(line)) {
    return Clutter::Credit;
  }
  if (is_figure_caption(key)) return Clutter::Credit;
  if (is_download_line(key)) return Clutter::Share;
  if (is_agency_signature(trim(line))) return Clutter::Credit;
  return Clutter::None;
}

}  // namespace narrate::extract
