// timing/cues.hpp - sentence and word timings, written as WebVTT, SRT or JSON marks
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace narrate::timing {

/// A word's place in the audio and in the source.
struct WordCue {
  std::int64_t begin_sample = 0;
  std::int64_t end_sample = 0;
  std::string text;              ///< the word as written ("U.S.", "$5bn")
  std::size_t source_begin = 0;  ///< byte offset in the block's text
  std::size_t source_end = 0;
  std::string spoken;  ///< what is said for it ("U S", "5 billion dollars")
};

/// A named point in the audio: an SSML <mark name="..."/>.
struct NamedMark {
  std::int64_t sample = 0;
  std::string name;
};

/// A sentence's place in the audio and in the source. Consecutive cues touch: a boundary lies in
/// the middle of the silence narrate inserts between the two sentences.
struct Cue {
  std::int64_t begin_sample = 0;
  std::int64_t end_sample = 0;
  std::string text;              ///< the sentence as written
  std::size_t block = 0;         ///< Sentence::block
  std::size_t source_begin = 0;  ///< byte offsets in the block's text
  std::size_t source_end = 0;
  std::vector<WordCue> words;
  std::vector<NamedMark> marks{};  ///< SSML marks heard during the sentence, in order
  /// A caption's lines (timing/captions); empty: `text`, one line.
  std::vector<std::string> lines{};
};

enum class SubtitleFormat { Vtt, Srt };

/// The subtitle format for a path's extension. Throws Error(Usage) for anything but .vtt/.srt.
SubtitleFormat subtitle_format_for_path(std::string_view path);

/// "00:01:02.345" (VTT) or "00:01:02,345" (SRT) for a sample position.
std::string format_timestamp(std::int64_t sample, int sample_rate_hz, SubtitleFormat format);

/// A cue's text as the format wants it: one line; for WebVTT & < > escaped as &amp; &lt; &gt;
/// (cue text is markup there); SRT kept plain, with only "-->" changed to "->".
std::string cue_text(std::string_view text, SubtitleFormat format);

/// The whole subtitle file's text: each cue's `lines`, or its `text` as one line.
std::string render_subtitles(const std::vector<Cue>& cues, int sample_rate_hz,
                             SubtitleFormat format);

/// The marks file's JSON text: {"sample_rate":..,"sentences":[{"start_ms","end_ms","text",
/// "block","source_begin","source_end","words":[...]}]}, and with SSML marks a
/// "marks":[{"name","start_ms"}] list in the order they are heard.
std::string render_marks(const std::vector<Cue>& cues, int sample_rate_hz);

/// Writes text to path through util::AtomicFile (complete or absent). Throws Error(Output).
void write_text_file(const std::string& path, const std::string& text);

}  // namespace narrate::timing
