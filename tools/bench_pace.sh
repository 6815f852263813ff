#!/usr/bin/env bash
# tools/bench_pace.sh - the pace a listener hears on plain prose and on dense technical text, beside
# the espeak-ng command line at the same nominal rate: written words per minute and syllables per
# second of the whole audio (pauses included), syllables counted independently of narrate as eSpeak
# itself reads the text (espeak-ng --ipa --sep: phonemes holding a vowel or a syllabic mark).
# Target (issue 16): at every speed, narrate's syllables per second on the dense text within 15 %
# of plain prose's. Exits 1 when a target is missed.
#
# Usage: tools/bench_pace.sh [--speeds 150,200,300,400] [--voice en-us] [--narrate PATH]
#                            [--prose FILE] [--dense FILE] [--wer]
#   --narrate  the binary to measure (default: narrate built in Release in build-bench/, like
#              tools/bench_speed.sh; give an older build for a before/after)
#   --wer      also score word error rate with pocketsphinx (Debian: python3-pocketsphinx,
#              pocketsphinx-en-us), narrate against espeak-ng on the same text; skipped when absent
set -euo pipefail
cd "$(dirname "$0")/.."

speeds=150,200,300,400
voice=en-us
narrate=
prose=samples/plain-lighthouse.txt
dense=tools/data/dense-technical.txt
wer=0
while [ $# -gt 0 ]; do
  case "$1" in
    --speeds) speeds=$2; shift 2 ;;
    --voice) voice=$2; shift 2 ;;
    --narrate) narrate=$2; shift 2 ;;
    --prose) prose=$2; shift 2 ;;
    --dense) dense=$2; shift 2 ;;
    --wer) wer=1; shift ;;
    *) echo "usage: $0 [--speeds 150,200,...] [--voice V] [--narrate PATH] [--prose F] [--dense F] [--wer]" >&2
       exit 2 ;;
  esac
done
if [ -z "$narrate" ]; then
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DNARRATE_BUILD_TESTS=OFF >/dev/null
  cmake --build build-bench --target narrate -j"$(nproc)" >/dev/null
  narrate=build-bench/narrate
fi
[ -x "$narrate" ] || { echo "bench_pace: no narrate binary at $narrate" >&2; exit 2; }
command -v espeak-ng >/dev/null || { echo "bench_pace: espeak-ng (the command line) is needed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Debian's python3 (python3-pocketsphinx lives there), whatever python3 the PATH prefers.
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
NARRATE=$narrate VOICE=$voice SPEEDS=$speeds PROSE=$prose DENSE=$dense WER=$wer WORK=$work \
  "$py" - <<'PY'
import os, re, subprocess, sys, wave

narrate, voice, work = os.environ["NARRATE"], os.environ["VOICE"], os.environ["WORK"]
speeds = [int(s) for s in os.environ["SPEEDS"].split(",")]
texts = [("prose", os.environ["PROSE"]), ("dense", os.environ["DENSE"])]
want_wer = os.environ["WER"] == "1"

VOWELS = set("aeiouyɑɐɒæɔəɘɚɛɜɝɞɤɨɪɯɵøœɶʉʊʌʏᵻ") | {"\u0329"}

def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)

def espeak_syllables(text):
    ipa = run(["espeak-ng", "-q", "--ipa=1", "--sep=_", "-v", voice], input=text).stdout
    return sum(1 for tok in re.split(r"[_\s]+", ipa) if any(c in VOWELS for c in tok))

def words(text):  # as narrate counts them: whitespace tokens with a letter or digit
    return sum(1 for tok in text.split() if any(c.isalnum() for c in tok))

def seconds(path):
    with wave.open(path) as w:
        return w.getnframes() / w.getframerate()

recognizer = None
MODEL = "/usr/share/pocketsphinx/model/en-us"
if want_wer:
    try:
        from pocketsphinx import Decoder  # Debian 12's python3-pocketsphinx (0.1.15 API)
        if not os.path.isdir(os.path.join(MODEL, "en-us")):
            raise ImportError("pocketsphinx-en-us")
        recognizer = True
    except ImportError as e:
        print(f"(word error rate skipped: {e}; install python3-pocketsphinx pocketsphinx-en-us sox)")

def tokens(text):
    return re.findall(r"[a-z']+", text.lower())

def write_lm(sentences, dictionary):
    """A bigram ARPA model of the benchmark's own texts (as an independent listener who knows
    the subject), limited to words the recognizer's dictionary can pronounce."""
    import math
    from collections import Counter
    uni, bi = Counter(), Counter()
    for sent in sentences:
        words = ["<s>"] + [w for w in tokens(sent) if w in dictionary] + ["</s>"]
        uni.update(words)
        bi.update(zip(words, words[1:]))
    total = sum(uni.values())
    path = os.path.join(work, "bench.lm")
    with open(path, "w") as f:
        f.write(f"\\data\\\nngram 1={len(uni)}\nngram 2={len(bi)}\n\n\\1-grams:\n")
        for w, c in uni.items():
            f.write(f"{math.log10(c / total):.4f} {w} {math.log10(0.5):.4f}\n")
        f.write("\n\\2-grams:\n")
        for (a, b), c in bi.items():
            f.write(f"{math.log10(0.5 * c / uni[a]):.4f} {a} {b}\n")
        f.write("\n\\end\\\n")
    return path

decoder = None
def wer(path, reference):
    from pocketsphinx import Decoder
    low = os.path.join(work, "16k.raw")
    run(["sox", path, "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", low])
    decoder.start_utt()
    with open(low, "rb") as f:
        decoder.process_raw(f.read(), False, True)
    decoder.end_utt()
    hyp = [w for w in (decoder.hyp().hypstr.split() if decoder.hyp() else [])]
    ref = tokens(reference)
    d = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, d[0] = d[0], i
        for j, h in enumerate(hyp, 1):
            prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (r != h))
    return d[len(hyp)] / max(1, len(ref))

info = {}
for name, path in texts:
    extract = run([narrate, "--extract", path]).stdout
    spoken = run([narrate, "--sentences", "--spoken", path]).stdout
    ext = os.path.join(work, name + ".txt")
    open(ext, "w").write(extract)
    info[name] = dict(path=path, extract=ext, words=words(extract),
                      n_syl=espeak_syllables(spoken), e_syl=espeak_syllables(extract), text=extract)
    i = info[name]
    print(f"{name}: {path}: {i['words']} words, {i['n_syl']} syllables as eSpeak reads narrate's "
          f"spoken form ({i['n_syl'] / i['words']:.2f} a word), {i['e_syl']} in the written text")
print(f"narrate: {narrate}; voice {voice} for both\n")
if recognizer:
    from pocketsphinx import Decoder
    dict_path = os.path.join(MODEL, "cmudict-en-us.dict")
    known = {line.split()[0] for line in open(dict_path, encoding="latin-1") if line.strip()}
    sentences = [l for n in info for l in re.split(r"(?<=[.!?])\s+|\n+", info[n]["text"]) if l.strip()]
    config = Decoder.default_config()
    config.set_string("-hmm", os.path.join(MODEL, "en-us"))
    config.set_string("-dict", dict_path)
    config.set_string("-lm", write_lm(sentences, known))
    config.set_string("-logfn", "/dev/null")
    decoder = Decoder(config)
    for n in info:
        ref = tokens(info[n]["text"])
        print(f"word error rate: {n}: {sum(w not in known for w in ref)} of {len(ref)} words are "
              "not in the recognizer's dictionary (errors for both)")

print(f"{'WPM':>5} {'text':6} | {'narrate WPM':>11} {'syl/s':>6} {'stretched':>9} | "
      f"{'espeak-ng WPM':>13} {'syl/s':>6}" + (" | WER narrate  espeak-ng" if recognizer else ""))
missed = 0
rows = {}
for s in speeds:
    for name, _ in texts:
        i = info[name]
        n_wav, e_wav = os.path.join(work, "n.wav"), os.path.join(work, "e.wav")
        stats = run([narrate, i["path"], "-v", voice, "--speed", f"{s}wpm", "-o", n_wav, "--stats"]).stderr
        m = re.search(r"(\d+) stretched", stats)
        stretched = int(m.group(1)) if m else -1
        run(["espeak-ng", "-v", voice, "-s", str(s), "-w", e_wav, "-f", i["extract"]])
        n_sec, e_sec = seconds(n_wav), seconds(e_wav)
        row = dict(n_wpm=i["words"] * 60 / n_sec, n_sps=i["n_syl"] / n_sec,
                   e_wpm=i["words"] * 60 / e_sec, e_sps=i["e_syl"] / e_sec, stretched=stretched)
        if recognizer:
            row["n_wer"], row["e_wer"] = wer(n_wav, i["text"]), wer(e_wav, i["text"])
        rows[(s, name)] = row
        line = (f"{s:>5} {name:6} | {row['n_wpm']:>11.1f} {row['n_sps']:>6.2f} {stretched:>9} | "
                f"{row['e_wpm']:>13.1f} {row['e_sps']:>6.2f}")
        if recognizer:
            line += f" | {100 * row['n_wer']:>10.1f}% {100 * row['e_wer']:>9.1f}%"
        print(line, flush=True)

print("\ndense / prose syllables per second (target: narrate within 15 %):")
for s in speeds:
    p, d = rows[(s, "prose")], rows[(s, "dense")]
    ratio, e_ratio = d["n_sps"] / p["n_sps"], d["e_sps"] / p["e_sps"]
    ok = abs(ratio - 1) <= 0.15
    missed += not ok
    print(f"{s:>5} WPM: narrate {ratio:.2f}  espeak-ng -s {s}: {e_ratio:.2f}  "
          f"{'ok' if ok else 'MISSED'}")
sys.exit(1 if missed else 0)
PY
