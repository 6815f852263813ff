// audio/wav_stream.cpp - 16-bit PCM WAV written by hand: plain RIFF, RF64 past 4 GiB, INFO tags
#include "audio/wav_stream.hpp"

#include <unistd.h>

#include <bit>
#include <cerrno>
#include <utility>

namespace narrate::audio {

namespace {

constexpr std::uint32_t kUnknownSize = 0xFFFFFFFFu;
constexpr std::uint32_t kDs64Payload = 28;  // riff size, data size, sample count (8 each), table
constexpr std::size_t kFmtChunkBytes = 8 + 16;
constexpr std::size_t kDataHeaderBytes = 8;

void put(std::vector<unsigned char>& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<unsigned char>(value >> (8 * i)));
}

// Byte by byte: GCC 12 misreads a 4-byte range insert as an overflow (-Wstringop-overflow).
void put_id(std::vector<unsigned char>& out, const char (&id)[5]) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>(id[i]));
}

}  // namespace

bool write_all(int fd, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, bytes, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

std::vector<unsigned char> WavStream::header(int sample_rate_hz, int channels,
                                             std::uint64_t data_bytes, std::uint64_t trailer_bytes,
                                             bool reserve_ds64, bool rf64, bool unknown_size) {
  const std::uint64_t ds64_bytes = reserve_ds64 ? 8 + kDs64Payload : 0;
  const std::uint64_t riff_size =
      4 + ds64_bytes + kFmtChunkBytes + kDataHeaderBytes + data_bytes + trailer_bytes;
  const auto block_align = static_cast<std::uint32_t>(channels * 2);
  std::vector<unsigned char> h;
  if (rf64) {
    put_id(h, "RF64");
    put(h, kUnknownSize, 4);
  } else {
    put_id(h, "RIFF");
    put(h, unknown_size ? kUnknownSize : riff_size, 4);
  }
  put_id(h, "WAVE");
  if (reserve_ds64) {
    // The same 36 bytes either way: a JUNK chunk every reader skips, or the ds64 chunk RF64
    // readers need, which must come first.
    if (rf64) {
      put_id(h, "ds64");
      put(h, kDs64Payload, 4);
      put(h, riff_size, 8);
      put(h, data_bytes, 8);
      put(h, data_bytes / block_align, 8);
      put(h, 0, 4);  // no table of other large chunks
    } else {
      put_id(h, "JUNK");
      put(h, kDs64Payload, 4);
      h.insert(h.end(), kDs64Payload, 0);
    }
  }
  put_id(h, "fmt ");
  put(h, 16, 4);
  put(h, 1, 2);  // WAVE_FORMAT_PCM: 16-bit mono or stereo needs nothing more
  put(h, static_cast<std::uint32_t>(channels), 2);
  put(h, static_cast<std::uint32_t>(sample_rate_hz), 4);
  put(h, static_cast<std::uint32_t>(sample_rate_hz) * block_align, 4);
  put(h, block_align, 2);
  put(h, 16, 2);
  put_id(h, "data");
  put(h, rf64 || unknown_size ? kUnknownSize : data_bytes, 4);
  return h;
}

std::vector<unsigned char> WavStream::info_chunk(const WavTags& tags) {
  std::vector<unsigned char> body;
  const auto add = [&](const char(&id)[5], const std::string& text) {
    if (text.empty()) return;
    put_id(body, id);
    put(body, text.size() + 1, 4);
    body.insert(body.end(), text.begin(), text.end());
    body.push_back(0);
    if ((text.size() + 1) % 2 != 0) body.push_back(0);  // chunks are word-aligned
  };
  add("INAM", tags.title);
  add("IART", tags.artist);
  add("IPRD", tags.album);
  add("ITRK", tags.track);
  add("ISFT", tags.software);
  if (body.empty()) return body;
  std::vector<unsigned char> chunk;
  put_id(chunk, "LIST");
  put(chunk, 4 + body.size(), 4);
  put_id(chunk, "INFO");
  chunk.insert(chunk.end(), body.begin(), body.end());
  return chunk;
}

WavStream::WavStream(int fd, int sample_rate_hz, int channels, WavTags tags, bool reserve_ds64,
                     std::uint64_t riff_limit)
    : fd_(fd),
      sample_rate_hz_(sample_rate_hz),
      channels_(channels),
      tags_(std::move(tags)),
      reserve_ds64_(reserve_ds64),
      riff_limit_(riff_limit) {}

bool WavStream::begin() {
  const auto h = header(sample_rate_hz_, channels_, 0, 0, reserve_ds64_, false, true);
  header_bytes_ = h.size();
  return write_all(fd_, h.data(), h.size());
}

bool WavStream::write(std::span<const std::int16_t> samples) {
  if (samples.empty()) return true;
  const std::size_t bytes = samples.size() * sizeof(std::int16_t);
  bool ok = true;
  if constexpr (std::endian::native == std::endian::little) {
    ok = write_all(fd_, samples.data(), bytes);
  } else {
    std::vector<unsigned char> le;
    le.reserve(bytes);
    for (std::int16_t s : samples) put(le, static_cast<std::uint16_t>(s), 2);
    ok = write_all(fd_, le.data(), le.size());
  }
  if (ok) data_bytes_ += bytes;
  return ok;
}

bool WavStream::finish(long long header_offset) {
  if (header_offset < 0) return true;  // a pipe: the "to the end" sizes stand
  const auto trailer = info_chunk(tags_);
  if (!write_all(fd_, trailer.data(), trailer.size())) return false;
  const std::uint64_t riff_size = header_bytes_ - 8 + data_bytes_ + trailer.size();
  const bool too_big = riff_size > riff_limit_ || data_bytes_ > riff_limit_;
  if (too_big && !reserve_ds64_) {
    needs_copy_ = true;
    return true;
  }
  const auto h = header(sample_rate_hz_, channels_, data_bytes_, trailer.size(), reserve_ds64_,
                        too_big, false);
  std::size_t done = 0;
  while (done < h.size()) {
    const ssize_t n = ::pwrite(fd_, h.data() + done, h.size() - done,
                               static_cast<off_t>(header_offset + static_cast<long long>(done)));
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace narrate::audio
