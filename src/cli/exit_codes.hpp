// cli/exit_codes.hpp - the one table from error codes to process exit statuses
#pragma once

#include "narrate/error.hpp"

namespace narrate::cli {

// Process exit statuses (README, "Exit codes"): constants, not an enum, since they are ints to
// the shell; the library's ErrorCode names the failure and this file alone gives it a number.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;  ///< an unexpected failure (a bug): never on purpose
inline constexpr int kExitUsage = 2;
inline constexpr int kExitSource = 3;
inline constexpr int kExitNoArticle = 4;
inline constexpr int kExitVoice = 5;
inline constexpr int kExitOutput = 6;
inline constexpr int kExitInterrupted = 130;

/// The exit status for an error code (README, "Exit codes").
constexpr int exit_code_for(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::Usage:
      return kExitUsage;
    case ErrorCode::SourceUnreadable:
      return kExitSource;
    case ErrorCode::NoArticle:
      return kExitNoArticle;
    case ErrorCode::Voice:
      return kExitVoice;
    case ErrorCode::Output:
      return kExitOutput;
    case ErrorCode::Interrupted:
      return kExitInterrupted;
  }
  return kExitInternal;
}

}  // namespace narrate::cli
