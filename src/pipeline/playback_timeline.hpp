// pipeline/playback_timeline.hpp - which audio the player holds, and where in it a listener is
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <optional>

#include "pipeline/playback_synth.hpp"

namespace narrate::pipeline {

/// A place in a track.
struct Spot {
  TrackPtr track;
  std::int64_t offset = 0;  ///< samples into the track
};

/// What was handed to the player since its last halt, in order: stretches of the player's
/// timeline (audio::Player positions) each holding part of one track. Maps a heard position
/// back to a sentence and an offset in it.
class Timeline {
 public:
  struct Stretch {
    std::int64_t begin = 0;  ///< timeline position of its first sample
    TrackPtr track;
    std::int64_t offset = 0;  ///< into the track
    std::int64_t length = 0;
    std::int64_t end() const noexcept { return begin + length; }
  };

  /// `length` samples of `track` from `offset` on went to the player at timeline `begin`.
  void add(std::int64_t begin, const TrackPtr& track, std::int64_t offset, std::int64_t length) {
    if (!stretches_.empty() && stretches_.back().track == track &&
        stretches_.back().end() == begin &&
        stretches_.back().offset + stretches_.back().length == offset) {
      stretches_.back().length += length;
    } else {
      stretches_.push_back({begin, track, offset, length});
    }
  }
  void clear() noexcept { stretches_.clear(); }
  bool empty() const noexcept { return stretches_.empty(); }
  /// The first stretch; after drop_before(p), the one p falls in. Not when empty().
  const Stretch& front() const { return stretches_.front(); }

  /// Forgets the stretches that end at or before `position`, keeping the one it falls in (or
  /// the last one).
  void drop_before(std::int64_t position) {
    while (stretches_.size() > 1 && stretches_[1].begin <= position) stretches_.pop_front();
  }

  /// Where `position` falls. Before the first stretch: that stretch's start; past the last: the
  /// end of it; nothing at all when empty.
  Spot spot_at(std::int64_t position) const {
    for (const Stretch& stretch : stretches_) {
      if (position < stretch.begin) return {stretch.track, stretch.offset};
      if (position < stretch.end()) {
        return {stretch.track, stretch.offset + (position - stretch.begin)};
      }
    }
    if (stretches_.empty()) return {};
    return {stretches_.back().track, stretches_.back().offset + stretches_.back().length};
  }

  /// When audio of a later utterance follows utterance `index` here: the timeline position
  /// `margin` samples after the last loud sample of `index` (where a cut is not heard).
  std::optional<std::int64_t> cut_after(std::size_t index, std::int64_t margin) const {
    const auto later = std::find_if(stretches_.begin(), stretches_.end(),
                                    [&](const Stretch& s) { return s.track->index > index; });
    if (later == stretches_.end() || later == stretches_.begin()) return std::nullopt;
    const Stretch& current = *std::prev(later);
    if (current.track->index != index) return std::nullopt;
    const auto& audio = current.track->audio;
    const std::int64_t speech_end = std::min<std::int64_t>(
        audio.last_loud + margin, static_cast<std::int64_t>(audio.samples.size()));
    return current.begin + std::max<std::int64_t>(0, speech_end - current.offset);
  }

 private:
  std::deque<Stretch> stretches_;
};

}  // namespace narrate::pipeline
