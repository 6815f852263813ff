// timing/cues.cpp - WebVTT, SRT and JSON marks writers
#include "timing/cues.hpp"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "narrate/error.hpp"
#include "util/atomic_file.hpp"

namespace narrate::timing {

namespace {

std::string lower_extension(std::string_view path) {
  const std::string ext = std::filesystem::path(std::string(path)).extension().string();
  std::string lower;
  for (char c : ext) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::int64_t to_ms(std::int64_t sample, int sample_rate_hz) {
  return sample_rate_hz > 0 ? (sample * 1000 + sample_rate_hz / 2) / sample_rate_hz : 0;
}

}  // namespace

std::string cue_text(std::string_view text, SubtitleFormat format) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // A line break (a blank line ends a cue in both formats) becomes a space.
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (format == SubtitleFormat::Srt) {
      // SRT stays plain text; only "-->" would be read as a timing line.
      if (c == '-' && text.substr(i, 3) == "-->") {
        out += "->";
        i += 2;
      } else {
        out += c;
      }
    } else if (c == '&') {
      out += "&amp;";  // WebVTT cue text is markup: & < > are escaped as in HTML
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";  // also keeps "-->" out of the text
    } else {
      out += c;
    }
  }
  return out;
}

SubtitleFormat subtitle_format_for_path(std::string_view path) {
  const std::string ext = lower_extension(path);
  if (ext == ".vtt") return SubtitleFormat::Vtt;
  if (ext == ".srt") return SubtitleFormat::Srt;
  throw Error(ErrorCode::Usage, "unsupported subtitle format '" + std::string(path) +
                                    "' (use a .vtt or .srt file name)");
}

std::string format_timestamp(std::int64_t sample, int sample_rate_hz, SubtitleFormat format) {
  const std::int64_t ms = to_ms(sample, sample_rate_hz);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld%c%03lld",
                static_cast<long long>(ms / 3600000), static_cast<long long>(ms / 60000 % 60),
                static_cast<long long>(ms / 1000 % 60), format == SubtitleFormat::Vtt ? '.' : ',',
                static_cast<long long>(ms % 1000));
  return buffer;
}

std::string render_subtitles(const std::vector<Cue>& cues, int sample_rate_hz,
                             SubtitleFormat format) {
  std::string out;
  if (format == SubtitleFormat::Vtt) out += "WEBVTT\n\n";
  int number = 0;
  for (const Cue& cue : cues) {
    ++number;
    if (format == SubtitleFormat::Srt) out += std::to_string(number) + "\n";
    out += format_timestamp(cue.begin_sample, sample_rate_hz, format) + " --> " +
           format_timestamp(cue.end_sample, sample_rate_hz, format) + "\n";
    if (cue.lines.empty()) {
      out += cue_text(cue.text, format) + "\n";
    } else {
      for (const std::string& line : cue.lines) out += cue_text(line, format) + "\n";
    }
    out += "\n";
  }
  return out;
}

std::string render_marks(const std::vector<Cue>& cues, int sample_rate_hz) {
  nlohmann::ordered_json sentences = nlohmann::ordered_json::array();
  nlohmann::ordered_json marks = nlohmann::ordered_json::array();
  for (const Cue& cue : cues) {
    for (const NamedMark& mark : cue.marks)
      marks.push_back({{"name", mark.name}, {"start_ms", to_ms(mark.sample, sample_rate_hz)}});
    nlohmann::ordered_json words = nlohmann::ordered_json::array();
    for (const WordCue& word : cue.words) {
      words.push_back({{"start_ms", to_ms(word.begin_sample, sample_rate_hz)},
                       {"end_ms", to_ms(word.end_sample, sample_rate_hz)},
                       {"text", word.text},
                       {"spoken", word.spoken},
                       {"source_begin", word.source_begin},
                       {"source_end", word.source_end}});
    }
    const long long block =
        cue.block == static_cast<std::size_t>(-1) ? -1 : static_cast<long long>(cue.block);
    sentences.push_back({{"start_ms", to_ms(cue.begin_sample, sample_rate_hz)},
                         {"end_ms", to_ms(cue.end_sample, sample_rate_hz)},
                         {"text", cue.text},
                         {"block", block},
                         {"source_begin", cue.source_begin},
                         {"source_end", cue.source_end},
                         {"words", std::move(words)}});
  }
  nlohmann::ordered_json root = {{"sample_rate", sample_rate_hz},
                                 {"sentences", std::move(sentences)}};
  if (!marks.empty()) root["marks"] = std::move(marks);
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void write_text_file(const std::string& path, const std::string& text) {
  util::write_file(path, text);
}

}  // namespace narrate::timing
