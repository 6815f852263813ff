// input/charset_test.cpp - decode_to_utf8 and the declared-charset parsers, byte for byte
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "input/load.hpp"
#include "narrate/error.hpp"
#include "support/support.hpp"

namespace narrate::input {
namespace {

using namespace std::string_literals;

struct Decoded {
  std::string text;
  std::string charset;
  std::vector<std::string> warnings;
};

Decoded decode(const std::string& bytes, MediaType type = MediaType::Unknown,
               const std::string& declared = "") {
  Decoded decoded;
  decoded.text = decode_to_utf8(bytes, type, declared, decoded.charset);
  return decoded;
}

Decoded decode_warned(const std::string& bytes, MediaType type = MediaType::Unknown,
                      const std::string& declared = "") {
  Decoded decoded;
  decoded.text = decode_to_utf8(bytes, type, declared, decoded.charset, &decoded.warnings);
  return decoded;
}

std::string decode_error(const std::string& bytes, MediaType type = MediaType::Unknown,
                         const std::string& declared = "") {
  std::string charset;
  try {
    decode_to_utf8(bytes, type, declared, charset);
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::SourceUnreadable);
    return error.what();
  }
  ADD_FAILURE() << "no error";
  return {};
}

/// UTF-16 code units as little- or big-endian bytes.
std::string utf16_bytes(const std::u16string& text, bool little_endian) {
  std::string bytes;
  for (char16_t unit : text) {
    const char low = static_cast<char>(unit & 0xFF);
    const char high = static_cast<char>(unit >> 8);
    bytes += little_endian ? low : high;
    bytes += little_endian ? high : low;
  }
  return bytes;
}

// "Grüße – “hi” 😀" with CR LF; the emoji needs a surrogate pair in UTF-16.
const std::u16string kUtf16Text = u"Gr\u00fc\u00dfe \u2013 \u201chi\u201d \U0001F600\r\nline two";
const std::string kUtf16Expected = "Gr\u00fc\u00dfe \u2013 \u201chi\u201d \U0001F600\nline two";

TEST(Decode, PlainAsciiIsUtf8) {
  const Decoded decoded = decode("Just ASCII.\n");
  EXPECT_EQ(decoded.text, "Just ASCII.\n");
  EXPECT_EQ(decoded.charset, "utf-8");
}

TEST(Decode, NewlinesBecomeLf) {
  EXPECT_EQ(decode("a\r\nb\rc\nd\r\r\ne\r").text, "a\nb\nc\nd\n\ne\n");
}

TEST(Decode, Utf8BomIsStripped) {
  const Decoded decoded = decode("\uFEFFcaf\u00e9");
  EXPECT_EQ(decoded.text, "caf\u00e9");
  EXPECT_EQ(decoded.charset, "utf-8");
}

TEST(Decode, Utf8BomWithInvalidBytesCountsFromTheFileStart) {
  // Byte 3 of the content is at byte 6 of the source, BOM included.
  const Decoded decoded = decode_warned("\uFEFFabc\xE9z");
  EXPECT_EQ(decoded.text, "abc\u00e9z");
  EXPECT_EQ(decoded.warnings,
            std::vector<std::string>{"invalid UTF-8 at byte 6 (1 byte read as windows-1252)"});
}

TEST(Decode, Utf16LeWithBom) {
  const Decoded decoded = decode("\xFF\xFE"s + utf16_bytes(kUtf16Text, true));
  EXPECT_EQ(decoded.text, kUtf16Expected);
  EXPECT_EQ(decoded.charset, "utf-16le");
}

TEST(Decode, Utf16BeWithBom) {
  const Decoded decoded = decode("\xFE\xFF"s + utf16_bytes(kUtf16Text, false));
  EXPECT_EQ(decoded.text, kUtf16Expected);
  EXPECT_EQ(decoded.charset, "utf-16be");
}

TEST(Decode, BomWinsOverADeclaration) {
  const Decoded decoded =
      decode("\xFF\xFE"s + utf16_bytes(u"<meta charset=\"windows-1252\">\u00e9", true),
             MediaType::Html, "iso-8859-1");
  EXPECT_EQ(decoded.text, "<meta charset=\"windows-1252\">\xC3\xA9");
  EXPECT_EQ(decoded.charset, "utf-16le");
}

TEST(Decode, Utf16WithoutBomByItsNuls) {
  const std::u16string text = u"An article saved as UTF-16 without a byte order mark.";
  const Decoded le = decode(utf16_bytes(text, true));
  EXPECT_EQ(le.text, "An article saved as UTF-16 without a byte order mark.");
  EXPECT_EQ(le.charset, "utf-16le");
  const Decoded be = decode(utf16_bytes(text, false));
  EXPECT_EQ(be.text, le.text);
  EXPECT_EQ(be.charset, "utf-16be");
}

TEST(Decode, UnpairedSurrogateBecomesReplacementCharacter) {
  const std::string bytes =
      "\xFF\xFE"s + utf16_bytes(u"a", true) + "\x00\xD8"s + utf16_bytes(u"b", true);
  EXPECT_EQ(decode(bytes).text, "a\uFFFDb");
}

TEST(Decode, Windows1252IsGuessed) {
  const Decoded decoded = decode(
      "Le caf\xE9 est tr\xE8s bon, et la cr\xE8me br\xFBl\xE9 aussi. \x93Quoted\x94 text \x96 "
      "dash.");
  EXPECT_EQ(decoded.text,
            "Le caf\u00e9 est tr\u00e8s bon, et la cr\u00e8me br\u00fbl\u00e9 aussi. "
            "\u201cQuoted\u201d text \u2013 dash.");
  EXPECT_EQ(decoded.charset, "windows-1252");
}

TEST(Decode, ShortLatin1IsReadAsWindows1252) {
  // uchardet says ISO-8859-1 here; WHATWG reads that label as windows-1252.
  const Decoded decoded = decode("Caf\xE9 cr\xE8me na\xEFve");
  EXPECT_EQ(decoded.text, "Caf\xC3\xA9 cr\xC3\xA8me na\xC3\xAFve");
  EXPECT_EQ(decoded.charset, "windows-1252");
}

TEST(Decode, MixedValidAndInvalidUtf8IsRepairedByteByByte) {
  // A valid "é" (C3 A9) and later a lone Latin-1 E9: the good half stays, the stray byte is
  // read as windows-1252, and the warning names it.
  const Decoded decoded = decode_warned("caf\xC3\xA9 et caf\xE9 \x93ok\x94");
  EXPECT_EQ(decoded.text, "caf\u00e9 et caf\u00e9 \u201cok\u201d");
  EXPECT_EQ(decoded.charset, "utf-8");
  EXPECT_EQ(decoded.warnings,
            std::vector<std::string>{"invalid UTF-8 at byte 12 (3 bytes read as windows-1252)"});
}

TEST(Decode, OverlongsSurrogatesAndTruncationBecomeValidUtf8) {
  // Each holds a valid "é" first; what follows is not UTF-8 and must not pass through as is.
  for (const std::string& bytes : {"\xC3\xA9 \xC0\xAF"s, "\xC3\xA9 \xED\xA0\x80"s,
                                   "\xC3\xA9 \xF4\x90\x80\x80"s, "\xC3\xA9 \xE2\x82"s}) {
    const Decoded decoded = decode_warned(bytes);
    EXPECT_TRUE(decoded.text.starts_with("\u00e9 ")) << bytes;
    EXPECT_NE(decoded.text, bytes);
    ASSERT_EQ(decoded.warnings.size(), 1u) << bytes;
    EXPECT_TRUE(decoded.warnings[0].starts_with("invalid UTF-8 at byte 3 ("))
        << decoded.warnings[0];
    std::string charset;
    // Decoding the repaired text again finds nothing to repair: it is valid UTF-8.
    std::vector<std::string> again;
    decode_to_utf8(decoded.text, MediaType::Text, "", charset, &again);
    EXPECT_TRUE(again.empty()) << bytes;
  }
}

TEST(Decode, HtmlMetaIso88591IsWindows1252) {
  // 0x93/0x94 are curly quotes in windows-1252 but C1 controls in real ISO-8859-1.
  const Decoded decoded = decode(
      "<html><head><meta charset=\"ISO-8859-1\"></head><body>\x93M\xFCnchen\x94</body></html>",
      MediaType::Html);
  EXPECT_EQ(decoded.text,
            "<html><head><meta charset=\"ISO-8859-1\"></head><body>\u201cM\u00fcnchen\u201d"
            "</body></html>");
  EXPECT_EQ(decoded.charset, "windows-1252");
}

TEST(Decode, HtmlMetaHttpEquivWindows1252) {
  const std::string page =
      "<!DOCTYPE html><html><head>\n<META HTTP-EQUIV='Content-Type' "
      "CONTENT='text/html; charset=windows-1252'>\n</head><body>na\xEFve \x80 5</body></html>";
  const Decoded decoded = decode(page, MediaType::Unknown);
  EXPECT_NE(decoded.text.find("na\xC3\xAFve \xE2\x82\xAC 5"), std::string::npos) << decoded.text;
  EXPECT_EQ(decoded.charset, "windows-1252");
}

TEST(Decode, HtmlMetaOtherCharset) {
  // "Привет" in KOI8-R.
  const Decoded decoded =
      decode("<meta charset=koi8-r><p>\xF0\xD2\xC9\xD7\xC5\xD4</p>", MediaType::Html);
  EXPECT_EQ(decoded.text,
            "<meta charset=koi8-r><p>\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82</p>");
  EXPECT_EQ(decoded.charset, "koi8-r");
}

TEST(Decode, HttpCharsetOutranksMeta) {
  const Decoded decoded =
      decode("<meta charset=\"utf-8\"><p>caf\xE9</p>", MediaType::Html, "windows-1252");
  EXPECT_EQ(decoded.text, "<meta charset=\"utf-8\"><p>caf\xC3\xA9</p>");
  EXPECT_EQ(decoded.charset, "windows-1252");
}

TEST(Decode, HttpUtf8ThatIsNotFallsBackToTheMeta) {
  const Decoded decoded =
      decode("<meta charset=\"windows-1252\"><p>caf\xE9</p>", MediaType::Html, "UTF-8");
  EXPECT_EQ(decoded.text, "<meta charset=\"windows-1252\"><p>caf\xC3\xA9</p>");
  EXPECT_EQ(decoded.charset, "windows-1252");
}

TEST(Decode, DeclaredUtf8WithInvalidBytesIsReadWithAWarning) {
  // The page says UTF-8 but carries a Latin-1 byte: a browser shows the page, so must narrate.
  const Decoded page = decode_warned("<meta charset=utf-8><p>caf\xE9</p>", MediaType::Html);
  EXPECT_EQ(page.text, "<meta charset=utf-8><p>caf\u00e9</p>");
  EXPECT_EQ(page.charset, "utf-8");
  EXPECT_EQ(page.warnings,
            std::vector<std::string>{"invalid UTF-8 at byte 26 (1 byte read as windows-1252)"});
  const Decoded text = decode_warned("caf\xE9", MediaType::Text, "utf-8");
  EXPECT_EQ(text.text, "caf\u00e9");
  EXPECT_EQ(text.warnings.size(), 1u);
}

TEST(Decode, StrayNulBytesAreDroppedWithAWarning) {
  std::string page = "<html><body><p>" + std::string(400, 'a') + "</p></body></html>";
  page.insert(20, 1, '\0');
  page.insert(100, 1, '\0');
  const Decoded decoded = decode_warned(page, MediaType::Html, "utf-8");
  EXPECT_EQ(decoded.text.find('\0'), std::string::npos);
  EXPECT_EQ(decoded.text.size(), page.size() - 2);
  EXPECT_EQ(decoded.warnings, std::vector<std::string>{"2 NUL bytes dropped"});
  // Without a place to put warnings the text is still read.
  EXPECT_EQ(decode(page, MediaType::Html).text, decoded.text);
}

TEST(Decode, CleanTextHasNoWarnings) { EXPECT_TRUE(decode_warned("caf\xC3\xA9").warnings.empty()); }

TEST(Decode, MetaClaimingUtf16IsReadAsUtf8) {
  const Decoded decoded = decode("<meta charset=utf-16><p>caf\xC3\xA9</p>", MediaType::Html);
  EXPECT_EQ(decoded.text, "<meta charset=utf-16><p>caf\xC3\xA9</p>");
  EXPECT_EQ(decoded.charset, "utf-8");
}

TEST(Decode, UnknownLabelIsIgnored) {
  const Decoded decoded = decode("<meta charset=x-no-such-charset><p>caf\xC3\xA9</p>");
  EXPECT_EQ(decoded.charset, "utf-8");
}

TEST(Decode, PlainTextIgnoresMetaMarkup) {
  // A text about HTML: its <meta> is prose, and the bytes are valid UTF-8.
  const Decoded decoded =
      decode("Write <meta charset=\"windows-1252\"> \xE2\x80\x93 never.", MediaType::Text);
  EXPECT_EQ(decoded.text, "Write <meta charset=\"windows-1252\"> \xE2\x80\x93 never.");
  EXPECT_EQ(decoded.charset, "utf-8");
}

TEST(Decode, HttpUtf16LeWithoutBom) {
  const Decoded decoded = decode(utf16_bytes(u"caf\u00e9", true), MediaType::Text, "utf-16le");
  EXPECT_EQ(decoded.text, "caf\xC3\xA9");
  EXPECT_EQ(decoded.charset, "utf-16le");
}

TEST(Decode, OutputIsValidUtf8EvenForUndefinedWindows1252Bytes) {
  // 0x81 has no character in windows-1252; WHATWG maps it to U+0081.
  const Decoded decoded = decode("a\x81z \x80", MediaType::Text, "windows-1252");
  EXPECT_EQ(decoded.text, "a\xC2\x81z \xE2\x82\xAC");
}

TEST(Decode, BinaryIsRefused) {
  EXPECT_EQ(decode_error("\x89PNG\r\n\x1a\n\0\0"s), "a PNG image, not text");
  EXPECT_EQ(decode_error("%PDF-1.4\n"), "a PDF document, not text");
  EXPECT_EQ(decode_error("text\0with\x01\x02nul\0s\xFF\xFE\0\0"s, MediaType::Text),
            "binary data (NUL bytes), not text");
  // A declared charset does not make binary data text.
  EXPECT_EQ(decode_error("abc\0\x01\x02\x03"s, MediaType::Html, "windows-1252"),
            "binary data (NUL bytes), not text");
}

TEST(Decode, AFewControlCharactersAreStillText) {
  // A form feed and a stray ESC in a long text are text, not binary.
  const std::string text = "Page one.\fPage two \x1b of a long enough article to dilute it.";
  EXPECT_EQ(decode(text).text, text);
}

TEST(ContentTypeCharset, Parses) {
  EXPECT_EQ(detail::charset_of_content_type("text/html; charset=UTF-8"), "UTF-8");
  EXPECT_EQ(detail::charset_of_content_type("text/html;charset=\"windows-1252\""), "windows-1252");
  EXPECT_EQ(detail::charset_of_content_type("text/plain; format=flowed; CharSet = koi8-r "),
            "koi8-r");
  EXPECT_EQ(detail::charset_of_content_type("text/html"), "");
  EXPECT_EQ(detail::charset_of_content_type(""), "");
}

TEST(HtmlMetaCharset, Parses) {
  EXPECT_EQ(detail::charset_of_html_meta("<meta charset=\"utf-8\">"), "utf-8");
  EXPECT_EQ(detail::charset_of_html_meta("<head><META CharSet=latin1 />"), "latin1");
  // As in browsers, an unquoted value runs to a space or ">", so this label is "latin1/".
  EXPECT_EQ(detail::charset_of_html_meta("<meta charset=latin1/>"), "latin1/");
  EXPECT_EQ(detail::charset_of_html_meta(
                "<meta http-equiv=\"content-type\" content=\"text/html; charset=shift_jis\">"),
            "shift_jis");
  // content= without the http-equiv pragma does not count.
  EXPECT_EQ(detail::charset_of_html_meta("<meta content=\"text/html; charset=koi8-r\">"), "");
  // Nor does a <meta> inside a comment, nor one past the first 4 KB.
  EXPECT_EQ(detail::charset_of_html_meta("<!-- <meta charset=koi8-r> --><meta charset=gbk>"),
            "gbk");
  EXPECT_EQ(detail::charset_of_html_meta(std::string(5000, ' ') + "<meta charset=gbk>"), "");
  EXPECT_EQ(detail::charset_of_html_meta("<metadata charset=gbk>"), "");
  EXPECT_EQ(detail::charset_of_html_meta("plain text"), "");
}

TEST(DescribeSize, UsesTheLargestWholeUnit) {
  EXPECT_EQ(detail::describe_size(64u << 20), "64 MiB");
  EXPECT_EQ(detail::describe_size(1024), "1 KiB");
  EXPECT_EQ(detail::describe_size(1000), "1000 bytes");
  EXPECT_EQ(detail::describe_size(1), "1 byte");
}

}  // namespace
}  // namespace narrate::input
