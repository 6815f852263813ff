// cli/clipboard.hpp - `narrate --clipboard`: the copied text, through wl-paste, xclip or xsel
#pragma once

#include <string>

namespace narrate::cli {

/// The clipboard's text: wl-paste under Wayland (WAYLAND_DISPLAY), xclip or xsel under X11
/// (DISPLAY), the first that works. Throws Error(SourceUnreadable) with one line saying what
/// was tried and what to install or do instead: no display, no tool installed, the clipboard
/// empty or holding no text.
std::string read_clipboard();

/// Makes `bytes` the process's standard input (an in-memory file), so that the source "-"
/// reads them. Throws Error(SourceUnreadable) when that cannot be done.
void replace_stdin(const std::string& bytes);

}  // namespace narrate::cli
