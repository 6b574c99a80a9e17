// .pre-commit-hooks.yaml: the hook pre-commit runs, run here as pre-commit
// would (its entry, no file names, in the repository) on staged drift.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "test_util.h"

namespace driftcheck::testing {
namespace {
namespace fs = std::filesystem;

YAML::Node Hook() {
  const YAML::Node hooks = YAML::LoadFile(DRIFTCHECK_SOURCE_DIR "/.pre-commit-hooks.yaml");
  EXPECT_TRUE(hooks.IsSequence());
  EXPECT_EQ(hooks.size(), 1u);
  return hooks[0];
}

TEST(PreCommitHook, IsDeclaredWithPreCommitsCurrentNames) {
  const YAML::Node hook = Hook();
  for (const auto& entry : hook) {
    static const std::set<std::string> kKeys = {
        "id", "name", "entry", "language", "files", "exclude", "types", "types_or", "exclude_types",
        "always_run", "fail_fast", "verbose", "pass_filenames", "require_serial", "description",
        "language_version", "minimum_pre_commit_version", "args", "stages"};
    EXPECT_TRUE(kKeys.contains(entry.first.as<std::string>())) << entry.first;
  }
  EXPECT_EQ(hook["id"].as<std::string>(), "driftcheck");
  // pre-commit 4.4 renamed `system` to `unsupported`; the minimum version says so.
  EXPECT_EQ(hook["language"].as<std::string>(), "unsupported");
  EXPECT_EQ(hook["minimum_pre_commit_version"].as<std::string>(), "4.4.0");
  EXPECT_FALSE(hook["pass_filenames"].as<bool>());
  for (const auto& stage : hook["stages"]) {
    EXPECT_TRUE(std::set<std::string>({"pre-commit", "pre-merge-commit", "pre-push", "manual"})
                    .contains(stage.as<std::string>())) << stage;
  }
}

class PreCommitRun : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_.path() / "repo";
    GitInit(repo_);
    WriteFile(repo_, "driftcheck.yaml",
              "version: 1\nenvironments: {staging: {}, production: {}}\n"
              "sources:\n  - name: app\n    path: \"config/{env}.yaml\"\n");
    WriteFile(repo_, "config/staging.yaml", "replicas: 2\ntimeout: 30s\n");
    WriteFile(repo_, "config/production.yaml", "replicas: 2\ntimeout: 30s\n");
    GitCommitAll(repo_, "config");
  }

  // The hook's entry, split as pre-commit splits it, with the binary under test.
  CommandResult RunHook() {
    std::istringstream words(Hook()["entry"].as<std::string>());
    std::vector<std::string> argv;
    for (std::string word; words >> word;) argv.push_back(word);
    EXPECT_EQ(argv.at(0), "driftcheck");
    argv[0] = DRIFTCHECK_BINARY;
    return RunCommand(argv, repo_.string());
  }

  TempDir dir_;
  fs::path repo_;
};

TEST_F(PreCommitRun, FailsOnStagedDriftNamingIt) {
  WriteFile(repo_, "config/production.yaml", "replicas: 2\ntimeout: 10s\n");
  Git(repo_, {"add", "config/production.yaml"});
  const std::string index = ReadFile(repo_ / ".git/index");
  const CommandResult r = RunHook();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("timeout  changed"), std::string::npos) << r.out;
  EXPECT_EQ(ReadFile(repo_ / ".git/index"), index);
  EXPECT_FALSE(fs::exists(repo_ / ".git/index.lock"));
}

TEST_F(PreCommitRun, IsQuietWhenTheStagedConfigIsCleanWhateverTheWorkingTreeHolds) {
  WriteFile(repo_, "config/production.yaml", "replicas: 9\ntimeout: 30s\n");  // not staged
  const CommandResult r = RunHook();
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
}

TEST_F(PreCommitRun, StagedConflictsWithWorktreeAndRev) {
  const CommandResult both = RunDriftcheck({"check", "--staged", "--worktree"}, repo_.string());
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("--staged conflicts with --worktree"), std::string::npos) << both.err;
  EXPECT_EQ(RunDriftcheck({"check", "--staged", "--rev", "HEAD"}, repo_.string()).exit_code, 2);
}

}  // namespace
}  // namespace driftcheck::testing
