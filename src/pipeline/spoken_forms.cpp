// pipeline/spoken_forms.cpp - loading lexicons and normalizing sentences
#include "pipeline/spoken_forms.hpp"

#include <cctype>
#include <filesystem>

#include "pipeline/lexicon_files.hpp"
#include "synth/voice_library.hpp"
#include "text/lexicon.hpp"

namespace narrate::pipeline {

namespace {

// "en-GB" -> "en": shipped lexicons are per language, not per region.
std::string primary_language(const std::string& tag) {
  std::string primary;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    primary += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return primary.empty() ? "en" : primary;
}

}  // namespace

SpokenForms::SpokenForms(const std::string& language,
                         const std::vector<std::string>& extra_lexicons) {
  options_.language = language.empty() ? "en" : language;
  auto lexicon = std::make_shared<text::Lexicon>();
  const std::filesystem::path voices = synth::find_project_voices_dir();
  if (!voices.empty()) {
    const auto shipped = voices / ("lexicon-" + primary_language(options_.language) + ".txt");
    if (std::filesystem::is_regular_file(shipped)) {
      lexicon->merge(load_lexicon(shipped.string()));
    }
  }
  for (const std::string& path : text::default_lexicon_paths()) {
    if (std::filesystem::is_regular_file(path)) lexicon->merge(load_lexicon(path));
  }
  // A file the user named must exist: load_lexicon reports it when it does not.
  for (const std::string& path : extra_lexicons) lexicon->merge(load_lexicon(path));
  if (!lexicon->empty()) options_.lexicon = std::move(lexicon);
}

text::SpokenText SpokenForms::of(const Sentence& sentence) const {
  return text::normalize(sentence.text, options_);
}

}  // namespace narrate::pipeline
