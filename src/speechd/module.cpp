// speechd/module.cpp - sd_narrate: narrate as a Speech Dispatcher output module
#include "speechd/module.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "audio/portaudio_session.hpp"
#include "pipeline/speech_session.hpp"
#include "speechd/protocol.hpp"
#include "synth/engine.hpp"
#include "text/ssml.hpp"
#include "text/utf8.hpp"

namespace narrate::speechd {
namespace {

/// Reads LF-terminated lines from a file descriptor, byte-exact (no locale, no UTF-8 checks).
class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}

  /// The next line without its LF; nullopt at end of input or on a read error.
  std::optional<std::string> next() {
    while (true) {
      const std::size_t lf = buffer_.find('\n', start_);
      if (lf != std::string::npos) {
        std::string line = buffer_.substr(start_, lf - start_);
        start_ = lf + 1;
        if (start_ > 65536) {
          buffer_.erase(0, start_);
          start_ = 0;
        }
        return line;
      }
      char chunk[8192];
      const ssize_t n = ::read(fd_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_;
  std::string buffer_;
  std::size_t start_ = 0;
};

/// Standard output shared by replies (main thread) and events (the session's worker).
class Output {
 public:
  /// Writes all of `data`; false once the server has gone (the pipe is closed).
  bool write(const std::string& data) {
    std::lock_guard lock(mutex_);
    return write_locked(data);
  }
  bool write_locked(const std::string& data) {
    if (broken_) return false;
    std::size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = ::write(STDOUT_FILENO, data.data() + done, data.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        broken_ = true;
        return false;
      }
      done += static_cast<std::size_t>(n);
    }
    return true;
  }
  std::mutex& mutex() { return mutex_; }
  bool broken() {
    std::lock_guard lock(mutex_);
    return broken_;
  }

 private:
  std::mutex mutex_;
  bool broken_ = false;
};

/// Invalid UTF-8 bytes become U+FFFD (spoken as nothing); NUL becomes a space.
std::string clean_utf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    const text::utf8::CodePoint cp = text::utf8::decode(in, i);
    if (cp.value == 0xFFFD && in.substr(i, 3) != "\xEF\xBF\xBD") {
      out += "\xEF\xBF\xBD";
    } else if (cp.value == 0) {
      out += ' ';
    } else {
      out.append(in.substr(i, cp.length));
    }
    i += cp.length;
  }
  return out;
}

std::string unquote(std::string value) {
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r'))
    value.pop_back();
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
    value = value.substr(1, value.size() - 2);
  return value;
}

class Module {
 public:
  explicit Module(const ModuleConfig& config) : config_(config), in_(STDIN_FILENO) {}

  int run() {
    auto first = in_.next();
    if (!first) return 2;
    if (parse_command(*first) != Command::Init) return 3;
    try {
      audio::PortAudioSession::prepare_host();
      synth::Engine& engine = synth::Engine::instance();
      const std::string voice = config_.default_voice.empty()
                                    ? engine.default_voice_for_language("en")
                                    : config_.default_voice;
      engine.set_voice(voice);
      // One short synthesis loads the voice's data now rather than at the first SPEAK.
      engine.synthesize(" ", [](std::span<const std::int16_t>) { return true; });
    } catch (const std::exception& e) {
      out_.write("399-narrate: " + std::string(e.what()) + "\n399 ERR CANT INIT MODULE\n");
      return 1;
    }
    if (!out_.write("299-narrate: eSpeak NG speech, narrate's text handling\n"
                    "299 OK LOADED SUCCESSFULLY\n"))
      return 2;

    while (true) {
      auto line = in_.next();
      if (!line) return finish(2);
      log("CMD " + *line);
      switch (parse_command(*line)) {
        case Command::Speak:
          speak(pipeline::SpeechRequest::Kind::Ssml);
          break;
        case Command::Char:
          speak(pipeline::SpeechRequest::Kind::Char);
          break;
        case Command::Key:
          speak(pipeline::SpeechRequest::Kind::Key);
          break;
        case Command::SoundIcon:
          speak(pipeline::SpeechRequest::Kind::SoundIcon);
          break;
        case Command::Stop:
          if (session_) session_->stop();
          break;
        case Command::Pause:
          if (session_) session_->pause();
          break;
        case Command::Set:
          set();
          break;
        case Command::Audio:
          audio();
          break;
        case Command::ListVoices:
          list_voices();
          break;
        case Command::LogLevel:
          reply("207 OK RECEIVING LOGLEVEL SETTINGS\n");
          if (!read_block()) return finish(2);
          reply("203 OK LOGLEVEL SET\n");
          break;
        case Command::Debug:
          reply("200 OK DEBUGGING ON\n");
          break;
        case Command::Quit:
          reply("210 OK QUIT\n");
          return finish(0);
        case Command::Init:
        case Command::Unknown:
          reply("300 ERR UNKNOWN COMMAND\n");
          break;
      }
      if (out_.broken()) return finish(2);
    }
  }

 private:
  int finish(int status) {
    session_.reset();  // stops the audio and joins the worker
    return status;
  }

  void log(const std::string& what) {
    if (config_.debug > 0) std::fprintf(stderr, "sd_narrate: %s\n", what.c_str());
  }

  void reply(const std::string& text) { out_.write(text); }

  /// Data lines up to the lone ".", unescaped; nullopt when the pipe closes first.
  std::optional<std::vector<std::string>> read_block() {
    std::vector<std::string> lines;
    while (true) {
      auto line = in_.next();
      if (!line) return std::nullopt;
      if (!line->empty() && line->back() == '\r') line->pop_back();
      if (*line == ".") return lines;
      lines.emplace_back(unescape_data_line(*line));
    }
  }

  bool ensure_session() {
    if (session_) return true;
    try {
      auto on_event = [this](const pipeline::SpeechEvent& event) { out_.write(event_line(event)); };
      if (server_audio_) {
        auto on_audio = [this](std::span<const std::int16_t> samples, int rate_hz) {
          return out_.write(audio_block(samples, rate_hz));
        };
        session_ = std::make_unique<pipeline::SpeechSession>(on_event, on_audio);
      } else {
        session_ = std::make_unique<pipeline::SpeechSession>(on_event);
      }
      return true;
    } catch (const std::exception& e) {
      log(std::string("cannot open the audio output: ") + e.what());
      return false;
    }
  }

  void speak(pipeline::SpeechRequest::Kind kind) {
    // No event may come between the command's two replies: hold the output until both are out.
    std::unique_lock lock(out_.mutex());
    out_.write_locked("202 OK RECEIVING MESSAGE\n");
    auto lines = read_block();
    if (!lines) return;
    std::string content;
    for (std::size_t i = 0; i < lines->size(); ++i) {
      if (i > 0) content += '\n';
      content += (*lines)[i];
    }
    content = clean_utf8(content);
    if (kind == pipeline::SpeechRequest::Kind::Ssml && !text::looks_like_ssml(content))
      kind = pipeline::SpeechRequest::Kind::Text;
    if (!ensure_session()) {
      out_.write_locked("401 ERROR CANT SPEAK\n");
      return;
    }
    out_.write_locked("200 OK SPEAKING\n");
    pipeline::SpeechRequest request;
    request.kind = kind;
    request.content = std::move(content);
    pipeline::SpeechSettings settings = settings_.to_speech();
    if (settings.voice.empty()) settings.voice = config_.default_voice;
    session_->speak(std::move(request), settings);
  }

  void set() {
    reply("203 OK RECEIVING SETTINGS\n");
    auto lines = read_block();
    if (!lines) return;
    bool all_valid = true;
    for (const std::string& line : *lines) {
      const std::size_t eq = line.find('=');
      if (eq == std::string::npos) {
        all_valid = false;
        continue;
      }
      if (!settings_.apply(std::string_view(line).substr(0, eq),
                           std::string_view(line).substr(eq + 1)))
        all_valid = false;
    }
    reply(all_valid ? "203 OK SETTINGS RECEIVED\n" : "303 ERROR INVALID PARAMETER OR VALUE\n");
  }

  void audio() {
    reply("207 OK RECEIVING AUDIO SETTINGS\n");
    auto lines = read_block();
    if (!lines) return;
    std::string method;
    for (const std::string& line : *lines)
      if (line.rfind("audio_output_method=", 0) == 0) method = line.substr(20);
    if (method == "server") {
      // The server offers to play the audio. Taken when so configured; declining makes it
      // send its own audio settings next, and narrate then plays through PortAudio.
      if (config_.audio_output != "server") {
        reply("303 ERROR INVALID PARAMETER OR VALUE\n");
        return;
      }
      server_audio_ = true;
      session_.reset();
      reply("203 OK AUDIO INITIALIZED\n");
      return;
    }
    server_audio_ = false;
    session_.reset();
    reply(ensure_session() ? "203 OK AUDIO INITIALIZED\n" : "300 ERR CANT INIT AUDIO\n");
  }

  void list_voices() {
    std::string text;
    try {
      for (const synth::VoiceInfo& v : synth::Engine::instance().list_voices()) {
        std::string language = v.language.empty() ? "en" : v.language;
        text += "200-" + v.name + "\t" + language + "\tnone\n";
      }
    } catch (const std::exception&) {
      text.clear();
    }
    if (text.empty()) {
      reply("304 CANT LIST VOICES\n");
      return;
    }
    reply(text + "200 OK VOICE LIST SENT\n");
  }

  ModuleConfig config_;
  LineReader in_;
  Output out_;
  ModuleSettings settings_;
  bool server_audio_ = false;
  std::unique_ptr<pipeline::SpeechSession> session_;
};

}  // namespace

ModuleConfig ModuleConfig::load(const std::string& path) {
  ModuleConfig config;
  std::ifstream in(path);
  std::string line;
  while (in && std::getline(in, line)) {
    const std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    const std::size_t name_end = line.find_first_of(" \t", start);
    if (name_end == std::string::npos) continue;
    const std::string name = line.substr(start, name_end - start);
    const std::size_t value_start = line.find_first_not_of(" \t", name_end);
    const std::string value =
        value_start == std::string::npos ? "" : unquote(line.substr(value_start));
    if (name == "NarrateAudioOutput")
      config.audio_output = value;
    else if (name == "NarrateVoice")
      config.default_voice = value;
    else if (name == "Debug")
      config.debug = value == "0" || value.empty() ? 0 : 1;
  }
  return config;
}

int run_module(const ModuleConfig& config) {
  Module module(config);
  return module.run();
}

}  // namespace narrate::speechd
