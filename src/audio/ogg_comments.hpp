// audio/ogg_comments.hpp - Vorbis comments libsndfile cannot write (chapters, track total, URL)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace narrate::audio {

/// A chapter as Vorbis comments carry it (the "CHAPTERxx" convention of Ogg players and
/// ffmpeg): CHAPTER01=00:00:00.000, CHAPTER01NAME=title.
struct CommentChapter {
  std::string title;
  std::int64_t start_ms = 0;
};

/// "KEY=value" comments for the chapters: CHAPTERnn and CHAPTERnnNAME, numbered from 01
/// (three digits past 99).
std::vector<std::string> chapter_comments(const std::vector<CommentChapter>& chapters);

/// libsndfile writes only its own keys (TITLE, ARTIST, ...). So the extra comments travel as a
/// stand-in: this text, set as the file's COMMENT, makes an entry "COMMENT=<stand-in>" exactly as
/// long as the extra entries together, and patch_ogg_comments() puts them in its place without
/// moving a byte of the stream. Empty when `extra` is empty.
std::string comment_placeholder(const std::vector<std::string>& extra);

/// Replaces the stand-in entry in the comment header of the Ogg stream in `fd` (Vorbis or Opus,
/// as libsndfile wrote it) with the `extra` entries and fixes the checksums of the pages it spans.
/// Returns false, changing nothing, when the stand-in is not found.
bool patch_ogg_comments(int fd, const std::vector<std::string>& extra);

}  // namespace narrate::audio
