// pipeline/speed.cpp - parsing and describing listening speeds
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "narrate/error.hpp"
#include "narrate/speed.hpp"

namespace narrate {

namespace {

std::string lower_trimmed(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

[[noreturn]] void bad_speed(std::string_view text, const char* why) {
  throw Error(ErrorCode::Usage, "invalid speed '" + std::string(text) + "': " + why +
                                    " (use slow, average, fast, 0.4x to 4.5x, or 80wpm to 900wpm)");
}

// Parses the whole of `digits` as a finite non-negative number; false if anything is left over.
bool parse_number(std::string_view digits, double& value) {
  if (digits.empty()) return false;
  // std::from_chars for double is available in GCC 12's libstdc++.
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return ec == std::errc() && end == digits.data() + digits.size() && std::isfinite(value) &&
         value >= 0;
}

}  // namespace

Speed Speed::parse(std::string_view text) {
  const std::string s = lower_trimmed(text);
  if (s.empty()) bad_speed(text, "empty");
  if (s == "slow") return Speed{150};
  if (s == "average" || s == "normal" || s == "medium") return Speed{200};
  if (s == "fast") return Speed{300};

  double value = 0;
  double wpm = 0;
  if (s.size() > 3 && s.ends_with("wpm")) {
    if (!parse_number(std::string_view(s).substr(0, s.size() - 3), value)) {
      bad_speed(text, "not a number of words per minute");
    }
    wpm = value;
  } else if (s.size() > 1 && s.ends_with("x")) {
    if (!parse_number(std::string_view(s).substr(0, s.size() - 1), value)) {
      bad_speed(text, "not a multiplier");
    }
    wpm = value * kBaseWpm;
  } else if (parse_number(s, value)) {
    // A bare number: small ones are multipliers ("1.25"), large ones words per minute ("250").
    if (value <= kMaxWpm / kBaseWpm) {
      wpm = value * kBaseWpm;
    } else if (value >= kMinWpm) {
      wpm = value;
    } else {
      bad_speed(text, "neither a multiplier nor words per minute");
    }
  } else {
    bad_speed(text, "unknown speed");
  }
  // Allow for rounding in multipliers such as 0.4x.
  if (wpm < kMinWpm - 1e-9 || wpm > kMaxWpm + 1e-9) bad_speed(text, "out of range");
  return Speed{std::clamp(wpm, kMinWpm, kMaxWpm)};
}

void Speed::validate() const {
  if (!(wpm >= kMinWpm && wpm <= kMaxWpm)) {
    throw Error(ErrorCode::Usage, "speed out of range (80 to 900 words per minute)");
  }
}

std::string Speed::describe() const {
  char buffer[64];
  const double mult = multiplier();
  // "1.25x", "2x", "0.75x": at most two decimals, no trailing zeros.
  std::snprintf(buffer, sizeof buffer, "%.2f", mult);
  std::string m = buffer;
  while (!m.empty() && m.back() == '0') m.pop_back();
  if (!m.empty() && m.back() == '.') m.pop_back();
  std::snprintf(buffer, sizeof buffer, "x \xC2\xB7 %d WPM", static_cast<int>(std::lround(wpm)));
  return m + buffer;
}

}  // namespace narrate
