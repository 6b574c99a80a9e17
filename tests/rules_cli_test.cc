// End-to-end: allow rules, `driftcheck rules`, baselines and --new-since on
// small git repositories built in a temporary directory.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kManifest = R"(version: 1
environments:
  staging: {}
  production: {}
sources:
  - name: services
    path: "services/{service}/{env}.yaml"
allow: drift-allow.yaml
)";

constexpr const char* kRules = R"(version: 1
rules:
  - id: staging-small-db-pool
    source: services
    where: {service: "api*"}
    path: database.pool_size
    expect: {staging: 5, production: 50}
    reason: staging runs on a small instance
    owner: team-data
    expires: 2026-06-30
    ticket: OPS-123
  - id: more-replicas
    path: replicas
    expect: {relation: "staging <= production"}
    reason: production takes the traffic
    owner: team-web
  - id: separate-passwords
    path: database.password
    expect: {any: true}
    reason: each environment has its own credentials
    owner: team-sec
)";

class RulesCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_.path() / "repo";
    GitInit(repo_);
    WriteFile(repo_, "driftcheck.yaml", kManifest);
    WriteFile(repo_, "drift-allow.yaml", kRules);
    WriteFile(repo_, "services/api/staging.yaml",
              "replicas: 2\ndatabase:\n  pool_size: 5\n  password: stg-secret-1\n");
    WriteFile(repo_, "services/api/production.yaml",
              "replicas: 4\ndatabase:\n  pool_size: 50\n  password: prod-secret-3\n");
    first_ = GitCommitAll(repo_, "first");
  }

  CommandResult Run(std::vector<std::string> args) { return RunDriftcheck(args, repo_.string()); }

  // A check on a fixed day (unless the test gives its own --today).
  CommandResult Check(std::vector<std::string> args) {
    if (std::find(args.begin(), args.end(), "--today") == args.end()) {
      args.insert(args.begin(), {"--today", "2026-06-01"});
    }
    args.insert(args.begin(), "check");
    return Run(args);
  }

  nlohmann::json Json(std::vector<std::string> args, int expected_exit) {
    args.insert(args.end(), {"--format", "json"});
    const CommandResult r = Check(args);
    EXPECT_EQ(r.exit_code, expected_exit) << r.out << r.err;
    return nlohmann::json::parse(r.out);
  }

  // Production's pool changes: a drift the rule does not expect.
  std::string CommitNewDrift() {
    WriteFile(repo_, "services/api/production.yaml",
              "replicas: 4\ndatabase:\n  pool_size: 50\n  password: prod-secret-3\ntimeout: 30s\n");
    return GitCommitAll(repo_, "new drift");
  }

  TempDir dir_;
  fs::path repo_;
  std::string first_;
};

TEST_F(RulesCliTest, AllowedDriftIsShownAndDoesNotFail) {
  const CommandResult r = Check({});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("database.pool_size  changed  allowed by staging-small-db-pool"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("allowed by more-replicas"), std::string::npos);
  EXPECT_NE(r.out.find("allowed by separate-passwords"), std::string::npos);
}

TEST_F(RulesCliTest, ExitCodeTextAndJsonAgree) {
  for (const char* today : {"2026-06-01", "2026-07-01"}) {
    const CommandResult text = Run({"check", "--today", today});
    const CommandResult json = Run({"check", "--today", today, "--format", "json"});
    EXPECT_EQ(text.exit_code, json.exit_code) << today;
    const auto report = nlohmann::json::parse(json.out);
    const int failing = report["summary"]["failing"];
    EXPECT_EQ(json.exit_code, failing > 0 ? 1 : 0) << today;
    std::size_t allowed_in_json = 0, allowed_in_text = 0;
    for (const auto& f : report["findings"]) allowed_in_json += f["allowed"].is_null() ? 0 : 1;
    for (std::size_t at = 0; (at = text.out.find("allowed by ", at)) != std::string::npos; ++at) ++allowed_in_text;
    EXPECT_EQ(allowed_in_json, allowed_in_text) << today;
    EXPECT_EQ(report["summary"]["allowed"], allowed_in_json);
  }
}

TEST_F(RulesCliTest, AnExpiredRuleFailsAndNamesOwnerAndTicket) {
  const auto report = Json({"--today", "2026-07-01"}, 1);
  bool expired = false;
  for (const auto& f : report["findings"]) {
    if (f["path"] == "database.pool_size") {
      EXPECT_TRUE(f["allowed"].is_null());
    }
    if (f["kind"] != "rule-expired") continue;
    expired = true;
    EXPECT_EQ(f["severity"], "error");
    EXPECT_EQ(f["message"], "rule 'staging-small-db-pool' expired on 2026-06-30 (owner team-data, ticket OPS-123)");
    EXPECT_EQ(f["sides"][0]["location"]["file"], "drift-allow.yaml");
    EXPECT_EQ(f["sides"][0]["location"]["line"], 3);
  }
  EXPECT_TRUE(expired);
  const CommandResult text = Check({"--today", "2026-07-01"});
  EXPECT_NE(text.out.find("3 drifts (2 allowed) · 1 expired rule in 1 of 1 file pair · staging ↔ production"), std::string::npos) << text.out;
  // The last day still allows.
  EXPECT_EQ(Check({"--today", "2026-06-30"}).exit_code, 0);
}

TEST_F(RulesCliTest, StrictMakesWarningsFail) {
  EXPECT_EQ(Check({"--today", "2026-06-20"}).exit_code, 0);  // an expiring rule warns
  const CommandResult strict = Check({"--today", "2026-06-20", "--strict"});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_NE(strict.out.find("rule-expiring"), std::string::npos) << strict.out;
}

TEST_F(RulesCliTest, SecretsNeverAppearEvenWhenARuleExpectsThem) {
  WriteFile(repo_, "rules-with-secret.yaml",
            "version: 1\nrules:\n  - id: pw\n    path: database.password\n"
            "    expect: {production: prod-secret-3}\n    reason: r\n    owner: o\n");
  for (const std::string format : {"text", "json"}) {
    const CommandResult r = Check({"--rules", "rules-with-secret.yaml", "--format", format});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("production is a secret (redacted)"), std::string::npos) << r.out;
    for (const char* secret : {"stg-secret-1", "prod-secret-3"}) {
      EXPECT_EQ(r.out.find(secret), std::string::npos) << format << " leaked " << secret;
      EXPECT_EQ(r.err.find(secret), std::string::npos);
    }
  }
}

// A pin is checked where nothing drifts: the value it finds there is shown
// as reports decide, so a YAML copy of a secret or the `value` of a
// `{name: DB_PASSWORD, value: ...}` item stays redacted.
TEST_F(RulesCliTest, APinNeverShowsASecretTheReportsWouldRedact) {
  WriteFile(repo_, "driftcheck.yaml", std::string(kManifest) + "same_secret: false\n");
  for (const std::string env : {"staging", "production"}) {
    WriteFile(repo_, "services/web/" + env + ".yaml",
              "token: &t pin-secret-1\nx: *t\nk8s: {env: [{name: DB_PASSWORD, value: pin-secret-2}]}\n");
  }
  WriteFile(repo_, "pins.yaml",
            "version: 1\nrules:\n  - id: pin-x\n    path: x\n    expect: {production: other}\n"
            "    reason: r\n    owner: o\n  - id: pin-k8s\n    path: k8s.env[0].value\n"
            "    expect: {production: other}\n    reason: r\n    owner: o\n");
  GitCommitAll(repo_, "pins");
  for (const std::string format : {"text", "json"}) {
    const CommandResult r = Check({"--rules", "pins.yaml", "--format", format});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("pin-x"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("pin-k8s"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("production is a secret (redacted)"), std::string::npos) << r.out;
    for (const char* secret : {"pin-secret-1", "pin-secret-2"}) {
      EXPECT_EQ(r.out.find(secret), std::string::npos) << format << " leaked " << secret << ":\n" << r.out;
      EXPECT_EQ(r.err.find(secret), std::string::npos);
    }
  }
}

TEST_F(RulesCliTest, ABrokenRulesFileExitsTwoNamingFileLineAndRule) {
  WriteFile(repo_, "drift-allow.yaml", "version: 1\nrules:\n  - id: no-owner\n    path: a\n    reason: r\n");
  const CommandResult r = Check({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: drift-allow.yaml:3:5: missing required key 'owner' in rule 'no-owner'\n"
                   "hint: add 'owner:' here\n");
}

TEST_F(RulesCliTest, AMissingAllowFileIsAnError) {
  WriteFile(repo_, "driftcheck.yaml", std::string(kManifest) + "\n");
  fs::rename(repo_ / "drift-allow.yaml", repo_ / "drift-allow.yml");
  const CommandResult r = Check({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("driftcheck.yaml:8:8: the allow-rules file 'drift-allow.yaml' does not exist"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'drift-allow.yml'?"), std::string::npos) << r.err;
}

TEST_F(RulesCliTest, RulesListsStatusOwnerExpiryAndCounts) {
  WriteFile(repo_, "drift-allow.yaml", std::string(kRules) +
                                           "  - {id: nothing-here, path: cache, reason: r, owner: team-x}\n"
                                           "  - {id: broken, path: 'a..b', reason: r, owner: team-y}\n");
  const CommandResult text = Run({"rules", "--today", "2026-06-20"});
  EXPECT_EQ(text.exit_code, 1) << text.err;  // an invalid rule
  EXPECT_NE(text.out.find("staging-small-db-pool  expiring        1  team-data  2026-06-30  OPS-123  database.pool_size"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("nothing-here           unused          0"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("broken                 invalid"), std::string::npos) << text.out;
  const CommandResult json = Run({"rules", "--today", "2026-07-01", "--format", "json"});
  const auto list = nlohmann::json::parse(json.out);
  EXPECT_EQ(list["today"], "2026-07-01");
  EXPECT_EQ(list["rules"][0]["status"], "expired");
  EXPECT_EQ(list["rules"][1]["id"], "more-replicas");
  EXPECT_EQ(list["rules"][1]["status"], "active");
  EXPECT_EQ(list["rules"][1]["allowed"], 1);
  EXPECT_EQ(list["rules"][4]["status"], "invalid");
  EXPECT_NE(list["rules"][4]["problem"].get<std::string>().find("bad path"), std::string::npos);
}

TEST_F(RulesCliTest, RulesEscapesControlCharactersAsCheckDoes) {
  WriteFile(repo_, "drift-allow.yaml",
            std::string(kRules) + "  - {id: odd, path: cache, reason: \"r\\e[2J\", owner: \"team\\e[31mred\", "
                                  "ticket: \"OPS\\u200b1\"}\n");
  const CommandResult r = Run({"rules", "--today", "2026-06-01"});
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("team\\x1b[31mred"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("OPS\\u200b1"), std::string::npos) << r.out;
}

TEST_F(RulesCliTest, ABaselineFailsOnlyOnNewFindings) {
  const std::string file = (dir_.path() / "baseline.yaml").string();
  // Without rules every drift fails; the baseline records all three.
  WriteFile(repo_, "empty-rules.yaml", "version: 1\nrules: []\n");
  const CommandResult written = Run({"baseline", "--rules", "empty-rules.yaml", "-o", file});
  EXPECT_EQ(written.exit_code, 0) << written.err;
  EXPECT_EQ(written.err, "driftcheck: wrote 3 finding(s) to " + file + "\n");
  const std::string baseline = ReadFile(file);
  EXPECT_EQ(baseline.find("secret"), std::string::npos) << baseline;  // no values
  const CommandResult existing = Check({"--rules", "empty-rules.yaml", "--baseline", file});
  EXPECT_EQ(existing.exit_code, 0);
  EXPECT_NE(existing.out.find("replicas  changed  existing"), std::string::npos) << existing.out;
  EXPECT_NE(existing.out.find("3 drifts (3 existing) in 1 of 1 file pair"), std::string::npos) << existing.out;

  CommitNewDrift();
  const auto report = Json({"--rules", "empty-rules.yaml", "--baseline", file}, 1);
  EXPECT_EQ(report["summary"]["failing"], 1);
  for (const auto& f : report["findings"]) EXPECT_EQ(f["existing"], f["path"] != "timeout") << f["path"];
}

TEST_F(RulesCliTest, BaselineEntriesThatNoLongerOccurAreNotes) {
  const std::string file = (dir_.path() / "baseline.json").string();
  WriteFile(repo_, "empty-rules.yaml", "version: 1\nrules: []\n");
  ASSERT_EQ(Run({"baseline", "--rules", "empty-rules.yaml", "-o", file}).exit_code, 0);
  EXPECT_EQ(ReadFile(file).front(), '{');  // JSON by its extension
  WriteFile(repo_, "services/api/production.yaml",
            "replicas: 2\ndatabase:\n  pool_size: 50\n  password: prod-secret-3\n");
  GitCommitAll(repo_, "fix replicas");
  const auto report = Json({"--rules", "empty-rules.yaml", "--baseline", file}, 0);
  int notes = 0;
  for (const auto& f : report["findings"]) {
    if (f["severity"] != "note") continue;
    ++notes;
    EXPECT_EQ(f["path"], "replicas");
  }
  EXPECT_EQ(notes, 1);
}

TEST_F(RulesCliTest, NewSinceFailsOnlyOnDriftTheRevisionDidNotHave) {
  WriteFile(repo_, "empty-rules.yaml", "version: 1\nrules: []\n");
  EXPECT_EQ(Check({"--rules", "empty-rules.yaml", "--new-since", "HEAD"}).exit_code, 0);
  CommitNewDrift();
  const auto report = Json({"--rules", "empty-rules.yaml", "--new-since", first_.substr(0, 10)}, 1);
  EXPECT_EQ(report["summary"]["failing"], 1);
  for (const auto& f : report["findings"]) EXPECT_EQ(f["existing"], f["path"] != "timeout") << f["path"];
  // A value that breaks a rule's expectation fails, although the path drifted at REV too.
  WriteFile(repo_, "services/api/production.yaml",
            "replicas: 4\ndatabase:\n  pool_size: 60\n  password: prod-secret-3\ntimeout: 30s\n");
  GitCommitAll(repo_, "bigger pool");
  const auto after = Json({"--new-since", "HEAD~1"}, 1);
  for (const auto& f : after["findings"]) {
    if (f["path"] == "database.pool_size") {
      EXPECT_FALSE(f["existing"]);
    }
  }
}

TEST_F(RulesCliTest, HelpShowsExamples) {
  for (const char* command : {"check", "rules", "baseline"}) {
    const CommandResult r = Run({command, "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("examples:"), std::string::npos) << command;
  }
  const CommandResult check = Run({"check", "--help"});
  for (const char* option : {"--rules", "--today", "--expiry-warning", "--strict", "--baseline", "--new-since"}) {
    EXPECT_NE(check.out.find(option), std::string::npos) << option;
  }
}

}  // namespace
}  // namespace driftcheck::testing
