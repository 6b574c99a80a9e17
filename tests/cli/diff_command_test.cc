// End-to-end: `driftcheck diff A B [PATH...]` compares two ENV[@REV] sides.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "repo_fixture.h"

namespace driftcheck::testing {
namespace {

const std::string kManifest = TwoEnvironmentManifest(R"(  - name: services
    path: "services/{service}/{env}.yaml"
allow: drift-allow.yaml
)");

constexpr const char* kRules = R"(version: 1
rules:
  - id: production-more-replicas
    path: replicas
    reason: production takes the traffic
    owner: team-web
)";

class DiffCommandTest : public RepoTest {
 protected:
  void SetUp() override {
    InitRepo(kManifest, {{"drift-allow.yaml", kRules}});
    WriteFile(repo_, "services/api/staging.yaml", "replicas: 2\ndatabase:\n  pool_size: 5\n  password: s3cret-a\n");
    WriteFile(repo_, "services/api/production.yaml", "replicas: 4\ndatabase:\n  pool_size: 5\n  password: s3cret-b\n");
    v1_ = GitCommitAll(repo_, "v1");
    Git(repo_, {"tag", "v1.4.0"});
    WriteFile(repo_, "services/api/production.yaml", "replicas: 6\ndatabase:\n  pool_size: 50\n  password: s3cret-c\n");
    head_ = GitCommitAll(repo_, "v2");
  }

  CommandResult Diff(std::vector<std::string> args) { return Run("diff", std::move(args)); }

  std::string v1_, head_;
};

TEST_F(DiffCommandTest, OneEnvironmentAtTwoRevisionsLabelsBothSides) {
  const CommandResult r = Diff({"production@v1.4.0", "production@HEAD", "--format", "json"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const auto report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["compared"].size(), 1u);
  EXPECT_EQ(report["compared"][0][0], "production@v1.4.0");
  EXPECT_EQ(report["compared"][0][1], "production@HEAD");
  std::set<std::string> paths;
  for (const auto& f : report["findings"]) paths.insert(f["path"]);
  EXPECT_EQ(paths, (std::set<std::string>{"replicas", "database.pool_size", "database.password"}));
  EXPECT_EQ(r.out.find("s3cret"), std::string::npos);
}

TEST_F(DiffCommandTest, MaxFileSizeAppliesToBothSides) {
  const CommandResult r = Diff({"production@v1.4.0", "production@HEAD", "--max-file-size", "20", "--format", "json"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("over the limit of 20 bytes"), std::string::npos) << r.err;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  std::size_t invalid = 0;
  for (const auto& f : report["findings"]) invalid += f["kind"] == "invalid-file";
  EXPECT_EQ(invalid, 2u) << r.out;
}

TEST_F(DiffCommandTest, TextSummaryNamesEachSideWithItsRevision) {
  const CommandResult r = Diff({"prod@v1.4.0", "prod@HEAD"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("production@v1.4.0 " + v1_ + " ↔ production@HEAD " + head_), std::string::npos) << r.out;
}

TEST_F(DiffCommandTest, SameSidesExitZero) {
  const CommandResult r = Diff({"staging@v1.4.0", "staging"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("no drift in 1 file pair"), std::string::npos) << r.out;
}

TEST_F(DiffCommandTest, PathsFilterWithRulePatterns) {
  const CommandResult r = Diff({"staging", "production@v1.4.0", "database", "--format", "json"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const auto report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["findings"].size(), 1u) << r.out;
  EXPECT_EQ(report["findings"][0]["path"], "database.password");
  EXPECT_EQ(Diff({"staging", "production@v1.4.0", "database.pool_size"}).exit_code, 0);
  // A PATH neither side holds is a typo, not "no drift".
  EXPECT_EQ(Diff({"staging", "production@v1.4.0", "http.*"}).exit_code, 2);
}

TEST_F(DiffCommandTest, APathThroughAKeyedListIsWrittenAsReportsPrintIt) {
  CommitKeyedRoutes({"{name: health, timeout: 1}", "{name: api, timeout: 2}"},
                    {"{name: api, timeout: 2}", "{name: health, timeout: 5}"});
  const CommandResult r = Diff({"staging", "production", "routes[name=health]", "--format", "json"});
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  const auto report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["findings"].size(), 1u) << r.out;
  EXPECT_EQ(report["findings"][0]["path"], "routes[name=health].timeout");
  EXPECT_EQ(Diff({"staging", "production", "routes[name=api]"}).exit_code, 0);
  // A near miss is offered the spelling reports print, not an index.
  const CommandResult typo = Diff({"staging", "production", "routes[name=helth].timeout"});
  EXPECT_EQ(typo.exit_code, 2) << typo.out;
  EXPECT_NE(typo.err.find("did you mean 'routes[name=health].timeout'?"), std::string::npos) << typo.err;
}

TEST_F(DiffCommandTest, NoAllowRulesUnlessAsked) {
  EXPECT_EQ(Diff({"staging", "production", "replicas"}).exit_code, 1);
  const CommandResult r = Diff({"staging", "production", "replicas", "--rules"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("allowed by production-more-replicas"), std::string::npos) << r.out;
}

TEST_F(DiffCommandTest, UnknownEnvironmentGetsDidYouMean) {
  const CommandResult r = Diff({"prodution@HEAD", "staging"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean 'production'"), std::string::npos) << r.err;
}

TEST_F(DiffCommandTest, TheSameSideTwiceIsAnError) {
  const CommandResult r = Diff({"staging", "stg@HEAD"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("both sides are staging at HEAD"), std::string::npos) << r.err;
}

TEST_F(DiffCommandTest, WorktreeReadsAnUnrevisionedSideFromDisk) {
  WriteFile(repo_, "services/api/production.yaml", "replicas: 6\ndatabase:\n  pool_size: 7\n  password: s3cret-c\n");
  const CommandResult r = Diff({"--worktree", "production@HEAD", "production", "--format", "json"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const auto report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["findings"].size(), 1u);
  EXPECT_EQ(report["findings"][0]["path"], "database.pool_size");
  EXPECT_EQ(report["compared"][0][1], "production@worktree");
}

TEST_F(DiffCommandTest, EveryFormatLabelsTheSides) {
  for (const std::string format : {"junit", "sarif", "markdown", "github"}) {
    const CommandResult r = Diff({"production@v1.4.0", "production@HEAD", "--format", format});
    EXPECT_EQ(r.exit_code, 1) << format << r.err;
    EXPECT_NE(r.out.find("production@v1.4.0"), std::string::npos) << format << "\n" << r.out;
  }
}

TEST_F(DiffCommandTest, OutputFileIsWrittenThroughAnExclusiveTemporaryNeverFollowingALink) {
  const std::string report =
      ExpectOutputReplacesPlantedLink("diff", {"production@v1.4.0", "production@HEAD", "--format", "json"}, 1);
  EXPECT_EQ(nlohmann::json::parse(report)["compared"][0][0], "production@v1.4.0");
}

}  // namespace
}  // namespace driftcheck::testing
