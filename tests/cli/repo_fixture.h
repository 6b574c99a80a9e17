#pragma once
// The repository setup the end-to-end tests of diff, explain and history
// share: a git repository in a temporary directory with a driftcheck.yaml of
// two environments (staging, alias stg; production, alias prod), a way to
// run a driftcheck command in it, and its HEAD.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace driftcheck::testing {

/// A manifest of staging and production whose `sources:` (and anything
/// after it: allow:, secret_keys:) is `sources`, indented as written there.
inline std::string TwoEnvironmentManifest(const std::string& sources) {
  return "version: 1\n"
         "environments:\n"
         "  staging: {aliases: [stg]}\n"
         "  production: {aliases: [prod]}\n"
         "sources:\n" +
         sources;
}

class RepoTest : public ::testing::Test {
 protected:
  /// `git init`s repo_ and writes the manifest and `files` (path, content);
  /// commits nothing.
  void InitRepo(const std::string& manifest, const std::vector<std::pair<std::string, std::string>>& files = {}) {
    repo_ = dir_.path() / "repo";
    GitInit(repo_);
    WriteFile(repo_, "driftcheck.yaml", manifest);
    for (const auto& [path, content] : files) WriteFile(repo_, path, content);
  }

  /// Replaces the manifest with one source, `routes` ("routes/{env}.yaml"),
  /// whose `routes` list pairs its items by `name`; writes each side's
  /// `routes:` items (flow maps, one a line) and commits.
  void CommitKeyedRoutes(const std::vector<std::string>& staging, const std::vector<std::string>& production) {
    WriteFile(repo_, "driftcheck.yaml", TwoEnvironmentManifest(R"(  - name: routes
    path: "routes/{env}.yaml"
    normalize: {lists: {routes: {key: name}}}
)"));
    for (const auto& [env, items] : {std::pair{"staging", &staging}, std::pair{"production", &production}}) {
      std::string text = "routes:\n";
      for (const std::string& item : *items) text += "  - " + item + "\n";
      WriteFile(repo_, std::string("routes/") + env + ".yaml", text);
    }
    GitCommitAll(repo_, "routes");
  }

  /// Runs `driftcheck COMMAND ARGS...` in the repository.
  CommandResult Run(const std::string& command, std::vector<std::string> args) const {
    args.insert(args.begin(), command);
    return RunDriftcheck(args, repo_.string());
  }

  /// The full SHA of HEAD.
  std::string Head() const {
    std::string sha = Git(repo_, {"rev-parse", "HEAD"});
    while (!sha.empty() && sha.back() == '\n') sha.pop_back();
    return sha;
  }

  /// Runs `driftcheck COMMAND ARGS... -o FILE` where FILE is a planted link
  /// to a file outside the repository, and expects the report written
  /// through an exclusive temporary renamed over the link: the link's target
  /// untouched, FILE a regular file holding the report, no temporary left.
  /// Returns the report.
  std::string ExpectOutputReplacesPlantedLink(const std::string& command, std::vector<std::string> args,
                                              int exit_code) const {
    namespace fs = std::filesystem;
    const fs::path victim = dir_.path() / "victim.txt";
    WriteFile(dir_.path(), "victim.txt", "keep me\n");
    const fs::path out_dir = dir_.path() / "reports";
    fs::create_directories(out_dir);
    const fs::path out = out_dir / "report.out";
    fs::create_symlink(victim, out);
    args.insert(args.end(), {"-o", out.string()});
    const CommandResult r = Run(command, args);
    EXPECT_EQ(r.exit_code, exit_code) << r.out << r.err;
    EXPECT_EQ(r.out, "") << "the report goes to the file only";
    EXPECT_EQ(ReadFile(victim), "keep me\n");
    EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(out)));
    std::size_t entries = 0;
    for (const auto& entry : fs::directory_iterator(out_dir)) {
      ++entries;
      EXPECT_EQ(entry.path().filename(), "report.out") << "left behind";
    }
    EXPECT_EQ(entries, 1u);
    return ReadFile(out);
  }

  TempDir dir_;
  std::filesystem::path repo_;
};

}  // namespace driftcheck::testing
