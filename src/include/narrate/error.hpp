// narrate/error.hpp - the one exception type narrate throws, with its error code
#pragma once

#include <stdexcept>
#include <string>

namespace narrate {

/// What went wrong; the CLI maps each code to one exit status (see cli/exit_codes.hpp).
enum class ErrorCode {
  Usage = 2,            ///< bad command line or option value
  SourceUnreadable = 3, ///< the source cannot be read, fetched or decoded
  NoArticle = 4,        ///< the source holds no article text
  Voice = 5,            ///< unknown voice or speech engine failure
  Output = 6,           ///< audio device or output file error
  Interrupted = 130,    ///< stopped by the user (Ctrl-C)
};

/// The error type of the whole library; what() is one line meant for the user.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace narrate
