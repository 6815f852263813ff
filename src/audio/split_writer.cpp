// audio/split_writer.cpp - one narration as numbered files: a new part every N minutes or chapter
#include "audio/split_writer.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "narrate/error.hpp"

namespace narrate::audio {

namespace {
// Without a paragraph break in sight, a part is cut at a sentence once it is this much over.
constexpr double kSentenceCutFactor = 1.1;
// Parts wait, complete but not encoded, until the narration ends and their number is known
// (the track total in their tags); past this many, the oldest is finished without it, to keep
// the open temporary files few.
constexpr std::size_t kMaxWaitingParts = 100;
}  // namespace

std::string part_path(const std::string& path, std::size_t number) {
  const std::filesystem::path p(path);
  char digits[32];
  std::snprintf(digits, sizeof digits, "-%03zu", number);
  const std::string stem = p.stem().string() + digits + p.extension().string();
  return (p.parent_path() / stem).string();
}

SplitWriter::SplitWriter(std::string path, FileWriterOptions options, SplitPolicy policy)
    : path_(std::move(path)), options_(std::move(options)), policy_(policy) {
  if (path_ == "-") throw Error(ErrorCode::Usage, "--split needs an output file, not -o -");
  file_format_for_path(path_);
  options_.metadata.album = options_.metadata.title;
  options_.deferred = true;
  if (policy_.minutes > 0) options_.expected_seconds = policy_.minutes * 60 * kSentenceCutFactor;
  open_part(options_.metadata.title);
}

SplitWriter::~SplitWriter() {
  if (finished_) return;
  writer_.reset();  // removes the part being written, if it is not complete
  waiting_.clear();
  // The parts already complete go too: a narration's files are all there or none are.
  for (const std::string& done : completed_) ::unlink(done.c_str());
}

void SplitWriter::open_part(const std::string& title) {
  const std::size_t number = part_ + 1;
  FileWriterOptions options = options_;
  options.metadata.title = title.empty() ? options_.metadata.album : title;
  options.metadata.track_number = std::to_string(number);
  const std::string path = part_path(path_, number);
  auto writer = std::make_unique<FileWriter>(path, std::move(options));
  if (started_) writer->start(format_);
  writer_ = std::move(writer);
  paths_.push_back(path);
  part_ = number;
  part_start_ = written_;
}

void SplitWriter::start(const AudioFormat& format) {
  format_ = format;
  started_ = true;
  if (writer_) writer_->start(format);
}

void SplitWriter::write(std::span<const std::int16_t> samples) {
  if (samples.empty()) return;
  // The next part opens with its first audio, so a cut after the last sentence leaves no
  // empty file behind.
  if (!writer_) open_part(pending_title_);
  writer_->write(samples);
  written_ += static_cast<std::int64_t>(samples.size()) / std::max(1, format_.channels);
}

void SplitWriter::boundary(const SinkBoundary& between) {
  const bool paragraph = between.paragraph;
  const bool chapter = between.chapter;
  const std::string& next_title = between.next_title;
  if (!writer_) return;
  const std::int64_t in_part = written_ - part_start_;
  if (in_part == 0) return;
  const double minutes = double(in_part) / format_.sample_rate_hz / 60.0;
  bool cut = policy_.chapters && chapter;
  if (policy_.minutes > 0) {
    cut = cut || (paragraph && minutes >= policy_.minutes) ||
          minutes >= policy_.minutes * kSentenceCutFactor;
  }
  if (!cut) {
    writer_->boundary(between);  // a chapter mark inside the part
    return;
  }
  waiting_.push_back(std::move(writer_));
  if (waiting_.size() > kMaxWaitingParts) finish_waiting(1, 0);
  pending_title_ = chapter && policy_.chapters ? next_title : std::string();
  if (pending_title_.empty()) {
    pending_title_ = options_.metadata.album + " (" + std::to_string(part_ + 1) + ")";
  }
}

void SplitWriter::finish_waiting(std::size_t count, std::size_t total) {
  for (std::size_t i = 0; i < count && !waiting_.empty(); ++i) {
    FileWriter& part = *waiting_.front();
    if (total > 0) part.set_track_total(total);
    part.finish();
    finished_encode_seconds_ += part.encode_seconds();
    completed_.push_back(part.path());
    waiting_.pop_front();
  }
}

void SplitWriter::finish() {
  if (finished_) return;
  if (writer_) waiting_.push_back(std::move(writer_));
  finish_waiting(waiting_.size(), paths_.size());
  finished_ = true;
}

double SplitWriter::encode_seconds() const noexcept { return finished_encode_seconds_; }

std::size_t SplitWriter::part() const noexcept { return writer_ ? part_ : part_ + 1; }

}  // namespace narrate::audio
