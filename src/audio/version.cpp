// audio/version.cpp - versions of the audio libraries in use
#include "audio/version.hpp"

#include <portaudio.h>
#include <sndfile.h>

namespace narrate::audio {

std::string library_versions() {
  // Both calls only read static strings: neither library needs initialising for them.
  return std::string(Pa_GetVersionText()) + ", " + sf_version_string();
}

}  // namespace narrate::audio
