// check --suggest-rules: grouped, paste-ready allow rules for what fails.

#include "rules/suggestion.h"

#include <gtest/gtest.h>

#include "report_samples.h"
#include "rules/apply.h"
#include "rules/rules.h"

namespace driftcheck {
namespace {

using testing::Drift;

Finding Changed(const std::string& service, const std::string& path, const char* staging, const char* production) {
  Finding f = Drift(FindingKind::kChanged, "services", {{"service", service}}, path,
                    "services/" + service + "/staging.yaml", "services/" + service + "/production.yaml");
  testing::Show(f.left, testing::Plain(f.left, staging, 4, 14));
  testing::Show(f.right, testing::Plain(f.right, production, 4, 14));
  f.AssignId();
  return f;
}

CalendarDay Day(const char* text) { return *ParseCalendarDay(text); }

TEST(SuggestRules, OneFindingGetsItsValuesInExpectAndExpiresIn90Days) {
  Report report;
  report.findings = {Changed("api", "database.pool_size", "5", "50")};
  const std::string text = SuggestRules(report, Day("2026-12-01"));
  EXPECT_NE(text.find("  - id: services-api-database-pool-size\n"
                      "    source: \"services\"\n"
                      "    where:\n      service: \"api\"\n"
                      "    path: \"database.pool_size\"\n"
                      "    expect:\n      staging: 5\n      production: 50\n"
                      "    reason: TODO\n    owner: TODO\n    expires: 2027-03-01\n"),
            std::string::npos)
      << text;
}

TEST(SuggestRules, APathDriftingInEveryServiceIsOneRuleWithoutWhere) {
  Report report;
  report.findings = {Changed("api", "replicas", "1", "3"), Changed("web", "replicas", "2", "6")};
  const std::string text = SuggestRules(report, Day("2026-12-01"));
  EXPECT_NE(text.find("# allows 2 findings (changed)\n  - id: services-replicas\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("where:"), std::string::npos) << text;
  EXPECT_EQ(text.find("expect:"), std::string::npos) << text;
}

TEST(SuggestRules, SiblingKeysSharingAFirstWordBecomeOneGlob) {
  Report report;
  report.findings = {Changed("api", "env.SENTRY_DSN", "a", "b"), Changed("api", "env.SENTRY_ENVIRONMENT", "c", "d"),
                     Changed("api", "env.LOG_LEVEL", "debug", "info")};
  const std::string text = SuggestRules(report, Day("2026-12-01"));
  EXPECT_NE(text.find("    path: \"env.SENTRY_*\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    path: \"env.LOG_LEVEL\"\n"), std::string::npos) << text;
}

TEST(SuggestRules, SecretsAreNeverWrittenAndGetAKindScope) {
  Report report;
  Finding f = Drift(FindingKind::kSameSecret, "services", {{"service", "api"}}, "stripe.api_key",
                    "services/api/staging.yaml", "services/api/production.yaml");
  f.left.value = ShownValue::Redacted();
  f.right.value = ShownValue::Redacted();
  f.AssignId();
  report.findings = {f};
  const std::string text = SuggestRules(report, Day("2026-12-01"));
  EXPECT_NE(text.find("    kind: same-secret\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("expect"), std::string::npos) << text;
}

TEST(SuggestRules, SharedSecretsOfASourceAreOneKindRuleAndSiblingsOneWildcard) {
  Report report;
  for (const char* path : {"stripe.api_key", "smtp.password"}) {
    Finding f = Drift(FindingKind::kSameSecret, "services", {{"service", "api"}}, path,
                      "services/api/staging.yaml", "services/api/production.yaml");
    f.left.value = ShownValue::Redacted();
    f.right.value = ShownValue::Redacted();
    f.AssignId();
    report.findings.push_back(f);
  }
  for (const char* path : {"qualtrics.survey_id", "qualtrics.library_id", "qualtrics.mailing_list_id",
                           "hosts[0]", "hosts[1]"}) {
    report.findings.push_back(Changed("api", path, "a", "b"));
  }
  const std::string text = SuggestRules(report, Day("2026-12-01"));
  EXPECT_NE(text.find("# allows 2 findings (same-secret)\n  - id: services-api-same-secret\n"
                      "    source: \"services\"\n    where:\n      service: \"api\"\n    kind: same-secret\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("    path: \"qualtrics.*\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    path: \"hosts[*]\"\n"), std::string::npos) << text;
}

TEST(SuggestRules, TheSuggestionLoadsOnceTheTodosAreFilledAndAllowsEveryFinding) {
  Report report;
  report.findings = {Changed("api", "replicas", "1", "3"), Changed("web", "replicas", "2", "6"),
                     Changed("api", "database.pool_size", "5", "50"), Changed("api", "env.SENTRY_A", "a", "b"),
                     Changed("api", "env.SENTRY_B", "a", "b")};
  std::string text = SuggestRules(report, Day("2026-12-01"));
  EXPECT_THROW(LoadRules(text, "suggested.yaml", nullptr), InputError);
  for (std::size_t at; (at = text.find("TODO")) != std::string::npos;) text.replace(at, 4, "team-x");
  const RuleSet rules = LoadRules(text, "suggested.yaml", nullptr);
  EXPECT_EQ(rules.rules.size(), 3u);
  RuleOptions options;
  options.today = Day("2026-12-01");
  ApplyRules(report, rules, options);
  EXPECT_EQ(report.FailingCount(), 0u);
}

}  // namespace
}  // namespace driftcheck
