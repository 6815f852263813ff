// synth/syllables.hpp - the syllables a listener hears in a spoken text; what 1x means
#pragma once

#include <string_view>

namespace narrate::synth {

/// The density of the ordinary English prose that defines the speed scale: 1x = 200 words a
/// minute of prose at this many spoken syllables a word, i.e. 5 syllables a second. Measured
/// with syllables() on the spoken forms of samples/ and the seed article: 1.49 over all of them
/// (1.37 to 1.69 a text; the GPL-3 1.69); eSpeak's own phonemes give the same within 1.5 %.
inline constexpr double kReferenceSyllablesPerWord = 1.5;

/// Ordinary prose is not one density: samples/ run from 1.37 to 1.55 syllables a word, the
/// seed article and the GPL-3 at 1.69. Between these bounds a text is ordinary prose and keeps
/// the words per minute shown; beyond them the syllable rate is held at that of the nearer bound,
/// so dense text (long technical words, figures) runs at fewer written words a minute and is
/// never faster to the ear than the densest ordinary prose. The upper bound is a compromise of
/// two targets: the GPL within 6 % of its words per minute (>= 1.59) and technical text within
/// 15 % of plain prose's syllable rate (lighthouse sample, 1.45: <= 1.67, less a margin).
inline constexpr double kOrdinaryProseMin = 1.37;
inline constexpr double kOrdinaryProseMax = 1.62;

/// The syllables a word a stretch of text (`syllables` heard in `words` written words) is paced
/// at: its own density within the range of ordinary prose, the nearer end of the range outside
/// it (kReferenceSyllablesPerWord when there are no words). A speed of `wpm` then means
/// wpm * paced_density() / 60 syllables a second.
constexpr double paced_density(double syllables, double words) {
  if (!(words > 0) || !(syllables > 0)) return kReferenceSyllablesPerWord;
  const double density = syllables / words;
  return density < kOrdinaryProseMin   ? kOrdinaryProseMin
         : density > kOrdinaryProseMax ? kOrdinaryProseMax
                                       : density;
}

/// How many syllables eSpeak says for `spoken` (UTF-8, the exact text handed to it): vowel
/// groups of each word in its own script (Latin with accents, Greek; each vowel letter in
/// Cyrillic; one a character in CJK and Hangul; a letter estimate for other scripts), English
/// spelling corrections (silent e, -ed, -es, "radio", "-ism"), short all-capital words spelled
/// out letter by letter, and numbers as read aloud ("2.3" = two point three = 3, "1987" =
/// nineteen eighty-seven = 6, "2023" = two thousand twenty-three, "%" = percent). Punctuation
/// counts nothing. Never throws; invalid UTF-8 bytes
/// count as letters of no vowel.
double syllables(std::string_view spoken);

}  // namespace narrate::synth
