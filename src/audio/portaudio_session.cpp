// audio/portaudio_session.cpp - a counted hold on PortAudio (Pa_Initialize / Pa_Terminate)
#include "audio/portaudio_session.hpp"

#include <alsa/asoundlib.h>
#include <dlfcn.h>
#include <portaudio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

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

// PortAudio's ALSA host API reports each failed ALSA call with PaUtil_DebugPrint, which writes
// "Expression '...' failed in 'src/hostapi/alsa/pa_linux_alsa.c', line: N" to stderr (when a
// sound server goes away mid-stream, say); the hook that would redirect it,
// PaUtil_SetDebugPrintFunction, is not exported by Debian's libportaudio. The failures come back
// as error codes anyway, so while PortAudio is up, stderr passes everything but those lines.
ssize_t write_unless_portaudio_debug(void*, const char* data, std::size_t size) {
  const std::string_view text(data, size);
  if (text.rfind("Expression '", 0) == 0 && text.find("' failed in '") != std::string_view::npos) {
    return static_cast<ssize_t>(size);
  }
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(STDERR_FILENO, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return done > 0 ? static_cast<ssize_t>(done) : -1;
    done += static_cast<std::size_t>(n);
  }
  return static_cast<ssize_t>(size);
}

FILE* g_plain_stderr = nullptr;     // guarded by g_mutex
FILE* g_filtered_stderr = nullptr;  // guarded by g_mutex; kept once made (a thread may hold it)

void filter_stderr() noexcept {
  if (g_filtered_stderr == nullptr) {
    g_filtered_stderr =
        ::fopencookie(nullptr, "w", {nullptr, &write_unless_portaudio_debug, nullptr, nullptr});
    if (g_filtered_stderr == nullptr) return;
    std::setvbuf(g_filtered_stderr, nullptr, _IONBF, 0);  // one write per message, in order
  }
  std::fflush(stderr);
  g_plain_stderr = stderr;
  stderr = g_filtered_stderr;
}

void unfilter_stderr() noexcept {
  if (g_plain_stderr == nullptr) return;
  stderr = g_plain_stderr;
  g_plain_stderr = nullptr;
}

// The PCM names a configuration subtree may refer to: every string in it, cut at ':' so
// "upmix:CARD=0" counts as "upmix", except the values of "type" (a plugin type such as "pulse"
// names a plugin library, not the PCM definition of that name).
void collect_strings(snd_config_t* node, std::set<std::string>& out) {
  if (snd_config_get_type(node) == SND_CONFIG_TYPE_COMPOUND) {
    snd_config_iterator_t it;
    snd_config_iterator_t next;
    snd_config_for_each(it, next, node) { collect_strings(snd_config_iterator_entry(it), out); }
    return;
  }
  const char* id = nullptr;
  if (snd_config_get_id(node, &id) >= 0 && id != nullptr && std::string_view(id) == "type") return;
  const char* text = nullptr;
  if (snd_config_get_type(node) == SND_CONFIG_TYPE_STRING &&
      snd_config_get_string(node, &text) >= 0 && text != nullptr) {
    const std::string value = text;
    out.insert(value.substr(0, value.find(':')));
  }
}

/// Pa_Initialize opens every PCM the ALSA configuration defines, for playback and for capture, to
/// list it. Three definitions from libasound2-plugins dominate that cost: "a52" (the AC-3 encoder
/// for S/PDIF, which loads libavcodec: about 40 ms), "jack" (about 9 ms, then fails without a
/// JACK server) and "pulse" (two connections to the sound server, 5-15 ms; the default PCM
/// reaches PulseAudio through its own "type pulse"). narrate plays only to the default device,
/// so it removes these from its own in-memory copy of the configuration - unless the default PCM
/// refers to them by name, and never on disk. NARRATE_ALSA_PROBE_ALL=1 keeps them.
void trim_alsa_probe_list() noexcept {
  if (const char* all = std::getenv("NARRATE_ALSA_PROBE_ALL"); all != nullptr && *all == '1') {
    return;
  }
  snd_lib_error_set_handler(&quiet_alsa_errors);
  if (snd_config_update() < 0 || snd_config == nullptr) return;
  snd_config_t* pcm = nullptr;
  if (snd_config_search(snd_config, "pcm", &pcm) < 0) return;
  std::set<std::string> used;
  snd_config_t* default_pcm = nullptr;
  if (snd_config_search(pcm, "default", &default_pcm) >= 0) collect_strings(default_pcm, used);
  for (const char* name : {"a52", "jack", "pulse"}) {
    snd_config_t* node = nullptr;
    if (used.count(name) == 0 && snd_config_search(pcm, name, &node) >= 0) {
      snd_config_delete(node);
    }
  }
}

}  // namespace

void PortAudioSession::prepare_host() noexcept {
  static std::once_flag once;
  std::call_once(once, [] { trim_alsa_probe_list(); });
}

PortAudioSession::PortAudioSession() {
  prepare_host();
  std::lock_guard lock(g_mutex);
  if (g_count == 0) {
    snd_lib_error_set_handler(&quiet_alsa_errors);
    quiet_jack();
    filter_stderr();
    const PaError error = Pa_Initialize();
    if (error != paNoError) {
      unfilter_stderr();
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
    unfilter_stderr();
    snd_lib_error_set_handler(nullptr);
  }
}

int PortAudioSession::active_count() noexcept {
  std::lock_guard lock(g_mutex);
  return g_count;
}

}  // namespace narrate::audio
