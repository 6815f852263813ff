// input/fetch_test.cpp - load() on http URLs, against tests/support/http_server.py on 127.0.0.1
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "input/load.hpp"
#include "narrate/error.hpp"
#include "support/support.hpp"

namespace narrate::input {
namespace {

/// Starts the test server once for the suite and stops it at the end.
class Fetch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (std::system("command -v python3 >/dev/null 2>&1") != 0) {
      skip_reason_ = "python3 is not installed, so there is no local HTTP server";
      return;
    }
    const std::string script = std::string(NARRATE_TESTS_DIR) + "/support/http_server.py";
    // exec: the pid the server prints is then popen's child, which pclose waits for.
    const std::string command = "exec python3 " + narrate::test::shell_quote(script) + " 0";
    server_ = ::popen(command.c_str(), "r");
    if (server_ == nullptr) {
      start_error_ = "popen failed";
      return;
    }
    long port = 0;
    long pid = 0;
    if (std::fscanf(server_, "%ld %ld", &port, &pid) != 2 || port <= 0) {
      start_error_ = "the server printed no port";
      ::pclose(server_);
      server_ = nullptr;
      return;
    }
    port_ = static_cast<int>(port);
    pid_ = static_cast<pid_t>(pid);
  }

  static void TearDownTestSuite() {
    if (server_ == nullptr) return;
    ::kill(pid_, SIGTERM);
    ::pclose(server_);
    server_ = nullptr;
  }

  void SetUp() override {
    if (!skip_reason_.empty()) GTEST_SKIP() << skip_reason_;
    ASSERT_TRUE(start_error_.empty()) << "cannot start the test HTTP server: " << start_error_;
  }

  static std::string url(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  /// load()'s error message for url(path), checked to be one line naming the URL.
  static std::string fetch_error(const std::string& path, const LoadOptions& options = {}) {
    const std::string source = url(path);
    try {
      load(source, options);
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::SourceUnreadable);
      const std::string message = error.what();
      EXPECT_EQ(message.find('\n'), std::string::npos) << message;
      EXPECT_NE(message.find("'" + source + "'"), std::string::npos) << message;
      return message;
    }
    ADD_FAILURE() << "load('" << source << "') did not throw";
    return {};
  }

  static inline std::FILE* server_ = nullptr;
  static inline int port_ = 0;
  static inline pid_t pid_ = 0;
  static inline std::string skip_reason_;
  static inline std::string start_error_;
};

TEST_F(Fetch, HtmlPage) {
  const Input input = load(url("/page"));
  EXPECT_NE(input.text.find("<p>Hello from the test server.</p>"), std::string::npos);
  EXPECT_EQ(input.media_type, MediaType::Html);
  EXPECT_EQ(input.charset, "utf-8");
  EXPECT_EQ(input.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(input.origin, url("/page"));
}

TEST_F(Fetch, PlainText) {
  const Input input = load(url("/text"));
  EXPECT_EQ(input.text, "Plain text \xE2\x80\x93 from the server.\n");
  EXPECT_EQ(input.media_type, MediaType::Text);
}

TEST_F(Fetch, Windows1252CharsetInTheHeader) {
  const Input input = load(url("/cp1252"));
  EXPECT_EQ(input.text,
            "<html><body><p>Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x93 na\xC3\xAFve"
            "</p></body></html>");
  EXPECT_EQ(input.charset, "windows-1252");
}

TEST_F(Fetch, Iso88591InTheMeta) {
  const Input input = load(url("/latin1-meta"));
  EXPECT_NE(input.text.find("<p>Gr\u00fc\u00dfe \u2019s</p>"), std::string::npos) << input.text;
  EXPECT_EQ(input.charset, "windows-1252");
}

TEST_F(Fetch, FollowsRedirects) {
  const Input input = load(url("/redirect/3"));
  EXPECT_NE(input.text.find("Hello from the test server."), std::string::npos);
  EXPECT_EQ(input.media_type, MediaType::Html);
  EXPECT_EQ(input.origin, url("/redirect/3"));
}

TEST_F(Fetch, TooManyRedirects) {
  LoadOptions options;
  options.max_redirects = 2;
  EXPECT_EQ(fetch_error("/redirect/3", options),
            "cannot fetch '" + url("/redirect/3") + "': too many redirects (more than 2)");
}

TEST_F(Fetch, RedirectLoop) {
  EXPECT_EQ(fetch_error("/loop/a"),
            "cannot fetch '" + url("/loop/a") + "': too many redirects (more than 8)");
}

TEST_F(Fetch, RedirectsNotFollowedWhenTheLimitIsZero) {
  LoadOptions options;
  options.max_redirects = 0;
  EXPECT_EQ(
      fetch_error("/redirect/0", options),
      "cannot fetch '" + url("/redirect/0") + "': redirected, and redirects are not followed");
}

TEST_F(Fetch, RedirectToAnotherProtocolIsRefused) {
  EXPECT_EQ(fetch_error("/to-ftp"), "cannot fetch '" + url("/to-ftp") +
                                        "': redirected to 'ftp://127.0.0.1/file.txt', which is "
                                        "not an http(s) URL");
  // A page must not be able to make narrate read a local file.
  EXPECT_EQ(fetch_error("/to-file"), "cannot fetch '" + url("/to-file") +
                                         "': redirected to 'file:///etc/passwd', which is not an "
                                         "http(s) URL");
}

TEST_F(Fetch, HttpErrors) {
  EXPECT_EQ(fetch_error("/missing"), "cannot fetch '" + url("/missing") + "': HTTP 404 Not Found");
  EXPECT_EQ(fetch_error("/error"),
            "cannot fetch '" + url("/error") + "': HTTP 500 Internal Server Error");
}

TEST_F(Fetch, BodyOverTheCap) {
  LoadOptions options;
  options.max_bytes = 64 * 1024;
  // Announced by Content-Length, and not announced: both stop at the cap.
  EXPECT_EQ(fetch_error("/big", options),
            "cannot fetch '" + url("/big") + "': too large (over 64 KiB)");
  EXPECT_EQ(fetch_error("/big-unannounced", options),
            "cannot fetch '" + url("/big-unannounced") + "': too large (over 64 KiB)");
  // Under a larger cap the same body loads.
  options.max_bytes = 1024 * 1024;
  EXPECT_EQ(load(url("/big-unannounced"), options).text.size(), 256u * 1024);
}

TEST_F(Fetch, Timeout) {
  LoadOptions options;
  options.timeout_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(fetch_error("/slow", options),
            "cannot fetch '" + url("/slow") + "': timed out after 300 ms");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

TEST_F(Fetch, EmptyAndBinaryBodies) {
  EXPECT_EQ(fetch_error("/empty"), "cannot read '" + url("/empty") + "': it is empty");
  EXPECT_EQ(fetch_error("/png"), "cannot read '" + url("/png") + "': a PNG image, not text");
}

TEST_F(Fetch, UppercaseSchemeIsAUrl) {
  const std::string source = "HTTP://127.0.0.1:" + std::to_string(port_) + "/page";
  EXPECT_EQ(load(source).media_type, MediaType::Html);
}

/// A port on 127.0.0.1 that nothing listens on: bound, then released.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    return 0;
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST(FetchUnreachable, ConnectionRefused) {
  const int port = closed_port();
  ASSERT_GT(port, 0);
  const std::string source = "http://127.0.0.1:" + std::to_string(port) + "/";
  try {
    load(source);
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "cannot fetch '" + source + "': cannot connect to '127.0.0.1': Connection refused");
  }
}

TEST(FetchUnreachable, UnknownHost) {
  // .invalid never resolves (RFC 6761); the short timeout bounds a slow resolver.
  LoadOptions options;
  options.timeout_ms = 3000;
  const std::string source = "http://narrate-test.invalid/article";
  try {
    load(source, options);
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::SourceUnreadable);
    EXPECT_EQ(std::string(error.what()),
              "cannot fetch '" + source + "': unknown host 'narrate-test.invalid'");
  }
}

}  // namespace
}  // namespace narrate::input
