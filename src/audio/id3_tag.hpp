// audio/id3_tag.hpp - an ID3v2.3 tag with Unicode text frames, for the front of an MP3
#pragma once

#include <string>
#include <vector>

namespace narrate::audio {

/// Text for the tag, UTF-8; empty fields are left out.
struct Id3Fields {
  std::string title;         ///< TIT2
  std::string artist;        ///< TPE1
  std::string album;         ///< TALB
  std::string track_number;  ///< TRCK
  std::string software;      ///< TSSE
};

/// The bytes of an ID3v2.3 tag holding the fields as UTF-16 text frames (with a byte-order
/// mark), or nothing when every field is empty. ID3v2.3 is the version every player reads
/// (Windows reads v2.4 poorly); libsndfile's MP3 writer instead hands the strings to LAME, which
/// writes Latin-1 and mangles anything else, and writes no v2 tag for short titles at all.
/// Invalid UTF-8 becomes U+FFFD.
std::vector<unsigned char> id3v2_tag(const Id3Fields& fields);

}  // namespace narrate::audio
