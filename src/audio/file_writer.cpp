// audio/file_writer.cpp - audio files through libsndfile, written to a temporary name and renamed
#include "audio/file_writer.hpp"

#include <fcntl.h>
#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include "audio/resampler.hpp"
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

/// The libsndfile major|subtype for a format.
int sndfile_format(FileFormat format) {
  switch (format) {
    // RF64 with auto-downgrade: a plain RIFF WAV unless the data passes 4 GiB, when a RIFF
    // header could no longer hold the sizes.
    case FileFormat::Wav: return SF_FORMAT_RF64 | SF_FORMAT_PCM_16;
    case FileFormat::Flac: return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    case FileFormat::Ogg: return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    case FileFormat::Opus: return SF_FORMAT_OGG | SF_FORMAT_OPUS;
    case FileFormat::Mp3: return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
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

/// write(2) until done; false with errno set on failure.
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

void put_le(std::vector<unsigned char>& out, std::uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<unsigned char>(value >> (8 * i)));
}

/// A canonical 44-byte PCM16 WAV header. A pipe cannot be rewound to fill in the sizes at the
/// end, so streaming writes 0xFFFFFFFF ("until the end of the stream"), which ffmpeg, sox,
/// libsndfile and browsers accept.
std::vector<unsigned char> wav_header(int rate_hz, int channels, std::uint32_t data_bytes) {
  std::vector<unsigned char> h;
  const auto riff_size = data_bytes == 0xFFFFFFFFu ? data_bytes : data_bytes + 36;
  const auto block_align = static_cast<std::uint32_t>(channels * 2);
  h.insert(h.end(), {'R', 'I', 'F', 'F'});
  put_le(h, riff_size, 4);
  h.insert(h.end(), {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '});
  put_le(h, 16, 4);
  put_le(h, 1, 2);  // PCM
  put_le(h, static_cast<std::uint32_t>(channels), 2);
  put_le(h, static_cast<std::uint32_t>(rate_hz), 4);
  put_le(h, static_cast<std::uint32_t>(rate_hz) * block_align, 4);
  put_le(h, block_align, 2);
  put_le(h, 16, 2);
  h.insert(h.end(), {'d', 'a', 't', 'a'});
  put_le(h, data_bytes, 4);
  return h;
}

}  // namespace

FileFormat file_format_for_path(std::string_view path) {
  if (path == "-") return FileFormat::Wav;
  const std::string name = std::filesystem::path(std::string(path)).filename().string();
  const auto dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0) {
    throw Error(ErrorCode::Usage, "output file '" + std::string(path) + "' has no extension (" +
                                      kSupported + ")");
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
  FileMetadata metadata;
  bool to_stdout = false;

  std::string temp_path;  ///< empty once renamed or removed
  int fd = -1;            ///< the temporary file; libsndfile borrows it and never closes it
  SndfilePtr sndfile;
  std::optional<Resampler> resampler;
  AudioFormat input_format;
  bool started = false;
  bool finished = false;
  bool failed = false;  ///< an error already abandoned the output

  // "-": a hand-written WAV stream on fd 1.
  std::uint64_t stdout_data_bytes = 0;
  off_t stdout_header_offset = -1;  ///< where the header went, when stdout is a regular file

  ~Impl() { abandon(); }

  /// Drops everything unfinished; never throws (destructors and error paths).
  void abandon() noexcept {
    sndfile.reset();
    if (fd >= 0) {
      ::close(fd);
      fd = -1;
    }
    if (!temp_path.empty()) {
      ::unlink(temp_path.c_str());
      temp_path.clear();
    }
  }

  [[noreturn]] void fail(const std::string& why) {
    failed = true;
    abandon();
    fail_output(to_stdout ? std::string("standard output") : path, why);
  }

  void check_sndfile_write(sf_count_t wanted, sf_count_t written) {
    if (written != wanted) fail(sf_strerror(sndfile.get()));
  }

  void write_encoded(std::span<const std::int16_t> samples) {
    if (samples.empty()) return;
    const auto count = static_cast<sf_count_t>(samples.size());
    check_sndfile_write(count, sf_write_short(sndfile.get(), samples.data(), count));
  }

  void write_stdout(std::span<const std::int16_t> samples) {
    if (samples.empty()) return;
    const std::size_t bytes = samples.size() * sizeof(std::int16_t);
    bool ok = true;
    if constexpr (std::endian::native == std::endian::little) {
      ok = write_all(STDOUT_FILENO, samples.data(), bytes);
    } else {
      std::vector<unsigned char> le;
      le.reserve(bytes);
      for (std::int16_t s : samples) put_le(le, static_cast<std::uint16_t>(s), 2);
      ok = write_all(STDOUT_FILENO, le.data(), le.size());
    }
    if (!ok) fail(errno_text(errno));
    stdout_data_bytes += bytes;
  }
};

FileWriter::FileWriter(std::string path, FileMetadata metadata) : impl_(std::make_unique<Impl>()) {
  impl_->format = file_format_for_path(path);
  impl_->path = std::move(path);
  impl_->metadata = std::move(metadata);
  if (impl_->path == "-") {
    impl_->to_stdout = true;
    return;
  }
  const std::filesystem::path target(impl_->path);
  struct stat st {};
  if (::stat(impl_->path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    fail_output(impl_->path, errno_text(EISDIR));
  }
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  // The temporary in the same directory, so the final rename() is atomic and never crosses
  // file systems; hidden so a half-written file does not show up in listings.
  std::string templ = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(templ.data());
  if (fd < 0) fail_output(impl_->path, errno_text(errno));
  impl_->fd = fd;
  impl_->temp_path = templ;
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  // mkstemp makes 0600; the finished file should get the mode any new file would.
  ::fchmod(fd, 0666 & ~current_umask());
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

  if (im.to_stdout) {
    // Remember where the header goes: when stdout is a regular file it can be fixed at the end.
    struct stat st {};
    if (::fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
      im.stdout_header_offset = ::lseek(STDOUT_FILENO, 0, SEEK_CUR);
    }
    const auto header = wav_header(format.sample_rate_hz, format.channels, 0xFFFFFFFFu);
    if (!write_all(STDOUT_FILENO, header.data(), header.size())) im.fail(errno_text(errno));
    return;
  }

  int file_rate_hz = format.sample_rate_hz;
  if (im.format == FileFormat::Opus && !opus_rate(file_rate_hz)) {
    file_rate_hz = 48000;
    im.resampler.emplace(format.sample_rate_hz, file_rate_hz, format.channels);
  }
  SF_INFO info{};
  info.samplerate = file_rate_hz;
  info.channels = format.channels;
  info.format = sndfile_format(im.format);
  if (!sf_format_check(&info)) {
    im.fail("libsndfile cannot write this format at " + std::to_string(file_rate_hz) + " Hz");
  }
  im.sndfile.reset(sf_open_fd(im.fd, SFM_WRITE, &info, SF_FALSE));
  if (!im.sndfile) im.fail(sf_strerror(nullptr));
  if (im.format == FileFormat::Wav) {
    sf_command(im.sndfile.get(), SFC_RF64_AUTO_DOWNGRADE, nullptr, SF_TRUE);
  }
  // Formats without tags (or which reject a string) simply go without: not worth failing for.
  if (!im.metadata.title.empty()) {
    sf_set_string(im.sndfile.get(), SF_STR_TITLE, im.metadata.title.c_str());
  }
  if (!im.metadata.artist.empty()) {
    sf_set_string(im.sndfile.get(), SF_STR_ARTIST, im.metadata.artist.c_str());
  }
  sf_set_string(im.sndfile.get(), SF_STR_SOFTWARE, "narrate");
}

void FileWriter::write(std::span<const std::int16_t> samples) {
  Impl& im = *impl_;
  if (!im.started || im.finished || im.failed) {
    fail_output(im.path, im.failed     ? "an earlier write failed"
                         : im.finished ? "write() after finish()"
                                       : "write() before start()");
  }
  if (im.to_stdout) {
    im.write_stdout(samples);
  } else if (im.resampler) {
    im.write_encoded(im.resampler->process(samples));
  } else {
    im.write_encoded(samples);
  }
}

void FileWriter::finish() {
  Impl& im = *impl_;
  if (im.finished) return;
  if (im.failed) fail_output(im.path, "an earlier write failed");
  if (!im.started) start(AudioFormat{});  // an empty but valid file, as for an empty article

  if (im.to_stdout) {
    im.finished = true;
    if (im.stdout_header_offset >= 0 && im.stdout_data_bytes <= 0xFFFFFFFFull - 36) {
      const auto header = wav_header(im.input_format.sample_rate_hz, im.input_format.channels,
                                     static_cast<std::uint32_t>(im.stdout_data_bytes));
      // Best effort: a file that cannot be patched is still a playable stream.
      [[maybe_unused]] ssize_t n =
          ::pwrite(STDOUT_FILENO, header.data(), header.size(), im.stdout_header_offset);
    }
    return;
  }

  if (im.resampler) im.write_encoded(im.resampler->flush());
  // Encoders flush their last blocks and libsndfile rewrites the header inside sf_close, so its
  // errors count as much as those of sf_write_short.
  if (sf_error(im.sndfile.get()) != SF_ERR_NO_ERROR) im.fail(sf_strerror(im.sndfile.get()));
  const int close_error = sf_close(im.sndfile.release());
  if (close_error != 0) im.fail(sf_error_number(close_error));
  if (::fsync(im.fd) != 0) im.fail(errno_text(errno));
  const int fd = im.fd;
  im.fd = -1;
  if (::close(fd) != 0) im.fail(errno_text(errno));
  if (::rename(im.temp_path.c_str(), im.path.c_str()) != 0) im.fail(errno_text(errno));
  im.temp_path.clear();
  im.finished = true;
}

}  // namespace narrate::audio
