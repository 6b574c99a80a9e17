// check --suggest-rules on a real repository: the suggestion, with its TODOs
// filled in, makes the same run pass.

#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

namespace fs = std::filesystem;

TEST(SuggestRulesCommand, FilledInSuggestionMakesTheSameRunExitZero) {
  TempDir dir;
  fs::copy(DRIFTCHECK_SOURCE_DIR "/examples/twelve-factor", dir.path(), fs::copy_options::recursive);
  fs::remove(dir.path() / "drift-allow.yaml");
  WriteFile(dir.path(), "driftcheck.yaml", "version: 1\nenvironments: {staging: {}, production: {}}\n"
                                           "sources:\n  - {name: env, path: \"deploy/{service}/.env.{env}\", format: dotenv}\n");
  GitInit(dir.path());
  GitCommitAll(dir.path(), "example");
  ASSERT_EQ(RunDriftcheck({"check"}, dir.str()).exit_code, 1);
  const CommandResult suggest =
      RunDriftcheck({"check", "--suggest-rules", "-o", "suggested.yaml", "--today", "2026-12-01"}, dir.str());
  ASSERT_EQ(suggest.exit_code, 0) << suggest.err;
  std::string text = ReadFile(dir.path() / "suggested.yaml");
  EXPECT_NE(text.find("expires: 2027-03-01"), std::string::npos) << text;
  EXPECT_NE(text.find("path: \"SENTRY_*\""), std::string::npos) << text;
  // As suggested, the loader refuses it, naming the rule.
  const CommandResult refused = RunDriftcheck({"check", "--rules", "suggested.yaml"}, dir.str());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("still reads TODO"), std::string::npos) << refused.err;
  for (std::size_t at; (at = text.find("TODO")) != std::string::npos;) text.replace(at, 4, "team-ops");
  WriteFile(dir.path(), "suggested.yaml", text);
  const CommandResult after =
      RunDriftcheck({"check", "--rules", "suggested.yaml", "--today", "2026-12-01"}, dir.str());
  EXPECT_EQ(after.exit_code, 0) << after.out << after.err;
}

}  // namespace
}  // namespace driftcheck::testing
