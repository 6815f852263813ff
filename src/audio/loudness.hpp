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
/// under the ceiling.
///
/// The measuring is narrate's own and cheap, because it runs on every sample of every file:
/// while spooling, each block of 64 frames gets its K-weighted energy (ITU-R BS.1770) and its
/// true peak (4x oversampled), 8 bytes per block kept in a second unnamed file. The integrated
/// loudness is gated from those energies through a histogram (memory does not grow with the
/// audio). The limiter's gains depend only on the blocks' peaks, so the loudness the limiter
/// leaves is worked out from the kept energies without touching the audio, and the gain is
/// corrected for it before the one pass that reads the audio back. The file lands on the target
/// within about 0.1 LU of libebur128's measure, however loud eSpeak's voice was.
class LoudnessSpool {
 public:
  /// `dir`: where the temporary goes (the output's folder); `shown_path` names the output in
  /// messages; `measure`: false when no target will be asked (the spool only defers the audio).
  /// Throws Error(Output) when the temporary cannot be made.
  LoudnessSpool(const std::string& dir, std::string shown_path, int sample_rate_hz, int channels,
                bool measure = true);
  ~LoudnessSpool();
  LoudnessSpool(const LoudnessSpool&) = delete;
  LoudnessSpool& operator=(const LoudnessSpool&) = delete;

  /// Throws Error(Output) (a full disk).
  void write(std::span<const std::int16_t> samples);

  /// Frames written since the last replay.
  std::int64_t frames_held() const noexcept { return held_frames_; }

  using Emit = std::function<void(std::span<const std::int16_t>)>;
  /// Plays back in order to `emit` everything written since the last replay, normalized to
  /// `target`, or (no target) as it was written, and empties the spool. The gain comes from the
  /// loudness of everything written so far (so a long narration can be made in windows, each
  /// encoded while the next is synthesized, with gains that settle as the measure grows); the
  /// limiter's loss is made up per window. Throws Error(Output) for a read error; what `emit`
  /// throws passes through.
  LoudnessReport replay(const LoudnessTarget* target, const Emit& emit);

 private:
  struct Measure;
  void flush();
  void measure_blocks(bool at_end);
  void empty();
  std::size_t read(std::int16_t* out, std::size_t samples);

  std::string shown_path_;
  int fd_ = -1;         ///< the samples
  int blocks_fd_ = -1;  ///< per block of the limiter: K-weighted energy and true peak, as floats
  int sample_rate_hz_ = 22050;
  int channels_ = 1;
  std::int64_t held_frames_ = 0;
  std::vector<std::int16_t> buffer_;
  std::int64_t read_at_ = 0;  ///< byte offset of the reader
  std::unique_ptr<Measure> measure_;
};

}  // namespace narrate::audio
