// pipeline/lexicon_files.hpp - reading pronunciation lexicon files, within limits
#pragma once

#include <cstddef>
#include <string>

#include "text/lexicon.hpp"

namespace narrate::pipeline {

/// The largest lexicon file read, in bytes: the shipped English one is 3 KB, and a
/// pronunciation dictionary of 100,000 words is about 2 MiB.
inline constexpr std::size_t kMaxLexiconBytes = 4u << 20;
/// The most entries one lexicon file may hold.
inline constexpr std::size_t kMaxLexiconEntries = 100000;

/// Reads and parses a lexicon file (text::Lexicon::parse). Reads at most kMaxLexiconBytes + 1
/// bytes, so /dev/zero or an endless pipe fail at once. Throws Error(Usage) naming the path
/// when it cannot be read, is a folder, is larger than kMaxLexiconBytes, holds more than
/// kMaxLexiconEntries entries, or has a malformed line ("path:line: ...").
text::Lexicon load_lexicon(const std::string& path);

}  // namespace narrate::pipeline
