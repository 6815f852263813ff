// audio/ogg_comments.cpp - Vorbis comments libsndfile cannot write (chapters, track total, URL)
#include "audio/ogg_comments.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace narrate::audio {

namespace {

constexpr const char* kPlaceholderKey = "COMMENT=";
constexpr std::size_t kEntryOverhead = 4;  // the entry's 32-bit length

std::size_t entries_size(const std::vector<std::string>& entries) {
  std::size_t size = 0;
  for (const std::string& entry : entries) size += kEntryOverhead + entry.size();
  return size;
}

// The stand-in entry must hold at least one character; extra entries shorter than that are
// followed by an empty COMMENT to make the room.
std::vector<std::string> padded(std::vector<std::string> extra) {
  const std::size_t minimum = kEntryOverhead + std::strlen(kPlaceholderKey) + 1;
  if (!extra.empty() && entries_size(extra) < minimum) {
    extra.push_back(std::string(kPlaceholderKey) + " ");
  }
  return extra;
}

std::uint32_t get_le32(const unsigned char* p) {
  return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
         std::uint32_t(p[3]) << 24;
}

void put_le32(std::vector<unsigned char>& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8)
    out.push_back(static_cast<unsigned char>(value >> shift));
}

// Ogg's page checksum: CRC-32, polynomial 0x04C11DB7, not reflected, initial 0, no final xor,
// over the whole page with its checksum field zero (RFC 3533).
std::uint32_t ogg_crc(const unsigned char* data, std::size_t size) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t r = i << 24;
      for (int k = 0; k < 8; ++k) r = (r & 0x80000000u) ? (r << 1) ^ 0x04C11DB7u : r << 1;
      t[i] = r;
    }
    return t;
  }();
  std::uint32_t crc = 0;
  for (std::size_t i = 0; i < size; ++i) crc = (crc << 8) ^ table[((crc >> 24) ^ data[i]) & 0xFF];
  return crc;
}

bool pread_all(int fd, void* out, std::size_t size, off_t at) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n =
        ::pread(fd, static_cast<char*>(out) + done, size - done, at + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool pwrite_all(int fd, const void* data, std::size_t size, off_t at) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pwrite(fd, static_cast<const char*>(data) + done, size - done,
                               at + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

struct Piece {
  off_t file_offset = 0;
  std::size_t size = 0;
};

struct Page {
  off_t offset = 0;
  std::size_t size = 0;  ///< header, lacing and body
};

}  // namespace

std::vector<std::string> chapter_comments(const std::vector<CommentChapter>& chapters) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < chapters.size(); ++i) {
    char key[32];
    std::snprintf(key, sizeof key, "CHAPTER%02zu", i + 1);
    const std::int64_t ms = std::max<std::int64_t>(0, chapters[i].start_ms);
    char stamp[40];
    std::snprintf(stamp, sizeof stamp, "%02lld:%02lld:%02lld.%03lld",
                  static_cast<long long>(ms / 3600000), static_cast<long long>(ms / 60000 % 60),
                  static_cast<long long>(ms / 1000 % 60), static_cast<long long>(ms % 1000));
    out.push_back(std::string(key) + "=" + stamp);
    out.push_back(std::string(key) + "NAME=" + chapters[i].title);
  }
  return out;
}

std::string comment_placeholder(const std::vector<std::string>& extra) {
  if (extra.empty()) return {};
  const std::size_t size = entries_size(padded(extra));
  const std::size_t length = size - kEntryOverhead - std::strlen(kPlaceholderKey);
  std::string text = "narrate:";
  text.resize(length, '~');
  return text.substr(0, length);
}

bool patch_ogg_comments(int fd, const std::vector<std::string>& extra_in) {
  if (extra_in.empty()) return true;
  const std::vector<std::string> extra = padded(extra_in);
  const std::string wanted = std::string(kPlaceholderKey) + comment_placeholder(extra_in);

  // Gather the second packet of the stream (the comment header) from the pages it lies on.
  std::vector<Piece> pieces;
  std::vector<Page> pages;  // the pages the comment packet lies on
  std::size_t packet = 0;
  off_t at = 0;
  constexpr int kMaxPages = 256;
  for (int n = 0; n < kMaxPages && packet < 2; ++n) {
    unsigned char header[27];
    if (!pread_all(fd, header, sizeof header, at) || std::memcmp(header, "OggS", 4) != 0) {
      return false;
    }
    const std::size_t segments = header[26];
    std::vector<unsigned char> lacing(segments);
    if (!pread_all(fd, lacing.data(), segments, at + 27)) return false;
    const off_t body = at + 27 + static_cast<off_t>(segments);
    std::size_t offset = 0;
    bool on_page = false;
    for (const unsigned char length : lacing) {
      if (packet == 1 && length > 0) {
        pieces.push_back({body + static_cast<off_t>(offset), length});
        on_page = true;
      }
      if (packet == 1) on_page = true;
      offset += length;
      if (length < 255) ++packet;
      if (packet >= 2) break;
    }
    std::size_t body_size = 0;
    for (const unsigned char length : lacing) body_size += length;
    if (on_page) pages.push_back({at, 27 + segments + body_size});
    at = body + static_cast<off_t>(body_size);
  }
  if (packet < 2) return false;
  std::vector<unsigned char> bytes;
  for (const Piece& piece : pieces) {
    const std::size_t before = bytes.size();
    bytes.resize(before + piece.size);
    if (!pread_all(fd, bytes.data() + before, piece.size, piece.file_offset)) return false;
  }

  // Vorbis: "\x03vorbis"; Opus: "OpusTags". Then vendor, count, entries (RFC 7845, Vorbis I).
  std::size_t p = 0;
  if (bytes.size() >= 7 && std::memcmp(bytes.data(), "\x03vorbis", 7) == 0) {
    p = 7;
  } else if (bytes.size() >= 8 && std::memcmp(bytes.data(), "OpusTags", 8) == 0) {
    p = 8;
  } else {
    return false;
  }
  if (p + 4 > bytes.size()) return false;
  p += 4 + get_le32(bytes.data() + p);
  if (p + 4 > bytes.size()) return false;
  const std::size_t count_at = p;
  const std::uint32_t count = get_le32(bytes.data() + p);
  p += 4;
  std::vector<std::string> entries;
  std::size_t found = entries.max_size();
  for (std::uint32_t i = 0; i < count; ++i) {
    if (p + 4 > bytes.size()) return false;
    const std::uint32_t length = get_le32(bytes.data() + p);
    if (p + 4 + length > bytes.size()) return false;
    entries.emplace_back(reinterpret_cast<const char*>(bytes.data() + p + 4), length);
    if (entries.back() == wanted && found == entries.max_size()) found = entries.size() - 1;
    p += 4 + length;
  }
  if (found == entries.max_size()) return false;
  const std::size_t region_end = p;
  entries.erase(entries.begin() + static_cast<long>(found));
  entries.insert(entries.begin() + static_cast<long>(found), extra.begin(), extra.end());
  std::vector<unsigned char> region;
  put_le32(region, static_cast<std::uint32_t>(entries.size()));
  for (const std::string& entry : entries) {
    put_le32(region, static_cast<std::uint32_t>(entry.size()));
    region.insert(region.end(), entry.begin(), entry.end());
  }
  if (region.size() != region_end - count_at) return false;
  std::copy(region.begin(), region.end(), bytes.begin() + static_cast<long>(count_at));

  // Back onto the pages, then each page's checksum anew.
  std::size_t from = 0;
  for (const Piece& piece : pieces) {
    if (!pwrite_all(fd, bytes.data() + from, piece.size, piece.file_offset)) return false;
    from += piece.size;
  }
  for (const Page& page : pages) {
    std::vector<unsigned char> whole(page.size);
    if (!pread_all(fd, whole.data(), whole.size(), page.offset)) return false;
    std::memset(whole.data() + 22, 0, 4);
    const std::uint32_t crc = ogg_crc(whole.data(), whole.size());
    const unsigned char field[4] = {
        static_cast<unsigned char>(crc), static_cast<unsigned char>(crc >> 8),
        static_cast<unsigned char>(crc >> 16), static_cast<unsigned char>(crc >> 24)};
    if (!pwrite_all(fd, field, 4, page.offset + 22)) return false;
  }
  return true;
}

}  // namespace narrate::audio
