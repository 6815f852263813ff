// narrate/document.hpp - value types that flow through the pipeline: Input, Document, Sentence
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace narrate {

/// How the source's bytes are to be read.
enum class MediaType { Unknown, Html, Text };

/// A loaded source: its text decoded to UTF-8 and what is known of where it came from.
struct Input {
  std::string text;                           ///< the content, valid UTF-8, BOM removed
  MediaType media_type = MediaType::Unknown;  ///< Html or Text once sniffed
  std::string charset;                        ///< the charset the bytes were decoded from
  std::string origin;                         ///< path, "-" or URL, for messages
  std::string content_type;                   ///< HTTP Content-Type when fetched, else empty
  std::vector<std::string> warnings;          ///< repairs made while decoding, one line each
};

/// The kind of a block of article text; it decides the pause after it and how it is segmented.
enum class BlockKind { Heading, Paragraph, ListItem, Quote };

/// A named point in a block's text: an SSML <mark name="..."/>.
struct BlockMark {
  std::size_t offset = 0;  ///< byte offset in Block::text; reached when the word there begins
  std::string name;
};

/// One block of the article body.
struct Block {
  BlockKind kind = BlockKind::Paragraph;
  std::string text;  ///< UTF-8, whitespace collapsed, no leading/trailing space
  // How the block is said and what is marked in it; only SSML input sets these.
  double rate = 1.0;       ///< <prosody rate>: multiplier of the listening speed
  double pitch = 0;        ///< <prosody pitch>: change in percent of the voice's own, -100..100
  double volume = 1.0;     ///< <prosody volume>: gain, 0..1
  bool continues = false;  ///< the previous block's sentence goes on here (only the prosody
                           ///< changed): no paragraph pause between them
  std::vector<BlockMark> marks{};  ///< in order of offset
};

/// The article as extracted: what is read aloud and what describes it.
struct Document {
  std::string title;          ///< headline; empty when none was found
  std::string byline;         ///< author line; not read aloud
  std::string language;       ///< BCP 47 tag ("en", "en-US", "de"), empty when unknown
  std::vector<Block> blocks;  ///< the body, in reading order; the title is not repeated here
  std::vector<std::string> warnings;  ///< notes for the user (bytes repaired); not read aloud
};

/// One sentence to be spoken, tied back to where it came from.
struct Sentence {
  std::size_t block = 0;    ///< index into Document::blocks; kTitleBlock for the title
  std::string text;         ///< the sentence as written (trimmed)
  std::size_t begin = 0;    ///< byte offset of the sentence in its block's text
  std::size_t end = 0;      ///< one past its last byte
  bool ends_block = false;  ///< the last sentence of its block (a paragraph pause follows)
  BlockKind kind = BlockKind::Paragraph;  ///< the kind of its block

  static constexpr std::size_t kTitleBlock = static_cast<std::size_t>(-1);
};

/// One written word of a sentence and the part of the spoken form that says it. A word that
/// expands ("$5bn" -> "five billion dollars") spans all of its spoken words; words that are not
/// spoken at all (a footnote mark) have no WordSpan.
/// 32-bit offsets: a plan keeps one per word of the whole text, and no sentence comes near 4 GB
/// (inputs are capped far below).
struct WordSpan {
  std::uint32_t begin = 0;  ///< bytes of the written sentence: [begin, end)
  std::uint32_t end = 0;
  std::uint32_t spoken_begin = 0;  ///< bytes of the spoken text: [spoken_begin, spoken_end)
  std::uint32_t spoken_end = 0;
};

/// The printable name of a block kind, as used by --extract=json ("heading", "paragraph", ...).
inline const char* block_kind_name(BlockKind kind) noexcept {
  switch (kind) {
    case BlockKind::Heading:
      return "heading";
    case BlockKind::ListItem:
      return "list_item";
    case BlockKind::Quote:
      return "quote";
    case BlockKind::Paragraph:
      break;
  }
  return "paragraph";
}

}  // namespace narrate
