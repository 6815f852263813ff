// timing/cue_track.cpp - a narration's cues as they are made, placed in silences and split by part
#include "timing/cue_track.hpp"

namespace narrate::timing {

namespace {

void shift(Cue& cue, std::int64_t origin) {
  cue.begin_sample -= origin;
  cue.end_sample -= origin;
  for (WordCue& word : cue.words) {
    word.begin_sample -= origin;
    word.end_sample -= origin;
  }
  for (NamedMark& mark : cue.marks) mark.sample -= origin;
}

}  // namespace

void CueTrack::add(Cue cue, std::int64_t speech_begin, std::int64_t speech_end, std::size_t part) {
  cues_.push_back({std::move(cue), speech_begin, speech_end, part});
}

std::vector<CuePart> CueTrack::parts() const {
  std::vector<CuePart> out;
  std::int64_t origin = 0;
  for (std::size_t c = 0; c < cues_.size(); ++c) {
    const Entry& entry = cues_[c];
    if (out.empty() || out.back().part != entry.part) {
      out.push_back({entry.part, {}});
      origin = entry.cue.begin_sample;
    }
    Cue cue = entry.cue;
    const bool same_part_before = c > 0 && cues_[c - 1].part == entry.part;
    const bool same_part_after = c + 1 < cues_.size() && cues_[c + 1].part == entry.part;
    if (same_part_before) {
      cue.begin_sample = (cues_[c - 1].speech_end + entry.speech_begin) / 2;
    }
    if (same_part_after) {
      cue.end_sample = (entry.speech_end + cues_[c + 1].speech_begin) / 2;
    }
    shift(cue, origin);
    out.back().cues.push_back(std::move(cue));
  }
  return out;
}

}  // namespace narrate::timing
