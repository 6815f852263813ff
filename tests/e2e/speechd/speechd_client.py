#!/usr/bin/python3
# tests/e2e/speechd/speechd_client.py - a python3-speechd client for the sd_narrate tests and the
# latency benchmark. Connects to $SPEECHD_ADDRESS (tools/speechd-env.sh), prints one JSON object.
#
#   speechd_client.py say MODULE TEXT             speak text, wait for END
#   speechd_client.py ssml MODULE SSML            speak SSML, report events (marks in order)
#   speechd_client.py char|key|icon MODULE ARG    CHAR / KEY / SOUND_ICON, wait for END
#   speechd_client.py punct MODULE MODE TEXT      punctuation mode, then speak
#   speechd_client.py stop MODULE TEXT SECONDS    speak, cancel after SECONDS, report events
#   speechd_client.py latency MODULE N            N short utterances: SPEAK -> BEGIN times (ms)
#   speechd_client.py cycles MODULE N             N rapid speak/cancel cycles
#   speechd_client.py firstaudio MODULE N SINK    N short utterances: SPEAK -> BEGIN and SPEAK ->
#                                                 first loud sample read back from SINK's monitor
# Debian's python3-speechd lives in the system python: run with /usr/bin/python3.
import json
import sys
import threading
import time

import speechd

EVENTS = (speechd.CallbackType.BEGIN, speechd.CallbackType.END, speechd.CallbackType.CANCEL,
          speechd.CallbackType.INDEX_MARK, speechd.CallbackType.PAUSE)


class Recorder:
    """Collects the events of one message, with their times since `start`."""

    def __init__(self):
        self.events = []
        self.done = threading.Event()
        self.begun = threading.Event()
        self.start = time.monotonic()

    def __call__(self, kind, index_mark=None):
        t = (time.monotonic() - self.start) * 1000
        if kind == speechd.CallbackType.INDEX_MARK:
            self.events.append({"event": "mark", "name": index_mark, "ms": t})
        else:
            self.events.append({"event": kind, "ms": t})
        if kind == speechd.CallbackType.BEGIN:
            self.begun.set()
        if kind in (speechd.CallbackType.END, speechd.CallbackType.CANCEL):
            self.done.set()


def client(module):
    c = speechd.SSIPClient("narrate-test")
    c.set_output_module(module)
    c.set_language("en")
    return c


def run_message(c, send, timeout=30):
    rec = Recorder()
    rec.start = time.monotonic()
    send(rec)
    ok = rec.done.wait(timeout)
    return {"events": rec.events, "finished": ok}


def speak_with(c, text, rec):
    c.speak(text, callback=rec, event_types=EVENTS)


def main(argv):
    cmd, module = argv[1], argv[2]
    c = client(module)
    out = {}
    try:
        if cmd == "say":
            out = run_message(c, lambda rec: speak_with(c, argv[3], rec))
        elif cmd == "ssml":
            c.set_data_mode(speechd.DataMode.SSML)
            out = run_message(c, lambda rec: speak_with(c, argv[3], rec))
        elif cmd in ("char", "key", "icon"):
            # CHAR/KEY/SOUND_ICON take no callback in the python API; register one for the
            # message id the server answers with, as speak() does.
            command = {"char": "CHAR", "key": "KEY", "icon": "SOUND_ICON"}[cmd]
            arg = argv[3].replace(" ", "space") if cmd == "char" else argv[3]

            def send(rec):
                result = c._conn.send_command(command, arg)
                c._callback_handler.add_callback(int(result[2][0]), rec, EVENTS)

            out = run_message(c, send)
        elif cmd == "punct":
            c.set_punctuation(argv[3])
            out = run_message(c, lambda rec: speak_with(c, argv[4], rec))
        elif cmd == "stop":
            rec = Recorder()
            speak_with(c, argv[3], rec)
            rec.begun.wait(30)
            time.sleep(float(argv[4]))
            cancel_ms = (time.monotonic() - rec.start) * 1000
            c.cancel()
            ok = rec.done.wait(30)
            out = {"events": rec.events, "finished": ok, "cancel_ms": cancel_ms}
        elif cmd == "latency":
            begins = []
            for i in range(int(argv[3])):
                rec = Recorder()
                speak_with(c, ["Hello", "Open file", "Next item in the list", "Menu bar",
                               "Five short words here"][i % 5], rec)
                if rec.begun.wait(10):
                    begins.append([e["ms"] for e in rec.events if e["event"] == "begin"][0])
                rec.done.wait(10)
                time.sleep(0.05)
            begins.sort()
            out = {"begin_ms": begins, "median_begin_ms": begins[len(begins) // 2] if begins else None}
        elif cmd == "firstaudio":
            import subprocess
            parec = subprocess.Popen(
                ["parec", "-d", argv[4] + ".monitor", "--raw", "--format=s16le", "--rate=22050",
                 "--channels=1", "--latency-msec=2"], stdout=subprocess.PIPE, bufsize=0)
            heard = {"t": None}
            armed = threading.Event()

            def reader():
                import array
                while True:
                    chunk = parec.stdout.read(256)
                    if not chunk:
                        return
                    if armed.is_set() and heard["t"] is None:
                        a = array.array("h", chunk[: len(chunk) // 2 * 2])
                        if any(abs(v) > 400 for v in a):
                            heard["t"] = time.monotonic()

            threading.Thread(target=reader, daemon=True).start()
            time.sleep(0.5)
            begins, firsts = [], []
            texts = ["Hello", "Open file", "Next item in the list", "Menu bar", "Five short words here"]
            for i in range(int(argv[3])):
                rec = Recorder()
                heard["t"] = None
                armed.set()
                rec.start = time.monotonic()
                speak_with(c, texts[i % 5], rec)
                if rec.begun.wait(10):
                    begins.append([e["ms"] for e in rec.events if e["event"] == "begin"][0])
                rec.done.wait(10)
                time.sleep(0.15)
                armed.clear()
                if heard["t"] is not None:
                    firsts.append((heard["t"] - rec.start) * 1000)
                time.sleep(0.1)
            parec.terminate()
            begins.sort()
            firsts.sort()
            out = {"n": len(begins), "median_begin_ms": begins[len(begins) // 2] if begins else None,
                   "median_first_audio_ms": firsts[len(firsts) // 2] if firsts else None,
                   "first_audio_ms": [round(x, 1) for x in firsts],
                   "begin_ms": [round(x, 2) for x in begins]}
        elif cmd == "stopaudio":
            # SPEAK a long sentence, CANCEL after a while, and time the last loud audio read back
            # from the sink's monitor after the cancel.
            import array
            import subprocess
            parec = subprocess.Popen(
                ["parec", "-d", argv[4] + ".monitor", "--raw", "--format=s16le", "--rate=22050",
                 "--channels=1", "--latency-msec=2"], stdout=subprocess.PIPE, bufsize=0)
            last_loud = {"t": 0.0}

            def reader():
                while True:
                    chunk = parec.stdout.read(128)
                    if not chunk:
                        return
                    a = array.array("h", chunk[: len(chunk) // 2 * 2])
                    if any(abs(v) > 400 for v in a):
                        last_loud["t"] = time.monotonic()

            threading.Thread(target=reader, daemon=True).start()
            time.sleep(0.5)
            delays = []
            for i in range(int(argv[3])):
                rec = Recorder()
                speak_with(c, "This is a long sentence about the weather and the news of the "
                              "day, which goes on for several seconds.", rec)
                rec.begun.wait(10)
                time.sleep(0.6 + 0.037 * (i % 7))
                t_cancel = time.monotonic()
                c.cancel()
                rec.done.wait(10)
                time.sleep(0.3)
                delays.append(max(0.0, (last_loud["t"] - t_cancel) * 1000))
            parec.terminate()
            delays.sort()
            out = {"n": len(delays), "median_silent_after_ms": delays[len(delays) // 2],
                   "max_silent_after_ms": delays[-1], "silent_after_ms": [round(d, 1) for d in delays]}
        elif cmd == "cycles":
            n = int(argv[3])
            recs = []
            for i in range(n):
                rec = Recorder()
                speak_with(c, "Item %d of the list" % i, rec)
                recs.append(rec)
                time.sleep(0.005)
                c.cancel()
            # Every message gets its final event (END or CANCEL); a message cancelled before the
            # server handed it on is answered by the server itself.
            deadline = time.monotonic() + 60
            for rec in recs:
                rec.done.wait(max(0.0, deadline - time.monotonic()))
            answered = sum(1 for r in recs if r.done.is_set())
            bad_order = sum(1 for r in recs
                            if any(e["event"] == "begin" for e in r.events)
                            and r.events[0]["event"] != "begin")
            out = {"cycles": n, "answered": answered, "bad_order": bad_order}
        else:
            print(json.dumps({"error": "unknown command " + cmd}))
            return 2
    finally:
        c.close()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
