# tools/pace_listener.py - an independent listener for tools/bench_pace.sh: word error rate of
# speech audio against the text it reads, with pocketsphinx (Debian: python3-pocketsphinx,
# pocketsphinx-en-us) and sox.
#
# Fair to every eSpeak-based engine and reliable on technical words:
# - a closed dictionary of exactly the texts' words: the CMU pronunciations pocketsphinx ships
#   and, for every word, the pronunciation eSpeak NG itself gives it (espeak-ng --ipa, mapped to
#   ARPAbet here), so no word is out of vocabulary and a word said as eSpeak says it is matched;
# - a bigram language model of exactly the texts' sentences, weighed 15 (LANGUAGE_WEIGHT);
# - speech slower than 4.5 syllables a second heard sped up to that (MIN_SYLLABLES_PER_SECOND),
#   since the recognizer, unlike a person, loses slow speech;
# - scored as substitutions, deletions and insertions of the texts' words (lower case, letters and
#   apostrophes; figures must be written out in the reference).
#
# As a program: python3 tools/pace_listener.py --voice en-us --text REF.txt [--lm-text F ...] WAV...
# prints each WAV's word error rate against REF.txt.
import argparse
import math
import os
import re
import subprocess
import sys
import tempfile
import wave
from collections import Counter

MODEL = "/usr/share/pocketsphinx/model/en-us"

# eSpeak NG's English IPA (espeak-ng --ipa=1 --sep=_) to the CMU ARPAbet phones of the en-us
# acoustic model. Longest match first within each phoneme token; stress marks are dropped
# (pocketsphinx's dictionary has none). Flaps are T (the CMU dictionary writes "water" W AO T ER).
IPA_TO_ARPABET = {
    # r-coloured vowels and diphthongs eSpeak writes as one token
    "ɑːɹ": "AA R", "ɑɹ": "AA R", "oːɹ": "AO R", "ɔːɹ": "AO R", "ɔɹ": "AO R", "ʊɹ": "UH R",
    "ɪɹ": "IH R", "iɹ": "IY R", "ɛɹ": "EH R", "eɹ": "EH R", "aɪɚ": "AY ER", "aɪə": "AY AH",
    "aʊɚ": "AW ER", "aʊə": "AW AH", "iə": "IY AH", "eə": "EH R", "ʊə": "UH R", "əl": "AH L",
    "aɪ": "AY", "aʊ": "AW", "ɔɪ": "OY", "eɪ": "EY", "oʊ": "OW", "əʊ": "OW",
    "tʃ": "CH", "dʒ": "JH",
    # vowels
    "iː": "IY", "i": "IY", "ɪ": "IH", "ᵻ": "IH", "ɨ": "IH", "e": "EH", "ɛ": "EH", "æ": "AE",
    "a": "AE", "ɑː": "AA", "ɑ": "AA", "ɒ": "AA", "ɔː": "AO", "ɔ": "AO", "o": "OW", "oː": "AO",
    "ʊ": "UH", "uː": "UW", "u": "UW", "ʌ": "AH", "ə": "AH", "ɐ": "AH", "ɚ": "ER", "ɜː": "ER",
    "ɜ": "ER", "ɝ": "ER",
    # consonants
    "p": "P", "b": "B", "t": "T", "d": "D", "k": "K", "ɡ": "G", "g": "G", "f": "F", "v": "V",
    "θ": "TH", "ð": "DH", "s": "S", "z": "Z", "ʃ": "SH", "ʒ": "ZH", "h": "HH", "m": "M",
    "n": "N", "ŋ": "NG", "l": "L", "ɫ": "L", "ɹ": "R", "r": "R", "w": "W", "j": "Y", "ɾ": "T",
    "ʔ": "T", "x": "K", "ç": "HH", "ʍ": "W",
}
# How much the language model weighs against the acoustics (pocketsphinx's default is 6.5). The
# en-us acoustic model was trained on human speech: on eSpeak's formant voice at 120 WPM the
# default hears "the" and short words inside long technical words (the dense text, espeak-ng
# -s 120: en-us+anna 11 % WER at 10, 6 % at 15; plain en-us 47 % at 10, 26 % at 15, 15 % at
# 20). 15 makes slow clean speech near-perfect while a rushed or slurred word still fails.
LANGUAGE_WEIGHT = 15.0

# Slow speech is heard sped up to this many syllables a second. The acoustic model has no notion
# of a word's length: on eSpeak at -s 91 (3.1 syllables a second on the dense text) it hears a
# drawn-out long word as several short ones ("attributable to intercalated": "a revealed the old
# early early and"; 32 % WER, 24 insertions), where a person hears slow speech best. 4.5 is where
# it hears both engines well (dense text, en-us+anna: espeak-ng -s 120 at 4.1 syllables a second
# 6 % WER as it is); sped up to it, espeak-ng -s 91 and narrate at 120 WPM score 5 %. Faster
# speech is heard as it is.
MIN_SYLLABLES_PER_SECOND = 4.5

SYLLABIC = "\u0329"  # n̩, l̩: a schwa before the consonant
DROP = set("ˈˌːˑ-‿|")


def ipa_to_arpabet(ipa):
    """ARPAbet phones (a list) for one word of espeak-ng --ipa=1 --sep=_ output."""
    phones = []
    for token in re.split(r"[_\s]+", ipa):
        token = "".join(c for c in token if c not in "ˈˌ")
        while token:
            if token[0] in DROP:
                token = token[1:]
                continue
            if len(token) > 1 and token[1] == SYLLABIC:
                phones.append("AH")
                token = token[0] + token[2:]
                continue
            for size in (3, 2, 1):
                part = token[:size]
                if part in IPA_TO_ARPABET:
                    phones.extend(IPA_TO_ARPABET[part].split())
                    token = token[size:]
                    break
            else:
                token = token[1:]  # a mark the model has no phone for
    return phones


VOWELS = set("aeiouyɑɐɒæɔəɘɚɛɜɝɞɤɨɪɯɵøœɶʉʊʌʏᵻ") | {SYLLABIC}


def espeak_syllables(text, voice):
    """Syllables eSpeak NG says in `text`: its phonemes that hold a vowel or a syllabic mark."""
    ipa = subprocess.run(["espeak-ng", "-q", "--ipa=1", "--sep=_", "-v", voice.split("+")[0]],
                         input=text, capture_output=True, text=True, check=True).stdout
    return sum(1 for tok in re.split(r"[_\s]+", ipa) if any(c in VOWELS for c in tok))


ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
           "nine": "ninth", "twelve": "twelfth"}


def number_words(n):
    """An integer below a billion as eSpeak NG's English says it: "one thousand two hundred
    fifty" (no "and"), years too ("two thousand twenty three")."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    for size, name in ((10**6, "million"), (1000, "thousand"), (100, "hundred")):
        if n >= size:
            rest = n % size
            return (number_words(n // size) + " " + name +
                    ("" if rest == 0 else " " + number_words(rest)))
    raise ValueError(n)


def spoken_words(text):
    """`text` with its figures written out as eSpeak NG reads them aloud, so that the words of a
    reference are the words an engine says: "$2.3" "dollar two point three", "14.5%" "fourteen
    point five percent", "1,250" "one thousand two hundred fifty", "15th" "fifteenth", unit
    abbreviations of capitals ("kWh", "MW") letter by letter."""
    def figure(m):
        money, whole, frac, ordinal, percent = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)
        words = number_words(int(whole.replace(",", "")))
        if frac:
            words += " point " + " ".join(ONES[int(d)] for d in frac)
        if ordinal:
            last = words.split()[-1]
            nth = ORDINAL.get(last, (last[:-1] + "ieth") if last.endswith("y") else last + "th")
            words = " ".join(words.split()[:-1] + [nth])
        return (" dollar " if money else " ") + words + (" percent " if percent else " ")
    text = re.sub(r"(\$)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(st|nd|rd|th)?(%)?", figure, text)
    # a word of up to four letters with a capital after its first letter: "kWh", "MW", "GPU"
    return re.sub(r"\b[A-Za-z][A-Za-z]{0,3}\b",
                  lambda m: " ".join(m.group(0)) if re.search("[A-Z]", m.group(0)[1:])
                  else m.group(0), text)


def tokens(text):
    return re.findall(r"[a-z']+", text.lower())


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if tokens(s)]


def espeak_pronunciations(words, voice):
    """Each word's pronunciation as eSpeak NG says it (one espeak-ng call, one word a line)."""
    voice = voice.split("+")[0]  # a variant changes the voice, not the pronunciation
    out = subprocess.run(["espeak-ng", "-q", "--ipa=1", "--sep=_", "-v", voice],
                         input="\n".join(w.replace("'", "") for w in words) + "\n",
                         capture_output=True, text=True, check=True).stdout
    lines = [l for l in out.splitlines() if l.strip()]
    if len(lines) != len(words):  # eSpeak joined or split lines: ask word by word
        lines = [subprocess.run(["espeak-ng", "-q", "--ipa=1", "--sep=_", "-v", voice, w],
                                capture_output=True, text=True, check=True).stdout.strip()
                 for w in words]
    return {w: ipa_to_arpabet(l) for w, l in zip(words, lines)}


class Listener:
    """pocketsphinx with a dictionary and a bigram model of exactly `texts` (strings)."""

    def __init__(self, texts, voice="en-us", workdir=None, language_weight=LANGUAGE_WEIGHT,
                 min_rate=MIN_SYLLABLES_PER_SECOND):
        from pocketsphinx import Decoder  # Debian 12's python3-pocketsphinx (0.1.15 API)
        self.work = workdir or tempfile.mkdtemp(prefix="pace_listener.")
        vocab = sorted({w for t in texts for w in tokens(t)})
        cmu = {}
        with open(os.path.join(MODEL, "cmudict-en-us.dict"), encoding="latin-1") as f:
            for line in f:
                parts = line.split()
                if not parts:
                    continue
                word = re.sub(r"\(\d+\)$", "", parts[0])
                if word in vocab:
                    cmu.setdefault(word, []).append(" ".join(parts[1:]))
        ours = espeak_pronunciations(vocab, voice)
        self.unknown_to_cmu = sum(1 for w in vocab if w not in cmu)
        self.vocab = vocab
        dict_path = os.path.join(self.work, "texts.dict")
        with open(dict_path, "w") as f:
            for w in vocab:
                prons = list(dict.fromkeys(cmu.get(w, []) + [" ".join(ours[w])]))
                prons = [p for p in prons if p]
                for i, p in enumerate(prons):
                    f.write(f"{w if i == 0 else f'{w}({i + 1})'} {p}\n")
        lm_path = self._write_lm([s for t in texts for s in sentences(t)])
        config = Decoder.default_config()
        config.set_string("-hmm", os.path.join(MODEL, "en-us"))
        config.set_string("-dict", dict_path)
        config.set_string("-lm", lm_path)
        config.set_string("-logfn", "/dev/null")
        config.set_float("-lw", language_weight)
        self.min_rate = min_rate
        self.voice = voice
        self.decoder = Decoder(config)
        self.dict_path = dict_path

    def _write_lm(self, lines):
        """Bigram ARPA model: relative frequencies, half the mass kept for backing off."""
        uni, bi = Counter(), Counter()
        for line in lines:
            words = ["<s>"] + tokens(line) + ["</s>"]
            uni.update(words)
            bi.update(zip(words, words[1:]))
        total = sum(uni.values())
        path = os.path.join(self.work, "texts.lm")
        with open(path, "w") as f:
            f.write(f"\\data\\\nngram 1={len(uni)}\nngram 2={len(bi)}\n\n\\1-grams:\n")
            for w, c in sorted(uni.items()):
                f.write(f"{math.log10(c / total):.4f} {w} {math.log10(0.5):.4f}\n")
            f.write("\n\\2-grams:\n")
            for (a, b), c in sorted(bi.items()):
                f.write(f"{math.log10(0.5 * c / uni[a]):.4f} {a} {b}\n")
            f.write("\n\\end\\\n")
        return path

    def hear(self, wav, tempo=1.0):
        """The words heard in a WAV file (any rate; resampled to 16 kHz mono, played `tempo`
        times as fast), decoded as one utterance."""
        raw = os.path.join(self.work, "16k.raw")
        effects = ["tempo", "-s", f"{tempo:.4f}"] if abs(tempo - 1) > 1e-3 else []
        subprocess.run(["sox", wav, "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer",
                        "-t", "raw", raw] + effects, check=True)
        self.decoder.start_utt()
        with open(raw, "rb") as f:
            self.decoder.process_raw(f.read(), False, True)
        self.decoder.end_utt()
        hyp = self.decoder.hyp()
        return [re.sub(r"\(\d+\)$", "", w) for w in (hyp.hypstr.split() if hyp else [])]

    def score(self, wav, reference):
        """dict(wer, sub, dels, ins, n, heard, tempo) of the WAV against the reference text.
        Audio slower than min_rate syllables a second (the reference's, as eSpeak says them, over
        the audio's length) is heard sped up to that rate."""
        tempo = 1.0
        if self.min_rate:
            with wave.open(wav) as w:
                seconds = w.getnframes() / w.getframerate()
            rate = espeak_syllables(reference, self.voice) / max(seconds, 1e-3)
            tempo = max(1.0, self.min_rate / rate)
        heard = self.hear(wav, tempo)
        return dict(align(tokens(reference), heard), heard=heard, tempo=tempo)


def align(ref, hyp):
    """Levenshtein alignment counts: substitutions, deletions, insertions and the error rate."""
    # cost, subs, dels, ins per cell
    prev = [(j, 0, 0, j) for j in range(len(hyp) + 1)]
    for i, r in enumerate(ref, 1):
        cur = [(i, 0, i, 0)]
        for j, h in enumerate(hyp, 1):
            diag, up, left = prev[j - 1], prev[j], cur[j - 1]
            options = [
                (diag[0] + (r != h), diag[1] + (r != h), diag[2], diag[3]),
                (up[0] + 1, up[1], up[2] + 1, up[3]),
                (left[0] + 1, left[1], left[2], left[3] + 1),
            ]
            cur.append(min(options))
        prev = cur
    cost, subs, dels, ins = prev[-1]
    return dict(wer=cost / max(1, len(ref)), sub=subs, dels=dels, ins=ins, n=len(ref))


def main():
    ap = argparse.ArgumentParser(description="word error rate of WAV files against a text")
    ap.add_argument("--text", required=True, help="the text the audio reads (the reference)")
    ap.add_argument("--lm-text", action="append", default=[],
                    help="more text for the dictionary and language model")
    ap.add_argument("--voice", default="en-us", help="eSpeak voice for the pronunciations")
    ap.add_argument("--lw", type=float, default=LANGUAGE_WEIGHT, help="language weight")
    ap.add_argument("--min-rate", type=float, default=MIN_SYLLABLES_PER_SECOND,
                    help="syllables a second slower audio is sped up to (0: never)")
    ap.add_argument("--show", action="store_true", help="print the words heard")
    ap.add_argument("wav", nargs="+")
    args = ap.parse_args()
    ref = open(args.text).read()
    listener = Listener([ref] + [open(p).read() for p in args.lm_text], args.voice,
                        language_weight=args.lw, min_rate=args.min_rate)
    print(f"{len(listener.vocab)} words, {listener.unknown_to_cmu} of them not in the CMU "
          "dictionary (pronounced as eSpeak says them)")
    for wav in args.wav:
        s = listener.score(wav, ref)
        print(f"{wav}: WER {100 * s['wer']:.1f}% ({s['sub']} substituted, {s['dels']} deleted, "
              f"{s['ins']} inserted of {s['n']}; heard at {s['tempo']:.2f}x)")
        if args.show:
            print("  heard: " + " ".join(s["heard"]))


if __name__ == "__main__":
    sys.exit(main())
