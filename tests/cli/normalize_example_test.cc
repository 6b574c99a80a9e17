// examples/normalize: the README's proof that one `normalize:` line removes
// what is not drift from a Helm chart and a .env pair, and keeps what is.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Paths(const CommandResult& r) {
  std::vector<std::string> paths;
  const auto report = nlohmann::json::parse(r.out);
  for (const auto& f : report["findings"]) paths.push_back(f["path"].get<std::string>());
  return paths;
}

TEST(NormalizeExample, OneLineRemovesEnvironmentNamesAndEmptyValuesButNotDrift) {
  TempDir dir;
  const fs::path repo = dir.path() / "repo";
  fs::copy(DRIFTCHECK_SOURCE_DIR "/examples/normalize", repo, fs::copy_options::recursive);
  GitInit(repo);
  GitCommitAll(repo, "example");
  const std::string before_manifest = (repo / "driftcheck.before.yaml").string();
  const CommandResult before = RunDriftcheck({"check", "--config", before_manifest, "--format", "json"},
                                             repo.string());
  ASSERT_EQ(before.exit_code, 1) << before.err;
  EXPECT_EQ(Paths(before), (std::vector<std::string>{
                               "replicaCount", "ingress.host", "ingress.annotations", "postgres.host",
                               "env.NODE_ENV", "env.SENTRY_ENVIRONMENT", "APP_URL", "MAIL_FROM",
                               "FEATURE_FLAGS", "LOG_LEVEL"}));
  const CommandResult after = RunDriftcheck({"check", "--format", "json"}, repo.string());
  ASSERT_EQ(after.exit_code, 1) << after.err;
  EXPECT_EQ(Paths(after), (std::vector<std::string>{"replicaCount", "LOG_LEVEL"}));
}

}  // namespace
}  // namespace driftcheck::testing
