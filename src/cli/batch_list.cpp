// cli/batch_list.cpp - reading a batch list, manifest or folder; safe, distinct output names
#include "batch_list.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "narrate/error.hpp"

namespace narrate::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxStemBytes = 80;

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool ends_with(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

// A manifest's "output": relative, every part a plain name (no "", ".", "..", hidden part).
std::string unsafe_output_reason(const std::string& output) {
  if (output.empty()) return "\"output\" is empty";
  if (output.front() == '/') return "\"output\" must be relative to the output folder";
  if (output.find('\0') != std::string::npos) return "\"output\" holds a NUL byte";
  std::stringstream parts(output);
  std::string part;
  while (std::getline(parts, part, '/')) {
    if (part.empty() || part.front() == '.') {
      return "\"output\" '" + output + "' leaves the output folder or names a hidden file";
    }
  }
  if (output.back() == '/') return "\"output\" '" + output + "' is a folder";
  return "";
}

std::string extension_of(const std::string& output) {
  const auto slash = output.rfind('/');
  const auto dot = output.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return lower(output.substr(dot + 1));
}

BatchItem item_from_json(const std::string& line_text, std::size_t line) {
  BatchItem item;
  item.line = line;
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(line_text);
  } catch (const nlohmann::json::exception&) {
    item.error = "not a JSON object";
    return item;
  }
  if (!value.is_object()) {
    item.error = "not a JSON object";
    return item;
  }
  static const std::set<std::string> kKeys{"source", "output", "voice", "speed", "format"};
  for (const auto& [key, field] : value.items()) {
    if (kKeys.count(key) == 0) {
      item.error = "unknown key \"" + key + "\" (source, output, voice, speed, format)";
      return item;
    }
    const bool number_speed = key == "speed" && field.is_number();
    if (!field.is_string() && !number_speed) {
      item.error = "\"" + key + "\" must be a string";
      return item;
    }
  }
  item.source = value.value("source", "");
  if (item.source.empty()) item.error = "no \"source\"";
  item.output = value.value("output", "");
  item.voice = value.value("voice", "");
  if (value.contains("speed")) {
    const auto& speed = value["speed"];
    if (speed.is_number()) {
      std::ostringstream text;
      text << speed.get<double>() << 'x';  // a bare number is a multiplier
      item.speed = text.str();
    } else {
      item.speed = speed.get<std::string>();
    }
  }
  // The format names the extension of a generated output; it must agree with a given one.
  const std::string format = lower(value.value("format", ""));
  if (!format.empty() && !is_audio_format(format) && item.error.empty()) {
    item.error = "unknown \"format\" '" + format + "' (wav, flac, ogg, opus, mp3)";
  }
  if (!item.output.empty() && item.error.empty()) {
    item.error = unsafe_output_reason(item.output);
    if (item.error.empty() && !format.empty() && extension_of(item.output) != format) {
      item.error = "\"output\" '" + item.output + "' is not a ." + format + " file";
    }
  }
  if (item.output.empty() && !format.empty()) item.output = "." + format;  // a stem comes later
  return item;
}

std::vector<BatchItem> items_of_folder(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    const std::string extension = lower(it->path().extension().string());
    if (name.front() == '.') continue;
    if (extension != ".html" && extension != ".htm" && extension != ".xhtml" &&
        extension != ".txt") {
      continue;
    }
    std::error_code type_error;
    if (fs::is_regular_file(it->path(), type_error)) files.push_back(it->path());
  }
  if (error) {
    throw Error(ErrorCode::SourceUnreadable,
                "cannot read the folder '" + folder.string() + "': " + error.message());
  }
  std::sort(files.begin(), files.end());
  std::vector<BatchItem> items;
  for (const fs::path& file : files) {
    BatchItem item;
    item.source = file.string();
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<BatchItem> items_of_file(const std::string& list) {
  std::ifstream in(list, std::ios::binary);
  if (!in) {
    throw Error(ErrorCode::SourceUnreadable,
                "cannot open the batch list '" + list + "': " + std::strerror(errno));
  }
  std::vector<std::pair<std::size_t, std::string>> lines;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    lines.emplace_back(number, line);
  }
  if (in.bad()) {
    throw Error(ErrorCode::SourceUnreadable, "cannot read the batch list '" + list + "'");
  }
  const bool manifest = ends_with(lower(list), ".jsonl") || ends_with(lower(list), ".ndjson") ||
                        (!lines.empty() && lines.front().second.front() == '{');
  std::vector<BatchItem> items;
  for (const auto& [number, text] : lines) {
    if (manifest) {
      items.push_back(item_from_json(text, number));
    } else {
      BatchItem item;
      item.line = number;
      item.source = text;
      items.push_back(std::move(item));
    }
  }
  return items;
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  const auto number = [&](const std::string& part, std::size_t& out) {
    if (part.empty() || part.size() > 9 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    out = std::stoul(part);
    return true;
  };
  Shard shard;
  if (slash == std::string::npos || !number(text.substr(0, slash), shard.index) ||
      !number(text.substr(slash + 1), shard.count) || shard.count == 0 ||
      shard.index > shard.count) {
    throw Error(ErrorCode::Usage,
                "invalid --shard '" + text + "' (use K/N with N >= 1 and K from 0 to N)");
  }
  return shard;
}

bool is_audio_format(const std::string& format) {
  return format == "wav" || format == "flac" || format == "ogg" || format == "opus" ||
         format == "mp3";
}

std::string safe_stem(const std::string& source) {
  std::string path = source;
  const auto scheme = path.find("://");
  std::string host;
  if (scheme != std::string::npos) {
    path = path.substr(scheme + 3);
    const auto cut = path.find_first_of("?#");
    if (cut != std::string::npos) path.resize(cut);
    const auto slash = path.find('/');
    host = path.substr(0, slash);
    path = slash == std::string::npos ? "" : path.substr(slash);
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  std::string name = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  const auto dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  if (name.empty()) name = host;
  std::string stem;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) && byte < 0x80) {
      stem += static_cast<char>(std::tolower(byte));
    } else if (!stem.empty() && stem.back() != '-') {
      stem += '-';
    }
    if (stem.size() >= kMaxStemBytes) break;
  }
  while (!stem.empty() && stem.back() == '-') stem.pop_back();
  return stem.empty() ? "article" : stem;
}

std::vector<BatchItem> read_batch_list(const std::string& list, const std::string& default_format) {
  std::error_code error;
  std::vector<BatchItem> items =
      fs::is_directory(list, error) ? items_of_folder(list) : items_of_file(list);
  if (items.empty()) throw Error(ErrorCode::Usage, "the batch list '" + list + "' names no items");
  for (std::size_t i = 0; i < items.size(); ++i) items[i].index = i;

  // Names the manifest gives are taken first; a second item giving the same name fails. Then
  // each other item is named from its source, around every name already taken.
  std::set<std::string> taken;  // lower-cased: distinct on case-insensitive file systems too
  for (BatchItem& item : items) {
    if (!item.error.empty() || item.output.empty() || item.output.front() == '.') continue;
    if (!taken.insert(lower(item.output)).second) {
      item.error = "duplicate output name '" + item.output + "'";
    }
  }
  for (BatchItem& item : items) {
    if (!item.error.empty() || (!item.output.empty() && item.output.front() != '.')) continue;
    const std::string extension = item.output.empty() ? "." + default_format : item.output;
    const std::string stem = safe_stem(item.source);
    std::string name = stem + extension;
    for (int n = 2; !taken.insert(lower(name)).second; ++n) {
      name = stem + "-" + std::to_string(n) + extension;
    }
    item.output = name;
  }
  return items;
}

}  // namespace narrate::cli
