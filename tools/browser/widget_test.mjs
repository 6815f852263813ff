// tools/browser/widget_test.mjs NARRATE ARTIFACT_DIR - the listen widget on the demo page, in
// headless Chromium: audio plays (currentTime advances), the page's text is highlighted as the
// marks say, a speed change applies from the next sentence, keyboard alone drives it, and
// prefers-reduced-motion is honoured. Screenshots go to ARTIFACT_DIR. Loopback traffic only.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const [narrate, artifacts] = process.argv.slice(2);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
mkdirSync(artifacts, { recursive: true });

let failures = 0;
function check(ok, what, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${detail ? ": " + detail : ""}`);
  if (!ok) failures++;
}

function startServer() {
  return new Promise((resolve, reject) => {
    const server = spawn(narrate, ["serve", "--listen", "127.0.0.1:0", "--rate", "0",
      "--demo-dir", path.join(root, "samples/widget-demo")], { stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    server.stderr.on("data", (chunk) => {
      log += chunk;
      const m = log.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m && !server.port) {
        server.port = Number(m[1]);
        resolve(server);
      }
    });
    server.on("exit", (code) => reject(new Error(`narrate serve exited ${code}: ${log}`)));
    server.log = () => log;
  });
}

const state = (page) =>
  page.evaluate(() => {
    const w = document.querySelector("[data-narrate-widget]").narrateWidget;
    const first = (name) => {
      const h = CSS.highlights.get(name);
      return h ? [...h][0].toString() : null;
    };
    const s = w.sentences && w.sentences[w.index];
    const mark = s && s.marks && w.word >= 0 ? s.marks[w.word] : null;
    return {
      playing: w.playing,
      paused: w.audio.paused,
      index: w.index,
      word: w.word,
      time: w.audio.currentTime,
      duration: w.audio.duration,
      src: w.audio.src,
      sentence: s ? s.text : null,
      expectedWord: mark ? s.text.slice(mark.begin, mark.stop) : null,
      markStart: mark ? mark.start : null,
      highlightedSentence: first("narrate-sentence"),
      highlightedWord: first("narrate-word"),
      readout: document.querySelector(".nw-readout").textContent,
      timeLeft: document.querySelector(".nw-time").textContent,
      status: document.querySelector(".nw-status").textContent,
      focused: document.activeElement && document.activeElement.getAttribute("aria-label"),
    };
  });

async function waitFor(page, predicate, what, timeoutMs = 20000) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeoutMs) {
    last = await state(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(50);
  }
  check(false, what, "timed out; last state " + JSON.stringify(last));
  return last;
}

// Tab until the element with this aria-label has the focus; true when it got there.
async function tabTo(page, label) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
    if (focused === label) return true;
  }
  return false;
}

const server = await startServer();
const base = `http://127.0.0.1:${server.port}`;
const browser = await chromium.launch({
  executablePath: process.env.NARRATE_CHROMIUM,
  args: ["--autoplay-policy=no-user-gesture-required", "--mute-audio", "--no-sandbox"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const speechRequests = [];
  page.on("request", (r) => {
    if (r.url().includes("/v1/speech")) speechRequests.push(r.url());
  });
  page.on("pageerror", (e) => check(false, "no page error", e.message));
  await page.goto(`${base}/demo/`);
  await page.waitForSelector(".narrate-widget .nw-play");
  let s = await state(page);
  check(s.readout === "1x \u00b7 200 WPM", "readout at 1x", s.readout);
  const labels = await page.$$eval(".narrate-widget[aria-label], .narrate-widget [aria-label]", (els) => els.map((e) => e.getAttribute("aria-label")));
  for (const label of ["Listen to this article", "Play", "Previous sentence", "Next sentence", "Select voice", "Listening speed", "Progress"]) {
    check(labels.includes(label), `ARIA label "${label}"`);
  }
  const presets = await page.$$eval(".narrate-widget [role=radio]", (els) => els.map((e) => e.textContent + "=" + e.getAttribute("aria-checked")));
  check(presets.join(",") === "Slow=false,Average=true,Fast=false", "Slow / Average / Fast radio group", presets.join(","));
  await page.waitForFunction(() => document.querySelector(".narrate-widget select").options.length > 1);
  await page.screenshot({ path: path.join(artifacts, "1-loaded.png"), fullPage: true });

  // Keyboard alone: Tab to Play, Enter.
  check(await tabTo(page, "Play"), "Tab reaches the play button");
  await page.keyboard.press("Enter");
  s = await waitFor(page, (x) => x.time > 0.3, "audio starts playing (currentTime advances)");
  const t1 = s.time;
  await page.waitForTimeout(600);
  s = await state(page);
  check(s.time > t1 || s.index > 0, "currentTime keeps advancing", `${t1} -> ${s.time}`);
  check(s.focused === "Pause", "the play button became Pause", s.focused);

  // Highlighting follows the marks: the sentence highlighted is the one playing, the word is
  // the mark whose time has come.
  s = await waitFor(page, (x) => x.word >= 1 && x.highlightedWord, "a word is highlighted");
  check(s.highlightedSentence === s.sentence, "the sentence playing is highlighted in the page", `${s.highlightedSentence} | ${s.sentence}`);
  check(s.highlightedWord === s.expectedWord, "the word highlighted is the marked word", `${s.highlightedWord} vs ${s.expectedWord}`);
  check(s.markStart <= s.time + 0.1, "the word's mark has begun", `${s.markStart} <= ${s.time}`);
  const w1 = { index: s.index, word: s.word };
  await page.screenshot({ path: path.join(artifacts, "2-playing-highlight.png"), fullPage: true });
  s = await waitFor(page, (x) => x.index > w1.index || x.word > w1.word, "the highlight moves on with the audio");

  // Keyboard: next sentence with the "l" key (focus is inside the widget).
  const before = (await state(page)).index;
  await page.keyboard.press("l");
  s = await waitFor(page, (x) => x.index === before + 1 && x.time > 0.1, "l skips to the next sentence and plays it");

  // A speed change applies from the next sentence: Tab to the Fast preset and press Space.
  check(await tabTo(page, "Average, 1x \u00b7 200 WPM"), "Tab reaches the speed presets");
  await page.keyboard.press("ArrowRight"); // to Fast, as in any radio group
  s = await state(page);
  const changedAt = s.index;
  check(s.readout === "1.5x \u00b7 300 WPM", "readout after Fast", s.readout);
  check(/speed=1x/.test(s.src), "the current sentence goes on at 1x", s.src);
  s = await waitFor(page, (x) => x.index === changedAt + 1 && x.time > 0.05, "the next sentence starts", 30000);
  check(/speed=1.5x/.test(s.src), "the next sentence is asked at 1.5x", s.src);
  await page.screenshot({ path: path.join(artifacts, "3-fast.png"), fullPage: true });
  // Its audio really is faster: compare with the same sentence at 1x from the API.
  const sentence = s.sentence;
  s = await waitFor(page, (x) => Number.isFinite(x.duration) && x.duration > 0, "the fast sentence's duration is known", 30000);
  const slow = await page.evaluate(async (text) => {
    const r = await fetch("/v1/marks?verbatim=1&speed=1x&text=" + encodeURIComponent(text));
    return (await r.json()).duration_ms / 1000;
  }, sentence);
  check(s.duration < slow * 0.8, "1.5x audio is shorter than 1x", `${s.duration.toFixed(2)} s vs ${slow.toFixed(2)} s`);

  // Pause with k, from the keyboard.
  await page.keyboard.press("k");
  s = await waitFor(page, (x) => x.paused && !x.playing, "k pauses");
  const pausedAt = s.time;
  await page.waitForTimeout(500);
  s = await state(page);
  check(Math.abs(s.time - pausedAt) < 0.01, "paused audio stays put", `${pausedAt} -> ${s.time}`);
  check(/left$/.test(s.timeLeft), "time left shown", s.timeLeft);
  await page.screenshot({ path: path.join(artifacts, "4-paused.png"), fullPage: true });
  check(speechRequests.every((u) => u.startsWith(base)), "audio only from the local server");

  // prefers-reduced-motion: no animated progress.
  const calm = await browser.newPage({ reducedMotion: "reduce" });
  await calm.goto(`${base}/demo/`);
  await calm.waitForSelector(".nw-progress-fill", { state: "attached" });
  const transition = await calm.$eval(".nw-progress-fill", (e) => getComputedStyle(e).transitionDuration);
  check(transition === "0s", "reduced motion: no progress animation", transition);
  const reduced = await calm.evaluate(() => document.querySelector("[data-narrate-widget]").narrateWidget.reducedMotion);
  check(reduced === true, "reduced motion: no smooth scrolling");
  await calm.close();
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
console.log(failures ? `${failures} check(s) failed` : "all checks passed");
process.exit(failures ? 1 : 0);
