#!/usr/bin/env bash
# tools/bench_serve.sh [NARRATE] - `narrate serve` on 127.0.0.1 only (issue 14 targets):
#   1. first audio bytes of a plain article (past the WAV header or MP3's ID3 tag), median of
#      20, beside espeak-ng's first audio byte on stdout for the same text, and a cold
#      `narrate -o -` process's;
#   2. 20 concurrent article requests: every one answered 200 or 503, peak memory of the server
#      and its workers;
#   3. a bounded load test of short texts: requests/s, p50/p99 latency.
# NARRATE defaults to build-ci/narrate. Options through the environment: WORKERS (default
# nproc), LOAD_REQUESTS (200), LOAD_CONCURRENCY (4), LOAD_SECONDS (60, a hard cap).
set -euo pipefail
cd "$(dirname "$0")/.."
narrate="${1:-build-ci/narrate}"
[ -x "$narrate" ] || { echo "narrate: no executable at $narrate (build first)" >&2; exit 2; }
exec python3 - "$narrate" "${WORKERS:-$(nproc)}" "${LOAD_REQUESTS:-200}" \
  "${LOAD_CONCURRENCY:-4}" "${LOAD_SECONDS:-60}" <<'PY'
import http.client, json, os, re, statistics, subprocess, sys, threading, time

narrate, workers, load_n, load_c, load_cap = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
article = open("samples/copied-page-harbour.txt", encoding="utf-8").read()
short = "The ferry leaves at eleven."

server = subprocess.Popen([narrate, "serve", "--listen", "127.0.0.1:0", "--workers", str(workers),
                           "--queue", "8", "--rate", "0"], stderr=subprocess.PIPE, text=True)
line = server.stderr.readline()
port = int(re.search(r"127\.0\.0\.1:(\d+)/", line).group(1))
threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()

def load():
    return "load %s" % " ".join(open("/proc/loadavg").read().split()[:3])

def skip_header(read, fmt):
    """Reads a stream's container header (not audio): WAV's 44 bytes, MP3's ID3v2 tag."""
    if fmt == "wav":
        read(44)
    elif fmt == "mp3":
        head = read(10)
        if head[:3] == b"ID3":
            read((head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9])

def request(body, first_only=False):
    """(status, seconds to the first audio byte, seconds to the end, seconds to the first body
    byte, planned duration header) of one POST /v1/speech."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    start = time.perf_counter()
    c.request("POST", "/v1/speech", body=json.dumps(body), headers={"Content-Type": "application/json"})
    r = c.getresponse()
    first = first_body = None
    planned = r.getheader("X-Narrate-Planned-Duration")
    if r.status == 200:
        got = r.read(1)
        first_body = time.perf_counter() - start
        def read(n):  # the byte already read comes first
            nonlocal got
            out, got = got + r.read(max(0, n - len(got))), b""
            return out
        skip_header(read, body.get("format", "mp3"))
        read(1)
        first = time.perf_counter() - start
        if not first_only:
            r.read()
    else:
        r.read()
    c.close()
    return r.status, first, time.perf_counter() - start, first_body, planned

def process_first_audio(cmd, text, fmt="wav"):
    """Seconds from starting `cmd` (text on its stdin) to its first audio byte on stdout."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    p.stdin.write(text.encode()); p.stdin.close()
    skip_header(p.stdout.read, fmt)
    p.stdout.read(1)
    first = time.perf_counter() - start
    p.stdout.read(); p.wait()
    return first

def ms(x): return f"{x * 1000:.0f} ms"
def summary(xs): return f"median {ms(statistics.median(xs))} (min {ms(min(xs))}, max {ms(max(xs))}) of {len(xs)}"

print(f"narrate serve on 127.0.0.1:{port}, {workers} workers; article {len(article.split())} words")
time.sleep(1)  # the standby workers load their engine
# Each request hangs up after its first audio byte (its worker is killed). "spaced": 0.3 s
# apart, so the standby worker that replaces the one taken has loaded; "back to back": the next
# request may find it still loading.
for fmt, gap in (("wav", 0.3), ("mp3", 0.3), ("mp3", 0)):
    print(f"[{load()}]")
    runs = []
    for _ in range(20):
        time.sleep(gap)
        runs.append(request({"text": article, "format": fmt}, first_only=True))
    print(f"first audio bytes ({fmt}, {'spaced' if gap else 'back to back'}): "
          f"{summary([r[1] for r in runs])}; first body byte (container header) "
          f"{summary([r[3] for r in runs])}")
print(f"[{load()}]")
peer = [process_first_audio(["espeak-ng", "--stdout"], article) for _ in range(20)]
print(f"espeak-ng --stdout, same text, first audio byte: {summary(peer)}")
cli = [process_first_audio([narrate, "--format", "text", "-o", "-", "-"], article) for _ in range(20)]
print(f"narrate -o - (a cold process), same text, first audio byte: {summary(cli)}")
print(f"[{load()}]")

def rss_kb(pid):
    """Resident memory of pid and its descendants, kB."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            total += int(re.search(r"VmRSS:\s+(\d+)", open(f"/proc/{p}/status").read()).group(1))
            for task in os.listdir(f"/proc/{p}/task"):
                stack += [int(c) for c in open(f"/proc/{p}/task/{task}/children").read().split()]
        except (OSError, AttributeError):
            pass
    return total

peak, done = [0], [False]
def watch():
    while not done[0]:
        peak[0] = max(peak[0], rss_kb(server.pid)); time.sleep(0.02)
threading.Thread(target=watch, daemon=True).start()
results = []
def one():
    try: results.append(request({"text": article, "format": "mp3"}))
    except Exception as e: results.append((str(e), None, None, None, None))
threads = [threading.Thread(target=one) for _ in range(20)]
print(f"[{load()}]")
start = time.perf_counter()
for t in threads: t.start()
for t in threads: t.join()
done[0] = True
codes = {}
for r in results: codes[r[0]] = codes.get(r[0], 0) + 1
print(f"20 concurrent article requests: {codes} in {time.perf_counter() - start:.1f} s; "
      f"peak memory of server + workers {peak[0] / 1024:.0f} MiB")

lat, statuses, lock = [], {}, threading.Lock()
deadline = time.perf_counter() + load_cap
counter = [0]
def worker():
    while True:
        with lock:
            if counter[0] >= load_n or time.perf_counter() > deadline: return
            counter[0] += 1
        s, _, total, _, _ = request({"text": short, "format": "wav"})
        with lock:
            statuses[s] = statuses.get(s, 0) + 1
            if s == 200: lat.append(total)
print(f"[{load()}]")
start = time.perf_counter()
ts = [threading.Thread(target=worker) for _ in range(load_c)]
for t in ts: t.start()
for t in ts: t.join()
elapsed = time.perf_counter() - start
lat.sort()
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else float("nan")
print(f"load: {sum(statuses.values())} short requests, concurrency {load_c}: {statuses}, "
      f"{sum(statuses.values()) / elapsed:.1f} requests/s, p50 {ms(p(0.5))}, p99 {ms(p(0.99))}")
print(f"[{load()}]")
server.terminate(); server.wait()
PY
