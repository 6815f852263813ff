// unit/audio/tags_test.cpp - ID3v2 chapter frames and Vorbis chapter comments, byte by byte
#include <gtest/gtest.h>

#include <string>

#include "audio/id3_tag.hpp"
#include "audio/ogg_comments.hpp"

namespace narrate::audio {
namespace {

std::uint32_t be32(const std::vector<unsigned char>& b, std::size_t at) {
  return std::uint32_t(b[at]) << 24 | std::uint32_t(b[at + 1]) << 16 |
         std::uint32_t(b[at + 2]) << 8 | std::uint32_t(b[at + 3]);
}

std::size_t find(const std::vector<unsigned char>& b, const std::string& what,
                 std::size_t from = 0) {
  const std::string bytes(b.begin(), b.end());
  return bytes.find(what, from);
}

TEST(Id3Chapters, CtocListsChapFramesWithTimes) {
  Id3Fields fields;
  fields.title = "T";
  fields.chapters = {{"Intro", 0, 1500}, {"Two", 1500, 4000}};
  const std::vector<unsigned char> tag = id3v2_tag(fields);
  ASSERT_GE(tag.size(), 10u);
  EXPECT_EQ(tag[3], 3);  // ID3v2.3
  // The tag's syncsafe size covers everything after its 10-byte header.
  const std::size_t size =
      std::size_t(tag[6]) << 21 | std::size_t(tag[7]) << 14 | std::size_t(tag[8]) << 7 | tag[9];
  EXPECT_EQ(size + 10, tag.size());

  const std::size_t ctoc = find(tag, "CTOC");
  ASSERT_NE(ctoc, std::string::npos);
  const std::size_t body = ctoc + 10;
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(&tag[body])), "toc");
  EXPECT_EQ(tag[body + 4], 0x03);  // top-level, ordered
  EXPECT_EQ(tag[body + 5], 2);     // two children: "chp1", "chp2"
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(&tag[body + 6])), "chp1");

  const std::size_t chap2 = find(tag, "CHAP", find(tag, "CHAP") + 4);
  ASSERT_NE(chap2, std::string::npos);
  const std::size_t frame_size = be32(tag, chap2 + 4);
  const std::size_t c = chap2 + 10;
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(&tag[c])), "chp2");
  EXPECT_EQ(be32(tag, c + 5), 1500u);         // start ms
  EXPECT_EQ(be32(tag, c + 9), 4000u);         // end ms
  EXPECT_EQ(be32(tag, c + 13), 0xFFFFFFFFu);  // byte offsets unused
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(&tag[c + 21]), 4), "TIT2");
  EXPECT_EQ(c + frame_size, chap2 + 10 + frame_size);
  EXPECT_LE(chap2 + 10 + frame_size, tag.size());
}

TEST(OggChapters, CommentsAndStandInOfTheSameSize) {
  const std::vector<std::string> extra = chapter_comments({{"Intro", 0}, {"Part two", 61234}});
  ASSERT_EQ(extra.size(), 4u);
  EXPECT_EQ(extra[0], "CHAPTER01=00:00:00.000");
  EXPECT_EQ(extra[1], "CHAPTER01NAME=Intro");
  EXPECT_EQ(extra[2], "CHAPTER02=00:01:01.234");
  std::size_t size = 0;
  for (const std::string& e : extra) size += 4 + e.size();
  // One entry "COMMENT=<stand-in>" takes exactly the room of the four.
  EXPECT_EQ(4 + std::string("COMMENT=").size() + comment_placeholder(extra).size(), size);
  EXPECT_TRUE(comment_placeholder({}).empty());
}

}  // namespace
}  // namespace narrate::audio
