// audio/file_writer.cpp - audio files through libsndfile, written to a temporary name and renamed
#include "audio/file_writer.hpp"

#include <fcntl.h>
#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include "audio/encoder_thread.hpp"
#include "audio/id3_tag.hpp"
#include "audio/resampler.hpp"
#include "audio/wav_stream.hpp"
#include "narrate/error.hpp"

namespace narrate::audio {

namespace {

constexpr const char* kSupported = "use .wav, .flac, .ogg, .opus or .mp3";

[[noreturn]] void fail_output(const std::string& path, const std::string& why) {
  throw Error(ErrorCode::Output, "cannot write '" + path + "': " + why);
}

std::string errno_text(int error) { return std::strerror(error); }

struct SndfileCloser {
  void operator()(SNDFILE* file) const noexcept { sf_close(file); }
};
using SndfilePtr = std::unique_ptr<SNDFILE, SndfileCloser>;

/// The libsndfile major|subtype for a compressed format.
int sndfile_format(FileFormat format) {
  switch (format) {
    case FileFormat::Flac:
      return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    case FileFormat::Ogg:
      return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    case FileFormat::Opus:
      return SF_FORMAT_OGG | SF_FORMAT_OPUS;
    case FileFormat::Mp3:
      return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
    case FileFormat::Wav:
      break;  // written by WavStream
  }
  return 0;
}

/// Opus encodes only these rates; anything else is resampled to 48 kHz.
bool opus_rate(int rate_hz) {
  return rate_hz == 8000 || rate_hz == 12000 || rate_hz == 16000 || rate_hz == 24000 ||
         rate_hz == 48000;
}

/// The process umask, read without changing it (umask() would race with other threads).
mode_t current_umask() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Umask:", 0) == 0) {
      return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
    }
  }
  return 022;
}

/// A hidden temporary beside the target, so the final rename() is atomic and never crosses file
/// systems, and a half-written file does not show up in listings. -1 with errno on failure.
int make_temporary(const std::string& target, std::string& temp_path) {
  const std::filesystem::path path(target);
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  // Appended piece by piece: GCC 12 at -O3 misreads "." + string as an overlapping copy.
  std::string name = ".";
  name += path.filename().string();
  name += ".XXXXXX";
  std::string templ = (dir / name).string();
  const int fd = ::mkstemp(templ.data());
  if (fd < 0) return -1;
  temp_path = templ;
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  // mkstemp makes 0600; the finished file should get the mode any new file would.
  ::fchmod(fd, 0666 & ~current_umask());
  return fd;
}

/// Bytes per second of 16-bit audio, for the RF64 decision.
double wav_bytes_per_second(const AudioFormat& format) {
  return double(format.sample_rate_hz) * format.channels * 2;
}

}  // namespace

FileFormat file_format_for_path(std::string_view path) {
  if (path == "-") return FileFormat::Wav;
  const std::string name = std::filesystem::path(std::string(path)).filename().string();
  const auto dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0) {
    throw Error(ErrorCode::Usage,
                "output file '" + std::string(path) + "' has no extension (" + kSupported + ")");
  }
  std::string ext = name.substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".wav") return FileFormat::Wav;
  if (ext == ".flac") return FileFormat::Flac;
  if (ext == ".ogg" || ext == ".oga") return FileFormat::Ogg;
  if (ext == ".opus") return FileFormat::Opus;
  if (ext == ".mp3") return FileFormat::Mp3;
  throw Error(ErrorCode::Usage,
              "unsupported output format '" + name.substr(dot) + "' (" + kSupported + ")");
}

struct FileWriter::Impl {
  std::string path;
  FileFormat format = FileFormat::Wav;
  FileWriterOptions options;
  bool to_stdout = false;
  bool direct = false;  ///< an existing device or FIFO: written in place, never renamed over

  std::string temp_path;  ///< empty once renamed or removed
  int fd = -1;            ///< what is written; libsndfile borrows it and never closes it
  std::optional<WavStream> wav;
  long long wav_header_offset = 0;  ///< -1: a pipe, whose header cannot be rewritten
  SndfilePtr sndfile;
  std::optional<Resampler> resampler;
  std::unique_ptr<EncoderThread> encoder;
  AudioFormat input_format;
  bool started = false;
  bool finished = false;
  bool failed = false;  ///< an error already abandoned the output
  double encode_seconds = 0;

  ~Impl() { abandon(); }

  std::string shown_path() const { return to_stdout ? std::string("standard output") : path; }

  /// Drops everything unfinished; never throws (destructors and error paths).
  void abandon() noexcept {
    encoder.reset();  // first: its thread may be inside libsndfile
    sndfile.reset();
    if (fd >= 0 && !to_stdout) ::close(fd);
    fd = -1;
    if (!temp_path.empty()) {
      ::unlink(temp_path.c_str());
      temp_path.clear();
    }
  }

  [[noreturn]] void fail(const std::string& why) {
    failed = true;
    abandon();
    fail_output(shown_path(), why);
  }

  /// Runs on the encoder thread.
  void encode(std::span<const std::int16_t> samples) {
    write_encoded(resampler ? resampler->process(samples) : samples);
  }

  void write_encoded(std::span<const std::int16_t> samples) {
    if (samples.empty()) return;
    const auto count = static_cast<sf_count_t>(samples.size());
    // Some encoders (MP3) report every sample taken even when writing their frames failed;
    // libsndfile's error state says so.
    if (sf_write_short(sndfile.get(), samples.data(), count) != count ||
        sf_error(sndfile.get()) != SF_ERR_NO_ERROR) {
      fail_output(shown_path(), sf_strerror(sndfile.get()));
    }
  }

  /// Runs on the encoder thread, last. Encoders flush their final frames and libsndfile rewrites
  /// the header inside sf_close, so its errors count as much as those of sf_write_short.
  void close_encoder() {
    if (resampler) write_encoded(resampler->flush());
    if (sf_error(sndfile.get()) != SF_ERR_NO_ERROR) {
      fail_output(shown_path(), sf_strerror(sndfile.get()));
    }
    const int close_error = sf_close(sndfile.release());
    if (close_error != 0) fail_output(shown_path(), sf_error_number(close_error));
  }

  void start_encoder(const AudioFormat& input) {
    int file_rate_hz = input.sample_rate_hz;
    if (format == FileFormat::Opus && !opus_rate(file_rate_hz)) {
      file_rate_hz = 48000;
      resampler.emplace(input.sample_rate_hz, file_rate_hz, input.channels);
    }
    SF_INFO info{};
    info.samplerate = file_rate_hz;
    info.channels = input.channels;
    info.format = sndfile_format(format);
    if (!sf_format_check(&info)) {
      fail("libsndfile cannot write this format at " + std::to_string(file_rate_hz) + " Hz");
    }
    const FileMetadata& m = options.metadata;
    if (format == FileFormat::Mp3) {
      // narrate's own ID3v2 tag goes first; libsndfile writes the MP3 after it (it counts its
      // offsets from where the descriptor stands when it is opened).
      const auto tag = id3v2_tag({m.title, m.artist, m.album, m.track_number, "narrate"});
      if (!write_all(fd, tag.data(), tag.size())) fail(errno_text(errno));
    }
    sndfile.reset(sf_open_fd(fd, SFM_WRITE, &info, SF_FALSE));
    if (!sndfile) fail(sf_strerror(nullptr));
    if (format == FileFormat::Mp3) {
      start_encoder_thread();
      return;
    }
    // Vorbis comments (FLAC, Ogg, Opus) are UTF-8, so these pass through as they are. Formats
    // that reject a string go without: not worth failing for.
    if (!m.title.empty()) sf_set_string(sndfile.get(), SF_STR_TITLE, m.title.c_str());
    if (!m.artist.empty()) sf_set_string(sndfile.get(), SF_STR_ARTIST, m.artist.c_str());
    if (!m.album.empty()) sf_set_string(sndfile.get(), SF_STR_ALBUM, m.album.c_str());
    if (!m.track_number.empty()) {
      sf_set_string(sndfile.get(), SF_STR_TRACKNUMBER, m.track_number.c_str());
    }
    sf_set_string(sndfile.get(), SF_STR_SOFTWARE, "narrate");
    start_encoder_thread();
  }

  void start_encoder_thread() {
    encoder = std::make_unique<EncoderThread>(
        [this](std::span<const std::int16_t> samples) { encode(samples); },
        [this] { close_encoder(); }, options.queue_samples);
  }

  /// The data outgrew a plain WAV header that had no room for ds64: a new temporary gets the
  /// RF64 header and the samples and tags behind it. Costs a copy, once, past 4 GiB of audio.
  void copy_behind_rf64_header() {
    std::string copy_path;
    const int out = make_temporary(path, copy_path);
    if (out < 0) fail(errno_text(errno));
    const auto trailer =
        WavStream::info_chunk({options.metadata.title, options.metadata.artist,
                               options.metadata.album, options.metadata.track_number, "narrate"});
    const auto header = WavStream::header(input_format.sample_rate_hz, input_format.channels,
                                          wav->data_bytes(), trailer.size(), true, true, false);
    bool ok = write_all(out, header.data(), header.size());
    std::vector<unsigned char> buffer(1u << 20);
    auto offset = static_cast<off_t>(wav->header_bytes());
    std::uint64_t left = wav->data_bytes() + trailer.size();
    while (ok && left > 0) {
      const ssize_t n =
          ::pread(fd, buffer.data(), std::min<std::uint64_t>(left, buffer.size()), offset);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        if (n == 0) errno = EIO;
        ok = false;
        break;
      }
      ok = write_all(out, buffer.data(), static_cast<std::size_t>(n));
      offset += n;
      left -= static_cast<std::uint64_t>(n);
    }
    const int error = errno;
    ::close(fd);
    ::unlink(temp_path.c_str());
    fd = out;
    temp_path = copy_path;
    if (!ok) fail(errno_text(error));
  }
};

FileWriter::FileWriter(std::string path, FileMetadata metadata)
    : FileWriter(std::move(path), FileWriterOptions{std::move(metadata)}) {}

FileWriter::FileWriter(std::string path, FileWriterOptions options)
    : impl_(std::make_unique<Impl>()) {
  Impl& im = *impl_;
  im.format = file_format_for_path(path);
  im.path = std::move(path);
  im.options = std::move(options);
  if (im.path == "-") {
    im.to_stdout = true;
    im.fd = STDOUT_FILENO;
    return;
  }
  struct stat st {};
  if (::stat(im.path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) fail_output(im.path, errno_text(EISDIR));
    if (!S_ISREG(st.st_mode)) {
      // A FIFO or a device is written in place: renaming a temporary over it would replace the
      // device node (as root, /dev/full) instead of writing to it.
      const int fd = ::open(im.path.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0) fail_output(im.path, errno_text(errno));
      im.fd = fd;
      im.direct = true;
      return;
    }
  }
  const int fd = make_temporary(im.path, im.temp_path);
  if (fd < 0) fail_output(im.path, errno_text(errno));
  im.fd = fd;
}

FileWriter::~FileWriter() = default;

void FileWriter::start(const AudioFormat& format) {
  Impl& im = *impl_;
  if (im.started) fail_output(im.path, "start() called twice");
  if (format.sample_rate_hz <= 0 || format.channels <= 0) {
    im.fail("invalid audio format (" + std::to_string(format.sample_rate_hz) + " Hz, " +
            std::to_string(format.channels) + " channels)");
  }
  im.input_format = format;
  im.started = true;

  if (im.format != FileFormat::Wav) {
    im.start_encoder(format);
    return;
  }
  WavTags tags;
  if (!im.to_stdout) {
    const FileMetadata& m = im.options.metadata;
    tags = {m.title, m.artist, m.album, m.track_number, "narrate"};
  }
  // Room for an RF64 header only where the audio may come near 4 GiB (27 hours at 22050 Hz):
  // everything shorter keeps the canonical 44-byte header.
  const double expected_bytes = im.options.expected_seconds * wav_bytes_per_second(format);
  const bool reserve_ds64 = !im.to_stdout && expected_bytes > double(im.options.wav_riff_limit) / 2;
  // Where the header goes, so that it can be rewritten with the sizes at the end: not on a pipe.
  im.wav_header_offset = ::lseek(im.fd, 0, SEEK_CUR);
  struct stat st {};
  if (im.wav_header_offset < 0 || ::fstat(im.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    im.wav_header_offset = -1;
  }
  im.wav.emplace(im.fd, format.sample_rate_hz, format.channels, std::move(tags), reserve_ds64,
                 im.options.wav_riff_limit);
  if (!im.wav->begin()) im.fail(errno_text(errno));
}

void FileWriter::write(std::span<const std::int16_t> samples) {
  Impl& im = *impl_;
  if (!im.started || im.finished || im.failed) {
    fail_output(im.shown_path(), im.failed     ? "an earlier write failed"
                                 : im.finished ? "write() after finish()"
                                               : "write() before start()");
  }
  if (im.wav) {
    if (!im.wav->write(samples)) im.fail(errno_text(errno));
    return;
  }
  try {
    im.encoder->push(samples);
  } catch (...) {
    im.failed = true;
    im.abandon();
    throw;
  }
}

void FileWriter::finish() {
  Impl& im = *impl_;
  if (im.finished) return;
  if (im.failed) fail_output(im.shown_path(), "an earlier write failed");
  if (!im.started) start(AudioFormat{});  // an empty but valid file, as for an empty article

  if (im.wav) {
    const bool ok = im.wav->finish(im.wav_header_offset);
    // On standard output the header is best effort: a stream that cannot be patched still
    // plays to its end.
    if (!ok && !im.to_stdout) im.fail(errno_text(errno));
    if (im.to_stdout) {
      im.finished = true;
      return;
    }
    if (im.wav->needs_rf64_copy() && !im.direct) im.copy_behind_rf64_header();
  } else {
    try {
      im.encoder->finish();
    } catch (...) {
      im.encode_seconds = im.encoder->busy_seconds();
      im.failed = true;
      im.abandon();
      throw;
    }
    im.encode_seconds = im.encoder->busy_seconds();
    im.encoder.reset();
  }
  if (im.direct) {
    const int fd = im.fd;
    im.fd = -1;
    if (::close(fd) != 0) im.fail(errno_text(errno));
    im.finished = true;
    return;
  }
  if (::fsync(im.fd) != 0) im.fail(errno_text(errno));
  const int fd = im.fd;
  im.fd = -1;
  if (::close(fd) != 0) im.fail(errno_text(errno));
  if (::rename(im.temp_path.c_str(), im.path.c_str()) != 0) im.fail(errno_text(errno));
  im.temp_path.clear();
  im.finished = true;
}

double FileWriter::encode_seconds() const noexcept { return impl_->encode_seconds; }

const std::string& FileWriter::path() const { return impl_->path; }

}  // namespace narrate::audio
