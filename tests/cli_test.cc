// End-to-end: build small git repositories in a temporary directory and run
// the real driftcheck binary against them.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kManifest = R"(version: 1
environments:
  staging: {aliases: [stg]}
  production: {aliases: [prod]}
sources:
  - name: services
    path: "services/{service}/{env}.yaml"
  - name: env
    path: "services/{service}/.env.{env}"
    format: dotenv
)";

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_.path() / "repo";
    GitInit(repo_);
    WriteFile(repo_, "driftcheck.yaml", kManifest);
    WriteFile(repo_, "services/api/staging.yaml", "replicas: 2\ndatabase:\n  pool_size: 5\n");
    WriteFile(repo_, "services/api/production.yaml", "replicas: 2\ndatabase:\n  pool_size: 5\n");
    WriteFile(repo_, "services/api/.env.staging", "LOG_LEVEL=info\n");
    WriteFile(repo_, "services/api/.env.production", "LOG_LEVEL=info\n");
    first_ = GitCommitAll(repo_, "first");
    Git(repo_, {"tag", "v1.0.0"});
    WriteFile(repo_, "services/api/staging.yaml", "replicas: 2\ndatabase:\n  pool_size: 5\n  password: stg-secret-1\n");
    WriteFile(repo_, "services/api/production.yaml", "replicas: 4\ndatabase:\n  pool_size: 50\n  password: prod-secret-3\n");
    second_ = GitCommitAll(repo_, "second");
    Git(repo_, {"branch", "release"});
    WriteFile(repo_, "services/worker/staging.yaml", "concurrency: 4\n");
    third_ = GitCommitAll(repo_, "third");
  }

  CommandResult Check(std::vector<std::string> args, const std::string& cwd = "") {
    args.insert(args.begin(), "check");
    return RunDriftcheck(args, cwd.empty() ? repo_.string() : cwd);
  }

  nlohmann::json Json(std::vector<std::string> args) {
    args.insert(args.end(), {"--format", "json"});
    const CommandResult r = Check(args);
    EXPECT_LE(r.exit_code, 1) << r.err;
    return nlohmann::json::parse(r.out);
  }

  TempDir dir_;
  fs::path repo_;
  std::string first_, second_, third_;
};

TEST_F(CliTest, NoDriftAtTheFirstCommitExitsZero) {
  const CommandResult r = Check({"--rev", "v1.0.0"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("no drift"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
}

TEST_F(CliTest, DriftExitsOneAndNamesPathValuesAndLocations) {
  const CommandResult r = Check({});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("database.pool_size"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("services/api/production.yaml:3:14"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("replicas"), std::string::npos);
  EXPECT_NE(r.out.find("file-missing"), std::string::npos);  // worker has no production file
  EXPECT_NE(r.out.find("staging ↔ production at " + third_), std::string::npos) << r.out;
}

TEST_F(CliTest, TheDefaultCommandIsCheck) {
  const CommandResult r = RunDriftcheck({"--rev", "v1.0.0"}, repo_.string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(CliTest, SecretsNeverAppearInAnyFormat) {
  for (const std::string format : {"text", "json"}) {
    const CommandResult r = Check({"--format", format});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("database.password"), std::string::npos) << format;
    for (const char* secret : {"stg-secret-1", "prod-secret-3"}) {
      EXPECT_EQ(r.out.find(secret), std::string::npos) << format << " leaked " << secret;
      EXPECT_EQ(r.err.find(secret), std::string::npos);
    }
  }
}

TEST_F(CliTest, EachEnvironmentCanBeReadAtItsOwnRevision) {
  const auto report = Json({"--rev", "staging=v1.0.0", "--rev", "production=" + second_.substr(0, 8)});
  ASSERT_EQ(report["environments"].size(), 2u);
  EXPECT_EQ(report["environments"][0]["name"], "staging");
  EXPECT_EQ(report["environments"][0]["revision"], first_);
  EXPECT_EQ(report["environments"][1]["revision"], second_);
  EXPECT_EQ(report["environments"][1]["revspec"], second_.substr(0, 8));
  // At the second commit there is no worker file yet.
  for (const auto& f : report["findings"]) EXPECT_NE(f["kind"], "file-missing");
}

TEST_F(CliTest, RevAcceptsAnEnvironmentsAlias) {
  const auto report = Json({"--rev", "stg=v1.0.0"});
  EXPECT_EQ(report["environments"][0]["name"], "staging");
  EXPECT_EQ(report["environments"][0]["revision"], first_);
  EXPECT_EQ(report["environments"][1]["revision"], third_);
}

TEST_F(CliTest, AnyRevspecWorks) {
  for (const std::string& rev : std::vector<std::string>{"HEAD~2", "v1.0.0", "release", "main^", first_.substr(0, 7), first_}) {
    const CommandResult r = Check({"--rev", rev});
    EXPECT_LE(r.exit_code, 1) << rev << ": " << r.err;
  }
  EXPECT_EQ(Json({"--rev", "HEAD~2"})["environments"][0]["revision"], first_);
  EXPECT_EQ(Json({"--rev", "release"})["environments"][1]["revision"], second_);
}

TEST_F(CliTest, WorktreeReadsUncommittedEdits) {
  WriteFile(repo_, "services/api/production.yaml", "replicas: 2\ndatabase:\n  pool_size: 5\n  password: x\n");
  WriteFile(repo_, "services/worker/production.yaml", "concurrency: 4\n");
  const auto report = Json({"--worktree"});
  EXPECT_EQ(report["environments"][0]["revision"], "worktree");
  ASSERT_EQ(report["findings"].size(), 1u) << report.dump(2);
  EXPECT_EQ(report["findings"][0]["path"], "database.password");
  // Without --worktree the committed state is read.
  EXPECT_GT(Json({})["findings"].size(), 1u);
}

TEST_F(CliTest, UnknownRevisionIsOneClearErrorWithASuggestion) {
  const CommandResult r = Check({"--rev", "relase"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("error: unknown revision 'relase'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'release'?"), std::string::npos) << r.err;
}

TEST_F(CliTest, UnknownEnvironmentInRevSuggestsTheNearestName) {
  const CommandResult r = Check({"--rev", "prodution=HEAD"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown environment 'prodution'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'production'?"), std::string::npos) << r.err;
}

TEST_F(CliTest, NotARepositoryExitsTwo) {
  TempDir elsewhere;
  const CommandResult r = RunDriftcheck({"check", "-C", elsewhere.str()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a git repository"), std::string::npos) << r.err;
}

TEST_F(CliTest, FindsTheRepositoryFromASubdirectory) {
  const CommandResult r = Check({"--rev", "v1.0.0"}, (repo_ / "services" / "api").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const CommandResult via_c = RunDriftcheck({"check", "-C", (repo_ / "services").string(), "--rev", "v1.0.0"});
  EXPECT_EQ(via_c.exit_code, 0) << via_c.err;
}

TEST_F(CliTest, BareRepositoriesWork) {
  const fs::path bare = dir_.path() / "mirror.git";
  RunCommand({"git", "clone", "-q", "--bare", repo_.string(), bare.string()});
  const CommandResult r = RunDriftcheck({"check", "-C", bare.string(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["environments"][0]["revision"], third_);
  const CommandResult worktree = RunDriftcheck({"check", "-C", bare.string(), "--worktree"});
  EXPECT_EQ(worktree.exit_code, 2);
}

// Every file under `dir` with its size, mtime and content.
std::map<std::string, std::string> Snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    struct stat st {};
    lstat(entry.path().c_str(), &st);
    std::string state = std::to_string(st.st_size) + "@" + std::to_string(st.st_mtim.tv_sec) + "." +
                        std::to_string(st.st_mtim.tv_nsec);
    if (entry.is_regular_file()) state += ReadFile(entry.path());
    out[fs::relative(entry.path(), dir).string()] = state;
  }
  return out;
}

TEST_F(CliTest, NeverWritesToTheRepository) {
  WriteFile(repo_, "services/api/staging.yaml", "replicas: 3\n");  // an uncommitted edit
  const auto before = Snapshot(repo_);
  Check({});
  Check({"--worktree"});
  Check({"--rev", "staging=v1.0.0", "--rev", "production=release", "--format", "json"});
  Check({"--rev", "no-such-rev"});
  EXPECT_EQ(Snapshot(repo_), before);
}

TEST_F(CliTest, OutputIsByteIdenticalAcrossRuns) {
  for (const std::string format : {"text", "json"}) {
    const CommandResult a = Check({"--format", format});
    const CommandResult b = Check({"--format", format});
    EXPECT_EQ(a.out, b.out) << format;
    EXPECT_FALSE(a.out.empty());
  }
}

TEST_F(CliTest, OutputOptionWritesTheReportToAFile) {
  const fs::path out = dir_.path() / "drift.json";
  const CommandResult r = Check({"--format", "json", "-o", out.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(nlohmann::json::parse(ReadFile(out))["summary"]["failing"], 4);
}

TEST_F(CliTest, ReportOptionWritesMoreReportsBesideStdout) {
  const fs::path sarif = dir_.path() / "drift.sarif", junit = dir_.path() / "drift.xml";
  const CommandResult r =
      Check({"--report", "sarif=" + sarif.string(), "--report", "junit=" + junit.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("database.pool_size"), std::string::npos);  // text on stdout, as ever
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(ReadFile(sarif))["version"], "2.1.0");
  EXPECT_TRUE(ReadFile(junit).starts_with("<?xml")) << ReadFile(junit);
  for (const char* secret : {"stg-secret-1", "prod-secret-3"}) {
    EXPECT_EQ(ReadFile(sarif).find(secret), std::string::npos);
    EXPECT_EQ(ReadFile(junit).find(secret), std::string::npos);
  }
}

TEST_F(CliTest, ABadReportFormatOrTargetIsAnErrorWithAHint) {
  const CommandResult typo = Check({"--report", "sarf=x.sarif"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean 'sarif'?"), std::string::npos) << typo.err;
  EXPECT_EQ(Check({"--report", "sarif"}).exit_code, 2);
  const CommandResult twice = Check({"--report", "sarif=a", "--report", "junit=a"});
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.err.find("two reports"), std::string::npos) << twice.err;
}

TEST_F(CliTest, TwoSpellingsOfOneReportFileAreRefusedLikeOne) {
  const fs::path out = dir_.path() / "reports";
  fs::create_directories(out);
  fs::create_symlink(out, dir_.path() / "link");
  const std::string same = (out / "same").string();
  const std::vector<std::vector<std::string>> spellings = {
      {"-o", (out / "." / "same").string(), "--report", "json=" + same},
      {"--report", "sarif=" + (out / ".." / "reports" / "same").string(), "--report", "json=" + same},
      {"--report", "sarif=" + (dir_.path() / "link" / "same").string(), "--report", "json=" + same},
  };
  for (const auto& args : spellings) {
    const CommandResult r = Check(args);
    EXPECT_EQ(r.exit_code, 2) << args[1];
    EXPECT_NE(r.err.find("two reports would be written"), std::string::npos) << r.err;
  }
  // An existing file under a hard link: the same inode.
  WriteFile(out, "existing", "old\n");
  fs::create_hard_link(out / "existing", out / "hard");
  const CommandResult hard =
      Check({"--report", "json=" + (out / "existing").string(), "--report", "sarif=" + (out / "hard").string()});
  EXPECT_EQ(hard.exit_code, 2);
  EXPECT_NE(hard.err.find("two reports would be written"), std::string::npos) << hard.err;
}

TEST_F(CliTest, AFailedWriteIsAnErrorThatExitsTwo) {
  const std::string command = std::string(DRIFTCHECK_BINARY) + " check -C " + repo_.string();
  const CommandResult full = RunCommand({"sh", "-c", command + " > /dev/full"});
  EXPECT_EQ(full.exit_code, 2) << full.err;
  EXPECT_NE(full.err.find("cannot write the report to standard output"), std::string::npos) << full.err;
  const CommandResult file = Check({"--report", "json=/dev/full"});
  EXPECT_EQ(file.exit_code, 2) << file.err;
  // A device is written in place, never replaced by a renamed file.
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
}

TEST_F(CliTest, AReportFileIsCompleteOrAbsentAndLeavesNothingBehind) {
  const fs::path out = dir_.path() / "drift.json";
  EXPECT_EQ(Check({"--format", "json", "-o", out.string()}).exit_code, 1);
  EXPECT_NO_THROW(nlohmann::json::parse(ReadFile(out)));
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".driftcheck-"), std::string::npos) << entry.path();
  }
  const CommandResult missing_dir = Check({"--report", "json=" + (dir_.path() / "no/such/dir.json").string()});
  EXPECT_EQ(missing_dir.exit_code, 2);
  EXPECT_NE(missing_dir.err.find("cannot write the report to"), std::string::npos) << missing_dir.err;
}

TEST_F(CliTest, APlantedLinkIsNeverFollowedWhenAReportIsWritten) {
  const fs::path victim = dir_.path() / "victim.txt";
  WriteFile(dir_.path(), "victim.txt", "keep me\n");
  // At the report's own name, and at the temporary name older versions used.
  const fs::path out = dir_.path() / "drift.json";
  fs::create_symlink(victim, out);
  fs::create_symlink(victim, out.string() + ".driftcheck-partial");
  const fs::path baseline = dir_.path() / "baseline.yaml";
  fs::create_symlink(victim, baseline);
  EXPECT_EQ(Check({"--format", "json", "-o", out.string()}).exit_code, 1);
  EXPECT_LE(RunDriftcheck({"baseline", "-o", baseline.string()}, repo_.string()).exit_code, 1);
  EXPECT_EQ(ReadFile(victim), "keep me\n");
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(out)));
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(baseline)));
  EXPECT_NO_THROW(nlohmann::json::parse(ReadFile(out)));
}

// Issue 23: with 16-bit fingerprints, keys below a secret key shared ids, so a
// baseline entry for one hid another as "existing". 1,500 keys in a baseline
// and 1,500 new ones: every new one fails.
TEST(CliBaseline, NoNewKeyBelowASecretKeyIsHiddenByABaselineEntry) {
  TempDir dir;
  const fs::path repo = dir.path() / "repo";
  GitInit(repo);
  WriteFile(repo, "driftcheck.yaml",
            "version: 1\nenvironments: {staging: {}, production: {}}\n"
            "sources:\n  - {name: keys, path: \"keys/{env}.yaml\"}\n");
  auto write = [&](int count) {
    std::string staging = "api_keys:\n", production = "api_keys:\n";
    for (int i = 0; i < count; ++i) {
      staging += "  k" + std::to_string(i) + ": a\n";
      production += "  k" + std::to_string(i) + ": b\n";
    }
    WriteFile(repo, "keys/staging.yaml", staging);
    WriteFile(repo, "keys/production.yaml", production);
    GitCommitAll(repo, std::to_string(count) + " keys");
  };
  write(1500);
  const fs::path baseline = dir.path() / "baseline.yaml";
  ASSERT_EQ(RunDriftcheck({"baseline", "-o", baseline.string()}, repo.string()).exit_code, 0);
  write(3000);
  const CommandResult r =
      RunDriftcheck({"check", "--baseline", baseline.string(), "--format", "json"}, repo.string());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  int failing = 0, existing = 0;
  for (const auto& f : report["findings"]) (f.value("existing", false) ? existing : failing)++;
  EXPECT_EQ(existing, 1500);
  EXPECT_EQ(failing, 1500);
}

TEST_F(CliTest, AFileOverMaxFileSizeIsAnInvalidFileFindingNotRead) {
  for (const char* where : {"--rev=HEAD", "--worktree"}) {
    const CommandResult r = Check({where, "--max-file-size", "40", "--format", "json"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("services/api/production.yaml: cannot read the file: it is 64 bytes, over the limit of 40 bytes"),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("hint: raise the limit with --max-file-size"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("\"invalid-file\""), std::string::npos);
  }
  EXPECT_EQ(Check({"--max-file-size", "1Mi"}).exit_code, 1);
  const CommandResult bad = Check({"--max-file-size", "lots"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--max-file-size 'lots' is not a size"), std::string::npos) << bad.err;
}

TEST_F(CliTest, EveryFormatRunsAndHelpListsThem) {
  const CommandResult help = RunDriftcheck({"check", "--help"});
  for (const std::string format : {"text", "json", "junit", "sarif", "github", "markdown", "codequality"}) {
    EXPECT_NE(help.out.find("  " + format + " "), std::string::npos) << help.out;
    const CommandResult r = Check({"--format", format});
    EXPECT_EQ(r.exit_code, 1) << format << ": " << r.err;
    EXPECT_EQ(r.out, Check({"--format", format}).out) << format << " is not deterministic";
  }
}

TEST_F(CliTest, ColourOnlyWhenAskedOrOnATerminal) {
  EXPECT_EQ(Check({}).out.find('\x1b'), std::string::npos);  // a pipe is not a terminal
  EXPECT_NE(Check({"--color", "always"}).out.find('\x1b'), std::string::npos);
  EXPECT_EQ(Check({"--color", "never"}).out.find('\x1b'), std::string::npos);
  const CommandResult bad = Check({"--color", "sometimes"});
  EXPECT_EQ(bad.exit_code, 2);
}

TEST_F(CliTest, ColourOnATerminalUnlessNoColorIsSet) {
  // script(1) gives the binary a pseudo-terminal as its standard output.
  const std::string command = std::string(DRIFTCHECK_BINARY) + " check -C " + repo_.string();
  const CommandResult tty = RunCommand({"script", "-qec", command, "/dev/null"});
  EXPECT_EQ(tty.exit_code, 1) << tty.err;
  EXPECT_NE(tty.out.find("\x1b["), std::string::npos) << tty.out;
  const CommandResult no_color = RunCommand({"script", "-qec", command, "/dev/null"}, ".", {{"NO_COLOR", "1"}});
  EXPECT_NE(no_color.out.find("database.pool_size"), std::string::npos);
  EXPECT_EQ(no_color.out.find('\x1b'), std::string::npos) << no_color.out;
}

TEST_F(CliTest, QuietPrintsNothingWhenAllIsWell) {
  const CommandResult clean = Check({"-q", "--rev", "v1.0.0"});
  EXPECT_EQ(clean.exit_code, 0);
  EXPECT_EQ(clean.out, "");
  EXPECT_NE(Check({"-q"}).out, "");
  // A report file is written all the same: CI archives it.
  const fs::path out = dir_.path() / "clean.json";
  EXPECT_EQ(Check({"-q", "--rev", "v1.0.0", "--format", "json", "-o", out.string()}).exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(ReadFile(out))["summary"]["findings"], 0);
}

TEST_F(CliTest, AConfigFileThatDoesNotParseExitsTwoWithItsPosition) {
  WriteFile(repo_, "services/api/staging.yaml", "replicas: 2\ndatabase: {pool_size: 5\n");
  GitCommitAll(repo_, "broken");
  const CommandResult r = Check({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: services/api/staging.yaml:"), std::string::npos) << r.err;
}

TEST_F(CliTest, ABadManifestExitsTwoWithFileLineAndColumn) {
  WriteFile(repo_, "driftcheck.yaml", std::string(kManifest) + "    fromat: yaml\n");
  const CommandResult r = Check({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: driftcheck.yaml:11:5: unknown key 'fromat'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("hint: did you mean 'format'?"), std::string::npos) << r.err;
}

TEST_F(CliTest, ConfigOptionReadsAManifestFromAnyPath) {
  WriteFile(dir_.path(), "other.yaml", R"(version: 1
environments: {production: {}, staging: {}}
sources: [{name: env, path: "services/{service}/.env.{env}", format: dotenv}]
)");
  const CommandResult r = Check({"--config", (dir_.path() / "other.yaml").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Check({"--config", "missing.yaml"}).exit_code, 2);
}

TEST_F(CliTest, VerboseSaysWhichRevisionEachEnvironmentIsReadAt) {
  const CommandResult r = Check({"-v", "--rev", "staging=v1.0.0"});
  EXPECT_NE(r.err.find("driftcheck: staging at v1.0.0 (" + first_ + ")"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("driftcheck: production at HEAD (" + third_ + ")"), std::string::npos) << r.err;
  EXPECT_EQ(Check({}).err, "");  // and nothing without -v
}

TEST_F(CliTest, VerboseNamesTheLoaderOfEveryFileRead) {
  // validate's -v is tested beside its schema (schema_check_test.cc).
  WriteFile(repo_, "drift-allow.yaml", "version: 1\nrules: []\n");
  for (const char* command : {"check", "rules"}) {
    const CommandResult r = RunDriftcheck({command, "-v", "--rev", third_, "--rules", "drift-allow.yaml"}, repo_.string());
    for (const char* file : {"services/api/staging.yaml (yaml)", "services/api/production.yaml (yaml)",
                             "services/api/.env.staging (dotenv)", "services/api/.env.production (dotenv)"}) {
      EXPECT_NE(r.err.find(std::string("driftcheck: read ") + file), std::string::npos) << command << ": " << r.err;
    }
  }
}

TEST_F(CliTest, HelpAndVersion) {
  const CommandResult help = RunDriftcheck({"check", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("examples:"), std::string::npos);
  EXPECT_NE(help.out.find("--rev"), std::string::npos);
  const CommandResult top = RunDriftcheck({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("commands:"), std::string::npos);
  const CommandResult version = RunDriftcheck({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("driftcheck ", 0), 0u);
}

TEST_F(CliTest, BadArgumentsExitTwoWithAHint) {
  const CommandResult command = RunDriftcheck({"chek"});
  EXPECT_EQ(command.exit_code, 2);
  EXPECT_NE(command.err.find("did you mean 'check'?"), std::string::npos) << command.err;
  const CommandResult option = Check({"--worktre"});
  EXPECT_EQ(option.exit_code, 2);
  EXPECT_NE(option.err.find("--worktree"), std::string::npos) << option.err;
  const CommandResult format = Check({"--format", "jsn"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_NE(format.err.find("did you mean 'json'?"), std::string::npos) << format.err;
  EXPECT_EQ(Check({"stray"}).exit_code, 2);
  EXPECT_EQ(Check({"--rev"}).exit_code, 2);
  const CommandResult twice = Check({"--rev", "prod=HEAD", "--rev", "production=HEAD~1"});
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.err.find("two revisions"), std::string::npos) << twice.err;
}


constexpr const char* kEverySourceKind = R"(version: 1
environments: {staging: {}, production: {aliases: [prod]}}
sources:
  - {name: services, path: "services/{service}/{env}.yaml"}
  - {name: chart, layers: ["charts/{chart}/values.yaml", "charts/{chart}/values-{env}.yaml"]}
  - {name: db, path: config/database.yml, select: "{env}"}
  - {name: k8s, path: "deploy/{env}.yaml", documents: {key: [kind, metadata.name]}}
)";

TEST(CliSources, EverySourceKindWorksAtARevisionAndInTheWorktree) {
  TempDir dir;
  const fs::path repo = dir.path() / "r";
  GitInit(repo);
  WriteFile(repo, "driftcheck.yaml", kEverySourceKind);
  WriteFile(repo, "services/api/staging.yaml", "a: 1\n");
  WriteFile(repo, "services/api/production.yaml", "a: 1\n");
  WriteFile(repo, "charts/web/values.yaml", "replicas: 1\n");
  WriteFile(repo, "charts/web/values-production.yaml", "replicas: 1\n");
  WriteFile(repo, "charts/web/values-staging.yaml", "");
  WriteFile(repo, "config/database.yml", "staging: {pool: 5}\nprod: {pool: 5}\n");
  WriteFile(repo, "deploy/staging.yaml", "kind: D\nmetadata: {name: web}\nn: 1\n");
  WriteFile(repo, "deploy/production.yaml", "kind: D\nmetadata: {name: web}\nn: 1\n");
  GitCommitAll(repo, "clean");
  const CommandResult clean = RunDriftcheck({"check"}, repo.string());
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;

  WriteFile(repo, "services/api/production.yaml", "a: 2\n");
  WriteFile(repo, "charts/web/values-production.yaml", "replicas: 3\n");
  WriteFile(repo, "config/database.yml", "staging: {pool: 5}\nprod: {pool: 9}\n");
  WriteFile(repo, "deploy/production.yaml", "kind: D\nmetadata: {name: web}\nn: 2\n");
  EXPECT_EQ(RunDriftcheck({"check"}, repo.string()).exit_code, 0);  // HEAD is unchanged
  const CommandResult r = RunDriftcheck({"check", "--worktree", "--format", "json"}, repo.string());
  ASSERT_EQ(r.exit_code, 1) << r.err;
  std::vector<std::string> seen;
  const auto report = nlohmann::json::parse(r.out);
  for (const auto& f : report["findings"]) {
    seen.push_back(f["source"].get<std::string>() + ":" + f.value("document", "") + ":" +
                   f["path"].get<std::string>() + ":" + f["sides"][1]["location"]["file"].get<std::string>());
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"chart::replicas:charts/web/values-production.yaml",
                                            "db::pool:config/database.yml",
                                            "k8s:D/web:n:deploy/production.yaml",
                                            "services::a:services/api/production.yaml"}));
}

}  // namespace
}  // namespace driftcheck::testing
