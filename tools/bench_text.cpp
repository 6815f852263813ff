// tools/bench_text.cpp - segmentation + normalization throughput, beside ICU's sentence iterator
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "text/normalize.hpp"
#include "text/segment.hpp"

namespace {

constexpr const char* kUsage =
    "usage: bench_text [--mb N] [--repeat N] [FILE...]\n"
    "  Times narrate's sentence segmentation and spoken-form normalization on FILEs (default:\n"
    "  samples/*.txt and /usr/share/common-licenses/GPL-3) repeated to N MB (default 24), split\n"
    "  into paragraphs at blank lines as the pipeline sees them, and ICU's sentence\n"
    "  BreakIterator on the same paragraphs. Reports MB/s of input (MB = 2^20 bytes) by the\n"
    "  thread's CPU time and by wall time, each the best of --repeat runs (default 3).\n";

bool read_all(const std::string& path, std::string& out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::ostringstream buffer;
  buffer << file.rdbuf();
  out = buffer.str();
  return true;
}

std::vector<std::string> default_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(NARRATE_SAMPLES_DIR)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".txt") && !name.ends_with(".sentences.txt"))
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  if (std::filesystem::exists("/usr/share/common-licenses/GPL-3"))
    files.push_back("/usr/share/common-licenses/GPL-3");
  return files;
}

// Paragraphs (blocks) of the text: the pieces between blank lines.
std::vector<std::string_view> paragraphs(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find("\n\n", begin);
    if (end == std::string_view::npos) end = text.size();
    if (end > begin) out.push_back(text.substr(begin, end - begin));
    begin = end + 2;
  }
  return out;
}

// CPU time of this thread: the machine may be busy with other work (builds, tests), and wall
// time would then measure the scheduler rather than the code.
double thread_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Timing {
  double cpu_s = 1e300;   ///< best thread CPU time
  double wall_s = 1e300;  ///< best wall-clock time
};

Timing best_of(int repeat, const std::function<void()>& run) {
  Timing best;
  for (int r = 0; r < repeat; ++r) {
    const double c0 = thread_seconds();
    const auto w0 = std::chrono::steady_clock::now();
    run();
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - w0;
    best.cpu_s = std::min(best.cpu_s, thread_seconds() - c0);
    best.wall_s = std::min(best.wall_s, wall.count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  double target_mb = 24;
  int repeat = 3;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--mb" && i + 1 < argc) {
      target_mb = std::atof(argv[++i]);
    } else if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg.starts_with("-")) {
      std::fputs(kUsage, stderr);
      return 2;
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) files = default_files();

  std::string unit;
  for (const std::string& path : files) {
    std::string text;
    if (!read_all(path, text)) {
      std::fprintf(stderr, "bench_text: cannot read '%s'\n", path.c_str());
      return 2;
    }
    unit += text;
    unit += "\n\n";
  }
  if (unit.size() <= 2) {
    std::fputs("bench_text: no input text\n", stderr);
    return 2;
  }
  std::string corpus;
  const auto target_bytes = static_cast<std::size_t>(target_mb * 1024 * 1024);
  corpus.reserve(target_bytes + unit.size());
  while (corpus.size() < target_bytes) corpus += unit;
  const std::vector<std::string_view> blocks = paragraphs(corpus);
  const double mb = static_cast<double>(corpus.size()) / (1024 * 1024);

  narrate::text::SegmentOptions seg_options;
  narrate::text::NormalizeOptions norm_options;

  // Segmentation alone; the sentences are kept for the normalization pass.
  std::vector<std::string_view> sentences;
  const Timing seg = best_of(repeat, [&] {
    sentences.clear();
    for (const std::string_view block : blocks)
      for (const narrate::text::Span s : narrate::text::split_sentences(block, seg_options))
        sentences.push_back(block.substr(s.begin, s.end - s.begin));
  });

  std::size_t spoken_bytes = 0;
  const Timing norm = best_of(repeat, [&] {
    spoken_bytes = 0;
    for (const std::string_view s : sentences)
      spoken_bytes += narrate::text::normalize(s, norm_options).text.size();
  });

  std::size_t both_sentences = 0;
  const Timing both = best_of(repeat, [&] {
    both_sentences = 0;
    for (const std::string_view block : blocks) {
      for (const narrate::text::Span s : narrate::text::split_sentences(block, seg_options)) {
        const auto spoken =
            narrate::text::normalize(block.substr(s.begin, s.end - s.begin), norm_options);
        both_sentences += !spoken.text.empty();
      }
    }
  });

  // The peer: ICU's sentence BreakIterator over the same paragraphs, read in place as UTF-8.
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator* bi = ubrk_open(UBRK_SENTENCE, "en_US", nullptr, 0, &status);
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "bench_text: ICU: %s\n", u_errorName(status));
    return 1;
  }
  std::size_t icu_sentences = 0;
  const Timing icu = best_of(repeat, [&] {
    icu_sentences = 0;
    UText* ut = nullptr;
    for (const std::string_view block : blocks) {
      UErrorCode st = U_ZERO_ERROR;
      ut = utext_openUTF8(ut, block.data(), static_cast<int64_t>(block.size()), &st);
      ubrk_setUText(bi, ut, &st);
      for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi)) ++icu_sentences;
      icu_sentences -= 1;  // boundaries, not sentences
    }
    utext_close(ut);
  });
  ubrk_close(bi);

  std::printf("input: %.1f MB (%zu paragraphs) from %zu file(s); best of %d runs\n", mb,
              blocks.size(), files.size(), repeat);
  std::printf("%-34s %10s %11s %10s\n", "", "MB/s (CPU)", "MB/s (wall)", "sentences");
  const auto row = [mb](const char* name, const Timing& t, std::size_t count) {
    std::printf("%-34s %10.1f %11.1f %10zu\n", name, mb / t.cpu_s, mb / t.wall_s, count);
  };
  row("narrate segment", seg, sentences.size());
  row("narrate normalize (per sentence)", norm, sentences.size());
  row("narrate segment + normalize", both, both_sentences);
  row("ICU BreakIterator (sentence)", icu, icu_sentences);
  std::printf("spoken text: %.1f MB; ratio to ICU (CPU): segment %.2f, segment + normalize %.2f\n",
              static_cast<double>(spoken_bytes) / (1024 * 1024), icu.cpu_s / seg.cpu_s,
              icu.cpu_s / both.cpu_s);
  std::printf("(CPU = this thread's CPU time, robust to other load; wall = elapsed time)\n");
  return 0;
}
