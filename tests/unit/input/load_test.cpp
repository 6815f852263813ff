// input/load_test.cpp - load() on files and stdin: every way a source can be unreadable
#include "input/load.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "narrate/error.hpp"
#include "support/support.hpp"

namespace narrate::input {
namespace {

using narrate::test::TempDir;
using narrate::test::write_file;

/// The message of the Error that load() throws; fails the test when it throws none, another
/// code, or a message of more than one line.
std::string load_error(const std::string& source, const LoadOptions& options = {}) {
  try {
    load(source, options);
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::SourceUnreadable);
    const std::string message = error.what();
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    return message;
  }
  ADD_FAILURE() << "load('" << source << "') did not throw";
  return {};
}

/// Runs load("-") with standard input read from `fd`, restoring the real stdin afterwards.
class StdinFrom {
 public:
  explicit StdinFrom(int fd) : saved_(::dup(STDIN_FILENO)) { ::dup2(fd, STDIN_FILENO); }
  ~StdinFrom() {
    ::dup2(saved_, STDIN_FILENO);
    ::close(saved_);
  }
  StdinFrom(const StdinFrom&) = delete;
  StdinFrom& operator=(const StdinFrom&) = delete;

 private:
  int saved_;
};

TEST(Load, ReadsUtf8TextFile) {
  TempDir dir;
  write_file(dir / "note.txt", "Grüße aus Köln.\r\nZweite Zeile.\n");
  const Input input = load((dir / "note.txt").string());
  EXPECT_EQ(input.text, "Grüße aus Köln.\nZweite Zeile.\n");
  EXPECT_EQ(input.charset, "utf-8");
  EXPECT_EQ(input.media_type, MediaType::Text);
  EXPECT_EQ(input.origin, (dir / "note.txt").string());
  EXPECT_TRUE(input.content_type.empty());
}

TEST(Load, HtmlByExtensionAndByContent) {
  TempDir dir;
  write_file(dir / "a.html", "Just words, no tags.");
  write_file(dir / "b.txt", "  <!-- saved -->\n<!DOCTYPE html><html><body><p>x</p></body></html>");
  EXPECT_EQ(load((dir / "a.html").string()).media_type, MediaType::Html);
  EXPECT_EQ(load((dir / "b.txt").string()).media_type, MediaType::Html);
}

TEST(Load, ForceOverridesSniffing) {
  TempDir dir;
  write_file(dir / "page.html", "<!DOCTYPE html><html><body><p>x</p></body></html>");
  write_file(dir / "plain.txt", "Plain words.");
  LoadOptions as_text;
  as_text.force = MediaType::Text;
  EXPECT_EQ(load((dir / "page.html").string(), as_text).media_type, MediaType::Text);
  LoadOptions as_html;
  as_html.force = MediaType::Html;
  EXPECT_EQ(load((dir / "plain.txt").string(), as_html).media_type, MediaType::Html);
}

TEST(Load, MissingFile) {
  TempDir dir;
  const std::string path = (dir / "x.html").string();
  EXPECT_EQ(load_error(path), "cannot open '" + path + "': No such file or directory");
}

TEST(Load, Directory) {
  TempDir dir;
  EXPECT_EQ(load_error(dir.path().string()),
            "cannot read '" + dir.path().string() + "': Is a directory");
}

TEST(Load, EmptyFile) {
  TempDir dir;
  write_file(dir / "empty.txt", "");
  const std::string path = (dir / "empty.txt").string();
  EXPECT_EQ(load_error(path), "cannot read '" + path + "': it is empty");
}

TEST(Load, WhitespaceOnlyFile) {
  TempDir dir;
  // ASCII whitespace, CR LF, a no-break space and an ideographic space: nothing to read.
  write_file(dir / "blank.txt", " \t\r\n\n\xC2\xA0\xE3\x80\x80\n");
  const std::string path = (dir / "blank.txt").string();
  EXPECT_EQ(load_error(path), "cannot read '" + path + "': it holds only whitespace");
}

TEST(Load, InvalidUtf8IsReadWithAWarningNamingTheByte) {
  TempDir dir;
  // "café" in UTF-8, then a lone 0xFF at offset 10: damaged UTF-8, not a legacy charset.
  write_file(dir / "bad.txt", std::string("caf\xC3\xA9 and \xFF bad"));
  const Input input = load((dir / "bad.txt").string());
  EXPECT_EQ(input.text, "caf\u00e9 and \u00ff bad");
  EXPECT_EQ(input.warnings,
            std::vector<std::string>{"invalid UTF-8 at byte 10 (1 byte read as windows-1252)"});
}

struct BinaryCase {
  const char* name;
  std::string bytes;
  const char* reason;
};

class LoadBinary : public ::testing::TestWithParam<BinaryCase> {};

TEST_P(LoadBinary, IsRefusedWithItsKind) {
  TempDir dir;
  const std::string path = (dir / (std::string(GetParam().name) + ".dat")).string();
  write_file(path, GetParam().bytes);
  EXPECT_EQ(load_error(path), "cannot read '" + path + "': " + GetParam().reason);
}

using namespace std::string_literals;
INSTANTIATE_TEST_SUITE_P(
    Magic, LoadBinary,
    ::testing::Values(
        BinaryCase{"png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s, "a PNG image, not text"},
        BinaryCase{"pdf", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"s, "a PDF document, not text"},
        BinaryCase{"zip", "PK\x03\x04\x14\0\0\0\x08\0"s, "a ZIP archive, not text"},
        BinaryCase{"elf", "\177ELF\x02\x01\x01\0\0\0"s, "an ELF executable, not text"},
        BinaryCase{"gzip", "\x1f\x8b\x08\0\0\0\0\0\0\x03"s, "gzip data, not text"},
        BinaryCase{"nul", "some text\0\x01\x02\xff\0\0\x10\x7f\0more\0"s,
                   "binary data (NUL bytes), not text"},
        BinaryCase{"controls", "ab\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f cd"s,
                   "binary data (control characters), not text"}),
    [](const ::testing::TestParamInfo<BinaryCase>& case_info) {
      return std::string(case_info.param.name);
    });

TEST(Load, TooLargeFile) {
  TempDir dir;
  write_file(dir / "big.txt", std::string(2000, 'a'));
  LoadOptions options;
  options.max_bytes = 1024;
  const std::string path = (dir / "big.txt").string();
  EXPECT_EQ(load_error(path, options), "cannot read '" + path + "': too large (over 1 KiB)");
}

TEST(Load, FileOfExactlyTheCapIsRead) {
  TempDir dir;
  write_file(dir / "cap.txt", std::string(1024, 'a'));
  LoadOptions options;
  options.max_bytes = 1024;
  EXPECT_EQ(load((dir / "cap.txt").string(), options).text.size(), 1024u);
}

TEST(Load, UnsupportedScheme) {
  EXPECT_EQ(load_error("ftp://example.com/article.txt"),
            "cannot read 'ftp://example.com/article.txt': unsupported URL scheme 'ftp' "
            "(only http and https)");
  EXPECT_NE(load_error("file:///etc/hostname").find("unsupported URL scheme 'file'"),
            std::string::npos);
}

TEST(Load, EmptySource) { EXPECT_NE(load_error("").find("no source given"), std::string::npos); }

TEST(Load, ColonInAPathIsNotAScheme) {
  TempDir dir;
  write_file(dir / "notes: part 1.txt", "Words.");
  EXPECT_EQ(load((dir / "notes: part 1.txt").string()).text, "Words.");
}

TEST(LoadOptions, ValidateRejectsBadLimits) {
  const auto code_of = [](const LoadOptions& options) {
    try {
      options.validate();
    } catch (const Error& error) {
      return error.code();
    }
    return ErrorCode::NoArticle;  // a code validate() never uses: "did not throw"
  };
  LoadOptions options;
  EXPECT_NO_THROW(options.validate());
  options.max_bytes = 0;
  EXPECT_EQ(code_of(options), ErrorCode::Usage);
  options = {};
  options.timeout_ms = 0;
  EXPECT_EQ(code_of(options), ErrorCode::Usage);
  options = {};
  options.connect_timeout_ms = -5;
  EXPECT_EQ(code_of(options), ErrorCode::Usage);
  options = {};
  options.max_redirects = -1;
  EXPECT_EQ(code_of(options), ErrorCode::Usage);
  options = {};
  options.max_redirects = 0;
  EXPECT_NO_THROW(options.validate());
  // load() validates before touching the source.
  options = {};
  options.max_bytes = 0;
  EXPECT_THROW(load("/nonexistent", options), Error);
}

TEST(LoadStdin, ReadsAFile) {
  TempDir dir;
  write_file(dir / "in.txt", "From standard input \xE2\x80\x93 with a dash.\r\n");
  const int fd = ::open((dir / "in.txt").c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  Input input;
  {
    const StdinFrom redirect(fd);
    input = load("-");
  }
  ::close(fd);
  EXPECT_EQ(input.text, "From standard input \xE2\x80\x93 with a dash.\n");
  EXPECT_EQ(input.origin, "-");
  EXPECT_EQ(input.media_type, MediaType::Text);
}

TEST(LoadStdin, Empty) {
  const int fd = ::open("/dev/null", O_RDONLY);
  ASSERT_GE(fd, 0);
  std::string message;
  {
    const StdinFrom redirect(fd);
    message = load_error("-");
  }
  ::close(fd);
  EXPECT_EQ(message, "cannot read standard input: it is empty");
}

TEST(LoadStdin, PipeOverTheCap) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  // 5000 bytes fit in a pipe's buffer, so no writer thread is needed.
  const std::string payload(5000, 'x');
  ASSERT_EQ(::write(fds[1], payload.data(), payload.size()), 5000);
  ::close(fds[1]);
  LoadOptions options;
  options.max_bytes = 1000;
  std::string message;
  {
    const StdinFrom redirect(fds[0]);
    message = load_error("-", options);
  }
  ::close(fds[0]);
  EXPECT_EQ(message, "cannot read standard input: too large (over 1000 bytes)");
}

TEST(LoadStdin, DevZeroStopsAtTheCap) {
  // An endless source: the cap, not the end of input, must stop the read.
  const int fd = ::open("/dev/zero", O_RDONLY);
  ASSERT_GE(fd, 0);
  LoadOptions options;
  options.max_bytes = 4096;
  std::string message;
  {
    const StdinFrom redirect(fd);
    message = load_error("-", options);
  }
  ::close(fd);
  EXPECT_EQ(message, "cannot read standard input: too large (over 4 KiB)");
}

}  // namespace
}  // namespace narrate::input
