// fuzz/fuzz_lexicon.cpp - lexicon parsing, and matching what was parsed
#include <cstdint>
#include <string>

#include "narrate/error.hpp"
#include "text/lexicon.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace narrate;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const text::Lexicon lexicon = text::Lexicon::parse(bytes, "fuzz.txt");
    // Every written form must match itself where it stands.
    for (const text::Lexicon::Entry& entry : lexicon.entries()) {
      const std::string text = "x " + entry.written + " y";
      std::size_t length = 0;
      lexicon.match(text, 2, length, true);
    }
    std::size_t length = 0;
    lexicon.match(bytes, 0, length, true);
  } catch (const Error&) {
    // A malformed line is refused with "fuzz.txt:N: ...".
  }
  return 0;
}
