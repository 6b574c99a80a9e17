// examples/helm, examples/rails, examples/twelve-factor: the README's numbers
// for each (drift a rule allows, drift that fails, what normalize: removes)
// stay true.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

namespace fs = std::filesystem;

struct Counts {
  std::vector<std::string> failing;  // paths
  std::size_t allowed = 0;
  std::size_t total = 0;
};

Counts CountsOf(const CommandResult& r) {
  Counts c;
  const auto report = nlohmann::json::parse(r.out);
  for (const auto& f : report["findings"]) {
    ++c.total;
    if (f.contains("allowed") && !f["allowed"].is_null()) {
      ++c.allowed;
    } else {
      c.failing.push_back(f["path"].get<std::string>());
    }
  }
  return c;
}

// The example as its own repository, as examples/run-example builds it.
fs::path Example(const TempDir& dir, const std::string& name) {
  const fs::path repo = dir.path() / name;
  fs::copy(std::string(DRIFTCHECK_SOURCE_DIR "/examples/") + name, repo, fs::copy_options::recursive);
  GitInit(repo);
  GitCommitAll(repo, name);
  return repo;
}

Counts Check(const fs::path& repo, bool before) {
  std::vector<std::string> args = {"check", "--today", "2026-12-01", "--format", "json"};
  if (before) args.insert(args.end(), {"--config", (repo / "driftcheck.before.yaml").string()});
  const CommandResult r = RunDriftcheck(args, repo.string());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  return CountsOf(r);
}

TEST(Examples, HelmValuesKeepTheReadmeNumbers) {
  TempDir dir;
  const fs::path repo = Example(dir, "helm");
  const Counts before = Check(repo, true);
  EXPECT_EQ(before.total, 10u);
  EXPECT_EQ(before.allowed, 6u);
  EXPECT_EQ(before.failing, (std::vector<std::string>{"global.sentry.environment", "ingress.host",
                                                      "apps.checkout.env.PAYMENT_TIMEOUT",
                                                      "apps.checkout.env.PAYMENT_PROVIDER_URL"}));
  const Counts after = Check(repo, false);
  EXPECT_EQ(after.total, 7u);
  EXPECT_EQ(after.allowed, 6u);
  EXPECT_EQ(after.failing, (std::vector<std::string>{"apps.checkout.env.PAYMENT_TIMEOUT"}));
}

TEST(Examples, RailsSettingsAndDatabaseKeepTheReadmeNumbers) {
  TempDir dir;
  const fs::path repo = Example(dir, "rails");
  const Counts before = Check(repo, true);
  EXPECT_EQ(before.total, 9u);
  EXPECT_EQ(before.allowed, 2u);
  EXPECT_EQ(before.failing.size(), 7u);
  const Counts after = Check(repo, false);
  EXPECT_EQ(after.total, 3u);
  EXPECT_EQ(after.allowed, 2u);
  EXPECT_EQ(after.failing, (std::vector<std::string>{"payments.retry_limit"}));
}

TEST(Examples, RailsPinFailsWhenProductionLeavesSmtpThoughNothingDrifts) {
  TempDir dir;
  const fs::path repo = Example(dir, "rails");
  // Both environments move off SMTP together: no drift, but the pin breaks.
  const std::string base = ReadFile(repo / "config/settings.yml");
  std::string changed = base;
  changed.replace(changed.find("delivery_method: smtp"), 21, "delivery_method: letter_opener");
  WriteFile(repo, "config/settings.yml", changed);
  GitCommitAll(repo, "letter opener everywhere");
  const CommandResult r = RunDriftcheck({"check", "--today", "2026-12-01"}, repo.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("mailer.delivery_method"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("expected production = smtp, found letter_opener"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("rule-unused"), std::string::npos) << r.out;
  // The pin reads the files as the session did: one over --max-file-size is
  // an invalid-file finding, never read for the pin either.
  const CommandResult limited =
      RunDriftcheck({"check", "--today", "2026-12-01", "--max-file-size", "10", "--format", "json"}, repo.string());
  EXPECT_EQ(limited.exit_code, 2) << limited.err;
  EXPECT_NE(limited.out.find("invalid-file"), std::string::npos) << limited.out;
  EXPECT_EQ(limited.out.find("letter_opener"), std::string::npos) << limited.out;
}

TEST(Examples, TwelveFactorEnvFilesKeepTheReadmeNumbers) {
  TempDir dir;
  const fs::path repo = Example(dir, "twelve-factor");
  const Counts before = Check(repo, true);
  EXPECT_EQ(before.total, 12u);
  EXPECT_EQ(before.allowed, 7u);
  EXPECT_EQ(before.failing, (std::vector<std::string>{"APP_URL", "DATABASE_URL", "CACHE_TTL", "EXTRA_FLAGS",
                                                      "DATABASE_URL"}));
  const Counts after = Check(repo, false);
  EXPECT_EQ(after.total, 8u);
  EXPECT_EQ(after.allowed, 7u);
  EXPECT_EQ(after.failing, (std::vector<std::string>{"CACHE_TTL"}));
}

TEST(Examples, QuietTextLeavesOutAllowedFindingsButCountsThem) {
  TempDir dir;
  const fs::path repo = Example(dir, "twelve-factor");
  const CommandResult r = RunDriftcheck({"check", "--today", "2026-12-01", "-q"}, repo.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("CACHE_TTL"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("WEB_CONCURRENCY"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("8 drifts (7 allowed)"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace driftcheck::testing
