// pipeline/lexicon_files.cpp - reading pronunciation lexicon files, within limits
#include "pipeline/lexicon_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "narrate/error.hpp"

namespace narrate::pipeline {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
  throw Error(ErrorCode::Usage, "lexicon '" + path + "': " + problem);
}

std::string limit_text() { return std::to_string(kMaxLexiconBytes >> 20) + " MiB"; }

struct Fd {
  int fd;
  ~Fd() { ::close(fd); }
};

}  // namespace

text::Lexicon load_lexicon(const std::string& path) {
  const Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) fail(path, std::string("cannot read it: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(file.fd, &st) != 0)
    fail(path, std::string("cannot read it: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) fail(path, "is a folder, not a lexicon file");
  if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > kMaxLexiconBytes) {
    fail(path, "larger than " + limit_text() + " (a lexicon holds one word a line)");
  }
  // A device or a pipe tells no size: read one byte past the limit at most.
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(path, std::string("cannot read it: ") + std::strerror(errno));
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > kMaxLexiconBytes) {
      fail(path, "larger than " + limit_text() + " (a lexicon holds one word a line)");
    }
  }
  if (text.find('\0') != std::string::npos) fail(path, "not a text file (it holds NUL bytes)");
  text::Lexicon lexicon = text::Lexicon::parse(text, path);
  if (lexicon.size() > kMaxLexiconEntries) {
    fail(path, "more than " + std::to_string(kMaxLexiconEntries) + " entries");
  }
  return lexicon;
}

}  // namespace narrate::pipeline
