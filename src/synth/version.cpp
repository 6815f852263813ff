// synth/version.cpp - the version of the eSpeak NG library in use
#include "synth/version.hpp"

#include <espeak-ng/speak_lib.h>

namespace narrate::synth {

std::string engine_version() {
  // espeak_Info only reads a static version string when given a null path.
  const char* version = espeak_Info(nullptr);
  return std::string("eSpeak NG ") + (version != nullptr ? version : "?");
}

}  // namespace narrate::synth
