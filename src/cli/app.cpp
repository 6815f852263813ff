// cli/app.cpp - the narrate command line: parse, run the pipeline, map errors to exit codes
#include "app.hpp"

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "exit_codes.hpp"
#include "narrate/narrate.hpp"
#include "narrate/playback.hpp"
#include "play_command.hpp"
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
  bool ssml = false;   // --ssml: the source is SSML
  bool plain = false;  // --plain: the player prints lines instead of a screen
};

void print_error(const std::string& message) {
  std::fprintf(stderr, "narrate: %s\n", message.c_str());
}

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

int run_parsed(const Args& args) {
  if (args.version) {
    std::printf("narrate %s (%s)\n", version(), library_versions().c_str());
    return kExitOk;
  }
  if (args.list_voices) {
    for (const VoiceEntry& voice : list_voices()) {
      std::printf("%-22s %-10s %s%s\n", voice.name.c_str(),
                  voice.language.empty() ? "-" : voice.language.c_str(),
                  voice.project ? "[narrate] " : "", voice.description.c_str());
    }
    return kExitOk;
  }
  if (args.source.empty()) {
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
  speak_options.validate();
  if (args.output == "-" && (!args.extract.empty() || args.sentences)) {
    throw Error(ErrorCode::Usage, "-o - cannot be combined with --extract or --sentences");
  }

  SourceOptions source_options;
  if (args.format == "html") source_options.format = MediaType::Html;
  if (args.format == "text") source_options.format = MediaType::Text;

  // Subtitles and marks need the whole narration's timing: those runs go through speak().
  const bool playing = args.extract.empty() && !args.sentences && args.output.empty() &&
                       args.subtitles.empty() && args.marks.empty();
  if (!playing && (args.resume || args.start_at > 0 || !args.control.empty() || args.progress)) {
    throw Error(ErrorCode::Usage,
                "--resume, --start-at, --control and --progress are for playback (without -o)");
  }
  // The audio device and the speech engine warm up while the article is read.
  if (playing) prepare_play();

  // Screen reading (--format speech, --ssml): every input is spoken, nothing is extracted.
  const Document document = args.format == "speech" || args.ssml
                                ? read_speech_text(args.source, source_options, args.ssml)
                                : read_article(args.source, source_options);
  for (const std::string& warning : document.warnings) {
    std::fprintf(stderr, "narrate: warning: '%s': %s\n", args.source.c_str(), warning.c_str());
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
    play.source = args.source;
    play.control_stdin = args.control == "stdin";
    play.progress = args.progress;
    play.resume = args.resume;
    play.start_at = args.start_at;
    play.stats = args.stats;
    play.plain = args.plain;
    return run_play(document, play);
  }
  const SpeakStats stats = speak(document, speak_options);
  if (args.stats) print_stats(stats, speak_options.speed);
  return kExitOk;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{
      "narrate reads articles aloud: an HTML page, a URL, or text copied from a web page.\n"
      "It keeps the article, drops the clutter, and speaks it with eSpeak NG."};
  app.name("narrate");
  Args args;
  app.add_option("SOURCE", args.source, "A file path, - for standard input, or an http(s) URL");
  app.add_option("-o,--output", args.output,
                 "Write audio to FILE instead of playing it; the format comes from the "
                 "extension (.wav .flac .ogg .opus .mp3); - writes WAV to standard output")
      ->type_name("FILE");
  app.add_option("--speed", args.speed,
                 "slow (150 WPM), average (200), fast (300), a multiplier 0.4x-4.5x, "
                 "or 80wpm-900wpm; words a minute of ordinary prose, denser text keeps its "
                 "syllables per second and so runs at fewer written words")
      ->type_name("S")
      ->capture_default_str();
  app.add_option("-v,--voice", args.voice,
                 "A narrate voice or any eSpeak NG voice (en-us, de, en+f3); default: chosen "
                 "from the article's language")
      ->type_name("V");
  app.add_flag("--list-voices", args.list_voices, "List voices (narrate's own first) and exit");
  app.add_flag("--extract{text}", args.extract,
               "Print the extracted article and exit: text (title, blank line, blocks), body "
               "(blocks only) or json")
      ->check(CLI::IsMember({"text", "body", "json"}))
      ->type_name("[=text|body|json]");
  app.add_flag("--sentences", args.sentences, "Print the sentences to be spoken and exit");
  app.add_flag("--spoken", args.spoken,
               "With --sentences: print them as handed to the speech engine");
  app.add_option("--format", args.format,
                 "Treat the source as html or text instead of guessing; speech: speak every "
                 "input as it is (screen reading: no extraction)")
      ->check(CLI::IsMember({"html", "text", "speech"}))
      ->type_name("F");
  app.add_flag("--ssml", args.ssml, "The source is SSML (speak, p, s, break, say-as, sub, ...)");
  app.add_flag("--plain", args.plain,
               "Playback: print each sentence and state change as a line (for screen readers; "
               "also when TERM=dumb)");
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
                 "Playback: take commands (pause, resume, next, prev, speed 1.5x, stop) from "
                 "standard input and print events as JSON lines")
      ->check(CLI::IsMember({"stdin"}))
      ->type_name("stdin");
  app.add_flag("--progress", args.progress,
               "Playback without a terminal: print progress to standard error");
  app.add_flag("--resume", args.resume, "Playback: continue where this article was left");
  app.add_option("--start-at", args.start_at, "Playback: start at sentence N (from 1)")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  app.add_flag("--stats", args.stats,
               "After speaking, print words, duration, written WPM, syllables per second "
               "heard and synthesis time");
  app.add_flag("--version", args.version, "Print the version and exit");
  app.footer(
      "Exit codes: 0 success, 1 internal error, 2 usage error, 3 source unreadable, 4 no "
      "article text,\n5 voice or speech engine error, 6 audio device or output file error, 129 "
      "hang-up,\n130 interrupted (Ctrl-C), 143 terminated.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    std::fputs(app.help("", CLI::AppFormatMode::All).c_str(), stdout);
    return kExitOk;
  } catch (const CLI::ParseError& error) {
    print_error(one_line(error.what()) + " (see narrate --help)");
    return kExitUsage;
  }

  // Whatever way the run ends, a playback prepared and not taken is closed before exit.
  struct ReleasePrepared {
    ~ReleasePrepared() { release_prepared_playback(); }
  } release_prepared;
  try {
    const int status = run_parsed(args);
    if (std::fflush(stdout) != 0) {
      print_error("cannot write to standard output");
      return kExitOutput;
    }
    if (const int signal = g_signal.load(); signal != 0) return 128 + signal;
    return status;
  } catch (const Error& error) {
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
