// pipeline/document_io.cpp - reading an article and printing it (--extract, --sentences)
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <nlohmann/json.hpp>

#include "extract/extract.hpp"
#include "input/load.hpp"
#include "narrate/narrate.hpp"
#include "pipeline/spoken_forms.hpp"
#include "text/normalize.hpp"
#include "text/segment.hpp"

namespace narrate {

Document read_article(const std::string& source, const SourceOptions& options) {
  input::LoadOptions load_options;
  load_options.force = options.format;
  load_options.max_bytes = options.max_bytes;
  load_options.timeout_ms = options.timeout_ms;
  load_options.validate();
  const Input in = input::load(source, load_options);
  Document document = extract::extract_article(in);
  document.warnings = in.warnings;
  if (document.blocks.empty()) {
    // A lone title is a headline, not an article; there is nothing worth narrating.
    throw Error(ErrorCode::NoArticle, "no article text found in '" + source + "'");
  }
  return document;
}

std::vector<Sentence> sentences_of(const Document& document) {
  text::SegmentOptions options;
  if (!document.language.empty()) options.language = document.language;
  return text::segment(document, options);
}

std::vector<std::string> spoken_sentences(const Document& document,
                                          const std::vector<std::string>& lexicon_paths) {
  const pipeline::SpokenForms forms(document.language, lexicon_paths);
  std::vector<std::string> spoken;
  for (const Sentence& sentence : sentences_of(document)) {
    spoken.push_back(forms.of(sentence).text);
  }
  return spoken;
}

namespace {

std::size_t count_words_in(std::string_view text) {
  std::size_t words = 0;
  bool token_has_word_char = false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && (u_isUWhiteSpace(c) || c == 0xA0)) {
      if (token_has_word_char) ++words;
      token_has_word_char = false;
    } else if (c >= 0 && u_isalnum(c)) {
      token_has_word_char = true;
    }
  }
  if (token_has_word_char) ++words;
  return words;
}

}  // namespace

std::size_t count_words(const Document& document) {
  std::size_t words = count_words_in(document.title);
  for (const Block& block : document.blocks) words += count_words_in(block.text);
  return words;
}

std::string document_text(const Document& document, bool include_title) {
  std::string out;
  if (include_title && !document.title.empty()) out += document.title + "\n\n";
  for (std::size_t i = 0; i < document.blocks.size(); ++i) {
    if (i > 0) out += "\n\n";
    out += document.blocks[i].text;
  }
  out += "\n";
  return out;
}

std::string document_json(const Document& document) {
  nlohmann::ordered_json paragraphs = nlohmann::ordered_json::array();
  for (const Block& block : document.blocks) {
    paragraphs.push_back({{"kind", block_kind_name(block.kind)}, {"text", block.text}});
  }
  nlohmann::ordered_json root = {{"title", document.title},
                                 {"byline", document.byline},
                                 {"language", document.language},
                                 {"paragraphs", std::move(paragraphs)}};
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace narrate
