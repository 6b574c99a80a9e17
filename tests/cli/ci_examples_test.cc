// The README's "In CI" examples and the GitLab template stay true: they
// parse, use only the action's real inputs and the hook's real entry, and
// the template's driftcheck commands run and write the reports GitLab reads.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "test_util.h"

namespace driftcheck::testing {
namespace {
namespace fs = std::filesystem;

const std::string kSource = DRIFTCHECK_SOURCE_DIR;

// The ```yaml blocks of the README's section `heading`, up to the next "## ".
std::vector<YAML::Node> ReadmeYaml(const std::string& heading) {
  const std::string readme = ReadFile(kSource + "/README.md");
  const std::size_t start = readme.find("\n" + heading + "\n");
  EXPECT_NE(start, std::string::npos) << heading;
  const std::size_t end = readme.find("\n## ", start + 1);
  std::vector<YAML::Node> blocks;
  for (std::size_t at = readme.find("```yaml\n", start); at < end; at = readme.find("```yaml\n", at + 1)) {
    const std::size_t body = at + 8;
    blocks.push_back(YAML::Load(readme.substr(body, readme.find("```", body) - body)));
  }
  return blocks;
}

TEST(CiExamples, TheReadmeWorkflowsUseOnlyTheActionsInputs) {
  std::set<std::string> inputs;
  for (const auto& input : YAML::LoadFile(kSource + "/action.yml")["inputs"]) inputs.insert(input.first.as<std::string>());
  int uses = 0;
  for (const YAML::Node& block : ReadmeYaml("## In CI")) {
    if (!block["jobs"]) continue;
    for (const auto& job : block["jobs"]) {
      for (const auto& step : job.second["steps"]) {
        if (!step["uses"] || !step["uses"].as<std::string>().starts_with("OWNER/driftcheck@")) continue;
        ++uses;
        for (const auto& with : step["with"]) EXPECT_TRUE(inputs.contains(with.first.as<std::string>())) << with.first;
      }
    }
  }
  EXPECT_EQ(uses, 2);  // the nightly job and the pull request
}

TEST(CiExamples, TheReadmesLocalPreCommitHookRunsWhatTheShippedHookRuns) {
  const YAML::Node shipped = YAML::LoadFile(kSource + "/.pre-commit-hooks.yaml")[0];
  int local = 0;
  for (const YAML::Node& block : ReadmeYaml("## In CI")) {
    if (!block["repos"]) continue;
    for (const auto& repo : block["repos"]) {
      if (repo["repo"].as<std::string>() != "local") continue;
      ++local;
      const YAML::Node hook = repo["hooks"][0];
      EXPECT_EQ(hook["entry"].as<std::string>(), shipped["entry"].as<std::string>());
      EXPECT_EQ(hook["pass_filenames"].as<bool>(), shipped["pass_filenames"].as<bool>());
    }
  }
  EXPECT_EQ(local, 1);
}

TEST(CiExamples, TheGitlabTemplatesCommandsWriteCodeQualityAndJunit) {
  TempDir dir;
  const std::string repo = (dir.path() / "demo").string();
  ASSERT_EQ(RunCommand({kSource + "/examples/make-demo-repo", repo}).exit_code, 0);
  const YAML::Node ci = YAML::LoadFile(kSource + "/examples/ci/gitlab-ci.yml");
  const YAML::Node artifacts = ci[".driftcheck"]["artifacts"]["reports"];
  for (const char* job : {"driftcheck", "driftcheck-merge-request"}) {
    for (const auto& line : ci[job]["script"]) {
      std::string command = line.as<std::string>();
      if (!command.starts_with("driftcheck ")) continue;
      // As GitLab's shell would: variables expanded, then split into words.
      const auto replace = [&](const std::string& from, const std::string& to) {
        for (std::size_t at; (at = command.find(from)) != std::string::npos;) command.replace(at, from.size(), to);
      };
      replace("\"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\"", "v1.0.0");
      replace("$DRIFTCHECK_ARGS", "");
      std::istringstream words(command);
      std::vector<std::string> argv;
      for (std::string word; words >> word;) argv.push_back(word);
      argv.erase(argv.begin());
      const CommandResult r = RunDriftcheck(argv, repo);
      EXPECT_LE(r.exit_code, 1) << job << ": " << r.err;
      const auto quality = nlohmann::json::parse(ReadFile(fs::path(repo) / artifacts["codequality"].as<std::string>()));
      EXPECT_TRUE(quality.is_array()) << job;
      EXPECT_NE(ReadFile(fs::path(repo) / artifacts["junit"].as<std::string>()).find("<testsuites"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace driftcheck::testing
