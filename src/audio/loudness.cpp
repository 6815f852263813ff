// audio/loudness.cpp - EBU R128 loudness: measuring (libebur128), normalizing, a true-peak limiter
#include "audio/loudness.hpp"

#include <ebur128.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <deque>

#include "audio/wav_stream.hpp"
#include "narrate/error.hpp"

namespace narrate::audio {

namespace {

// The limiter works on blocks of this many frames: a true peak is measured per block (about
// 3 ms at 22050 Hz), and the gain moves linearly across each block.
constexpr std::size_t kBlockFrames = 64;
// Blocks of look-ahead: the gain starts down this early (about 12 ms), so a peak is met with
// the gain already low instead of a click.
constexpr std::size_t kLookaheadBlocks = 4;
// How fast the gain comes back after a peak (dB a second): slow enough not to pump on speech.
constexpr double kReleaseDbPerSecond = 30;
// No file is made louder than this, whatever the measure says (a near-silent narration).
constexpr double kMaxGainDb = 30;
// Spool buffer (samples) between the synthesizer and the temporary file.
constexpr std::size_t kBufferSamples = 1u << 15;

double db_to_linear(double db) { return std::pow(10.0, db / 20.0); }

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw Error(ErrorCode::Output, "cannot write '" + path + "': " + why);
}

// A file with no name in `folder` (-1 and errno on failure): nothing is left behind, whatever
// happens to the process.
int unnamed_file(const std::string& folder) {
  int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) {
    std::string name = folder + "/.narrate-spool.XXXXXX";
    fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd >= 0) ::unlink(name.c_str());
  }
  return fd;
}

bool pread_all(int fd, void* out, std::size_t size, std::int64_t at, std::size_t* got) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, static_cast<char*>(out) + done, size - done,
                              static_cast<off_t>(at + static_cast<std::int64_t>(done)));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  *got = done;
  return true;
}

}  // namespace

struct LoudnessMeter::State {
  ebur128_state* st = nullptr;
  ~State() {
    if (st != nullptr) ebur128_destroy(&st);
  }
};

LoudnessMeter::LoudnessMeter(int sample_rate_hz, int channels, bool true_peak)
    : state_(std::make_unique<State>()), channels_(std::max(1, channels)) {
  int mode = EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM;
  if (true_peak) mode |= EBUR128_MODE_TRUE_PEAK;
  state_->st = ebur128_init(static_cast<unsigned>(channels_),
                            static_cast<unsigned long>(std::max(1, sample_rate_hz)), mode);
  if (state_->st == nullptr) {
    throw Error(ErrorCode::Output, "cannot measure loudness (libebur128 could not start)");
  }
}

LoudnessMeter::~LoudnessMeter() = default;
LoudnessMeter::LoudnessMeter(LoudnessMeter&&) noexcept = default;
LoudnessMeter& LoudnessMeter::operator=(LoudnessMeter&&) noexcept = default;

void LoudnessMeter::add(std::span<const std::int16_t> samples) {
  const std::size_t frames = samples.size() / static_cast<std::size_t>(channels_);
  if (frames > 0) ebur128_add_frames_short(state_->st, samples.data(), frames);
}

double LoudnessMeter::integrated_lufs() const {
  double lufs = -HUGE_VAL;
  if (ebur128_loudness_global(state_->st, &lufs) != EBUR128_SUCCESS) return -HUGE_VAL;
  return lufs;
}

double LoudnessMeter::true_peak_dbtp() const {
  double peak = 0;
  for (int c = 0; c < channels_; ++c) {
    double channel_peak = 0;
    if (ebur128_true_peak(state_->st, static_cast<unsigned>(c), &channel_peak) == EBUR128_SUCCESS) {
      peak = std::max(peak, channel_peak);
    }
  }
  return peak > 0 ? 20 * std::log10(peak) : -HUGE_VAL;
}

double LoudnessMeter::last_true_peak() const {
  double peak = 0;
  for (int c = 0; c < channels_; ++c) {
    double channel_peak = 0;
    if (ebur128_prev_true_peak(state_->st, static_cast<unsigned>(c), &channel_peak) ==
        EBUR128_SUCCESS) {
      peak = std::max(peak, channel_peak);
    }
  }
  return peak;
}

LoudnessSpool::LoudnessSpool(const std::string& dir, std::string shown_path, int sample_rate_hz,
                             int channels)
    : shown_path_(std::move(shown_path)),
      sample_rate_hz_(sample_rate_hz),
      channels_(std::max(1, channels)),
      meter_(sample_rate_hz, channels, true) {
  const std::string folder = dir.empty() ? std::string(".") : dir;
  fd_ = unnamed_file(folder);
  peaks_fd_ = unnamed_file(folder);
  if (fd_ < 0 || peaks_fd_ < 0) {
    const int error = errno;
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    fail(shown_path_, std::string("cannot make a temporary file: ") + std::strerror(error));
  }
  buffer_.reserve(kBufferSamples);
}

LoudnessSpool::~LoudnessSpool() {
  if (fd_ >= 0) ::close(fd_);
  if (peaks_fd_ >= 0) ::close(peaks_fd_);
}

void LoudnessSpool::flush() {
  if (buffer_.empty()) return;
  // Measured here, block by block as the limiter goes: each block's true peak is kept (4 bytes
  // per block, 1/32 of the audio) so that replaying needs no second true-peak measure.
  const std::size_t block_samples = kBlockFrames * static_cast<std::size_t>(channels_);
  std::vector<float> peaks;
  peaks.reserve(buffer_.size() / block_samples + 1);
  for (std::size_t at = 0; at < buffer_.size(); at += block_samples) {
    const std::size_t n = std::min(block_samples, buffer_.size() - at);
    meter_.add(std::span<const std::int16_t>(buffer_).subspan(at, n));
    peaks.push_back(static_cast<float>(meter_.last_true_peak()));
  }
  if (!write_all(fd_, buffer_.data(), buffer_.size() * sizeof(std::int16_t)) ||
      !write_all(peaks_fd_, peaks.data(), peaks.size() * sizeof(float))) {
    fail(shown_path_, std::strerror(errno));
  }
  buffer_.clear();
}

void LoudnessSpool::write(std::span<const std::int16_t> samples) {
  frames_ += static_cast<std::int64_t>(samples.size()) / channels_;
  while (!samples.empty()) {
    const std::size_t room = kBufferSamples - buffer_.size();
    const std::size_t n = std::min(room, samples.size());
    buffer_.insert(buffer_.end(), samples.begin(), samples.begin() + static_cast<long>(n));
    samples = samples.subspan(n);
    if (buffer_.size() == kBufferSamples) flush();
  }
}

void LoudnessSpool::rewind_reader() { read_at_ = 0; }

std::size_t LoudnessSpool::read(std::int16_t* out, std::size_t samples) {
  std::size_t got = 0;
  if (!pread_all(fd_, out, samples * sizeof(std::int16_t), read_at_, &got)) {
    fail(shown_path_, std::string("cannot read its temporary file: ") + std::strerror(errno));
  }
  read_at_ += static_cast<std::int64_t>(got);
  return got / sizeof(std::int16_t);
}

// One pass over the spool: `gain` on every sample, and the limiter's gain on top where a true
// peak would pass `ceiling` (linear). Each block's true peak was measured on the input as it was
// spooled (libebur128, 4x oversampled); its filter delays a peak by a few samples, so a block
// also heeds the next block's need. The gain ramps down over the look-ahead before a peak and comes
// back at the release rate; within a block it moves linearly between its edges, each edge no
// higher than what both blocks beside it need, so no sample of a block gets more than its need.
void LoudnessSpool::limit(double gain, double ceiling, const Emit& emit, bool* limited) {
  struct Block {
    std::vector<std::int16_t> samples;
    double need = 1;  ///< the limiter gain this block's peak needs (<= 1)
  };
  std::vector<float> peaks(4096);
  std::size_t peaks_have = 0;
  std::size_t peaks_next = 0;
  std::int64_t peaks_at = 0;
  const auto next_peak = [&]() -> double {
    if (peaks_next == peaks_have) {
      std::size_t got = 0;
      if (!pread_all(peaks_fd_, peaks.data(), peaks.size() * sizeof(float), peaks_at, &got)) {
        fail(shown_path_, std::string("cannot read its temporary file: ") + std::strerror(errno));
      }
      peaks_at += static_cast<std::int64_t>(got);
      peaks_have = got / sizeof(float);
      peaks_next = 0;
      if (peaks_have == 0) return 1.0;  // cannot happen: a peak was kept for every block
    }
    return peaks[peaks_next++];
  };
  const std::size_t block_samples = kBlockFrames * static_cast<std::size_t>(channels_);
  const double release = db_to_linear(kReleaseDbPerSecond * double(kBlockFrames) / sample_rate_hz_);
  std::deque<Block> queue;
  bool eof = false;
  rewind_reader();
  const auto need_at = [&](std::size_t i) { return i < queue.size() ? queue[i].need : 1.0; };
  const auto held_at = [&](std::size_t i) { return std::min(need_at(i), need_at(i + 1)); };
  const auto ahead_at = [&](std::size_t i) {
    double value = 1;
    for (std::size_t j = 0; j <= kLookaheadBlocks; ++j) {
      const double held = held_at(i + j);
      value = std::min(value, held + (1 - held) * double(j) / kLookaheadBlocks);
    }
    return value;
  };
  double previous = 1;  // the gain of the block emitted last
  double current = -1;  // the gain of the front block, once known
  std::vector<std::int16_t> out;
  while (true) {
    while (!eof && queue.size() < kLookaheadBlocks + 3) {
      Block block;
      block.samples.resize(block_samples);
      const std::size_t got = read(block.samples.data(), block_samples);
      if (got < block_samples) eof = true;
      block.samples.resize(got - got % static_cast<std::size_t>(channels_));
      if (block.samples.empty()) break;
      const double peak = next_peak() * gain;
      block.need = peak > ceiling ? ceiling / peak : 1.0;
      queue.push_back(std::move(block));
    }
    if (queue.empty()) break;
    if (current < 0) current = std::min(ahead_at(0), previous * release);
    const double next = std::min(ahead_at(1), current * release);
    const double begin = std::min(previous, current);
    const double end = std::min(current, next);
    if (begin < 1 || end < 1) *limited = true;
    const Block& block = queue.front();
    const std::size_t frames = block.samples.size() / static_cast<std::size_t>(channels_);
    out.resize(block.samples.size());
    for (std::size_t f = 0; f < frames; ++f) {
      const double g = gain * (begin + (end - begin) * double(f) / double(kBlockFrames));
      for (int c = 0; c < channels_; ++c) {
        const std::size_t k = f * static_cast<std::size_t>(channels_) + static_cast<std::size_t>(c);
        const double y = std::nearbyint(double(block.samples[k]) * g);
        out[k] = static_cast<std::int16_t>(std::clamp(y, -32768.0, 32767.0));
      }
    }
    emit(out);
    queue.pop_front();
    previous = current;
    current = next;
  }
}

LoudnessReport LoudnessSpool::replay(const LoudnessTarget* target, const Emit& emit) {
  flush();
  LoudnessReport report;
  report.frames = frames_;
  report.input_lufs = meter_.integrated_lufs();
  const bool measurable = std::isfinite(report.input_lufs);
  if (target == nullptr || !measurable) {
    // As written (or silence, which no gain brings to a loudness).
    rewind_reader();
    std::vector<std::int16_t> block(kBufferSamples);
    while (true) {
      const std::size_t got = read(block.data(), block.size());
      if (got == 0) break;
      emit(std::span<const std::int16_t>(block.data(), got));
    }
    return report;
  }
  const double ceiling = db_to_linear(target->true_peak_dbtp);
  double gain_db = std::min(kMaxGainDb, target->integrated_lufs - report.input_lufs);
  const double peak_after_gain_db = meter_.true_peak_dbtp() + gain_db;
  if (peak_after_gain_db > target->true_peak_dbtp) {
    // The limiter will take some loudness away: a dry pass measures how much, and the gain is
    // raised by that (the limiter then works a little harder; what that costs is far below the
    // ±0.5 LU a loudness target allows).
    LoudnessMeter dry(sample_rate_hz_, channels_, false);
    bool limited = false;
    limit(
        db_to_linear(gain_db), ceiling, [&](std::span<const std::int16_t> s) { dry.add(s); },
        &limited);
    const double got = dry.integrated_lufs();
    if (std::isfinite(got)) {
      gain_db = std::min(kMaxGainDb, gain_db + (target->integrated_lufs - got));
    }
  }
  report.gain_db = gain_db;
  limit(db_to_linear(gain_db), ceiling, emit, &report.limited);
  return report;
}

}  // namespace narrate::audio
