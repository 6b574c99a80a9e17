#include "finding/finding.h"

#include <gtest/gtest.h>

#include <set>

#include "report_samples.h"

namespace driftcheck {
namespace {

using testing::Drift;

Value Plain(std::string text) { return Value::FromPlainScalar(std::move(text), {}); }
Value Str(std::string text) { return Value::String(std::move(text), true, {}); }

Value MapOf(std::vector<std::pair<std::string, Value>> entries) {
  Value map = Value::Map({});
  for (auto& [key, value] : entries) map.Insert(key, {}, std::move(value));
  return map;
}

Value ListOf(std::vector<Value> items) {
  Value list = Value::List({});
  for (auto& item : items) list.Append(std::move(item));
  return list;
}

TEST(FlowText, PrintsScalarsAsAYaml12ReaderWouldReadThemBack) {
  EXPECT_EQ(FlowText(Plain("8080")), "8080");
  EXPECT_EQ(FlowText(Str("8080")), "\"8080\"");
  EXPECT_EQ(FlowText(Str("yes")), "yes");  // a string under the 1.2 core schema
  EXPECT_EQ(FlowText(Str("true")), "\"true\"");
  EXPECT_EQ(FlowText(Str("null")), "\"null\"");
  EXPECT_EQ(FlowText(Str("~")), "\"~\"");
  EXPECT_EQ(FlowText(Str("1e3")), "\"1e3\"");
  EXPECT_EQ(FlowText(Str(".inf")), "\".inf\"");
  EXPECT_EQ(FlowText(Str("")), "\"\"");
  EXPECT_EQ(FlowText(Plain("true")), "true");
  EXPECT_EQ(FlowText(Plain("null")), "null");
  EXPECT_EQ(FlowText(Value()), "null");
}

TEST(FlowText, PrintsNumbersAsWritten) {
  EXPECT_EQ(FlowText(Plain("0x1F")), "0x1F");
  EXPECT_EQ(FlowText(Plain("1e3")), "1e3");
  EXPECT_EQ(FlowText(Plain("-.inf")), "-.inf");
  EXPECT_EQ(FlowText(Value::Float(1.5, "1.50", {})), "1.50");
}

TEST(FlowText, PrintsNumbersBuiltWithoutTextInShortestForm) {
  EXPECT_EQ(FlowText(Value::Int(42, "", {})), "42");
  EXPECT_EQ(FlowText(Value::Float(0.1, "", {})), "0.1");
  EXPECT_EQ(FlowText(Value::Integer("18446744073709551617", "", {})), "18446744073709551617");
}

TEST(FlowText, LeavesOrdinaryStringsPlain) {
  for (const char* s : {"api", "a:b", "a#b", "http://x.example.com:80/p", "say \"hi\"", "1.2.3",
                        "yes", "no", "on", "<b>", "héllo wörld"}) {
    EXPECT_EQ(FlowText(Str(s)), s) << s;
  }
}

TEST(FlowText, QuotesStringsThatWouldNotReadBackTheSame) {
  EXPECT_EQ(FlowText(Str(" lead")), "\" lead\"");
  EXPECT_EQ(FlowText(Str("trail ")), "\"trail \"");
  EXPECT_EQ(FlowText(Str("a: b")), "\"a: b\"");
  EXPECT_EQ(FlowText(Str("ends:")), "\"ends:\"");
  EXPECT_EQ(FlowText(Str("a #b")), "\"a #b\"");
  EXPECT_EQ(FlowText(Str("a,b")), "\"a,b\"");
  EXPECT_EQ(FlowText(Str("x]")), "\"x]\"");
  EXPECT_EQ(FlowText(Str("{x")), "\"{x\"");
  for (const char* lead :
       {"-x", "?x", ":x", "#x", "&x", "*x", "!x", "|x", ">x", "'x", "%x", "@x", "`x"}) {
    EXPECT_EQ(FlowText(Str(lead)), "\"" + std::string(lead) + "\"") << lead;
  }
}

TEST(FlowText, EscapesQuotedStringsLikeJson) {
  EXPECT_EQ(FlowText(Str("\"q\"")), R"("\"q\"")");
  EXPECT_EQ(FlowText(Str("line\nbreak")), R"("line\nbreak")");
  EXPECT_EQ(FlowText(Str("tab\there")), R"("tab\there")");
  EXPECT_EQ(FlowText(Str("-back\\slash")), R"("-back\\slash")");
  EXPECT_EQ(FlowText(Str("\x1b[31mred")), R"("\u001b[31mred")");
  EXPECT_EQ(FlowText(Str("nel\xC2\x85here")), R"("nel\u0085here")");
}

TEST(FlowText, PrintsListsAndMapsInFlowStyle) {
  EXPECT_EQ(FlowText(ListOf({Str("a"), Plain("1"), Str("2")})), R"([a, 1, "2"])");
  Value map = MapOf({{"name", Str("api")}, {"port", Plain("8080")}, {"true", Str("x")}});
  EXPECT_EQ(FlowText(map), R"({name: api, port: 8080, "true": x})");
  EXPECT_EQ(FlowText(MapOf({{"z", ListOf({})}, {"a", MapOf({})}})), "{z: [], a: {}}");
  EXPECT_EQ(FlowText(ListOf({MapOf({{"k", Plain("null")}})})), "[{k: null}]");
}

TEST(FlowText, BoundsAHugeSubtree) {
  Value list = Value::List({});
  for (int i = 0; i < 100000; ++i) list.Append(Plain(std::to_string(i)));
  const std::string text = FlowText(list);
  EXPECT_LE(text.size(), 200 + std::string("…").size());
  EXPECT_TRUE(text.ends_with("…")) << text;
  EXPECT_TRUE(text.starts_with("[0, 1, 2")) << text;
}

TEST(FlowText, TruncatesOnACharacterBoundary) {
  std::string accents;
  for (int i = 0; i < 300; ++i) accents += "é";
  const std::string text = FlowText(Str("x" + accents));
  ASSERT_TRUE(text.ends_with("…"));
  const std::string body = text.substr(0, text.size() - std::string("…").size());
  EXPECT_EQ(body, "x" + accents.substr(0, body.size() - 1));
  EXPECT_EQ((body.size() - 1) % 2, 0u);  // whole two-byte characters only
}

TEST(FlowText, ShowsRedactionAndAbsence) {
  EXPECT_EQ(FlowText(ShownValue::Absent()), "(absent)");
  EXPECT_EQ(FlowText(ShownValue::Redacted()), "<redacted>");
  EXPECT_EQ(FlowText(ShownValue::Present()), "(present)");
  EXPECT_FALSE(ShownValue::Present().shown());
  EXPECT_FALSE(ShownValue::Present().redacted());
  EXPECT_EQ(FlowText(ShownValue::Of(Str("8080"), SecretMatcher())), "\"8080\"");
}

TEST(ShownValue, RedactsASecretNestedInASubtree) {
  const Value value = MapOf({{"db", MapOf({{"host", Str("db1")}, {"password", Str("hunter2")}})}});
  const ShownValue shown = ShownValue::Of(value, SecretMatcher());
  EXPECT_EQ(FlowText(shown), "{db: {host: db1, password: <redacted>}}");
  EXPECT_EQ(FlowText(shown).find("hunter2"), std::string::npos);
  EXPECT_TRUE(shown.present());
  EXPECT_FALSE(shown.redacted());
}

TEST(ShownValue, RedactsAWholeSecretSubtreeAndSecretsInsideLists) {
  const Value value = ListOf({MapOf(
      {{"apiKey", MapOf({{"id", Str("k1")}, {"v", Str("hunter2")}})}, {"name", Str("svc")}})});
  EXPECT_EQ(FlowText(ShownValue::Of(value, SecretMatcher())), "[{apiKey: <redacted>, name: svc}]");
}

TEST(ShownValue, UsesTheManifestsSecretKeys) {
  const Value value = MapOf({{"pin", Str("1234")}, {"password", Str("pw")}});
  EXPECT_EQ(FlowText(ShownValue::Of(value, SecretMatcher({"pin"}))),
            "{pin: <redacted>, password: pw}");
}

TEST(ShownValue, HidesWhatAValueDetectorFindsWhateverTheKey) {
  const Value value = MapOf({{"env", ListOf({MapOf({{"name", Str("DB_PASSWORD")}, {"value", Str("hunter2")}}),
                                             MapOf({{"name", Str("LOG_LEVEL")}, {"value", Str("info")}}),
                                             Str("API_TOKEN=hunter3"), Str("MODE=fast")})},
                             {"url", Str("postgres://app:hunter4@db/app")}});
  const ShownValue shown = ShownValue::Of(value, SecretMatcher());
  EXPECT_EQ(FlowText(shown),
            "{env: [{name: DB_PASSWORD, value: <redacted>}, {name: LOG_LEVEL, value: info}, "
            "API_TOKEN=<redacted>, MODE=fast], url: postgres://app:<redacted>@db/app}");
  EXPECT_TRUE(shown.partly_redacted());
  EXPECT_FALSE(ShownValue::Of(Str("postgres://app@db/app"), SecretMatcher()).partly_redacted());
}

TEST(ShownValue, AKeyShapedLikeACredentialPrintsAsAFingerprint) {
  const Value value = MapOf({{"sk_live_4eC39HqLyjWDarjtT1zdp7dc", Str("web")}, {"plain", Str("x")}});
  const std::string text = FlowText(ShownValue::Of(value, SecretMatcher()));
  EXPECT_EQ(text.find("4eC39HqLyjWDarjtT1zdp7dc"), std::string::npos) << text;
  EXPECT_TRUE(text.starts_with("{<redacted:")) << text;
  // The value under a key that is a credential is secret too.
  EXPECT_TRUE(text.ends_with(": <redacted>, plain: x}")) << text;
}

// A configuration may hold text that reads like a redaction (a scrubbed
// copy's `<redacted>`, a literal `ghp_<redacted>`): a report must never print
// it as one, or a plain value would pass for a secret and a value that differs
// from a real token would look equal to it.
TEST(ShownValue, TextThatReadsLikeARedactionNeverPrintsAsOne) {
  EXPECT_EQ(FlowText(ShownValue::Of(Plain("<redacted>"), SecretMatcher())), "\"\\x3credacted>\"");
  EXPECT_EQ(FlowText(ShownValue::Of(Plain("X=<redacted>"), SecretMatcher())), "\"X=\\x3credacted>\"");
  const std::string literal = FlowText(ShownValue::Of(Plain("ghp_<redacted>"), SecretMatcher()));
  const std::string real = FlowText(ShownValue::Of(Plain("ghp_abcdefghijklmnopqrstuvwxyz0123456789"), SecretMatcher()));
  EXPECT_EQ(real, "ghp_<redacted>");
  EXPECT_NE(literal, real);
  EXPECT_FALSE(ShownValue::Of(Plain("<redacted>"), SecretMatcher()).partly_redacted());
  // Inside a subtree shown whole, beside a real redaction.
  const Value map = MapOf({{"note", Str("<redacted>")}, {"password", Str("hunter2")}});
  EXPECT_EQ(FlowText(ShownValue::Of(map, SecretMatcher())), "{note: \"\\x3credacted>\", password: <redacted>}");
  // A key that reads like a fingerprint prints as one of its own; its value stays shown.
  const Value keyed = MapOf({{"<redacted:3fa9c0d2>", Plain("1")}, {"plain", Str("x")}});
  const std::string text = FlowText(ShownValue::Of(keyed, SecretMatcher()));
  EXPECT_EQ(text.find("3fa9c0d2"), std::string::npos) << text;
  EXPECT_TRUE(text.starts_with("{<redacted:")) << text;
  EXPECT_TRUE(text.ends_with(">: 1, plain: x}")) << text;
}

TEST(ShownValue, RedactedAndAbsentHoldNoValue) {
  EXPECT_TRUE(ShownValue::Redacted().present());
  EXPECT_TRUE(ShownValue::Redacted().redacted());
  EXPECT_TRUE(ShownValue::Redacted().value().is_null());
  EXPECT_FALSE(ShownValue::Absent().present());
  EXPECT_FALSE(ShownValue::Absent().redacted());
}

TEST(Finding, NamesOnlyInAfterTheEnvironmentThatHasTheValue) {
  Finding f = Drift(FindingKind::kOnlyIn, "s", {}, "a", "s.yaml", "p.yaml");
  f.right.value = ShownValue::Of(Str("x"), SecretMatcher());
  EXPECT_EQ(f.KindName(), "only-in-production");
  EXPECT_EQ(f.PresentLabel(), "production");
  f.right.value = ShownValue::Absent();
  f.left.value = ShownValue::Redacted();
  EXPECT_EQ(f.KindName(), "only-in-staging");
}

TEST(Finding, NamesTheOtherKinds) {
  Finding f = Drift(FindingKind::kChanged, "s", {}, "a", "s.yaml", "p.yaml");
  EXPECT_EQ(f.KindName(), "changed");
  EXPECT_EQ(f.PresentLabel(), "");
  f.kind = FindingKind::kTypeChanged;
  EXPECT_EQ(f.KindName(), "type-changed");
  f.kind = FindingKind::kFileMissing;
  f.left.value = ShownValue::Present();
  EXPECT_EQ(f.KindName(), "file-missing");
  EXPECT_EQ(f.PresentLabel(), "staging");
  EXPECT_EQ(KindFamilyName(FindingKind::kOnlyIn), "only-in");
}

TEST(Finding, FailsOnlyWhenAnUnallowedError) {
  Finding f = Drift(FindingKind::kChanged, "s", {}, "a", "s.yaml", "p.yaml");
  EXPECT_TRUE(f.failing());
  f.allowed = Allowance{"rule", "r", "o", "", ""};
  EXPECT_FALSE(f.failing());
  f.allowed.reset();
  f.severity = Severity::kWarning;
  EXPECT_FALSE(f.failing());
  EXPECT_EQ(SeverityName(Severity::kError), "error");
  EXPECT_EQ(SeverityName(Severity::kWarning), "warning");
  EXPECT_EQ(SeverityName(Severity::kNote), "note");
}

Report ReportOf(std::vector<Finding> findings) {
  Report report;
  report.findings = std::move(findings);
  report.Finalize();
  return report;
}

std::vector<std::string> Paths(const Report& report) {
  std::vector<std::string> paths;
  for (const Finding& f : report.findings)
    paths.push_back(f.source + ":" + f.document + ":" + f.path);
  return paths;
}

TEST(Report, FinalizeSortsByFilePairAndKeepsTheDiffsOrderWithinOne) {
  const Report report = ReportOf({
      Drift(FindingKind::kChanged, "svc", {{"service", "web"}}, "z", "w.yaml", "w.yaml"),
      Drift(FindingKind::kChanged, "svc", {{"service", "api"}}, "z", "a.yaml", "a.yaml"),
      Drift(FindingKind::kChanged, "svc", {{"service", "api"}}, "b", "a.yaml", "a.yaml"),
      Drift(FindingKind::kChanged, "chart", {}, "y", "c.yaml", "c.yaml"),
      Drift(FindingKind::kChanged, "svc", {{"service", "api"}}, "m", "a.yaml", "a.yaml"),
  });
  EXPECT_EQ(Paths(report),
            (std::vector<std::string>{"chart::y", "svc::z", "svc::b", "svc::m", "svc::z"}));
  EXPECT_EQ(report.findings[1].placeholders[0].second, "api");
  EXPECT_EQ(report.findings[4].placeholders[0].second, "web");
}

TEST(Report, FinalizeOrdersNumberedDocumentsByNumber) {
  std::vector<Finding> findings;
  for (const char* doc : {"#10", "#2", "#1", "Service/api"}) {
    findings.push_back(Drift(FindingKind::kChanged, "k8s", {}, "spec", "m.yaml", "m.yaml"));
    findings.back().document = doc;
  }
  EXPECT_EQ(Paths(ReportOf(findings)),
            (std::vector<std::string>{"k8s:#1:spec", "k8s:#2:spec", "k8s:#10:spec",
                                      "k8s:Service/api:spec"}));
}

TEST(Report, FinalizeSortsByEnvironmentPairFirst) {
  Finding qa = Drift(FindingKind::kChanged, "a", {}, "x", "f", "f");
  qa.left.label = qa.left.env = qa.pair_labels.first = "qa";
  const Report report = ReportOf({qa, Drift(FindingKind::kChanged, "z", {}, "x", "f", "f")});
  EXPECT_EQ(report.findings[0].left.label, "qa");
}

std::string IdOf(Finding finding) {
  finding.AssignId();
  return finding.id.str();
}

Finding PoolSize() {
  Finding f = Drift(FindingKind::kChanged, "services", {{"service", "api"}}, "database.pool_size",
                    "services/api/staging.yaml", "services/api/production.yaml");
  f.left.value = ShownValue::Of(Plain("5"), SecretMatcher());
  f.right.value = ShownValue::Of(Plain("50"), SecretMatcher());
  return f;
}

TEST(Report, IdIsSixteenLowercaseHexDigitsAndPinned) {
  const std::string id = IdOf(PoolSize());
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  // Baselines store ids: changing how they are derived breaks every baseline.
  EXPECT_EQ(id, "a0c49249022ea0da");
}

TEST(Report, IdsOfManyFindingsInOneRunAreDistinct) {
  std::set<std::string> ids;
  Finding f = PoolSize();
  for (int i = 0; i < 300'000; ++i) {
    f.path = "key" + std::to_string(i);
    ids.insert(IdOf(f));
  }
  EXPECT_EQ(ids.size(), 300'000u);
}

// 18F/culper: a list compared as a set left an unpaired item at index 0 on
// each side, `only-in-development` and `only-in-staging` at `applications[0]`,
// one identity. Finalize tells them apart; the first keeps its id.
TEST(Report, FinalizeGivesFindingsOfOneIdentityDistinctIds) {
  Finding left = Drift(FindingKind::kOnlyIn, "cf", {}, "applications[0]", "a-dev.yml", "a-staging.yml");
  left.left.value = ShownValue::Present();
  Finding right = left;
  right.left.value = ShownValue::Absent();
  right.right.value = ShownValue::Present();
  left.AssignId();
  right.AssignId();
  ASSERT_EQ(left.id, right.id);
  Report report;
  report.findings = {left, right};
  report.Finalize();
  EXPECT_EQ(report.findings[0].id, left.id);
  EXPECT_NE(report.findings[1].id, report.findings[0].id);
  const std::string second = report.findings[1].id.str();
  report.Finalize();  // again (after the rules): nothing changes
  EXPECT_EQ(report.findings[1].id, second);
}

TEST(Report, OneEnvironmentAtTwoRevisionsKeepsBothSidesApart) {
  Finding f = PoolSize();
  f.left.label = "production@v1";
  f.right.label = "production@HEAD";
  f.left.env = f.right.env = "production";
  f.kind = FindingKind::kOnlyIn;
  f.left.value = ShownValue::Absent();
  EXPECT_EQ(f.KindName(), "only-in-production@HEAD");
  EXPECT_NE(IdOf(f), IdOf(PoolSize()));
}

TEST(Report, ViolationsAndDriftAtOnePathHaveDifferentIds) {
  Finding violation = PoolSize();
  violation.kind = FindingKind::kSchemaViolation;
  violation.message = "expected integer";
  Finding other = violation;
  other.message = "expected at most 10";
  EXPECT_NE(IdOf(violation), IdOf(PoolSize()));
  EXPECT_NE(IdOf(violation), IdOf(other));
}

TEST(Report, IdSurvivesAValueOrKindChange) {
  Finding edited = PoolSize();
  edited.right.value = ShownValue::Of(Plain("80"), SecretMatcher());
  edited.right.location = testing::At("services/api/production.yaml", "other", 7, 3);
  edited.kind = FindingKind::kTypeChanged;
  edited.allowed = Allowance{"rule", "r", "o", "", ""};
  EXPECT_EQ(IdOf(edited), IdOf(PoolSize()));
}

TEST(Report, IdChangesWithWhatTheFindingIsAbout) {
  const std::string base = IdOf(PoolSize());
  Finding path = PoolSize();
  path.path = "database.pool_max";
  Finding placeholder = PoolSize();
  placeholder.placeholders = {{placeholder.placeholders[0].first, "web"}};
  Finding document = PoolSize();
  document.document = "#1";
  Finding env = PoolSize();
  env.right.label = "qa";
  Finding source = PoolSize();
  source.source = "service";
  for (const Finding& f : {path, placeholder, document, env, source}) EXPECT_NE(IdOf(f), base);
}

TEST(Report, IdFieldsCannotRunTogether) {
  Finding a = PoolSize(), b = PoolSize();
  a.source = "ab";
  a.document = "c";
  b.source = "a";
  b.document = "bc";
  EXPECT_NE(IdOf(a), IdOf(b));
}

TEST(Report, ExitCodeIsOneOnlyWithAFailingFinding) {
  Report report;
  EXPECT_EQ(report.ExitCode(), 0);
  Finding allowed = PoolSize();
  allowed.allowed = Allowance{"rule", "r", "o", "", ""};
  Finding warning = PoolSize();
  warning.severity = Severity::kWarning;
  report = ReportOf({allowed, warning});
  EXPECT_EQ(report.ExitCode(), 0);
  EXPECT_EQ(report.FailingCount(), 0u);
  report.findings.push_back(PoolSize());
  EXPECT_EQ(report.ExitCode(), 1);
  EXPECT_EQ(report.FailingCount(), 1u);
  Finding existing = PoolSize();
  existing.existing = true;
  EXPECT_FALSE(existing.failing());
}

TEST(Report, AnUnreadableFileMakesTheExitCodeTwoWhateverElseHolds) {
  Finding invalid = PoolSize();
  invalid.kind = FindingKind::kInvalidFile;
  invalid.allowed = Allowance{"rule", "r", "o", "", ""};
  EXPECT_EQ(ReportOf({invalid}).ExitCode(), 2);
}

}  // namespace
}  // namespace driftcheck
