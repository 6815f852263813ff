// pipeline/resume_state.cpp - where each article was left off, kept in the user's state directory
#include "narrate/resume.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "util/atomic_file.hpp"
#include "util/strings.hpp"

namespace narrate {

namespace fs = std::filesystem;

namespace {

bool is_url(const std::string& source) {
  return source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0;
}

std::uint64_t hash_text(std::uint64_t hash, const Document& document) {
  hash = util::fnv1a(hash, document.title);
  for (const Block& block : document.blocks) {
    hash = util::fnv1a(hash, "\n");
    hash = util::fnv1a(hash, block.text);
  }
  return hash;
}

std::string hex_of(std::uint64_t hash) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

fs::path file_for(const std::string& key) {
  const fs::path dir = resume_dir();
  return dir.empty() ? fs::path() : dir / (key + ".json");
}

}  // namespace

std::string article_key(const std::string& source, const Document& document) {
  std::string where = source;
  if (source != "-" && !is_url(source)) {
    std::error_code ec;
    const fs::path absolute = fs::weakly_canonical(fs::absolute(source, ec), ec);
    if (!ec) where = absolute.string();
  }
  std::uint64_t hash = util::kFnv1aOffset;
  hash = util::fnv1a(hash, where);
  hash = util::fnv1a(hash, std::string_view("\0", 1));
  return hex_of(hash_text(hash, document));
}

std::string content_key(const Document& document) {
  // A prefix of its own, so that no source's key can equal a content key.
  std::uint64_t hash = util::fnv1a(util::kFnv1aOffset, std::string_view("content\0", 8));
  return hex_of(hash_text(hash, document));
}

fs::path resume_dir() {
  if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && *state == '/') {
    return fs::path(state) / "narrate" / "positions";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    return fs::path(home) / ".local" / "state" / "narrate" / "positions";
  }
  return {};
}

std::optional<ResumePoint> load_resume_point(const std::string& key) {
  const fs::path file = file_for(key);
  if (file.empty()) return std::nullopt;
  std::ifstream in(file);
  if (!in) return std::nullopt;
  try {
    const nlohmann::json saved = nlohmann::json::parse(in);
    ResumePoint point;
    point.sentence = saved.at("sentence").get<std::size_t>();
    point.sentences = saved.value("sentences", std::size_t{0});
    point.source = saved.value("source", std::string());
    return point;
  } catch (...) {
    return std::nullopt;
  }
}

bool save_resume_point(const std::string& key, const ResumePoint& point) noexcept {
  try {
    const fs::path file = file_for(key);
    if (file.empty()) return false;
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec) return false;
    ::chmod(file.parent_path().c_str(), 0700);  // what people listen to is their business
    nlohmann::json saved;
    saved["source"] = point.source;
    saved["sentence"] = point.sentence;
    saved["sentences"] = point.sentences;
    saved["saved_at"] = static_cast<std::int64_t>(std::time(nullptr));
    util::write_file(file.string(), saved.dump() + "\n");
    return true;
  } catch (...) {
    return false;
  }
}

void forget_resume_point(const std::string& key) noexcept {
  try {
    const fs::path file = file_for(key);
    std::error_code ec;
    if (!file.empty()) fs::remove(file, ec);
  } catch (...) {
    // Nothing to forget then.
  }
}

}  // namespace narrate
