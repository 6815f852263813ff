// audio/portaudio_session.hpp - a counted hold on PortAudio (Pa_Initialize / Pa_Terminate)
#pragma once

namespace narrate::audio {

/// While any PortAudioSession lives, PortAudio stays initialised; the first one initialises it
/// and the last one terminates it. Safe to create from several threads.
class PortAudioSession {
 public:
  /// Throws Error(Output) with PortAudio's message when Pa_Initialize fails.
  PortAudioSession();
  ~PortAudioSession();
  PortAudioSession(const PortAudioSession&);
  PortAudioSession& operator=(const PortAudioSession&) = delete;

  /// How many sessions hold PortAudio now (for tests).
  static int active_count() noexcept;

  /// Loads the ALSA configuration and leaves out of it the PCM definitions PortAudio would only
  /// probe in vain (see the .cpp). Runs once per process; the first session calls it too. Call it
  /// early on one thread before other threads may open ALSA devices (eSpeak's audio probe does),
  /// because it edits ALSA's process-wide configuration tree. Never throws.
  static void prepare_host() noexcept;
};

}  // namespace narrate::audio
