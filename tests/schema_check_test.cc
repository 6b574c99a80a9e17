// End-to-end: `check` with a schema and with `normalize:`, on a real repository.

#include <gtest/gtest.h>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

constexpr const char* kManifest = R"(version: 1
environments:
  staging: {aliases: [stg]}
  production: {aliases: [prod]}
sources:
  - name: services
    path: "services/{service}/{env}.yaml"
    schema: schemas/service.schema.yaml
  - name: env
    path: "services/{service}/.env.{env}"
    format: dotenv
    normalize: {env_tokens: optional, empty: absent}
)";

constexpr const char* kSchema = R"(type: object
properties:
  database:
    properties:
      port: {type: integer, minimum: 1, maximum: 65535}
      host: {type: string, x-drift-env-token: true}
      timeout: {format: duration}
)";

class SchemaCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_.path() / "repo";
    GitInit(repo_);
    WriteFile(repo_, "driftcheck.yaml", kManifest);
    WriteFile(repo_, "schemas/service.schema.yaml", kSchema);
  }
  CommandResult Check() {
    GitCommitAll(repo_, "commit");
    return RunDriftcheck({"check", "-C", repo_.string()});
  }

  TempDir dir_;
  std::filesystem::path repo_;
};

TEST_F(SchemaCheckTest, NormalizedSpellingsAreNoDrift) {
  WriteFile(repo_, "services/api/staging.yaml",
            "database:\n  port: \"5432\"\n  host: db.staging.example.com\n  timeout: 1m\n");
  WriteFile(repo_, "services/api/production.yaml",
            "database:\n  port: 5432\n  host: db.prod.example.com\n  timeout: 60s\n");
  WriteFile(repo_, "services/api/.env.staging", "API=https://api.staging.example.org\nEXTRA=\n");
  WriteFile(repo_, "services/api/.env.production", "API=https://api.example.org\n");
  const CommandResult r = Check();
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST_F(SchemaCheckTest, ViolationIsAFailingFindingNamingWhereAndWhy) {
  WriteFile(repo_, "services/api/staging.yaml", "database:\n  port: 5432\n");
  WriteFile(repo_, "services/api/production.yaml", "database:\n  port: \"80a80\"\n");
  WriteFile(repo_, "services/api/.env.staging", "A=1\n");
  WriteFile(repo_, "services/api/.env.production", "A=1\n");
  const CommandResult r = Check();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("schema-violation"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("expected integer 1..65535, found \"80a80\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("services/api/production.yaml:2:9"), std::string::npos) << r.out;
}

TEST_F(SchemaCheckTest, RealDriftStillShowsTheWrittenValues) {
  WriteFile(repo_, "services/api/staging.yaml", "database:\n  timeout: 1m\n");
  WriteFile(repo_, "services/api/production.yaml", "database:\n  timeout: 90s\n");
  WriteFile(repo_, "services/api/.env.staging", "A=1\n");
  WriteFile(repo_, "services/api/.env.production", "A=1\n");
  const CommandResult r = Check();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("1m"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("90s"), std::string::npos) << r.out;
}

TEST_F(SchemaCheckTest, BadSchemaExitsTwoNamingTheSchemaFile) {
  WriteFile(repo_, "schemas/service.schema.yaml", "type: object\nproperties:\n  a: {maximun: 3}\n");
  WriteFile(repo_, "services/api/staging.yaml", "a: 1\n");
  WriteFile(repo_, "services/api/production.yaml", "a: 1\n");
  const CommandResult r = Check();
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("schemas/service.schema.yaml:3:7"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("maximum"), std::string::npos) << r.err;
}

TEST_F(SchemaCheckTest, ValidateReportsViolationsOnlyAndExitsOne) {
  WriteFile(repo_, "services/api/staging.yaml", "database:\n  port: 99999\n");
  WriteFile(repo_, "services/api/production.yaml", "database:\n  port: 5433\n");
  WriteFile(repo_, "services/api/.env.staging", "A=1\n");
  WriteFile(repo_, "services/api/.env.production", "A=2\n");
  GitCommitAll(repo_, "commit");
  const CommandResult r = RunDriftcheck({"validate", "-C", repo_.string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("services/api/staging.yaml:2:9"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("5433"), std::string::npos) << r.out;  // drift is check's business
}

TEST_F(SchemaCheckTest, ValidatePrintsOneCompilerStyleLinePerViolation) {
  WriteFile(repo_, "services/api/staging.yaml", "database:\n  port: 99999\n");
  WriteFile(repo_, "services/api/production.yaml", "database: {port: \"80a80\"}\n");
  WriteFile(repo_, "services/api/.env.staging", "A=1\n");
  WriteFile(repo_, "services/api/.env.production", "A=1\n");
  GitCommitAll(repo_, "commit");
  const CommandResult r = RunDriftcheck({"validate", "-v", "-C", repo_.string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("driftcheck: read services/api/.env.production (dotenv)"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.starts_with(
      "services/api/production.yaml:1:18: database.port: expected integer 1..65535, found \"80a80\"\n"
      "services/api/staging.yaml:2:9: database.port: expected integer 1..65535, found 99999\n"))
      << r.out;
}

TEST_F(SchemaCheckTest, ValidatePassesValidConfigAndHasHelp) {
  WriteFile(repo_, "services/api/staging.yaml", "database:\n  port: 5432\n");
  WriteFile(repo_, "services/api/production.yaml", "database:\n  port: 5433\n");
  WriteFile(repo_, "services/api/.env.staging", "A=1\n");
  WriteFile(repo_, "services/api/.env.production", "A=1\n");
  GitCommitAll(repo_, "commit");
  EXPECT_EQ(RunDriftcheck({"validate", "-C", repo_.string()}).exit_code, 0);
  const CommandResult help = RunDriftcheck({"validate", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("examples:"), std::string::npos);
}

}  // namespace
}  // namespace driftcheck::testing
