// speechd/protocol.cpp - Speech Dispatcher's output-module protocol: replies, events, settings
#include "speechd/protocol.hpp"

#include <charconv>
#include <utility>

#include "util/strings.hpp"

namespace narrate::speechd {

Command parse_command(std::string_view line) noexcept {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line == "INIT") return Command::Init;
  if (line == "AUDIO") return Command::Audio;
  if (line == "SPEAK") return Command::Speak;
  if (line == "CHAR") return Command::Char;
  if (line == "KEY") return Command::Key;
  if (line == "SOUND_ICON") return Command::SoundIcon;
  if (line == "STOP") return Command::Stop;
  if (line == "PAUSE") return Command::Pause;
  if (line == "SET") return Command::Set;
  if (line == "LIST VOICES") return Command::ListVoices;
  if (line == "LOGLEVEL") return Command::LogLevel;
  if (line == "QUIT") return Command::Quit;
  if (line == "DEBUG" || line.substr(0, 6) == "DEBUG ") return Command::Debug;
  return Command::Unknown;
}

std::string_view unescape_data_line(std::string_view line) noexcept {
  if (line.size() >= 2 && line[0] == '.' && line[1] == '.') line.remove_prefix(1);
  return line;
}

namespace {

bool parse_int(std::string_view value, int& out) {
  if (!value.empty() && value[0] == '+') value.remove_prefix(1);
  int v = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || ptr != value.data() + value.size()) return false;
  out = v;
  return true;
}

}  // namespace

bool ModuleSettings::apply(std::string_view name, std::string_view value) {
  const bool null = value == "NULL";
  auto number = [&](int& field, int fallback) {
    if (null) {
      field = fallback;
      return true;
    }
    int v = 0;
    if (!parse_int(value, v) || v < -100 || v > 100) return false;
    field = v;
    return true;
  };
  if (name == "rate") return number(rate, 0);
  if (name == "pitch") return number(pitch, 0);
  if (name == "pitch_range") return number(pitch_range, 0);
  if (name == "volume") return number(volume, 100);
  if (name == "punctuation_mode") {
    text::PunctuationLevel level{};
    if (null) value = "none";
    if (!text::parse_punctuation_level(value, level)) return false;
    punctuation = std::string(value);
    return true;
  }
  if (name == "cap_let_recogn") {
    text::CapitalMode mode{};
    if (null) value = "none";
    if (!text::parse_capital_mode(value, mode)) return false;
    cap_let_recogn = std::string(value);
    return true;
  }
  if (name == "spelling_mode") {
    if (null || value == "off")
      spelling = false;
    else if (value == "on")
      spelling = true;
    else
      return false;
    return true;
  }
  if (name == "voice") {
    voice_type = null ? "male1" : std::string(value);
    return true;
  }
  if (name == "language") {
    language = null ? "en" : std::string(value);
    return true;
  }
  if (name == "synthesis_voice") {
    synthesis_voice = null ? "" : std::string(value);
    return true;
  }
  // Settings this module has no use for but the server sends.
  if (name == "punctuation_some" || name == "punctuation_most" || name == "cap_let_recogn_sound")
    return true;
  return false;
}

std::string variant_for_voice_type(std::string_view type) {
  // male1 is the server's default type: narrate's own narrator for the language.
  static constexpr std::pair<std::string_view, std::string_view> kVariants[] = {
      {"male2", "leo"},  {"male3", "m3"},      {"female1", "anna"},   {"female2", "f2"},
      {"female3", "f4"}, {"child_male", "m7"}, {"child_female", "f5"}};
  for (const auto& [name, variant] : kVariants)
    if (util::equals_ci(type, name)) return std::string(variant);
  return "";
}

pipeline::SpeechSettings ModuleSettings::to_speech() const {
  pipeline::SpeechSettings s;
  s.rate_wpm = pipeline::wpm_for_speechd_rate(rate);
  s.volume = (volume + 100) / 200.0;
  s.pitch = pitch;
  s.language = language.empty() ? "en" : language;
  s.voice = synthesis_voice;
  s.variant = variant_for_voice_type(voice_type);
  text::parse_punctuation_level(punctuation, s.mode.punctuation);
  text::parse_capital_mode(cap_let_recogn, s.mode.capitals);
  s.mode.spelling = spelling;
  s.mode.language = s.language;
  return s;
}

std::string event_line(const pipeline::SpeechEvent& event) {
  using Kind = pipeline::SpeechEvent::Kind;
  switch (event.kind) {
    case Kind::Begin:
      return "701 BEGIN\n";
    case Kind::End:
      return "702 END\n";
    case Kind::Stopped:
      return "703 STOP\n";
    case Kind::Paused:
      return "704 PAUSE\n";
    case Kind::Mark: {
      std::string name = event.mark;
      for (char& c : name)
        if (c == '\n' || c == '\r') c = ' ';
      return "700-" + name + "\n700 INDEX MARK\n";
    }
  }
  return "";
}

std::string audio_block(std::span<const std::int16_t> samples, int sample_rate_hz) {
  std::string out =
      "705-bits=16\n705-num_channels=1\n705-sample_rate=" + std::to_string(sample_rate_hz) +
      "\n705-num_samples=" + std::to_string(samples.size()) + "\n705-big_endian=0\n705-AUDIO";
  out += '\0';
  out.reserve(out.size() + samples.size() * 2 + 16);
  auto put = [&](unsigned char b) {
    if (b == 0x7D || b == '\n') {
      out += static_cast<char>(0x7D);
      out += static_cast<char>(b ^ 0x20);
    } else {
      out += static_cast<char>(b);
    }
  };
  for (std::int16_t s : samples) {
    const auto u = static_cast<std::uint16_t>(s);
    put(static_cast<unsigned char>(u & 0xFF));
    put(static_cast<unsigned char>(u >> 8));
  }
  out += "\n705 AUDIO\n";
  return out;
}

}  // namespace narrate::speechd
