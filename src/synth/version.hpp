// synth/version.hpp - the version of the eSpeak NG library in use
#pragma once

#include <string>

namespace narrate::synth {

/// "eSpeak NG 1.51" (without initialising the engine).
std::string engine_version();

}  // namespace narrate::synth
