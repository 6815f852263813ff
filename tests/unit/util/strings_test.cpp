// unit/util/strings_test.cpp - the shared small helpers
#include "util/strings.hpp"

#include <gtest/gtest.h>

#include <cerrno>

namespace narrate::util {
namespace {

TEST(Strings, AsciiCaseOnly) {
  EXPECT_EQ(ascii_lower("HeLLo \xC3\x89T\xC3\x89"), "hello \xC3\x89t\xC3\x89");
  EXPECT_TRUE(equals_ci("Charset", "CHARSET"));
  EXPECT_FALSE(equals_ci("charset", "charsets"));
  EXPECT_TRUE(starts_with_ci("Content-Type: x", "content-type"));
  EXPECT_FALSE(starts_with_ci("Con", "content"));
}

TEST(Strings, TrimTakesAsciiBlanksFromBothEnds) {
  EXPECT_EQ(trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim(""), "");
}

TEST(Strings, Fnv1aIsTheStandardHash) {
  // Published FNV-1a 64 values.
  EXPECT_EQ(fnv1a(kFnv1aOffset, ""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a(kFnv1aOffset, "a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a(fnv1a(kFnv1aOffset, "fo"), "o"), fnv1a(kFnv1aOffset, "foo"));
}

TEST(Strings, ErrnoTextAndClock) {
  EXPECT_EQ(errno_text(ENOENT), "No such file or directory");
  const auto a = steady_now_ns();
  EXPECT_GE(steady_now_ns(), a);
}

}  // namespace
}  // namespace narrate::util
