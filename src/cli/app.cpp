// cli/app.cpp - the narrate command line: parse, run the pipeline, map errors to exit codes
#include "app.hpp"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "batch.hpp"
#include "clipboard.hpp"
#include "config_file.hpp"
#include "exit_codes.hpp"
#include "help_text.hpp"
#include "narrate/narrate.hpp"
#include "narrate/playback.hpp"
#include "play_command.hpp"
#include "serve_command.hpp"
#include "terminal_ui.hpp"

namespace narrate::cli {

namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};  ///< the first of SIGINT, SIGTERM, SIGHUP received

extern "C" void on_stop_signal(int signal) {
  int none = 0;
  if (g_signal.compare_exchange_strong(none, signal)) {
    // The first one stops the narration where it stands; the writers remove what they began.
    g_interrupted.store(true);
    return;
  }
  // A second one, should the first not be heard (a blocked write, a FIFO nobody reads): end
  // at once, leaving no temporary file behind.
  remove_partial_outputs();
  ::_exit(128 + g_signal.load());
}

/// Ctrl-C, kill and a closed terminal all stop cleanly: exit 128 + the signal's number.
void catch_stop_signals() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal, &action, nullptr);
}

struct Args {
  std::string source;
  std::string output;
  std::string speed = "average";
  std::string voice;
  std::string extract;  // "", "text", "body", "json"
  std::string format;   // "", "html", "text", "speech"
  std::string subtitles;
  std::string marks;
  std::vector<std::string> lexicons;
  std::string control;                     // "", "stdin"
  std::string split;                       // "", minutes, "chapters"
  std::string loudness = "-16";            // "off" or LUFS
  int quality = 0;                         // kbit/s, 0: the encoder's default
  std::string subtitles_mode = "caption";  // "caption" or "sentence"
  std::size_t start_at = 0;
  bool progress = false;
  bool resume = false;
  bool list_voices = false;
  bool sentences = false;
  bool spoken = false;
  bool stats = false;
  bool version = false;
  bool ssml = false;          // --ssml: the source is SSML
  bool plain = false;         // --plain: the player prints lines instead of a screen
  bool quiet = false;         // --quiet: no progress, no warnings
  bool clipboard = false;     // --clipboard: the source is the clipboard's text
  bool preview = false;       // --preview: one sentence in the chosen voice
  std::string config_format;  // the config file's "format": -o FILE without an extension
  BatchOptions batch;         // --batch LIST -o DIR [--jobs N] [--shard K/N] [--audio-format F]
};

bool g_progress_line_open = false;  ///< a progress line at the terminal awaits its end

void print_error(const std::string& message) {
  if (g_progress_line_open) std::fputc('\n', stderr);
  g_progress_line_open = false;
  std::fprintf(stderr, "narrate: %s\n", message.c_str());
}

std::string speed_text(double audio_seconds, double elapsed_seconds) {
  const double factor = elapsed_seconds > 0 ? audio_seconds / elapsed_seconds : 0;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, factor < 10 ? "%.1fx" : "%.0fx", factor);
  return buffer;
}

/// The progress of a file being written, on stderr: at a terminal one line redrawn in place a
/// few times a second; elsewhere (--progress) a line a second. "narrate: 42% · 3:10 of audio ·
/// 25x real time · 0:08 left".
class FileProgress {
 public:
  explicit FileProgress(bool terminal) : terminal_(terminal) {}

  void update(const SpeakProgress& progress) {
    const double since = progress.elapsed_seconds - last_shown_;
    if (shown_ && since < (terminal_ ? 0.2 : 1.0)) return;
    shown_ = true;
    last_shown_ = progress.elapsed_seconds;
    const double left = progress.fraction > 0
                            ? progress.elapsed_seconds * (1 - progress.fraction) / progress.fraction
                            : 0;
    char percent[16];
    std::snprintf(percent, sizeof percent, "%3.0f%%", 100 * std::min(progress.fraction, 0.99));
    show(std::string(percent) + " \xC2\xB7 " + clock_text(progress.audio_seconds) +
         " of audio \xC2\xB7 " + speed_text(progress.audio_seconds, progress.elapsed_seconds) +
         " real time \xC2\xB7 " + (progress.fraction > 0 ? clock_text(left) : std::string("-:--")) +
         " left");
  }

  void done(const SpeakStats& stats) {
    show("100% \xC2\xB7 " + clock_text(stats.audio_seconds()) + " of audio \xC2\xB7 " +
         speed_text(stats.audio_seconds(), stats.total_seconds) + " real time \xC2\xB7 done in " +
         clock_text(stats.total_seconds));
    if (terminal_) std::fputc('\n', stderr);
    g_progress_line_open = false;
  }

 private:
  void show(const std::string& text) {
    if (terminal_) {
      std::fprintf(stderr, "\rnarrate: %s\x1b[K", text.c_str());
      g_progress_line_open = true;
    } else {
      std::fprintf(stderr, "narrate: %s\n", text.c_str());
    }
    std::fflush(stderr);
  }

  bool terminal_;
  bool shown_ = false;
  double last_shown_ = 0;
};

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

void print_stats(const SpeakStats& stats, const Speed& speed) {
  const double audio = stats.audio_seconds();
  std::fprintf(stderr,
               "narrate: %zu words, %zu sentences, %s of audio (%.1f s), %.0f WPM effective "
               "(asked %.0f), voice %s, synthesis %.2f s (%zu syntheses, %zu stretched), "
               "encoding %.2f s (second thread), total %.2f s (%.0fx real time), %zu file(s)\n",
               stats.words, stats.sentences, clock_text(audio).c_str(), audio,
               stats.effective_wpm(), speed.wpm, stats.voice.c_str(), stats.synth_seconds,
               stats.syntheses, stats.stretched, stats.encode_seconds, stats.total_seconds,
               stats.realtime_factor(), stats.files.size());
  // The speed paces syllables heard; dense text runs at fewer written words a minute.
  const double per_word = stats.words > 0 ? stats.syllables / double(stats.words) : 0;
  std::fprintf(stderr,
               "narrate: %.2f syllables/s heard, %.2f syllables a word (ordinary prose %.1f)\n",
               stats.syllables_per_second(), per_word, Speed::kSyllablesPerWord);
  if (stats.effective_wpm() < 0.94 * speed.wpm && per_word > 1.1 * Speed::kSyllablesPerWord) {
    std::fprintf(stderr, "narrate: dense text: %.0f written WPM at the pace of %.0f\n",
                 stats.effective_wpm(), speed.wpm);
  }
}

[[noreturn]] void refuse(const std::string& first, const std::string& second,
                         const std::string& why) {
  throw Error(ErrorCode::Usage, first + " and " + second + " cannot be combined: " + why);
}

/// Options that make no sense together are refused, one line naming both, rather than one of
/// them silently ignored.
void check_combinations(const Args& args) {
  const bool extract = !args.extract.empty();
  const bool output = !args.output.empty();
  if (args.list_voices) {
    const std::pair<bool, const char*> others[] = {{output, "-o"},
                                                   {extract, "--extract"},
                                                   {args.sentences, "--sentences"},
                                                   {args.preview, "--preview"},
                                                   {args.clipboard, "--clipboard"}};
    for (const auto& [given, name] : others) {
      if (given) refuse("--list-voices", name, "--list-voices lists the voices and exits");
    }
  }
  if (args.sentences && extract) {
    refuse("--sentences", "--extract", "each prints the article in its own way");
  }
  if (args.spoken && !args.sentences) {
    throw Error(ErrorCode::Usage,
                "--spoken goes with --sentences (narrate --sentences --spoken SOURCE)");
  }
  if (output && (extract || args.sentences)) {
    refuse("-o", extract ? "--extract" : "--sentences",
           std::string(extract ? "--extract" : "--sentences") + " prints text, -o writes audio");
  }
  if (args.preview) {
    if (extract || args.sentences) {
      refuse("--preview", extract ? "--extract" : "--sentences",
             "--preview speaks a sentence of its own");
    }
    if (args.clipboard)
      refuse("--preview", "--clipboard", "--preview speaks a sentence of its own");
    if (!args.source.empty()) {
      refuse("--preview", "SOURCE '" + args.source + "'", "--preview speaks a sentence of its own");
    }
  }
  if (args.clipboard && !args.source.empty()) {
    refuse("--clipboard", "SOURCE '" + args.source + "'", "the clipboard is the source");
  }
  if (args.ssml && !args.format.empty()) {
    refuse("--ssml", "--format " + args.format, "--ssml says what the source is");
  }
  if (args.plain && !args.control.empty()) {
    refuse("--plain", "--control", "each is its own way of driving the player");
  }
  if (args.quiet && args.progress) refuse("--quiet", "--progress", "one silences the other");
  if (args.resume && args.start_at > 0) {
    refuse("--resume", "--start-at", "each says where to start");
  }
  // The player's options, on a run that prints or writes a file.
  const char* not_playing = extract                   ? "--extract"
                            : args.sentences          ? "--sentences"
                            : output                  ? "-o"
                            : !args.subtitles.empty() ? "--subtitles"
                            : !args.marks.empty()     ? "--marks"
                                                      : nullptr;
  if (not_playing != nullptr) {
    const std::pair<bool, const char*> player[] = {{args.resume, "--resume"},
                                                   {args.start_at > 0, "--start-at"},
                                                   {!args.control.empty(), "--control"},
                                                   {args.plain, "--plain"}};
    for (const auto& [given, name] : player) {
      if (given) refuse(name, not_playing, std::string(name) + " is for the player");
    }
  }
  if (args.progress && (extract || args.sentences)) {
    refuse("--progress", extract ? "--extract" : "--sentences", "nothing long runs there");
  }
}

/// "--list-voices [LANG]": a header, columns as wide as their longest entry, filtered by
/// language ("en" takes en, en-us, en-gb-x-rp, ...) or by the start of a voice's name.
int print_voices(const std::string& filter) {
  std::vector<VoiceEntry> shown;
  const auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  const std::string wanted = lower(filter);
  for (VoiceEntry& voice : list_voices()) {
    const std::string language = lower(voice.language);
    // narrate's own voices go with every language ("de+anna"), so every list shows them.
    const bool match = wanted.empty() || language.empty() || language == wanted ||
                       language.rfind(wanted + "-", 0) == 0 ||
                       lower(voice.name).rfind(wanted, 0) == 0;
    if (match) shown.push_back(std::move(voice));
  }
  // narrate's own voices alone are no answer: no eSpeak NG voice speaks that language.
  if (std::none_of(shown.begin(), shown.end(), [](const VoiceEntry& v) { return !v.project; })) {
    throw Error(ErrorCode::Voice,
                "no voice for '" + filter + "' (narrate --list-voices lists them all)");
  }
  std::size_t name_width = 5;
  std::size_t language_width = 8;
  for (const VoiceEntry& voice : shown) {
    name_width = std::max(name_width, voice.name.size());
    language_width = std::max(language_width, voice.language.size());
  }
  const auto row = [&](const std::string& name, const std::string& language,
                       const std::string& description) {
    std::string line = name + std::string(name_width - name.size() + 2, ' ') + language +
                       std::string(language_width - language.size() + 2, ' ') + description;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::puts(line.c_str());
  };
  row("VOICE", "LANGUAGE", "DESCRIPTION");
  for (const VoiceEntry& voice : shown) {
    row(voice.name, voice.language.empty() ? "-" : voice.language,
        (voice.project ? "[narrate] " : "") + voice.description);
  }
  return kExitOk;
}

/// What --preview says: one sentence in the voice's language when narrate knows one.
Document preview_document(const Args& args) {
  std::string language = "en";
  if (!args.voice.empty()) {
    for (const VoiceEntry& voice : list_voices()) {
      if (voice.name == args.voice && !voice.language.empty()) language = voice.language;
    }
  }
  const std::string primary = language.substr(0, language.find('-'));
  static const std::pair<const char*, const char*> kSentences[] = {
      {"en", "This is how narrate reads your articles, at the speed you chose."},
      {"de", "So liest narrate Ihnen Artikel vor, in dem Tempo, das Sie gewählt haben."},
      {"fr", "Voici comment narrate lit vos articles, à la vitesse choisie."},
      {"es", "Así lee narrate sus artículos, a la velocidad que ha elegido."},
      {"it", "Ecco come narrate legge i tuoi articoli, alla velocità che hai scelto."},
      {"pt", "É assim que o narrate lê os seus artigos, na velocidade escolhida."},
      {"nl", "Zo leest narrate uw artikelen voor, op de snelheid die u koos."},
  };
  Document document;
  document.language = "en";
  document.blocks.push_back(Block{BlockKind::Paragraph, kSentences[0].second});
  for (const auto& [code, sentence] : kSentences) {
    if (primary == code) {
      document.language = code;
      document.blocks.front().text = sentence;
    }
  }
  return document;
}

// --batch: every item in a worker process (cli/batch.cpp); options meant for one narration
// are refused, the ones every item shares are passed on.
int run_batch_command(const Args& args) {
  if (!args.source.empty()) {
    throw Error(ErrorCode::Usage, "--batch takes its sources from LIST, not a SOURCE argument");
  }
  if (!args.extract.empty() || args.sentences || !args.subtitles.empty() || !args.marks.empty() ||
      !args.split.empty() || !args.control.empty() || args.resume || args.start_at > 0) {
    throw Error(ErrorCode::Usage,
                "--batch cannot be combined with --extract, --sentences, --subtitles, --marks, "
                "--split or playback options");
  }
  BatchOptions batch = args.batch;
  batch.output_dir = args.output;
  batch.speed = args.speed;
  batch.voice = args.voice;
  batch.source_format = args.format;
  batch.ssml = args.ssml;
  batch.lexicons = args.lexicons;
  return run_batch(batch);
}

int run_parsed(const Args& args) {
  if (args.version) {
    std::printf("narrate %s (%s)\n", version(), library_versions().c_str());
    return kExitOk;
  }
  check_combinations(args);
  // "--list-voices en": the word after it is the language, not a SOURCE.
  if (args.list_voices) return print_voices(args.source);
  if (!args.batch.list.empty()) return run_batch_command(args);
  if (args.source.empty() && !args.clipboard && !args.preview) {
    // "--voice article.txt": the voice was forgotten and the article taken for it.
    std::error_code ec;
    if (!args.voice.empty() &&
        (std::filesystem::exists(args.voice, ec) || args.voice.rfind("http", 0) == 0)) {
      throw Error(ErrorCode::Usage, "--voice takes a voice name (en-us, de, anna): '" + args.voice +
                                        "' looks like the SOURCE (narrate --voice VOICE SOURCE)");
    }
    throw Error(ErrorCode::Usage, "no SOURCE given (a file, - for standard input, or a URL)");
  }

  // Everything the command line can get wrong is checked before any reading or speaking.
  SpeakOptions speak_options;
  speak_options.speed = Speed::parse(args.speed);
  speak_options.voice = args.voice;
  speak_options.output_path = args.output;
  speak_options.subtitles_path = args.subtitles;
  speak_options.marks_path = args.marks;
  speak_options.lexicon_paths = args.lexicons;
  if (args.split == "chapters") {
    speak_options.split_chapters = true;
  } else if (!args.split.empty()) {
    char* end = nullptr;
    speak_options.split_minutes = std::strtod(args.split.c_str(), &end);
    if (end == args.split.c_str() || *end != '\0' || !(speak_options.split_minutes > 0)) {
      throw Error(ErrorCode::Usage,
                  "invalid --split '" + args.split + "' (use a number of minutes or chapters)");
    }
  }
  if (args.loudness == "off") {
    speak_options.loudness_lufs.reset();
  } else {
    char* end = nullptr;
    speak_options.loudness_lufs = std::strtod(args.loudness.c_str(), &end);
    if (end == args.loudness.c_str() || *end != '\0') {
      throw Error(ErrorCode::Usage, "invalid --loudness '" + args.loudness +
                                        "' (use off or a loudness in LUFS such as -16 or -23)");
    }
  }
  speak_options.bitrate_kbps = args.quality;
  speak_options.sentence_cues = args.subtitles_mode == "sentence";
  if (args.source.rfind("http://", 0) == 0 || args.source.rfind("https://", 0) == 0) {
    speak_options.source_url = args.source;
  }
  speak_options.stop = &g_interrupted;
  speak_options.jobs = args.batch.jobs;
  speak_options.validate();

  SourceOptions source_options;
  if (args.format == "html") source_options.format = MediaType::Html;
  if (args.format == "text") source_options.format = MediaType::Text;

  // Subtitles and marks need the whole narration's timing: those runs go through speak().
  const bool playing = args.extract.empty() && !args.sentences && args.output.empty() &&
                       args.subtitles.empty() && args.marks.empty();
  if (args.preview) {
    catch_stop_signals();
    const SpeakStats stats = speak(preview_document(args), speak_options);
    if (args.stats) print_stats(stats, speak_options.speed);
    return kExitOk;
  }
  // The audio device and the speech engine warm up while the article is read.
  if (playing) prepare_play();

  // --clipboard: the copied text becomes standard input, read as "-" would be.
  const std::string source = args.clipboard ? "-" : args.source;
  if (args.clipboard) replace_stdin(read_clipboard());
  // Screen reading (--format speech, --ssml): every input is spoken, nothing is extracted.
  const Document document = args.format == "speech" || args.ssml
                                ? read_speech_text(source, source_options, args.ssml)
                                : read_article(source, source_options);
  for (const std::string& warning : document.warnings) {
    if (args.quiet) break;
    std::fprintf(stderr, "narrate: warning: '%s': %s\n",
                 args.clipboard ? "clipboard" : source.c_str(), warning.c_str());
  }

  if (!args.extract.empty()) {
    if (args.extract == "json") {
      std::fputs(document_json(document).c_str(), stdout);
    } else {
      std::fputs(document_text(document, args.extract == "text").c_str(), stdout);
    }
    return kExitOk;
  }
  if (args.sentences) {
    std::vector<std::string> lines;
    if (args.spoken) {
      lines = spoken_sentences(document, args.lexicons);
    } else {
      for (const Sentence& sentence : sentences_of(document)) lines.push_back(sentence.text);
    }
    for (const std::string& line : lines) {
      std::fputs(one_line(line).c_str(), stdout);
      std::fputc('\n', stdout);
    }
    return kExitOk;
  }

  catch_stop_signals();
  // A closed pipe on "-o - | head" is an output error to report, not a reason to die silently.
  std::signal(SIGPIPE, SIG_IGN);
  if (playing) {
    PlayCommandOptions play;
    play.play.speed = speak_options.speed;
    play.play.voice = speak_options.voice;
    play.play.lexicon_paths = speak_options.lexicon_paths;
    play.play.stop = &g_interrupted;
    play.source = source;
    play.control_stdin = args.control == "stdin";
    play.progress = args.progress;
    play.resume = args.resume;
    play.start_at = args.start_at;
    play.stats = args.stats;
    play.plain = args.plain;
    return run_play(document, play);
  }
  // Writing a file: progress at a terminal, or anywhere when asked.
  std::optional<FileProgress> progress;
  if (!args.quiet && (args.progress || ::isatty(STDERR_FILENO) == 1)) {
    progress.emplace(::isatty(STDERR_FILENO) == 1);
  }
  if (progress || args.stats) {
    const bool stats = args.stats;
    speak_options.on_progress = [&progress, stats](const SpeakProgress& now) {
      if (now.sentences_done == 0) {
        // Before any audio: `narrate serve` names it in a header of the stream it relays.
        if (stats) {
          std::fprintf(stderr, "narrate: planned duration %.3f s (%s)\n", now.planned_seconds,
                       clock_text(now.planned_seconds).c_str());
          std::fflush(stderr);
        }
        return;
      }
      if (progress) progress->update(now);
    };
  }
  const SpeakStats stats = speak(document, speak_options);
  if (progress) progress->done(stats);
  if (args.stats) print_stats(stats, speak_options.speed);
  return kExitOk;
}

/// A check that a value is one of `allowed`, saying so in words ("'yaml' is none of text, body,
/// json") and adding nothing to the option's name in --help.
CLI::Validator one_of(std::vector<std::string> allowed) {
  return CLI::Validator(
      [allowed](const std::string& value) -> std::string {
        std::string list;
        for (const std::string& word : allowed) {
          if (word == value) return "";
          list += (list.empty() ? "" : ", ") + word;
        }
        return "'" + value + "' is none of " + list;
      },
      "");
}

/// Registers every option on `app`, bound to `args`. The help (help_text.cpp) is built from
/// what is registered here, grouped by name there.
void add_options(CLI::App& app, Args& args) {
  app.name("narrate");
  app.description(
      "narrate reads articles aloud: an HTML page, a URL, or text copied from a web page.\n"
      "It keeps the article, drops the clutter, and speaks it with eSpeak NG.");
  app.add_option("SOURCE", args.source, "A file path, - for standard input, or an http(s) URL");
  app.add_option("-o,--output", args.output,
                 "Write audio to FILE instead of playing it; the format comes from the "
                 "extension (.wav .flac .ogg .opus .mp3); - writes WAV to standard output")
      ->type_name("FILE");
  app.add_option("--speed", args.speed,
                 "slow, average, fast, a multiplier (1.25x) or words a minute (250wpm): see "
                 "Speed below")
      ->type_name("S")
      ->capture_default_str();
  app.add_option("-v,--voice", args.voice,
                 "A narrate voice or any eSpeak NG voice (en-us, de, en+f3); default: chosen "
                 "from the article's language")
      ->type_name("V");
  app.add_flag("--list-voices", args.list_voices,
               "List the voices (narrate's own first) and exit; --list-voices LANG lists those "
               "for a language (en, de, pt-br)");
  app.add_flag("--preview", args.preview,
               "Speak one sentence in the chosen voice and speed (with -o: write it)");
  app.add_flag("--extract{text}", args.extract,
               "Print the extracted article and exit: text (title, blank line, blocks), body "
               "(blocks only) or json")
      ->check(one_of({"text", "body", "json"}))
      ->type_name("[=text|body|json]");
  app.add_flag("--sentences", args.sentences, "Print the sentences to be spoken and exit");
  app.add_flag("--spoken", args.spoken,
               "With --sentences: print them as handed to the speech engine");
  app.add_option("--format", args.format,
                 "Treat the source as html or text instead of guessing; speech: speak every "
                 "input as it is (screen reading: no extraction)")
      ->check(one_of({"html", "text", "speech"}))
      ->type_name("F");
  app.add_flag("--ssml", args.ssml, "The source is SSML (speak, p, s, break, say-as, sub, ...)");
  app.add_flag("--clipboard", args.clipboard,
               "Read the text on the clipboard (wl-paste under Wayland, xclip or xsel under X11) "
               "instead of a SOURCE");
  app.add_flag("--plain", args.plain,
               "Print each sentence and state change as a line instead of the screen (for "
               "screen readers; also when TERM=dumb)");
  app.add_option("--subtitles", args.subtitles, "Write one cue per sentence to FILE (.vtt, .srt)")
      ->type_name("FILE");
  app.add_option("--marks", args.marks, "Write sentence and word timings to FILE as JSON")
      ->type_name("FILE");
  app.add_option("--lexicon", args.lexicons,
                 "A pronunciation lexicon (\"written = spoken\" lines), on top of the shipped one "
                 "and ~/.config/narrate/lexicon.txt; may be repeated")
      ->type_name("FILE")
      ->allow_extra_args(false);
  app.add_option("--split", args.split,
                 "With -o: one file per N minutes (out-001.mp3, ...), or per heading (chapters)")
      ->type_name("N|chapters");
  app.add_option("--loudness", args.loudness,
                 "With -o: normalize files to this loudness, LUFS (EBU R128; true peaks under "
                 "-1 dBTP); -16 (default, podcasts), -19, -23 (broadcast) or off")
      ->type_name("LUFS|off");
  app.add_option("--quality", args.quality, "With -o: MP3, Ogg or Opus at about KBPS kbit/s")
      ->type_name("KBPS")
      ->check(CLI::Range(8, 320));
  app.add_option("--subtitles-mode", args.subtitles_mode,
                 "caption: cues of at most 2 lines of 42 characters and 7 s (default); "
                 "sentence: one cue per sentence")
      ->check(CLI::IsMember({"caption", "sentence"}))
      ->type_name("MODE");
  app.add_option("--control", args.control,
                 "Take commands (pause, resume, next, prev, speed 1.5x, stop) from standard "
                 "input and print events as JSON lines")
      ->check(one_of({"stdin"}))
      ->type_name("stdin");
  app.add_flag("--progress", args.progress,
               "Print progress on standard error even when it is no terminal (writing a file: "
               "percent, audio done, speed, time left; playing: a line per sentence)");
  app.add_flag("--quiet", args.quiet, "No progress and no warnings; errors only");
  app.add_flag("--resume", args.resume,
               "Continue where this article was left (found by its text, wherever it lies)");
  app.add_option("--start-at", args.start_at, "Start at sentence N (the first is 1)")
      ->type_name("N")
      ->check(CLI::Validator(
          [](const std::string& text) -> std::string {
            const bool digits =
                !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
            if (!digits || text.find_first_not_of('0') == std::string::npos || text.size() > 9) {
              return "'" + text + "' is no sentence number (the first sentence is 1)";
            }
            return "";
          },
          ""));
  app.add_flag("--stats", args.stats,
               "After speaking, print words, duration, written WPM, syllables per second "
               "heard and synthesis time (writing a file: the planned duration first)");
  app.add_flag("--version", args.version, "Print the version and exit");
  // Throughput and scale (issue 12): README, "Many articles at once".
  app.add_option("--batch", args.batch.list,
                 "Write one audio file per article into -o DIR: LIST is a file of sources (one a "
                 "line), a folder, or a JSON-lines manifest; items already written are skipped")
      ->type_name("LIST");
  app.add_option("--jobs", args.batch.jobs,
                 "Worker processes at once: articles of a --batch, or parts of one file written "
                 "with -o, the same audio whatever N (default: the cores)")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  app.add_option("--shard", args.batch.shard,
                 "With --batch: run only items i with i mod N = K (K from 0, or 1..N)")
      ->type_name("K/N");
  app.add_option("--audio-format", args.batch.format,
                 "With --batch: the format of the files narrate names (wav flac ogg opus mp3)")
      ->type_name("F")
      ->capture_default_str();
  app.set_help_flag("-h,--help", "Print this help and exit");
}

/// Stdout is a pipe whose reader has gone ("-o - | head -c 44").
bool stdout_reader_gone() {
  pollfd out{STDOUT_FILENO, 0, 0};
  return ::poll(&out, 1, 0) > 0 && (out.revents & POLLERR) != 0;
}

/// The reader of our output went away: end as other Unix tools do, quietly, by SIGPIPE.
int end_by_sigpipe() {
  remove_partial_outputs();
  std::signal(SIGPIPE, SIG_DFL);
  ::raise(SIGPIPE);
  return 128 + SIGPIPE;
}

}  // namespace

std::string help_text() {
  CLI::App app;
  Args args;
  add_options(app, args);
  return help_text(app);
}

std::vector<std::string> registered_options() {
  CLI::App app;
  Args args;
  add_options(app, args);
  return option_names(app);
}

int run(int argc, char** argv) {
  // `narrate serve ...` is the speech service (serve_command.cpp), with options of its own; an
  // article file named "serve" is read as ./serve.
  if (argc > 1 && std::string(argv[1]) == "serve") return run_serve(argc - 1, argv + 1);
  CLI::App app;
  Args args;
  add_options(app, args);

  try {
    std::vector<std::string> arguments(argv + (argc > 0 ? 1 : 0), argv + argc);
    const std::vector<std::string> given = scan_arguments(app, arguments);
    const auto is_given = [&](const std::string& name) {
      return std::find(given.begin(), given.end(), name) != given.end();
    };
    if (!is_given("--help") && !is_given("--version")) {
      // Defaults from the config file go first, so that the command line overrides them.
      std::vector<std::string> defaults;
      for (const ConfigEntry& entry : load_config(config_path())) {
        const std::string option = "--" + entry.key;
        if (entry.key == "format") {
          args.config_format = entry.value;
        } else if (entry.key == "lexicon" ||
                   (app.get_option_no_throw(option) != nullptr && !is_given(option))) {
          // An option another build lacks (loudness before it exists) is accepted, not passed.
          defaults.push_back(option + "=" + entry.value);
        }
      }
      arguments.insert(arguments.begin(), defaults.begin(), defaults.end());
    }
    // CLI11 takes the arguments last first.
    std::reverse(arguments.begin(), arguments.end());
    app.parse(arguments);
  } catch (const CLI::CallForHelp&) {
    std::fputs(help_text(app).c_str(), stdout);
    return kExitOk;
  } catch (const CLI::ExtrasError& error) {
    std::string extra = one_line(error.what());
    extra.erase(0, extra.find(": ") == std::string::npos ? 0 : extra.find(": ") + 2);
    print_error("one SOURCE at a time (also given: " + extra + ")");
    return kExitUsage;
  } catch (const CLI::ParseError& error) {
    print_error(one_line(error.what()) + " (see narrate --help)");
    return kExitUsage;
  } catch (const Error& error) {
    print_error(one_line(error.what()));
    return exit_code_for(error.code());
  }
  // The config file's format names the file type of "-o story" (no extension).
  if (!args.config_format.empty() && !args.output.empty() && args.output != "-" &&
      std::filesystem::path(args.output).extension().empty()) {
    args.output += "." + args.config_format;
  }

  // Whatever way the run ends, a playback prepared and not taken is closed before exit.
  struct ReleasePrepared {
    ~ReleasePrepared() { release_prepared_playback(); }
  } release_prepared;
  try {
    const int status = run_parsed(args);
    if (std::fflush(stdout) != 0) {
      if (stdout_reader_gone()) return end_by_sigpipe();
      print_error("cannot write to standard output");
      return kExitOutput;
    }
    if (const int signal = g_signal.load(); signal != 0) return 128 + signal;
    return status;
  } catch (const Error& error) {
    if (error.code() == ErrorCode::Output && stdout_reader_gone()) return end_by_sigpipe();
    if (const int signal = g_signal.load(); signal != 0 && error.code() == ErrorCode::Interrupted) {
      print_error(signal == SIGINT ? "interrupted" : signal == SIGTERM ? "terminated" : "hang-up");
      return 128 + signal;
    }
    print_error(one_line(error.what()));
    return exit_code_for(error.code());
  } catch (const std::bad_alloc&) {
    print_error("out of memory");
    return kExitInternal;
  } catch (const std::exception& error) {
    print_error("internal error: " + one_line(error.what()));
    return kExitInternal;
  }
}

}  // namespace narrate::cli
