// audio/id3_tag.cpp - an ID3v2.3 tag with Unicode text frames, for the front of an MP3
#include "audio/id3_tag.hpp"

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
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>(id[i]));
  put_be32(out, static_cast<std::uint32_t>(body.size()));
  out.push_back(0);  // no frame flags
  out.push_back(0);
  out.insert(out.end(), body.begin(), body.end());
}

}  // namespace

std::vector<unsigned char> id3v2_tag(const Id3Fields& fields) {
  std::vector<unsigned char> frames;
  add_text_frame(frames, "TIT2", fields.title);
  add_text_frame(frames, "TPE1", fields.artist);
  add_text_frame(frames, "TALB", fields.album);
  add_text_frame(frames, "TRCK", fields.track_number);
  add_text_frame(frames, "TSSE", fields.software);
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
