// `driftcheck init` end to end: a repository's files in, a manifest that
// runs (with the normalize: settings the data supports) out; nothing existing
// overwritten, .git untouched, no secret printed or written.

#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

namespace fs = std::filesystem;

// A chart with overlays, a .env pair and a Rails database.yml.
void MakeRepo(const fs::path& repo) {
  WriteFile(repo, "charts/web/values.yaml", "replicas: 1\ningress:\n  host: web.example.org\n");
  WriteFile(repo, "charts/web/values-staging.yaml",
            "replicas: 1\ningress:\n  host: web.staging.example.org\nhosts: [a, b, c]\n");
  WriteFile(repo, "charts/web/values-prod.yaml", "replicas: 3\nhosts: [c, a, b]\n");
  WriteFile(repo, "services/api/.env.staging",
            "APP_URL=https://api.staging.example.org\nDB_PASSWORD=hunter2-staging-secret\nEXTRA=\n");
  WriteFile(repo, "services/api/.env.production",
            "APP_URL=https://api.example.org\nDB_PASSWORD=correct-horse-battery\n");
  WriteFile(repo, "services/web/.env.staging", "WORKERS=2\n");
  WriteFile(repo, "services/web/.env.production", "WORKERS=2\n");
  WriteFile(repo, "config/database.yml",
            "staging:\n  database: app_staging\n  pool: 5\n  password: s3cr3t-value-one\n"
            "production:\n  database: app_production\n  pool: 20\n  password: s3cr3t-value-two\n");
  GitInit(repo);
  GitCommitAll(repo, "config");
}

TEST(InitCommand, DryRunPrintsAManifestWithMeasuredNormalizeSettings) {
  TempDir dir;
  MakeRepo(dir.path());
  const CommandResult r = RunDriftcheck({"init", "--dry-run"}, dir.str());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("production: { aliases: [\"prod\"] }"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("      - \"charts/web/values.yaml\"\n      - \"charts/web/values-{env}.yaml\"\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("    path: \"services/{service}/.env.{env}\"\n    format: dotenv\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("    path: \"config/database.yml\"\n    select: \"{env}\"\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("env_tokens: optional    # removes 1 finding"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("empty: absent    # removes 1 finding"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"hosts\": set    # removes"), std::string::npos) << r.out;
  for (const char* secret : {"hunter2", "correct-horse", "s3cr3t"}) {
    EXPECT_EQ(r.out.find(secret), std::string::npos) << secret;
    EXPECT_EQ(r.err.find(secret), std::string::npos) << secret;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "driftcheck.yaml"));
}

TEST(InitCommand, WritesTheManifestThatCheckThenRunsAndNeverOverwritesWithoutForce) {
  TempDir dir;
  MakeRepo(dir.path());
  const std::string head = Git(dir.path(), {"rev-parse", "HEAD"});
  const std::string status = Git(dir.path(), {"status", "--porcelain"});
  const CommandResult r = RunDriftcheck({"init"}, dir.str());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::exists(dir.path() / "driftcheck.yaml"));
  const std::string written = ReadFile(dir.path() / "driftcheck.yaml");
  const CommandResult check = RunDriftcheck({"check", "--worktree"}, dir.str());
  EXPECT_EQ(check.exit_code, 1) << check.err << check.out;  // the real drift: replicas, pool
  EXPECT_NE(check.out.find("replicas"), std::string::npos);
  EXPECT_EQ(check.out.find("APP_URL"), std::string::npos) << check.out;

  WriteFile(dir.path(), "driftcheck.yaml", "# mine\n");
  const CommandResult again = RunDriftcheck({"init"}, dir.str());
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("overwrites nothing"), std::string::npos) << again.err;
  EXPECT_EQ(ReadFile(dir.path() / "driftcheck.yaml"), "# mine\n");
  EXPECT_EQ(RunDriftcheck({"init", "--force"}, dir.str()).exit_code, 0);
  EXPECT_EQ(ReadFile(dir.path() / "driftcheck.yaml"), written);
  // Only driftcheck.yaml is new: no commit, index or ref changed.
  EXPECT_EQ(Git(dir.path(), {"rev-parse", "HEAD"}), head);
  EXPECT_EQ(Git(dir.path(), {"status", "--porcelain"}), status + "?? driftcheck.yaml\n");
}

TEST(InitCommand, SchemaWritesADraftPerSourceThatValidatesAndHoldsNoSecret) {
  TempDir dir;
  MakeRepo(dir.path());
  const CommandResult r = RunDriftcheck({"init", "--schema"}, dir.str());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string db = ReadFile(dir.path() / "schemas/database.schema.yaml");
  EXPECT_NE(db.find("\"pool\":\n    type: integer"), std::string::npos) << db;
  EXPECT_NE(db.find("\"password\":\n    writeOnly: true"), std::string::npos) << db;
  EXPECT_EQ(db.find("s3cr3t"), std::string::npos) << db;
  const CommandResult validate = RunDriftcheck({"validate", "--worktree"}, dir.str());
  EXPECT_EQ(validate.exit_code, 0) << validate.err << validate.out;
}

TEST(InitCommand, SchemaNeverWritesAKeyThatIsACredentialOrBelowASecretLevel) {
  TempDir dir;
  for (const std::string env : {"staging", "production"}) {
    WriteFile(dir.path(), "svc/" + env + ".yaml",
              "conns:\n  \"postgres://u:MKKEYURL1@h/db\": 1\n"
              "  ghp_MKGHKEY1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 2\n  plain: 3\n");
    WriteFile(dir.path(), "props/" + env + ".properties", "app.secrets.MKPROPKEYS=v\nport=1\n");
  }
  GitInit(dir.path());
  GitCommitAll(dir.path(), "config");
  const CommandResult dry = RunDriftcheck({"init", "--dry-run", "--schema"}, dir.str());
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  const CommandResult r = RunDriftcheck({"init", "--schema"}, dir.str());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string written;
  for (const auto& entry : fs::directory_iterator(dir.path() / "schemas")) written += ReadFile(entry.path());
  for (const std::string& text : {dry.out, dry.err, r.out, r.err, written}) {
    for (const char* secret : {"MKKEYURL1", "MKGHKEY1", "MKPROPKEYS"}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << secret << ": " << text;
    }
  }
  EXPECT_NE(written.find("\"plain\":"), std::string::npos) << written;
  EXPECT_NE(written.find("additionalProperties:"), std::string::npos) << written;
  EXPECT_EQ(written.find("never compared"), std::string::npos) << written;
  const CommandResult validate = RunDriftcheck({"validate", "--worktree"}, dir.str());
  EXPECT_EQ(validate.exit_code, 0) << validate.err << validate.out;
}

// A draft enum lists values seen in every environment: never a YAML copy of
// a secret, the `value` of a `{name: DB_PASSWORD, value: ...}` item, nor a
// value a detector finds a credential in, however word-like.
TEST(InitCommand, SchemaNeverListsASecretCopyOrCredentialAsAnEnum) {
  TempDir dir;
  for (const std::string env : {"staging", "production"}) {
    WriteFile(dir.path(), "svc/" + env + ".yaml",
              "token: &t mkalias1\nx: *t\nenv: [{name: DB_PASSWORD, value: mkpair1}, {name: LOG, value: info}]\n"
              "gh: ghp_mkvendor1abc\nlevel: debug\n");
  }
  GitInit(dir.path());
  GitCommitAll(dir.path(), "config");
  const CommandResult dry = RunDriftcheck({"init", "--dry-run", "--schema"}, dir.str());
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  for (const std::string& text : {dry.out, dry.err}) {
    for (const char* secret : {"mkalias1", "mkpair1", "mkvendor1"}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << secret << ": " << text;
    }
  }
  EXPECT_NE(dry.out.find("enum: [\"debug\"]"), std::string::npos) << dry.out;  // a plain word still is one
}

TEST(InitCommand, ARepositoryWithoutEnvironmentFilesIsAnError) {
  TempDir dir;
  WriteFile(dir.path(), "README.md", "hello\n");
  GitInit(dir.path());
  GitCommitAll(dir.path(), "readme");
  const CommandResult r = RunDriftcheck({"init", "--dry-run"}, dir.str());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("found no configuration files"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace driftcheck::testing
