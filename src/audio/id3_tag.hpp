// audio/id3_tag.hpp - an ID3v2.3 tag with Unicode text frames, for the front of an MP3
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace narrate::audio {

/// A chapter of the audio (ID3v2 Chapter Frame Addendum: a CHAP frame with a TIT2 inside).
struct Id3Chapter {
  std::string title;
  std::uint32_t start_ms = 0;
  std::uint32_t end_ms = 0;
};

/// Text for the tag, UTF-8; empty fields are left out.
struct Id3Fields {
  std::string title;         ///< TIT2
  std::string artist;        ///< TPE1
  std::string album;         ///< TALB
  std::string track_number;  ///< TRCK ("3" or "3/7")
  std::string software;      ///< TSSE
  std::string year{};        ///< TYER ("2026")
  std::string day_month{};   ///< TDAT ("0312": DDMM)
  std::string source_url{};  ///< WOAS (the page the audio was made from), Latin-1 as the spec says
  /// One CHAP frame each, under one ordered top-level CTOC; at most 255 (CTOC's entry count).
  std::vector<Id3Chapter> chapters{};
};

/// The bytes of an ID3v2.3 tag holding the fields as UTF-16 text frames (with a byte-order
/// mark), or nothing when every field is empty. ID3v2.3 is the version every player reads
/// (Windows reads v2.4 poorly); libsndfile's MP3 writer instead hands the strings to LAME, which
/// writes Latin-1 and mangles anything else, and writes no v2 tag for short titles at all.
/// Invalid UTF-8 becomes U+FFFD. A URL with bytes outside ASCII is left out.
std::vector<unsigned char> id3v2_tag(const Id3Fields& fields);

}  // namespace narrate::audio
