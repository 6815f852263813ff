// audio/file_writer.hpp - audio files through libsndfile, written to a temporary name and renamed
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "audio/loudness.hpp"
#include "audio/sink.hpp"

namespace narrate::audio {

enum class FileFormat { Wav, Flac, Ogg, Opus, Mp3 };

/// The format for an output path's extension (case-insensitive); "-" is WAV on stdout.
/// Throws Error(Usage) naming the supported extensions for any other extension.
FileFormat file_format_for_path(std::string_view path);

struct FileMetadata {
  std::string title;
  std::string artist;
  std::string album;          ///< for the parts of a split narration: the article's title
  std::string track_number;   ///< "3", for the parts of a split narration
  std::string track_total{};  ///< "7": how many parts (set by SplitWriter once it knows)
  std::string date{};         ///< "2026-12-03": when it was made
  std::string source_url{};   ///< the article's URL, when it came from one
};

/// A chapter inside one file, from its first frame.
struct FileChapter {
  std::string title;
  std::int64_t start_frame = 0;
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
  /// Loudness normalization (EBU R128) of the whole file; none when empty. Not on stdout ("-o
  /// -" streams as it comes).
  std::optional<LoudnessTarget> loudness{};
  /// With loudness alone (no chapters, not deferred), the audio is normalized and encoded in
  /// windows of about this many seconds, each cut at a paragraph break (SinkBoundary), while the
  /// rest is still being made; the gain of each comes from everything so far.
  double loudness_window_seconds = 300;
  /// MP3, Ogg Vorbis and Opus: about this many kbit/s (0: the encoder's default). MP3 is then
  /// constant bitrate; Vorbis picks the quality whose bitrate is nearest.
  int bitrate_kbps = 0;
  /// Chapter marks inside the file at each boundary() that begins a chapter (ID3v2 CHAP/CTOC in
  /// MP3; CHAPTERxx comments in Ogg, Opus and FLAC), the first from 0 named by the title.
  bool chapters = false;
  /// Keep the audio (in a temporary file) until finish(), so that track_total can still be set.
  bool deferred = false;
  /// Set from elsewhere (Ctrl-C) to stop finish() while it encodes from the temporary file:
  /// it then throws Error(Interrupted) and leaves no file.
  const std::atomic<bool>* stop = nullptr;
};

/// Writes a file: to "<dir>/.<name>.XXXXXX" while writing, renamed to the path by finish();
/// the temporary is removed if the writer is destroyed unfinished or anything fails, so the file
/// is complete or absent. "-" streams WAV to stdout.
///
/// WAV is plain 16-bit PCM RIFF (RF64 past 4 GiB; see WavStream). The compressed formats (FLAC,
/// Ogg Vorbis, Opus at 48 kHz, MP3 with ID3 tags) are encoded by libsndfile on a second thread;
/// an encoder failure surfaces from the next write() or from finish().
///
/// With loudness normalization, chapters or deferral, the audio first goes to an unnamed
/// temporary file (LoudnessSpool) and is encoded by finish(), when its loudness, chapters and
/// tags are all known; otherwise it is encoded as it comes.
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
  /// Notes a chapter that begins here (with FileWriterOptions::chapters).
  void boundary(const SinkBoundary& between) override;
  /// Sets the track total tag before finish() (a deferred part of a split narration).
  void set_track_total(std::size_t total);
  /// What loudness normalization did (after finish(); all zero when it was off).
  const LoudnessReport& loudness_report() const noexcept;

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
