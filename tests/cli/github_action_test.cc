// action.yml, the composite GitHub Action: its keys are the ones GitHub
// documents for action metadata, its inputs reach the script only through
// `env:`, and its script does what a runner would see, run here with the
// variables a runner sets.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "test_util.h"

namespace driftcheck::testing {
namespace {
namespace fs = std::filesystem;

const std::string kSource = DRIFTCHECK_SOURCE_DIR;

std::set<std::string> Keys(const YAML::Node& map) {
  std::set<std::string> keys;
  for (const auto& entry : map) keys.insert(entry.first.as<std::string>());
  return keys;
}

void ExpectKeysAmong(const YAML::Node& map, const std::set<std::string>& allowed, const std::string& where) {
  ASSERT_TRUE(map.IsMap()) << where;
  for (const std::string& key : Keys(map)) EXPECT_TRUE(allowed.contains(key)) << where << ": unknown key " << key;
}

// GitHub's "Metadata syntax for GitHub Actions", for a composite action.
TEST(GithubAction, UsesOnlyTheDocumentedMetadataKeys) {
  const YAML::Node action = YAML::LoadFile(kSource + "/action.yml");
  ExpectKeysAmong(action, {"name", "author", "description", "inputs", "outputs", "runs", "branding"}, "top level");
  EXPECT_FALSE(action["name"].as<std::string>().empty());
  EXPECT_FALSE(action["description"].as<std::string>().empty());
  for (const auto& input : action["inputs"]) {
    ExpectKeysAmong(input.second, {"description", "required", "default", "deprecationMessage"},
                    "input " + input.first.as<std::string>());
    EXPECT_TRUE(input.second["description"]) << input.first;
  }
  for (const auto& output : action["outputs"]) {
    ExpectKeysAmong(output.second, {"description", "value"}, "output " + output.first.as<std::string>());
    EXPECT_TRUE(output.second["value"]) << "a composite action's output needs a value: " << output.first;
  }
  ExpectKeysAmong(action["branding"], {"icon", "color"}, "branding");
  const YAML::Node runs = action["runs"];
  ExpectKeysAmong(runs, {"using", "steps"}, "runs");
  EXPECT_EQ(runs["using"].as<std::string>(), "composite");
  ASSERT_TRUE(runs["steps"].IsSequence());
  for (const auto& step : runs["steps"]) {
    ExpectKeysAmong(step, {"id", "if", "name", "uses", "run", "shell", "with", "env", "working-directory",
                           "continue-on-error"}, "step");
    EXPECT_NE(static_cast<bool>(step["run"]), static_cast<bool>(step["uses"])) << "a step runs or uses";
    if (step["run"]) {
      EXPECT_TRUE(step["shell"]) << "a composite run step needs shell:";
    }
  }
}

TEST(GithubAction, TakesItsInputsThroughEnvNeverPastedIntoAScript) {
  const YAML::Node action = YAML::LoadFile(kSource + "/action.yml");
  EXPECT_EQ(Keys(action["inputs"]), (std::set<std::string>{"args", "rev", "new-since", "sarif", "fail-on-drift"}));
  std::set<std::string> passed;
  for (const auto& step : action["runs"]["steps"]) {
    if (step["run"]) {
      EXPECT_EQ(step["run"].as<std::string>().find("${{"), std::string::npos) << step["run"];
    }
    for (const auto& env : step["env"]) {
      const std::string value = env.second.as<std::string>();
      if (value.starts_with("${{ inputs.")) passed.insert(value.substr(11, value.size() - 14));
    }
  }
  EXPECT_EQ(passed, Keys(action["inputs"]));
}

class GithubActionScript : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_.path() / "workspace";
    const CommandResult made = RunCommand({kSource + "/examples/make-demo-repo", repo_.string()});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    fs::create_directories(dir_.path() / "runner");
    WriteFile(dir_.path() / "runner", "summary.md", "");
    WriteFile(dir_.path() / "runner", "output", "");
  }

  // As the runner runs the check step: its variables, and the inputs as env.
  CommandResult Run(std::map<std::string, std::string> inputs) {
    std::map<std::string, std::string> env = {
        {"GITHUB_WORKSPACE", repo_.string()},
        {"GITHUB_STEP_SUMMARY", (dir_.path() / "runner/summary.md").string()},
        {"GITHUB_OUTPUT", (dir_.path() / "runner/output").string()},
        {"GITHUB_PATH", (dir_.path() / "runner/path").string()},
        {"GITHUB_ACTION_PATH", kSource},
        {"GITHUB_ACTIONS", "true"},
        {"RUNNER_TEMP", (dir_.path() / "runner").string()},
        {"PATH", fs::path(DRIFTCHECK_BINARY).parent_path().string() + ":" + std::getenv("PATH")},
        {"DRIFTCHECK_SARIF", "driftcheck.sarif"},
        {"DRIFTCHECK_FAIL_ON_DRIFT", "true"},
    };
    for (auto& [name, value] : inputs) env[name] = value;
    return RunCommand({kSource + "/scripts/github-action", "check"}, dir_.path().string(), env);
  }
  std::string Summary() const { return ReadFile(dir_.path() / "runner/summary.md"); }
  std::string Outputs() const { return ReadFile(dir_.path() / "runner/output"); }

  TempDir dir_;
  fs::path repo_;
};

TEST_F(GithubActionScript, AnnotatesSummarisesAndWritesSarifThenFailsOnDrift) {
  const CommandResult r = Run({});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  // The first 10 failing findings are annotations; the rest (the api service
  // among them) are listed in one notice, within GitHub's caps.
  EXPECT_NE(r.out.find("::error file="), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("%0Aerror services/api/"), std::string::npos) << r.out;
  EXPECT_TRUE(Summary().starts_with("### driftcheck: ❌")) << Summary();
  EXPECT_NE(Outputs().find("exit-code=1\n"), std::string::npos) << Outputs();
  EXPECT_NE(Outputs().find("sarif=driftcheck.sarif\n"), std::string::npos) << Outputs();
  const auto sarif = nlohmann::json::parse(ReadFile(repo_ / "driftcheck.sarif"));
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_FALSE(sarif["runs"][0]["results"].empty());
}

TEST_F(GithubActionScript, FailOnDriftFalseOnlyReports) {
  const CommandResult r = Run({{"DRIFTCHECK_FAIL_ON_DRIFT", "false"}, {"DRIFTCHECK_SARIF", ""}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(Outputs().find("exit-code=1\n"), std::string::npos) << Outputs();
  EXPECT_NE(Outputs().find("sarif=\n"), std::string::npos) << Outputs();
  EXPECT_FALSE(fs::exists(repo_ / "driftcheck.sarif"));
}

TEST_F(GithubActionScript, PassesRevNewSinceAndArgsAsArgumentsOnly) {
  // The demo's second commit only raised production's api replicas, which an
  // allow rule accepts: nothing is new since v1.0.0 that fails.
  const CommandResult since = Run({{"DRIFTCHECK_NEW_SINCE", "v1.0.0"}, {"DRIFTCHECK_ARGS", "--source services"}});
  EXPECT_EQ(since.exit_code, 0) << since.out << since.err;
  const CommandResult rev = Run({{"DRIFTCHECK_REV", "staging=rehearsal production=HEAD"}});
  EXPECT_EQ(rev.exit_code, 1) << rev.err;
  // Shell text in an input stays text: an unknown argument, exit 2, nothing run.
  const CommandResult hostile = Run({{"DRIFTCHECK_ARGS", "$(touch pwned) `touch pwned2` ;touch pwned3"}});
  EXPECT_EQ(hostile.exit_code, 2);
  for (const char* file : {"pwned", "pwned2", "pwned3"}) {
    EXPECT_FALSE(fs::exists(repo_ / file) || fs::exists(dir_.path() / file)) << file;
  }
}

}  // namespace
}  // namespace driftcheck::testing
