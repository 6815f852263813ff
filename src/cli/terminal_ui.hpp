// cli/terminal_ui.hpp - the interactive screen: keys in raw mode, one redrawn status screen out
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "narrate/playback.hpp"

namespace narrate::cli {

/// Keys the player knows. Arrows come as escape sequences (ESC [ C or ESC O C).
enum class Key { Space, Left, Right, Up, Down, Plus, Minus, Repeat, Quit, Other };

/// Turns terminal input bytes into keys, keeping a sequence split across reads for the next.
class KeyDecoder {
 public:
  std::vector<Key> feed(std::string_view bytes);

 private:
  std::string pending_;
};

/// The command a key stands for: space pause/resume, left/right sentence, up/down paragraph,
/// +/- speed, r repeat, q quit (as Stop). Vi keys h/l/k/j work as the arrows.
std::optional<PlayRequest> request_for(Key key);

/// The terminal as the player's screen, for the object's lifetime: no echo, no line editing
/// (keys arrive at once; Ctrl-C still interrupts), the alternate screen, the cursor hidden.
/// Whatever way the process leaves - return, exception, SIGTERM, SIGHUP, SIGQUIT, a crash, a
/// second Ctrl-C - the terminal is put back as it was; Ctrl-Z puts it back while stopped and
/// takes it over again on fg. One at a time per process.
class TerminalSession {
 public:
  /// Takes over the terminal on in_fd/out_fd. Throws Error(Usage) when in_fd is no terminal.
  explicit TerminalSession(int in_fd = 0, int out_fd = 1);
  ~TerminalSession();
  TerminalSession(const TerminalSession&) = delete;
  TerminalSession& operator=(const TerminalSession&) = delete;

  /// Columns of the terminal (80 when it does not say).
  int width() const;
  /// True once after the terminal was resized or continued after Ctrl-Z: redraw everything.
  bool take_redraw() noexcept;
  /// Writes all of `text` (the screen) to out_fd.
  void write(std::string_view text) const;
};

/// What one screen shows.
struct Screen {
  std::string title;
  std::string sentence;        ///< as written
  std::size_t word_begin = 0;  ///< the word being heard, bytes in `sentence`
  std::size_t word_end = 0;    ///< == word_begin: no highlight
  PlayStatus status;
  std::string message;  ///< a passing notice ("fastest speed"), may be empty
};

/// The whole screen as terminal output: cursor home, each line cleared to its end, the rest of
/// the screen cleared. `highlight` uses reverse video for the word (else no attributes at all).
std::string render_screen(const Screen& screen, int width, bool highlight);

/// "1:05", "12:00", "1:02:03".
std::string clock_text(double seconds);

/// One line of progress for stderr without a screen: "[3/42] 0:12 / 1:40 1x · 200 WPM".
std::string progress_line(const PlayStatus& status);

}  // namespace narrate::cli
