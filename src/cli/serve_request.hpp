// cli/serve_request.hpp - what a /v1/speech or /v1/marks request asks for, and its worker's args
#pragma once

#include <map>
#include <string>
#include <vector>

namespace narrate::cli {

/// The audio formats /v1/speech can stream, with their MIME types.
struct AudioFormatInfo {
  std::string name;       ///< "mp3"
  std::string extension;  ///< ".mp3": how the worker's output path names the format
  std::string mime;       ///< "audio/mpeg"
};

/// A speech or marks request, from a JSON body or from query parameters.
struct SpeechRequest {
  std::string text;       ///< plain text (an article's copied text unless verbatim)
  std::string html;       ///< an HTML page: the article is extracted
  std::string url;        ///< an http(s) page fetched by the server
  bool verbatim = false;  ///< text spoken as given, one block per paragraph (--format speech)
  std::string voice;      ///< empty: chosen from the language
  std::string speed = "average";
  std::string format = "mp3";  ///< mp3, ogg, opus, wav
  std::string marks = "json";  ///< /v1/marks: json or vtt
};

/// Reads a JSON object body. Throws Error(Usage) for malformed JSON, unknown or mistyped fields.
SpeechRequest parse_json_request(const std::string& body);

/// Reads query parameters (a repeated name takes its first value). Throws Error(Usage) for
/// unknown names.
SpeechRequest parse_query_request(const std::multimap<std::string, std::string>& params);

/// Checks the fields: exactly one of text, html, url; a known format; a speed the CLI accepts
/// (0.4x to 4.5x); a voice name of safe characters; text no longer than max_text_bytes. Returns
/// the format. Throws Error(Usage); a too long text has "too long" in its message.
AudioFormatInfo validate_request(const SpeechRequest& request, std::size_t max_text_bytes);

/// The command line for a worker: `program` speaking `source_path` into `output_path` (whose
/// extension names the format), with marks and subtitles files when given.
std::vector<std::string> worker_args(const std::string& program, const SpeechRequest& request,
                                     const std::string& source_format,
                                     const std::string& source_path, const std::string& output_path,
                                     const std::string& marks_path = "",
                                     const std::string& subtitles_path = "");

}  // namespace narrate::cli
