// audio/split_writer.hpp - one narration as numbered files: a new part every N minutes or chapter
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "audio/file_writer.hpp"

namespace narrate::audio {

/// Where a narration is cut into parts.
struct SplitPolicy {
  double minutes = 0;     ///< > 0: a new part at the first paragraph break after this long
  bool chapters = false;  ///< a new part at every heading
};

/// "dir/out.mp3", 3 -> "dir/out-003.mp3" (more digits past 999).
std::string part_path(const std::string& path, std::size_t number);

/// Writes parts "out-001.mp3", "out-002.mp3", ... each through its own FileWriter (a temporary
/// name, renamed when the part is complete). Every part is completed by finish(), when the
/// number of parts is known for their tags ("3/7"). Parts are cut only where the caller says an
/// utterance ends (boundary()), so a cut always falls in a pause, never inside a word. Destroyed
/// unfinished or after a failure, it removes the parts it had already completed, so that a
/// narration's files are all there or none are.
class SplitWriter : public Sink {
 public:
  /// Opens the first part at once, so that an unwritable place fails before any synthesis.
  /// Throws Error(Usage) for an unknown extension or for "-", Error(Output) when the first part
  /// cannot be created. options.metadata.title names the first part; album is set to it too.
  SplitWriter(std::string path, FileWriterOptions options, SplitPolicy policy);
  ~SplitWriter() override;

  void start(const AudioFormat& format) override;
  void write(std::span<const std::int16_t> samples) override;
  void finish() override;

  /// Between two utterances. If the policy says so, the part ends here and the next one opens
  /// with the next audio (titled between.next_title for a chapter). Throws Error(Output) if
  /// finishing the part fails (write() throws the same if opening the next one does).
  void boundary(const SinkBoundary& between) override;

  /// The number (1-based) of the part the next audio goes into.
  std::size_t part() const noexcept override;
  /// Every part path, written or being written.
  std::vector<std::string> paths() const override { return paths_; }
  /// CPU seconds the encoders of the finished parts used.
  double encode_seconds() const noexcept override;

 private:
  void open_part(const std::string& title);
  /// Finishes the `count` oldest waiting parts, tagged with `total` parts (0: not known yet).
  void finish_waiting(std::size_t count, std::size_t total);

  std::string path_;
  FileWriterOptions options_;
  SplitPolicy policy_;
  AudioFormat format_;
  std::unique_ptr<FileWriter> writer_;  ///< null between a cut and the next part's audio
  std::deque<std::unique_ptr<FileWriter>> waiting_;  ///< parts cut, finished by finish()
  std::string pending_title_;                        ///< the title of the part to open next
  std::vector<std::string> paths_;                   ///< every part begun
  std::vector<std::string> completed_;               ///< the parts finished and renamed
  std::size_t part_ = 0;
  std::int64_t written_ = 0;     ///< samples of the whole narration so far
  std::int64_t part_start_ = 0;  ///< where the current part began
  double finished_encode_seconds_ = 0;
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace narrate::audio
