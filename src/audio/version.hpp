// audio/version.hpp - versions of the audio libraries in use
#pragma once

#include <string>

namespace narrate::audio {

/// "PortAudio V19.7.0-devel..., libsndfile-1.2.0"
std::string library_versions();

}  // namespace narrate::audio
