// pipeline/word_timing.hpp - when each written word of a sentence is heard
#pragma once

#include <cstdint>
#include <vector>

#include "narrate/document.hpp"
#include "synth/engine.hpp"

namespace narrate::pipeline {

/// Where one written word (a WordSpan of the sentence) lies in the sentence's audio.
struct WordTime {
  std::int64_t begin_sample = 0;  ///< from the start of the sentence's audio
  std::int64_t end_sample = 0;    ///< the next word's begin; after the last word, speech's end
};

/// One WordTime per entry of `words`. A word starts at the first of the engine's word marks that
/// says part of it. Words the engine marked together (or not at all: eSpeak joins some short
/// words to their neighbour) share the time between the marks around them in equal parts, so
/// every written word that is spoken has a place, and times never go backwards.
/// `speech_begin`/`speech_end`: the first loud sample and one past the last.
std::vector<WordTime> time_words(const std::vector<WordSpan>& words,
                                 const std::vector<synth::WordMark>& marks,
                                 std::int64_t speech_begin, std::int64_t speech_end);

}  // namespace narrate::pipeline
