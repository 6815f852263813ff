// unit/extract/copied_samples_test.cpp - every copied-page sample is clean: no clutter read, no
// article line lost (the expectations are in copied_samples.txt)
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "extract/clutter.hpp"
#include "extract/extract.hpp"
#include "support/support.hpp"
#include "test_helpers.hpp"

namespace narrate::extract {
namespace {

struct SampleExpectations {
  std::string file;
  std::vector<std::string> present;
  std::vector<std::string> absent;
};

std::vector<SampleExpectations> load_expectations() {
  std::ifstream in(std::string(NARRATE_TESTS_DIR) + "/unit/extract/copied_samples.txt");
  std::vector<SampleExpectations> samples;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[' && line.back() == ']') {
      samples.push_back({line.substr(1, line.size() - 2), {}, {}});
    } else if (!samples.empty() && line.size() > 2 && (line[0] == '+' || line[0] == '-')) {
      (line[0] == '+' ? samples.back().present : samples.back().absent).push_back(line.substr(2));
    }
  }
  return samples;
}

TEST(CopiedSamples, EverySampleIsClean) {
  const std::vector<SampleExpectations> samples = load_expectations();
  ASSERT_GE(samples.size(), 12u) << "copied_samples.txt missing or short";
  for (const SampleExpectations& sample : samples) {
    SCOPED_TRACE(sample.file);
    const Document doc = clean_copied_text(test::read_file(test::sample(sample.file)));
    const std::string read = doc.title + "\n\n" + test::body_of(doc);
    for (const std::string& text : sample.present) {
      EXPECT_NE(read.find(text), std::string::npos) << "lost: " << text << "\n" << read;
    }
    for (const std::string& text : sample.absent) {
      EXPECT_EQ(read.find(text), std::string::npos) << "read: " << text << "\n" << read;
    }
    // And no block that is left is itself a clutter line.
    for (const Block& block : doc.blocks) {
      EXPECT_EQ(classify_line(block.text), Clutter::None) << block.text;
    }
  }
}

TEST(CopiedSamples, LanguagesAreFoundFromTheText) {
  const std::vector<std::pair<const char*, const char*>> expected = {
      {"copied-page-de-stadtwerke.txt", "de"}, {"copied-page-fr-tramway.txt", "fr"},
      {"copied-page-es-lluvias.txt", "es"},    {"copied-page-it-porto.txt", "it"},
      {"copied-page-pt-ponte.txt", "pt"},      {"copied-page-nl-fietspad.txt", "nl"},
      {"copied-page-zh-metro.txt", "zh"},      {"copied-page-en-library.txt", "en"}};
  for (const auto& [file, language] : expected) {
    EXPECT_EQ(clean_copied_text(test::read_file(test::sample(file))).language, language) << file;
  }
}

}  // namespace
}  // namespace narrate::extract
