// pipeline/segment_render.hpp - a plan rendered in pace segments by worker processes, in order
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstddef>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "pipeline/render.hpp"

namespace narrate::pipeline {

/// A plan's pace segments: [begin, end) ranges of utterances, cut after at least
/// kSegmentUtterances at the next paragraph or heading break (at most 3 times as many). They
/// depend on the plan alone, never on how many workers render them.
inline constexpr std::size_t kSegmentUtterances = 24;
struct Segment {
  std::size_t begin = 0;
  std::size_t end = 0;
};
std::vector<Segment> pace_segments(std::span<const Utterance> plan);

/// The cores this process may run on (sched_getaffinity), at least 1.
std::size_t usable_cores() noexcept;

/// Renders a plan for a file, utterance by utterance in reading order, with up to `jobs` worker
/// processes at once (eSpeak NG is process-global: one engine per process).
///
/// Sample-exact whatever `jobs` is: eSpeak's audio depends on what the process synthesized
/// before, and the pace on the time owed by earlier sentences, so every segment starts from the
/// same state. The engine is set up and warmed up once in this process, and each segment is
/// rendered by a process forked from it, with a fresh Renderer that knows the text just before
/// the segment (its words and syllables), never its audio. Workers write their utterances to
/// unlinked temporary files (a pipe says when each is complete); this process reads them in
/// order, one utterance at a time, with at most `jobs` segments in flight. A plan of one
/// segment is rendered here, from the same warmed-up state.
class SegmentRenderer {
 public:
  /// Selects and warms up the voice. Throws Error(Voice) for an unknown voice.
  SegmentRenderer(std::span<const Utterance> plan, const std::string& voice, double target_wpm,
                  std::size_t jobs, const std::atomic<bool>* stop);
  ~SegmentRenderer();
  SegmentRenderer(const SegmentRenderer&) = delete;
  SegmentRenderer& operator=(const SegmentRenderer&) = delete;

  int sample_rate_hz() const noexcept { return sample_rate_hz_; }
  const std::string& voice() const noexcept { return voice_; }

  /// The next utterance's audio (in plan order). Throws Error(Voice) when a worker failed or
  /// died, Error(Interrupted) when *stop became true.
  RenderedUtterance next();

  /// Totals over the utterances returned so far.
  const RenderTotals& totals() const noexcept { return totals_; }

 private:
  struct Worker {
    std::size_t segment = 0;
    pid_t pid = -1;
    int fd = -1;             ///< a pipe: one byte for each record complete in the file
    int file_fd = -1;        ///< an unlinked temporary file the worker writes its records to
    std::size_t offset = 0;  ///< how far this process has read the file
  };
  void launch(std::size_t segment);
  bool wait_record(Worker& worker);  ///< false: the worker ended without another record
  void stop_workers() noexcept;
  bool take(Worker& worker, std::size_t bytes, void* out);

  std::span<const Utterance> plan_;
  std::string voice_;
  double target_wpm_ = 200;
  std::size_t jobs_ = 1;
  const std::atomic<bool>* stop_ = nullptr;
  int sample_rate_hz_ = 22050;
  std::vector<Segment> segments_;
  std::size_t next_utterance_ = 0;
  std::size_t next_segment_ = 0;  ///< the next one to launch
  std::deque<Worker> workers_;    ///< in segment order; front() is being read
  RenderTotals totals_;
  bool in_process_ = false;  ///< one segment: rendered here, by renderer_
  std::unique_ptr<Renderer> renderer_;
};

}  // namespace narrate::pipeline
