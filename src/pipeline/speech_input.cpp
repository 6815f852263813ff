// pipeline/speech_input.cpp - screen-reading input: plain text or SSML, spoken whole
#include <string>
#include <string_view>
#include <vector>

#include "input/load.hpp"
#include "narrate/error.hpp"
#include "narrate/narrate.hpp"
#include "text/ssml.hpp"

namespace narrate {
namespace {

std::string collapse_spaces(std::string_view text) {
  std::string collapsed;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed += ' ';
    space = false;
    collapsed += c;
  }
  return collapsed;
}

void add_block(Document& document, std::string text) {
  std::string collapsed = collapse_spaces(text);
  if (collapsed.empty()) return;
  Block block;
  block.kind = BlockKind::Paragraph;
  block.text = std::move(collapsed);
  document.blocks.push_back(std::move(block));
}

/// Builds blocks from SSML pieces: a block per paragraph or sentence (</p>, </s>, a break of
/// 300 ms or more), and a new block, continuing the sentence, where the prosody changes; marks
/// are kept at the offset of the word they precede.
class SsmlBlocks {
 public:
  explicit SsmlBlocks(Document& document) : document_(document) {}

  void text(const text::SsmlPiece& piece) {
    const std::string words = collapse_spaces(piece.text);
    if (!words.empty()) {
      const text::SsmlProsody& p = piece.prosody;
      if (!block_.text.empty() && (p.rate != block_.rate || p.pitch_hz_delta != block_.pitch ||
                                   p.volume != block_.volume)) {
        // Marks at the end of the block belong to the word that comes next.
        while (!block_.marks.empty() && block_.marks.back().offset == block_.text.size()) {
          waiting_.insert(waiting_.begin(), std::move(block_.marks.back().name));
          block_.marks.pop_back();
        }
        finish(true);
      }
      if (block_.text.empty()) {
        block_.rate = p.rate;
        block_.pitch = p.pitch_hz_delta;
        block_.volume = p.volume;
      } else {
        block_.text += ' ';
      }
      for (std::string& name : waiting_) block_.marks.push_back({block_.text.size(), name});
      waiting_.clear();
      block_.text += words;
      if (document_.language.empty() && !p.language.empty()) document_.language = p.language;
    }
    if (piece.paragraph_end) finish(false);
  }

  /// A mark before any word of the block waits for the block's first word.
  void mark(const std::string& name) {
    if (block_.text.empty())
      waiting_.push_back(name);
    else
      block_.marks.push_back({block_.text.size(), name});
  }

  void finish(bool next_continues) {
    if (!block_.text.empty()) {
      block_.kind = BlockKind::Paragraph;
      block_.continues = continues_;
      document_.blocks.push_back(std::move(block_));
      block_ = Block{};
    }
    continues_ = next_continues && !document_.blocks.empty();
  }

  /// Marks after the last word are reached at the end of the last block.
  void close() {
    finish(false);
    if (document_.blocks.empty()) return;
    Block& last = document_.blocks.back();
    for (std::string& name : waiting_) last.marks.push_back({last.text.size(), name});
    waiting_.clear();
  }

 private:
  Document& document_;
  Block block_;
  bool continues_ = false;
  std::vector<std::string> waiting_;
};

}  // namespace

Document read_speech_text(const std::string& source, const SourceOptions& options, bool ssml) {
  input::LoadOptions load_options;
  load_options.force = MediaType::Text;  // nothing is extracted: markup would be spoken as is
  load_options.max_bytes = options.max_bytes;
  load_options.timeout_ms = options.timeout_ms;
  load_options.validate();
  const Input in = input::load(source, load_options);
  Document document;
  if (ssml) {
    SsmlBlocks blocks(document);
    for (const text::SsmlPiece& piece : text::parse_ssml(in.text).pieces) {
      switch (piece.kind) {
        case text::SsmlKind::Text:
          blocks.text(piece);
          break;
        case text::SsmlKind::Mark:
          blocks.mark(piece.text);
          break;
        case text::SsmlKind::Break:
          if (piece.break_ms >= 300) blocks.finish(false);
          break;
      }
    }
    blocks.close();
  } else {
    std::string paragraph;
    std::size_t start = 0;
    while (start <= in.text.size()) {
      std::size_t end = in.text.find('\n', start);
      if (end == std::string::npos) end = in.text.size();
      const std::string line = in.text.substr(start, end - start);
      if (line.find_first_not_of(" \t\r\f\v") == std::string::npos) {
        add_block(document, paragraph);
        paragraph.clear();
      } else {
        paragraph += line + "\n";
      }
      start = end + 1;
    }
    add_block(document, paragraph);
  }
  if (document.blocks.empty()) {
    throw Error(ErrorCode::NoArticle, "nothing to speak in '" + source + "'");
  }
  return document;
}

}  // namespace narrate
