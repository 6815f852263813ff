// fuzz/fuzz_manifest.cpp - batch lists: JSON-lines manifests and plain lists of sources, and the
// output names made of them
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "batch_list.hpp"
#include "narrate/error.hpp"

namespace {

std::string scratch_path(const char* extension) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/narrate-fuzz-list-" +
         std::to_string(::getpid()) + extension;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace narrate;
  // The first byte picks how the list is named: a manifest by its extension, or by content.
  const std::string path = scratch_path(size > 0 && (data[0] & 1) ? ".jsonl" : ".txt");
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return 0;
  if (size > 1) std::fwrite(data + 1, 1, size - 1, file);
  std::fclose(file);
  try {
    std::set<std::string> names;
    for (const cli::BatchItem& item : cli::read_batch_list(path, "wav")) {
      if (!item.error.empty()) continue;
      // Names stay inside the output folder and never meet.
      if (item.output.empty() || item.output.front() == '/' || !names.insert(item.output).second)
        std::abort();
      std::size_t start = 0;
      while (start <= item.output.size()) {
        std::size_t end = item.output.find('/', start);
        if (end == std::string::npos) end = item.output.size();
        const std::string part = item.output.substr(start, end - start);
        if (part.empty() || part == "." || part == "..") std::abort();
        start = end + 1;
      }
    }
  } catch (const Error&) {
    // An empty list or none at all: refused with a message.
  }
  std::remove(path.c_str());
  try {
    cli::parse_shard(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const Error&) {
  }
  return 0;
}
