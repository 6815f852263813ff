// input/charset.cpp - bytes to UTF-8: BOM, declared charset, strict UTF-8, guess; binary detection
#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "input/load.hpp"
#include "narrate/error.hpp"

namespace narrate::input {

namespace {

struct ConverterCloser {
  void operator()(UConverter* converter) const noexcept { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct UchardetDeleter {
  void operator()(uchardet_t detector) const noexcept { uchardet_delete(detector); }
};
using UchardetPtr = std::unique_ptr<std::remove_pointer_t<uchardet_t>, UchardetDeleter>;

[[noreturn]] void fail(const std::string& reason) {
  throw Error(ErrorCode::SourceUnreadable, reason);
}

/// A charset as narrate reports it (the WHATWG name) and the ICU converter that decodes it.
struct Charset {
  std::string name;
  std::string icu_name;
};

char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

struct Alias {
  std::string_view label;
  std::string_view name;
  std::string_view icu_name;
};

// The WHATWG Encoding Standard decodes several labels with a superset: "iso-8859-1" and "ascii"
// pages are in practice windows-1252 (curly quotes in 0x80-0x9F), "gb2312" is GBK, and so on.
// ICU's own aliases would decode them strictly and turn those bytes into controls or U+FFFD.
constexpr std::array kAliases = {
    Alias{"utf-8", "utf-8", "UTF-8"},
    Alias{"utf8", "utf-8", "UTF-8"},
    Alias{"unicode-1-1-utf-8", "utf-8", "UTF-8"},
    Alias{"windows-1252", "windows-1252", "windows-1252"},
    Alias{"cp1252", "windows-1252", "windows-1252"},
    Alias{"x-cp1252", "windows-1252", "windows-1252"},
    Alias{"iso-8859-1", "windows-1252", "windows-1252"},
    Alias{"iso8859-1", "windows-1252", "windows-1252"},
    Alias{"iso88591", "windows-1252", "windows-1252"},
    Alias{"iso_8859-1", "windows-1252", "windows-1252"},
    Alias{"iso_8859-1:1987", "windows-1252", "windows-1252"},
    Alias{"latin1", "windows-1252", "windows-1252"},
    Alias{"l1", "windows-1252", "windows-1252"},
    Alias{"ascii", "windows-1252", "windows-1252"},
    Alias{"us-ascii", "windows-1252", "windows-1252"},
    Alias{"ansi_x3.4-1968", "windows-1252", "windows-1252"},
    Alias{"cp819", "windows-1252", "windows-1252"},
    Alias{"ibm819", "windows-1252", "windows-1252"},
    Alias{"iso-ir-100", "windows-1252", "windows-1252"},
    Alias{"csisolatin1", "windows-1252", "windows-1252"},
    Alias{"x-user-defined", "windows-1252", "windows-1252"},
    Alias{"iso-8859-9", "windows-1254", "windows-1254"},
    Alias{"iso8859-9", "windows-1254", "windows-1254"},
    Alias{"latin5", "windows-1254", "windows-1254"},
    Alias{"l5", "windows-1254", "windows-1254"},
    Alias{"windows-1254", "windows-1254", "windows-1254"},
    Alias{"cp1254", "windows-1254", "windows-1254"},
    Alias{"tis-620", "windows-874", "windows-874"},
    Alias{"iso-8859-11", "windows-874", "windows-874"},
    Alias{"windows-874", "windows-874", "windows-874"},
    Alias{"gbk", "gbk", "gb18030"},
    Alias{"gb2312", "gbk", "gb18030"},
    Alias{"x-gbk", "gbk", "gb18030"},
    Alias{"csgb2312", "gbk", "gb18030"},
    Alias{"gb18030", "gb18030", "gb18030"},
    Alias{"euc-kr", "euc-kr", "windows-949"},
    Alias{"ks_c_5601-1987", "euc-kr", "windows-949"},
    Alias{"windows-949", "euc-kr", "windows-949"},
    Alias{"big5", "big5", "Big5-HKSCS"},
    Alias{"big5-hkscs", "big5", "Big5-HKSCS"},
    Alias{"shift_jis", "shift_jis", "windows-31j"},
    Alias{"shift-jis", "shift_jis", "windows-31j"},
    Alias{"sjis", "shift_jis", "windows-31j"},
    Alias{"ms932", "shift_jis", "windows-31j"},
    Alias{"windows-31j", "shift_jis", "windows-31j"},
    Alias{"utf-16", "utf-16le", "UTF-16LE"},
    Alias{"utf-16le", "utf-16le", "UTF-16LE"},
    Alias{"utf-16be", "utf-16be", "UTF-16BE"},
};

bool icu_knows(const std::string& icu_name) {
  UErrorCode status = U_ZERO_ERROR;
  const ConverterPtr converter(ucnv_open(icu_name.c_str(), &status));
  return U_SUCCESS(status) && converter != nullptr;
}

/// Resolves a charset label (from a header, a <meta>, or uchardet) to a charset ICU can decode.
std::optional<Charset> resolve_charset(std::string_view label) {
  while (!label.empty() && (label.front() == ' ' || label.front() == '"' || label.front() == '\''))
    label.remove_prefix(1);
  while (!label.empty() && (label.back() == ' ' || label.back() == '"' || label.back() == '\''))
    label.remove_suffix(1);
  if (label.empty() || label.size() > 64) return std::nullopt;
  std::string lower;
  for (char c : label) lower += ascii_lower(c);
  for (const Alias& alias : kAliases) {
    if (alias.label == lower) return Charset{std::string(alias.name), std::string(alias.icu_name)};
  }
  if (!icu_knows(lower)) return std::nullopt;
  return Charset{lower, lower};
}

bool is_utf16(const Charset& charset) { return charset.name.rfind("utf-16", 0) == 0; }

/// Known binary formats by their first bytes; null when none matches.
const char* binary_format(std::string_view bytes) {
  struct Magic {
    std::size_t offset;
    std::string_view bytes;
    const char* name;
  };
  using namespace std::string_view_literals;
  static constexpr std::array kMagic = {
      Magic{0, "\x89PNG\r\n\x1a\n"sv, "a PNG image"},
      Magic{0, "%PDF-"sv, "a PDF document"},
      Magic{0, "PK\x03\x04"sv, "a ZIP archive"},
      Magic{0, "PK\x05\x06"sv, "a ZIP archive"},
      Magic{0, "\177ELF"sv, "an ELF executable"},
      Magic{0, "\x1f\x8b"sv, "gzip data"},
      Magic{0, "\xff\xd8\xff"sv, "a JPEG image"},
      Magic{0, "GIF87a"sv, "a GIF image"},
      Magic{0, "GIF89a"sv, "a GIF image"},
      Magic{0, "\3757zXZ\0"sv, "xz data"},  // \375 is 0xFD
      Magic{0, "7z\xbc\xaf\x27\x1c"sv, "a 7-Zip archive"},
      Magic{0, "\x28\xb5\x2f\xfd"sv, "zstd data"},
      Magic{4, "1AY&SY"sv, "bzip2 data"},
      Magic{0, "OggS"sv, "Ogg audio"},
      Magic{0, "fLaC"sv, "FLAC audio"},
      Magic{8, "WAVE"sv, "WAV audio"},
      Magic{8, "WEBP"sv, "a WebP image"},
      Magic{4, "ftyp"sv, "an MP4 file"},
      Magic{0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"sv, "an MS Office document"},
      Magic{0, "SQLite format 3\0"sv, "an SQLite database"},
  };
  for (const Magic& magic : kMagic) {
    if (bytes.size() >= magic.offset + magic.bytes.size() &&
        bytes.substr(magic.offset, magic.bytes.size()) == magic.bytes) {
      // The short signatures at an offset need their container too, or a text could match.
      if (magic.offset == 8 && bytes.substr(0, 4) != "RIFF") continue;
      if (magic.offset == 4 && magic.bytes == "1AY&SY" && bytes.substr(0, 3) != "BZh") continue;
      return magic.name;
    }
  }
  return nullptr;
}

struct Utf8Scan {
  std::size_t first_invalid = std::string_view::npos;  ///< byte offset of the first bad sequence
  bool has_multibyte = false;                          ///< a valid 2-4 byte sequence was seen
  bool has_high_bytes = false;                         ///< a byte >= 0x80 was seen
};

// Strict UTF-8 (Unicode 15, table 3-7): no overlong forms, no surrogates, nothing past U+10FFFF.
// The scan goes on after an error so that the caller can tell broken UTF-8 from a legacy charset.
Utf8Scan scan_utf8(std::string_view bytes) {
  Utf8Scan scan;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char lead = data[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    scan.has_high_bytes = true;
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead == 0xE0) {
      length = 3;
      low = 0xA0;
    } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
      length = 3;
    } else if (lead == 0xED) {
      length = 3;
      high = 0x9F;
    } else if (lead == 0xF0) {
      length = 4;
      low = 0x90;
    } else if (lead >= 0xF1 && lead <= 0xF3) {
      length = 4;
    } else if (lead == 0xF4) {
      length = 4;
      high = 0x8F;
    }
    bool valid = length != 0 && i + length <= size;
    for (std::size_t k = 1; valid && k < length; ++k) {
      const unsigned char next = data[i + k];
      valid = k == 1 ? (next >= low && next <= high) : (next >= 0x80 && next <= 0xBF);
    }
    if (valid) {
      scan.has_multibyte = true;
      i += length;
    } else {
      if (scan.first_invalid == std::string_view::npos) scan.first_invalid = i;
      ++i;
    }
  }
  return scan;
}

/// Converts with ICU; unmappable bytes become U+FFFD (ICU's default), so the result is valid UTF-8.
std::string convert_to_utf8(std::string_view bytes, const Charset& charset) {
  UErrorCode status = U_ZERO_ERROR;
  const ConverterPtr source(ucnv_open(charset.icu_name.c_str(), &status));
  if (U_FAILURE(status)) fail("cannot decode " + charset.name + ": " + u_errorName(status));
  status = U_ZERO_ERROR;
  const ConverterPtr target(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status))
    fail(std::string("cannot open the UTF-8 converter: ") + u_errorName(status));

  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  // ucnv_convertEx keeps its state in the pivot buffer between calls, so the output can be
  // produced in bounded chunks even when a character straddles two of them.
  std::array<UChar, 4096> pivot{};
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  std::array<char, 64 * 1024> chunk{};
  const char* input = bytes.data();
  const char* const input_end = bytes.data() + bytes.size();
  bool reset = true;
  for (;;) {
    char* output = chunk.data();
    status = U_ZERO_ERROR;
    ucnv_convertEx(target.get(), source.get(), &output, chunk.data() + chunk.size(), &input,
                   input_end, pivot.data(), &pivot_source, &pivot_target,
                   pivot.data() + pivot.size(), reset, /*flush=*/true, &status);
    reset = false;
    out.append(chunk.data(), static_cast<std::size_t>(output - chunk.data()));
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) fail("cannot decode " + charset.name + ": " + u_errorName(status));
    return out;
  }
}

/// UTF-16 without a BOM: nearly every other byte is NUL when the text is mostly Latin script.
std::optional<Charset> guess_utf16(std::string_view bytes) {
  const std::size_t pairs = std::min<std::size_t>(bytes.size(), 4096) / 2;
  std::size_t even_nuls = 0;
  std::size_t odd_nuls = 0;
  for (std::size_t k = 0; k < pairs; ++k) {
    if (bytes[2 * k] == '\0') ++even_nuls;
    if (bytes[2 * k + 1] == '\0') ++odd_nuls;
  }
  // Binary data has NULs in both positions; text in UTF-16 has them in one only.
  if (pairs == 0 || bytes.size() % 2 != 0) return std::nullopt;
  if (odd_nuls * 10 >= pairs * 3 && even_nuls * 50 <= odd_nuls)
    return Charset{"utf-16le", "UTF-16LE"};
  if (even_nuls * 10 >= pairs * 3 && odd_nuls * 50 <= even_nuls)
    return Charset{"utf-16be", "UTF-16BE"};
  return std::nullopt;
}

/// uchardet's guess for text with high bytes that is not UTF-8; windows-1252 when it has none.
Charset guess_legacy_charset(std::string_view bytes) {
  const Charset fallback{"windows-1252", "windows-1252"};
  const UchardetPtr detector(uchardet_new());
  if (!detector) return fallback;
  if (uchardet_handle_data(detector.get(), bytes.data(), bytes.size()) != 0) return fallback;
  uchardet_data_end(detector.get());
  const char* guessed = uchardet_get_charset(detector.get());
  if (guessed == nullptr) return fallback;
  const std::optional<Charset> charset = resolve_charset(guessed);
  // The bytes were already found not to be UTF-8 and to hold no NULs, so a Unicode guess is wrong.
  if (!charset || charset->name == "utf-8" || is_utf16(*charset) ||
      charset->name.rfind("utf-32", 0) == 0) {
    return fallback;
  }
  return *charset;
}

/// Throws when decoded text looks like binary data: NULs or many C0 controls.
void reject_binary_text(std::string_view text) {
  std::size_t controls = 0;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0) fail("binary data (NUL bytes), not text");
    // Tab, LF, VT, FF and CR occur in text; other C0 controls do not.
    if (byte < 0x20 && (byte < 0x09 || byte > 0x0D)) ++controls;
  }
  if (controls >= 2 && controls * 50 > text.size()) {
    fail("binary data (control characters), not text");
  }
}

/// CR LF and lone CR become LF, in place.
void normalize_newlines(std::string& text) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      text[out++] = '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      text[out++] = text[i];
    }
  }
  text.resize(out);
}

/// windows-1252's characters for 0x80-0x9F (WHATWG: the five undefined bytes map to C1 controls).
constexpr std::array<char16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

/// Length of the valid UTF-8 sequence at data[i], or 0 when the byte there starts none.
std::size_t valid_sequence_length(std::string_view bytes, std::size_t i) {
  const auto lead = static_cast<unsigned char>(bytes[i]);
  const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (i + length > bytes.size()) return 0;
  const Utf8Scan exact = scan_utf8(bytes.substr(i, length));
  return exact.first_invalid == std::string_view::npos ? length : 0;
}

/// Damaged UTF-8 as a browser shows it, but kinder: every byte that starts no valid sequence is
/// read as windows-1252 (the usual cause: a Latin-1 "é" pasted into a UTF-8 page).
std::string repaired_utf8(std::string_view bytes, std::size_t& replaced) {
  std::string out;
  out.reserve(bytes.size() + 16);
  replaced = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte));
      ++i;
      continue;
    }
    const std::size_t length = valid_sequence_length(bytes, i);
    if (length > 0) {
      out.append(bytes.substr(i, length));
      i += length;
      continue;
    }
    ++replaced;
    append_utf8(out, byte < 0xA0 ? kWindows1252High[byte - 0x80] : char32_t{byte});
    ++i;
  }
  return out;
}

/// Bytes declared (or shown by a BOM) to be UTF-8: stray invalid bytes are read as
/// windows-1252, with a warning naming the first one.
std::string lenient_utf8(std::string_view bytes, std::size_t offset_in_source,
                         std::vector<std::string>* warnings) {
  const Utf8Scan scan = scan_utf8(bytes);
  if (scan.first_invalid == std::string_view::npos) return std::string(bytes);
  std::size_t replaced = 0;
  std::string text = repaired_utf8(bytes, replaced);
  if (warnings != nullptr) {
    warnings->push_back(
        "invalid UTF-8 at byte " + std::to_string(offset_in_source + scan.first_invalid) + " (" +
        std::to_string(replaced) + (replaced == 1 ? " byte" : " bytes") + " read as windows-1252)");
  }
  return text;
}

/// NUL bytes in text that is otherwise text (a stray NUL from a broken CMS, one in a thousand
/// bytes) are dropped; more than that is binary data.
bool has_stray_nuls_only(std::string_view bytes) {
  const auto nuls = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\0'));
  return nuls > 0 && nuls * 200 <= bytes.size();
}

std::string decode(std::string_view bytes, MediaType media_type, std::string_view declared_charset,
                   std::string& charset_out, std::vector<std::string>* warnings) {
  if (const char* format = binary_format(bytes)) fail(std::string(format) + ", not text");

  using namespace std::string_view_literals;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF"sv) {
    charset_out = "utf-8";
    return lenient_utf8(bytes.substr(3), 3, warnings);
  }
  if (bytes.substr(0, 2) == "\xFF\xFE"sv) {
    charset_out = "utf-16le";
    return convert_to_utf8(bytes.substr(2), Charset{"utf-16le", "UTF-16LE"});
  }
  if (bytes.substr(0, 2) == "\xFE\xFF"sv) {
    charset_out = "utf-16be";
    return convert_to_utf8(bytes.substr(2), Charset{"utf-16be", "UTF-16BE"});
  }

  // The HTTP header outranks the page's own <meta>, as in browsers. A <meta> that claims UTF-16
  // in a page read as ASCII-compatible bytes is wrong by construction: WHATWG reads it as UTF-8.
  const std::optional<Charset> from_header = resolve_charset(declared_charset);
  std::optional<Charset> from_meta;
  if (media_type != MediaType::Text) {
    from_meta = resolve_charset(detail::charset_of_html_meta(bytes));
    if (from_meta && is_utf16(*from_meta)) from_meta = Charset{"utf-8", "UTF-8"};
  }
  const std::optional<Charset>& declared = from_header ? from_header : from_meta;
  if (declared) {
    if (declared->name != "utf-8") {
      charset_out = declared->name;
      return convert_to_utf8(bytes, *declared);
    }
    const Utf8Scan scan = scan_utf8(bytes);
    if (scan.first_invalid == std::string_view::npos) {
      charset_out = "utf-8";
      return std::string(bytes);
    }
    // A server that labels every page UTF-8 while the page itself declares its real charset.
    if (from_header && from_meta && from_meta->name != "utf-8") {
      charset_out = from_meta->name;
      return convert_to_utf8(bytes, *from_meta);
    }
    charset_out = "utf-8";
    return lenient_utf8(bytes, 0, warnings);
  }

  if (bytes.find('\0') != std::string_view::npos) {
    if (const std::optional<Charset> utf16 = guess_utf16(bytes)) {
      charset_out = utf16->name;
      return convert_to_utf8(bytes, *utf16);
    }
    fail("binary data (NUL bytes), not text");
  }

  const Utf8Scan scan = scan_utf8(bytes);
  if (scan.first_invalid == std::string_view::npos) {
    charset_out = "utf-8";
    return std::string(bytes);
  }
  // Real UTF-8 sequences next to broken ones is damaged UTF-8, not a legacy charset; a guess
  // would turn the good half into mojibake.
  if (scan.has_multibyte) {
    charset_out = "utf-8";
    return lenient_utf8(bytes, 0, warnings);
  }
  const Charset guessed = guess_legacy_charset(bytes);
  charset_out = guessed.name;
  return convert_to_utf8(bytes, guessed);
}

}  // namespace

std::string decode_to_utf8(std::string_view bytes, MediaType media_type,
                           std::string_view declared_charset, std::string& charset_out,
                           std::vector<std::string>* warnings) {
  std::string charset;
  // Stray NULs go before anything else looks at the bytes, unless the bytes are UTF-16 or
  // UTF-32 (by a BOM or a declaration), where NULs are half of all text.
  std::string without_nuls;
  const auto declared = resolve_charset(declared_charset);
  const bool wide = bytes.substr(0, 2) == std::string_view("\xFF\xFE", 2) ||
                    bytes.substr(0, 2) == std::string_view("\xFE\xFF", 2) ||
                    (declared && declared->name.rfind("utf-16", 0) == 0) ||
                    (declared && declared->name.rfind("utf-32", 0) == 0);
  if (!wide && has_stray_nuls_only(bytes)) {
    const auto nuls = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\0'));
    without_nuls.reserve(bytes.size());
    std::copy_if(bytes.begin(), bytes.end(), std::back_inserter(without_nuls),
                 [](char c) { return c != '\0'; });
    bytes = without_nuls;
    if (warnings != nullptr) {
      warnings->push_back(std::to_string(nuls) + (nuls == 1 ? " NUL byte" : " NUL bytes") +
                          " dropped");
    }
  }
  std::string text = decode(bytes, media_type, declared_charset, charset, warnings);
  reject_binary_text(text);
  normalize_newlines(text);
  charset_out = std::move(charset);
  return text;
}

}  // namespace narrate::input
