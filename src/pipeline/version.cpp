// pipeline/version.cpp - narrate's version and those of the libraries it runs on
#include "audio/version.hpp"
#include "narrate/narrate.hpp"
#include "synth/version.hpp"

namespace narrate {

const char* version() noexcept { return NARRATE_VERSION; }

std::string library_versions() {
  return synth::engine_version() + ", " + audio::library_versions();
}

}  // namespace narrate
