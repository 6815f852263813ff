// audio/file_writer.hpp - audio files through libsndfile, written to a temporary name and renamed
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "audio/sink.hpp"

namespace narrate::audio {

enum class FileFormat { Wav, Flac, Ogg, Opus, Mp3 };

/// The format for an output path's extension (case-insensitive); "-" is WAV on stdout.
/// Throws Error(Usage) naming the supported extensions for any other extension.
FileFormat file_format_for_path(std::string_view path);

struct FileMetadata {
  std::string title;
  std::string artist;
  std::string album;         ///< for the parts of a split narration: the article's title
  std::string track_number;  ///< "3", for the parts of a split narration
};

/// How a FileWriter writes, beyond the path.
struct FileWriterOptions {
  FileMetadata metadata;
  /// About how long the audio will be, if known (0: unknown). A WAV expected to pass 4 GiB
  /// keeps room for an RF64 header from the start instead of being copied behind one at the end.
  double expected_seconds = 0;
  /// The largest RIFF size a plain WAV header may claim before the file becomes RF64; only tests
  /// change it.
  std::uint64_t wav_riff_limit = 0xFFFFFFFFu;
  /// Audio that may wait for the encoder thread, in samples (about 12 s at 22050 Hz).
  std::size_t queue_samples = 1u << 18;
};

/// Writes a file: to "<dir>/.<name>.XXXXXX" while writing, renamed to the path by finish();
/// the temporary is removed if the writer is destroyed unfinished or anything fails, so the file
/// is complete or absent. "-" streams WAV to stdout.
///
/// WAV is plain 16-bit PCM RIFF (RF64 past 4 GiB; see WavStream). The compressed formats (FLAC,
/// Ogg Vorbis, Opus at 48 kHz, MP3 with ID3 tags) are encoded by libsndfile on a second thread
/// while the caller goes on synthesizing; an encoder failure surfaces from the next write() or
/// from finish().
class FileWriter : public Sink {
 public:
  /// Checks the extension and that the directory is writable at once.
  /// Throws Error(Usage) for an unknown extension, Error(Output) for an unwritable place.
  explicit FileWriter(std::string path, FileMetadata metadata = {});
  FileWriter(std::string path, FileWriterOptions options);
  ~FileWriter() override;

  /// Throws Error(Output).
  void start(const AudioFormat& format) override;
  /// Throws Error(Output), also for an earlier failure of the encoder thread.
  void write(std::span<const std::int16_t> samples) override;
  /// Flushes the encoder, syncs, renames. Throws Error(Output); the output is then absent.
  void finish() override;

  /// CPU seconds spent encoding (on the encoder thread; 0 for WAV, which needs no encoding).
  double encode_seconds() const noexcept override;
  /// The output path (one file).
  std::vector<std::string> paths() const override { return {path()}; }
  const std::string& path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace narrate::audio
