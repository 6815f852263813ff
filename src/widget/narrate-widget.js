// widget/narrate-widget.js - the narrate listen widget: plain JavaScript, no framework, no build.
//
// Embed: <div data-narrate-widget data-article="#story"></div>
//        <script src="http://HOST:8711/widget/narrate-widget.js" defer></script>
// The widget reads the page's own article text (data-article: a CSS selector; default the
// first <article> or <main>), asks `narrate serve` (the script's own origin, or
// data-server) for its sentences, then plays one sentence at a time: each sentence's audio and
// word marks come from /v1/speech and /v1/marks, so a speed change applies from the next
// sentence and the sentence and word being spoken are highlighted in the page itself.
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var BASE = SCRIPT ? new URL(".", SCRIPT.src) : new URL("/widget/", location.href);
  var BASE_WPM = 200; // 1x, the scale of the narrate command line
  var PRESETS = [
    { name: "Slow", multiplier: 0.75 },
    { name: "Average", multiplier: 1 },
    { name: "Fast", multiplier: 1.5 },
  ];
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,blockquote,figcaption,dd,dt";

  function formatMultiplier(m) {
    return String(Math.round(m * 100) / 100) + "x";
  }
  function speedLabel(m) {
    return formatMultiplier(m) + " \u00b7 " + Math.round(m * BASE_WPM) + " WPM";
  }
  function clock(seconds) {
    seconds = Math.max(0, Math.round(seconds));
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  function words(text) {
    var n = 0;
    text.split(/\s+/).forEach(function (w) {
      if (/[\p{L}\p{N}]/u.test(w)) n++;
    });
    return n;
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text) node.textContent = text;
    return node;
  }

  // A block of the page's text with whitespace collapsed, and for each of its characters the
  // text node and offset it came from, so that offsets in that text become DOM ranges.
  function readBlock(element) {
    var text = "";
    var map = [];
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    var space = true;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var value = node.nodeValue;
      for (var i = 0; i < value.length; i++) {
        var c = value[i];
        if (/\s/.test(c)) {
          if (space) continue;
          c = " ";
          space = true;
        } else {
          space = false;
        }
        text += c;
        map.push([node, i]);
      }
    }
    while (text.endsWith(" ")) {
      text = text.slice(0, -1);
      map.pop();
    }
    return { element: element, text: text, map: map };
  }

  function rangeOf(block, begin, end) {
    if (!block || begin >= end || end > block.map.length) return null;
    var range = document.createRange();
    var first = block.map[begin];
    var last = block.map[end - 1];
    range.setStart(first[0], first[1]);
    range.setEnd(last[0], last[1] + 1);
    return range;
  }

  // Byte offsets of UTF-8 text (the server's marks) as indexes into a JavaScript string.
  function utf8ToIndex(text, bytes) {
    var count = 0;
    for (var i = 0; i < text.length; i++) {
      if (count >= bytes) return i;
      var code = text.codePointAt(i);
      count += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (code >= 0x10000) i++;
    }
    return text.length;
  }

  function Widget(root) {
    this.root = root;
    this.server = new URL(root.getAttribute("data-server") || "/", BASE);
    var selector = root.getAttribute("data-article");
    this.article =
      (selector && document.querySelector(selector)) ||
      document.querySelector("article") ||
      document.querySelector("main") ||
      document.body;
    this.multiplier = Number(root.getAttribute("data-speed")) || 1;
    this.voice = root.getAttribute("data-voice") || "";
    this.format = root.getAttribute("data-format") || "mp3";
    this.sentences = null; // [{text, block, begin, end, words, marks, duration}]
    this.index = 0;
    this.playing = false;
    this.audio = this.newAudio();
    this.prefetched = null; // {index, multiplier, voice, url, audio}
    this.reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    this.build();
    this.loadVoices();
  }

  // One media element per sentence; only the one playing (this.audio) is listened to.
  Widget.prototype.newAudio = function (url) {
    var self = this;
    var audio = new Audio();
    audio.preload = "auto";
    audio.addEventListener("ended", function () {
      if (audio === self.audio) self.finishSentence();
    });
    audio.addEventListener("error", function () {
      if (audio === self.audio && self.playing) self.fail("the audio could not be played");
    });
    audio.addEventListener("timeupdate", function () {
      if (audio === self.audio) self.update();
    });
    if (url) audio.src = url;
    return audio;
  };

  Widget.prototype.build = function () {
    var root = this.root;
    var self = this;
    root.classList.add("narrate-widget");
    root.setAttribute("role", "region");
    root.setAttribute("aria-label", "Listen to this article");
    root.textContent = "";

    var top = el("div", { class: "nw-row" });
    top.appendChild(el("span", { class: "nw-title" }, "Listen to this article"));
    var voiceLabel = el("label", { class: "nw-speed-label" }, "Select Voice ");
    this.voiceSelect = el("select", { "aria-label": "Select voice" });
    this.voiceSelect.appendChild(el("option", { value: "" }, "Automatic"));
    this.voiceSelect.addEventListener("change", function () {
      self.voice = self.voiceSelect.value;
      self.dropPrefetch();
      self.announce("Voice " + (self.voice || "automatic") + " from the next sentence");
    });
    voiceLabel.appendChild(this.voiceSelect);
    top.appendChild(voiceLabel);
    root.appendChild(top);

    var controls = el("div", { class: "nw-row" });
    this.prevButton = el("button", { type: "button", "aria-label": "Previous sentence" }, "\u2039 Prev");
    this.playButton = el(
      "button",
      { type: "button", class: "nw-play", "aria-label": "Play" },
      "Play"
    );
    this.nextButton = el("button", { type: "button", "aria-label": "Next sentence" }, "Next \u203a");
    this.prevButton.addEventListener("click", function () {
      self.step(-1);
    });
    this.nextButton.addEventListener("click", function () {
      self.step(1);
    });
    this.playButton.addEventListener("click", function () {
      self.toggle();
    });
    controls.appendChild(this.prevButton);
    controls.appendChild(this.playButton);
    controls.appendChild(this.nextButton);
    this.progress = el("div", {
      class: "nw-progress",
      role: "progressbar",
      "aria-label": "Progress",
      "aria-valuemin": "0",
      "aria-valuemax": "100",
      "aria-valuenow": "0",
    });
    this.progressFill = el("div", { class: "nw-progress-fill" });
    this.progress.appendChild(this.progressFill);
    controls.appendChild(this.progress);
    this.timeLeft = el("span", { class: "nw-time", "aria-label": "Time left" }, "");
    controls.appendChild(this.timeLeft);
    root.appendChild(controls);

    var speedRow = el("div", { class: "nw-row" });
    speedRow.appendChild(el("span", { class: "nw-speed-label", id: this.uid("speed") }, "Choose your listening speed"));
    var group = el("div", { role: "radiogroup", "aria-labelledby": this.uid("speed"), class: "nw-row" });
    this.presetButtons = PRESETS.map(function (preset) {
      var button = el(
        "button",
        { type: "button", role: "radio", "aria-checked": "false", "data-multiplier": preset.multiplier,
          "aria-label": preset.name + ", " + speedLabel(preset.multiplier) },
        preset.name
      );
      button.addEventListener("click", function () {
        self.setSpeed(preset.multiplier);
      });
      group.appendChild(button);
      return button;
    });
    group.addEventListener("keydown", function (event) {
      // Arrow keys move between the presets, as in any radio group.
      var i = self.presetButtons.indexOf(document.activeElement);
      if (i < 0) return;
      var d = event.key === "ArrowRight" || event.key === "ArrowDown" ? 1
            : event.key === "ArrowLeft" || event.key === "ArrowUp" ? -1 : 0;
      if (!d) return;
      event.preventDefault();
      event.stopPropagation();
      var next = self.presetButtons[(i + d + PRESETS.length) % PRESETS.length];
      next.focus();
      next.click();
    });
    speedRow.appendChild(group);
    this.slider = el("input", {
      type: "range", min: "0.5", max: "3", step: "0.25", value: String(this.multiplier),
      "aria-label": "Listening speed",
    });
    this.slider.addEventListener("input", function () {
      self.setSpeed(Number(self.slider.value));
    });
    speedRow.appendChild(this.slider);
    this.readout = el("output", { class: "nw-readout", "aria-live": "off" }, "");
    speedRow.appendChild(this.readout);
    root.appendChild(speedRow);
    root.appendChild(el("div", { class: "nw-tagline" }, "Get through articles 2x faster"));
    this.status = el("div", { class: "nw-status", role: "status", "aria-live": "polite" }, "");
    root.appendChild(this.status);

    // Keyboard: k or space play/pause, j / l previous / next sentence, - / + speed.
    root.addEventListener("keydown", function (event) {
      var tag = event.target.tagName;
      if (tag === "SELECT" || tag === "INPUT") return;
      if (event.key === "k" || (event.key === " " && tag !== "BUTTON")) {
        event.preventDefault();
        self.toggle();
      } else if (event.key === "j") {
        self.step(-1);
      } else if (event.key === "l") {
        self.step(1);
      } else if (event.key === "-" || event.key === "+" || event.key === "=") {
        self.setSpeed(self.multiplier + (event.key === "-" ? -0.25 : 0.25));
      }
    });
    this.showSpeed();
    this.update();
  };

  Widget.prototype.uid = function (name) {
    if (!this.id) this.id = "nw" + Math.random().toString(36).slice(2, 8);
    return this.id + "-" + name;
  };

  Widget.prototype.announce = function (text) {
    this.status.textContent = text;
  };

  Widget.prototype.fail = function (text) {
    this.pause();
    this.announce("Cannot read aloud: " + text);
  };

  Widget.prototype.api = function (path, params) {
    var url = new URL(path, this.server);
    Object.keys(params || {}).forEach(function (k) {
      if (params[k] !== "" && params[k] !== undefined) url.searchParams.set(k, params[k]);
    });
    return url;
  };

  Widget.prototype.loadVoices = function () {
    var self = this;
    fetch(this.api("v1/voices"))
      .then(function (r) {
        return r.json();
      })
      .then(function (body) {
        (body.voices || []).forEach(function (v) {
          var label = v.name + (v.language ? " (" + v.language + ")" : "");
          var option = el("option", { value: v.name }, label);
          if (v.name === self.voice) option.selected = true;
          self.voiceSelect.appendChild(option);
        });
      })
      .catch(function () {});
  };

  Widget.prototype.setSpeed = function (multiplier) {
    multiplier = Math.min(3, Math.max(0.5, Math.round(multiplier * 100) / 100));
    if (multiplier === this.multiplier) return;
    this.multiplier = multiplier;
    this.dropPrefetch();
    this.showSpeed();
    this.announce("Speed " + speedLabel(multiplier) + (this.playing ? " from the next sentence" : ""));
    this.update();
  };

  Widget.prototype.showSpeed = function () {
    var m = this.multiplier;
    this.readout.textContent = speedLabel(m);
    this.slider.value = String(m);
    this.slider.setAttribute("aria-valuetext", speedLabel(m));
    this.presetButtons.forEach(function (b) {
      b.setAttribute("aria-checked", Number(b.getAttribute("data-multiplier")) === m ? "true" : "false");
      b.tabIndex = Number(b.getAttribute("data-multiplier")) === m ? 0 : -1;
    });
    if (!this.presetButtons.some(function (b) { return b.tabIndex === 0; })) {
      this.presetButtons[1].tabIndex = 0;
    }
  };

  // The page's text as narrate gets it: one paragraph per block, blank lines between.
  Widget.prototype.collectBlocks = function () {
    var self = this;
    var found = Array.prototype.slice.call(this.article.querySelectorAll(BLOCKS));
    this.blocks = found
      .filter(function (e) {
        return !e.querySelector(BLOCKS) && !self.root.contains(e) && !e.closest("[data-narrate-skip]");
      })
      .map(readBlock)
      .filter(function (b) {
        return /[\p{L}\p{N}]/u.test(b.text);
      });
  };

  // Sentences from narrate's own segmenter, placed in the blocks they came from.
  Widget.prototype.loadSentences = function () {
    var self = this;
    this.collectBlocks();
    var text = this.blocks.map(function (b) { return b.text; }).join("\n\n");
    return fetch(this.api("v1/sentences"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: text, verbatim: true }),
    })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) throw new Error(body.error ? body.error.message : "HTTP " + r.status);
          return body;
        });
      })
      .then(function (body) {
        var block = 0;
        var from = 0;
        self.sentences = [];
        body.sentences.forEach(function (sentence) {
          for (var b = block; b < self.blocks.length; b++) {
            var at = self.blocks[b].text.indexOf(sentence, b === block ? from : 0);
            if (at >= 0) {
              block = b;
              from = at + sentence.length;
              self.sentences.push({ text: sentence, block: b, begin: at, end: from, words: words(sentence) });
              return;
            }
          }
          // Not found in the page text (rare): spoken, highlighted by its block only.
          self.sentences.push({ text: sentence, block: block, begin: 0, end: 0, words: words(sentence) });
        });
      });
  };

  Widget.prototype.toggle = function () {
    if (this.playing) {
      this.pause();
    } else {
      this.play();
    }
  };

  Widget.prototype.play = function () {
    var self = this;
    this.playing = true;
    this.playButton.setAttribute("aria-label", "Pause");
    this.playButton.textContent = "Pause";
    if (!this.sentences) {
      this.announce("Preparing\u2026");
      this.loadSentences()
        .then(function () {
          if (!self.sentences.length) return self.fail("no text found");
          if (self.playing) self.start(self.index);
        })
        .catch(function (e) {
          self.fail(e.message);
        });
      return;
    }
    if (this.audio.src && this.current === this.index && !this.audio.ended) {
      this.audio.play().catch(function (e) { self.fail(e.message); });
      this.announce("Playing");
    } else {
      this.start(this.index);
    }
  };

  Widget.prototype.pause = function () {
    this.playing = false;
    this.audio.pause();
    this.playButton.setAttribute("aria-label", "Play");
    this.playButton.textContent = "Play";
    this.announce("Paused");
  };

  Widget.prototype.params = function (sentence) {
    return {
      text: sentence.text,
      verbatim: "1",
      speed: formatMultiplier(this.multiplier),
      voice: this.voice,
    };
  };

  // The media element for sentence i: the one fetched ahead when it was asked at this speed
  // and voice, else a new one.
  Widget.prototype.audioFor = function (i) {
    var p = this.prefetched;
    if (p && p.index === i && p.multiplier === this.multiplier && p.voice === this.voice) {
      this.prefetched = null;
      return p.audio;
    }
    var params = this.params(this.sentences[i]);
    params.format = this.format;
    return this.newAudio(this.api("v1/speech", params).toString());
  };

  Widget.prototype.dropPrefetch = function () {
    if (this.prefetched && this.prefetched.audio) this.prefetched.audio.removeAttribute("src");
    this.prefetched = null;
  };

  // Fetches the next sentence's audio and marks while this one plays.
  Widget.prototype.prefetch = function (i) {
    if (!this.sentences || i >= this.sentences.length) return;
    var params = this.params(this.sentences[i]);
    params.format = this.format;
    var url = this.api("v1/speech", params).toString();
    var audio = this.newAudio(url);
    this.prefetched = { index: i, multiplier: this.multiplier, voice: this.voice, url: url, audio: audio };
    this.loadMarks(i);
  };

  Widget.prototype.loadMarks = function (i) {
    var sentence = this.sentences[i];
    var key = this.multiplier + "|" + this.voice;
    if (sentence.marksKey === key) return sentence.marksPromise;
    sentence.marksKey = key;
    var multiplier = this.multiplier;
    sentence.marksPromise = fetch(this.api("v1/marks", this.params(sentence)))
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (marks) {
        if (!marks || sentence.marksKey !== key) return;
        var wordsMarks = [];
        (marks.sentences || []).forEach(function (s) {
          (s.words || []).forEach(function (w) {
            wordsMarks.push({
              start: w.start_ms / 1000,
              end: w.end_ms / 1000,
              begin: utf8ToIndex(sentence.text, w.source_begin),
              stop: utf8ToIndex(sentence.text, w.source_end),
            });
          });
        });
        sentence.marks = wordsMarks;
        sentence.duration = (marks.duration_ms || 0) / 1000;
        sentence.durationAt = multiplier;
      })
      .catch(function () {});
    return sentence.marksPromise;
  };

  Widget.prototype.start = function (i) {
    var self = this;
    if (!this.sentences || i < 0 || i >= this.sentences.length) return;
    this.index = i;
    this.current = i;
    this.sentenceSpeed = this.multiplier;
    var previous = this.audio;
    this.audio = this.audioFor(i);
    if (previous !== this.audio) {
      previous.pause();
      previous.removeAttribute("src");
    }
    this.loadMarks(i);
    this.highlight(i, -1);
    this.audio.play().then(
      function () {
        self.announce("Playing sentence " + (i + 1) + " of " + self.sentences.length);
      },
      function (e) {
        if (self.playing && self.current === i) self.fail(e.message);
      }
    );
    this.dropPrefetch();
    this.prefetch(i + 1);
    this.update();
  };

  Widget.prototype.finishSentence = function () {
    var s = this.sentences && this.sentences[this.index];
    if (s && this.audio.duration && isFinite(this.audio.duration)) {
      s.duration = this.audio.duration;
      s.durationAt = this.sentenceSpeed;
    }
    if (!this.playing) return;
    if (this.index + 1 < this.sentences.length) {
      this.start(this.index + 1);
    } else {
      this.pause();
      this.index = 0;
      this.current = -1;
      this.highlight(-1, -1);
      this.announce("Finished");
      this.update();
    }
  };

  Widget.prototype.step = function (d) {
    if (!this.sentences) {
      return;
    }
    var i = Math.min(this.sentences.length - 1, Math.max(0, this.index + d));
    if (this.playing) {
      this.start(i);
    } else {
      this.index = i;
      this.current = -1;
      this.audio.removeAttribute("src");
      this.highlight(i, -1);
      this.update();
    }
    this.announce("Sentence " + (i + 1) + " of " + this.sentences.length);
  };

  // Seconds a sentence takes at the current speed: measured when it was heard at this speed,
  // else its words at the promised words per minute.
  Widget.prototype.secondsOf = function (s) {
    if (s.duration && s.durationAt === this.multiplier) return s.duration;
    if (s.duration && s.durationAt) return (s.duration * s.durationAt) / this.multiplier;
    return (s.words * 60) / (BASE_WPM * this.multiplier);
  };

  Widget.prototype.update = function () {
    var total = 0;
    var done = 0;
    var self = this;
    if (!this.sentences) {
      this.collectBlocks();
      var n = 0;
      this.blocks.forEach(function (b) { n += words(b.text); });
      total = (n * 60) / (BASE_WPM * this.multiplier);
    } else {
      this.sentences.forEach(function (s, i) {
        var seconds = self.secondsOf(s);
        total += seconds;
        if (i < self.index) done += seconds;
      });
      if (this.current === this.index && isFinite(this.audio.currentTime)) {
        done += this.audio.currentTime;
      }
      var sentence = this.sentences[this.index];
      if (sentence && sentence.marks && this.current === this.index) {
        var t = this.audio.currentTime;
        var w = -1;
        sentence.marks.forEach(function (m, k) {
          if (m.start <= t) w = k;
        });
        if (w !== this.word) this.highlight(this.index, w);
      }
    }
    var fraction = total > 0 ? Math.min(1, done / total) : 0;
    this.progressFill.style.width = (fraction * 100).toFixed(1) + "%";
    this.progress.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
    this.progress.setAttribute("aria-valuetext", clock(done) + " of " + clock(total));
    this.timeLeft.textContent = clock(total - done) + " left";
  };

  Widget.prototype.highlight = function (i, w) {
    var sentence = this.sentences && this.sentences[i];
    var block = sentence && this.blocks[sentence.block];
    this.word = w;
    this.root.setAttribute("data-sentence", String(i));
    this.root.setAttribute("data-word", String(w));
    var useApi = typeof CSS !== "undefined" && CSS.highlights && typeof Highlight !== "undefined";
    if (this.markedBlock) this.markedBlock.classList.remove("narrate-reading");
    this.markedBlock = null;
    if (useApi) {
      CSS.highlights.delete("narrate-sentence");
      CSS.highlights.delete("narrate-word");
    }
    if (!sentence) return;
    var range = rangeOf(block, sentence.begin, sentence.end);
    if (useApi && range) {
      CSS.highlights.set("narrate-sentence", new Highlight(range));
      var mark = w >= 0 && sentence.marks && sentence.marks[w];
      var wordRange = mark && rangeOf(block, sentence.begin + mark.begin, sentence.begin + mark.stop);
      if (wordRange) CSS.highlights.set("narrate-word", new Highlight(wordRange));
    } else if (block) {
      block.element.classList.add("narrate-reading");
      this.markedBlock = block.element;
    }
    if (w <= 0 && block && block.element.scrollIntoView) {
      var rect = block.element.getBoundingClientRect();
      if (rect.top < 0 || rect.bottom > window.innerHeight) {
        block.element.scrollIntoView({ block: "center", behavior: this.reducedMotion ? "auto" : "smooth" });
      }
    }
  };

  function init() {
    var roots = document.querySelectorAll("[data-narrate-widget]");
    Array.prototype.forEach.call(roots, function (root) {
      if (!root.narrateWidget) root.narrateWidget = new Widget(root);
    });
  }

  // The stylesheet comes from beside the script, once.
  if (!document.querySelector("link[data-narrate-widget-css]")) {
    var link = el("link", { rel: "stylesheet", href: new URL("narrate-widget.css", BASE).toString() });
    link.setAttribute("data-narrate-widget-css", "");
    document.head.appendChild(link);
  }
  // The time shown moves smoothly while playing, highlighting word by word.
  function tick() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-narrate-widget]"), function (root) {
      var w = root.narrateWidget;
      if (w && w.playing) w.update();
    });
    window.requestAnimationFrame(tick);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  window.requestAnimationFrame(tick);
  window.NarrateWidget = Widget;
})();
