// audio/wav_stream.hpp - 16-bit PCM WAV written by hand: plain RIFF, RF64 past 4 GiB, INFO tags
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace narrate::audio {

/// Tags for the LIST/INFO chunk (INAM, IART, IPRD, ITRK, ISFT); empty ones are left out.
struct WavTags {
  std::string title;
  std::string artist;
  std::string album;
  std::string track;
  std::string software;
};

/// Writes a WAV file or stream to a file descriptor it does not own.
///
/// The file starts with the canonical 44-byte header (RIFF, "fmt " with WAVE_FORMAT_PCM, "data"),
/// which every player and Python's wave module read; libsndfile's RF64 auto-downgrade writes
/// WAVE_FORMAT_EXTENSIBLE instead, which Python's wave module rejects. Tags go into a LIST/INFO
/// chunk after the samples, where readers that stop at "data" never see them. Past 4 GiB a RIFF
/// header cannot hold the sizes, so the file becomes RF64 (EBU Tech 3306, fmt unchanged): at once
/// when room for the ds64 chunk was reserved (a JUNK chunk first), otherwise by copying the
/// samples behind a new header (see FileWriter). A stream that cannot seek says "to the end"
/// (0xFFFFFFFF) in its sizes, as ffmpeg, sox, browsers and libsndfile accept.
class WavStream {
 public:
  /// `riff_limit` is the largest RIFF size the plain header may claim; tests lower it.
  WavStream(int fd, int sample_rate_hz, int channels, WavTags tags, bool reserve_ds64,
            std::uint64_t riff_limit = 0xFFFFFFFFu);

  /// Writes the header with sizes "to the end of the stream". Returns false with errno set.
  bool begin();
  /// Appends samples (little-endian on disk). Returns false with errno set.
  bool write(std::span<const std::int16_t> samples);
  /// Appends the tags and rewrites the header at `header_offset` with the real sizes (RF64 when
  /// they need it and room was reserved). Returns false with errno set. On a file that cannot
  /// hold its sizes without the reserved room, returns true and needs_rf64_copy() says so.
  bool finish(long long header_offset);
  /// True after finish() when the data outgrew a plain header that had no room for ds64.
  bool needs_rf64_copy() const noexcept { return needs_copy_; }

  std::uint64_t data_bytes() const noexcept { return data_bytes_; }
  /// The size of the header written by begin(), where the samples start.
  std::size_t header_bytes() const noexcept { return header_bytes_; }

  /// The RIFF/RF64 header for a file with these sizes (exposed for the RF64 copy and tests).
  static std::vector<unsigned char> header(int sample_rate_hz, int channels,
                                           std::uint64_t data_bytes, std::uint64_t trailer_bytes,
                                           bool reserve_ds64, bool rf64, bool unknown_size);
  /// The LIST/INFO chunk for the tags (empty when there are none).
  static std::vector<unsigned char> info_chunk(const WavTags& tags);

 private:
  int fd_;
  int sample_rate_hz_;
  int channels_;
  WavTags tags_;
  bool reserve_ds64_;
  std::uint64_t riff_limit_;
  std::uint64_t data_bytes_ = 0;
  std::size_t header_bytes_ = 0;
  bool needs_copy_ = false;
};

/// write(2) until done, retrying on EINTR; false with errno set on failure.
bool write_all(int fd, const void* data, std::size_t size);

}  // namespace narrate::audio
