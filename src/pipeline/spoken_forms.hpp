// pipeline/spoken_forms.hpp - the spoken form of each sentence, with the lexicons in force
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "narrate/document.hpp"
#include "text/normalize.hpp"

namespace narrate::pipeline {

/// Turns sentences into what eSpeak is handed, with the pronunciation lexicons loaded once:
/// the shipped voices/lexicon-<language>.txt, then the user's own lexicon file, then each
/// extra file (later entries win).
class SpokenForms {
 public:
  /// Throws Error(Usage) naming file:line for a malformed lexicon line, or an extra file that
  /// cannot be read. Missing shipped or per-user files are simply not there.
  SpokenForms(const std::string& language, const std::vector<std::string>& extra_lexicons);

  /// The spoken form of a sentence and its map back to the sentence's bytes.
  text::SpokenText of(const Sentence& sentence) const;

 private:
  text::NormalizeOptions options_;
};

}  // namespace narrate::pipeline
