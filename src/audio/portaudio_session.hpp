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
};

}  // namespace narrate::audio
