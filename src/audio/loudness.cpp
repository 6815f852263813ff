// audio/loudness.cpp - EBU R128 loudness: measuring (libebur128), normalizing, a true-peak limiter
#include "audio/loudness.hpp"

#include <ebur128.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
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
// How far a window's gain may stray from what its own loudness asks, making up for the windows
// before it (the level of one voice moves far less than this between windows).
constexpr double kMaxWindowCorrectionDb = 2;
// Spool buffer (samples) between the synthesizer and the temporary file, and the reads back.
constexpr std::size_t kBufferSamples = 1u << 16;
// Blocks read back at once when replaying (1024 x 64 frames, about 3 s at 22050 Hz).
constexpr std::size_t kReadBlocks = 1024;

// The true-peak interpolator: 4x oversampling, so three points between two samples, each a
// windowed sinc over the 12 samples around it.
constexpr int kTaps = 12;
constexpr int kBefore = 5;                   // taps at n-5 .. n+6 for a point between n and n+1
constexpr int kAfter = kTaps - kBefore - 1;  // 6

// Gating of the integrated loudness (ITU-R BS.1770-4): blocks of 400 ms stepped by 100 ms, an
// absolute gate at -70 LUFS and a relative gate 10 LU under the loudness of what passes it.
constexpr double kAbsoluteGateLufs = -70;
constexpr double kRelativeGateLu = -10;
// The gate's histogram: 0.01 LU bins from the absolute gate up.
constexpr double kBinLu = 0.01;
constexpr int kBins = 8000;

double db_to_linear(double db) { return std::pow(10.0, db / 20.0); }

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw Error(ErrorCode::Output, "cannot write '" + path + "': " + why);
}

// A file with no name in `folder` (-1 and errno on failure): nothing is left behind, whatever
// happens to the process.
/// One biquad section (transposed direct form II, double state).
struct Biquad {
  double b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0;
  double z1 = 0, z2 = 0;
  double step(double x) {
    const double y = b0 * x + z1;
    z1 = b1 * x - a1 * y + z2;
    z2 = b2 * x - a2 * y;
    return y;
  }
};

// The two stages of BS.1770's K-weighting at any sample rate, from the analogue prototypes the
// recommendation's 48 kHz coefficients come from (bilinear transform with pre-warping): a high
// shelf of about +4 dB above 1.7 kHz (the head), then a high-pass at 38 Hz (RLB weighting).
Biquad k_shelf(double rate) {
  const double f0 = 1681.974450955533, gain_db = 3.999843853973347, q = 0.7071752369554196;
  const double k = std::tan(M_PI * f0 / rate);
  const double vh = std::pow(10.0, gain_db / 20.0);
  const double vb = std::pow(vh, 0.4996667741545416);
  const double a0 = 1.0 + k / q + k * k;
  Biquad f;
  f.b0 = (vh + vb * k / q + k * k) / a0;
  f.b1 = 2.0 * (k * k - vh) / a0;
  f.b2 = (vh - vb * k / q + k * k) / a0;
  f.a1 = 2.0 * (k * k - 1.0) / a0;
  f.a2 = (1.0 - k / q + k * k) / a0;
  return f;
}

Biquad k_highpass(double rate) {
  const double f0 = 38.13547087602444, q = 0.5003270373238773;
  const double k = std::tan(M_PI * f0 / rate);
  const double a0 = 1.0 + k / q + k * k;
  Biquad f;
  f.b0 = 1;
  f.b1 = -2;
  f.b2 = 1;
  f.a1 = 2.0 * (k * k - 1.0) / a0;
  f.a2 = (1.0 - k / q + k * k) / a0;
  return f;
}

// Phase p (1..3) of the 4x interpolator: the value at n + p/4 is the sum over k of
// taps[p-1][k] * x[n - kBefore + k]. A Blackman-windowed sinc, each phase scaled to unity gain.
using Taps = std::array<std::array<float, kTaps>, 3>;
Taps interpolator_taps() {
  Taps taps{};
  for (int p = 1; p <= 3; ++p) {
    double sum = 0;
    std::array<double, kTaps> h{};
    for (int k = 0; k < kTaps; ++k) {
      const double d = double(k - kBefore) - p / 4.0;  // from the point to the sample
      const double sinc = std::sin(M_PI * d) / (M_PI * d);
      const double w = 0.42 + 0.5 * std::cos(M_PI * d / (kAfter + 0.5)) +
                       0.08 * std::cos(2 * M_PI * d / (kAfter + 0.5));
      h[static_cast<std::size_t>(k)] = sinc * w;
      sum += sinc * w;
    }
    for (int k = 0; k < kTaps; ++k) {
      taps[static_cast<std::size_t>(p - 1)][static_cast<std::size_t>(k)] =
          static_cast<float>(h[static_cast<std::size_t>(k)] / sum);
    }
  }
  return taps;
}

/// The integrated loudness of a stream of blocks' K-weighted energies, gated (BS.1770-4). The
/// 400 ms gating blocks are made of 100 ms steps; a block of the spool that straddles two steps
/// is shared between them by its frames. A histogram of the gating blocks (0.01 LU bins, with
/// their exact energies) keeps the memory fixed however long the audio is.
class Gate {
 public:
  explicit Gate(int rate_hz) : step_frames_(rate_hz / 10.0) {}

  /// A block's energy (the sum over its frames and channels of the K-weighted samples squared,
  /// full scale = 1) and its length in frames.
  void add(double energy, double frames) {
    while (frames > 0) {
      const double room = step_frames_ - filled_;
      const double take = std::min(room, frames);
      step_energy_ += energy * (take / frames);
      energy -= energy * (take / frames);
      frames -= take;
      filled_ += take;
      if (take == room) close_step();
    }
  }

  /// LUFS; -HUGE_VAL when nothing passes the absolute gate (silence, or under 400 ms).
  double integrated() const {
    double sum = 0;
    double count = 0;
    for (int b = 0; b < kBins; ++b) {
      sum += energy_[static_cast<std::size_t>(b)];
      count += double(count_[static_cast<std::size_t>(b)]);
    }
    if (count == 0) return -HUGE_VAL;
    const double relative = to_lufs(sum / count) + kRelativeGateLu;
    sum = 0;
    count = 0;
    for (int b = 0; b < kBins; ++b) {
      const double middle = kAbsoluteGateLufs + (b + 0.5) * kBinLu;
      if (middle < relative) continue;
      sum += energy_[static_cast<std::size_t>(b)];
      count += double(count_[static_cast<std::size_t>(b)]);
    }
    return count == 0 ? -HUGE_VAL : to_lufs(sum / count);
  }

 private:
  static double to_lufs(double mean_square) { return -0.691 + 10 * std::log10(mean_square); }

  void close_step() {
    steps_[next_ % 4] = step_energy_;
    ++next_;
    step_energy_ = 0;
    filled_ = 0;
    if (next_ < 4) return;
    const double mean_square = (steps_[0] + steps_[1] + steps_[2] + steps_[3]) / (4 * step_frames_);
    if (!(mean_square > 0)) return;
    const double lufs = to_lufs(mean_square);
    if (!(lufs > kAbsoluteGateLufs)) return;
    const int bin = std::min(kBins - 1, int((lufs - kAbsoluteGateLufs) / kBinLu));
    energy_[static_cast<std::size_t>(bin)] += mean_square;
    ++count_[static_cast<std::size_t>(bin)];
  }

  double step_frames_;
  double filled_ = 0;
  double step_energy_ = 0;
  std::array<double, 4> steps_{};
  std::size_t next_ = 0;
  std::vector<double> energy_ = std::vector<double>(kBins, 0.0);
  std::vector<std::int64_t> count_ = std::vector<std::int64_t>(kBins, 0);
};

/// What the spool keeps per block of 64 frames.
struct BlockRecord {
  float energy = 0;  ///< K-weighted, summed over the block's frames and channels
  float peak = 0;    ///< true peak, linear, over the block's channels
};

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

// The measuring side of the spool: samples wait here (as floats, one row per channel, with the
// interpolator's history before them) until a whole block and the taps after it have come.
struct LoudnessSpool::Measure {
  Measure(int rate_hz, int channels)
      : taps(interpolator_taps()),
        shelf(static_cast<std::size_t>(channels), k_shelf(rate_hz)),
        highpass(static_cast<std::size_t>(channels), k_highpass(rate_hz)),
        rows(static_cast<std::size_t>(channels), std::vector<float>(kBefore, 0.0f)),
        total(rate_hz),
        written(rate_hz) {}

  Taps taps;
  std::vector<Biquad> shelf;
  std::vector<Biquad> highpass;
  std::vector<std::vector<float>> rows;  ///< per channel: kBefore frames of history, then new
  std::vector<BlockRecord> records;      ///< measured, not yet in the blocks file
  Gate total;                            ///< everything written, as written
  Gate written;                          ///< everything replayed, as replayed
};

LoudnessSpool::LoudnessSpool(const std::string& dir, std::string shown_path, int sample_rate_hz,
                             int channels, bool measure)
    : shown_path_(std::move(shown_path)),
      sample_rate_hz_(std::max(1, sample_rate_hz)),
      channels_(std::max(1, channels)) {
  const std::string folder = dir.empty() ? std::string(".") : dir;
  fd_ = unnamed_file(folder);
  if (fd_ >= 0 && measure) blocks_fd_ = unnamed_file(folder);
  if (fd_ < 0 || (measure && blocks_fd_ < 0)) {
    const int error = errno;
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    fail(shown_path_, std::string("cannot make a temporary file: ") + std::strerror(error));
  }
  if (measure) measure_ = std::make_unique<Measure>(sample_rate_hz_, channels_);
  buffer_.reserve(kBufferSamples);
}

LoudnessSpool::~LoudnessSpool() {
  if (fd_ >= 0) ::close(fd_);
  if (blocks_fd_ >= 0) ::close(blocks_fd_);
}

// Measures every whole block whose following taps are in (all of them `at_end`, the missing
// frames taken as silence) and writes their records.
void LoudnessSpool::measure_blocks(bool at_end) {
  Measure& m = *measure_;
  const auto channels = static_cast<std::size_t>(channels_);
  const std::size_t have = m.rows[0].size() - kBefore;  // frames after the history
  std::size_t done = 0;
  while (true) {
    std::size_t frames = kBlockFrames;
    if (have - done < kBlockFrames + kAfter) {
      if (!at_end || have == done) break;
      frames = std::min(kBlockFrames, have - done);
    }
    BlockRecord record;
    double energy = 0;
    float peak = 0;
    for (std::size_t c = 0; c < channels; ++c) {
      std::vector<float>& row = m.rows[c];
      if (row.size() < kBefore + done + kBlockFrames + kAfter) {
        row.resize(kBefore + done + kBlockFrames + kAfter, 0.0f);  // the end: silence after
      }
      const float* x = row.data() + kBefore + done;  // the block's first frame
      Biquad& shelf = m.shelf[c];
      Biquad& highpass = m.highpass[c];
      for (std::size_t f = 0; f < frames; ++f) {
        const double y = highpass.step(shelf.step(double(x[f])));
        energy += y * y;
        peak = std::max(peak, std::fabs(x[f]));
      }
      // Three points between each pair of samples; kept apart so that the compiler can run the
      // 64 sums side by side.
      for (const auto& phase : m.taps) {
        std::array<float, kBlockFrames> sums{};
        for (int k = 0; k < kTaps; ++k) {
          const float tap = phase[static_cast<std::size_t>(k)];
          const float* from = x + k - kBefore;
          for (std::size_t f = 0; f < kBlockFrames; ++f) sums[f] += tap * from[f];
        }
        for (std::size_t f = 0; f < frames; ++f) peak = std::max(peak, std::fabs(sums[f]));
      }
    }
    record.energy = static_cast<float>(energy);
    record.peak = peak;
    m.records.push_back(record);
    done += frames;
    if (frames < kBlockFrames) break;
  }
  // Keep the history and what is not measured yet (after the end, silence as history: the
  // next window begins after a pause).
  for (std::vector<float>& row : m.rows) {
    if (at_end) {
      row.assign(kBefore, 0.0f);
    } else {
      row.erase(row.begin(), row.begin() + static_cast<long>(done));
    }
  }
  if (!m.records.empty()) {
    if (!write_all(blocks_fd_, m.records.data(), m.records.size() * sizeof(BlockRecord))) {
      fail(shown_path_, std::strerror(errno));
    }
    m.records.clear();
  }
}

void LoudnessSpool::flush() {
  if (buffer_.empty()) return;
  if (measure_) {
    const auto channels = static_cast<std::size_t>(channels_);
    for (std::size_t c = 0; c < channels; ++c) {
      std::vector<float>& row = measure_->rows[c];
      for (std::size_t at = c; at < buffer_.size(); at += channels) {
        row.push_back(float(buffer_[at]) * (1.0f / 32768.0f));
      }
    }
    measure_blocks(false);
  }
  if (!write_all(fd_, buffer_.data(), buffer_.size() * sizeof(std::int16_t))) {
    fail(shown_path_, std::strerror(errno));
  }
  buffer_.clear();
}

void LoudnessSpool::write(std::span<const std::int16_t> samples) {
  const auto channels = static_cast<std::size_t>(channels_);
  held_frames_ += static_cast<std::int64_t>(samples.size() / channels);
  while (!samples.empty()) {
    // Whole frames only go to a flush, so the channels' rows stay in step.
    const std::size_t room = kBufferSamples - kBufferSamples % channels - buffer_.size();
    const std::size_t n = std::min(room, samples.size());
    buffer_.insert(buffer_.end(), samples.begin(), samples.begin() + static_cast<long>(n));
    samples = samples.subspan(n);
    if (buffer_.size() + channels > kBufferSamples) flush();
  }
}

std::size_t LoudnessSpool::read(std::int16_t* out, std::size_t samples) {
  std::size_t got = 0;
  if (!pread_all(fd_, out, samples * sizeof(std::int16_t), read_at_, &got)) {
    fail(shown_path_, std::string("cannot read its temporary file: ") + std::strerror(errno));
  }
  read_at_ += static_cast<std::int64_t>(got);
  return got / sizeof(std::int16_t);
}

namespace {

/// Reads the spool's block records back in order, many at a time.
class BlockRecords {
 public:
  BlockRecords(int fd, const std::string& shown_path) : fd_(fd), shown_path_(shown_path) {}

  bool next(BlockRecord* record) {
    if (next_ == have_) {
      records_.resize(kReadBlocks);
      std::size_t got = 0;
      if (!pread_all(fd_, records_.data(), records_.size() * sizeof(BlockRecord), at_, &got)) {
        fail(shown_path_, std::string("cannot read its temporary file: ") + std::strerror(errno));
      }
      at_ += static_cast<std::int64_t>(got);
      have_ = got / sizeof(BlockRecord);
      next_ = 0;
      if (have_ == 0) return false;
    }
    *record = records_[next_++];
    return true;
  }

 private:
  int fd_;
  const std::string& shown_path_;
  std::vector<BlockRecord> records_;
  std::size_t have_ = 0;
  std::size_t next_ = 0;
  std::int64_t at_ = 0;
};

/// The look-ahead limiter's gain, block by block, from the blocks' true peaks alone: each block
/// needs `ceiling / (peak * gain)` where that is under 1. The gain ramps down over the look-ahead
/// before a peak and comes back at the release rate; within a block it moves linearly between
/// its edges, each edge no higher than what both blocks beside it need, so no sample of a block
/// gets more than its need. (The true-peak filter delays a peak by a few samples, which is why
/// a block also heeds the next block's need.)
class Limiter {
 public:
  Limiter(BlockRecords& records, double gain, double ceiling, int rate_hz)
      : records_(records),
        gain_(gain),
        ceiling_(ceiling),
        release_(db_to_linear(kReleaseDbPerSecond * double(kBlockFrames) / rate_hz)) {}

  /// The next block's energy and the limiter's gain at its two edges; false at the end.
  bool next(BlockRecord* record, double* begin, double* end) {
    while (!eof_ && queue_.size() < kLookaheadBlocks + 3) {
      BlockRecord r;
      if (!records_.next(&r)) {
        eof_ = true;
        break;
      }
      const double peak = double(r.peak) * gain_;
      queue_.push_back({r, peak > ceiling_ ? ceiling_ / peak : 1.0});
    }
    if (queue_.empty()) return false;
    if (current_ < 0) current_ = std::min(ahead_at(0), previous_ * release_);
    const double next = std::min(ahead_at(1), current_ * release_);
    *begin = std::min(previous_, current_);
    *end = std::min(current_, next);
    *record = queue_.front().record;
    queue_.pop_front();
    previous_ = current_;
    current_ = next;
    return true;
  }

 private:
  struct Entry {
    BlockRecord record;
    double need = 1;
  };
  double need_at(std::size_t i) const { return i < queue_.size() ? queue_[i].need : 1.0; }
  double held_at(std::size_t i) const { return std::min(need_at(i), need_at(i + 1)); }
  double ahead_at(std::size_t i) const {
    double value = 1;
    for (std::size_t j = 0; j <= kLookaheadBlocks; ++j) {
      const double held = held_at(i + j);
      value = std::min(value, held + (1 - held) * double(j) / kLookaheadBlocks);
    }
    return value;
  }

  BlockRecords& records_;
  double gain_;
  double ceiling_;
  double release_;
  std::deque<Entry> queue_;
  bool eof_ = false;
  double previous_ = 1;  // the gain of the block given last
  double current_ = -1;  // the gain of the front block, once known
};

}  // namespace

LoudnessReport LoudnessSpool::replay(const LoudnessTarget* target, const Emit& emit) {
  flush();
  if (measure_) measure_blocks(true);
  LoudnessReport report;
  report.frames = held_frames_;
  const auto channels = static_cast<std::size_t>(channels_);
  const std::int64_t held = held_frames_;
  const auto block_frames_at = [held](std::int64_t block) {
    return double(std::min<std::int64_t>(kBlockFrames, held - block * std::int64_t(kBlockFrames)));
  };
  double window_lufs = -HUGE_VAL;
  if (measure_) {
    Gate window(sample_rate_hz_);
    BlockRecords records(blocks_fd_, shown_path_);
    BlockRecord record;
    for (std::int64_t block = 0; records.next(&record); ++block) {
      window.add(record.energy, block_frames_at(block));
      measure_->total.add(record.energy, block_frames_at(block));
    }
    window_lufs = window.integrated();
    report.input_lufs = measure_->total.integrated();
  } else {
    report.input_lufs = -HUGE_VAL;
  }
  read_at_ = 0;
  std::vector<std::int16_t> chunk(kReadBlocks * kBlockFrames * channels);
  if (target == nullptr || !std::isfinite(report.input_lufs)) {
    // As written (or silence, which no gain brings to a loudness).
    while (true) {
      const std::size_t got = read(chunk.data(), chunk.size());
      if (got == 0) break;
      emit(std::span<const std::int16_t>(chunk.data(), got));
    }
    empty();
    return report;
  }
  const double ceiling = db_to_linear(target->true_peak_dbtp);
  // The gain is the one that brings everything written out so far plus this window, as the
  // limiter will leave it, onto the target. The limiter's gains follow from the blocks' peaks
  // alone, so what it leaves is worked out from the blocks' energies (each weighted by the mean
  // of its squared gain ramp) without touching the audio. For a file made in one go that is the
  // whole file on target; made in windows, each window also makes up for the error of those
  // before it (within a bound, so that no window jumps in level).
  const double own_db = std::min(kMaxGainDb, target->integrated_lufs - window_lufs);
  const auto with_window = [&](double gain_db) {
    Gate gate = measure_->written;
    const double gain = db_to_linear(gain_db);
    BlockRecords records(blocks_fd_, shown_path_);
    Limiter limiter(records, gain, ceiling, sample_rate_hz_);
    BlockRecord record;
    double begin = 1;
    double end = 1;
    for (std::int64_t block = 0; limiter.next(&record, &begin, &end); ++block) {
      const double squared = (begin * begin + begin * end + end * end) / 3;
      gate.add(double(record.energy) * gain * gain * squared, block_frames_at(block));
    }
    return gate;
  };
  double gain_db = own_db;
  if (std::isfinite(window_lufs)) {
    // The secant method on loudness against gain (in dB, nearly a straight line).
    double low = own_db - kMaxWindowCorrectionDb;
    double high = std::min(kMaxGainDb, own_db + kMaxWindowCorrectionDb);
    double x0 = own_db;
    double y0 = with_window(x0).integrated() - target->integrated_lufs;
    double x1 = std::clamp(x0 - y0, low, high);
    for (int step = 0; step < 8 && std::isfinite(y0) && std::fabs(y0) > 0.005; ++step) {
      const double y1 = with_window(x1).integrated() - target->integrated_lufs;
      if (!std::isfinite(y1)) break;
      if (std::fabs(y1) <= 0.005 || std::fabs(y1 - y0) < 1e-9) {
        x0 = x1;
        y0 = y1;
        break;
      }
      const double x2 = std::clamp(x1 - y1 * (x1 - x0) / (y1 - y0), low, high);
      x0 = x1;
      y0 = y1;
      x1 = x2;
    }
    gain_db = std::isfinite(y0) ? x0 : own_db;
    measure_->written = with_window(gain_db);
  }
  report.gain_db = gain_db;
  const double gain = db_to_linear(gain_db);
  BlockRecords records(blocks_fd_, shown_path_);
  Limiter limiter(records, gain, ceiling, sample_rate_hz_);
  std::vector<std::int16_t> out(chunk.size());
  while (true) {
    const std::size_t got = read(chunk.data(), chunk.size()) / channels * channels;
    if (got == 0) break;
    for (std::size_t at = 0; at < got; at += kBlockFrames * channels) {
      BlockRecord record;
      double begin = 1;
      double end = 1;
      if (!limiter.next(&record, &begin, &end)) begin = end = 1;  // cannot happen
      if (begin < 1 || end < 1) report.limited = true;
      const std::size_t frames = std::min(kBlockFrames * channels, got - at) / channels;
      const double step = (end - begin) / double(kBlockFrames);
      for (std::size_t f = 0; f < frames; ++f) {
        const double g = gain * (begin + step * double(f));
        for (std::size_t c = 0; c < channels; ++c) {
          const std::size_t k = at + f * channels + c;
          // Held at full scale, then rounded half away from zero (the conversion truncates).
          const double y = std::clamp(double(chunk[k]) * g, -32768.0, 32767.0);
          out[k] = static_cast<std::int16_t>(static_cast<int>(y + std::copysign(0.5, y)));
        }
      }
    }
    emit(std::span<const std::int16_t>(out.data(), got));
  }
  empty();
  return report;
}

// Starts the next window: the temporaries are cut back to nothing (their blocks go back to the
// file system), the measure of everything so far stays.
void LoudnessSpool::empty() {
  const auto restart = [](int fd) {
    return ::ftruncate(fd, 0) == 0 && ::lseek(fd, 0, SEEK_SET) == 0;
  };
  if (!restart(fd_) || (blocks_fd_ >= 0 && !restart(blocks_fd_))) {
    fail(shown_path_, std::string("cannot reuse its temporary file: ") + std::strerror(errno));
  }
  read_at_ = 0;
  held_frames_ = 0;
}

}  // namespace narrate::audio
