// audio/id3_tag.cpp - an ID3v2.3 tag with Unicode text frames, for the front of an MP3
#include "audio/id3_tag.hpp"

#include <algorithm>
#include <cstdint>

namespace narrate::audio {

namespace {

// Decodes UTF-8 into code points; a malformed sequence becomes U+FFFD and decoding resumes at
// the next byte.
std::vector<char32_t> code_points(const std::string& text) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    int length = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    char32_t cp = length == 1 ? c : length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
    bool ok = length > 0 && i + static_cast<std::size_t>(length) <= text.size();
    for (int k = 1; ok && k < length; ++k) {
      const auto d = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      ok = (d & 0xC0) == 0x80;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (!ok || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(length);
  }
  return out;
}

void put_be32(std::vector<unsigned char>& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<unsigned char>(value >> shift));
}

void add_frame(std::vector<unsigned char>& out, const char (&id)[5],
               const std::vector<unsigned char>& body) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>(id[i]));
  put_be32(out, static_cast<std::uint32_t>(body.size()));  // v2.3: a plain 32-bit size
  out.push_back(0);                                        // no frame flags
  out.push_back(0);
  out.insert(out.end(), body.begin(), body.end());
}

void add_text_frame(std::vector<unsigned char>& out, const char (&id)[5], const std::string& text) {
  if (text.empty()) return;
  std::vector<unsigned char> body = {0x01, 0xFF, 0xFE};  // UTF-16 with a little-endian BOM
  const auto put16 = [&](std::uint32_t unit) {
    body.push_back(static_cast<unsigned char>(unit & 0xFF));
    body.push_back(static_cast<unsigned char>(unit >> 8));
  };
  for (const char32_t cp : code_points(text)) {
    if (cp >= 0x10000) {  // a surrogate pair
      put16(0xD800 + ((cp - 0x10000) >> 10));
      put16(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      put16(cp);
    }
  }
  put16(0);  // a terminator: not required by v2.3, but some readers expect one
  add_frame(out, id, body);
}

void put_string(std::vector<unsigned char>& out, const std::string& text) {
  out.insert(out.end(), text.begin(), text.end());
  out.push_back(0);
}

// The Chapter Frame Addendum (id3.org, "ID3v2 Chapter Frame Addendum" v1.0): CHAP = element id
// (terminated), start and end time in ms, start and end byte offset (0xFFFFFFFF: not used, the
// times count), then sub-frames; CTOC = element id, flags (top-level 0x02, ordered 0x01), entry
// count, the children's element ids. Readers find chapters through the top-level CTOC.
void add_chapters(std::vector<unsigned char>& out, const std::vector<Id3Chapter>& chapters) {
  const std::size_t count = std::min<std::size_t>(chapters.size(), 255);
  if (count == 0) return;
  std::vector<unsigned char> toc;
  put_string(toc, "toc");
  toc.push_back(0x03);
  toc.push_back(static_cast<unsigned char>(count));
  for (std::size_t i = 0; i < count; ++i) put_string(toc, "chp" + std::to_string(i + 1));
  add_frame(out, "CTOC", toc);
  for (std::size_t i = 0; i < count; ++i) {
    std::vector<unsigned char> chap;
    put_string(chap, "chp" + std::to_string(i + 1));
    put_be32(chap, chapters[i].start_ms);
    put_be32(chap, std::max(chapters[i].end_ms, chapters[i].start_ms));
    put_be32(chap, 0xFFFFFFFFu);
    put_be32(chap, 0xFFFFFFFFu);
    add_text_frame(chap, "TIT2", chapters[i].title);
    add_frame(out, "CHAP", chap);
  }
}

void add_url_frame(std::vector<unsigned char>& out, const char (&id)[5], const std::string& url) {
  if (url.empty()) return;
  for (const char c : url) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) return;
  }
  add_frame(out, id, std::vector<unsigned char>(url.begin(), url.end()));
}

}  // namespace

std::vector<unsigned char> id3v2_tag(const Id3Fields& fields) {
  std::vector<unsigned char> frames;
  add_text_frame(frames, "TIT2", fields.title);
  add_text_frame(frames, "TPE1", fields.artist);
  add_text_frame(frames, "TALB", fields.album);
  add_text_frame(frames, "TRCK", fields.track_number);
  add_text_frame(frames, "TSSE", fields.software);
  add_text_frame(frames, "TYER", fields.year);
  add_text_frame(frames, "TDAT", fields.day_month);
  add_url_frame(frames, "WOAS", fields.source_url);
  add_chapters(frames, fields.chapters);
  if (frames.empty()) return {};
  std::vector<unsigned char> tag = {'I', 'D', '3', 0x03, 0x00, 0x00};
  // The size is "syncsafe": 7 bits a byte, so no byte of it looks like an MPEG frame sync.
  const auto size = static_cast<std::uint32_t>(frames.size());
  for (int shift = 21; shift >= 0; shift -= 7)
    tag.push_back(static_cast<unsigned char>((size >> shift) & 0x7F));
  tag.insert(tag.end(), frames.begin(), frames.end());
  return tag;
}

}  // namespace narrate::audio
