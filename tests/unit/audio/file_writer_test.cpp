// unit/audio/file_writer_test.cpp - FileWriter: formats read back, temporaries, errors, stdout
#include "audio/file_writer.hpp"

#include <gtest/gtest.h>
#include <sndfile.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "narrate/error.hpp"
#include "support/support.hpp"
#include "unit/audio/audio_test_util.hpp"

namespace narrate::audio {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

constexpr int kRate = 22050;

/// 1.5 s tone, 0.5 s silence, 1 s tone: 3 s in all, the pause at [1.5, 2.0).
std::vector<std::int16_t> test_signal() {
  auto s = test::tone(kRate, 1.5);
  test::append(s, test::silence(kRate, 0.5));
  test::append(s, test::tone(kRate, 1.0));
  return s;
}

/// Writes the signal in uneven blocks, as synthesis hands it over sentence by sentence.
void write_signal(FileWriter& writer) {
  const auto signal = test_signal();
  writer.start(AudioFormat{kRate, 1});
  std::span<const std::int16_t> rest(signal);
  std::size_t block = 1000;
  while (!rest.empty()) {
    const std::size_t n = std::min(block, rest.size());
    writer.write(rest.first(n));
    rest = rest.subspan(n);
    block = block * 3 / 2 + 7;
  }
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

struct FormatCase {
  std::string extension;
  int rate_hz;
  int major;
  int subtype;  ///< 0: not checked
};

class FileWriterFormat : public ::testing::TestWithParam<FormatCase> {};

TEST_P(FileWriterFormat, WritesSignalThatReadsBack) {
  const FormatCase& c = GetParam();
  TempDir dir;
  const fs::path path = dir / ("out" + c.extension);
  {
    FileWriter writer(path.string(), FileMetadata{"A Title", "An Artist", "", ""});
    write_signal(writer);
    writer.finish();
  }
  EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"out" + c.extension})
      << "the temporary is renamed, nothing else is left";

  const test::AudioProbe probe = test::probe_audio(path);
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_EQ(probe.sample_rate_hz, c.rate_hz);
  EXPECT_EQ(probe.channels, 1);
  if (c.major == SF_FORMAT_WAV) {
    // Auto-downgraded RF64: a RIFF WAVE whose JUNK chunk keeps room for a ds64 chunk.
    // libsndfile reports it as RF64 on reading; every WAV reader skips JUNK.
    const std::string head = test::read_file(path).substr(0, 12);
    EXPECT_EQ(head.substr(0, 4), "RIFF");
    EXPECT_EQ(head.substr(8, 4), "WAVE");
  } else {
    EXPECT_EQ(probe.format & SF_FORMAT_TYPEMASK, c.major);
  }
  if (c.subtype) {
    EXPECT_EQ(probe.format & SF_FORMAT_SUBMASK, c.subtype);
  }
  // Lossy encoders pad to whole frames; more than 0.1 s would mean lost or invented audio.
  EXPECT_NEAR(probe.seconds(), 3.0, 0.1);

  const auto silences =
      test::find_silences(probe.samples, 300, static_cast<std::int64_t>(0.3 * c.rate_hz));
  ASSERT_EQ(silences.size(), 1u) << "one pause, no gaps inside the tones";
  EXPECT_NEAR(double(silences[0].begin) / c.rate_hz, 1.5, 0.05);
  EXPECT_NEAR(double(silences[0].end) / c.rate_hz, 2.0, 0.05);
}

INSTANTIATE_TEST_SUITE_P(
    Formats, FileWriterFormat,
    ::testing::Values(FormatCase{".wav", kRate, SF_FORMAT_WAV, SF_FORMAT_PCM_16},
                      FormatCase{".flac", kRate, SF_FORMAT_FLAC, SF_FORMAT_PCM_16},
                      FormatCase{".ogg", kRate, SF_FORMAT_OGG, SF_FORMAT_VORBIS},
                      FormatCase{".opus", 48000, SF_FORMAT_OGG, SF_FORMAT_OPUS},
                      FormatCase{".mp3", kRate, SF_FORMAT_MPEG, 0}),
    [](const auto& param_info) { return param_info.param.extension.substr(1); });

TEST(FileWriter, MetadataIsWrittenWhereTheFormatHasTags) {
  for (const std::string ext : {".wav", ".flac", ".ogg", ".opus", ".mp3"}) {
    TempDir dir;
    const fs::path path = dir / ("tagged" + ext);
    FileWriter writer(path.string(), FileMetadata{"Breaking News", "narrate test", "", ""});
    write_signal(writer);
    writer.finish();
    SF_INFO info{};
    SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
    ASSERT_NE(file, nullptr) << ext;
    const char* title = sf_get_string(file, SF_STR_TITLE);
    const char* artist = sf_get_string(file, SF_STR_ARTIST);
    EXPECT_STREQ(title ? title : "", "Breaking News") << ext;
    EXPECT_STREQ(artist ? artist : "", "narrate test") << ext;
    sf_close(file);
  }
}

TEST(FileWriter, UppercaseExtensionAndOverwrite) {
  TempDir dir;
  const fs::path path = dir / "OUT.WAV";
  test::write_file(path, "old contents");
  FileWriter writer(path.string());
  write_signal(writer);
  writer.finish();
  const auto probe = test::probe_audio(path);
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_NEAR(probe.seconds(), 3.0, 0.001);
}

TEST(FileWriter, FinalFileGetsTheUsualMode) {
  TempDir dir;
  const fs::path path = dir / "mode.wav";
  const mode_t old = ::umask(022);
  {
    FileWriter writer(path.string());
    write_signal(writer);
    writer.finish();
  }
  ::umask(old);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u) << "not mkstemp's 0600";
}

TEST(FileWriter, UnfinishedWriterLeavesNothing) {
  TempDir dir;
  const fs::path path = dir / "partial.flac";
  {
    FileWriter writer(path.string());
    EXPECT_EQ(entries(dir.path()).size(), 1u) << "the temporary exists while writing";
    EXPECT_EQ(entries(dir.path())[0].rfind(".partial.flac.", 0), 0u) << entries(dir.path())[0];
    write_signal(writer);
  }
  EXPECT_TRUE(entries(dir.path()).empty());
  { FileWriter never_started((dir / "never.wav").string()); }
  EXPECT_TRUE(entries(dir.path()).empty());
}

TEST(FileWriter, UnfinishedWriterKeepsAnExistingFile) {
  TempDir dir;
  const fs::path path = dir / "keep.wav";
  test::write_file(path, "previous");
  {
    FileWriter writer(path.string());
    write_signal(writer);
  }
  EXPECT_EQ(test::read_file(path), "previous");
}

TEST(FileWriter, EmptyAudioMakesAValidEmptyFile) {
  TempDir dir;
  const fs::path path = dir / "empty.wav";
  FileWriter writer(path.string());
  writer.start(AudioFormat{kRate, 1});
  writer.finish();
  const auto probe = test::probe_audio(path);
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_EQ(probe.samples.size(), 0u);
}

TEST(FileWriter, UnknownExtensionIsAUsageError) {
  TempDir dir;
  try {
    FileWriter writer((dir / "x.xyz").string());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Usage);
    EXPECT_STREQ(e.what(),
                 "unsupported output format '.xyz' (use .wav, .flac, .ogg, .opus or .mp3)");
  }
  EXPECT_TRUE(entries(dir.path()).empty());
  try {
    file_format_for_path("noext");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Usage);
  }
}

TEST(FileWriter, FormatForPath) {
  EXPECT_EQ(file_format_for_path("-"), FileFormat::Wav);
  EXPECT_EQ(file_format_for_path("a/b.c/x.Flac"), FileFormat::Flac);
  EXPECT_EQ(file_format_for_path("x.ogg"), FileFormat::Ogg);
  EXPECT_EQ(file_format_for_path("x.opus"), FileFormat::Opus);
  EXPECT_EQ(file_format_for_path("x.MP3"), FileFormat::Mp3);
  EXPECT_THROW(file_format_for_path("dir.wav/x"), Error);
}

TEST(FileWriter, MissingDirectoryIsAnOutputError) {
  TempDir dir;
  const std::string path = (dir / "no-such-dir" / "y.wav").string();
  try {
    FileWriter writer(path);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Output);
    EXPECT_EQ(std::string(e.what()), "cannot write '" + path + "': No such file or directory");
  }
}

TEST(FileWriter, DirectoryAsPathIsAnOutputError) {
  TempDir dir;
  fs::create_directory(dir / "d.wav");
  try {
    FileWriter writer((dir / "d.wav").string());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Output);
    EXPECT_NE(std::string(e.what()).find("Is a directory"), std::string::npos) << e.what();
  }
}

void check_stream_wav(const std::string& bytes, const fs::path& save_as, bool sizes_known) {
  ASSERT_GE(bytes.size(), 44u);
  EXPECT_EQ(bytes.substr(0, 4), "RIFF");
  EXPECT_EQ(bytes.substr(8, 4), "WAVE");
  std::uint32_t data_size = 0;
  std::memcpy(&data_size, bytes.data() + 40, 4);
  if (sizes_known) {
    EXPECT_EQ(data_size, bytes.size() - 44);
  } else {
    EXPECT_EQ(data_size, 0xFFFFFFFFu) << "a pipe cannot be rewound: sizes say 'to the end'";
  }
  test::write_file(save_as, bytes);
  const auto probe = test::probe_audio(save_as);
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_EQ(probe.sample_rate_hz, kRate);
  EXPECT_EQ(probe.channels, 1);
  EXPECT_NEAR(probe.seconds(), 3.0, 0.001);
  EXPECT_EQ(test::find_silences(probe.samples, 300, kRate / 4).size(), 1u);
}

TEST(FileWriter, DashStreamsWavToAPipe) {
  TempDir dir;
  const auto child = test::run_in_child([] {
    FileWriter writer("-");
    write_signal(writer);
    writer.finish();
    return 0;
  });
  ASSERT_EQ(child.exit_code, 0);
  EXPECT_EQ(child.out.size(), 44u + 3u * kRate * 2);
  check_stream_wav(child.out, dir / "piped.wav", false);
}

TEST(FileWriter, DashIntoARegularFileGetsRealSizes) {
  TempDir dir;
  const fs::path path = dir / "redirected.wav";
  const auto child = test::run_in_child([&] {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f || ::dup2(fileno(f), STDOUT_FILENO) < 0) return 2;
    FileWriter writer("-");
    write_signal(writer);
    writer.finish();
    return 0;
  });
  ASSERT_EQ(child.exit_code, 0);
  check_stream_wav(test::read_file(path), dir / "copy.wav", true);
}

/// Writes 60 s of audio where less fits; 0 when the right error came and nothing was left.
int write_until_full(const fs::path& dir, const std::string& name) {
  try {
    FileWriter writer((dir / name).string());
    writer.start(AudioFormat{kRate, 1});
    const auto second = test::tone(kRate, 1.0);
    // Long enough that even 24 kbit/s Opus outgrows the limits below.
    for (int i = 0; i < 60; ++i) writer.write(second);
    writer.finish();
    return 1;
  } catch (const Error& e) {
    if (e.code() != ErrorCode::Output) return 3;
    if (std::string(e.what()).find("cannot write '") != 0) return 4;
  }
  return entries(dir).empty() ? 0 : 5;
}

TEST(FileWriter, WriteErrorRemovesTheTemporary) {
  // A file-size limit fails write(2) with EFBIG like a full disk fails it with ENOSPC, and needs
  // no privileges; the child keeps the limit away from the rest of the suite.
  TempDir dir;
  for (const std::string name : {"big.wav", "big.flac", "big.ogg", "big.opus", "big.mp3"}) {
    const auto child = test::run_in_child([&] {
      std::signal(SIGXFSZ, SIG_IGN);
      const rlimit limit{64 * 1024, 64 * 1024};
      if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return 2;
      return write_until_full(dir.path(), name);
    });
    EXPECT_EQ(child.exit_code, 0) << name;
    EXPECT_TRUE(entries(dir.path()).empty()) << name;
  }
}

TEST(FileWriter, FullDiskRemovesTheTemporary) {
  TempDir dir;
  const fs::path mount_point = dir / "small";
  fs::create_directory(mount_point);
  if (::mount("tmpfs", mount_point.c_str(), "tmpfs", 0, "size=64k") != 0) {
    GTEST_SKIP() << "cannot mount a small tmpfs here: " << std::strerror(errno);
  }
  const int code = write_until_full(mount_point, "full.wav");
  EXPECT_TRUE(entries(mount_point).empty());
  ::umount2(mount_point.c_str(), MNT_DETACH);
  EXPECT_EQ(code, 0);
}

std::uint32_t le32(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  std::memcpy(&value, bytes.data() + at, 4);
  return value;
}

std::uint16_t le16(const std::string& bytes, std::size_t at) {
  std::uint16_t value = 0;
  std::memcpy(&value, bytes.data() + at, 2);
  return value;
}

TEST(FileWriter, WavIsPlainPcmWithTagsAfterTheSamples) {
  // What Python's wave module and every player read: RIFF, fmt with WAVE_FORMAT_PCM (not
  // EXTENSIBLE), data at byte 36, samples from 44; LIST/INFO after them.
  TempDir dir;
  const fs::path path = dir / "plain.wav";
  {
    FileWriter writer(path.string(), FileMetadata{"Caf\xC3\xA9 News", "Desk", "", ""});
    write_signal(writer);
    writer.finish();
  }
  const std::string bytes = test::read_file(path);
  ASSERT_GT(bytes.size(), 44u);
  EXPECT_EQ(bytes.substr(0, 4), "RIFF");
  EXPECT_EQ(le32(bytes, 4), bytes.size() - 8);
  EXPECT_EQ(bytes.substr(8, 8), "WAVEfmt ");
  EXPECT_EQ(le32(bytes, 16), 16u);
  EXPECT_EQ(le16(bytes, 20), 1u) << "WAVE_FORMAT_PCM";
  EXPECT_EQ(le16(bytes, 22), 1u);
  EXPECT_EQ(le32(bytes, 24), std::uint32_t(kRate));
  EXPECT_EQ(le16(bytes, 34), 16u);
  EXPECT_EQ(bytes.substr(36, 4), "data");
  const std::uint32_t data = le32(bytes, 40);
  EXPECT_EQ(data, 3u * kRate * 2);
  EXPECT_EQ(bytes.substr(44 + data, 4), "LIST");
  EXPECT_EQ(bytes.substr(44 + data + 8, 4), "INFO");
  EXPECT_NE(bytes.find("Caf\xC3\xA9 News", 44 + data), std::string::npos);
}

void expect_rf64(const fs::path& path, double seconds) {
  const std::string bytes = test::read_file(path);
  ASSERT_GT(bytes.size(), 80u);
  EXPECT_EQ(bytes.substr(0, 4), "RF64");
  EXPECT_EQ(le32(bytes, 4), 0xFFFFFFFFu);
  EXPECT_EQ(bytes.substr(12, 4), "ds64");
  std::uint64_t riff = 0;
  std::uint64_t data = 0;
  std::memcpy(&riff, bytes.data() + 20, 8);
  std::memcpy(&data, bytes.data() + 28, 8);
  EXPECT_EQ(riff, bytes.size() - 8);
  EXPECT_EQ(data, std::uint64_t(seconds * kRate) * 2);
  EXPECT_EQ(le16(bytes, 56), 1u) << "fmt stays WAVE_FORMAT_PCM";
  EXPECT_EQ(bytes.substr(72, 4), "data");
  EXPECT_EQ(le32(bytes, 76), 0xFFFFFFFFu);
  const auto probe = test::probe_audio(path);
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_NEAR(probe.seconds(), seconds, 1e-6);
  EXPECT_EQ(test::find_silences(probe.samples, 300, kRate / 4).size(), 1u);
}

TEST(FileWriter, WavPastTheRiffLimitBecomesRf64) {
  // 4 GiB of audio is 27 hours at 22050 Hz; the limit is lowered to test the same paths.
  TempDir dir;
  FileWriterOptions options;
  options.wav_riff_limit = 100000;  // the 3 s signal has 132300 bytes
  {
    // Unexpected: a plain header first, copied behind an RF64 header at the end.
    FileWriter writer((dir / "copied.wav").string(), options);
    write_signal(writer);
    writer.finish();
  }
  expect_rf64(dir / "copied.wav", 3.0);
  options.expected_seconds = 10;
  {
    // Expected: room for ds64 from the start, filled in at the end.
    FileWriter writer((dir / "reserved.wav").string(), options);
    write_signal(writer);
    writer.finish();
  }
  expect_rf64(dir / "reserved.wav", 3.0);
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"copied.wav", "reserved.wav"}));
  // Room kept but not needed: a RIFF file whose JUNK chunk every reader skips.
  options.wav_riff_limit = 0xFFFFFFFFu;
  options.expected_seconds = 200000;
  {
    FileWriter writer((dir / "junk.wav").string(), options);
    write_signal(writer);
    writer.finish();
  }
  const std::string bytes = test::read_file(dir / "junk.wav");
  EXPECT_EQ(bytes.substr(0, 4), "RIFF");
  EXPECT_EQ(bytes.substr(12, 4), "JUNK");
  const auto probe = test::probe_audio(dir / "junk.wav");
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_NEAR(probe.seconds(), 3.0, 1e-6);
}

TEST(FileWriter, Mp3StartsWithAUnicodeId3v2Tag) {
  TempDir dir;
  const fs::path path = dir / "tagged.mp3";
  const std::string title = "Harbour \xE2\x80\x94 caf\xC3\xA9s and \xE6\xB8\xAF";  // — é 港
  {
    FileWriter writer(path.string(), FileMetadata{title, "Desk", "Album", "3"});
    write_signal(writer);
    writer.finish();
    EXPECT_GT(writer.encode_seconds(), 0.0) << "the encoder thread's CPU time";
  }
  const std::string bytes = test::read_file(path);
  ASSERT_GT(bytes.size(), 10u);
  EXPECT_EQ(bytes.substr(0, 5), std::string("ID3\x03\x00", 5));
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  ASSERT_NE(file, nullptr);
  const char* read_title = sf_get_string(file, SF_STR_TITLE);
  EXPECT_STREQ(read_title ? read_title : "", title.c_str());
  sf_close(file);
  const auto probe = test::probe_audio(path);
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_NEAR(probe.seconds(), 3.0, 0.1);
}

TEST(FileWriter, WavNeedsNoEncoderThread) {
  TempDir dir;
  FileWriter writer((dir / "x.wav").string());
  write_signal(writer);
  writer.finish();
  EXPECT_EQ(writer.encode_seconds(), 0.0);
}

TEST(FileWriter, EncoderKeepsUpThroughASmallQueue) {
  // A queue of two blocks: write() waits for the encoder rather than piling audio up, and
  // everything still arrives in order.
  TempDir dir;
  FileWriterOptions options;
  options.queue_samples = 1;
  FileWriter writer((dir / "q.flac").string(), options);
  write_signal(writer);
  writer.finish();
  const auto probe = test::probe_audio(dir / "q.flac");
  ASSERT_TRUE(probe.ok) << probe.error;
  EXPECT_EQ(probe.samples, test_signal());
}

TEST(FileWriter, WriteAfterAFailureKeepsFailing) {
  TempDir dir;
  const auto child = test::run_in_child([&] {
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{16 * 1024, 16 * 1024};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return 2;
    FileWriter writer((dir / "f.mp3").string());
    writer.start(AudioFormat{kRate, 1});
    const auto second = test::tone(kRate, 1.0);
    int errors = 0;
    for (int i = 0; i < 30; ++i) {
      try {
        writer.write(second);
      } catch (const Error&) {
        ++errors;
      }
    }
    try {
      writer.finish();
    } catch (const Error&) {
      ++errors;
    }
    // Once it failed, every later call says so: nothing is silently lost.
    return errors >= 2 ? 0 : 1;
  });
  EXPECT_EQ(child.exit_code, 0);
  EXPECT_TRUE(entries(dir.path()).empty());
}

TEST(FileWriter, FifoIsWrittenInPlace) {
  // A FIFO (or a device) is written to, never replaced by a renamed temporary.
  TempDir dir;
  const fs::path fifo = dir / "pipe.wav";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] {
    std::ifstream in(fifo, std::ios::binary);
    received.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  });
  {
    FileWriter writer(fifo.string());
    write_signal(writer);
    writer.finish();
  }
  reader.join();
  struct stat st {};
  ASSERT_EQ(::stat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  check_stream_wav(received, dir / "copy.wav", false);
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"copy.wav", "pipe.wav"}));
}

}  // namespace
}  // namespace narrate::audio
