// tools/bench_micro.cpp - Google Benchmark micro-benchmarks: extraction, segmentation,
// normalization
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.hpp"
#include "text/normalize.hpp"
#include "text/segment.hpp"

namespace {

std::string read_sample(const std::string& name) {
  std::ifstream file(std::string(NARRATE_SAMPLES_DIR) + "/" + name, std::ios::binary);
  std::ostringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

// The project's own plain-text articles, paragraphs split at blank lines as the pipeline sees
// them.
const std::vector<std::string>& paragraphs() {
  static const std::vector<std::string> kParagraphs = [] {
    std::vector<std::string> out;
    for (const char* name : {"plain-lighthouse.txt", "copied-page-en-library.txt",
                             "copied-page-harbour.txt", "copied-page-valley-review.txt"}) {
      const std::string text = read_sample(name);
      std::size_t begin = 0;
      while (begin < text.size()) {
        std::size_t end = text.find("\n\n", begin);
        if (end == std::string::npos) end = text.size();
        if (end > begin) out.push_back(text.substr(begin, end - begin));
        begin = end + 2;
      }
    }
    return out;
  }();
  return kParagraphs;
}

std::int64_t bytes_of(const std::vector<std::string>& texts) {
  std::int64_t bytes = 0;
  for (const std::string& text : texts) bytes += static_cast<std::int64_t>(text.size());
  return bytes;
}

void BM_ExtractHtml(benchmark::State& state) {
  const std::string html = read_sample("news-science.html");
  for (auto _ : state) {
    benchmark::DoNotOptimize(narrate::extract::extract_html(html).blocks.size());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(html.size()));
}
BENCHMARK(BM_ExtractHtml);

void BM_Segment(benchmark::State& state) {
  const narrate::text::SegmentOptions options;
  for (auto _ : state) {
    std::size_t sentences = 0;
    for (const std::string& block : paragraphs()) {
      sentences += narrate::text::split_sentences(block, options).size();
    }
    benchmark::DoNotOptimize(sentences);
  }
  state.SetBytesProcessed(state.iterations() * bytes_of(paragraphs()));
}
BENCHMARK(BM_Segment);

void BM_Normalize(benchmark::State& state) {
  const narrate::text::NormalizeOptions options;
  std::vector<std::string> sentences;
  for (const std::string& block : paragraphs()) {
    for (const narrate::text::Span s : narrate::text::split_sentences(block, {})) {
      sentences.push_back(block.substr(s.begin, s.end - s.begin));
    }
  }
  for (auto _ : state) {
    std::size_t bytes = 0;
    for (const std::string& sentence : sentences) {
      bytes += narrate::text::normalize(sentence, options).text.size();
    }
    benchmark::DoNotOptimize(bytes);
  }
  state.SetBytesProcessed(state.iterations() * bytes_of(sentences));
}
BENCHMARK(BM_Normalize);

}  // namespace

BENCHMARK_MAIN();
