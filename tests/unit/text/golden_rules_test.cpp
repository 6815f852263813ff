// text/golden_rules_test.cpp - the English "Golden Rules" of sentence boundaries (../shared data)
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "text/segment.hpp"

namespace narrate::text {
namespace {

// The comparison of ../shared/tools/eval_segmentation.py: strip, and collapse every run of
// white space inside a sentence to one space, since its protocol prints one sentence a line.
std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

TEST(GoldenRules, EnglishScoresAtLeast51Of52) {
  const std::filesystem::path path =
      std::filesystem::path(NARRATE_SHARED_DIR) / "data" / "golden_rules_en.json";
  if (!std::filesystem::exists(path))
    GTEST_SKIP() << "golden rules data not found at " << path << " (../shared is absent)";
  std::ifstream in(path);
  const nlohmann::json cases = nlohmann::json::parse(in);
  ASSERT_TRUE(cases.is_array());

  int passed = 0;
  std::string failures;
  for (const auto& c : cases) {
    const std::string text = c.at("text").get<std::string>();
    std::vector<std::string> want;
    for (const auto& s : c.at("expected")) {
      std::string e = collapse(s.get<std::string>());
      if (!e.empty()) want.push_back(std::move(e));
    }
    std::vector<std::string> got;
    for (const Span& span : split_sentences(text)) {
      std::string g = collapse(std::string_view(text).substr(span.begin, span.end - span.begin));
      if (!g.empty()) got.push_back(std::move(g));
    }
    if (got == want) {
      ++passed;
      continue;
    }
    failures += "  " + c.at("id").get<std::string>() + " " + c.value("name", "") + "\n";
    for (const auto& g : got) failures += "    got | " + g + "\n";
  }
  std::cout << "[ golden  ] English golden rules: " << passed << "/" << cases.size() << " passed\n"
            << failures;
  EXPECT_GE(passed, 51) << failures;
}

}  // namespace
}  // namespace narrate::text
