// e2e/url_test.cpp - narrate reads articles from a web server on 127.0.0.1
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <string>

#include "support/support.hpp"

namespace narrate::test {
namespace {

// python3's http.server serving samples/ on a free port of 127.0.0.1, for the test's lifetime.
class SampleServer : public ::testing::Test {
 protected:
  void SetUp() override {
    if (run_shell("command -v python3").exit_code != 0) GTEST_SKIP() << "python3 is missing";
    const std::string command = "exec python3 -u -m http.server 0 --bind 127.0.0.1 --directory " +
                                shell_quote(NARRATE_SAMPLES_DIR) + " 2>/dev/null & echo $!";
    pipe_ = popen(command.c_str(), "r");
    ASSERT_NE(pipe_, nullptr);
    char line[256];
    // First line: the server's pid; second: "Serving HTTP on 127.0.0.1 port N ...".
    ASSERT_NE(fgets(line, sizeof line, pipe_), nullptr);
    pid_ = std::atoi(line);
    ASSERT_NE(fgets(line, sizeof line, pipe_), nullptr);
    const std::string serving = line;
    const std::size_t at = serving.find(" port ");
    ASSERT_NE(at, std::string::npos) << serving;
    base_ = "http://127.0.0.1:" + std::to_string(std::atoi(serving.c_str() + at + 6));
  }
  void TearDown() override {
    if (pid_ > 0) kill(pid_, SIGTERM);
    if (pipe_ != nullptr) pclose(pipe_);
  }
  FILE* pipe_ = nullptr;
  int pid_ = 0;
  std::string base_;
};

TEST_F(SampleServer, UrlExtractsLikeTheFile) {
  const RunResult from_url = run_narrate({"--extract", base_ + "/news-city-council.html"});
  const RunResult from_file = run_narrate({"--extract", sample("news-city-council.html").string()});
  ASSERT_EQ(from_url.exit_code, 0) << from_url.err;
  EXPECT_EQ(from_url.out, from_file.out);
}

TEST_F(SampleServer, MissingPageIsASourceError) {
  const RunResult result = run_narrate({"--extract", base_ + "/no-such-page.html"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("404"), std::string::npos) << result.err;
}

TEST(Url, UnreachableServerIsASourceError) {
  // Port 9 on loopback: nothing listens there, the connection is refused at once.
  const RunResult result = run_narrate({"--extract", "http://127.0.0.1:9/a.html"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.err.rfind("narrate: ", 0), 0u) << result.err;
}

}  // namespace
}  // namespace narrate::test
