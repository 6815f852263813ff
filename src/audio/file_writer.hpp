// audio/file_writer.hpp - audio files through libsndfile, written to a temporary name and renamed
#pragma once

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
};

/// Writes a file: to "<dir>/.<name>.XXXXXX" while writing, renamed to the path by finish();
/// the temporary is removed if the writer is destroyed unfinished. "-" streams WAV to stdout.
class FileWriter : public Sink {
 public:
  /// Checks the extension and that the directory is writable at once.
  /// Throws Error(Usage) for an unknown extension, Error(Output) for an unwritable place.
  FileWriter(std::string path, FileMetadata metadata = {});
  ~FileWriter() override;

  void start(const AudioFormat& format) override;
  void write(std::span<const std::int16_t> samples) override;
  void finish() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace narrate::audio
