// text/normalize.hpp - the spoken form of a sentence: what eSpeak NG is handed
#pragma once

#include <string>
#include <string_view>

namespace narrate::text {

struct NormalizeOptions {
  std::string language = "en";
};

/// Returns the text as it should be handed to the speech engine: typographic characters that
/// eSpeak misreads are mapped, runs of two dots collapsed, control characters removed, and
/// forms such as "1.25x" spelled the way a listener says them.
std::string spoken_form(std::string_view sentence, const NormalizeOptions& options = {});

}  // namespace narrate::text
