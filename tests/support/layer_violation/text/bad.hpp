// support/layer_violation/text/bad.hpp - a text/ header that includes synth/: the layers check must
// fail
#pragma once

#include "synth/engine.hpp"
