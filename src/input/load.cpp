// input/load.cpp - load(): read a file, stdin or URL within a byte cap, decode it, sniff its type
#include "input/load.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "narrate/error.hpp"
#include "util/strings.hpp"

namespace narrate::input {

namespace {

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorCode::SourceUnreadable, message);
}

/// Owns a file descriptor.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) noexcept : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const noexcept { return fd_; }

 private:
  int fd_;
};

/// Reads fd to its end, but never more than max_bytes + 1 bytes: one byte past the cap is
/// enough to know the source is too large, and memory stays bounded for /dev/zero or a pipe.
std::string read_all(int fd, std::size_t max_bytes, const std::string& what) {
  constexpr std::size_t kChunk = 64 * 1024;
  std::string data;
  for (;;) {
    const std::size_t room = max_bytes + 1 - data.size();
    const std::size_t want = room < kChunk ? room : kChunk;
    const std::size_t old_size = data.size();
    data.resize(old_size + want);
    const ssize_t got = ::read(fd, data.data() + old_size, want);
    if (got < 0) {
      const int error = errno;
      data.resize(old_size);
      if (error == EINTR) continue;
      fail(what + ": " + util::errno_text(error));
    }
    data.resize(old_size + static_cast<std::size_t>(got));
    if (got == 0) return data;
    if (data.size() > max_bytes) {
      fail(what + ": too large (over " + detail::describe_size(max_bytes) + ")");
    }
  }
}

std::string read_path(const std::string& path, std::size_t max_bytes) {
  const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) fail("cannot open '" + path + "': " + util::errno_text(errno));
  const std::string what = "cannot read '" + path + "'";
  struct stat info {};
  if (::fstat(file.get(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) fail(what + ": " + util::errno_text(EISDIR));
    // A regular file's size is known: refuse it before reading a byte.
    if (S_ISREG(info.st_mode) && static_cast<std::size_t>(info.st_size) > max_bytes) {
      fail(what + ": too large (over " + detail::describe_size(max_bytes) + ")");
    }
  }
  return read_all(file.get(), max_bytes, what);
}

/// The scheme of "scheme://..." (RFC 3986 syntax), or nothing for a path.
std::optional<std::string> url_scheme(const std::string& source) {
  const std::size_t colon = source.find("://");
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  std::string scheme;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = source[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!letter && !(i > 0 && other)) return std::nullopt;
    scheme += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return scheme;
}

/// Decodes one UTF-8 sequence at text[i] (the text is valid UTF-8) and advances i.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  char32_t code = length == 1   ? lead
                  : length == 2 ? lead & 0x1F
                  : length == 3 ? lead & 0x0F
                                : lead & 0x07;
  for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
    code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  i += length;
  return code;
}

/// True when the text has nothing to read: only spaces, line breaks and invisible characters.
bool is_blank(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    const bool blank = c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 ||
                       c == 0x1680 || (c >= 0x2000 && c <= 0x200D) || c == 0x2028 || c == 0x2029 ||
                       c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
    if (!blank) return false;
  }
  return true;
}

}  // namespace

namespace detail {

std::string describe_size(std::size_t bytes) {
  constexpr std::size_t kKiB = 1024;
  constexpr std::size_t kMiB = kKiB * 1024;
  constexpr std::size_t kGiB = kMiB * 1024;
  if (bytes >= kGiB && bytes % kGiB == 0) return std::to_string(bytes / kGiB) + " GiB";
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

}  // namespace detail

void LoadOptions::validate() const {
  if (max_bytes == 0) throw Error(ErrorCode::Usage, "the input size limit must be above zero");
  if (timeout_ms <= 0) throw Error(ErrorCode::Usage, "the URL timeout must be above zero");
  if (connect_timeout_ms <= 0)
    throw Error(ErrorCode::Usage, "the URL connect timeout must be above zero");
  if (max_redirects < 0) throw Error(ErrorCode::Usage, "the redirect limit cannot be negative");
  if (force != MediaType::Unknown && force != MediaType::Html && force != MediaType::Text)
    throw Error(ErrorCode::Usage, "the forced media type must be html or text");
}

Input load(const std::string& source, const LoadOptions& options) {
  options.validate();
  if (source.empty()) fail("no source given: expected a file path, - or an http(s) URL");

  Input input;
  input.origin = source;
  std::string bytes;
  std::string path;  // for sniffing by extension
  std::string what;  // the start of every message, naming the source
  if (source == "-") {
    what = "cannot read standard input";
    bytes = read_all(STDIN_FILENO, options.max_bytes, what);
  } else if (const std::optional<std::string> scheme = url_scheme(source)) {
    what = "cannot read '" + source + "'";
    if (*scheme != "http" && *scheme != "https") {
      fail(what + ": unsupported URL scheme '" + *scheme + "' (only http and https)");
    }
    detail::Fetched fetched = detail::fetch_url(source, options);
    bytes = std::move(fetched.body);
    input.content_type = std::move(fetched.content_type);
    path = std::move(fetched.final_url);
  } else {
    what = "cannot read '" + source + "'";
    bytes = read_path(source, options.max_bytes);
    path = source;
  }
  if (bytes.empty()) fail(what + ": it is empty");

  try {
    input.text =
        decode_to_utf8(bytes, options.force, detail::charset_of_content_type(input.content_type),
                       input.charset, &input.warnings);
  } catch (const Error& error) {
    fail(what + ": " + error.what());
  }
  if (is_blank(input.text)) fail(what + ": it holds only whitespace");

  input.media_type = options.force != MediaType::Unknown
                         ? options.force
                         : sniff_media_type(input.text, path, input.content_type);
  return input;
}

}  // namespace narrate::input
