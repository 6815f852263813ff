// cli/terminal_ui.cpp - the interactive screen: keys in raw mode, one redrawn status screen out
#include "terminal_ui.hpp"

#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>

#include "narrate/error.hpp"
#include "narrate/narrate.hpp"

namespace narrate::cli {

namespace {

// The terminal state lives in globals because signal handlers must reach it; the handlers use
// only async-signal-safe calls (tcsetattr, write, sigaction, raise).
volatile std::sig_atomic_t g_active = 0;
volatile std::sig_atomic_t g_redraw = 0;
volatile std::sig_atomic_t g_interrupts = 0;
int g_in = 0;
int g_out = 1;
termios g_saved{};
termios g_raw{};

constexpr char kEnter[] = "\x1b[?1049h\x1b[?25l";  // alternate screen, cursor hidden
constexpr char kLeave[] = "\x1b[?25h\x1b[?1049l";
constexpr int kFatalSignals[] = {SIGTERM, SIGHUP, SIGQUIT, SIGSEGV,
                                 SIGBUS,  SIGFPE, SIGILL,  SIGABRT};
constexpr int kOtherSignals[] = {SIGINT, SIGTSTP, SIGCONT, SIGWINCH};
struct sigaction g_previous[NSIG];

void write_raw(int fd, const char* text, std::size_t size) noexcept {
  while (size > 0) {
    const ssize_t n = ::write(fd, text, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text += n;
    size -= static_cast<std::size_t>(n);
  }
}

void leave_terminal() noexcept {
  ::tcsetattr(g_in, TCSANOW, &g_saved);
  write_raw(g_out, kLeave, sizeof kLeave - 1);
}

void enter_terminal() noexcept {
  ::tcsetattr(g_in, TCSANOW, &g_raw);
  write_raw(g_out, kEnter, sizeof kEnter - 1);
}

void set_handler(int signal, void (*handler)(int), int flags = SA_RESTART) noexcept {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = flags;
  ::sigaction(signal, &action, nullptr);
}

// Puts the terminal back and lets the signal do what it does by default (end the process).
void die_by(int signal) noexcept {
  if (g_active) leave_terminal();
  remove_partial_outputs();  // a resume point half-saved
  g_active = 0;
  set_handler(signal, SIG_DFL, 0);
  ::raise(signal);  // pending until the handler returns
}

extern "C" void on_fatal(int signal) {
  const int saved_errno = errno;
  die_by(signal);
  errno = saved_errno;
}

extern "C" void on_interrupt(int signal);

// The first Ctrl-C goes to whoever handled SIGINT before (the CLI's stop flag); a second one
// ends the process, as the CLI intends, but with the terminal put back first.
extern "C" void on_interrupt(int signal) {
  const int saved_errno = errno;
  const struct sigaction& before = g_previous[SIGINT];
  const bool first = g_interrupts == 0;
  g_interrupts = 1;
  if (first && before.sa_handler != SIG_DFL && !(before.sa_flags & SA_SIGINFO)) {
    if (before.sa_handler != SIG_IGN) before.sa_handler(signal);
    set_handler(SIGINT, &on_interrupt);  // the CLI's handler resets itself to the default
  } else if (before.sa_handler != SIG_IGN) {
    die_by(signal);
  }
  errno = saved_errno;
}

extern "C" void on_stop(int) {
  const int saved_errno = errno;
  if (g_active) leave_terminal();
  set_handler(SIGTSTP, SIG_DFL, 0);
  ::raise(SIGTSTP);
  errno = saved_errno;
}

extern "C" void on_continue(int) {
  const int saved_errno = errno;
  if (g_active) enter_terminal();
  set_handler(SIGTSTP, &on_stop);
  g_redraw = 1;
  errno = saved_errno;
}

extern "C" void on_resize(int) { g_redraw = 1; }

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// The longest prefix of `text` that fits `columns`, cut at a character boundary.
std::string_view fit(std::string_view text, std::size_t columns) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (seen++ == columns) return text.substr(0, i);
  }
  return text;
}

// Byte ranges of `text` wrapped at spaces into lines of at most `columns` characters.
std::vector<std::pair<std::size_t, std::size_t>> wrap(std::string_view text, std::size_t columns) {
  std::vector<std::pair<std::size_t, std::size_t>> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    while (start < text.size() && text[start] == ' ') ++start;
    if (start >= text.size()) break;
    const std::string_view rest = text.substr(start);
    if (display_width(rest) <= columns) {
      lines.emplace_back(start, text.size());
      break;
    }
    const std::size_t cut = fit(rest, columns).size();
    std::size_t end = rest.rfind(' ', cut);
    if (end == std::string_view::npos || end == 0) end = cut;  // a word longer than a line
    lines.emplace_back(start, start + end);
    start += end;
  }
  return lines;
}

}  // namespace

std::vector<Key> KeyDecoder::feed(std::string_view bytes) {
  pending_.append(bytes);
  std::vector<Key> keys;
  std::size_t i = 0;
  while (i < pending_.size()) {
    const char c = pending_[i];
    if (c == '\x1b') {
      if (i + 1 >= pending_.size()) break;  // the rest of the sequence may still come
      const char kind = pending_[i + 1];
      if (kind != '[' && kind != 'O') {
        keys.push_back(Key::Other);
        i += 1;
        continue;
      }
      // CSI / SS3: parameters, then a final byte in 0x40..0x7e.
      std::size_t j = i + 2;
      while (j < pending_.size() && (pending_[j] < 0x40 || pending_[j] > 0x7e)) ++j;
      if (j >= pending_.size()) break;
      switch (pending_[j]) {
        case 'A':
          keys.push_back(Key::Up);
          break;
        case 'B':
          keys.push_back(Key::Down);
          break;
        case 'C':
          keys.push_back(Key::Right);
          break;
        case 'D':
          keys.push_back(Key::Left);
          break;
        default:
          keys.push_back(Key::Other);
          break;
      }
      i = j + 1;
      continue;
    }
    switch (c) {
      case ' ':
      case 'p':
        keys.push_back(Key::Space);
        break;
      case '+':
      case '=':
        keys.push_back(Key::Plus);
        break;
      case '-':
      case '_':
        keys.push_back(Key::Minus);
        break;
      case 'r':
      case 'R':
        keys.push_back(Key::Repeat);
        break;
      case 'q':
      case 'Q':
        keys.push_back(Key::Quit);
        break;
      case 'h':
        keys.push_back(Key::Left);
        break;
      case 'l':
        keys.push_back(Key::Right);
        break;
      case 'k':
        keys.push_back(Key::Up);
        break;
      case 'j':
        keys.push_back(Key::Down);
        break;
      default:
        keys.push_back(Key::Other);
        break;
    }
    ++i;
  }
  pending_.erase(0, i);
  return keys;
}

std::optional<PlayRequest> request_for(Key key) {
  switch (key) {
    case Key::Space:
      return PlayRequest{PlayCommand::TogglePause};
    case Key::Left:
      return PlayRequest{PlayCommand::Previous};
    case Key::Right:
      return PlayRequest{PlayCommand::Next};
    case Key::Up:
      return PlayRequest{PlayCommand::PreviousParagraph};
    case Key::Down:
      return PlayRequest{PlayCommand::NextParagraph};
    case Key::Plus:
      return PlayRequest{PlayCommand::Faster};
    case Key::Minus:
      return PlayRequest{PlayCommand::Slower};
    case Key::Repeat:
      return PlayRequest{PlayCommand::Repeat};
    case Key::Quit:
      return PlayRequest{PlayCommand::Stop};
    case Key::Other:
      break;
  }
  return std::nullopt;
}

TerminalSession::TerminalSession(int in_fd, int out_fd) {
  if (g_active) throw Error(ErrorCode::Usage, "the terminal is already in use");
  termios saved{};
  if (::tcgetattr(in_fd, &saved) != 0)
    throw Error(ErrorCode::Usage, "standard input is no terminal");
  g_in = in_fd;
  g_out = out_fd;
  g_saved = saved;
  g_raw = saved;
  // Keys at once and unechoed; ISIG stays, so Ctrl-C, Ctrl-\ and Ctrl-Z still send signals.
  g_raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | IEXTEN);
  g_raw.c_iflag &= ~static_cast<tcflag_t>(IXON);
  g_raw.c_cc[VMIN] = 0;
  g_raw.c_cc[VTIME] = 0;
  g_interrupts = 0;
  g_redraw = 1;
  for (const int signal : kFatalSignals) ::sigaction(signal, nullptr, &g_previous[signal]);
  for (const int signal : kOtherSignals) ::sigaction(signal, nullptr, &g_previous[signal]);
  g_active = 1;
  for (const int signal : kFatalSignals) {
    // A signal the process ignores (SIGHUP under nohup) stays ignored.
    if (g_previous[signal].sa_handler != SIG_IGN) set_handler(signal, &on_fatal, SA_RESETHAND);
  }
  set_handler(SIGINT, &on_interrupt);
  set_handler(SIGTSTP, &on_stop);
  set_handler(SIGCONT, &on_continue);
  set_handler(SIGWINCH, &on_resize);
  enter_terminal();
}

TerminalSession::~TerminalSession() {
  leave_terminal();
  g_active = 0;
  for (const int signal : kFatalSignals) ::sigaction(signal, &g_previous[signal], nullptr);
  for (const int signal : {SIGTSTP, SIGCONT, SIGWINCH}) {
    ::sigaction(signal, &g_previous[signal], nullptr);
  }
  // After a Ctrl-C the CLI's handler has made itself the default; keep it that way.
  if (g_interrupts > 0) {
    set_handler(SIGINT, SIG_DFL, 0);
  } else {
    ::sigaction(SIGINT, &g_previous[SIGINT], nullptr);
  }
}

int TerminalSession::width() const {
  winsize size{};
  if (::ioctl(g_out, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

bool TerminalSession::take_redraw() noexcept {
  if (!g_redraw) return false;
  g_redraw = 0;
  return true;
}

void TerminalSession::write(std::string_view text) const {
  write_raw(g_out, text.data(), text.size());
}

std::string clock_text(double seconds) {
  const long total = seconds > 0 ? static_cast<long>(seconds + 0.5) : 0;
  char buffer[32];
  if (total >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60,
                  total % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld", total / 60, total % 60);
  }
  return buffer;
}

std::string render_screen(const Screen& screen, int width, bool highlight) {
  const auto columns = static_cast<std::size_t>(std::max(width, 20));
  const PlayStatus& status = screen.status;
  std::vector<std::string> lines;
  const std::string bold = highlight ? "\x1b[1m" : "";
  const std::string plain = highlight ? "\x1b[0m" : "";
  lines.push_back(bold + std::string(fit("narrate \xC2\xB7 " + screen.title, columns)) + plain);
  lines.emplace_back();

  // The sentence, wrapped; a long one shows a window of lines around the word.
  constexpr std::size_t kSentenceLines = 8;
  const std::string_view text = screen.sentence;
  const auto wrapped = wrap(text, columns - 2);
  std::size_t first = 0;
  if (wrapped.size() > kSentenceLines) {
    std::size_t at = 0;
    while (at + 1 < wrapped.size() && wrapped[at].second <= screen.word_begin) ++at;
    first = std::min(at > 2 ? at - 2 : 0, wrapped.size() - kSentenceLines);
  }
  for (std::size_t l = first; l < wrapped.size() && l < first + kSentenceLines; ++l) {
    const auto [begin, end] = wrapped[l];
    std::string line = "  ";
    const std::size_t mark_begin = std::clamp(screen.word_begin, begin, end);
    const std::size_t mark_end = std::clamp(screen.word_end, begin, end);
    if (highlight && mark_end > mark_begin) {
      line.append(text.substr(begin, mark_begin - begin));
      line += "\x1b[7m";
      line.append(text.substr(mark_begin, mark_end - mark_begin));
      line += "\x1b[27m";
      line.append(text.substr(mark_end, end - mark_end));
    } else {
      line.append(text.substr(begin, end - begin));
    }
    lines.push_back(std::move(line));
  }
  lines.emplace_back();

  const std::string where = "Sentence " + std::to_string(status.sentence + 1) + " of " +
                            std::to_string(status.sentences) + " \xC2\xB7 paragraph " +
                            std::to_string(status.paragraph + 1) + " of " +
                            std::to_string(status.paragraphs);
  const std::string speed = Speed{status.wpm}.describe();
  const std::size_t gap = display_width(where) + display_width(speed) + 2 <= columns
                              ? columns - display_width(where) - display_width(speed)
                              : 2;
  lines.push_back(std::string(fit(where + std::string(gap, ' ') + speed, columns)));

  const std::string times = " " + clock_text(status.elapsed_seconds) + " / " +
                            clock_text(status.total_seconds) + "  -" +
                            clock_text(status.total_seconds - status.elapsed_seconds);
  const std::size_t bar =
      columns > display_width(times) + 12 ? columns - display_width(times) - 2 : 10;
  const double fraction = status.total_seconds > 0
                              ? std::clamp(status.elapsed_seconds / status.total_seconds, 0.0, 1.0)
                              : 0.0;
  const auto filled = static_cast<std::size_t>(fraction * double(bar) + 0.5);
  lines.push_back(std::string(
      fit("[" + std::string(filled, '#') + std::string(bar - filled, '-') + "]" + times, columns)));
  lines.emplace_back();

  std::string state = status.paused    ? "Paused"
                      : status.waiting ? "Waiting for speech..."
                                       : "Playing";
  if (!screen.message.empty()) state += "  \xC2\xB7 " + screen.message;
  lines.push_back(std::string(fit(state, columns)));
  lines.push_back(
      std::string(fit("space pause  \xE2\x86\x90/\xE2\x86\x92 sentence  "
                      "\xE2\x86\x91/\xE2\x86\x93 paragraph  +/- speed  r repeat  q quit",
                      columns)));

  std::string out = "\x1b[H";
  for (const std::string& line : lines) out += line + "\x1b[K\n";
  out += "\x1b[J";
  return out;
}

std::string progress_line(const PlayStatus& status) {
  return "[" + std::to_string(status.sentence + 1) + "/" + std::to_string(status.sentences) + "] " +
         clock_text(status.elapsed_seconds) + " / " + clock_text(status.total_seconds) + " " +
         Speed{status.wpm}.describe() + (status.paused ? " (paused)" : "");
}

}  // namespace narrate::cli
