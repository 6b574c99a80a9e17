// Allow rules: the file's forms and errors, path patterns, expectations,
// expiry and the findings rules add.

#include "rules/rules.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "manifest/manifest.h"
#include "report_samples.h"
#include "rules/apply.h"
#include "rules/expect.h"
#include "core/glob.h"
#include "rules/quantity.h"

namespace driftcheck {
namespace {

using testing::Drift;
using testing::kSecret;

constexpr const char* kFile = "drift-allow.yaml";

RuleSet Rules(const std::string& body) { return LoadRules("version: 1\nrules:\n" + body, kFile, nullptr); }

// The InputError a rules file raises, as main() would print it.
std::string ErrorOf(const std::string& text, const Manifest* manifest = nullptr) {
  try {
    LoadRules(text, kFile, manifest);
  } catch (const InputError& e) {
    return e.Headline() + (e.hint().empty() ? "" : " | hint: " + e.hint());
  }
  return "(no error)";
}

std::string RuleError(const std::string& rule) { return ErrorOf("version: 1\nrules:\n" + rule); }

CalendarDay Day(const char* text) { return *ParseCalendarDay(text); }

RuleOptions On(const char* today) {
  RuleOptions options;
  options.today = Day(today);
  return options;
}

Finding PoolDrift(const char* staging, const char* production) {
  Finding f = Drift(FindingKind::kChanged, "services", {{"service", "api"}}, "database.pool_size",
                    "services/api/staging.yaml", "services/api/production.yaml");
  testing::Show(f.left, testing::Plain(f.left, staging, 4, 14));
  testing::Show(f.right, testing::Plain(f.right, production, 4, 14));
  f.AssignId();
  return f;
}

Finding SecretDrift(FindingKind kind, const char* path) {
  Finding f = Drift(kind, "services", {{"service", "api"}}, path, "services/api/staging.yaml",
                    "services/api/production.yaml");
  f.left.value = ShownValue::Redacted();
  f.right.value = ShownValue::Redacted();
  f.AssignId();
  return f;
}

// Applies `rules` to one finding; returns the report (the finding first).
Report Judged(const Finding& finding, const std::string& rules, const char* today = "2026-06-01") {
  Report report;
  report.findings = {finding};
  ApplyRules(report, Rules(rules), On(today));
  return report;
}

const std::string kPoolRule = R"(
  - id: staging-small-db-pool
    source: services
    where: {service: "ap*"}
    path: database.pool_size
    expect: {staging: 5, production: 50}
    reason: staging runs on a small instance
    owner: team-data
    expires: 2026-06-30
    ticket: OPS-123
)";

// ---- The file ---------------------------------------------------------------

TEST(RulesFile, ReadsEveryField) {
  const RuleSet set = Rules(kPoolRule);
  ASSERT_EQ(set.rules.size(), 1u);
  const Rule& r = set.rules[0];
  EXPECT_EQ(r.id, "staging-small-db-pool");
  EXPECT_EQ(r.source, "services");
  ASSERT_EQ(r.where.size(), 1u);
  EXPECT_EQ(r.where[0].second, "ap*");
  EXPECT_EQ(r.Target(), "database.pool_size");
  ASSERT_EQ(r.expect.values.size(), 2u);
  EXPECT_EQ(r.reason, "staging runs on a small instance");
  EXPECT_EQ(r.owner, "team-data");
  EXPECT_EQ(FormatCalendarDay(*r.expires), "2026-06-30");
  EXPECT_EQ(r.ticket, "OPS-123");
  EXPECT_EQ(r.location.ToString(), "drift-allow.yaml:4:5");
}

TEST(RulesFile, AnEmptyListIsValid) {
  EXPECT_TRUE(LoadRules("version: 1\nrules: []\n", kFile, nullptr).rules.empty());
}

TEST(RulesFile, ReadsAFindingIdInsteadOfAPath) {
  const RuleSet set = Rules("  - {id: one-finding, finding: 3f2a9c1d0b7e4411, reason: r, owner: o}\n");
  EXPECT_EQ(set.rules[0].finding, "3f2a9c1d0b7e4411");
  EXPECT_FALSE(set.rules[0].path);
  // An all-digit id is read as written, not as a number.
  EXPECT_EQ(Rules("  - {id: digits, finding: 1234567890123456, reason: r, owner: o}\n").rules[0].finding,
            "1234567890123456");
}

TEST(RulesFile, MissingRequiredFieldsNameFileLineAndRule) {
  EXPECT_EQ(RuleError("  - {id: no-owner, path: a, reason: r}\n"),
            "drift-allow.yaml:3:5: missing required key 'owner' in rule 'no-owner' | hint: add 'owner:' here");
  EXPECT_EQ(RuleError("  - {path: a, reason: r, owner: o}\n"),
            "drift-allow.yaml:3:5: missing required key 'id' in a rule | hint: add 'id:' here");
  EXPECT_NE(RuleError("  - {id: no-path, reason: r, owner: o}\n")
                .find("drift-allow.yaml:3:5: rule 'no-path': missing required key 'path' (or 'finding')"),
            std::string::npos);
  EXPECT_NE(RuleError("  - {id: empty-reason, path: a, reason: '', owner: o}\n").find("'reason' is empty"),
            std::string::npos);
}

TEST(RulesFile, RejectsDuplicateIds) {
  EXPECT_EQ(RuleError("  - {id: twice, path: a, reason: r, owner: o}\n"
                      "  - {id: twice, path: b, reason: r, owner: o}\n"),
            "drift-allow.yaml:4:10: rule 'twice': the id is used twice | hint: ids are unique; rename one of them");
}

TEST(RulesFile, RejectsIdsThatAreNotKebabCase) {
  EXPECT_NE(RuleError("  - {id: Big_Rule, path: a, reason: r, owner: o}\n").find("must be kebab-case"),
            std::string::npos);
}

TEST(RulesFile, RejectsDatesThatAreNotRealDays) {
  for (const char* date : {"2027-02-30", "2027-13-01", "27-06-30", "2027-6-30", "tomorrow"}) {
    EXPECT_NE(RuleError("  - {id: bad-date, path: a, reason: r, owner: o, expires: " + std::string(date) + "}\n")
                  .find("drift-allow.yaml:3:59: rule 'bad-date': 'expires' is not a date"),
              std::string::npos)
        << date;
  }
  EXPECT_NO_THROW(Rules("  - {id: leap, path: a, reason: r, owner: o, expires: 2028-02-29}\n"));
}

TEST(RulesFile, UnknownKeysSuggestTheNearestOne) {
  EXPECT_EQ(RuleError("  - {id: typo, path: a, reason: r, owner: o, expries: 2027-01-01}\n"),
            "drift-allow.yaml:3:46: unknown key 'expries' in rule 'typo' | hint: did you mean 'expires'?");
  EXPECT_NE(ErrorOf("version: 1\nrule: []\n").find("did you mean 'rules'?"), std::string::npos);
}

TEST(RulesFile, BadPathsPointAtTheProblem) {
  EXPECT_NE(RuleError("  - {id: p, path: 'a..b', reason: r, owner: o}\n")
                .find("drift-allow.yaml:3:22: rule 'p': bad path 'a..b': expected a key"),
            std::string::npos);
  for (const char* path : {"'a[3'", "'a[name]'", "'a.\"b'", "'a b'", "'a.b**'", "'[x=]'"}) {
    EXPECT_NE(RuleError("  - {id: p, path: " + std::string(path) + ", reason: r, owner: o}\n").find("bad path"),
              std::string::npos)
        << path;
  }
}

TEST(RulesFile, BadRegexAndRelationsAreErrors) {
  EXPECT_NE(RuleError("  - {id: re, path: a, reason: r, owner: o, expect: {pattern: {production: '^(db'}}}\n")
                .find("rule 're': bad pattern for 'production'"),
            std::string::npos);
  EXPECT_NE(RuleError("  - {id: rel, path: a, reason: r, owner: o, expect: {relation: staging ~ production}}\n")
                .find("rule 'rel': unknown operator '~' in relation 'staging ~ production'"),
            std::string::npos);
  EXPECT_NE(RuleError("  - {id: rel, path: a, reason: r, owner: o, expect: {relation: staging}}\n")
                .find("rule 'rel': bad relation 'staging'"),
            std::string::npos);
  EXPECT_NE(RuleError("  - {id: any, path: a, reason: r, owner: o, expect: {any: true, staging: 1}}\n")
                .find("drop the other expectations"),
            std::string::npos);
  EXPECT_NE(RuleError("  - {id: both, path: a, finding: 3f2a9c1d0b7e4411, reason: r, owner: o}\n")
                .find("not both"),
            std::string::npos);
  EXPECT_NE(RuleError("  - {id: short, finding: 3f2a, reason: r, owner: o}\n").find("16 hex digits"),
            std::string::npos);
}

TEST(RulesFile, ChecksSourcesAndEnvironmentsAgainstTheManifest) {
  const Manifest manifest = LoadManifest(
      "version: 1\nenvironments: {staging: {aliases: [stg]}, production: {aliases: [prod]}}\n"
      "sources: [{name: services, path: 'services/{service}/{env}.yaml'}]\n",
      MakeOrigin("driftcheck.yaml"));
  const std::string head = "version: 1\nrules:\n";
  EXPECT_NE(ErrorOf(head + "  - {id: s, path: a, source: servics, reason: r, owner: o}\n", &manifest)
                .find("unknown source 'servics' | hint: did you mean 'services'?"),
            std::string::npos);
  EXPECT_NE(ErrorOf(head + "  - {id: e, path: a, expect: {producton: 1}, reason: r, owner: o}\n", &manifest)
                .find("unknown environment 'producton'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(head + "  - {id: w, path: a, where: {servce: api}, reason: r, owner: o}\n", &manifest)
                .find("no source has a placeholder '{servce}' | hint: did you mean 'service'?"),
            std::string::npos);
  EXPECT_NO_THROW(LoadRules(head + "  - {id: w, path: a, where: {service: api}, reason: r, owner: o}\n", kFile, &manifest));
  // Aliases name their environment.
  const RuleSet set = LoadRules(head + "  - {id: a, path: a, expect: {relation: stg < prod}, reason: r, owner: o}\n",
                                kFile, &manifest);
  EXPECT_EQ(set.rules[0].expect.relation->left, "staging");
  EXPECT_EQ(set.rules[0].expect.relation->right, "production");
}

TEST(RulesFile, AnOperatorTypoInARelationIsNamedAsAnOperator) {
  const Manifest manifest = LoadManifest(
      "version: 1\nenvironments: {staging: {}, production: {}}\n"
      "sources: [{name: services, path: 'services/{service}/{env}.yaml'}]\n",
      MakeOrigin("driftcheck.yaml"));
  const auto error = [&](const std::string& relation) {
    return ErrorOf("version: 1\nrules:\n  - {id: r, path: a, reason: r, owner: o, expect: {relation: '" + relation +
                       "'}}\n",
                   &manifest);
  };
  EXPECT_NE(error("staging =< production")
                .find("unknown operator '=<' in relation 'staging =< production' | hint: did you mean "
                      "'staging <= production'?"),
            std::string::npos)
      << error("staging =< production");
  EXPECT_NE(error("staging => production").find("did you mean 'staging >= production'?"), std::string::npos);
  EXPECT_NE(error("staging = production").find("did you mean 'staging == production'?"), std::string::npos);
  EXPECT_NE(error("staging le production").find("unknown operator 'le'"), std::string::npos);
  EXPECT_EQ(error("staging =< production").find("unknown environment"), std::string::npos);
  EXPECT_NE(error("stagin <= production").find("unknown environment 'stagin'"), std::string::npos);
  EXPECT_EQ(error("staging<=production"), "(no error)");
}

TEST(RulesFile, LenientLoadingKeepsBrokenRulesForListing) {
  const RuleSet set = LoadRulesLeniently(
      "version: 1\nrules:\n  - {id: good, path: a, reason: r, owner: o}\n  - {id: bad, path: a, reason: r}\n",
      kFile, nullptr);
  ASSERT_EQ(set.rules.size(), 1u);
  ASSERT_EQ(set.invalid.size(), 1u);
  EXPECT_EQ(set.invalid[0].id, "bad");
  EXPECT_EQ(set.invalid[0].error.line(), 4);
}

TEST(RulesFile, TheReadmeExampleHasOneRuleOfEachFormAndParses) {
  std::ifstream in(DRIFTCHECK_SOURCE_DIR "/README.md");
  const std::string readme{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto section = readme.find("## Allow rules");
  ASSERT_NE(section, std::string::npos);
  const auto start = readme.find("```yaml\n", section) + 8;
  const std::string text = readme.substr(start, readme.find("```", start) - start);
  const RuleSet set = LoadRules(text, "README.md", nullptr);
  ASSERT_EQ(set.rules.size(), 7u);
  EXPECT_EQ(set.rules[0].expect.values.size(), 2u);
  EXPECT_TRUE(set.rules[1].expect.relation);
  EXPECT_EQ(set.rules[2].expect.patterns.size(), 1u);
  EXPECT_TRUE(set.rules[3].expect.any);
  EXPECT_FALSE(set.rules[6].finding.empty());
}

// ---- Paths and globs --------------------------------------------------------

bool PathMatches(const char* pattern, const char* path) {
  auto segments = ParseFindingPath(path);
  EXPECT_TRUE(segments) << path;
  return segments && PathPattern::Parse(pattern).Matches(*segments);
}

TEST(PathPattern, MatchesEveryForm) {
  EXPECT_TRUE(PathMatches("database.pool_size", "database.pool_size"));
  EXPECT_FALSE(PathMatches("database.pool_size", "database.pool_size_max"));
  EXPECT_FALSE(PathMatches("database", "database.pool_size"));
  EXPECT_TRUE(PathMatches("servers.*.port", "servers.eu.port"));
  EXPECT_TRUE(PathMatches("servers.*.port", "servers[2].port"));
  EXPECT_FALSE(PathMatches("servers.*.port", "servers.eu.west.port"));
  EXPECT_TRUE(PathMatches("logging.**", "logging"));
  EXPECT_TRUE(PathMatches("logging.**", "logging.level.root"));
  EXPECT_TRUE(PathMatches("**.timeout", "routes[name=health].timeout"));
  EXPECT_TRUE(PathMatches("a.**.z", "a.b[1].c.z"));
  EXPECT_TRUE(PathMatches("hosts[3]", "hosts[3]"));
  EXPECT_FALSE(PathMatches("hosts[3]", "hosts[30]"));
  EXPECT_TRUE(PathMatches("hosts[*]", "hosts[30]"));
  EXPECT_FALSE(PathMatches("hosts[*]", "hosts.x"));
  EXPECT_TRUE(PathMatches("routes[name=health].timeout", "routes[name=health].timeout"));
  EXPECT_FALSE(PathMatches("routes[name=health].timeout", "routes[name=metrics].timeout"));
  EXPECT_TRUE(PathMatches("routes[name=heal*].timeout", "routes[name=health].timeout"));
  EXPECT_TRUE(PathMatches("env.SENTRY_*", "env.SENTRY_DSN"));
  EXPECT_FALSE(PathMatches("env.SENTRY_*", "env.SENTRYDSN"));
  EXPECT_TRUE(PathMatches("annotations.\"app.kubernetes.io/name\"", "annotations.\"app.kubernetes.io/name\""));
  EXPECT_FALSE(PathMatches("annotations.\"a*\"", "annotations.abc"));  // quoted: literal
  EXPECT_TRUE(PathMatches("annotations.\"a*\"", "annotations.\"a*\""));
  EXPECT_TRUE(PathMatches("[0].name", "[0].name"));
  EXPECT_TRUE(PathMatches("\"\"", "\"\""));
}

TEST(PathPattern, AnEmptyPathMeansTheWholeFile) {
  EXPECT_TRUE(PathMatches("", ""));
  EXPECT_FALSE(PathMatches("", "a"));
  EXPECT_TRUE(PathMatches("**", ""));
}

TEST(PathPattern, EveryPathAReportPrintsReadsBack) {
  const Path path = Path().Key("annotations").Key("a.b/c").Key("list[0]").Index(2).Match("name", "x y").Key("*");
  const auto segments = ParseFindingPath(path.ToString());
  ASSERT_TRUE(segments);
  ASSERT_EQ(segments->size(), path.segments().size());
  EXPECT_EQ((*segments)[1].key, "a.b/c");
  EXPECT_EQ((*segments)[3].index, 2u);
  EXPECT_EQ((*segments)[4].match, "x y");
  EXPECT_EQ((*segments)[5].key, "*");
}

TEST(Glob, StarsAndQuestionMarks) {
  EXPECT_TRUE(GlobMatch("api*", "api"));
  EXPECT_TRUE(GlobMatch("api*", "api-gateway"));
  EXPECT_FALSE(GlobMatch("api*", "web-api"));
  EXPECT_TRUE(GlobMatch("*-api-?", "eu-api-1"));
  EXPECT_TRUE(GlobMatch("*a*b*c", "xxaxxbxxbxc"));
  // Hostile patterns stay fast: no exponential backtracking.
  EXPECT_FALSE(GlobMatch(std::string(50, '*') + "b", std::string(100000, 'a')));
}

TEST(Quantity, ReadsNumbersDurationsAndByteSizes) {
  EXPECT_EQ(*ParseDurationMs("1h30m"), 5400000);
  EXPECT_EQ(*ParseDurationMs("250ms"), 250);
  EXPECT_EQ(*ParseDurationMs("1m"), 60000);
  EXPECT_FALSE(ParseDurationMs("60"));
  EXPECT_EQ(*ParseByteCount("1Gi"), 1073741824.0);
  EXPECT_EQ(*ParseByteCount("1G"), 1e9);
  EXPECT_EQ(*ParseByteCount("64KB"), 64000);
  EXPECT_EQ(*ParseByteCount("512MiB"), 512.0 * 1024 * 1024);
  EXPECT_FALSE(ParseByteCount("12"));
  EXPECT_FALSE(ParseByteCount("1Xi"));
}

// ---- Judging findings -------------------------------------------------------

// A list item named by a secret field prints `users[<redacted:..>]`; a rule
// writes that path as printed, and allows only the item with that fingerprint.
TEST(ApplyRules, ARulePathCanNameAListItemByItsFingerprint) {
  const std::string rule = R"(
  - id: admin-role-differs
    path: "users[<redacted:3fa9c0d2>].role"
    reason: each environment has its own admin
    owner: team-sre
)";
  EXPECT_TRUE(Judged(SecretDrift(FindingKind::kChanged, "users[<redacted:3fa9c0d2>].role"), rule).findings[0].allowed);
  EXPECT_FALSE(Judged(SecretDrift(FindingKind::kChanged, "users[<redacted:07c2e1aa>].role"), rule).findings[0].allowed);
  EXPECT_TRUE(Judged(SecretDrift(FindingKind::kChanged, "users[<redacted:07c2e1aa>].role"),
                     R"(
  - id: any-user-role
    path: "users[*].role"
    reason: roles differ
    owner: team-sre
)").findings[0].allowed);
  EXPECT_NE(RuleError("  - {id: x, path: \"users[<nope>]\", reason: r, owner: o}\n"), "(no error)");
}

TEST(ApplyRules, AnAllowedFindingStaysInTheReportAndDoesNotFail) {
  const Report report = Judged(PoolDrift("5", "50"), kPoolRule);
  ASSERT_EQ(report.findings.size(), 1u);  // no rule-* finding: used, not expiring on 2026-06-01
  const Finding& f = report.findings[0];
  ASSERT_TRUE(f.allowed);
  EXPECT_EQ(f.allowed->rule, "staging-small-db-pool");
  EXPECT_EQ(f.allowed->reason, "staging runs on a small instance");
  EXPECT_EQ(f.allowed->owner, "team-data");
  EXPECT_EQ(f.allowed->expires, "2026-06-30");
  EXPECT_EQ(f.allowed->ticket, "OPS-123");
  EXPECT_FALSE(f.failing());
  EXPECT_EQ(report.ExitCode(), 0);
}

TEST(ApplyRules, AValueExpectationThatFailsSaysWhich) {
  const Report report = Judged(PoolDrift("5", "60"), kPoolRule);
  const Finding& f = report.findings[0];
  EXPECT_FALSE(f.allowed);
  EXPECT_TRUE(f.failing());
  EXPECT_EQ(f.message, "not allowed by rule 'staging-small-db-pool': expected production = 50, found 60");
  EXPECT_NE(f.hint.find("drift-allow.yaml:4:5"), std::string::npos) << f.hint;
  // Reported once, as failing: never also as unused ("remove the rule").
  EXPECT_EQ(report.findings.size(), 1u);
}

TEST(ApplyRules, AFailedExpectationNamesEverySideThatMisses) {
  const Report report = Judged(PoolDrift("6", "60"), kPoolRule);
  EXPECT_EQ(report.findings[0].message,
            "not allowed by rule 'staging-small-db-pool': expected staging = 5, found 6; "
            "expected production = 50, found 60");
  const std::string patterns =
      "  - {id: p, path: '**', reason: r, owner: o, expect: {pattern: {staging: '^9', production: '^9'}}}\n";
  EXPECT_EQ(Judged(PoolDrift("6", "60"), patterns).findings[0].message,
            "not allowed by rule 'p': expected staging to match /^9/, found 6; "
            "expected production to match /^9/, found 60");
}

// An expectation may hold a credential (a pinned connection URL): the message
// saying it failed hides it as any value is hidden.
TEST(ApplyRules, AFailedExpectationNeverPrintsACredentialItHolds) {
  const std::string rule =
      "  - {id: u, path: '**', reason: r, owner: o, expect: {production: 'postgres://app:hunter2@db/app', "
      "staging: {password: hunter3, host: db}}}\n";
  const std::string message = Judged(PoolDrift("6", "60"), rule).findings[0].message;
  EXPECT_EQ(message.find("hunter"), std::string::npos) << message;
  EXPECT_NE(message.find("expected production = postgres://app:<redacted>@db/app, found 60 (the rule holds a "
                         "credential; pin the value as reports show it, with <redacted>)"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("expected staging = {password: <redacted>, host: db}, found 6"), std::string::npos)
      << message;
}

TEST(ApplyRules, RulesOfSourcesASourceRunDidNotCheckAreNotUnused) {
  const std::string rules =
      "  - {id: web-rule, source: web, path: x, reason: r, owner: o}\n"
      "  - {id: any-source, path: x, reason: r, owner: o}\n"
      "  - {id: services-rule, source: services, path: x, reason: r, owner: o}\n"
      "  - {id: old-web, source: web, path: x, reason: r, owner: o, expires: 2020-01-01}\n";
  Report report;
  report.findings = {PoolDrift("5", "50")};
  RuleOptions options = On("2026-06-01");
  options.sources = {"services"};
  ApplyRules(report, Rules(rules), options);
  std::vector<std::string> about;
  for (const Finding& f : report.findings) {
    if (f.kind != FindingKind::kChanged) about.push_back(f.placeholders[0].second + " " + f.KindName());
  }
  // Expiry is a fact about the rule, whatever was checked.
  EXPECT_EQ(about, (std::vector<std::string>{"services-rule rule-unused", "old-web rule-expired"}));
  const auto summary = SummarizeRules(report, Rules(rules), options);
  EXPECT_EQ(summary[0].status, RuleStatus::kUnchecked);
  EXPECT_EQ(summary[1].status, RuleStatus::kUnchecked);
  EXPECT_EQ(summary[2].status, RuleStatus::kUnused);
}

TEST(ApplyRules, SourceAndWhereNarrowTheRule) {
  Finding other_service = PoolDrift("5", "50");
  other_service.placeholders = {{"service", "web"}};
  EXPECT_FALSE(Judged(other_service, kPoolRule).findings[0].allowed);
  Finding other_source = PoolDrift("5", "50");
  other_source.source = "charts";
  EXPECT_FALSE(Judged(other_source, kPoolRule).findings[0].allowed);
}

TEST(ApplyRules, DotenvStringsMeetNumbersAsWritten) {
  Finding f = PoolDrift("5", "50");
  f.right.value = ShownValue::Of(Value::String("50", true, {}), SecretMatcher());
  EXPECT_TRUE(Judged(f, kPoolRule).findings[0].allowed);
}

TEST(ApplyRules, AFindingIdRuleAllowsThatFindingOnly) {
  const Finding f = PoolDrift("5", "50");
  EXPECT_TRUE(Judged(f, "  - {id: by-id, finding: " + f.id + ", reason: r, owner: o}\n").findings[0].allowed);
  EXPECT_FALSE(Judged(f, "  - {id: by-id, finding: 0000000000000000, reason: r, owner: o}\n").findings[0].allowed);
}

TEST(ApplyRules, RelationsCompareNumbersDurationsAndByteSizes) {
  const std::string le = "  - {id: le, path: '**', reason: r, owner: o, expect: {relation: staging <= production}}\n";
  EXPECT_TRUE(Judged(PoolDrift("5", "50"), le).findings[0].allowed);
  EXPECT_TRUE(Judged(PoolDrift("30s", "1m"), le).findings[0].allowed);
  EXPECT_TRUE(Judged(PoolDrift("512Mi", "1Gi"), le).findings[0].allowed);
  const Finding bigger = Judged(PoolDrift("2m", "90s"), le).findings[0];
  EXPECT_FALSE(bigger.allowed);
  EXPECT_EQ(bigger.message, "not allowed by rule 'le': expected staging <= production, found 2m and 90s");
  const Finding mixed = Judged(PoolDrift("1m", "1Gi"), le).findings[0];
  EXPECT_FALSE(mixed.allowed);
  EXPECT_NE(mixed.message.find("of one kind"), std::string::npos);
  const auto with = [](const char* relation) {
    return "  - {id: rel, path: '**', reason: r, owner: o, expect: {relation: '" + std::string(relation) + "'}}\n";
  };
  EXPECT_TRUE(Judged(PoolDrift("5", "50"), with("staging < production")).findings[0].allowed);
  EXPECT_TRUE(Judged(PoolDrift("5", "50"), with("staging != production")).findings[0].allowed);
  EXPECT_TRUE(Judged(PoolDrift("50", "5"), with("staging > production")).findings[0].allowed);
  EXPECT_TRUE(Judged(PoolDrift("60s", "1m"), with("staging == production")).findings[0].allowed);
  EXPECT_FALSE(Judged(PoolDrift("5", "50"), with("staging >= production")).findings[0].allowed);
}

TEST(ApplyRules, PatternsMatchPerEnvironment) {
  const std::string rule =
      "  - {id: db-host, path: '**', reason: r, owner: o, expect: {pattern: {production: '^db-prod-'}}}\n";
  EXPECT_TRUE(Judged(PoolDrift("db-stg-1", "db-prod-1"), rule).findings[0].allowed);
  const Finding f = Judged(PoolDrift("db-stg-1", "db-stg-2"), rule).findings[0];
  EXPECT_FALSE(f.allowed);
  EXPECT_EQ(f.message, "not allowed by rule 'db-host': expected production to match /^db-prod-/, found db-stg-2");
}

TEST(ApplyRules, ARuleAboutOtherEnvironmentsSaysNothing) {
  Finding qa = PoolDrift("5", "7");
  qa.right.label = qa.right.env = "qa";
  qa.AssignId();
  const Report report = Judged(qa, kPoolRule);
  EXPECT_FALSE(report.findings[0].allowed);
  EXPECT_EQ(report.findings[0].message, "");  // not judged: the rule is about staging and production
}

TEST(ApplyRules, SameSecretAndMustDifferCanBeAllowed) {
  for (FindingKind kind : {FindingKind::kSameSecret, FindingKind::kMustDiffer, FindingKind::kChanged}) {
    const Report report = Judged(SecretDrift(kind, "database.password"),
                                 "  - {id: shared-pw, path: database.password, reason: r, owner: o}\n");
    EXPECT_TRUE(report.findings[0].allowed) << KindFamilyName(kind);
  }
  EXPECT_TRUE(Judged(SecretDrift(FindingKind::kSameSecret, "database.password"),
                     "  - {id: shared-pw, path: database.password, reason: r, owner: o, expect: {any: true}}\n")
                  .findings[0]
                  .allowed);
}

TEST(ApplyRules, ARedactedSideMeetsOnlyAnyAndIsNeverPrinted) {
  const std::string rules = "  - {id: pw, path: database.password, reason: r, owner: o, expect: {production: " +
                            std::string(kSecret) + "}}\n" +
                            "  - {id: pw-rel, path: database.password, reason: r, owner: o,"
                            " expect: {relation: staging != production, pattern: {staging: '" + kSecret + "'}}}\n";
  const Report report = Judged(SecretDrift(FindingKind::kChanged, "database.password"), rules);
  const Finding& f = report.findings[0];
  EXPECT_FALSE(f.allowed);
  EXPECT_EQ(f.message, "not allowed by rule 'pw': production is a secret (redacted): only 'any: true' can allow it");
  for (const Finding& any : report.findings) {
    EXPECT_EQ(any.message.find(kSecret), std::string::npos) << any.message;
    EXPECT_EQ(any.hint.find(kSecret), std::string::npos) << any.hint;
  }
}

TEST(ApplyRules, NullExpectsTheSideToBeAbsent) {
  Finding only = Drift(FindingKind::kOnlyIn, "services", {{"service", "api"}}, "features.beta",
                       "services/api/staging.yaml", "services/api/production.yaml");
  testing::Show(only.left, testing::Plain(only.left, "true", 9, 9));
  only.AssignId();
  EXPECT_TRUE(Judged(only, "  - {id: beta, path: features.beta, reason: r, owner: o,"
                           " expect: {staging: true, production: null}}\n").findings[0].allowed);
  EXPECT_FALSE(Judged(only, "  - {id: beta, path: features.beta, reason: r, owner: o,"
                            " expect: {staging: null}}\n").findings[0].allowed);
}

// ---- Expiry -----------------------------------------------------------------

TEST(ApplyRules, ARuleAllowsThroughItsExpiryDay) {
  const Report report = Judged(PoolDrift("5", "50"), kPoolRule, "2026-06-30");
  EXPECT_TRUE(report.findings[0].allowed);
  EXPECT_EQ(report.ExitCode(), 0);
  ASSERT_EQ(report.findings.size(), 2u);  // and warns that today is the last day
  EXPECT_EQ(report.findings[1].kind, FindingKind::kRuleExpiring);
  EXPECT_EQ(report.findings[1].severity, Severity::kWarning);
  EXPECT_NE(report.findings[1].message.find("expires on 2026-06-30, today"), std::string::npos);
}

TEST(ApplyRules, ARuleIsExpiredFromTheNextDay) {
  const Report report = Judged(PoolDrift("5", "50"), kPoolRule, "2026-07-01");
  const Finding& drift = report.findings[0];
  EXPECT_FALSE(drift.allowed);
  EXPECT_TRUE(drift.failing());
  EXPECT_NE(drift.hint.find("allowed this until 2026-06-30"), std::string::npos);
  ASSERT_EQ(report.findings.size(), 2u);  // expired, not also unused
  const Finding& expired = report.findings[1];
  EXPECT_EQ(expired.kind, FindingKind::kRuleExpired);
  EXPECT_TRUE(expired.failing());
  EXPECT_EQ(expired.message,
            "rule 'staging-small-db-pool' expired on 2026-06-30 (owner team-data, ticket OPS-123)");
  EXPECT_EQ(expired.left.location.ToString(), "drift-allow.yaml:4:5");
  EXPECT_EQ(expired.id.size(), 16u);
  EXPECT_EQ(report.ExitCode(), 1);
}

TEST(ApplyRules, WarnsWithinTheExpiryWindowOnly) {
  RuleOptions options = On("2026-06-17");  // 13 days left
  Report report;
  report.findings = {PoolDrift("5", "50")};
  ApplyRules(report, Rules(kPoolRule), options);
  ASSERT_EQ(report.findings.size(), 2u);
  EXPECT_NE(report.findings[1].message.find("in 13 day(s)"), std::string::npos);
  options.today = Day("2026-06-16");  // 14 days left: outside a 14-day window
  report.findings = {PoolDrift("5", "50")};
  ApplyRules(report, Rules(kPoolRule), options);
  EXPECT_EQ(report.findings.size(), 1u);
  options.expiry_warning_days = 0;
  options.today = Day("2026-06-30");
  report.findings = {PoolDrift("5", "50")};
  ApplyRules(report, Rules(kPoolRule), options);
  EXPECT_EQ(report.findings.size(), 1u);
}

TEST(ApplyRules, AnUnusedRuleWarnsAndStrictMakesItFail) {
  const std::string rule = "  - {id: gone, path: cache.ttl, reason: r, owner: o, ticket: OPS-9}\n";
  Report report = Judged(PoolDrift("5", "50"), rule);
  ASSERT_EQ(report.findings.size(), 2u);
  EXPECT_EQ(report.findings[1].kind, FindingKind::kRuleUnused);
  EXPECT_EQ(report.findings[1].severity, Severity::kWarning);
  EXPECT_EQ(report.findings[1].message, "rule 'gone' allowed nothing in this run (owner o, ticket OPS-9)");
  EXPECT_NE(report.findings[0].id, report.findings[1].id);

  RuleOptions strict = On("2026-06-01");
  strict.strict = true;
  report.findings = {PoolDrift("5", "50")};
  report.findings[0].allowed = Allowance{"x", "r", "o", "", ""};
  ApplyRules(report, Rules(rule), strict);
  EXPECT_EQ(report.findings[1].severity, Severity::kError);
  EXPECT_EQ(report.ExitCode(), 1);
}

TEST(ApplyRules, EachRuleFindingHasItsOwnStableId) {
  const std::string rules = "  - {id: one, path: x, reason: r, owner: o}\n  - {id: two, path: y, reason: r, owner: o}\n";
  const Report a = Judged(PoolDrift("5", "50"), rules), b = Judged(PoolDrift("6", "60"), rules);
  ASSERT_EQ(a.findings.size(), 3u);
  EXPECT_NE(a.findings[1].id, a.findings[2].id);
  EXPECT_EQ(a.findings[1].id, b.findings[1].id);
}

TEST(SummarizeRules, GivesStatusAndCounts) {
  Report report;
  report.findings = {PoolDrift("5", "50")};
  const RuleSet rules = LoadRulesLeniently(
      "version: 1\nrules:\n" + kPoolRule +
          "  - {id: unused-one, path: nope, reason: r, owner: o}\n"
          "  - {id: old, path: x, reason: r, owner: o, expires: 2020-01-01}\n"
          "  - {id: broken, path: x, reason: r}\n",
      kFile, nullptr);
  const RuleOptions options = On("2026-06-20");
  ApplyRules(report, rules, options);
  const auto summary = SummarizeRules(report, rules, options);
  ASSERT_EQ(summary.size(), 4u);
  EXPECT_EQ(summary[0].status, RuleStatus::kExpiring);
  EXPECT_EQ(summary[0].allowed, 1u);
  EXPECT_EQ(summary[1].status, RuleStatus::kUnused);
  EXPECT_EQ(summary[2].status, RuleStatus::kExpired);
  EXPECT_EQ(summary[3].status, RuleStatus::kInvalid);
  EXPECT_EQ(summary[3].location, "drift-allow.yaml:15:5");
}

TEST(SummarizeRules, ARuleWhoseExpectationFailedIsFailingNotUnused) {
  Report report;
  report.findings = {PoolDrift("5", "60")};
  const RuleSet rules = Rules(kPoolRule);
  const RuleOptions options = On("2026-06-01");
  ApplyRules(report, rules, options);
  const auto summary = SummarizeRules(report, rules, options);
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0].status, RuleStatus::kFailing);
  EXPECT_EQ(RuleStatusName(summary[0].status), "failing");
}

// ---- kind:, {a,b} alternation, TODO, pins (issue 27) ------------------------

TEST(RuleKinds, AKindWithoutAPathAllowsEveryFindingOfThatKind) {
  const std::string rule = R"(
  - id: shared-sandbox-secrets
    kind: same-secret
    reason: both environments call the vendor sandbox
    owner: team-payments
)";
  EXPECT_TRUE(Judged(SecretDrift(FindingKind::kSameSecret, "stripe.api_key"), rule).findings[0].allowed);
  EXPECT_FALSE(Judged(SecretDrift(FindingKind::kChanged, "stripe.api_key"), rule).findings[0].allowed);
}

TEST(RuleKinds, AKindListNarrowsAPathAndOnlyInNamesItsSide) {
  const std::string rule = R"(
  - id: cache-only-in-staging
    path: cache
    kind: [type-changed, only-in-staging]
    reason: staging tries the cache first
    owner: team-web
)";
  Finding staging_only = Drift(FindingKind::kOnlyIn, "services", {{"service", "api"}}, "cache",
                               "services/api/staging.yaml", "services/api/production.yaml");
  testing::Show(staging_only.left, testing::Plain(staging_only.left, "true", 3, 3));
  staging_only.AssignId();
  EXPECT_TRUE(Judged(staging_only, rule).findings[0].allowed);
  Finding production_only = Drift(FindingKind::kOnlyIn, "services", {{"service", "api"}}, "cache",
                                  "services/api/staging.yaml", "services/api/production.yaml");
  testing::Show(production_only.right, testing::Plain(production_only.right, "true", 3, 3));
  production_only.AssignId();
  EXPECT_FALSE(Judged(production_only, rule).findings[0].allowed);
  EXPECT_FALSE(Judged(PoolDrift("5", "50"), rule.substr(0, rule.find("    kind")) +
                                                "    kind: only-in\n    reason: r\n    owner: o\n")
                   .findings[0]
                   .allowed);
}

TEST(RuleKinds, AnUnknownKindIsAnErrorWithASuggestion) {
  EXPECT_NE(RuleError("  - {id: a, kind: same-secrets, reason: r, owner: o}\n").find("did you mean 'same-secret'"),
            std::string::npos);
  EXPECT_NE(RuleError("  - {id: a, kind: [], reason: r, owner: o}\n").find("'kind' is an empty list"),
            std::string::npos);
}

TEST(RuleAlternation, BracesMatchAnyOfTheirAlternativesInOneSegment) {
  const PathPattern p = PathPattern::Parse("{database,cache}.pool_{size,max}");
  EXPECT_TRUE(p.Matches(*ParseFindingPath("database.pool_size")));
  EXPECT_TRUE(p.Matches(*ParseFindingPath("cache.pool_max")));
  EXPECT_FALSE(p.Matches(*ParseFindingPath("queue.pool_size")));
  EXPECT_FALSE(p.Matches(*ParseFindingPath("database.pool_min")));
  EXPECT_TRUE(PathPattern::Parse("routes[name={health,ready}].timeout")
                  .Matches(*ParseFindingPath("routes[name=ready].timeout")));
  EXPECT_TRUE(PathPattern::Parse("{WEB,WORKER}_*").Matches(*ParseFindingPath("WORKER_CONCURRENCY")));
}

TEST(RuleAlternation, UnbalancedBracesAreSyntaxErrors) {
  EXPECT_NE(RuleError("  - {id: a, path: \"{a,b.c\", reason: r, owner: o}\n").find("unterminated '{'"),
            std::string::npos);
  EXPECT_NE(RuleError("  - {id: a, path: \"a}.b\", reason: r, owner: o}\n").find("outside {a,b}"),
            std::string::npos);
  EXPECT_NE(RuleError("  - {id: a, path: \"{a,{b}}\", reason: r, owner: o}\n").find("do not nest"),
            std::string::npos);
  EXPECT_EQ(ParseFindingPath("{a,b}.c"), std::nullopt);  // a pattern, not a finding's path
}

TEST(RuleTodo, AReasonOrOwnerStillReadingTodoIsRefusedNamingTheRule) {
  EXPECT_NE(RuleError("  - {id: suggested-a, path: a, reason: TODO, owner: team}\n")
                .find("rule 'suggested-a': 'reason' still reads TODO"),
            std::string::npos);
  EXPECT_NE(RuleError("  - {id: suggested-b, path: a, reason: why, owner: TODO}\n")
                .find("rule 'suggested-b': 'owner' still reads TODO"),
            std::string::npos);
}

TEST(RulePins, APinnedRuleThatMatchedNothingIsNotUnused) {
  const RuleSet rules = Rules(R"(
  - id: production-debug-off
    path: debug
    expect: {production: false}
    reason: never debug in production
    owner: team-sre
  - id: plain-allow
    path: debug
    expect: {staging: true, production: false}
    reason: staging debugs
    owner: team-sre
)");
  EXPECT_TRUE(rules.rules[0].Pins());
  EXPECT_FALSE(rules.rules[1].Pins());
  Report report;
  ApplyRules(report, rules, On("2026-06-01"));
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].placeholders, (std::vector<std::pair<std::string, std::string>>{{"rule", "plain-allow"}}));
}

}  // namespace
}  // namespace driftcheck
