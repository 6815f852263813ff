// input/load.hpp - read a source (file, stdin, http(s) URL) and decode it to UTF-8
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "narrate/document.hpp"

namespace narrate::input {

struct LoadOptions {
  MediaType force = MediaType::Unknown;     ///< Html/Text overrides sniffing (--format)
  std::size_t max_bytes = 64u << 20;        ///< cap on a file, stdin or URL body
  long timeout_ms = 20000;                  ///< URL: whole-transfer timeout
  long max_redirects = 8;                   ///< URL: redirects followed before giving up

  /// Throws Error(Usage) when a limit is zero or negative.
  void validate() const;
};

/// Loads SOURCE: "-" is stdin, "http://" / "https://" a URL, anything else a file path.
/// Throws Error(SourceUnreadable) with one line naming the source and the reason (missing,
/// a directory, empty, binary, undecodable, too large, HTTP failure...).
Input load(const std::string& source, const LoadOptions& options = {});

/// Decodes bytes to UTF-8: a BOM (UTF-8/UTF-16LE/BE) wins, then the charset an HTML page declares
/// (or the HTTP header's, given as declared_charset), then strict UTF-8, then a guess.
/// Returns the text and sets charset_out to the charset used. Throws Error(SourceUnreadable) on
/// binary data or text that no charset decodes.
std::string decode_to_utf8(std::string_view bytes, MediaType media_type,
                           std::string_view declared_charset, std::string& charset_out);

/// Guesses HTML or Text from the start of the decoded text, the path's extension and the
/// HTTP content type (any may be empty).
MediaType sniff_media_type(std::string_view text, std::string_view path,
                           std::string_view content_type);

}  // namespace narrate::input
