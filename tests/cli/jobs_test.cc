// End-to-end: `-j N` evaluates file pairs on N threads, and every report
// (each format, the exit code, stderr) is byte-identical to `-j 1`.

#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

namespace fs = std::filesystem;

class JobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_.path() / "repo";
    GitInit(repo_);
    WriteFile(repo_, "driftcheck.yaml", R"(version: 1
environments: {staging: {}, production: {aliases: [prod]}}
sources:
  - name: services
    path: "services/{service}/{env}.yaml"
  - name: env
    path: "services/{service}/.env.{env}"
    format: dotenv
allow: drift-allow.yaml
)");
    WriteFile(repo_, "drift-allow.yaml", R"(version: 1
rules:
  - {id: small-staging, path: replicas, reason: staging is small, owner: team}
  - {id: never-used, path: nothing.here, reason: kept, owner: team}
)");
    for (int i = 0; i < 24; ++i) {
      const std::string dir = "services/s" + std::to_string(i) + "/";
      WriteFile(repo_, dir + "staging.yaml",
                "replicas: 1\nport: " + std::to_string(8000 + i % 3) + "\ndb: {password: x" + std::to_string(i % 4) + "}\n");
      if (i % 5 != 2) {
        WriteFile(repo_, dir + "production.yaml",
                  i % 9 == 4 ? "a: [broken\n" : "replicas: 3\nport: 8000\ndb: {password: x" + std::to_string(i % 3) + "}\n");
      }
      WriteFile(repo_, dir + ".env.staging", "A=1\nA=2\n");
      WriteFile(repo_, dir + ".env.prod", "A=" + std::to_string(i % 2) + "\n");
    }
    GitCommitAll(repo_, "services");
  }

  struct Run {
    CommandResult result;
    std::vector<std::string> reports;
  };

  Run Check(const std::string& jobs, const std::string& command = "check") {
    const fs::path out = dir_.path() / ("j" + jobs + command);
    fs::create_directories(out);
    std::vector<std::string> args = {command, "-j", jobs};
    for (const char* format : kFormats) args.push_back("--report=" + std::string(format) + "=" + (out / format).string());
    Run run{RunDriftcheck(args, repo_.string()), {}};
    for (const char* format : kFormats) run.reports.push_back(ReadFile(out / format));
    return run;
  }

  static constexpr const char* kFormats[] = {"text", "json", "junit", "sarif", "github", "markdown"};
  TempDir dir_;
  fs::path repo_;
};

TEST_F(JobsTest, EveryReportIsByteIdenticalToOneJob) {
  const Run serial = Check("1");
  EXPECT_EQ(serial.result.exit_code, 2) << serial.result.err;  // a broken file is in it
  EXPECT_NE(serial.reports[0].find("same-secret"), std::string::npos);
  for (const std::string jobs : {"2", "7"}) {
    const Run parallel = Check(jobs);
    EXPECT_EQ(parallel.result.exit_code, serial.result.exit_code);
    EXPECT_EQ(parallel.result.out, serial.result.out);
    EXPECT_EQ(parallel.result.err, serial.result.err);
    for (std::size_t i = 0; i < serial.reports.size(); ++i) {
      EXPECT_EQ(parallel.reports[i], serial.reports[i]) << kFormats[i] << " with -j " << jobs;
    }
  }
}

TEST_F(JobsTest, RulesAndBaselineAgreeWithOneJob) {
  for (const char* command : {"rules", "baseline"}) {
    const CommandResult serial = RunDriftcheck({command, "-j", "1"}, repo_.string());
    const CommandResult parallel = RunDriftcheck({command, "--jobs", "5"}, repo_.string());
    EXPECT_EQ(parallel.exit_code, serial.exit_code) << command;
    EXPECT_EQ(parallel.out, serial.out) << command;
    EXPECT_NE(serial.out, "") << command;
  }
}

TEST_F(JobsTest, ZeroJobsIsAnError) {
  const CommandResult r = RunDriftcheck({"check", "-j", "0"}, repo_.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--jobs 0"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace driftcheck::testing
