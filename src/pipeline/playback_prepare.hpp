// pipeline/playback_prepare.hpp - the slow parts of starting playback, begun in the background
#pragma once

#include <cstdint>
#include <future>
#include <memory>

#include "audio/player.hpp"

namespace narrate::pipeline {

/// What playback needs before the first sentence can sound, started early on other threads:
/// PortAudio (whose device enumeration is the slowest part of starting, 15-100 ms) with a stream
/// open at eSpeak's 22050 Hz (halted: Player::resume() starts it), and the speech engine.
struct PreparedPlayback {
  std::shared_future<void> engine;                            ///< Engine::instance() (or its Error)
  std::shared_future<std::shared_ptr<audio::Player>> player;  ///< started (or its Error)
  std::int64_t started_ns = 0;  ///< steady_clock time prepare began, in ns since its epoch
};

/// Begins preparing, once per process (later calls do nothing). Never throws: failures are kept
/// for take_prepared_playback() to report.
void prepare_playback() noexcept;

/// What prepare_playback() began (beginning it now if it was not called); each call after the
/// first begins afresh, since a player serves one playback.
PreparedPlayback take_prepared_playback();

/// Waits for a preparation no playback took and closes its stream, while PortAudio and the
/// engine are still alive. Never throws.
void release_prepared_playback() noexcept;

/// The stream rate prepared players open at: eSpeak NG's output rate.
inline constexpr int kPreparedRateHz = 22050;

}  // namespace narrate::pipeline
