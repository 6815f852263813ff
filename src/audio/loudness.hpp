// audio/loudness.hpp - EBU R128 loudness: measuring (libebur128), normalizing, a true-peak limiter
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace narrate::audio {

/// Where a file's loudness is brought: an integrated loudness (EBU R128 / ITU-R BS.1770) with
/// true peaks held under a ceiling.
struct LoudnessTarget {
  double integrated_lufs = -16;  ///< -16 is the usual target for spoken-word podcasts
  double true_peak_dbtp = -1;    ///< the ceiling for true (inter-sample) peaks
};

/// Integrated loudness and true peak of 16-bit interleaved audio (libebur128; a histogram, so
/// its memory does not grow with the audio).
class LoudnessMeter {
 public:
  /// Throws Error(Output) if libebur128 cannot start.
  LoudnessMeter(int sample_rate_hz, int channels, bool true_peak = true);
  ~LoudnessMeter();
  LoudnessMeter(LoudnessMeter&&) noexcept;
  LoudnessMeter& operator=(LoudnessMeter&&) noexcept;

  void add(std::span<const std::int16_t> samples);
  /// LUFS; -HUGE_VAL for silence (nothing above the absolute gate).
  double integrated_lufs() const;
  /// dBTP over all channels; -HUGE_VAL for silence. Only with true_peak.
  double true_peak_dbtp() const;
  /// The true peak (linear, 1.0 = full scale) of the samples given to the latest add().
  double last_true_peak() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
  int channels_ = 1;
};

/// What normalization did to one file.
struct LoudnessReport {
  double input_lufs = 0;  ///< the audio as synthesized
  double gain_db = 0;     ///< the gain applied before the limiter
  bool limited = false;   ///< the limiter had to hold peaks down somewhere
  std::int64_t frames = 0;
};

/// Keeps a narration's audio in an unlinked temporary file beside the output (so memory does
/// not grow with its length: hours of audio are hundreds of megabytes) while measuring it, then
/// plays it back with one gain for the whole file and a look-ahead limiter that holds true peaks
/// under the ceiling. The gain is settled before any of it is encoded: a second, dry pass
/// measures what the limiter took away and the gain is corrected for it, so the file lands on
/// the target (within about 0.1 LU) however loud eSpeak's voice was.
class LoudnessSpool {
 public:
  /// `dir`: where the temporary goes (the output's folder); `shown_path` names the output in
  /// messages. Throws Error(Output) when the temporary cannot be made.
  LoudnessSpool(const std::string& dir, std::string shown_path, int sample_rate_hz, int channels);
  ~LoudnessSpool();
  LoudnessSpool(const LoudnessSpool&) = delete;
  LoudnessSpool& operator=(const LoudnessSpool&) = delete;

  /// Throws Error(Output) (a full disk).
  void write(std::span<const std::int16_t> samples);
  /// Frames written so far.
  std::int64_t frames() const noexcept { return frames_; }

  using Emit = std::function<void(std::span<const std::int16_t>)>;
  /// Plays everything back in order to `emit`: normalized to `target`, or (no target) as it was
  /// written. Throws Error(Output) for a read error; what `emit` throws passes through.
  LoudnessReport replay(const LoudnessTarget* target, const Emit& emit);

 private:
  void flush();
  void rewind_reader();
  std::size_t read(std::int16_t* out, std::size_t samples);
  void limit(double gain, double ceiling, const Emit& emit, bool* limited);

  std::string shown_path_;
  int fd_ = -1;        ///< the samples
  int peaks_fd_ = -1;  ///< the true peak of each block of the limiter, as float
  int sample_rate_hz_ = 22050;
  int channels_ = 1;
  std::int64_t frames_ = 0;
  std::vector<std::int16_t> buffer_;
  std::int64_t read_at_ = 0;  ///< byte offset of the reader
  LoudnessMeter meter_;
};

}  // namespace narrate::audio
