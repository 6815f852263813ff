// narrate/speed.hpp - listening speed: names, multipliers and words per minute
#pragma once

#include <string>
#include <string_view>

namespace narrate {

/// A listening speed. 1x = 200 words per minute; the valid range is 80 to 900 WPM (0.4x to 4.5x).
struct Speed {
  static constexpr double kBaseWpm = 200.0;
  static constexpr double kMinWpm = 80.0;
  static constexpr double kMaxWpm = 900.0;

  double wpm = kBaseWpm;  ///< words per minute the listener should hear

  double multiplier() const noexcept { return wpm / kBaseWpm; }

  /// Parses "slow", "average", "normal", "fast", "1.25x", "1.25", "250wpm", "250 WPM".
  /// Throws Error(Usage) naming the accepted forms and the range when the text is malformed or
  /// out of range.
  static Speed parse(std::string_view text);

  /// Throws Error(Usage) when wpm lies outside kMinWpm..kMaxWpm: the one place the range is
  /// checked.
  void validate() const;

  /// "1.25x · 250 WPM"
  std::string describe() const;
};

}  // namespace narrate
