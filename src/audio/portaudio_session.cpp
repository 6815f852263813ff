// audio/portaudio_session.cpp - a counted hold on PortAudio (Pa_Initialize / Pa_Terminate)
#include "audio/portaudio_session.hpp"

#include <alsa/asoundlib.h>
#include <dlfcn.h>
#include <portaudio.h>

#include <mutex>
#include <string>

#include "narrate/error.hpp"

namespace narrate::audio {

namespace {

std::mutex g_mutex;
int g_count = 0;  // guarded by g_mutex

// ALSA reports every device it probes and cannot open (surround51, hdmi, jack, ...) straight to
// stderr while PortAudio enumerates them; the library must not print, and PortAudio turns the
// failures that matter into error codes anyway.
void quiet_alsa_errors(const char*, int, const char*, int, const char*, ...) {}

void quiet_jack_message(const char*) {}

/// PortAudio's JACK host API makes libjack print "Cannot connect to server socket" and more when
/// no JACK server runs (the usual case). libjack is only there as PortAudio's own dependency, so
/// its setters are looked up at run time rather than linked: without libjack there is nothing
/// to silence.
void quiet_jack() {
  using Setter = void (*)(void (*)(const char*));
  for (const char* name : {"jack_set_error_function", "jack_set_info_function"}) {
    if (void* symbol = ::dlsym(RTLD_DEFAULT, name)) {
      reinterpret_cast<Setter>(symbol)(&quiet_jack_message);
    }
  }
}

}  // namespace

PortAudioSession::PortAudioSession() {
  std::lock_guard lock(g_mutex);
  if (g_count == 0) {
    snd_lib_error_set_handler(&quiet_alsa_errors);
    quiet_jack();
    const PaError error = Pa_Initialize();
    if (error != paNoError) {
      snd_lib_error_set_handler(nullptr);
      throw Error(ErrorCode::Output,
                  std::string("cannot initialise audio output: ") + Pa_GetErrorText(error));
    }
  }
  ++g_count;
}

PortAudioSession::PortAudioSession(const PortAudioSession&) {
  std::lock_guard lock(g_mutex);
  ++g_count;  // PortAudio is already up: the copied-from session holds it
}

PortAudioSession::~PortAudioSession() {
  std::lock_guard lock(g_mutex);
  if (--g_count == 0) {
    Pa_Terminate();
    snd_lib_error_set_handler(nullptr);
  }
}

int PortAudioSession::active_count() noexcept {
  std::lock_guard lock(g_mutex);
  return g_count;
}

}  // namespace narrate::audio
