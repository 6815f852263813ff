// cli/batch_list.hpp - what a batch is made of: the list, manifest or folder, safe output names
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace narrate::cli {

/// One article of a batch, as read from the list (before it is run).
struct BatchItem {
  std::size_t index = 0;  ///< position among the list's items, from 0 (what --shard deals by)
  std::size_t line = 0;   ///< line of the list file (1-based); 0 for a folder's file
  std::string source;     ///< a path or an http(s) URL, as written
  std::string output;     ///< relative to the output folder: "news-science.wav"
  std::string voice;      ///< "" = the command line's (or the document's language)
  std::string speed;      ///< "" = the command line's
  std::string error;      ///< why the item cannot run ("" = it can); it then counts as failed
};

/// Which share of the items one process runs: item i when i % count == index % count.
struct Shard {
  std::size_t index = 0;  ///< 0..count (count means 0: both 0-based and 1-based ids work)
  std::size_t count = 1;
  bool selects(std::size_t item_index) const noexcept {
    return item_index % count == index % count;
  }
};

/// Parses "K/N" (0 <= K <= N, N >= 1). Throws Error(Usage).
Shard parse_shard(const std::string& text);

/// The audio formats a batch may write ("wav", "flac", "ogg", "opus", "mp3").
bool is_audio_format(const std::string& format);

/// A file name stem made from a source: the file's or the URL's last path segment without its
/// extension (the host when the path is empty), lower-cased ASCII letters and digits joined by
/// '-', at most 80 bytes; "article" when nothing is left. Never holds '/', '.' or "..".
std::string safe_stem(const std::string& source);

/// Reads a batch: LIST is a folder (its .html, .htm, .xhtml and .txt files, sorted by name), a
/// JSON-lines manifest (a file whose first item line starts with '{', or named *.jsonl /
/// *.ndjson: {"source", "output", "voice", "speed", "format"} per line), or a text file of
/// sources, one a line (blank lines and lines starting with '#' are skipped). Every item gets a
/// distinct output name: the manifest's "output" (relative, no "..", no hidden part), else
/// safe_stem(source) + "." + the item's format (default_format unless the manifest says), with
/// "-2", "-3", ... added in list order where names meet. An item that cannot run (a line that
/// is not JSON, no source, a duplicate or unsafe output, an unknown format) keeps its place with
/// its error set. Throws Error(SourceUnreadable) when LIST cannot be read, Error(Usage) when it
/// names no items.
std::vector<BatchItem> read_batch_list(const std::string& list, const std::string& default_format);

}  // namespace narrate::cli
