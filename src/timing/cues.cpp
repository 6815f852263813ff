// timing/cues.cpp - WebVTT, SRT and JSON marks writers
#include "timing/cues.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "narrate/error.hpp"

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
    // A blank line ends a cue in both formats, and "-->" would confuse VTT parsers.
    std::string text = cue.text;
    for (char& c : text) {
      if (c == '\n') c = ' ';
    }
    for (std::size_t at = 0; (at = text.find("-->", at)) != std::string::npos;) {
      text.replace(at, 3, "->");
    }
    out += text + "\n\n";
  }
  return out;
}

std::string render_marks(const std::vector<Cue>& cues, int sample_rate_hz) {
  nlohmann::ordered_json sentences = nlohmann::ordered_json::array();
  for (const Cue& cue : cues) {
    nlohmann::ordered_json words = nlohmann::ordered_json::array();
    for (const WordCue& word : cue.words) {
      words.push_back({{"start_ms", to_ms(word.begin_sample, sample_rate_hz)},
                       {"end_ms", to_ms(word.end_sample, sample_rate_hz)},
                       {"text", word.text},
                       {"spoken", word.spoken},
                       {"source_begin", word.source_begin},
                       {"source_end", word.source_end}});
    }
    const long long block = cue.block == static_cast<std::size_t>(-1)
                                ? -1
                                : static_cast<long long>(cue.block);
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
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void write_text_file(const std::string& path, const std::string& text) {
  const std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    throw Error(ErrorCode::Output, "cannot write '" + path + "': " + std::strerror(errno));
  }
  const char* data = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      throw Error(ErrorCode::Output, "cannot write '" + path + "': " + std::strerror(saved));
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  // Files made by mkstemp are 0600; subtitles are ordinary documents.
  ::fchmod(fd, 0644);
  if (::close(fd) != 0 || std::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    throw Error(ErrorCode::Output, "cannot write '" + path + "': " + std::strerror(saved));
  }
}

}  // namespace narrate::timing
