// audio/file_writer.cpp - audio files through libsndfile, written to a temporary name and renamed
#include "audio/file_writer.hpp"

#include <fcntl.h>
#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <optional>
#include <vector>

#include "audio/encoder_thread.hpp"
#include "audio/id3_tag.hpp"
#include "audio/ogg_comments.hpp"
#include "audio/resampler.hpp"
#include "audio/wav_stream.hpp"
#include "narrate/error.hpp"
#include "util/atomic_file.hpp"
#include "util/strings.hpp"

namespace narrate::audio {

namespace {

constexpr const char* kSupported = "use .wav, .flac, .ogg, .opus or .mp3";

[[noreturn]] void fail_output(const std::string& path, const std::string& why) {
  throw Error(ErrorCode::Output, "cannot write '" + path + "': " + why);
}

/// The system's reason, with what it means for the listener where that is not obvious.
std::string system_error_text(int error) {
  std::string text = std::strerror(error);
  switch (error) {
    case ENOSPC:
      return text + " (the disk is full)";
    case EDQUOT:
      return text + " (the disk quota is used up)";
    case EFBIG:
      return text + " (too large for this file system)";
    case EROFS:
      return text + " (the file system is read-only)";
    case EACCES:
    case EPERM:
      return text + " (no permission to write there)";
    default:
      return text;
  }
}

std::string format_name(FileFormat format) {
  switch (format) {
    case FileFormat::Wav:
      return "WAV";
    case FileFormat::Flac:
      return "FLAC";
    case FileFormat::Ogg:
      return "Ogg Vorbis";
    case FileFormat::Opus:
      return "Opus";
    case FileFormat::Mp3:
      return "MP3";
  }
  return "audio";
}

/// libsndfile's I/O on a descriptor, through its virtual I/O: positions count from `base`
/// (where the descriptor stood when the encoder opened, after an MP3's ID3 tag), and the
/// system's error of a failed call is kept, which libsndfile's encoders turn into "Unspecified
/// internal error." or a complaint about a decoder.
struct FdIo {
  int fd = -1;
  sf_count_t base = 0;
  int error = 0;  ///< errno of the first failed call
};

FdIo& io_of(void* user) { return *static_cast<FdIo*>(user); }

sf_count_t io_length(void* user) {
  FdIo& io = io_of(user);
  struct stat st {};
  if (::fstat(io.fd, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  return std::max<sf_count_t>(0, st.st_size - io.base);
}

sf_count_t io_seek(sf_count_t offset, int whence, void* user) {
  FdIo& io = io_of(user);
  const off_t at = ::lseek(io.fd, whence == SEEK_SET ? offset + io.base : offset, whence);
  if (at < 0) {
    if (io.error == 0 && errno != ESPIPE) io.error = errno;
    return -1;
  }
  return at - io.base;
}

sf_count_t io_read(void* ptr, sf_count_t count, void* user) {
  FdIo& io = io_of(user);
  sf_count_t done = 0;
  while (done < count) {
    const ssize_t n =
        ::read(io.fd, static_cast<char*>(ptr) + done, static_cast<std::size_t>(count - done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // libsndfile reads back its own header; a short read is its business
    done += n;
  }
  return done;
}

sf_count_t io_write(const void* ptr, sf_count_t count, void* user) {
  FdIo& io = io_of(user);
  sf_count_t done = 0;
  while (done < count) {
    const ssize_t n = ::write(io.fd, static_cast<const char*>(ptr) + done,
                              static_cast<std::size_t>(count - done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (io.error == 0) io.error = n < 0 ? errno : EIO;
      break;
    }
    done += n;
  }
  return done;
}

sf_count_t io_tell(void* user) {
  FdIo& io = io_of(user);
  const off_t at = ::lseek(io.fd, 0, SEEK_CUR);
  return at < 0 ? 0 : at - io.base;
}

SF_VIRTUAL_IO fd_io_calls() { return {io_length, io_seek, io_read, io_write, io_tell}; }

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

/// Lossy encoders let true peaks grow a little (their quantization noise adds to the waveform);
/// the limiter leaves them this much room below the ceiling. Lossless files get a little too:
/// other meters oversample with other filters and may read a peak a few hundredths higher.
double encoder_peak_margin_db(FileFormat format) {
  switch (format) {
    case FileFormat::Mp3:
    case FileFormat::Ogg:
    case FileFormat::Opus:
      return 1.0;
    case FileFormat::Wav:
    case FileFormat::Flac:
      break;
  }
  return 0.1;
}

/// libsndfile's compression level (0 best .. 1 smallest) for about `kbps` kbit/s, from how each
/// of its encoders maps the level (mpeg_l3_encode.c, ogg_opus.c, ogg_vorbis.c in libsndfile 1.2).
double compression_for_bitrate(FileFormat format, int kbps, int rate_hz, int channels) {
  double level = 0.5;
  if (format == FileFormat::Mp3) {
    // LAME's range per MPEG version: 32..320 (MPEG-1), 8..160 (MPEG-2), 8..64 (MPEG-2.5).
    const double top = rate_hz >= 32000 ? 320 : rate_hz >= 16000 ? 160 : 64;
    const double bottom = rate_hz >= 32000 ? 32 : 8;
    level = (top - kbps - 0.5) / (top - bottom);  // -0.5: libsndfile truncates the rate it makes
  } else if (format == FileFormat::Opus) {
    level = 1.0 - ((kbps * 1000.0 / std::max(1, channels)) - 6000.0) / 250000.0;
  } else if (format == FileFormat::Ogg) {
    // Vorbis is variable bitrate by quality; measured on narrate's speech (mono, 22050 Hz):
    // about 30 kbit/s at quality 0.1, 45 at 0.4 (the default), 80 at 0.7, 110 at 1.0.
    const double quality = kbps <= 30   ? 0.1
                           : kbps <= 45 ? 0.1 + 0.3 * (kbps - 30) / 15.0
                           : kbps <= 80 ? 0.4 + 0.3 * (kbps - 45) / 35.0
                                        : 0.7 + 0.3 * (kbps - 80) / 30.0;
    level = 1.0 - quality;
  }
  return std::clamp(level, 0.0, 1.0);
}

/// "2026-12-03" -> year "2026", DDMM "0312" for ID3v2.3.
void split_date(const std::string& date, std::string& year, std::string& day_month) {
  if (date.size() >= 4) year = date.substr(0, 4);
  if (date.size() >= 10) day_month = date.substr(8, 2) + date.substr(5, 2);
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
  util::AtomicFile file;  ///< the output (in place for a device or FIFO); unused on stdout
  int fd = -1;            ///< what is written; libsndfile borrows it and never closes it
  FdIo io;                ///< libsndfile's I/O on fd, keeping the system's error
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
  std::unique_ptr<LoudnessSpool> spool;  ///< the audio until finish() (see FileWriter)
  std::vector<FileChapter> chapters;     ///< where boundary() said chapters begin
  std::int64_t frames_in = 0;            ///< frames given to write()
  LoudnessReport loudness;
  std::vector<std::string> extra_comments;  ///< Vorbis comments patched in after encoding

  bool wants_spool() const {
    return !to_stdout && (options.loudness || options.chapters || options.deferred);
  }

  /// Loudness alone spools in windows: each is normalized and written at a paragraph break once
  /// it holds loudness_window_seconds, while the rest is still being made (five minutes of
  /// speech measure a voice's loudness well). Chapters and deferred tags need the whole file
  /// first. WAV only: the compressed formats encode on a second thread, and that thread must
  /// not run while synthesis forks its worker processes (a lock it holds at the fork, in the
  /// allocator or the encoder, would stay locked in the child forever), so they are encoded
  /// from the spool at the end, when the workers are done.
  bool windowed() const {
    return format == FileFormat::Wav && options.loudness && !options.chapters && !options.deferred;
  }

  /// Normalizes and writes out what the spool holds.
  void replay_spool() {
    std::optional<LoudnessTarget> target = options.loudness;
    if (target) target->true_peak_dbtp -= encoder_peak_margin_db(format);
    const LoudnessReport window =
        spool->replay(target ? &*target : nullptr, [this](std::span<const std::int16_t> samples) {
          if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
            throw Error(ErrorCode::Interrupted, "interrupted");
          }
          write_output(samples);
        });
    loudness.input_lufs = window.input_lufs;
    loudness.gain_db = window.gain_db;
    loudness.limited = loudness.limited || window.limited;
    loudness.frames += window.frames;
  }

  /// The chapters with a first one from 0 (the title), or none when no heading began one.
  std::vector<FileChapter> file_chapters() const {
    std::vector<FileChapter> out;
    if (chapters.empty()) return out;
    if (chapters.front().start_frame > 0) {
      out.push_back(
          {options.metadata.title.empty() ? std::string("Start") : options.metadata.title, 0});
    }
    out.insert(out.end(), chapters.begin(), chapters.end());
    return out;
  }

  std::int64_t frame_ms(std::int64_t frame) const {
    return input_format.sample_rate_hz > 0 ? frame * 1000 / input_format.sample_rate_hz : 0;
  }

  std::string track_text() const {
    const FileMetadata& m = options.metadata;
    if (m.track_number.empty() || m.track_total.empty()) return m.track_number;
    return m.track_number + "/" + m.track_total;
  }

  /// Writes one block of the audio as the file gets it (after any normalization).
  void write_output(std::span<const std::int16_t> samples) {
    if (wav) {
      if (!wav->write(samples)) fail(system_error_text(errno));
      return;
    }
    try {
      encoder->push(samples);
    } catch (...) {
      failed = true;
      abandon();
      throw;
    }
  }

  ~Impl() { abandon(); }

  std::string shown_path() const { return to_stdout ? std::string("standard output") : path; }

  /// Drops everything unfinished; never throws (destructors and error paths).
  void abandon() noexcept {
    encoder.reset();  // first: its thread may be inside libsndfile
    sndfile.reset();
    file.discard();
    fd = -1;
  }

  /// The system's own reason when a write underneath libsndfile failed (its message would say
  /// "Unspecified internal error."), else libsndfile's.
  std::string encoder_error(const std::string& library_message) const {
    if (io.error != 0) return system_error_text(io.error);
    return "the " + format_name(format) + " encoder failed (" + library_message + ")";
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
        sf_error(sndfile.get()) != SF_ERR_NO_ERROR || io.error != 0) {
      fail_output(shown_path(), encoder_error(sf_strerror(sndfile.get())));
    }
  }

  /// Runs on the encoder thread, last. Encoders flush their final frames and libsndfile rewrites
  /// the header inside sf_close, so its errors count as much as those of sf_write_short.
  void close_encoder() {
    if (resampler) write_encoded(resampler->flush());
    if (sf_error(sndfile.get()) != SF_ERR_NO_ERROR) {
      fail_output(shown_path(), encoder_error(sf_strerror(sndfile.get())));
    }
    const int close_error = sf_close(sndfile.release());
    if (close_error != 0 || io.error != 0) {
      fail_output(shown_path(), encoder_error(sf_error_number(close_error)));
    }
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
      fail(format_name(format) + " cannot hold audio at " + std::to_string(file_rate_hz) +
           " Hz with " + std::to_string(input.channels) + " channel(s)");
    }
    const FileMetadata& m = options.metadata;
    if (format == FileFormat::Mp3) {
      // narrate's own ID3v2 tag goes first; libsndfile writes the MP3 after it (it counts its
      // offsets from where the descriptor stands when it is opened).
      Id3Fields fields{m.title, m.artist, m.album, track_text(), "narrate"};
      split_date(m.date, fields.year, fields.day_month);
      fields.source_url = m.source_url;
      const std::vector<FileChapter> marks = file_chapters();
      for (std::size_t i = 0; i < marks.size(); ++i) {
        const std::int64_t end = i + 1 < marks.size() ? marks[i + 1].start_frame : frames_in;
        fields.chapters.push_back({marks[i].title,
                                   static_cast<std::uint32_t>(frame_ms(marks[i].start_frame)),
                                   static_cast<std::uint32_t>(frame_ms(end))});
      }
      const auto tag = id3v2_tag(fields);
      if (!write_all(fd, tag.data(), tag.size())) fail(system_error_text(errno));
    }
    io.fd = fd;
    io.base = ::lseek(fd, 0, SEEK_CUR);
    io.error = 0;
    if (io.base < 0) {
      // A pipe or FIFO: libsndfile must know it cannot seek (the MP3 encoder would go back for
      // its header), which it sees only on the descriptor itself.
      sndfile.reset(sf_open_fd(fd, SFM_WRITE, &info, SF_FALSE));
    } else {
      SF_VIRTUAL_IO calls = fd_io_calls();
      sndfile.reset(sf_open_virtual(&calls, SFM_WRITE, &info, &io));
    }
    if (!sndfile) {
      fail(io.error != 0 ? system_error_text(io.error)
                         : "the " + format_name(format) + " encoder could not start (" +
                               sf_strerror(nullptr) + ")");
    }
    if (options.bitrate_kbps > 0 && format != FileFormat::Flac) {
      if (format == FileFormat::Mp3) {
        int mode = SF_BITRATE_MODE_CONSTANT;
        sf_command(sndfile.get(), SFC_SET_BITRATE_MODE, &mode, sizeof mode);
      }
      double level =
          compression_for_bitrate(format, options.bitrate_kbps, file_rate_hz, input.channels);
      sf_command(sndfile.get(), SFC_SET_COMPRESSION_LEVEL, &level, sizeof level);
    }
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
    if (!m.date.empty()) sf_set_string(sndfile.get(), SF_STR_DATE, m.date.c_str());
    sf_set_string(sndfile.get(), SF_STR_SOFTWARE, "narrate");
    // What libsndfile has no key for goes in through a stand-in comment (audio/ogg_comments).
    if (format == FileFormat::Ogg || format == FileFormat::Opus) {
      if (!m.track_total.empty()) extra_comments.push_back("TRACKTOTAL=" + m.track_total);
      if (!m.source_url.empty()) extra_comments.push_back("URL=" + m.source_url);
      std::vector<CommentChapter> marks;
      for (const FileChapter& chapter : file_chapters()) {
        marks.push_back({chapter.title, frame_ms(chapter.start_frame)});
      }
      for (std::string& entry : chapter_comments(marks)) extra_comments.push_back(std::move(entry));
      const std::string stand_in = comment_placeholder(extra_comments);
      if (!stand_in.empty() &&
          sf_set_string(sndfile.get(), SF_STR_COMMENT, stand_in.c_str()) != SF_ERR_NO_ERROR) {
        extra_comments.clear();
      }
    }
    start_encoder_thread();
  }

  void start_encoder_thread() {
    encoder = std::make_unique<EncoderThread>(
        [this](std::span<const std::int16_t> samples) { encode(samples); },
        [this] { close_encoder(); }, options.queue_samples);
  }

  /// Opens the encoder (or the WAV stream) that makes the file.
  void start_output(const AudioFormat& input) {
    if (format != FileFormat::Wav) {
      start_encoder(input);
      return;
    }
    WavTags tags;
    if (!to_stdout) {
      const FileMetadata& m = options.metadata;
      tags = {m.title, m.artist, m.album, track_text(), "narrate"};
    }
    // Room for an RF64 header only where the audio may come near 4 GiB (27 hours at 22050 Hz):
    // everything shorter keeps the canonical 44-byte header.
    const double expected_bytes = options.expected_seconds * wav_bytes_per_second(input);
    const bool reserve_ds64 = !to_stdout && expected_bytes > double(options.wav_riff_limit) / 2;
    // Where the header goes, so that it can be rewritten with the sizes at the end: not on a pipe.
    wav_header_offset = ::lseek(fd, 0, SEEK_CUR);
    struct stat st {};
    if (wav_header_offset < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      wav_header_offset = -1;
    }
    wav.emplace(fd, input.sample_rate_hz, input.channels, std::move(tags), reserve_ds64,
                options.wav_riff_limit);
    if (!wav->begin()) fail(system_error_text(errno));
  }

  /// The data outgrew a plain WAV header that had no room for ds64: a new temporary gets the
  /// RF64 header and the samples and tags behind it. Costs a copy, once, past 4 GiB of audio.
  void copy_behind_rf64_header() {
    util::AtomicFile copy;
    try {
      copy = util::AtomicFile(path);
    } catch (const Error&) {
      failed = true;
      abandon();
      throw;
    }
    const int out = copy.fd();
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
    file = std::move(copy);  // the first temporary is removed
    fd = out;
    if (!ok) fail(system_error_text(error));
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
  // A temporary beside the path, renamed over it by finish(); an existing FIFO or device is
  // written in place (see util::AtomicFile).
  im.file = util::AtomicFile(im.path);
  im.fd = im.file.fd();
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
  if (im.wants_spool()) {
    try {
      const std::string dir = std::filesystem::path(im.path).parent_path().string();
      im.spool = std::make_unique<LoudnessSpool>(dir, im.path, format.sample_rate_hz,
                                                 format.channels, im.options.loudness.has_value());
      if (im.windowed()) im.start_output(format);
    } catch (const Error&) {
      im.failed = true;
      im.abandon();
      throw;
    }
    return;
  }
  im.start_output(format);
}

void FileWriter::write(std::span<const std::int16_t> samples) {
  Impl& im = *impl_;
  if (!im.started || im.finished || im.failed) {
    fail_output(im.shown_path(), im.failed     ? "an earlier write failed"
                                 : im.finished ? "write() after finish()"
                                               : "write() before start()");
  }
  im.frames_in += static_cast<std::int64_t>(samples.size()) / std::max(1, im.input_format.channels);
  if (!im.spool) {
    im.write_output(samples);
    return;
  }
  try {
    im.spool->write(samples);
  } catch (...) {
    im.failed = true;
    im.abandon();
    throw;
  }
}

void FileWriter::boundary(const SinkBoundary& between) {
  Impl& im = *impl_;
  if (im.spool && im.windowed() && between.paragraph && !im.failed && !im.finished &&
      double(im.spool->frames_held()) >=
          im.options.loudness_window_seconds * im.input_format.sample_rate_hz) {
    try {
      im.replay_spool();
    } catch (...) {
      im.failed = true;
      im.abandon();
      throw;
    }
  }
  if (!im.options.chapters || !between.chapter || im.frames_in == 0) return;
  im.chapters.push_back({between.next_title, im.frames_in});
}

void FileWriter::set_track_total(std::size_t total) {
  impl_->options.metadata.track_total = std::to_string(total);
}

const LoudnessReport& FileWriter::loudness_report() const noexcept { return impl_->loudness; }

void FileWriter::finish() {
  Impl& im = *impl_;
  if (im.finished) return;
  if (im.failed) fail_output(im.shown_path(), "an earlier write failed");
  if (!im.started) start(AudioFormat{});  // an empty but valid file, as for an empty article
  if (im.spool) {
    // Everything is known now: loudness, chapters, tags. The file is made from the spool (or
    // its last window).
    try {
      if (!im.windowed()) im.start_output(im.input_format);
      im.replay_spool();
      im.spool.reset();
    } catch (...) {
      im.failed = true;
      im.abandon();
      throw;
    }
  }

  if (im.wav) {
    const bool ok = im.wav->finish(im.wav_header_offset);
    // On standard output the header is best effort: a stream that cannot be patched still
    // plays to its end.
    if (!ok && !im.to_stdout) im.fail(system_error_text(errno));
    if (im.to_stdout) {
      im.finished = true;
      return;
    }
    if (im.wav->needs_rf64_copy() && !im.file.in_place()) im.copy_behind_rf64_header();
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
    if (!im.extra_comments.empty() && !patch_ogg_comments(im.fd, im.extra_comments)) {
      im.fail("could not add chapters and tags to the Ogg comment header");
    }
  }
  try {
    im.fd = -1;
    im.file.commit();  // fsync, rename (or only close, in place)
  } catch (const Error&) {
    im.failed = true;
    im.abandon();
    throw;
  }
  im.finished = true;
}

double FileWriter::encode_seconds() const noexcept { return impl_->encode_seconds; }

const std::string& FileWriter::path() const { return impl_->path; }

}  // namespace narrate::audio
