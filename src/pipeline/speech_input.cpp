// pipeline/speech_input.cpp - screen-reading input: plain text or SSML, spoken whole
#include <string>

#include "input/load.hpp"
#include "narrate/error.hpp"
#include "narrate/narrate.hpp"
#include "text/ssml.hpp"

namespace narrate {
namespace {

void add_block(Document& document, std::string text) {
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
  if (collapsed.empty()) return;
  Block block;
  block.kind = BlockKind::Paragraph;
  block.text = std::move(collapsed);
  document.blocks.push_back(std::move(block));
}

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
    const text::SsmlDocument parsed = text::parse_ssml(in.text);
    std::string block;
    for (const text::SsmlPiece& piece : parsed.pieces) {
      if (piece.kind == text::SsmlKind::Text) {
        if (document.language.empty() && !piece.prosody.language.empty())
          document.language = piece.prosody.language;
        if (!block.empty()) block += ' ';
        block += piece.text;
        if (piece.paragraph_end) {
          add_block(document, block);
          block.clear();
        }
      } else if (piece.kind == text::SsmlKind::Break && piece.break_ms >= 300) {
        add_block(document, block);
        block.clear();
      }
    }
    add_block(document, block);
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
