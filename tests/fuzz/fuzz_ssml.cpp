// fuzz/fuzz_ssml.cpp - SSML: the parser, the blocks --ssml makes of it (prosody, marks), and the
// plan that gives each mark to its sentence
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "narrate/error.hpp"
#include "narrate/narrate.hpp"
#include "pipeline/render.hpp"
#include "text/ssml.hpp"

namespace {

/// A file of this process's own to hand the bytes to read_speech_text() (it reads a source).
const std::string& scratch_path() {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/narrate-fuzz-ssml-" +
           std::to_string(::getpid()) + ".ssml";
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace narrate;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const text::SsmlDocument parsed = text::parse_ssml(bytes);
  text::ssml_plain_text(parsed);

  std::FILE* file = std::fopen(scratch_path().c_str(), "wb");
  if (file == nullptr) return 0;
  std::fwrite(data, 1, size, file);
  std::fclose(file);
  try {
    const Document document = read_speech_text(scratch_path(), {}, /*ssml=*/true);
    for (const Block& block : document.blocks) {
      std::size_t last = 0;
      for (const BlockMark& mark : block.marks) {
        if (mark.offset > block.text.size() || mark.offset < last) std::abort();
        last = mark.offset;
      }
    }
    std::size_t marks = 0;
    for (const Block& block : document.blocks) marks += block.marks.size();
    std::size_t planned = 0;
    const std::vector<pipeline::Utterance> plan = pipeline::plan_utterances(document);
    for (const pipeline::Utterance& utterance : plan) planned += utterance.marks.size();
    // Every mark is heard somewhere, once.
    if (!plan.empty() && planned != marks) std::abort();
  } catch (const Error&) {
    // Nothing to speak, or an unreadable source: refused with a message.
  }
  std::remove(scratch_path().c_str());
  return 0;
}
