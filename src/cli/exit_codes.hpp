// cli/exit_codes.hpp - the one table from error codes to process exit statuses
#pragma once

#include "narrate/error.hpp"

namespace narrate::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,  ///< an unexpected failure (a bug): never on purpose
  kExitUsage = 2,
  kExitSource = 3,
  kExitNoArticle = 4,
  kExitVoice = 5,
  kExitOutput = 6,
  kExitInterrupted = 130,
};

/// The exit status for an error code (README, "Exit codes").
constexpr int exit_code_for(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::Usage: return kExitUsage;
    case ErrorCode::SourceUnreadable: return kExitSource;
    case ErrorCode::NoArticle: return kExitNoArticle;
    case ErrorCode::Voice: return kExitVoice;
    case ErrorCode::Output: return kExitOutput;
    case ErrorCode::Interrupted: return kExitInterrupted;
  }
  return kExitInternal;
}

}  // namespace narrate::cli
