// The persistent cache (engine/result_cache.h): a warm run prints exactly
// what a cold one does, in every format; a damaged, foreign or older entry
// is never trusted; concurrent runs are safe; a cache that cannot be written
// never fails a run; the cache is never inside the repository, holds no
// secret and stays under its size bound.

#include "engine/result_cache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSecret = "MARKER-7f3a";

class ResultCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_.path() / "repo";
    cache_ = dir_.path() / "cache";
    GitInit(repo_);
    WriteFile(repo_, "driftcheck.yaml", R"(version: 1
environments: {staging: {}, production: {aliases: [prod]}}
sources:
  - name: services
    path: "services/{service}/{env}.yaml"
    schema: schemas/service.yaml
    normalize: {env_tokens: true, must_differ: [session_key]}
  - name: charts
    layers: ["charts/{chart}/values.yaml", "charts/{chart}/values-{env}.yaml", "charts/{chart}/extra-{env}.yaml"]
  - name: manifests
    path: "k8s/{env}.yaml"
    documents: {key: [kind, metadata.name]}
  - name: env
    path: "services/{service}/.env.{env}"
    format: dotenv
allow: drift-allow.yaml
)");
    WriteFile(repo_, "schemas/service.yaml", R"(type: object
properties:
  timeout: {type: string, format: duration}
  memory: {type: string, format: bytes}
  port: {type: integer, minimum: 1, maximum: 65535}
  token: {writeOnly: true}
)");
    WriteFile(repo_, "drift-allow.yaml", R"(version: 1
rules:
  - {id: small-staging, path: replicas, reason: staging is small, owner: team}
)");
    for (int i = 0; i < 6; ++i) {
      const std::string dir = "services/s" + std::to_string(i) + "/";
      WriteFile(repo_, dir + "staging.yaml",
                "replicas: 1\ntimeout: 60s\nmemory: 1Gi\nport: " + std::to_string(8000 + i) +
                    "\nhost: db.staging.internal\nbig: 123456789012345678901234567890\nratio: 0.1\n"
                    "token: " + std::string(kSecret) + "-a\npassword: " + std::string(kSecret) + "-same\n"
                    "session_key: one-for-both\nurl: \"https://u:" + std::string(kSecret) +
                    "@x.example\"\nlist: [1, {a: 2}]\n\"quoted\": \"8080\"\nnothing: ~\n");
      WriteFile(repo_, dir + "production.yaml",
                i == 3 ? "a: [broken\n"
                       : "replicas: 3\ntimeout: 1m\nmemory: 1024Mi\nport: 99999\nhost: db.production.internal\n"
                         "big: 123456789012345678901234567891\nratio: 0.10000000000000001\n"
                         "token: " + std::string(kSecret) + "-b\npassword: " + std::string(kSecret) + "-same\n"
                         "session_key: one-for-both\nurl: \"https://u:" + std::string(kSecret) +
                         "-2@x.example\"\nlist: [1, {a: 3}, true]\nquoted: 8080\n");
      WriteFile(repo_, dir + ".env.staging", "A=1\nA=2\nAPI_KEY=" + std::string(kSecret) + "\n");
      WriteFile(repo_, dir + ".env.prod", "A=" + std::to_string(i % 2) + "\n");
    }
    WriteFile(repo_, "charts/web/values.yaml", "image: {tag: v1}\nreplicas: 2\n");
    WriteFile(repo_, "charts/web/values-staging.yaml", "image: {tag: v2}\n");
    WriteFile(repo_, "charts/web/values-production.yaml", "replicas: 5\n");
    WriteFile(repo_, "charts/web/extra-production.yaml", "debug: false\n");
    WriteFile(repo_, "k8s/staging.yaml",
              "kind: Deployment\nmetadata: {name: api}\nspec: {replicas: 1}\n---\nkind: Service\nmetadata: {name: api}\n");
    WriteFile(repo_, "k8s/production.yaml", "kind: Deployment\nmetadata: {name: api}\nspec: {replicas: 4}\n");
    GitCommitAll(repo_, "fixture");
  }

  std::vector<std::string> CacheFlags() const { return {"--cache-dir", cache_.string()}; }

  struct Run {
    CommandResult result;
    std::vector<std::string> reports;
  };

  // `command` with every report format written, through the cache at `cache_`.
  Run Check(const std::string& name, std::vector<std::string> extra = {}, const std::string& command = "check") {
    const fs::path out = dir_.path() / ("out-" + name);
    fs::create_directories(out);
    std::vector<std::string> args = {command, "-j", "2"};
    for (const char* format : kFormats) {
      args.push_back("--report=" + std::string(format) + "=" + (out / format).string());
    }
    args.insert(args.end(), extra.begin(), extra.end());
    Run run{RunDriftcheck(args, repo_.string()), {}};
    for (const char* format : kFormats) run.reports.push_back(ReadFile(out / format));
    return run;
  }

  static void ExpectSame(const Run& a, const Run& b, const std::string& what) {
    EXPECT_EQ(a.result.exit_code, b.result.exit_code) << what;
    EXPECT_EQ(a.result.out, b.result.out) << what;
    EXPECT_EQ(a.result.err, b.result.err) << what;
    for (std::size_t i = 0; i < std::size(kFormats); ++i) {
      EXPECT_EQ(a.reports[i], b.reports[i]) << kFormats[i] << ": " << what;
    }
  }

  std::vector<fs::path> Entries() const {
    std::vector<fs::path> entries;
    if (!fs::exists(cache_)) return entries;
    for (const auto& e : fs::recursive_directory_iterator(cache_)) {
      if (e.is_regular_file()) entries.push_back(e.path());
    }
    return entries;
  }

  // The -v line: "driftcheck: cache: H of N file pairs from DIR[, S stored]".
  static std::string CacheLine(const CommandResult& r) {
    const std::size_t at = r.err.find("driftcheck: cache: ");
    if (at == std::string::npos) return "";
    return r.err.substr(at, r.err.find('\n', at) - at);
  }

  static constexpr const char* kFormats[] = {"text", "json", "junit", "sarif", "github", "markdown", "codequality"};
  TempDir dir_;
  fs::path repo_;
  fs::path cache_;
};

TEST_F(ResultCacheTest, AWarmRunPrintsTheSameBytesAsAColdOneInEveryFormat) {
  const Run uncached = Check("uncached", {"--no-cache"});
  EXPECT_EQ(uncached.result.exit_code, 2) << uncached.result.err;  // the broken file
  EXPECT_TRUE(Entries().empty());
  const Run cold = Check("cold", CacheFlags());
  ASSERT_FALSE(Entries().empty());
  const Run warm = Check("warm", CacheFlags());
  ExpectSame(uncached, cold, "cold");
  ExpectSame(uncached, warm, "warm");
  // The fixture makes every kind of finding the cache has to carry.
  for (const char* kind : {"\"changed\"", "\"type-changed\"", "\"only-in-", "\"file-missing\"", "\"same-secret\"",
                           "\"must-differ\"", "\"schema-violation\"", "\"invalid-file\"", "\"layer-missing\"",
                           "\"duplicate-key\""}) {
    EXPECT_NE(uncached.reports[1].find(kind), std::string::npos) << kind;
  }
}

TEST_F(ResultCacheTest, VerboseSaysHowManyPairsCameFromTheCache) {
  std::vector<std::string> args = {"check", "-v"};
  args.insert(args.end(), {"--cache-dir", cache_.string()});
  const CommandResult cold = RunDriftcheck(args, repo_.string());
  const CommandResult warm = RunDriftcheck(args, repo_.string());
  EXPECT_NE(CacheLine(cold).find("cache: 0 of "), std::string::npos) << cold.err;
  EXPECT_NE(CacheLine(cold).find(" stored"), std::string::npos) << cold.err;
  const std::string line = CacheLine(warm);
  ASSERT_NE(line, "") << warm.err;
  // Every pair the cold run stored is found: "N of N".
  const std::size_t of = line.find(" of ");
  const std::string hits = line.substr(std::string("driftcheck: cache: ").size(), of - 19);
  EXPECT_EQ(line.find(" stored"), std::string::npos) << line;
  EXPECT_NE(hits, "0") << line;
  EXPECT_EQ(line.substr(of + 4, hits.size() + 1), hits + " ") << line;
  // The files read are still named, as a cold run names them.
  EXPECT_NE(warm.err.find("driftcheck: read services/s0/staging.yaml (yaml)"), std::string::npos) << warm.err;
  EXPECT_EQ(warm.out, cold.out);
}

TEST_F(ResultCacheTest, RulesAndBaselineEditsKeepTheEntriesAndStillApply) {
  const Run cold = Check("cold", CacheFlags());
  WriteFile(repo_, "drift-allow.yaml", R"(version: 1
rules:
  - {id: small-staging, path: replicas, reason: staging is small, owner: team}
  - {id: ports, path: port, reason: ports differ, owner: team}
)");
  const Run uncached = Check("uncached", {"--no-cache"});
  const CommandResult warm = RunDriftcheck({"check", "-v", "--cache-dir", cache_.string(), "--format", "text",
                                            "--report=json=" + (dir_.path() / "warm.json").string()},
                                           repo_.string());
  EXPECT_EQ(ReadFile(dir_.path() / "warm.json"), uncached.reports[1]);
  EXPECT_NE(uncached.reports[1], cold.reports[1]);  // the new rule allowed something
  EXPECT_EQ(CacheLine(warm).find(" stored"), std::string::npos) << warm.err;
}

TEST_F(ResultCacheTest, APolicyEditInvalidatesEveryEntry) {
  Check("cold", CacheFlags());
  WriteFile(repo_, "schemas/service.yaml", "type: object\nproperties:\n  port: {type: integer, maximum: 70000}\n");
  const Run uncached = Check("uncached", {"--no-cache"});
  const Run warm = Check("warm", CacheFlags());
  ExpectSame(uncached, warm, "after a schema edit");
}

TEST_F(ResultCacheTest, ANewCommitReusesTheUnchangedPairs) {
  Check("cold", CacheFlags());
  WriteFile(repo_, "services/s0/production.yaml", "replicas: 7\n");
  GitCommitAll(repo_, "one file changed");
  const Run uncached = Check("uncached", {"--no-cache"});
  const Run warm = Check("warm", CacheFlags());
  ExpectSame(uncached, warm, "after a commit");
  const CommandResult verbose = RunDriftcheck({"check", "-v", "--cache-dir", cache_.string()}, repo_.string());
  EXPECT_EQ(CacheLine(verbose).find(" stored"), std::string::npos) << verbose.err;
}

TEST_F(ResultCacheTest, AnEnvironmentAtAnotherRevisionNamesItsOwnRevision) {
  const std::string first = Git(repo_, {"rev-parse", "HEAD"}).substr(0, 40);
  WriteFile(repo_, "services/s1/staging.yaml", "replicas: 2\n");
  GitCommitAll(repo_, "second");
  Check("cold", CacheFlags());
  const std::vector<std::string> revs = {"--rev", "staging=" + first, "--rev", "production=HEAD"};
  auto with = [&](std::vector<std::string> flags) {
    flags.insert(flags.end(), revs.begin(), revs.end());
    return flags;
  };
  const Run uncached = Check("uncached", with({"--no-cache"}));
  const Run warm = Check("warm", with(CacheFlags()));
  const Run warmer = Check("warmer", with(CacheFlags()));
  ExpectSame(uncached, warm, "two revisions");
  ExpectSame(uncached, warmer, "two revisions, warm");
  EXPECT_NE(uncached.reports[1].find(first), std::string::npos);
}

TEST_F(ResultCacheTest, EveryCommandThatComparesUsesItAlike) {
  for (const char* command : {"validate", "rules", "baseline"}) {
    const CommandResult uncached = RunDriftcheck({command, "--no-cache"}, repo_.string());
    const CommandResult cold = RunDriftcheck({command, "--cache-dir", cache_.string()}, repo_.string());
    const CommandResult warm = RunDriftcheck({command, "--cache-dir", cache_.string()}, repo_.string());
    EXPECT_EQ(cold.out, uncached.out) << command;
    EXPECT_EQ(warm.out, uncached.out) << command;
    EXPECT_EQ(warm.exit_code, uncached.exit_code) << command;
    EXPECT_NE(uncached.out, "") << command;
  }
  const CommandResult diff_uncached = RunDriftcheck({"diff", "staging", "production", "--no-cache"}, repo_.string());
  const CommandResult diff_cold =
      RunDriftcheck({"diff", "staging", "production", "--cache-dir", cache_.string()}, repo_.string());
  const CommandResult diff_warm =
      RunDriftcheck({"diff", "staging", "production", "-v", "--cache-dir", cache_.string()}, repo_.string());
  EXPECT_EQ(diff_cold.out, diff_uncached.out);
  EXPECT_EQ(diff_warm.out, diff_uncached.out);
  EXPECT_EQ(diff_warm.exit_code, diff_uncached.exit_code);
  EXPECT_NE(diff_uncached.out, "");
  EXPECT_NE(CacheLine(diff_warm), "") << diff_warm.err;
  EXPECT_EQ(CacheLine(diff_warm).find(" stored"), std::string::npos) << diff_warm.err;
  const CommandResult explain_cold =
      RunDriftcheck({"explain", "port", "--where", "service=s0", "--cache-dir", cache_.string()}, repo_.string());
  const CommandResult explain =
      RunDriftcheck({"explain", "port", "--where", "service=s0", "--no-cache"}, repo_.string());
  EXPECT_EQ(explain_cold.out, explain.out);
  EXPECT_EQ(explain_cold.exit_code, explain.exit_code);
}

// Each way an entry can be damaged: the run reads past it, prints what an
// uncached run prints, and writes the entry again.
struct Damage {
  const char* name;
  void (*apply)(std::string& bytes);
};

const Damage kDamages[] = {
    {"garbage", [](std::string& b) { b = std::string(b.size(), '\x5a'); }},
    {"empty", [](std::string& b) { b.clear(); }},
    {"truncated", [](std::string& b) { b.resize(b.size() / 2); }},
    {"cut by one byte", [](std::string& b) { b.pop_back(); }},
    {"one byte longer", [](std::string& b) { b.push_back('\0'); }},
    {"a flipped byte", [](std::string& b) { b[b.size() * 2 / 3] ^= 0x01; }},
    {"a flipped last byte", [](std::string& b) { b.back() ^= 0x40; }},
    {"foreign", [](std::string& b) { b = "PK\x03\x04 not ours at all" + b; }},
    {"an older version",
     [](std::string& b) {
       const std::size_t at = b.find(" v02\n");
       if (at != std::string::npos) b.replace(at, 5, " v01\n");
     }},
    {"a newer version",
     [](std::string& b) {
       const std::size_t at = b.find(" v02\n");
       if (at != std::string::npos) b.replace(at, 5, " v03\n");
     }},
};

TEST_F(ResultCacheTest, DamagedForeignAndOlderEntriesAreIgnoredAndReplaced) {
  const Run uncached = Check("uncached", {"--no-cache"});
  Check("cold", CacheFlags());
  const std::vector<fs::path> entries = Entries();
  ASSERT_GT(entries.size(), 3u);
  std::map<fs::path, std::string> good;
  for (const fs::path& entry : entries) good[entry] = ReadFile(entry);
  for (const Damage& damage : kDamages) {
    for (const auto& [entry, bytes] : good) {
      std::string damaged = bytes;
      damage.apply(damaged);
      ASSERT_NE(damaged, bytes) << damage.name;
      std::ofstream(entry, std::ios::binary | std::ios::trunc) << damaged;
    }
    const Run run = Check(std::string("damaged-") + damage.name, CacheFlags());
    ExpectSame(uncached, run, damage.name);
    for (const auto& [entry, bytes] : good) {
      EXPECT_EQ(ReadFile(entry), bytes) << damage.name << ": " << entry << " was not written again";
    }
  }
}

TEST_F(ResultCacheTest, AnEntryUnderAnotherTasksNameIsNotTrusted) {
  const Run uncached = Check("uncached", {"--no-cache"});
  Check("cold", CacheFlags());
  std::vector<fs::path> entries = Entries();
  ASSERT_GT(entries.size(), 3u);
  std::sort(entries.begin(), entries.end());
  // Each entry gets its neighbour's bytes: whole, checksummed, but another key.
  std::vector<std::string> bytes;
  for (const fs::path& entry : entries) bytes.push_back(ReadFile(entry));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::ofstream(entries[i], std::ios::binary | std::ios::trunc) << bytes[(i + 1) % entries.size()];
  }
  ExpectSame(uncached, Check("swapped", CacheFlags()), "swapped entries");
}

TEST_F(ResultCacheTest, ConcurrentRunsShareOneCacheSafely) {
  const CommandResult uncached = RunDriftcheck({"check", "--format", "json", "--no-cache"}, repo_.string());
  for (int round = 0; round < 2; ++round) {  // all cold at once, then all warm at once
    const std::string r = std::to_string(round);
    std::string script;
    for (int i = 0; i < 3; ++i) {
      const std::string out = (dir_.path() / ("run" + r + std::to_string(i))).string();
      script += "\"$0\" check --format json -j 2 --cache-dir '" + cache_.string() + "' >'" + out + ".out' 2>'" + out + ".err' & ";
    }
    script += "wait";
    const CommandResult all = RunCommand({"sh", "-c", script, DRIFTCHECK_BINARY}, repo_.string());
    EXPECT_EQ(all.exit_code, 0) << all.err;
    for (int i = 0; i < 3; ++i) {
      const fs::path out = dir_.path() / ("run" + r + std::to_string(i));
      EXPECT_EQ(ReadFile(out.string() + ".out"), uncached.out) << "round " << round << ", run " << i;
      EXPECT_EQ(ReadFile(out.string() + ".err"), uncached.err) << "round " << round << ", run " << i;
    }
  }
  for (const fs::path& entry : Entries()) {
    EXPECT_FALSE(entry.filename().string().starts_with(".tmp-")) << "a temporary was left: " << entry;
  }
}

TEST_F(ResultCacheTest, AnUnwritableCacheWarnsOnceAndTheRunGoesOn) {
  const Run uncached = Check("uncached", {"--no-cache"});
  // A file where the directory should be: nothing can be created below it
  // (whoever runs the test, root included).
  const fs::path blocked = dir_.path() / "blocked";
  WriteFile(dir_.path(), "blocked", "a file\n");
  const Run run = Check("blocked", {"--cache-dir", blocked.string()});
  EXPECT_EQ(run.result.exit_code, uncached.result.exit_code);
  EXPECT_EQ(run.result.out, uncached.result.out);
  for (std::size_t i = 0; i < std::size(kFormats); ++i) EXPECT_EQ(run.reports[i], uncached.reports[i]) << kFormats[i];
  const std::string& err = run.result.err;
  const std::size_t warning = err.find("driftcheck: warning: cannot write the cache in " + blocked.string());
  ASSERT_NE(warning, std::string::npos) << err;
  EXPECT_EQ(err.find("warning: cannot", err.find('\n', warning)), std::string::npos) << "warned twice:\n" << err;
  EXPECT_EQ(err.substr(0, warning) + err.substr(err.find('\n', warning) + 1), uncached.result.err);
  EXPECT_NE(err.find("(-v says why)"), std::string::npos) << err;
  const CommandResult verbose = RunDriftcheck({"check", "-v", "--cache-dir", blocked.string()}, repo_.string());
  EXPECT_NE(verbose.err.find("Not a directory"), std::string::npos) << verbose.err;
}

TEST_F(ResultCacheTest, ACacheInsideTheRepositoryIsRefused) {
  const CommandResult uncached = RunDriftcheck({"check", "--no-cache"}, repo_.string());
  for (const fs::path& inside : {repo_ / ".cache", repo_ / ".git" / "driftcheck", repo_ / "services"}) {
    const CommandResult r = RunDriftcheck({"check", "--cache-dir", inside.string()}, repo_.string());
    EXPECT_EQ(r.out, uncached.out);
    EXPECT_EQ(r.exit_code, uncached.exit_code);
    EXPECT_NE(r.err.find("is inside the repository"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(inside / "pairs-v1")) << inside;
  }
  EXPECT_EQ(Git(repo_, {"status", "--porcelain"}), "");
  // Relative, through the environment variable, from inside the work tree.
  const CommandResult r =
      RunDriftcheck({"check"}, (repo_ / "services").string(), {{"DRIFTCHECK_CACHE_DIR", "../.driftcheck-cache"}});
  EXPECT_NE(r.err.find("is inside the repository"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(repo_ / ".driftcheck-cache"));
}

TEST_F(ResultCacheTest, ACacheInsideTheMainRepositoryIsRefusedFromALinkedWorkTree) {
  const fs::path linked = dir_.path() / "wt1";
  Git(repo_, {"worktree", "add", "-q", linked.string()});
  const CommandResult uncached = RunDriftcheck({"check", "--no-cache"}, linked.string());
  // The common git dir, the main work tree, the linked tree's own gitdir, and
  // the main work tree through a symbolic link.
  fs::create_directory_symlink(repo_, dir_.path() / "main-link");
  const std::string name = linked.filename().string();
  for (const fs::path& inside : {repo_ / ".git" / "cc", repo_ / "ccc", repo_ / ".git" / "worktrees" / name / "cc",
                                 dir_.path() / "main-link" / "cc", linked / "cc"}) {
    const CommandResult r = RunDriftcheck({"check", "--cache-dir", inside.string()}, linked.string());
    EXPECT_EQ(r.out, uncached.out) << inside;
    EXPECT_EQ(r.exit_code, uncached.exit_code) << inside;
    EXPECT_NE(r.err.find("is inside the repository"), std::string::npos) << inside << ": " << r.err;
    EXPECT_FALSE(fs::exists(inside)) << inside;
  }
  EXPECT_EQ(Git(repo_, {"status", "--porcelain"}), "");
}

TEST_F(ResultCacheTest, ACacheDirectoryOthersMayWriteIsNotUsed) {
  const Run uncached = Check("uncached", {"--no-cache"});
  Check("cold", CacheFlags());
  ASSERT_GT(Entries().size(), 3u);
  for (const fs::path& dir : {cache_, cache_ / "pairs-v1"}) {
    fs::permissions(dir, fs::perms::all);  // 0777: anyone could plant entries
    const Run run = Check("open-" + dir.filename().string(), {"-v", "--cache-dir", cache_.string()});
    EXPECT_EQ(run.result.exit_code, uncached.result.exit_code);
    EXPECT_EQ(run.result.out, uncached.result.out);
    for (std::size_t i = 0; i < std::size(kFormats); ++i) EXPECT_EQ(run.reports[i], uncached.reports[i]) << kFormats[i];
    const std::string warning = "driftcheck: warning: " + dir.string() + " is writable by others; running without the cache";
    const std::size_t at = run.result.err.find(warning);
    ASSERT_NE(at, std::string::npos) << run.result.err;
    EXPECT_EQ(run.result.err.find("without the cache", at + warning.size()), std::string::npos)
        << "warned twice:\n" << run.result.err;
    EXPECT_EQ(CacheLine(run.result), "") << "the cache was used";
    fs::permissions(dir, fs::perms::owner_all);
  }
  // An entry others may write is not trusted: it is computed again and replaced.
  const std::vector<fs::path> entries = Entries();
  for (const fs::path& entry : entries) fs::permissions(entry, fs::perms::others_write, fs::perm_options::add);
  const CommandResult verbose = RunDriftcheck({"check", "-v", "--cache-dir", cache_.string()}, repo_.string());
  EXPECT_NE(CacheLine(verbose).find("cache: 0 of "), std::string::npos) << verbose.err;
  for (const fs::path& entry : entries) {
    EXPECT_EQ(fs::status(entry).permissions() & fs::perms::others_write, fs::perms::none) << entry << " was not replaced";
  }
}

TEST_F(ResultCacheTest, AFifoOrSocketInPlaceOfAnEntryNeverBlocksTheRun) {
  const Run uncached = Check("uncached", {"--no-cache"});
  Check("cold", CacheFlags());
  const std::vector<fs::path> entries = Entries();
  ASSERT_GT(entries.size(), 3u);
  for (const fs::path& entry : entries) {
    fs::remove(entry);
    ASSERT_EQ(::mkfifo(entry.c_str(), 0600), 0) << entry;
  }
  // With a time limit: without the fix, the open blocks forever.
  std::vector<std::string> args = {"timeout", "60", DRIFTCHECK_BINARY, "check", "-j", "2"};
  const fs::path out = dir_.path() / "out-fifo";
  fs::create_directories(out);
  for (const char* format : kFormats) args.push_back("--report=" + std::string(format) + "=" + (out / format).string());
  args.insert(args.end(), {"--cache-dir", cache_.string()});
  const CommandResult r = RunCommand(args, repo_.string());
  EXPECT_EQ(r.exit_code, uncached.result.exit_code) << r.err;
  EXPECT_EQ(r.out, uncached.result.out);
  EXPECT_EQ(r.err, uncached.result.err);
  for (std::size_t i = 0; i < std::size(kFormats); ++i) EXPECT_EQ(ReadFile(out / kFormats[i]), uncached.reports[i]);
  for (const fs::path& entry : entries) EXPECT_TRUE(fs::is_regular_file(entry)) << entry << " was not replaced";
}

TEST_F(ResultCacheTest, TheCacheDirectoryComesFromTheEnvironmentWhenNotGiven) {
  const fs::path xdg = dir_.path() / "xdg";
  const fs::path own = dir_.path() / "own";
  RunDriftcheck({"check"}, repo_.string(), {{"XDG_CACHE_HOME", xdg.string()}});
  EXPECT_TRUE(fs::exists(xdg / "driftcheck" / "pairs-v1"));
  RunDriftcheck({"check"}, repo_.string(), {{"XDG_CACHE_HOME", xdg.string()}, {"DRIFTCHECK_CACHE_DIR", own.string()}});
  EXPECT_TRUE(fs::exists(own / "pairs-v1"));
  const fs::path home = dir_.path() / "home";
  RunDriftcheck({"check"}, repo_.string(), {{"XDG_CACHE_HOME", "relative/ignored"}, {"HOME", home.string()}});
  EXPECT_TRUE(fs::exists(home / ".cache" / "driftcheck" / "pairs-v1"));
  const fs::path none = dir_.path() / "none";
  RunDriftcheck({"check", "--no-cache"}, repo_.string(), {{"DRIFTCHECK_CACHE_DIR", none.string()}});
  EXPECT_FALSE(fs::exists(none));
}

TEST_F(ResultCacheTest, TheWorkingTreeIsNeverCached) {
  Check("cold", CacheFlags());
  const std::size_t before = Entries().size();
  WriteFile(repo_, "services/s0/production.yaml", "replicas: 9\n");
  const Run uncached = Check("uncached", {"--no-cache", "--worktree"});
  const Run cached = Check("cached", {"--worktree", "--cache-dir", cache_.string()});
  ExpectSame(uncached, cached, "--worktree");
  EXPECT_EQ(Entries().size(), before);
}

TEST_F(ResultCacheTest, NoSecretIsStoredInTheCache) {
  Check("cold", CacheFlags());
  RunDriftcheck({"validate", "--cache-dir", cache_.string()}, repo_.string());
  const std::vector<fs::path> entries = Entries();
  ASSERT_FALSE(entries.empty());
  for (const fs::path& entry : entries) {
    EXPECT_EQ(ReadFile(entry).find(kSecret), std::string::npos) << entry;
  }
}

// ---- The size bound, on the class itself ----------------------------------

TEST(ResultCacheTrim, RemovesTheLeastRecentlyUsedEntriesPastTheBound) {
  TempDir dir;
  const fs::path entries = dir.path() / "pairs-v1";
  fs::create_directories(entries);
  const auto now = fs::file_time_type::clock::now();
  for (int i = 0; i < 10; ++i) {
    const fs::path entry = entries / ("entry" + std::to_string(i));
    std::ofstream(entry, std::ios::binary) << std::string(1000, 'x');
    fs::last_write_time(entry, now - std::chrono::minutes(100 - i));  // entry0 is the oldest
  }
  const fs::path stale = entries / ".tmp-abandoned";
  std::ofstream(stale) << "half";
  fs::last_write_time(stale, now - std::chrono::hours(5));
  ResultCacheSettings settings;
  settings.dir = dir.str();
  settings.max_bytes = 5600;
  ResultCache cache(settings);
  cache.Trim();
  // Down to 90% of the bound: the five oldest go.
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(fs::exists(entries / ("entry" + std::to_string(i))), i >= 5) << i;
  }
  EXPECT_FALSE(fs::exists(stale));
  settings.max_bytes = 1 << 20;
  ResultCache roomy(settings);
  roomy.Trim();
  EXPECT_TRUE(fs::exists(entries / "entry9"));
}

TEST(ResultCachePathInside, ComparesWholeComponents) {
  EXPECT_TRUE(PathInside("/a/b/c", "/a/b"));
  EXPECT_TRUE(PathInside("/a/b", "/a/b/"));
  EXPECT_TRUE(PathInside("/a/b/../b/c", "/a/b"));
  EXPECT_FALSE(PathInside("/a/bc", "/a/b"));
  EXPECT_FALSE(PathInside("/a", "/a/b"));
}

}  // namespace
}  // namespace driftcheck::testing
