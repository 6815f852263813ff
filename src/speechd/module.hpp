// speechd/module.hpp - sd_narrate: narrate as a Speech Dispatcher output module
#pragma once

#include <string>

namespace narrate::speechd {

/// What the module's configuration file (passed by the server as argv[1]) may set.
struct ModuleConfig {
  /// "portaudio": narrate plays through its own PortAudio output (instant stop, its own
  /// latency); "server": audio goes back to Speech Dispatcher as 705 AUDIO blocks when the
  /// server offers that.
  std::string audio_output = "portaudio";
  std::string default_voice;  ///< NarrateVoice; empty: chosen from the language
  int debug = 0;              ///< Debug 1: log commands on standard error

  /// Reads "Name value" lines (dotconf syntax: # comments, quoted values); unknown names are
  /// ignored, as the stock modules do. A missing file gives the defaults. Never throws.
  static ModuleConfig load(const std::string& path);
};

/// Runs the module on standard input/output until QUIT or the server closes the pipe; returns
/// the process's exit status (0 after QUIT, 1 when the engine cannot start, 2 on a broken pipe,
/// 3 when the first command is not INIT, as Speech Dispatcher's own modules do).
int run_module(const ModuleConfig& config);

}  // namespace narrate::speechd
