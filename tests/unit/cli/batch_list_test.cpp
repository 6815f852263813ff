// cli/batch_list_test.cpp - batch output names and shards
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "cli/batch_list.hpp"
#include "narrate/error.hpp"
#include "support/support.hpp"

namespace narrate::cli {
namespace {

TEST(BatchList, SafeStemsNeverLeaveTheFolder) {
  EXPECT_EQ(safe_stem("articles/News Science.html"), "news-science");
  EXPECT_EQ(safe_stem("https://example.com/2024/05/city-council.html?x=1#top"), "city-council");
  EXPECT_EQ(safe_stem("https://example.com/"), "example-com");
  EXPECT_EQ(safe_stem("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_stem(".."), "article");
  EXPECT_EQ(safe_stem("/"), "article");
  EXPECT_EQ(safe_stem("caf\xc3\xa9 na\xc3\xafve.txt"), "caf-na-ve");
  EXPECT_LE(safe_stem(std::string(500, 'a') + ".txt").size(), 80u);
}

TEST(BatchList, ShardsCoverEveryItemOnceWith0Or1BasedIds) {
  for (const int base : {0, 1}) {
    std::multiset<std::size_t> seen;
    for (int k = base; k < base + 3; ++k) {
      const Shard shard = parse_shard(std::to_string(k) + "/3");
      for (std::size_t i = 0; i < 10; ++i) {
        if (shard.selects(i)) seen.insert(i);
      }
    }
    EXPECT_EQ(seen.size(), 10u);
    for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(seen.count(i), 1u);
  }
  for (const std::string bad : {"", "3", "4/3", "1/0", "-1/3", "a/b", "1/3/4", "1/"}) {
    EXPECT_THROW(parse_shard(bad), Error) << bad;
  }
}

TEST(BatchList, NamesAreDistinctAndManifestNamesWin) {
  test::TempDir dir;
  test::write_file(dir / "m.jsonl",
                   "{\"source\": \"a/x.html\"}\n"
                   "{\"source\": \"b/x.html\"}\n"
                   "{\"source\": \"c/y.html\", \"output\": \"x.wav\"}\n"
                   "{\"source\": \"d/X.html\", \"format\": \"mp3\"}\n");
  const auto items = read_batch_list((dir / "m.jsonl").string(), "wav");
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].output, "x-2.wav");
  EXPECT_EQ(items[1].output, "x-3.wav");
  EXPECT_EQ(items[2].output, "x.wav");
  EXPECT_EQ(items[3].output, "x.mp3");
  for (const auto& item : items) EXPECT_EQ(item.error, "") << item.output;
}

}  // namespace
}  // namespace narrate::cli
