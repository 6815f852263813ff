// tools/extract_bench.cpp - prints the extracted article of a page, or times extraction over pages
#include <gumbo.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extract.hpp"

namespace {

constexpr const char* kUsage =
    "usage: extract_bench --body PAGE.html       print the body as `narrate --extract=body` does\n"
    "       extract_bench --doc PAGE.html|.txt   print title, byline, language and typed blocks\n"
    "       extract_bench --time [--repeat N] PAGE.html...\n"
    "                                            time extract_html per page (median of N runs,\n"
    "                                            default 5) against gumbo's bare parse\n";

bool read_all(const char* path, std::string& out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::ostringstream buffer;
  buffer << file.rdbuf();
  out = buffer.str();
  return true;
}

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// The tool stands in for narrate's input stage: pages that are not UTF-8 are read as the
// charset their <meta> declares, else windows-1252.
std::string to_utf8(const std::string& bytes) {
  if (valid_utf8(bytes)) return bytes;
  std::string charset = "windows-1252";
  const std::string head = bytes.substr(0, 4096);
  const std::size_t at = head.find("charset=");
  if (at != std::string::npos) {
    std::size_t b = at + 8;
    while (b < head.size() && (head[b] == '"' || head[b] == '\'')) ++b;
    std::size_t e = b;
    while (e < head.size() && (std::isalnum(static_cast<unsigned char>(head[e])) ||
                               head[e] == '-' || head[e] == '_')) {
      ++e;
    }
    if (e > b) charset = head.substr(b, e - b);
  }
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 3 + 16, '\0');
  const int32_t n = ucnv_convert("UTF-8", charset.c_str(), out.data(),
                                 static_cast<int32_t>(out.size()), bytes.data(),
                                 static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) {
    status = U_ZERO_ERROR;
    const int32_t m = ucnv_convert("UTF-8", "windows-1252", out.data(),
                                   static_cast<int32_t>(out.size()), bytes.data(),
                                   static_cast<int32_t>(bytes.size()), &status);
    if (U_FAILURE(status)) return bytes;
    out.resize(static_cast<std::size_t>(m));
    return out;
  }
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool is_html_path(const std::string& path) {
  return path.ends_with(".html") || path.ends_with(".htm");
}

int print_body(const char* path, bool with_metadata) {
  std::string bytes;
  if (!read_all(path, bytes)) {
    std::cerr << "extract_bench: cannot read '" << path << "'\n";
    return 3;
  }
  const std::string text = to_utf8(bytes);
  const narrate::Document doc = is_html_path(path) || !with_metadata
                                    ? narrate::extract::extract_html(text)
                                    : narrate::extract::clean_copied_text(text);
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

template <typename Fn>
double median_ms(int repeat, Fn&& fn) {
  std::vector<double> runs;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    runs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                             start).count());
  }
  return percentile(runs, 0.5);
}

int time_pages(const std::vector<std::string>& paths, int repeat) {
  std::vector<double> extract_ms;
  std::vector<double> parse_ms;
  std::size_t sink = 0;
  for (const std::string& path : paths) {
    std::string bytes;
    if (!read_all(path.c_str(), bytes)) {
      std::cerr << "extract_bench: cannot read '" << path << "'\n";
      return 3;
    }
    const std::string text = to_utf8(bytes);
    extract_ms.push_back(median_ms(repeat, [&] {
      sink += narrate::extract::extract_html(text).blocks.size();
    }));
    // The peer: gumbo's own parse of the untouched page, the floor for any gumbo extractor.
    parse_ms.push_back(median_ms(repeat, [&] {
      GumboOutput* out = gumbo_parse(text.c_str());
      sink += out->root != nullptr;
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    }));
  }
  const double median_extract = percentile(extract_ms, 0.5);
  const double median_parse = percentile(parse_ms, 0.5);
  std::printf("pages: %zu (median of %d runs each)\n", paths.size(), repeat);
  std::printf("extract_html  ms/page: median %.2f  p90 %.2f  max %.2f\n", median_extract,
              percentile(extract_ms, 0.9), percentile(extract_ms, 1.0));
  std::printf("gumbo_parse   ms/page: median %.2f  p90 %.2f  max %.2f\n", median_parse,
              percentile(parse_ms, 0.9), percentile(parse_ms, 1.0));
  std::printf("ratio extract/parse (medians): %.2f\n",
              median_parse > 0 ? median_extract / median_parse : 0.0);
  return sink == static_cast<std::size_t>(-1) ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 2 && args[0] == "--body") return print_body(args[1].c_str(), false);
  if (args.size() == 2 && args[0] == "--doc") return print_body(args[1].c_str(), true);
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
