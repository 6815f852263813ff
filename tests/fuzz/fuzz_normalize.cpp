// fuzz/fuzz_normalize.cpp - the spoken form of any sentence, with a small lexicon
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz_common.hpp"
#include "text/lexicon.hpp"
#include "text/normalize.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace narrate;
  static const std::shared_ptr<const text::Lexicon> lexicon = std::make_shared<text::Lexicon>(
      text::Lexicon::parse("NATO = nay toe\nXinjiang = shin jyahng\ngif = jif\n"
                           "Qatar = [[k'VtA@]]\nNew York Times = the times\n",
                           "fuzz"));
  const fuzz::Split in = fuzz::split_first(data, size);
  const std::string sentence = fuzz::valid_utf8(in.rest);
  static const char* const kLanguages[] = {"en", "en-US", "en-GB", "de", "fr", "es"};
  text::NormalizeOptions options;
  options.language = kLanguages[in.choice % 6];
  if (in.choice & 0x40) options.lexicon = lexicon;
  options.phoneme_input = (in.choice & 0x80) != 0;
  const text::SpokenText spoken = text::normalize(sentence, options);
  (void)spoken;
  return 0;
}
