// tools/extract_bench.cpp - prints the extracted article of a page, or times extraction over pages
#include <gumbo.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "extract/extract.hpp"
#include "input/load.hpp"
#include "narrate/error.hpp"

namespace {

constexpr const char* kUsage =
    "usage: extract_bench --body PAGE.html       print the body as `narrate --extract=body` does\n"
    "       extract_bench --doc PAGE             print title, byline, language and typed blocks\n"
    "                                            (HTML or copied text, sniffed as narrate does)\n"
    "       extract_bench --time [--repeat N] PAGE.html...\n"
    "                                            time extract_html per page (median of N runs,\n"
    "                                            default 5; CPU and wall time) against\n"
    "                                            gumbo's bare parse of the same page, and\n"
    "                                            peak memory\n";

// Reads and decodes a page exactly as narrate's input stage does (charset from BOM, <meta> or a
// guess); force is Html for benchmark pages, Unknown to sniff.
std::optional<narrate::Input> load_page(const std::string& path, narrate::MediaType force) {
  narrate::input::LoadOptions options;
  options.force = force;
  try {
    return narrate::input::load(path, options);
  } catch (const narrate::Error& error) {
    std::cerr << "extract_bench: " << error.what() << '\n';
    return std::nullopt;
  }
}

int print_body(const std::string& path, bool with_metadata) {
  const std::optional<narrate::Input> input =
      load_page(path, with_metadata ? narrate::MediaType::Unknown : narrate::MediaType::Html);
  if (!input) return 3;
  const narrate::Document doc = narrate::extract::extract_article(*input);
  if (with_metadata) {
    std::cout << "title: " << doc.title << "\nbyline: " << doc.byline
              << "\nlanguage: " << doc.language << "\n\n";
  }
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    if (i > 0) std::cout << '\n';
    if (with_metadata) std::cout << '[' << narrate::block_kind_name(doc.blocks[i].kind) << "] ";
    std::cout << doc.blocks[i].text << '\n';
  }
  return 0;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto at = static_cast<std::size_t>(p * double(values.size() - 1) + 0.5);
  return values[std::min(at, values.size() - 1)];
}

double cpu_ms_now() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Wall-clock and CPU milliseconds of one call. CPU time is the figure to compare across runs on
// a shared machine: wall time there counts other processes' turns too.
struct Cost {
  double wall_ms = 0;
  double cpu_ms = 0;
};

template <typename Fn>
Cost median_cost(int repeat, Fn&& fn) {
  std::vector<double> wall;
  std::vector<double> cpu;
  for (int r = 0; r < repeat; ++r) {
    const double cpu_start = cpu_ms_now();
    const auto start = std::chrono::steady_clock::now();
    fn();
    wall.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    cpu.push_back(cpu_ms_now() - cpu_start);
  }
  return {percentile(wall, 0.5), percentile(cpu, 0.5)};
}

void print_costs(const char* name, const std::vector<Cost>& costs) {
  std::vector<double> wall;
  std::vector<double> cpu;
  for (const Cost& c : costs) {
    wall.push_back(c.wall_ms);
    cpu.push_back(c.cpu_ms);
  }
  std::printf(
      "%-12s ms/page  cpu: median %.2f p90 %.2f max %.2f   wall: median %.2f p90 %.2f "
      "max %.2f\n",
      name, percentile(cpu, 0.5), percentile(cpu, 0.9), percentile(cpu, 1.0), percentile(wall, 0.5),
      percentile(wall, 0.9), percentile(wall, 1.0));
}

int time_pages(const std::vector<std::string>& paths, int repeat) {
  std::vector<Cost> extract_costs;
  std::vector<Cost> parse_costs;
  std::size_t sink = 0;
  for (const std::string& path : paths) {
    const std::optional<narrate::Input> input = load_page(path, narrate::MediaType::Html);
    if (!input) return 3;
    const std::string& text = input->text;
    extract_costs.push_back(
        median_cost(repeat, [&] { sink += narrate::extract::extract_html(text).blocks.size(); }));
    // The peer: gumbo's own parse of the untouched page, the floor for any gumbo extractor.
    parse_costs.push_back(median_cost(repeat, [&] {
      GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, text.data(), text.size());
      sink += out->root != nullptr;
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    }));
  }
  std::printf("pages: %zu (median of %d runs each)\n", paths.size(), repeat);
  print_costs("extract_html", extract_costs);
  print_costs("gumbo_parse", parse_costs);
  std::vector<double> ratios;
  for (std::size_t i = 0; i < extract_costs.size(); ++i) {
    if (parse_costs[i].cpu_ms > 0) {
      ratios.push_back(extract_costs[i].cpu_ms / parse_costs[i].cpu_ms);
    }
  }
  std::printf("ratio extract/parse (cpu, median over pages): %.2f\n", percentile(ratios, 0.5));
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak resident: %ld MB\n", usage.ru_maxrss / 1024);
  return sink == static_cast<std::size_t>(-1) ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 2 && args[0] == "--body") return print_body(args[1], false);
  if (args.size() == 2 && args[0] == "--doc") return print_body(args[1], true);
  if (!args.empty() && args[0] == "--time") {
    int repeat = 5;
    std::size_t first = 1;
    if (args.size() > 2 && args[1] == "--repeat") {
      repeat = std::max(1, std::atoi(args[2].c_str()));
      first = 3;
    }
    const std::vector<std::string> paths(args.begin() + long(first), args.end());
    if (!paths.empty()) return time_pages(paths, repeat);
  }
  std::cerr << kUsage;
  return 2;
}
