// End-to-end: `driftcheck history` on a generated repository whose history
// is known commit by commit, asserting the exact commits where each drift
// appeared and was fixed.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "repo_fixture.h"

namespace driftcheck::testing {
namespace {

const std::string kManifest = TwoEnvironmentManifest(R"(  - name: services
    path: "config/{service}/{env}.yaml"
  - name: flags
    path: "flags/{env}.json"
)");

// Commits, oldest first:
//   base       staging and production equal
//   prod-3     production replicas 3: `replicas` appears
//   docs       README only: not evaluated
//   stg-3      staging replicas 3: `replicas` fixed
//   prod-4     production replicas 4: `replicas` appears again
//   (feature)  production timeout 10s, on a branch
//   main-docs  README again
//   merge      the branch merged: `timeout` appears at the merge commit
//   rename     config/api/prod.yaml renamed to production.yaml: nothing changes
//   flags      a new source's files, already drifting
//   align      production timeout 30s: `timeout` fixed
class HistoryTest : public RepoTest {
 protected:
  void SetUp() override {
    InitRepo(kManifest);
    Service("config/api/staging.yaml", 2, "30s");
    Service("config/api/prod.yaml", 2, "30s");
    base_ = GitCommitAll(repo_, "base");
    Service("config/api/prod.yaml", 3, "30s");
    prod3_ = GitCommitAll(repo_, "Scale production to 3");
    WriteFile(repo_, "README.md", "docs\n");
    docs_ = GitCommitAll(repo_, "docs");
    Service("config/api/staging.yaml", 3, "30s");
    stg3_ = GitCommitAll(repo_, "Scale staging to 3");
    Service("config/api/prod.yaml", 4, "30s");
    prod4_ = GitCommitAll(repo_, "Scale production to 4");
    Git(repo_, {"checkout", "-q", "-b", "feature"});
    Service("config/api/prod.yaml", 4, "10s");
    GitCommitAll(repo_, "Shorter production timeout");
    Git(repo_, {"checkout", "-q", "main"});
    WriteFile(repo_, "README.md", "more docs\n");
    GitCommitAll(repo_, "more docs");
    Git(repo_, {"merge", "-q", "--no-ff", "-m", "Merge feature", "feature"});
    merge_ = Head();
    Git(repo_, {"mv", "config/api/prod.yaml", "config/api/production.yaml"});
    rename_ = GitCommitAll(repo_, "Spell production out");
    WriteFile(repo_, "flags/staging.json", "{\"beta\": true}\n");
    WriteFile(repo_, "flags/production.json", "{\"beta\": false}\n");
    flags_ = GitCommitAll(repo_, "Add feature flags");
    Service("config/api/production.yaml", 4, "30s");
    align_ = GitCommitAll(repo_, "Align the timeout");
  }

  void Service(const std::string& file, int replicas, const std::string& timeout) {
    WriteFile(repo_, file, "replicas: " + std::to_string(replicas) + "\nhttp:\n  timeout: " + timeout + "\n");
  }

  nlohmann::json History(std::vector<std::string> args, int expected_exit = 1) {
    args.insert(args.end(), {"--format", "json"});
    const CommandResult r = Run("history", std::move(args));
    EXPECT_EQ(r.exit_code, expected_exit) << r.out << r.err;
    return nlohmann::json::parse(r.out);
  }

  // The drifts at `path` in order of appearance.
  static std::vector<nlohmann::json> Lives(const nlohmann::json& report, const std::string& path) {
    std::vector<nlohmann::json> out;
    for (const auto& d : report["drifts"]) {
      if (d["path"] == path) out.push_back(d);
    }
    return out;
  }

  // The -v line of the persistent cache: "driftcheck: cache: H of N file
  // pairs from DIR[, S stored]".
  static std::string CacheLine(const CommandResult& r) {
    const std::size_t at = r.err.find("driftcheck: cache: ");
    return at == std::string::npos ? "" : r.err.substr(at, r.err.find('\n', at) - at);
  }

  // `history ARGS` without the cache, then twice through a fresh cache
  // directory: both cached runs print what the uncached one does, the first
  // stores every pair it evaluates and the second evaluates none.
  void ExpectTheCacheChangesNothing(const std::vector<std::string>& args, const std::string& name) {
    const std::string cache = (dir_.path() / ("cache-" + name)).string();
    auto with = [&](std::vector<std::string> extra) {
      extra.insert(extra.begin(), args.begin(), args.end());
      return Run("history", extra);
    };
    const CommandResult uncached = with({"--no-cache"});
    const CommandResult cold = with({"-v", "--cache-dir", cache});
    const CommandResult warm = with({"-v", "--cache-dir", cache});
    for (const CommandResult* r : {&cold, &warm}) {
      EXPECT_EQ(r->out, uncached.out) << name;
      EXPECT_EQ(r->exit_code, uncached.exit_code) << name;
    }
    EXPECT_NE(uncached.out, "") << name;
    const std::string cold_line = CacheLine(cold), warm_line = CacheLine(warm);
    ASSERT_TRUE(cold_line.starts_with("driftcheck: cache: 0 of ")) << name << ": " << cold.err;
    // Every pair evaluated cold is read warm, and nothing is stored again.
    const std::string looked_up = cold_line.substr(24, cold_line.find(' ', 24) - 24);
    EXPECT_NE(looked_up, "0") << cold_line;
    EXPECT_NE(cold_line.find(", " + looked_up + " stored"), std::string::npos) << cold_line;
    EXPECT_EQ(warm_line, "driftcheck: cache: " + looked_up + " of " + looked_up + " file pairs from " + cache)
        << name << ": " << warm.err;
  }

  std::string base_, prod3_, docs_, stg3_, prod4_, merge_, rename_, flags_, align_;
};

TEST_F(HistoryTest, ASecondRunReadsEveryPairFromThePersistentCacheAndPrintsTheSameBytes) {
  for (const char* format : {"text", "json", "markdown"}) {
    ExpectTheCacheChangesNothing({"--since", base_, "--format", format}, format);
  }
}

TEST_F(HistoryTest, CachedPairsAreJudgedByTheRulesOfEachRun) {
  const std::string cache = (dir_.path() / "cache").string();
  const auto before = History({"--since", base_, "--cache-dir", cache});
  ASSERT_FALSE(Lives(before, "replicas").empty()) << before.dump(2);
  WriteFile(dir_.path(), "allow.yaml",
            "version: 1\nrules:\n  - {id: r, path: replicas, reason: sized apart, owner: ops}\n");
  const std::string rules = (dir_.path() / "allow.yaml").string();
  const CommandResult uncached = Run("history", {"--since", base_, "--rules", rules, "--no-cache", "--format", "json"});
  const CommandResult warm =
      Run("history", {"--since", base_, "--rules", rules, "--cache-dir", cache, "--format", "json"});
  EXPECT_EQ(warm.out, uncached.out);
  EXPECT_EQ(warm.exit_code, uncached.exit_code);
  EXPECT_TRUE(Lives(nlohmann::json::parse(warm.out), "replicas").empty()) << warm.out;
}

TEST_F(HistoryTest, DriftThatAppearsDisappearsAndReappearsHasTwoLives) {
  const auto report = History({"--since", base_});
  const auto lives = Lives(report, "replicas");
  ASSERT_EQ(lives.size(), 2u) << report.dump(2);
  EXPECT_EQ(lives[0]["appeared"]["sha"], prod3_);
  EXPECT_EQ(lives[0]["disappeared"]["sha"], stg3_);
  EXPECT_EQ(lives[0]["appeared"]["subject"], "Scale production to 3");
  EXPECT_EQ(lives[0]["appeared"]["author"], "Test Author");
  EXPECT_EQ(lives[1]["appeared"]["sha"], prod4_);
  EXPECT_TRUE(lives[1]["open"].get<bool>());
  EXPECT_TRUE(lives[1]["disappeared"].is_null());
  EXPECT_EQ(lives[0]["id"], lives[1]["id"]);  // the id check prints, both times
}

// A file that cannot be read at a commit says nothing about its pair's
// drifts: they stay open, never "fixed" there, and an unreadable newest
// commit exits 2, as `check` does.
class UnreadableHistoryTest : public RepoTest {};

TEST_F(UnreadableHistoryTest, AnUnreadableFileNeitherFixesItsPairsDriftsNorPasses) {
  InitRepo(TwoEnvironmentManifest("  - {name: s, path: \"cfg/{env}.yaml\"}\n"),
           {{"cfg/staging.yaml", "a: 1\n"}, {"cfg/production.yaml", "a: 2\n"}});
  const std::string drifting = GitCommitAll(repo_, "drift");
  WriteFile(repo_, "cfg/staging.yaml", "a: [\n");
  GitCommitAll(repo_, "break staging");
  WriteFile(repo_, "cfg/staging.yaml", "a: 1\n");
  GitCommitAll(repo_, "mend staging");
  WriteFile(repo_, "cfg/staging.yaml", "a: [\n");
  GitCommitAll(repo_, "break staging again");
  const CommandResult r = Run("history", {"--format", "json", "--no-cache"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  std::vector<nlohmann::json> lives;
  for (const auto& d : report["drifts"]) {
    if (d["path"] == "a") lives.push_back(d);
  }
  ASSERT_EQ(lives.size(), 1u) << report.dump(2);
  EXPECT_EQ(lives[0]["appeared"]["sha"], drifting);
  EXPECT_TRUE(lives[0]["disappeared"].is_null()) << lives[0].dump(2);
}

TEST_F(HistoryTest, MaxFileSizeAppliesAtEveryCommit) {
  // Files over the limit at the newest commit: it compared less than asked,
  // 2 as check there.
  const nlohmann::json report = History({"--max-file-size", "20"}, 2);
  EXPECT_EQ(Run("check", {"--max-file-size", "20"}).exit_code, 2);
  std::size_t invalid = 0;
  for (const auto& d : report["drifts"]) invalid += d["kind"] == "invalid-file";
  EXPECT_GT(invalid, 0u) << report.dump(2);
  EXPECT_TRUE(Lives(report, "replicas").empty()) << "a file over the limit is not read";
}

TEST_F(HistoryTest, DriftIntroducedByAMergeIsNamedAtTheMergeCommit) {
  const auto lives = Lives(History({"--since", base_}), "http.timeout");
  ASSERT_EQ(lives.size(), 1u);
  EXPECT_EQ(lives[0]["appeared"]["sha"], merge_);
  EXPECT_EQ(lives[0]["appeared"]["subject"], "Merge feature");
  EXPECT_EQ(lives[0]["disappeared"]["sha"], align_);
}

TEST_F(HistoryTest, RenamingAFileToAnotherSpellingKeepsTheDriftOpen) {
  const auto lives = Lives(History({"--since", base_}), "replicas");
  ASSERT_EQ(lives.size(), 2u);
  EXPECT_EQ(lives[1]["appeared"]["sha"], prod4_);  // not again at the rename
  EXPECT_TRUE(lives[1]["open"].get<bool>());
}

TEST_F(HistoryTest, SourceThatDidNotExistAtSinceAppearsWhenItsFilesAreAdded) {
  const auto report = History({"--since", base_});
  const auto lives = Lives(report, "beta");
  ASSERT_EQ(lives.size(), 1u);
  EXPECT_EQ(lives[0]["source"], "flags");
  EXPECT_EQ(lives[0]["appeared"]["sha"], flags_);
  EXPECT_FALSE(lives[0]["before_range"].get<bool>());
}

TEST_F(HistoryTest, OnlyCommitsThatTouchASourceAreEvaluated) {
  const auto report = History({"--since", base_});
  // 10 first-parent commits; the two README commits change no source file.
  EXPECT_EQ(report["commits"]["walked"], 10);
  EXPECT_EQ(report["commits"]["evaluated"], 8);
}

TEST_F(HistoryTest, DriftAlreadyThereAtSinceIsMarkedPresentBeforeTheRange) {
  const auto lives = Lives(History({"--since", prod3_, "--until", docs_, "--source", "services"}), "replicas");
  ASSERT_EQ(lives.size(), 1u);
  EXPECT_TRUE(lives[0]["before_range"].get<bool>());
  EXPECT_EQ(lives[0]["appeared"]["sha"], prod3_);
}

TEST_F(HistoryTest, NothingOpenExitsZero) {
  History({"--since", base_, "--until", stg3_, "--source", "services"}, 0);
}

// Before flags/*.json existed, the flags source was compared at no commit:
// asked to walk every source, history refuses instead of saying "no drift".
TEST_F(HistoryTest, ARangeWhereASourceNeverHasFilesIsAnErrorUnlessOtherSourcesAreAsked) {
  const CommandResult r = Run("history", {"--since", base_, "--until", stg3_});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("source 'flags' was compared at no commit walked"), std::string::npos) << r.err;
}

TEST_F(HistoryTest, TextNamesEachLifeWithShortShaAuthorAndSubject) {
  const CommandResult r = RunDriftcheck({"history", "--since", base_}, repo_.string());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("appeared     " + prod3_.substr(0, 7) + "  2026-01-02  Test Author  Scale production to 3"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("fixed        " + stg3_.substr(0, 7)), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    open"), std::string::npos);
  for (std::size_t start = 0, end; start < r.out.size(); start = end + 1) {
    end = r.out.find('\n', start);
    if (end == std::string::npos) end = r.out.size();
    std::size_t columns = 0;
    for (std::size_t i = start; i < end; ++i) columns += (static_cast<unsigned char>(r.out[i]) & 0xC0) != 0x80;
    EXPECT_LE(columns, 80u) << r.out.substr(start, end - start);
  }
}

TEST_F(HistoryTest, MarkdownHasATableOfLives) {
  const CommandResult r = RunDriftcheck({"history", "--since", base_, "--format", "markdown"}, repo_.string());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("| drift | sides | kind | appeared | fixed |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("**open**"), std::string::npos);
}

TEST_F(HistoryTest, SinceOffTheFirstParentHistoryIsAnError) {
  const std::string feature = Git(repo_, {"rev-parse", "feature"});
  const CommandResult r = RunDriftcheck({"history", "--since", feature.substr(0, 40)}, repo_.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not on the first-parent history"), std::string::npos) << r.err;
}

TEST_F(HistoryTest, ShallowCloneStopsAtItsBoundaryWithANote) {
  const auto clone = dir_.path() / "shallow";
  RunCommand({"git", "clone", "-q", "--depth", "3", "file://" + repo_.string(), clone.string()});
  const CommandResult r = RunDriftcheck({"history", "--format", "json"}, clone.string());
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["commits"]["walked"], 3);
  ASSERT_GE(report["notes"].size(), 1u);
  EXPECT_NE(report["notes"][0].get<std::string>().find("shallow"), std::string::npos);
}

TEST_F(HistoryTest, PolicyRevJudgesByAnOlderManifest) {
  // At `base` the manifest already had both sources; --policy-rev reads it from there.
  const auto report = History({"--since", base_, "--policy-rev", base_});
  EXPECT_EQ(Lives(report, "replicas").size(), 2u);
}

TEST_F(HistoryTest, OutputFileIsWrittenThroughAnExclusiveTemporaryNeverFollowingALink) {
  for (const std::string format : {"json", "text", "markdown"}) {
    SCOPED_TRACE(format);
    const std::string report = ExpectOutputReplacesPlantedLink("history", {"--since", base_, "--format", format}, 1);
    EXPECT_NE(report.find(prod3_.substr(0, 7)), std::string::npos) << report;
    std::filesystem::remove(dir_.path() / "reports" / "report.out");
  }
}

TEST_F(HistoryTest, SourceWithoutFilesYetIsOneNoteNamingTheCommitsBeforeItsFiles) {
  const auto report = History({"--since", base_});
  // base .. rename: 8 commits without flags/*.json, one note for all of them.
  std::vector<std::string> about_flags;
  for (const auto& note : report["notes"]) {
    if (note.get<std::string>().find("'flags'") != std::string::npos) about_flags.push_back(note);
  }
  ASSERT_EQ(about_flags.size(), 1u) << report["notes"].dump(2);
  EXPECT_EQ(about_flags[0], "source 'flags': no file matches its path at commits " + base_.substr(0, 7) + " to " +
                                rename_.substr(0, 7) + " (8 commits); nothing of it was compared there");
}

// `check` refuses a `select` that finds its subtree nowhere; over history the
// commits where it finds nothing are one note, and the source's drifts stay
// as they were there instead of being reported fixed.
TEST_F(HistoryTest, SelectThatFindsNothingAtSomeCommitsKeepsTheDriftsAndSaysWhere) {
  WriteFile(repo_, "driftcheck.yaml", TwoEnvironmentManifest(R"(  - name: app
    path: "app/{env}.yaml"
    select: app
)"));
  WriteFile(repo_, "app/staging.yaml", "app:\n  replicas: 2\n");
  WriteFile(repo_, "app/production.yaml", "app:\n  replicas: 3\n");
  const std::string drift = GitCommitAll(repo_, "App drifts");
  WriteFile(repo_, "app/staging.yaml", "application:\n  replicas: 2\n");
  WriteFile(repo_, "app/production.yaml", "application:\n  replicas: 3\n");
  const std::string renamed = GitCommitAll(repo_, "Rename the top key");
  WriteFile(repo_, "README.md", "unrelated\n");
  const std::string docs = GitCommitAll(repo_, "Docs");
  WriteFile(repo_, "app/staging.yaml", "app:\n  replicas: 3\n");
  WriteFile(repo_, "app/production.yaml", "app:\n  replicas: 3\n");
  const std::string fixed = GitCommitAll(repo_, "Back to app, aligned");

  const auto report = History({"--since", drift}, 0);
  const auto lives = Lives(report, "replicas");
  ASSERT_EQ(lives.size(), 1u) << report.dump(2);
  EXPECT_EQ(lives[0]["appeared"]["sha"], drift);
  EXPECT_EQ(lives[0]["disappeared"]["sha"], fixed) << "not fixed where select found nothing";
  ASSERT_EQ(report["notes"].size(), 1u) << report["notes"].dump(2);
  EXPECT_EQ(report["notes"][0], "source 'app': 'select' finds its subtree in no compared environment at commits " +
                                    renamed.substr(0, 7) + " to " + docs.substr(0, 7) +
                                    " (2 commits); its drifts stay as they were before");
  EXPECT_EQ(RunDriftcheck({"check", "--rev", renamed}, repo_.string()).exit_code, 2) << "check refuses it";
  ExpectTheCacheChangesNothing({"--since", drift, "--format", "json"}, "select");
}


// History reports at the newest commit what check reports there: as many
// findings, under the same ids, even when two of them share what they are
// about, so one never hides the other.
class HistoryAgreesWithCheckTest : public RepoTest {
 protected:
  // Staging compared with production and with qa, under a schema.
  void InitSharedSide() {
    InitRepo(R"(version: 1
environments: {staging: {}, production: {}, qa: {}}
compare: [[staging, production], [staging, qa]]
sources:
  - name: s
    path: "cfg/{env}.yaml"
    schema: schema.yaml
)");
    WriteFile(repo_, "schema.yaml", "type: object\nproperties:\n  port: {type: integer}\n");
    WriteFile(repo_, "cfg/production.yaml", "port: 80\n");
    WriteFile(repo_, "cfg/qa.yaml", "port: 80\n");
  }

  static std::vector<std::string> KindsAndIds(const nlohmann::json& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f["kind"].get<std::string>() + " " + f["id"].get<std::string>());
    std::sort(out.begin(), out.end());
    return out;
  }

  // The lives `history -n 1` reports; expects them to be check's findings.
  nlohmann::json ExpectHistoryAgreesWithCheck(const std::string& kind) {
    const CommandResult check = Run("check", {"--format", "json", "--no-cache"});
    const CommandResult history = Run("history", {"-n", "1", "--format", "json", "--no-cache"});
    const auto walked = nlohmann::json::parse(history.out);
    const std::vector<std::string> expected = KindsAndIds(nlohmann::json::parse(check.out)["findings"]);
    const auto of_kind = std::count_if(expected.begin(), expected.end(),
                                       [&](const std::string& f) { return f.starts_with(kind); });
    EXPECT_EQ(of_kind, 2) << check.out;
    EXPECT_EQ(std::set<std::string>(expected.begin(), expected.end()).size(), expected.size()) << "one id each";
    EXPECT_EQ(KindsAndIds(walked["drifts"]), expected) << history.out;
    return walked["drifts"];
  }

  // Each life of `kind` names its own compared pair.
  static void ExpectOneLifePerPair(const nlohmann::json& drifts, const std::string& kind) {
    std::multiset<std::string> pairs;
    for (const auto& d : drifts) {
      if (d["kind"] == kind) pairs.insert(d["sides"].dump());
    }
    EXPECT_EQ(pairs, (std::multiset<std::string>{R"(["staging","production"])", R"(["staging","qa"])"}));
  }
};

TEST_F(HistoryAgreesWithCheckTest, AnUnreadableSideTwoPairsReadIsOneLifePerPair) {
  InitSharedSide();
  WriteFile(repo_, "cfg/staging.yaml", "port: 80\nport: 81\n");
  GitCommitAll(repo_, "duplicate key");
  ExpectOneLifePerPair(ExpectHistoryAgreesWithCheck("invalid-file"), "invalid-file");
}

TEST_F(HistoryAgreesWithCheckTest, ASchemaViolationOfASideTwoPairsReadIsOneLifePerPair) {
  InitSharedSide();
  WriteFile(repo_, "cfg/staging.yaml", "port: eighty\n");
  GitCommitAll(repo_, "not a number");
  ExpectOneLifePerPair(ExpectHistoryAgreesWithCheck("schema-violation"), "schema-violation");
}

// A list compared as a set with an unpaired item at one index on each side:
// `only-in-staging` and `only-in-production` at `apps[1]`, one identity.
TEST_F(HistoryAgreesWithCheckTest, TwoFindingsOfOneIdentityInOnePairAreTwoLives) {
  InitRepo(TwoEnvironmentManifest(R"(  - name: s
    path: "cfg/{env}.yaml"
    normalize: {lists: {apps: set}}
)"));
  WriteFile(repo_, "cfg/staging.yaml", "apps: [a, b]\n");
  WriteFile(repo_, "cfg/production.yaml", "apps: [a, c]\n");
  GitCommitAll(repo_, "apps");
  ExpectHistoryAgreesWithCheck("only-in-");
}

}  // namespace
}  // namespace driftcheck::testing
