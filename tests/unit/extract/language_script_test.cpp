// unit/extract/language_script_test.cpp - the language of plain text from its script (issue 10)
#include <gtest/gtest.h>

#include <string>

#include "extract/extract.hpp"
#include "extract/language.hpp"

namespace narrate::extract {
namespace {

struct ScriptCase {
  const char* text;
  const char* language;
};

class LanguageFromScript : public ::testing::TestWithParam<ScriptCase> {};

TEST_P(LanguageFromScript, PlainTextGetsItsLanguage) {
  EXPECT_EQ(guess_language(GetParam().text), GetParam().language) << GetParam().text;
  // And a copied page in that script gets it as the document's language.
  EXPECT_EQ(clean_copied_text(GetParam().text).language, GetParam().language);
}

// clang-format 14 does not settle on right-to-left strings: this table is kept as written.
// clang-format off
INSTANTIATE_TEST_SUITE_P(
    Scripts, LanguageFromScript,
    ::testing::Values(
        ScriptCase{"Москва — столица России, крупнейший по численности населения город страны.",
                   "ru"},
        ScriptCase{"Київ є столицею України та найбільшим містом країни, що лежить на Дніпрі.",
                   "uk"},
        ScriptCase{"Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της χώρας.", "el"},
        ScriptCase{"القاهرة هي عاصمة جمهورية مصر العربية وأكبر مدنها.", "ar"},
        ScriptCase{"تهران پایتخت ایران و بزرگ‌ترین شهر این کشور است و جمعیت "
                   "زیادی "
                   "دارد.",
                   "fa"},
        ScriptCase{"ירושלים היא בירת ישראל והעיר הגדולה ביותר בה.", "he"},
        ScriptCase{"नई दिल्ली भारत की राजधानी है और यह एक बड़ा शहर है।", "hi"},
        ScriptCase{"กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทยและเป็นเมืองที่ใหญ่ที่สุด", "th"},
        ScriptCase{"北京是中华人民共和国的首都，也是全国的政治和文化中心。", "zh"},
        ScriptCase{"東京は日本の首都であり、人口が最も多い都市です。", "ja"},
        ScriptCase{"서울은 대한민국의 수도이며 가장 큰 도시입니다.", "ko"}));
// clang-format on

TEST(LanguageFromScript, AForeignNameInLatinProseDoesNotDecide) {
  EXPECT_EQ(guess_language("The new library on the river front opened its doors on Saturday, "
                           "and the mayor, who was born in Москва, said that it was the best "
                           "thing the town had done in years."),
            "en");
}

TEST(LanguageFromScript, DeclaredEnglishTemplateOverCyrillicText) {
  const Document doc = extract_html(
      "<html lang=\"en\"><body><article><p>Москва — столица России, крупнейший по численности "
      "населения город страны и её политический, экономический и культурный центр.</p><p>В "
      "городе работают сотни музеев, театров и библиотек, а также крупнейшие университеты.</p>"
      "</article></body></html>");
  EXPECT_EQ(doc.language, "ru");
}

}  // namespace
}  // namespace narrate::extract
