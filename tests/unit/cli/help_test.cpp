// unit/cli/help_test.cpp - --help and the man page document every registered option
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

#include "cli/app.hpp"
#include "support/support.hpp"

namespace narrate::cli {
namespace {

// In roff a hyphen to be printed as such is written "\-".
std::string roff(const std::string& text) {
  std::string out;
  for (const char c : text) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

TEST(Help, EveryRegisteredOptionIsInTheHelpAndTheManPage) {
  const std::vector<std::string> options = registered_options();
  ASSERT_GE(options.size(), 20u);
  const std::string help = help_text();
  const std::string page = test::read_file(NARRATE_MAN_PAGE);
  ASSERT_FALSE(page.empty()) << NARRATE_MAN_PAGE;
  for (const std::string& option : options) {
    // A whole name: "--split" must not pass because "--split-at" is documented.
    bool in_help = false;
    for (std::size_t at = help.find(option); at != std::string::npos && !in_help;
         at = help.find(option, at + 1)) {
      const char after = at + option.size() < help.size() ? help[at + option.size()] : ' ';
      in_help = !(std::isalnum(static_cast<unsigned char>(after)) || after == '-');
    }
    EXPECT_TRUE(in_help) << option << " is registered but not in --help";
    EXPECT_NE(page.find(roff(option)), std::string::npos)
        << option << " is registered but not in the man page (src/cli/narrate.1)";
  }
}

TEST(Help, WrittenForPeopleWithoutParserNotation) {
  const std::string help = help_text();
  for (const char* artifact : {"{text", "TEXT", ":POSITIVE", "stdin:{", "VALUE", "[Option"}) {
    EXPECT_EQ(help.find(artifact), std::string::npos) << artifact << "\n" << help;
  }
  for (const char* part :
       {"Speed:", "150 words a minute", "0.4x to 4.5x", "80wpm to 900wpm", "Player keys:", "space",
        "q      quit", "Exit codes:", "130 interrupted", "Examples:", "Audio files:", "Player",
        "--extract[=text|body|json]", "config"}) {
    EXPECT_NE(help.find(part), std::string::npos) << part;
  }
  // It fits an 80-column terminal.
  std::size_t start = 0;
  while (start < help.size()) {
    const std::size_t end = std::min(help.find('\n', start), help.size());
    std::size_t columns = 0;
    for (std::size_t i = start; i < end; ++i) {
      if ((static_cast<unsigned char>(help[i]) & 0xC0) != 0x80) ++columns;
    }
    EXPECT_LE(columns, 80u) << help.substr(start, end - start);
    start = end + 1;
  }
}

TEST(Help, ManPageRenders) {
  if (test::run_shell("command -v man").exit_code != 0) GTEST_SKIP() << "man is not installed";
  const test::RunResult rendered = test::run_shell("MANWIDTH=80 man --warnings=w -l " +
                                                   test::shell_quote(NARRATE_MAN_PAGE) + " | cat");
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_EQ(rendered.err, "") << "roff warnings";
  EXPECT_NE(rendered.out.find("NARRATE(1)"), std::string::npos) << rendered.out;
  EXPECT_NE(rendered.out.find("--list-voices"), std::string::npos) << rendered.out;
  EXPECT_EQ(rendered.out.find("@PROJECT_VERSION@"), std::string::npos);
}

}  // namespace
}  // namespace narrate::cli
