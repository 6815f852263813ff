// cli/serve_request.cpp - parsing and checking speech requests, and the worker command line
#include "serve_request.hpp"

#include <nlohmann/json.hpp>

#include "narrate/error.hpp"
#include "narrate/speed.hpp"

namespace narrate::cli {

namespace {

[[noreturn]] void usage(const std::string& message) { throw Error(ErrorCode::Usage, message); }

bool truthy(const std::string& value) {
  return value == "1" || value == "true" || value == "yes" || value == "on";
}

const std::vector<AudioFormatInfo>& formats() {
  static const std::vector<AudioFormatInfo> kFormats = {
      {"mp3", ".mp3", "audio/mpeg"},
      {"ogg", ".ogg", "audio/ogg"},
      {"opus", ".opus", "audio/ogg; codecs=opus"},
      {"wav", ".wav", "audio/wav"},
  };
  return kFormats;
}

}  // namespace

SpeechRequest parse_json_request(const std::string& body) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception& error) {
    usage(std::string("the request body is not JSON: ") + error.what());
  }
  if (!json.is_object()) usage("the request body must be a JSON object");
  SpeechRequest request;
  for (const auto& [key, value] : json.items()) {
    std::string* field = key == "text"     ? &request.text
                         : key == "html"   ? &request.html
                         : key == "url"    ? &request.url
                         : key == "voice"  ? &request.voice
                         : key == "format" ? &request.format
                         : key == "marks"  ? &request.marks
                                           : nullptr;
    if (key == "verbatim") {
      if (!value.is_boolean()) usage("\"verbatim\" must be true or false");
      request.verbatim = value.get<bool>();
    } else if (key == "speed") {
      if (value.is_number()) {
        request.speed = std::to_string(value.get<double>()) + "x";
      } else if (value.is_string()) {
        request.speed = value.get<std::string>();
      } else {
        usage("\"speed\" must be a string (slow, 1.25x, 250wpm) or a multiplier");
      }
    } else if (field) {
      if (!value.is_string()) usage("\"" + key + "\" must be a string");
      *field = value.get<std::string>();
    } else {
      usage("unknown field \"" + key + "\"");
    }
  }
  return request;
}

SpeechRequest parse_query_request(const std::multimap<std::string, std::string>& params) {
  SpeechRequest request;
  for (const auto& [key, value] : params) {
    if (params.find(key)->second != value) continue;  // the first of a repeated name
    if (key == "text") {
      request.text = value;
    } else if (key == "html") {
      request.html = value;
    } else if (key == "url") {
      request.url = value;
    } else if (key == "voice") {
      request.voice = value;
    } else if (key == "speed") {
      request.speed = value;
    } else if (key == "format") {
      request.format = value;
    } else if (key == "marks") {
      request.marks = value;
    } else if (key == "verbatim") {
      request.verbatim = truthy(value);
    } else if (key != "_") {  // "_" lets a page defeat caches
      usage("unknown parameter \"" + key + "\"");
    }
  }
  return request;
}

AudioFormatInfo validate_request(const SpeechRequest& request, std::size_t max_text_bytes) {
  const int given =
      int(!request.text.empty()) + int(!request.html.empty()) + int(!request.url.empty());
  if (given != 1) usage("give exactly one of text, html or url");
  const std::size_t length = request.text.size() + request.html.size();
  if (length > max_text_bytes) {
    usage("the text is too long (" + std::to_string(length) + " bytes; at most " +
          std::to_string(max_text_bytes) + ")");
  }
  if (request.url.size() > 4096) usage("the url is too long");
  Speed::parse(request.speed);  // throws Error(Usage) with the accepted forms
  if (request.voice.size() > 64) usage("the voice name is too long");
  for (const char c : request.voice) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '+' || c == '.';
    if (!safe || request.voice.front() == '-') usage("invalid voice name '" + request.voice + "'");
  }
  if (request.marks != "json" && request.marks != "vtt") usage("marks must be json or vtt");
  for (const AudioFormatInfo& format : formats()) {
    if (format.name == request.format) return format;
  }
  usage("unknown format '" + request.format + "' (mp3, ogg, opus, wav)");
}

std::vector<std::string> worker_args(const std::string& program, const SpeechRequest& request,
                                     const std::string& source_format,
                                     const std::string& source_path, const std::string& output_path,
                                     const std::string& marks_path,
                                     const std::string& subtitles_path) {
  // One process per request (the pool bounds them), and audio that streams as it is made:
  // loudness normalization would hold it all back until the narration ends.
  std::vector<std::string> args = {
      program,      "--stats", "--jobs",  "1",
      "--loudness", "off",     "--speed", std::to_string(Speed::parse(request.speed).wpm) + "wpm"};
  if (!request.voice.empty()) {
    args.push_back("--voice");
    args.push_back(request.voice);
  }
  if (!source_format.empty()) {
    args.push_back("--format");
    args.push_back(source_format);
  }
  args.push_back("-o");
  args.push_back(output_path);
  if (!marks_path.empty()) {
    args.push_back("--marks");
    args.push_back(marks_path);
  }
  if (!subtitles_path.empty()) {
    args.push_back("--subtitles");
    args.push_back(subtitles_path);
  }
  args.push_back("--");
  args.push_back(source_path);
  return args;
}

}  // namespace narrate::cli
