// text/spoken_espeak_test.cpp - spoken forms checked through eSpeak NG's own phonemes (espeak-ng
// -x)
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "support/support.hpp"
#include "text/lexicon.hpp"
#include "text/normalize.hpp"

namespace narrate::text {
namespace {

bool have_espeak() {
  static const bool found = test::run_shell("command -v espeak-ng").exit_code == 0;
  return found;
}

// What eSpeak NG says for `text`, as phoneme mnemonics on one line.
std::string phonemes(const std::string& text, const std::string& voice = "en-us") {
  const test::RunResult r =
      test::run_shell("espeak-ng -q -x -v " + voice + " " + test::shell_quote(text));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string out = r.out;
  for (char& c : out)
    if (c == '\n') c = ' ';
  return out;
}

struct Case {
  const char* written;
  const char* avoid;   ///< phonemes eSpeak says for the written form and must not say for ours
  const char* expect;  ///< phonemes ours must contain ("" for none)
};

// Each avoided fragment is checked against the written form too, so a case cannot pass only
// because eSpeak changed.
constexpr Case kCases[] = {
    {"It costs $5bn today.", "d'0l3 f'aIv", "b'Ili@n d'0l3z"},            // "dollar five"
    {"It cost \u20ac1.2 million.", "j'U@roUz w'Vn", "m'Ili@n j'U@roUz"},  // "euros one point"
    {"On 12/05/2024 it rained.", "sl'aS", "dI#s'Emb3 f'IfT"},
    {"Drive at 100 km/h today.", "sl'aS", "p3:r- 'aU3"},
    {"Henry VIII was king.", "r,oUm@n", "'eItT"},
    {"World War II ended.", "r,oUm@n", "w'O@ t'u:"},
    {"See https://www.example.com/news/story.html today.", "sl'aS", "l'INk"},
    {"Call 555-1234 now.", "d'aS", "f'aIv f'aIv f'aIv"},
    {"It ran from 2019-2021 in all.", "d'aS", ""},
    {"Listen at 1.25x speed.", "'Eks", "'aImz"},
    {"It reads at 250 WPM today.", "d,Vb@Lj,u:", "w'3:dz p3"},
    {"It started at 14:00 today.", "z'i@roU z'i@roU", "h'VndrI2d"},
    {"The 1990s were fun.", "h'VndrI2d", "n'aInti:n n'aIntiz"},
    {"It was 40C today.", "s'i:", "s'ElsI2;@s"},
    {"Great job \U0001F44D\U0001F3FD team.", "T'Vmz", ""},
    {"Use #MeToo now.", "h'aS m", "h'aStag"},
    {"It was tested* twice.", "'ast3r,Isk", ""},
    {"\u00a9 2024 Acme", "k'0pI2r,aIt", ""},
    {"Ask him and/or her.", "sl'aS", ""},
};

TEST(SpokenByEspeak, RulesRemoveWhatEspeakWouldMisread) {
  if (!have_espeak()) GTEST_SKIP() << "espeak-ng is not on PATH";
  for (const Case& c : kCases) {
    const std::string before = phonemes(c.written);
    const std::string spoken = spoken_form(c.written);
    const std::string after = phonemes(spoken);
    EXPECT_NE(before.find(c.avoid), std::string::npos)
        << c.written << ": eSpeak no longer says " << c.avoid << " (" << before << ")";
    EXPECT_EQ(after.find(c.avoid), std::string::npos)
        << c.written << " -> " << spoken << " still says " << c.avoid << ": " << after;
    EXPECT_NE(after.find(c.expect), std::string::npos)
        << c.written << " -> " << spoken << " does not say " << c.expect << ": " << after;
  }
}

TEST(SpokenByEspeak, PhonemeInputWorksInPlainText) {
  if (!have_espeak()) GTEST_SKIP() << "espeak-ng is not on PATH";
  // The CLI passes espeakPHONEMES; the library needs that flag for lexicon phoneme entries.
  EXPECT_NE(phonemes("The [[k@t'A@]] said").find("k@t'A@"), std::string::npos);
}

TEST(SpokenByEspeak, EveryShippedLexiconEntryChangesWhatIsSaid) {
  if (!have_espeak()) GTEST_SKIP() << "espeak-ng is not on PATH";
  const std::filesystem::path path =
      std::filesystem::path(NARRATE_SAMPLES_DIR).parent_path() / "voices" / "lexicon-en.txt";
  NormalizeOptions o;
  o.lexicon = std::make_shared<Lexicon>(Lexicon::parse(test::read_file(path), path.string()));
  // One eSpeak run for all entries: a mixed-case sentence per line (eSpeak reads a word alone
  // or in capitals differently).
  std::string written, spoken;
  for (const Lexicon::Entry& e : o.lexicon->entries()) {
    written += "The " + e.written + " said.\n";
    spoken += spoken_form("The " + e.written + " said.", o) + "\n";
  }
  const test::RunResult a = test::run_shell("printf '%s' " + test::shell_quote(written) +
                                            " | espeak-ng -q -x -v en-us --stdin");
  const test::RunResult b = test::run_shell("printf '%s' " + test::shell_quote(spoken) +
                                            " | espeak-ng -q -x -v en-us --stdin");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  std::size_t pa = 0, pb = 0;
  for (const Lexicon::Entry& e : o.lexicon->entries()) {
    const std::size_t ea = a.out.find('\n', pa), eb = b.out.find('\n', pb);
    ASSERT_NE(ea, std::string::npos);
    ASSERT_NE(eb, std::string::npos);
    EXPECT_NE(a.out.substr(pa, ea - pa), b.out.substr(pb, eb - pb))
        << e.origin << ": '" << e.written << " = " << e.spoken << "' changes nothing";
    pa = ea + 1;
    pb = eb + 1;
  }
}

}  // namespace
}  // namespace narrate::text
