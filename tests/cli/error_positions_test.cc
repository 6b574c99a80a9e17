// Every error about a file the user wrote (the manifest, a schema, an allow
// rules file, a baseline) names where in it, as a compiler does:
// `file:line:col: what is wrong`, then a hint, and exits 2. An error about a
// whole file (an empty one) names the file.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

namespace fs = std::filesystem;

const std::string kEnvironments = "version: 1\nenvironments:\n  staging: {}\n  production: {}\n";
const std::string kSource = "sources:\n  - {name: app, path: \"config/{env}.yaml\"}\n";

struct BadInput {
  std::string name;
  std::map<std::string, std::string> files;  // written over a valid repository
  std::vector<std::string> args;
  std::string headline;  // what stderr starts with, after "error: "
  bool hint = true;
};

void PrintTo(const BadInput& input, std::ostream* out) { *out << input.name; }

class ErrorPositions : public ::testing::TestWithParam<BadInput> {};

TEST_P(ErrorPositions, NameFileLineAndColumnAndExitTwo) {
  const BadInput& input = GetParam();
  TempDir dir;
  const fs::path repo = dir.path() / "repo";
  GitInit(repo);
  WriteFile(repo, "config/staging.yaml", "port: 80\n");
  WriteFile(repo, "config/production.yaml", "port: 81\n");
  WriteFile(repo, "driftcheck.yaml", kEnvironments + kSource);
  for (const auto& [path, text] : input.files) WriteFile(repo, path, text);
  GitCommitAll(repo, "bad input");
  const CommandResult r = RunDriftcheck(input.args, repo.string());
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  const std::string expected = "error: " + input.headline;
  EXPECT_EQ(r.err.substr(0, expected.size()), expected) << r.err;
  if (input.hint) {
    EXPECT_NE(r.err.find("\nhint: "), std::string::npos) << r.err;
  }
  // Whatever the message says about the file, it never says it at a made-up place.
  EXPECT_EQ(r.err.find(":0:"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("error: : "), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Manifest, ErrorPositions,
    ::testing::Values(
        BadInput{"UnknownSourceKey",
                 {{"driftcheck.yaml", kEnvironments + "sources:\n  - {name: app, path: \"config/{env}.yaml\", pth: x}\n"}},
                 {"check"},
                 "driftcheck.yaml:6:"},
        BadInput{"EnvironmentNameWithASlash",
                 {{"driftcheck.yaml", "version: 1\nenvironments:\n  staging: {}\n  prod/eu: {}\n" + kSource}},
                 {"check"},
                 "driftcheck.yaml:4:3: environment name 'prod/eu' may use only"},
        BadInput{"EnvLayerThatMatchesNothing",
                 {{"config/base.yaml", "port: 1\n"},
                  {"driftcheck.yaml",
                   kEnvironments + "sources:\n  - {name: app, layers: [config/base.yaml, \"config/{env}.yml\"]}\n"}},
                 {"check"},
                 "driftcheck.yaml:6:44: source 'app': layer 'config/{env}.yml' matches no file"},
        BadInput{"AllowFileMissingForTheRulesCommand",
                 {{"driftcheck.yaml", kEnvironments + "allow: drift-alow.yaml\n" + kSource}},
                 {"rules"},
                 "driftcheck.yaml:5:8: the allow-rules file 'drift-alow.yaml' does not exist"},
        BadInput{"NothingToValidate", {}, {"validate"}, "driftcheck.yaml: no source in the manifest has a 'schema:'"}),
    [](const auto& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    RulesFile, ErrorPositions,
    ::testing::Values(
        BadInput{"RuleWithoutReason",
                 {{"driftcheck.yaml", kEnvironments + "allow: allow.yaml\n" + kSource},
                  {"allow.yaml", "version: 1\nrules:\n  - id: port\n    path: port\n    owner: ops\n"}},
                 {"check"},
                 "allow.yaml:3:5: missing required key 'reason' in rule 'port'"},
        BadInput{"TwoDocuments",
                 {{"driftcheck.yaml", kEnvironments + "allow: allow.yaml\n" + kSource},
                  {"allow.yaml", "version: 1\nrules: []\n---\nrules: []\n"}},
                 {"check"},
                 "allow.yaml:4:1: the rules file must be a single YAML document",
                 /*hint=*/false}),
    [](const auto& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    Schema, ErrorPositions,
    ::testing::Values(
        BadInput{"UnknownKeyword",
                 {{"driftcheck.yaml", kEnvironments + "sources:\n  - {name: app, path: \"config/{env}.yaml\", "
                                                      "schema: app.schema.yaml}\n"},
                  {"app.schema.yaml", "type: object\nproperties:\n  port: {tpye: integer}\n"}},
                 {"validate"},
                 "app.schema.yaml:3:10: unknown schema keyword 'tpye'"},
        BadInput{"TwoDocuments",
                 {{"driftcheck.yaml", kEnvironments + "sources:\n  - {name: app, path: \"config/{env}.yaml\", "
                                                      "schema: app.schema.yaml}\n"},
                  {"app.schema.yaml", "type: object\n---\ntype: object\n"}},
                 {"validate"},
                 "app.schema.yaml:3:1: a schema file must hold exactly one document"},
        BadInput{"Empty",
                 {{"driftcheck.yaml", kEnvironments + "sources:\n  - {name: app, path: \"config/{env}.yaml\", "
                                                      "schema: app.schema.yaml}\n"},
                  {"app.schema.yaml", "# nothing yet\n"}},
                 {"validate"},
                 "app.schema.yaml: the schema file is empty"}),
    [](const auto& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    Baseline, ErrorPositions,
    ::testing::Values(
        BadInput{"TwoDocuments",
                 {{"b.yaml", "version: 1\nfindings: []\n---\nfindings: []\n"}},
                 {"check", "--baseline", "b.yaml"},
                 "b.yaml:4:1: a baseline is one YAML or JSON document"},
        BadInput{"ShortId",
                 {{"b.yaml", "version: 1\nfindings:\n  - {id: abc, kind: changed}\n"}},
                 {"check", "--baseline", "b.yaml"},
                 "b.yaml:3:10: baseline 'id' must be 16 hex digits"},
        BadInput{"Empty", {{"b.yaml", ""}}, {"check", "--baseline", "b.yaml"}, "b.yaml: the baseline is empty"}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace driftcheck::testing
