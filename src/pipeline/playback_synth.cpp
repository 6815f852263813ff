// pipeline/playback_synth.cpp - synthesis ahead of playback: a worker that renders utterances
#include "pipeline/playback_synth.hpp"

#include <span>
#include <utility>

namespace narrate::pipeline {

SynthAhead::SynthAhead(synth::Engine& engine, const std::string& voice,
                       const std::vector<Utterance>& plan, std::size_t first, double wpm,
                       std::function<void()> on_ready, std::size_t lookahead)
    : renderer_(engine, voice, wpm),
      plan_(plan),
      lookahead_(lookahead),
      on_ready_(std::move(on_ready)),
      sample_rate_hz_(renderer_.sample_rate_hz()),
      want_index_(first),
      want_wpm_(wpm),
      worker_([this] { run(); }) {}

SynthAhead::~SynthAhead() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
    cancel_.store(true);
  }
  cv_.notify_all();
  worker_.join();
}

bool SynthAhead::wanted(std::size_t index, double wpm) const {
  return wpm == want_wpm_ && index >= want_index_ && index <= want_index_ + lookahead_ &&
         index < plan_.size();
}

void SynthAhead::want(std::size_t index, double wpm) {
  {
    std::lock_guard lock(mutex_);
    if (index == want_index_ && wpm == want_wpm_) return;
    want_index_ = index;
    want_wpm_ = wpm;
    if (busy_ && !wanted(job_index_, job_wpm_)) cancel_.store(true);
    // Kept: the window, at the wanted speed, and the track before it (a "previous" or a
    // repeat right after moving on).
    for (auto it = tracks_.begin(); it != tracks_.end();) {
      const bool keep = it->first + 1 >= index && it->first <= index + lookahead_ &&
                        (it->second->wpm == wpm || it->first < index);
      it = keep ? std::next(it) : tracks_.erase(it);
    }
  }
  cv_.notify_all();
}

TrackPtr SynthAhead::get(std::size_t index, double wpm) {
  std::lock_guard lock(mutex_);
  if (error_) std::rethrow_exception(error_);
  const auto found = tracks_.find(index);
  if (found == tracks_.end() || found->second->wpm != wpm) return nullptr;
  return found->second;
}

void SynthAhead::run() noexcept {
  std::unique_lock lock(mutex_);
  while (!quit_) {
    // The first index of the window still missing at the wanted speed, in playing order.
    bool found = false;
    for (std::size_t i = want_index_; i <= want_index_ + lookahead_ && i < plan_.size(); ++i) {
      const auto it = tracks_.find(i);
      if (it == tracks_.end() || it->second->wpm != want_wpm_) {
        job_index_ = i;
        found = true;
        break;
      }
    }
    if (!found || error_) {
      cv_.wait(lock);
      continue;
    }
    job_wpm_ = want_wpm_;
    busy_ = true;
    cancel_.store(false);
    lock.unlock();

    auto track = std::make_shared<Track>();
    track->index = job_index_;
    track->wpm = job_wpm_;
    std::exception_ptr failure;
    try {
      renderer_.set_speed(job_wpm_);
      // The sentences after it let the renderer plan the speed over a window, as speak() does.
      track->audio =
          renderer_.render(std::span<const Utterance>(plan_).subspan(job_index_), &cancel_);
    } catch (...) {
      failure = std::current_exception();
    }

    lock.lock();
    busy_ = false;
    if (failure) {
      error_ = failure;
    } else if (!track->audio.cancelled && wanted(track->index, track->wpm)) {
      tracks_[track->index] = std::move(track);
    } else {
      continue;  // superseded while it was being made
    }
    lock.unlock();
    on_ready_();
    lock.lock();
  }
}

}  // namespace narrate::pipeline
