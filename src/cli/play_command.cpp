// cli/play_command.cpp - `narrate SOURCE` on the audio device: keys, control protocol, resume
#include "play_command.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "control_protocol.hpp"
#include "narrate/error.hpp"
#include "narrate/playback.hpp"
#include "narrate/resume.hpp"
#include "plain_output.hpp"
#include "terminal_ui.hpp"

namespace narrate::cli {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

/// How long the loop sleeps waiting for keys or commands; the playback itself runs on its own
/// threads, so this only bounds how stale the screen and the event lines can get.
constexpr int kPollMs = 20;
constexpr auto kMessageTime = 2500ms;

/// The terminal the keys come from, when the screen can be shown: stdin when it is one, else
/// /dev/tty ("cat article.txt | narrate -" at a terminal still gets the screen and the keys).
/// The descriptor is closed with the object.
class KeySource {
 public:
  KeySource() {
    const char* term = std::getenv("TERM");
    if (::isatty(STDOUT_FILENO) != 1 || term == nullptr || *term == '\0' ||
        std::string(term) == "dumb") {
      return;
    }
    if (::isatty(STDIN_FILENO) == 1) {
      fd_ = STDIN_FILENO;
      return;
    }
    const int tty = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (tty >= 0 && ::isatty(tty) == 1) {
      fd_ = tty;
      owned_ = true;
    } else if (tty >= 0) {
      ::close(tty);
    }
  }
  ~KeySource() {
    if (owned_) ::close(fd_);
  }
  KeySource(const KeySource&) = delete;
  KeySource& operator=(const KeySource&) = delete;
  int fd() const noexcept { return fd_; }
  bool available() const noexcept { return fd_ >= 0; }

 private:
  int fd_ = -1;
  bool owned_ = false;
};

void print_line(std::FILE* to, const std::string& line) {
  std::fputs(line.c_str(), to);
  std::fputc('\n', to);
  std::fflush(to);
}

/// NARRATE_TRACE=1 (stderr) or NARRATE_TRACE=FILE (appended): start-up timestamps, steady clock
/// nanoseconds, for tools/bench_latency.
void print_trace(const PlayTrace& trace) {
  const char* where = std::getenv("NARRATE_TRACE");
  if (where == nullptr || *where == '\0') return;
  std::FILE* out = std::string(where) == "1" ? stderr : std::fopen(where, "a");
  if (out == nullptr) return;
  const auto ms = [&](std::int64_t ns) {
    return ns > 0 ? double(ns - trace.prepared_ns) / 1e6 : -1.0;
  };
  std::fprintf(out,
               "narrate-trace: prepared_ns=%lld first_audio_ns=%lld engine_ms=%.1f device_ms=%.1f "
               "playback_ms=%.1f first_track_ms=%.1f first_audio_ms=%.1f\n",
               static_cast<long long>(trace.prepared_ns),
               static_cast<long long>(trace.first_audio_ns), ms(trace.engine_ready_ns),
               ms(trace.device_ready_ns), ms(trace.constructed_ns), ms(trace.first_track_ns),
               ms(trace.first_audio_ns));
  if (out == stderr) {
    std::fflush(out);
  } else {
    std::fclose(out);
  }
}

/// What the loop knows between iterations.
struct Loop {
  std::optional<TerminalSession> terminal;
  KeyDecoder keys;
  LineReader commands{STDIN_FILENO};
  std::string last_screen;
  std::string message;
  Clock::time_point message_until{};
  std::size_t saved = static_cast<std::size_t>(-1);
  bool traced = false;
  bool keys_closed = false;  ///< the terminal hung up: no more keys
  bool stop_sent = false;    ///< end of the control input while paused: stopped
};

}  // namespace

void prepare_play() noexcept { prepare_playback(); }

int run_play(const Document& document, const PlayCommandOptions& options) {
  PlayOptions play = options.play;
  // Where it was left is kept by source and text, and by text alone: the same article at
  // another path (or piped, or fetched again) resumes too.
  const std::string key = article_key(options.source, document);
  const std::string by_content = content_key(document);
  if (options.start_at > 0) {
    play.start_at = options.start_at - 1;
  } else if (options.resume) {
    auto point = load_resume_point(key);
    if (!point) point = load_resume_point(by_content);
    if (point) {
      play.start_at = point->sentence;
      play.clamp_start = true;  // the article as narrate plans it may have changed since
    }
  }
  const char* term = std::getenv("TERM");
  const bool plain =
      !options.control_stdin && (options.plain || (term != nullptr && std::string(term) == "dumb"));
  KeySource keys;
  const bool screen = !options.control_stdin && !plain && keys.available();
  const bool read_input = screen || options.control_stdin;
  const int input_fd = screen ? keys.fd() : STDIN_FILENO;

  Playback playback(document, play);
  const std::vector<SentenceView>& plan = playback.sentences();
  Loop loop;
  const auto save = [&](std::size_t sentence) {
    if (sentence == loop.saved) return;
    loop.saved = sentence;
    save_resume_point(key, ResumePoint{sentence, plan.size(), options.source});
    save_resume_point(by_content, ResumePoint{sentence, plan.size(), options.source});
  };
  if (screen) loop.terminal.emplace(input_fd, STDOUT_FILENO);
  if (options.control_stdin) {
    print_line(stdout, ready_json(document.title, playback.status(), playback.voice()));
  }
  if (plain) print_line(stdout, plain_ready_line(document.title, playback.status()));

  for (bool ended = false; !ended;) {
    ended = playback.wait(0ms);
    pollfd input{input_fd, POLLIN, 0};
    const bool polling = read_input && !loop.commands.eof() && !loop.keys_closed && !ended;
    if (::poll(&input, polling ? 1 : 0, ended ? 0 : kPollMs) > 0 &&
        (input.revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      if (screen) {
        char bytes[64];
        const ssize_t n = ::read(input_fd, bytes, sizeof bytes);
        if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) loop.keys_closed = true;
        for (const Key k : loop.keys.feed({bytes, n > 0 ? static_cast<std::size_t>(n) : 0})) {
          if (const auto request = request_for(k)) playback.send(*request);
        }
      } else {
        for (const std::string& text : loop.commands.read_available()) {
          const ControlLine line = parse_control_line(text);
          if (line.kind == ControlLine::Kind::Request) playback.send(line.request);
          if (line.kind == ControlLine::Kind::Status)
            print_line(stdout, status_json(playback.status()));
          if (line.kind == ControlLine::Kind::Invalid) print_line(stdout, error_json(line.error));
        }
      }
    }

    const PlayStatus status = playback.status();
    // The controller is gone: nobody can resume a paused narration any more, so it ends as
    // "stop" would (while playing, it plays on to the end).
    if (options.control_stdin && loop.commands.eof() && status.paused && !loop.stop_sent) {
      loop.stop_sent = true;
      PlayRequest stop;
      stop.command = PlayCommand::Stop;
      playback.send(stop);
    }
    for (const PlayEvent& event : playback.take_events()) {
      if (options.control_stdin) print_line(stdout, event_json(event, plan));
      if (plain) {
        const std::string line = plain_event_line(event, plan);
        if (!line.empty()) print_line(stdout, line);
      }
      if (event.kind == PlayEventKind::SentenceStarted) {
        save(event.sentence);
        if (options.progress && !screen) print_line(stderr, "narrate: " + progress_line(status));
      }
      if (event.kind == PlayEventKind::SpeedChanged && event.clamped) {
        loop.message = event.wpm >= Speed::kMaxWpm ? "fastest speed" : "slowest speed";
        loop.message_until = Clock::now() + kMessageTime;
      }
    }
    if (!loop.traced && status.end == PlayEnd::Playing && playback.trace().first_audio_ns != 0) {
      loop.traced = true;
      print_trace(playback.trace());
    }

    if (screen) {
      const SentenceView& sentence = plan[status.sentence];
      if (Clock::now() > loop.message_until) loop.message.clear();
      // The highlight comes from the source map: the written word being heard, exactly.
      Screen shown{document.title,
                   sentence.text,
                   status.has_word ? status.word_begin : 0,
                   status.has_word ? status.word_end : 0,
                   status,
                   loop.message};
      const std::string frame = render_screen(shown, loop.terminal->width(), true);
      if (loop.terminal->take_redraw()) loop.last_screen.clear();
      if (frame != loop.last_screen) {
        loop.terminal->write(loop.last_screen.empty() ? "\x1b[2J" + frame : frame);
        loop.last_screen = frame;
      }
    }
  }

  PlayResult result;
  try {
    result = playback.finish();
  } catch (const Error& error) {
    const PlayStatus status = playback.status();
    save(status.sentence);
    loop.terminal.reset();
    if (error.code() != ErrorCode::Output) throw;
    throw Error(ErrorCode::Output, std::string(error.what()) + " (stopped at sentence " +
                                       std::to_string(status.sentence + 1) + " of " +
                                       std::to_string(status.sentences) +
                                       "; --resume continues there)");
  }
  if (!loop.traced) print_trace(playback.trace());
  if (result.end == PlayEnd::Completed) {
    forget_resume_point(key);
    forget_resume_point(by_content);
  } else {
    save(result.sentence);
  }
  loop.terminal.reset();
  if (screen && result.end == PlayEnd::Stopped) {
    std::fprintf(stderr, "narrate: stopped at sentence %zu of %zu (--resume continues there)\n",
                 result.sentence + 1, result.sentences);
  }
  if (options.stats) {
    std::fprintf(stderr, "narrate: played to sentence %zu of %zu, voice %s, %lld underruns\n",
                 result.sentence + 1, result.sentences, result.voice.c_str(),
                 static_cast<long long>(result.underruns));
  }
  return 0;
}

}  // namespace narrate::cli
