// narrate/error.hpp - the one exception type narrate throws, with its error code
#pragma once

#include <stdexcept>
#include <string>

namespace narrate {

/// What went wrong. The values carry no meaning of their own: the command line gives each code
/// its exit status in one table (cli/exit_codes.hpp).
enum class ErrorCode {
  Usage,             ///< bad command line or option value
  SourceUnreadable,  ///< the source cannot be read, fetched or decoded
  NoArticle,         ///< the source holds no article text
  Voice,             ///< unknown voice or speech engine failure
  Output,            ///< audio device or output file error
  Interrupted,       ///< stopped by the user (Ctrl-C)
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
