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
    FileWriter writer(path.string(), FileMetadata{"A Title", "An Artist"});
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
  for (const std::string ext : {".wav", ".flac", ".ogg"}) {
    TempDir dir;
    const fs::path path = dir / ("tagged" + ext);
    FileWriter writer(path.string(), FileMetadata{"Breaking News", "narrate test"});
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
  {
    FileWriter never_started((dir / "never.wav").string());
  }
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
  for (const std::string name : {"big.wav", "big.flac"}) {
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

}  // namespace
}  // namespace narrate::audio
