#!/usr/bin/env bash
# tools/bench_pace.sh - the pace a listener hears on plain prose and on dense technical text, beside
# the espeak-ng command line at the same nominal rate: written words per minute and syllables per
# second of the whole audio (pauses included), syllables counted independently of narrate as eSpeak
# itself reads the text (espeak-ng --ipa --sep: phonemes holding a vowel or a syllabic mark).
# Target (issue 16): at every speed, narrate's syllables per second on the dense text within 15 %
# of plain prose's. Exits 1 when a target is missed.
#
# Usage: tools/bench_pace.sh [--speeds 150,200,300,400] [--voice en-us+anna] [--narrate PATH]
#                            [--prose FILE] [--dense FILE] [--figures FILE] [--wer]
#   --voice    for both engines (default en-us+anna, narrate's default narrator; the espeak-ng
#              command line gets narrate's voices/ through a private ESPEAK_DATA_PATH)
#   --narrate  the binary to measure (default: narrate built in Release in build-bench/, like
#              tools/bench_speed.sh; give an older build for a before/after)
#   --dense, --figures  technical texts: long words (tools/data/dense-technical.txt), figures
#              and units (tools/data/figures-technical.txt; narrate reads "$2.3 million" as six
#              words, eSpeak as "dollar two point three million")
#   --wer      also score the technical texts' word error rate with an independent listener
#              (tools/pace_listener.py: pocketsphinx with a dictionary and bigram model of exactly
#              the texts, every word pronounced as eSpeak says it): narrate against espeak-ng at
#              the same nominal rate, and espeak-ng again at narrate's measured syllable rate
#              (pace apart from voice quality); first a sanity baseline of both at 120 WPM.
#              Each engine is scored against the words it says (figures written out as eSpeak
#              reads them: narrate's --spoken text, the written text for espeak-ng).
#              Target: narrate's no worse than espeak-ng's at each speed. Debian:
#              python3-pocketsphinx pocketsphinx-en-us sox; skipped when absent.
set -euo pipefail
cd "$(dirname "$0")/.."

speeds=150,200,300,400
voice=en-us+anna
narrate=
prose=samples/plain-lighthouse.txt
dense=tools/data/dense-technical.txt
figures=tools/data/figures-technical.txt
wer=0
while [ $# -gt 0 ]; do
  case "$1" in
    --speeds) speeds=$2; shift 2 ;;
    --voice) voice=$2; shift 2 ;;
    --narrate) narrate=$2; shift 2 ;;
    --prose) prose=$2; shift 2 ;;
    --dense) dense=$2; shift 2 ;;
    --figures) figures=$2; shift 2 ;;
    --wer) wer=1; shift ;;
    *) echo "usage: $0 [--speeds 150,200,...] [--voice V] [--narrate PATH] [--prose F] [--dense F] [--figures F] [--wer]" >&2
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

# eSpeak's data with narrate's voices (voices/anna, voices/leo) as variants, so that the espeak-ng
# command line can speak with the same voice as narrate.
system_data=$(espeak-ng --version | sed -n 's/.*Data at: *//p')
[ -d "$system_data" ] || system_data=/usr/lib/x86_64-linux-gnu/espeak-ng-data
farm=$work/data/espeak-ng-data
mkdir -p "$farm/voices/!v"
for entry in "$system_data"/*; do [ "${entry##*/}" = voices ] || ln -s "$entry" "$farm/"; done
for entry in "$system_data"/voices/*; do [ "${entry##*/}" = '!v' ] || ln -s "$entry" "$farm/voices/"; done
for entry in "$system_data"/voices/'!v'/*; do ln -s "$entry" "$farm/voices/!v/"; done
for entry in voices/*; do
  grep -q '^language variant' "$entry" 2>/dev/null && cp "$entry" "$farm/voices/!v/${entry##*/}"
done

# Debian's python3 (python3-pocketsphinx lives there), whatever python3 the PATH prefers.
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
NARRATE=$narrate VOICE=$voice SPEEDS=$speeds PROSE=$prose DENSE=$dense FIGURES=$figures WER=$wer WORK=$work \
  ESPEAK_DATA=$work/data TOOLS=$PWD/tools "$py" - <<'PY'
import os, re, subprocess, sys, wave

narrate, voice, work = os.environ["NARRATE"], os.environ["VOICE"], os.environ["WORK"]
speeds = [int(s) for s in os.environ["SPEEDS"].split(",")]
texts = [("prose", os.environ["PROSE"]), ("dense", os.environ["DENSE"]),
         ("figures", os.environ["FIGURES"])]
technical = ["dense", "figures"]
want_wer = os.environ["WER"] == "1"
espeak_env = dict(os.environ, ESPEAK_DATA_PATH=os.environ["ESPEAK_DATA"])

VOWELS = set("aeiouyɑɐɒæɔəɘɚɛɜɝɞɤɨɪɯɵøœɶʉʊʌʏᵻ") | {"\u0329"}

def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)

def espeak(args, **kw):
    return run(["espeak-ng", "-v", voice] + args, env=espeak_env, **kw)

def espeak_syllables(text):
    ipa = espeak(["-q", "--ipa=1", "--sep=_"], input=text).stdout
    return sum(1 for tok in re.split(r"[_\s]+", ipa) if any(c in VOWELS for c in tok))

def words(text):  # as narrate counts them: whitespace tokens with a letter or digit
    return sum(1 for tok in text.split() if any(c.isalnum() for c in tok))

def seconds(path):
    with wave.open(path) as w:
        return w.getnframes() / w.getframerate()

listener = None
if want_wer:
    sys.path.insert(0, os.environ["TOOLS"])
    try:
        import pace_listener
        import pocketsphinx  # noqa: F401  Debian 12's python3-pocketsphinx
        if not os.path.isdir(os.path.join(pace_listener.MODEL, "en-us")):
            raise ImportError("pocketsphinx-en-us")
        if subprocess.run(["sox", "--version"], capture_output=True).returncode != 0:
            raise ImportError("sox")
        listener = True
    except (ImportError, OSError) as e:
        print(f"(word error rate skipped: {e}; install python3-pocketsphinx pocketsphinx-en-us sox)")

info = {}
for name, path in texts:
    extract = run([narrate, "--extract", path]).stdout
    spoken = run([narrate, "--sentences", "--spoken", path]).stdout
    ext = os.path.join(work, name + ".txt")
    open(ext, "w").write(extract)
    info[name] = dict(path=path, extract=ext, words=words(extract), spoken=spoken,
                      n_syl=espeak_syllables(spoken), e_syl=espeak_syllables(extract), text=extract)
    i = info[name]
    print(f"{name}: {path}: {i['words']} words, {i['n_syl']} syllables as eSpeak reads narrate's "
          f"spoken form ({i['n_syl'] / i['words']:.2f} a word), {i['e_syl']} in the written text")
print(f"narrate: {narrate}; voice {voice} for both")

def narrate_wav(name, wpm, out):
    stats = run([narrate, info[name]["path"], "-v", voice, "--speed", f"{wpm}wpm", "-o", out,
                 "--stats"]).stderr
    m = re.search(r"(\d+) stretched", stats)
    return int(m.group(1)) if m else -1

def espeak_wav(name, rate, out):
    espeak(["-s", str(rate), "-w", out, "-f", info[name]["extract"]])

fmt = lambda x: f"{100 * x['wer']:5.1f}% ({x['sub']}/{x['dels']}/{x['ins']})"
JITTER = (0.96, 1.04)

if listener:
    # What each engine says: narrate its spoken forms, espeak-ng the written text; figures as
    # eSpeak reads them aloud.
    for n in technical:
        info[n]["n_ref"] = pace_listener.spoken_words(info[n]["spoken"])
        info[n]["e_ref"] = pace_listener.spoken_words(info[n]["text"])
    listener = pace_listener.Listener(
        [info["prose"]["text"]] + [info[n][k] for n in technical for k in ("n_ref", "e_ref")],
        voice, work)
    print(f"listener: pocketsphinx en-us, {len(listener.vocab)} words of the texts "
          f"({listener.unknown_to_cmu} not in the CMU dictionary), each also as eSpeak says it; "
          f"bigram model of the texts; speech under {pace_listener.MIN_SYLLABLES_PER_SECOND} "
          "syllables/s heard sped up to it")
    n_wav, e_wav = os.path.join(work, "n.wav"), os.path.join(work, "e.wav")
    for n in technical:
        narrate_wav(n, 120, n_wav)
        espeak_wav(n, 120, e_wav)
        print(f"sanity, {n} at 120 WPM (WER, substituted/deleted/inserted of "
              f"{len(pace_listener.tokens(info[n]['e_ref']))}): "
              f"narrate {fmt(listener.score(n_wav, info[n]['n_ref']))}, "
              f"espeak-ng {fmt(listener.score(e_wav, info[n]['e_ref']))}")
print()

print(f"{'WPM':>5} {'text':7} | {'narrate WPM':>11} {'syl/s':>6} {'stretched':>9} | "
      f"{'espeak-ng WPM':>13} {'syl/s':>6}")
missed = 0
rows = {}
for s in speeds:
    for name, _ in texts:
        i = info[name]
        n_wav, e_wav = os.path.join(work, f"n{s}{name}.wav"), os.path.join(work, f"e{s}{name}.wav")
        stretched = narrate_wav(name, s, n_wav)
        espeak_wav(name, s, e_wav)
        n_sec, e_sec = seconds(n_wav), seconds(e_wav)
        row = dict(n_wpm=i["words"] * 60 / n_sec, n_sps=i["n_syl"] / n_sec,
                   e_wpm=i["words"] * 60 / e_sec, e_sps=i["e_syl"] / e_sec, stretched=stretched,
                   n_wav=n_wav, e_wav=e_wav)
        rows[(s, name)] = row
        print(f"{s:>5} {name:7} | {row['n_wpm']:>11.1f} {row['n_sps']:>6.2f} {stretched:>9} | "
              f"{row['e_wpm']:>13.1f} {row['e_sps']:>6.2f}", flush=True)

print("\ntechnical / prose syllables per second (target: dense within 15 % for narrate):")
for s in speeds:
    for n in technical:
        p, d = rows[(s, "prose")], rows[(s, n)]
        ratio, e_ratio = d["n_sps"] / p["n_sps"], d["e_sps"] / p["e_sps"]
        ok = abs(ratio - 1) <= 0.15 or n != "dense"
        missed += not ok
        print(f"{s:>5} WPM {n:7}: narrate {ratio:.2f}  espeak-ng -s {s}: {e_ratio:.2f}  "
              f"{'ok' if ok else 'MISSED'}")

if listener:
    print("\nword error rate, each engine against the words it says (substituted/deleted/"
          "inserted; pooled over the speed and 4 % either side; target: narrate no worse than "
          "espeak-ng at the same nominal rate; the last column one take):")
    print(f"{'WPM':>5} {'text':7} | {'narrate':>18} {'syl/s':>6} | {'espeak-ng -s WPM':>18} "
          f"{'syl/s':>6} | {'espeak-ng at narrate syl/s':>26}")
    def pooled(scores):  # errors over all the takes, over all the words
        total = {k: sum(x[k] for x in scores) for k in ("sub", "dels", "ins", "n")}
        total["wer"] = (total["sub"] + total["dels"] + total["ins"]) / max(1, total["n"])
        return total

    for s in speeds:
        for n in technical:
            d = rows[(s, n)]
            # One passage at one rate is a small sample: a few per cent of rate moves this
            # listener's errors by several points either way. So each engine is heard at the
            # speed and 4 % either side of it, and the errors of the three takes are pooled.
            n_scores = [listener.score(d["n_wav"], info[n]["n_ref"])]
            e_scores = [listener.score(d["e_wav"], info[n]["e_ref"])]
            take = os.path.join(work, "take.wav")
            for f in JITTER:
                narrate_wav(n, round(s * f), take)
                n_scores.append(listener.score(take, info[n]["n_ref"]))
                espeak_wav(n, round(s * f), take)
                e_scores.append(listener.score(take, info[n]["e_ref"]))
            n_score, e_score = pooled(n_scores), pooled(e_scores)
            # espeak-ng at the rate that gives narrate's measured syllable rate (two steps of
            # rate * wanted / measured; eSpeak's own rate ends at 450, where libsonic takes over)
            rate, sps = s, d["e_sps"]
            eq_wav = os.path.join(work, "eq.wav")
            for _ in range(2):
                rate = max(80, min(449, round(rate * d["n_sps"] / sps)))
                espeak_wav(n, rate, eq_wav)
                sps = info[n]["e_syl"] / seconds(eq_wav)
            ok = n_score["wer"] <= e_score["wer"]
            missed += not ok
            print(f"{s:>5} {n:7} | {fmt(n_score):>18} {d['n_sps']:>6.2f} | {fmt(e_score):>18} "
                  f"{d['e_sps']:>6.2f} | -s {rate:>3}: {sps:5.2f} syl/s "
                  f"{fmt(listener.score(eq_wav, info[n]['e_ref'])):>16}  "
                  f"{'ok' if ok else 'MISSED'}", flush=True)
sys.exit(1 if missed else 0)
PY
