// fuzz/replay_main.cpp - runs a fuzz target over files, without libFuzzer: the seed corpora and
// every input that ever crashed a target (regressions/) replayed as an ordinary test
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

int run_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
    return 1;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return 0;
}

}  // namespace

// Usage: fuzz_NAME [FILE|DIR]...   (a directory: every regular file in it, not recursively)
int main(int argc, char** argv) {
  std::size_t files = 0;
  int failures = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      std::vector<std::filesystem::path> paths;
      for (const auto& entry : std::filesystem::directory_iterator(arg, ec)) {
        if (entry.is_regular_file()) paths.push_back(entry.path());
      }
      std::sort(paths.begin(), paths.end());
      for (const auto& path : paths) {
        failures += run_file(path);
        ++files;
      }
    } else if (std::filesystem::exists(arg, ec)) {
      failures += run_file(arg);
      ++files;
    }
  }
  // Also the empty input, which every target must take.
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(""), 0);
  std::printf("replay: %zu files, %d unreadable\n", files, failures);
  return failures == 0 ? 0 : 1;
}
