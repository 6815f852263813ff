// pipeline/playback_prepare.cpp - the slow parts of starting playback, begun in the background
#include "pipeline/playback_prepare.hpp"

#include <chrono>
#include <mutex>
#include <optional>

#include "audio/portaudio_session.hpp"
#include "synth/engine.hpp"
#include "util/strings.hpp"

namespace narrate::pipeline {

namespace {

std::mutex g_mutex;
std::optional<PreparedPlayback> g_prepared;  // guarded by g_mutex; taken by the first playback
bool g_began = false;                        // guarded by g_mutex

PreparedPlayback begin() {
  PreparedPlayback prepared;
  prepared.started_ns = util::steady_now_ns();
  // ALSA's configuration is edited here, on this thread, before either task can open a device
  // (eSpeak's audio probe opens one when PulseAudio is absent).
  audio::PortAudioSession::prepare_host();
  prepared.player = std::async(std::launch::async, [] {
                      auto player = std::make_shared<audio::Player>();
                      // Halted: the stream starts with the first sentence in its first buffer.
                      player->open(audio::AudioFormat{kPreparedRateHz, 1});
                      return player;
                    }).share();
  prepared.engine = std::async(std::launch::async, [] { synth::Engine::instance(); }).share();
  return prepared;
}

}  // namespace

void prepare_playback() noexcept {
  std::lock_guard lock(g_mutex);
  if (g_began) return;
  g_began = true;
  try {
    g_prepared = begin();
  } catch (...) {
    // No thread could be started: take_prepared_playback() tries again and reports.
    g_prepared.reset();
  }
}

PreparedPlayback take_prepared_playback() {
  {
    std::lock_guard lock(g_mutex);
    g_began = true;
    if (g_prepared) {
      PreparedPlayback prepared = std::move(*g_prepared);
      g_prepared.reset();
      return prepared;
    }
  }
  return begin();
}

void release_prepared_playback() noexcept {
  std::optional<PreparedPlayback> pending;
  {
    std::lock_guard lock(g_mutex);
    pending.swap(g_prepared);
  }
  if (!pending) return;
  // The futures' results (or errors) are dropped; what matters is that the threads are done and
  // the player is destroyed here, not during static destruction.
  if (pending->engine.valid()) pending->engine.wait();
  if (pending->player.valid()) pending->player.wait();
  pending.reset();
}

}  // namespace narrate::pipeline
