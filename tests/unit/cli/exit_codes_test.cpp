// cli/exit_codes_test.cpp - the exit status table matches the documented codes
#include <gtest/gtest.h>

#include "cli/exit_codes.hpp"

namespace narrate::cli {
namespace {

TEST(ExitCodes, MatchTheReadme) {
  EXPECT_EQ(exit_code_for(ErrorCode::Usage), 2);
  EXPECT_EQ(exit_code_for(ErrorCode::SourceUnreadable), 3);
  EXPECT_EQ(exit_code_for(ErrorCode::NoArticle), 4);
  EXPECT_EQ(exit_code_for(ErrorCode::Voice), 5);
  EXPECT_EQ(exit_code_for(ErrorCode::Output), 6);
  EXPECT_EQ(exit_code_for(ErrorCode::Interrupted), 130);
}

}  // namespace
}  // namespace narrate::cli
