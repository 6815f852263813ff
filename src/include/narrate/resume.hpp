// narrate/resume.hpp - where each article was left off, kept in the user's state directory
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "narrate/document.hpp"

namespace narrate {

/// An article's key for resuming: 16 hex digits hashing its source (a file as its absolute path,
/// a URL or "-" as given) and its extracted text, so an edited article starts afresh.
std::string article_key(const std::string& source, const Document& document);

/// An article's key by its extracted text alone (16 hex digits): the same article copied to
/// another path, piped, or fetched again resumes where it was left. Kept beside article_key's
/// position, and looked up when that one has none.
std::string content_key(const Document& document);

/// Where positions are kept: $XDG_STATE_HOME/narrate/positions, else
/// ~/.local/state/narrate/positions; empty when there is no home to keep them in.
std::filesystem::path resume_dir();

/// Where a listener stopped in an article.
struct ResumePoint {
  std::size_t sentence = 0;   ///< 0-based, in plan order: the sentence to start again from
  std::size_t sentences = 0;  ///< how many the article had
  std::string source;         ///< for people reading the file
};

/// The saved position, if any. Never throws: a missing or damaged file reads as none.
std::optional<ResumePoint> load_resume_point(const std::string& key);
/// Saves a position (a temporary file, then a rename). Returns false when it cannot be saved.
/// Never throws.
bool save_resume_point(const std::string& key, const ResumePoint& point) noexcept;
/// Forgets a position (the article was heard to its end). Never throws.
void forget_resume_point(const std::string& key) noexcept;

}  // namespace narrate
