// input/load.hpp - read a source (file, stdin, http(s) URL) and decode it to UTF-8
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "narrate/document.hpp"

namespace narrate::input {

struct LoadOptions {
  MediaType force = MediaType::Unknown;  ///< Html/Text overrides sniffing (--format)
  std::size_t max_bytes = 64u << 20;     ///< cap on a file, stdin or URL body, in bytes
  long timeout_ms = 20000;               ///< URL: whole-transfer timeout
  long connect_timeout_ms = 10000;       ///< URL: timeout for connecting (capped by timeout_ms)
  long max_redirects = 8;                ///< URL: redirects followed before giving up (0: none)

  /// Throws Error(Usage) when max_bytes or a timeout is zero, or a limit is negative.
  void validate() const;
};

/// Loads SOURCE: "-" is stdin, "http://" / "https://" a URL, anything else a file path.
/// Throws Error(SourceUnreadable) with one line naming the source and the reason (missing,
/// a directory, empty, binary, undecodable, too large, HTTP failure...).
Input load(const std::string& source, const LoadOptions& options = {});

/// Decodes bytes to UTF-8: a BOM (UTF-8/UTF-16LE/BE) wins, then the charset declared by the HTTP
/// header (declared_charset, may be empty) or by an HTML page's <meta> in its first 4 KB (unless
/// media_type is Text), then UTF-8, then a guess. CR LF and CR become LF.
/// Lenient where browsers are: bytes that break UTF-8 in text that is (declared or mostly)
/// UTF-8 are read as windows-1252, and a few stray NUL bytes (at most one in 200) are dropped;
/// each such repair adds one line to *warnings when it is given ("invalid UTF-8 at byte 12
/// (1 byte read as windows-1252)").
/// Returns the text and sets charset_out to the charset used (a WHATWG name such as "utf-8",
/// "windows-1252"). Throws Error(SourceUnreadable), with the reason alone as its message
/// ("binary data (NUL bytes), not text"), on binary data or text that no charset decodes.
std::string decode_to_utf8(std::string_view bytes, MediaType media_type,
                           std::string_view declared_charset, std::string& charset_out,
                           std::vector<std::string>* warnings = nullptr);

/// Guesses HTML or Text from the start of the decoded text, the path's extension and the
/// HTTP content type (any may be empty). Never returns Unknown.
MediaType sniff_media_type(std::string_view text, std::string_view path,
                           std::string_view content_type);

namespace detail {

/// A body fetched over http(s).
struct Fetched {
  std::string body;          ///< at most LoadOptions::max_bytes bytes
  std::string content_type;  ///< the final response's Content-Type, may be empty
  std::string final_url;     ///< the URL after redirects
};

/// Fetches an http(s) URL with the limits in options. Throws Error(SourceUnreadable) naming the
/// URL and the reason (unreachable host, too many redirects, timeout, too large, HTTP 404 ...).
Fetched fetch_url(const std::string& url, const LoadOptions& options);

/// The charset parameter of a Content-Type value ("text/html; charset=UTF-8" -> "UTF-8"), or "".
std::string charset_of_content_type(std::string_view content_type);

/// The charset declared by <meta charset> or <meta http-equiv=Content-Type> in the first 4 KB of
/// an HTML page (the label as written), or "".
std::string charset_of_html_meta(std::string_view bytes);

/// "64 MiB", "1 KiB", "1000 bytes": a byte limit as a user reads it.
std::string describe_size(std::size_t bytes);

}  // namespace detail

}  // namespace narrate::input
