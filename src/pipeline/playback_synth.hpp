// pipeline/playback_synth.hpp - synthesis ahead of playback: a worker that renders utterances
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/render.hpp"

namespace narrate::pipeline {

/// One utterance rendered at one speed: its speech, then narrate's pause as silence.
struct Track {
  std::size_t index = 0;  ///< into the plan
  double wpm = 0;         ///< the speed it was rendered at
  RenderedUtterance audio;

  /// Samples of speech (eSpeak's end pause included) plus narrate's pause.
  std::int64_t length() const noexcept {
    return static_cast<std::int64_t>(audio.samples.size()) + audio.pause_samples;
  }
};
using TrackPtr = std::shared_ptr<const Track>;

/// Renders, on one worker thread, the utterances a player needs next: the one it is at and
/// `lookahead` after it, at the speed it asks for. eSpeak is process-global and serialised, so
/// one worker is all the parallelism there is; what it renders stays valid until the player
/// moves on. A render that is no longer wanted (the player jumped, the speed changed) is
/// cancelled at eSpeak's next audio block.
class SynthAhead {
 public:
  /// Selects the voice on the engine (throws Error(Voice) for an unknown one) and starts the
  /// worker, rendering from `first` at `wpm`. `on_ready` runs on the worker after each track is
  /// stored (to wake the player); it must not call back into this object.
  SynthAhead(synth::Engine& engine, const std::string& voice, const std::vector<Utterance>& plan,
             std::size_t first, double wpm, std::function<void()> on_ready,
             std::size_t lookahead = 2);
  /// Cancels what is being rendered and joins the worker.
  ~SynthAhead();
  SynthAhead(const SynthAhead&) = delete;
  SynthAhead& operator=(const SynthAhead&) = delete;

  /// The player is at `index` and plays at `wpm`: render index..index+lookahead at that speed
  /// (in order), forget tracks before index - 1.
  void want(std::size_t index, double wpm);
  /// The track, if it is ready at that speed; nullptr otherwise. Rethrows the worker's failure
  /// (Error(Voice) from the engine).
  TrackPtr get(std::size_t index, double wpm);
  /// The renderer's sample rate (eSpeak's, 22050 Hz).
  int sample_rate_hz() const noexcept { return sample_rate_hz_; }

 private:
  void run() noexcept;
  bool wanted(std::size_t index, double wpm) const;  // caller holds mutex_

  Renderer renderer_;  ///< used only on the worker thread once it runs
  const std::vector<Utterance>& plan_;
  const std::size_t lookahead_;
  const std::function<void()> on_ready_;
  const int sample_rate_hz_;

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::size_t want_index_ = 0;
  double want_wpm_ = 0;
  std::map<std::size_t, TrackPtr> tracks_;
  std::size_t job_index_ = 0;
  double job_wpm_ = 0;
  bool busy_ = false;
  bool quit_ = false;
  std::exception_ptr error_;
  std::atomic<bool> cancel_{false};  ///< handed to Renderer::render for the job in progress
  std::thread worker_;               ///< last: starts once everything above exists
};

}  // namespace narrate::pipeline
