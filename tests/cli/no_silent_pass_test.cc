// A run that would compare nothing, or less than the user asked for, must
// never look like success: each of these exits 2 naming the manifest position
// and a hint, instead of printing "no drift".

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

namespace fs = std::filesystem;

class NoSilentPass : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_.path() / "repo";
    GitInit(repo_);
    WriteFile(repo_, "services/api/staging.yaml", "replicas: 2\n");
    WriteFile(repo_, "services/api/production.yaml", "replicas: 4\n");
    WriteFile(repo_, "config/prod.json", "{\"a\": 1}\n");
    WriteFile(repo_, "config/staging.json", "{\"a\": 2}\n");
  }

  CommandResult Run(const std::string& sources, std::vector<std::string> args = {},
                    const std::string& extra = "") {
    WriteFile(repo_, "driftcheck.yaml",
              "version: 1\nenvironments:\n  staging: {}\n  production: {aliases: [prod]}\n" + extra +
                  "sources:\n" + sources);
    GitCommitAll(repo_, "manifest");
    args.insert(args.begin(), "check");
    return RunDriftcheck(args, repo_.string());
  }

  static void ExpectError(const CommandResult& r, const std::string& headline, const std::string& hint) {
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_EQ(r.out, "") << "nothing may look like a report";
    EXPECT_EQ(r.err.rfind("error: " + headline, 0), 0u) << r.err;
    EXPECT_NE(r.err.find("\nhint: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(hint), std::string::npos) << r.err;
  }

  TempDir dir_;
  fs::path repo_;
};

TEST_F(NoSilentPass, ATemplateWithoutEnvIsAnError) {
  ExpectError(Run("  - {name: s, path: \"services/api/staging.yaml\"}\n"),
              "driftcheck.yaml:6:21: source 's' has no {env}", "put {env} where");
  ExpectError(Run("  - {name: s, layers: [a.yaml, b.yaml]}\n"), "driftcheck.yaml:6:23: source 's' has no {env}",
              "paths: {staging: FILE, production: FILE}");
}

TEST_F(NoSilentPass, LayersWhoseOnlyEnvLayerMatchesNothingAreAnError) {
  WriteFile(repo_, "c/base.yaml", "replicas: 1\n");
  WriteFile(repo_, "c/staging.yaml", "replicas: 2\n");
  WriteFile(repo_, "c/production.yaml", "replicas: 3\n");
  // Every environment would read only c/base.yaml: base compared with base.
  ExpectError(Run("  - {name: c, layers: [c/base.yaml, \"c/{env}.yml\"]}\n"),
              "driftcheck.yaml:6:37: source 'c': layer 'c/{env}.yml' matches no file for any environment",
              "did you mean 'c/{env}.yaml'?");
  // The same with a placeholder the first layer binds.
  WriteFile(repo_, "services/api/base.yaml", "replicas: 1\n");
  ExpectError(Run("  - name: s\n    layers: [\"services/{svc}/base.yaml\", \"services/{svc}/{env}.yml\"]\n"),
              "driftcheck.yaml:7:42: source 's': layer 'services/{svc}/{env}.yml' matches no file",
              "did you mean 'services/{svc}/{env}.yaml'?");
  // The right spelling compares the environments' own layers.
  const CommandResult ok = Run("  - {name: c, layers: [c/base.yaml, \"c/{env}.yaml\"]}\n");
  EXPECT_EQ(ok.exit_code, 1) << ok.out << ok.err;
  // An environment outside the compared pair has the layer: the template is right, the
  // compared ones have no overrides of their own.
  WriteFile(repo_, "c/qa.yaml", "replicas: 9\n");
  fs::remove(repo_ / "c/staging.yaml");
  fs::remove(repo_ / "c/production.yaml");
  const CommandResult overrides_elsewhere =
      Run("  - {name: c, layers: [c/base.yaml, \"c/{env}.yaml\"]}\n", {}, "  qa: {}\ncompare: [[staging, production]]\n");
  EXPECT_EQ(overrides_elsewhere.exit_code, 0) << overrides_elsewhere.out << overrides_elsewhere.err;
  WriteFile(repo_, "c/staging.yaml", "replicas: 2\n");
  WriteFile(repo_, "c/production.yaml", "replicas: 3\n");
  // A later {env} layer missing for one environment only is a warning (layer-missing), not this error.
  fs::remove(repo_ / "c/production.yaml");
  const CommandResult one = Run("  - {name: c, layers: [c/base.yaml, \"c/{env}.yaml\"]}\n", {"--format", "json"});
  EXPECT_NE(one.exit_code, 2) << one.err;
  EXPECT_NE(one.out.find("layer-missing"), std::string::npos) << one.out;
}

TEST_F(NoSilentPass, DiffRefusesLayersWhoseOnlyEnvLayerMatchesNothing) {
  WriteFile(repo_, "c/base.yaml", "replicas: 1\n");
  WriteFile(repo_, "c/staging.yaml", "replicas: 2\n");
  WriteFile(repo_, "c/production.yaml", "replicas: 3\n");
  Run("  - {name: c, layers: [c/base.yaml, \"c/{env}.yml\"]}\n");  // writes and commits the manifest
  const CommandResult r = RunDriftcheck({"diff", "staging", "production"}, repo_.string());
  ExpectError(r, "driftcheck.yaml:6:37: source 'c': layer 'c/{env}.yml' matches no file", "did you mean 'c/{env}.yaml'?");
}

TEST_F(NoSilentPass, ASharedFileWithASelectedSubtreeNeedsNoEnvLayer) {
  WriteFile(repo_, "c/all.yaml", "staging: {a: 1}\nproduction: {a: 2}\n");
  const CommandResult r =
      Run("  - {name: c, layers: [c/all.yaml, \"c/{env}.yml\"], select: \"{env}\"}\n", {"--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["findings"][0]["path"], "a");
}

TEST_F(NoSilentPass, PathsGivingTwoEnvironmentsOneFileIsAnError) {
  ExpectError(Run("  - name: s\n    paths: {staging: services/api/staging.yaml, production: services/api/staging.yaml}\n"),
              "driftcheck.yaml:7:12: source 's': 'paths' gives", "name each environment's own file");
}

TEST_F(NoSilentPass, ATemplateThatMatchesNothingSuggestsTheNearestExistingFiles) {
  ExpectError(Run("  - {name: services, path: \"services/{service}/{env}.yml\"}\n"),
              "driftcheck.yaml:6:5: source 'services': no file matches 'services/{service}/{env}.yml'",
              "did you mean 'services/{service}/{env}.yaml'?");
  ExpectError(Run("  - {name: services, path: \"servics/{service}/{env}.yaml\"}\n"),
              "driftcheck.yaml:6:5: source 'services': no file matches", "did you mean 'services/{service}/{env}.yaml'?");
}

// The template is right, but what it matches does not count: the hint must
// say why, not suggest the template itself.
TEST_F(NoSilentPass, ATemplateWhoseFilesAreExcludedOrUncomparedSaysWhy) {
  const CommandResult excluded =
      Run("  - {name: s, path: \"services/{service}/{env}.yaml\", exclude: [\"services/api/*\"]}\n");
  ExpectError(excluded, "driftcheck.yaml:6:5: source 's': no file matches",
              "'services/api/staging.yaml' matches it, but the source's 'exclude:' leaves it out");
  EXPECT_EQ(excluded.err.find("did you mean"), std::string::npos) << excluded.err;
  WriteFile(repo_, "c/qa.yaml", "replicas: 1\n");
  const CommandResult uncompared = Run("  - {name: s, path: \"c/{env}.yaml\"}\n", {}, "  qa: {}\n");
  ExpectError(uncompared, "driftcheck.yaml:7:5: source 's': no file matches",
              "'c/qa.yaml' matches it, but for environment 'qa', which no compared pair holds");
}

TEST_F(NoSilentPass, EnvMatchesAnAliasInAFileName) {
  const CommandResult r = Run("  - {name: c, path: \"config/{env}.json\", format: json}\n", {"--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["findings"].size(), 1u);
  EXPECT_EQ(report["findings"][0]["sides"][1]["file"], "config/prod.json");
}

TEST_F(NoSilentPass, TwoSpellingsOfOneEnvironmentAreAnError) {
  WriteFile(repo_, "config/production.json", "{\"a\": 1}\n");
  ExpectError(Run("  - {name: c, path: \"config/{env}.json\", format: json}\n"),
              "driftcheck.yaml:6:5: source 'c': environment 'production' has two files", "keep one of them");
}

TEST_F(NoSilentPass, ASelectFoundNowhereIsAnError) {
  WriteFile(repo_, "config/database.yml", "development: {pool: 5}\n");
  ExpectError(Run("  - {name: db, path: config/database.yml, select: \"{env}\"}\n"),
              "driftcheck.yaml:6:5: source 'db': 'select' finds its subtree in no compared environment",
              "check the key path");
}

TEST_F(NoSilentPass, EmptyOrRepeatedCompareIsAnError) {
  const std::string source = "  - {name: s, path: \"services/{service}/{env}.yaml\"}\n";
  ExpectError(Run(source, {}, "compare: []\n"), "driftcheck.yaml:5:10: 'compare' is empty", "list at least one pair");
  ExpectError(Run(source, {}, "compare: [[staging, production], [prod, staging]]\n"),
              "driftcheck.yaml:5:34: 'compare' lists the pair", "remove the repeated pair");
}

TEST_F(NoSilentPass, AMissingAllowFileIsAnError) {
  ExpectError(Run("  - {name: s, path: \"services/{service}/{env}.yaml\"}\n", {}, "allow: drift-alow.yaml\n"),
              "driftcheck.yaml:5:8: the allow-rules file 'drift-alow.yaml' does not exist", "create it");
}

TEST_F(NoSilentPass, ASymbolicLinkAtAConfigPathIsAnError) {
  fs::remove(repo_ / "services/api/production.yaml");
  fs::create_symlink("staging.yaml", repo_ / "services/api/production.yaml");
  ExpectError(Run("  - {name: s, path: \"services/{service}/{env}.yaml\"}\n"),
              "driftcheck.yaml:6:5: source 's' matches services/api/production.yaml, a symbolic link",
              "point the source at the file");
}

TEST_F(NoSilentPass, PathsGiveEachEnvironmentItsFile) {
  WriteFile(repo_, "conf/api-staging.yml", "timeout: 5\n");
  WriteFile(repo_, "conf/api.yml", "timeout: 9\n");
  const CommandResult r =
      Run("  - name: cf\n    paths: {staging: conf/api-staging.yml, prod: conf/api.yml}\n", {"--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto f = nlohmann::json::parse(r.out)["findings"][0];
  EXPECT_EQ(f["path"], "timeout");
  EXPECT_EQ(f["sides"][0]["file"], "conf/api-staging.yml");
  EXPECT_EQ(f["sides"][1]["file"], "conf/api.yml");
}

TEST_F(NoSilentPass, ASourceComparesOnlyItsOwnPairs) {
  WriteFile(repo_, "uat/app.yaml", "a: 1\n");
  WriteFile(repo_, "production/app.yaml", "a: 2\n");
  const CommandResult r = Run(
      "  - {name: s, path: \"services/{service}/{env}.yaml\"}\n"
      "  - {name: u, path: \"{env}/app.yaml\", compare: [[uat, production]]}\n",
      {"--format", "json"}, "  uat: {}\n");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::vector<std::string> seen;
  const auto report = nlohmann::json::parse(r.out);
  for (const auto& f : report["findings"]) {
    seen.push_back(f["source"].get<std::string>() + " " + f["sides"][0]["label"].get<std::string>() + "/" +
                   f["sides"][1]["label"].get<std::string>());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"s staging/production", "u uat/production"}));
}

TEST_F(NoSilentPass, SourceOptionRunsOnlyTheNamedSources) {
  const std::string sources =
      "  - {name: services, path: \"services/{service}/{env}.yaml\"}\n"
      "  - {name: c, path: \"config/{env}.json\", format: json}\n";
  const CommandResult one = Run(sources, {"--source", "c", "--format", "json"});
  EXPECT_EQ(one.exit_code, 1) << one.err;
  const auto report = nlohmann::json::parse(one.out);
  EXPECT_EQ(report["summary"]["file_pairs"], 1);
  EXPECT_EQ(report["findings"][0]["source"], "c");
  const CommandResult typo = Run(sources, {"--source", "servces"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("unknown source 'servces' in --source"), std::string::npos) << typo.err;
  EXPECT_NE(typo.err.find("did you mean 'services'?"), std::string::npos) << typo.err;
}

TEST_F(NoSilentPass, AnUnreadableFileStillWritesEveryReportAndExitsTwo) {
  WriteFile(repo_, "services/web/staging.yaml", "a: [1, 2\n");
  WriteFile(repo_, "services/web/production.yaml", "a: 1\n");
  const fs::path out = dir_.path() / "report.json";
  const CommandResult r = Run("  - {name: s, path: \"services/{service}/{env}.yaml\"}\n", {"-o", out.string(),
                                                                                          "--format", "json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("error: services/web/staging.yaml:", 0), 0u) << r.err;
  const auto report = nlohmann::json::parse(ReadFile(out));
  ASSERT_EQ(report["findings"].size(), 2u);
  EXPECT_EQ(report["findings"][0]["path"], "replicas");  // the readable pair was still compared
  EXPECT_EQ(report["findings"][1]["kind"], "invalid-file");
}

TEST_F(NoSilentPass, AStaleBaselineEntryForAFileReadableAgainIsANoteNamingTheFile) {
  WriteFile(repo_, "services/api/production.yaml", "replicas: [2\n");
  const std::string source = "  - {name: s, path: \"services/{service}/{env}.yaml\"}\n";
  const fs::path baseline = dir_.path() / "baseline.yaml";
  WriteFile(repo_, "driftcheck.yaml",
            "version: 1\nenvironments:\n  staging: {}\n  production: {aliases: [prod]}\nsources:\n" + source);
  GitCommitAll(repo_, "broken");
  const CommandResult written = RunDriftcheck({"baseline", "-o", baseline.string()}, repo_.string());
  EXPECT_EQ(written.exit_code, 2) << written.err;  // written, though an unreadable file exits 2
  EXPECT_NE(ReadFile(baseline).find("file: \"services/api/production.yaml\""), std::string::npos)
      << ReadFile(baseline);
  // The file is fixed: the entry no longer occurs, which is a note, not a failure.
  WriteFile(repo_, "services/api/production.yaml", "replicas: 2\n");
  for (const std::string format : {"text", "json", "github"}) {
    const CommandResult r = Run(source, {"--baseline", baseline.string(), "--format", format});
    EXPECT_EQ(r.exit_code, 0) << format << "\n" << r.out << r.err;
    EXPECT_EQ(r.err.find("error:"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("invalid-file of services/api/production.yaml in the baseline"), std::string::npos)
        << format << "\n" << r.out;
  }
}


// ---- diff and history: the same refusals as check ---------------------------

// `diff` through the fixture's manifest (written and committed by Run).
CommandResult Diff(const fs::path& repo, std::vector<std::string> args) {
  args.insert(args.begin(), "diff");
  return RunDriftcheck(args, repo.string());
}

TEST_F(NoSilentPass, DiffRefusesASourceMatchingNoFileOnEitherSide) {
  WriteFile(repo_, "flags/staging.json", "{\"beta\": true}\n");
  WriteFile(repo_, "flags/production.json", "{\"beta\": true}\n");
  Run("  - {name: s, path: \"services/api/{env}.yaml\"}\n  - {name: f, path: \"flags/{env}.jsn\"}\n");
  WriteFile(repo_, "README.md", "docs\n");
  GitCommitAll(repo_, "docs");
  const std::string message = "driftcheck.yaml:7:5: source 'f': no file matches 'flags/{env}.jsn'";
  ExpectError(Diff(repo_, {"staging", "production"}), message, "did you mean 'flags/{env}.json'?");
  ExpectError(Diff(repo_, {"staging", "production", "--source", "f"}), message, "did you mean");
  // One environment at two revisions, the source at neither: still an error.
  ExpectError(Diff(repo_, {"production@HEAD~1", "production"}), message, "did you mean");
}

TEST_F(NoSilentPass, DiffKeepsASourceOnOneSideOnlyAsAMissingFile) {
  Run("  - {name: s, path: \"services/api/{env}.yaml\"}\n");
  WriteFile(repo_, "flags/staging.json", "{\"beta\": true}\n");
  WriteFile(repo_, "flags/production.json", "{\"beta\": true}\n");
  Run("  - {name: s, path: \"services/api/{env}.yaml\"}\n  - {name: f, path: \"flags/{env}.json\"}\n");
  const CommandResult r = Diff(repo_, {"production@HEAD~1", "production", "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("flags/production.json"), std::string::npos) << r.out;
}

TEST_F(NoSilentPass, DiffRefusesASelectFoundOnNeitherSide) {
  WriteFile(repo_, "c/all.yaml", "staging: {a: 1}\nproduction: {a: 2}\n");
  Run("  - {name: c, path: c/all.yaml, select: \"envs.{env}\"}\n");
  ExpectError(Diff(repo_, {"staging", "production"}),
              "driftcheck.yaml:6:5: source 'c': 'select' finds its subtree in no compared environment",
              "check the key path");
}

TEST_F(NoSilentPass, DiffRefusesAPathMatchingNothingWithDidYouMean) {
  const std::string flat = "flat:\n  app.secrets.hunter3: v\n  \"postgres://u:hunter4@h/db\": 1\n";
  WriteFile(repo_, "services/api/staging.yaml", "replicas: 2\ndb:\n  password:\n    hunter2: x\n" + flat);
  WriteFile(repo_, "services/api/production.yaml", "replicas: 4\ndb:\n  password:\n    hunter2: x\n" + flat);
  Run("  - {name: s, path: \"services/api/{env}.yaml\"}\n");
  ExpectError(Diff(repo_, {"staging", "production", "replica"}),
              "PATH 'replica' matches no path in staging or production", "did you mean 'replicas'?");
  // Below a secret key nothing is suggested: only the key's own path.
  const CommandResult secret = Diff(repo_, {"staging", "production", "db.password.hunter"});
  EXPECT_EQ(secret.exit_code, 2) << secret.out << secret.err;
  EXPECT_EQ(secret.err.find("hunter2"), std::string::npos) << secret.err;
  // Nor a flat key with a secret level, nor a key shaped like a credential.
  for (const char* guess : {"flat.\"app.secrets.hunter\"", "flat.\"postgres://u:hunter@h/db\""}) {
    const CommandResult near = Diff(repo_, {"staging", "production", guess});
    EXPECT_EQ(near.exit_code, 2) << guess << near.out << near.err;
    EXPECT_EQ(near.err.find("hunter3"), std::string::npos) << near.err;
    EXPECT_EQ(near.err.find("hunter4"), std::string::npos) << near.err;
  }
  // A PATH that exists filters as before (db.password is a same-secret finding).
  const CommandResult kept = Diff(repo_, {"staging", "production", "db"});
  EXPECT_EQ(kept.exit_code, 1) << kept.out << kept.err;
  EXPECT_EQ(kept.out.find("replicas"), std::string::npos) << kept.out;
}

TEST_F(NoSilentPass, HistoryRefusesLayersWhoseOnlyEnvLayerMatchesNothing) {
  WriteFile(repo_, "c/base.yaml", "replicas: 1\n");
  WriteFile(repo_, "c/staging.yaml", "replicas: 2\n");
  WriteFile(repo_, "c/production.yaml", "replicas: 3\n");
  Run("  - {name: c, layers: [c/base.yaml, \"c/{env}.yml\"]}\n");
  ExpectError(RunDriftcheck({"history"}, repo_.string()),
              "driftcheck.yaml:6:37: source 'c': layer 'c/{env}.yml' matches no file", "did you mean 'c/{env}.yaml'?");
}

TEST_F(NoSilentPass, HistoryRefusesASourceComparedAtNoCommitWalked) {
  Run("  - {name: s, path: \"services/api/{env}.yaml\"}\n  - {name: f, path: \"flags/{env}.jsn\"}\n");
  const std::string message = "driftcheck.yaml:7:5: source 'f' was compared at no commit walked: no file matches its path";
  ExpectError(RunDriftcheck({"history"}, repo_.string()), message, "spell its path");
  ExpectError(RunDriftcheck({"history", "--source", "f"}, repo_.string()), message, "spell its path");
  WriteFile(repo_, "c/all.yaml", "staging: {a: 1}\nproduction: {a: 2}\n");
  Run("  - {name: c, path: c/all.yaml, select: \"envs.{env}\"}\n");
  ExpectError(RunDriftcheck({"history"}, repo_.string()),
              "driftcheck.yaml:6:5: source 'c' was compared at no commit walked: 'select' finds its subtree",
              "check the key path in 'select'");
}

TEST_F(NoSilentPass, HistoryNeedsAtLeastOneCommit) {
  Run("  - {name: s, path: \"services/api/{env}.yaml\"}\n");
  ExpectError(RunDriftcheck({"history", "-n", "0"}, repo_.string()), "-n must be at least 1", "-n 50");
}

}  // namespace
}  // namespace driftcheck::testing
