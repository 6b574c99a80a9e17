// Baselines and --new-since: existing findings are shown but do not fail.

#include "rules/baseline.h"

#include <gtest/gtest.h>

#include "report_samples.h"
#include "rules/apply.h"

namespace driftcheck {
namespace {

using testing::kSecret;
using testing::SampleReport;

// The shared sample without its unreadable file (which always exits 2) and
// its schema violation (at the allowed drift's path): the baseline tests are
// about drift that is listed, allowed or new.
Report DriftSample() {
  Report report = SampleReport();
  erase_if(report.findings, [](const Finding& f) {
    return f.kind == FindingKind::kInvalidFile || f.kind == FindingKind::kSchemaViolation || f.existing;
  });
  return report;
}

const Finding& FindingOf(const Report& report, const std::string& source) {
  for (const Finding& f : report.findings) {
    if (f.source == source) return f;
  }
  throw std::logic_error("no finding of source " + source);
}

TEST(Baseline, RecordsWhatEachFindingIsAboutNeverAValue) {
  const Report report = DriftSample();
  const std::string yaml = FormatBaseline(report, BaselineFormat::kYaml);
  const std::string json = FormatBaseline(report, BaselineFormat::kJson);
  for (const std::string& text : {yaml, json}) {
    EXPECT_EQ(text.find(kSecret), std::string::npos);
    EXPECT_EQ(text.find("redis.internal"), std::string::npos);  // a value
    EXPECT_EQ(text.find("registry.example.com"), std::string::npos);
    EXPECT_NE(text.find("database.password"), std::string::npos);  // a path is not a value
  }
  EXPECT_NE(yaml.find("  - id: \"" + FindingOf(report, "rails-db").id + "\"\n    kind: \"changed\"\n"
                      "    source: \"rails-db\"\n    placeholders: {}\n    path: \"pool\"\n"
                      "    sides: [\"staging\", \"production\"]\n"),
            std::string::npos)
      << yaml;
}

TEST(Baseline, LeavesOutAllowedFindingsAndRuleFindings) {
  const Report report = DriftSample();
  const Baseline baseline = LoadBaseline(FormatBaseline(report, BaselineFormat::kYaml), "b.yaml");
  EXPECT_EQ(baseline.entries.size(), report.findings.size() - 1);  // the pool drift is allowed
  for (const auto& e : baseline.entries) EXPECT_NE(e.path, "database.pool_size");
}

TEST(Baseline, ReadsBackBothFormatsAndMarksEveryFindingExisting) {
  for (BaselineFormat format : {BaselineFormat::kYaml, BaselineFormat::kJson}) {
    Report report = DriftSample();
    const Baseline baseline = LoadBaseline(FormatBaseline(report, format), "b");
    ASSERT_EQ(baseline.entries.size(), report.findings.size() - 1);
    EXPECT_EQ(baseline.entries[0].placeholders, report.findings[0].placeholders);
    ApplyBaseline(report, baseline);
    EXPECT_EQ(report.findings.size(), DriftSample().findings.size());  // nothing stale
    EXPECT_EQ(report.FailingCount(), 0u);
    EXPECT_EQ(report.ExitCode(), 0);
  }
}

TEST(Baseline, OnlyNewFindingsFailAndGoneOnesAreNotes) {
  Report before = DriftSample();
  const Finding gone = before.findings.back();
  before.findings.pop_back();  // a finding the baseline will not know
  const std::string new_id = gone.id.str();
  Report now = DriftSample();
  Baseline baseline = LoadBaseline(FormatBaseline(before, BaselineFormat::kYaml), "b.yaml");
  // And one entry that no longer occurs:
  BaselineEntry fixed{"0123456789abcdef", "changed", "services", {{"service", "api"}}, "", "replicas",
                      {"staging", "production"}, std::nullopt, ""};
  baseline.entries.push_back(fixed);
  ApplyBaseline(now, baseline);
  ASSERT_EQ(now.FailingCount(), 1u);
  for (const Finding& f : now.findings) {
    if (f.failing()) {
      EXPECT_EQ(f.id, new_id);
    }
  }
  const Finding& note = now.findings.back();
  EXPECT_EQ(note.severity, Severity::kNote);
  EXPECT_EQ(note.id, "0123456789abcdef");
  EXPECT_EQ(note.path, "replicas");
  EXPECT_FALSE(note.failing());
  EXPECT_NE(note.message.find("no longer occurs"), std::string::npos);
  EXPECT_EQ(now.ExitCode(), 1);
}

TEST(Baseline, AGoneInvalidFileEntryIsANoteNamingTheFileAndNeverExitsTwo) {
  Baseline baseline{"b.yaml", {}};
  baseline.entries.push_back({"0123456789abcdef", "invalid-file", "services", {{"service", "api"}}, "", "",
                              {"production"}, std::vector<std::string>{""}, "services/api/production.yaml"});
  // Written by an older driftcheck: no `file:`, so the note names the source.
  baseline.entries.push_back({"0123456789abcde0", "invalid-file", "services", {{"service", "web"}}, "", "",
                              {"staging"}, std::nullopt, ""});
  Report report = testing::EmptyReport(1);
  ApplyBaseline(report, baseline);
  ASSERT_EQ(report.findings.size(), 2u);
  const Finding& named = report.findings[0];
  EXPECT_EQ(named.severity, Severity::kNote);
  EXPECT_EQ(named.message, "invalid-file of services/api/production.yaml in the baseline b.yaml no longer occurs");
  EXPECT_EQ(named.left.location.file(), "services/api/production.yaml");
  EXPECT_EQ(report.findings[1].message, "invalid-file in source 'services' in the baseline b.yaml no longer occurs");
  EXPECT_EQ(report.ExitCode(), 0);
}

TEST(Baseline, RecordsTheFileOfAFindingAboutAWholeFile) {
  Report report = testing::EmptyReport(1);
  Finding f = testing::Drift(FindingKind::kInvalidFile, "services", {}, "", "services/api/staging.yaml", "");
  f.right = {};
  f.message = "cannot read the file: invalid YAML";
  f.AssignId();
  report.findings.push_back(f);
  for (BaselineFormat format : {BaselineFormat::kYaml, BaselineFormat::kJson}) {
    const Baseline baseline = LoadBaseline(FormatBaseline(report, format), "b");
    ASSERT_EQ(baseline.entries.size(), 1u);
    EXPECT_EQ(baseline.entries[0].file, "services/api/staging.yaml");
  }
}

TEST(Baseline, EntriesOfSourcesASourceRunDidNotCheckAreNeverStale) {
  const Baseline baseline = LoadBaseline(FormatBaseline(DriftSample(), BaselineFormat::kYaml), "b.yaml");
  Report only_rails = testing::EmptyReport(1);
  ApplyBaseline(only_rails, baseline, {"rails-db"});
  for (const Finding& f : only_rails.findings) EXPECT_EQ(f.source, "rails-db") << f.path;
  Report all = testing::EmptyReport(1);
  ApplyBaseline(all, baseline);
  EXPECT_GT(all.findings.size(), only_rails.findings.size());
}

TEST(Baseline, AnUnchangedStaleEntryKeepsTheIdItWasWrittenWith) {
  Report report = DriftSample();
  const Baseline baseline = LoadBaseline(FormatBaseline(report, BaselineFormat::kJson), "b.json");
  Report empty = testing::EmptyReport(1);
  ApplyBaseline(empty, baseline);
  ASSERT_EQ(empty.findings.size(), baseline.entries.size());
  // Recomputing the id from the entry gives the same id: the note names the finding exactly.
  for (std::size_t i = 0; i < empty.findings.size(); ++i) {
    Finding copy = empty.findings[i];
    copy.AssignId();
    EXPECT_EQ(copy.id, baseline.entries[i].id) << baseline.entries[i].path;
  }
}

TEST(Baseline, MalformedFilesAreInputErrors) {
  EXPECT_THROW(LoadBaseline("version: 1\nfindings: [{id: xyz}]\n", "b.yaml"), InputError);
  EXPECT_THROW(LoadBaseline("version: 2\nfindings: []\n", "b.yaml"), InputError);
  EXPECT_THROW(LoadBaseline("findings: []\n", "b.yaml"), InputError);
  EXPECT_THROW(LoadBaseline("version: 1\nfindings: [{id: 0123456789abcdef, colour: red}]\n", "b.yaml"),
               InputError);
  EXPECT_NO_THROW(LoadBaseline("version: 1\nfindings: []\n", "b.yaml"));
}

TEST(NewSince, MarksOnlyWhatFailedBeforeAsExisting) {
  const Report before = DriftSample();
  Report now = DriftSample();
  // The allowed pool drift at REV: if it fails now, the change made it fail.
  for (Finding& f : now.findings) f.allowed.reset();
  MarkExisting(now.findings, before.findings);
  ASSERT_EQ(now.FailingCount(), 1u);
  for (const Finding& f : now.findings) {
    if (f.failing()) {
      EXPECT_EQ(f.path, "database.pool_size");
    }
  }
}

// Production's `replicas` at one path, as the engine makes it: `value` is
// the normalized value's fingerprint.
Finding Replicas(FindingKind kind, const char* staging, const char* production) {
  Finding f = testing::Drift(kind, "services", {{"service", "api"}}, "replicas",
                             "services/api/staging.yaml", "services/api/production.yaml");
  const SecretMatcher secrets;
  if (staging) {
    testing::Show(f.left, testing::Plain(f.left, staging, 1, 11));
    f.left.value_digest = ValueFingerprint(f.left.value.value(), secrets, Path(), nullptr);
  }
  if (production) {
    testing::Show(f.right, testing::Plain(f.right, production, 1, 11));
    f.right.value_digest = ValueFingerprint(f.right.value.value(), secrets, Path(), nullptr);
  }
  f.AssignId();
  return f;
}

Report ReportOf(std::vector<Finding> findings) {
  Report report = testing::EmptyReport(1);
  report.findings = std::move(findings);
  return report;
}

TEST(Baseline, RecordsAFingerprintOfEachSidesValueNeverTheValue) {
  const Report report = ReportOf({Replicas(FindingKind::kChanged, "2", "6")});
  const std::string yaml = FormatBaseline(report, BaselineFormat::kYaml);
  const Finding& f = report.findings[0];
  EXPECT_NE(yaml.find("    values: [\"" + f.left.value_digest.hex() + "\", \"" + f.right.value_digest.hex() + "\"]\n"),
            std::string::npos) << yaml;
  EXPECT_NE(f.left.value_digest, f.right.value_digest);
  const Baseline baseline = LoadBaseline(FormatBaseline(report, BaselineFormat::kJson), "b.json");
  ASSERT_TRUE(baseline.entries[0].values.has_value());
  EXPECT_EQ(*baseline.entries[0].values, (std::vector<std::string>{f.left.value_digest.hex(), f.right.value_digest.hex()}));
}

TEST(Baseline, AChangedValueAtTheSamePathIsNew) {
  const Baseline baseline =
      LoadBaseline(FormatBaseline(ReportOf({Replicas(FindingKind::kChanged, "2", "6")}), BaselineFormat::kYaml), "b");
  Report same = ReportOf({Replicas(FindingKind::kChanged, "2", "6")});
  ApplyBaseline(same, baseline);
  EXPECT_EQ(same.ExitCode(), 0);
  Report changed = ReportOf({Replicas(FindingKind::kChanged, "2", "0")});
  ASSERT_EQ(changed.findings[0].id, same.findings[0].id);  // one identity, another drift
  ApplyBaseline(changed, baseline);
  EXPECT_TRUE(changed.findings[0].failing());
  EXPECT_EQ(changed.findings.back().severity, Severity::kNote);  // the old entry no longer occurs
  EXPECT_EQ(changed.ExitCode(), 1);
}

TEST(Baseline, ADriftThatFlipsSidesIsNew) {
  const Baseline baseline = LoadBaseline(
      FormatBaseline(ReportOf({Replicas(FindingKind::kOnlyIn, "true", nullptr)}), BaselineFormat::kYaml), "b");
  Report flipped = ReportOf({Replicas(FindingKind::kOnlyIn, nullptr, "true")});
  ApplyBaseline(flipped, baseline);
  EXPECT_EQ(flipped.findings[0].KindName(), "only-in-production");
  EXPECT_TRUE(flipped.findings[0].failing());
  EXPECT_EQ(flipped.ExitCode(), 1);
}

TEST(Baseline, AnOlderEntryWithoutFingerprintsMatchesOnIdAndKind) {
  const Finding f = Replicas(FindingKind::kChanged, "2", "0");
  const Baseline baseline = LoadBaseline("version: 1\nfindings:\n  - {id: \"" + f.id + "\", kind: changed}\n", "b");
  Report report = ReportOf({f});
  ApplyBaseline(report, baseline);
  EXPECT_TRUE(report.findings[0].existing);
  EXPECT_EQ(report.ExitCode(), 0);
  const Baseline other_kind = LoadBaseline("version: 1\nfindings:\n  - {id: \"" + f.id + "\", kind: type-changed}\n", "b");
  Report again = ReportOf({f});
  ApplyBaseline(again, other_kind);
  EXPECT_TRUE(again.findings[0].failing());
}

TEST(NewSince, AFlippedOrChangedDriftIsNew) {
  const FindingList before = {Replicas(FindingKind::kChanged, "2", "6")};
  FindingList now = {Replicas(FindingKind::kChanged, "2", "0"), Replicas(FindingKind::kChanged, "2", "6")};
  MarkExisting(now, before);
  EXPECT_FALSE(now[0].existing);
  EXPECT_TRUE(now[1].existing);
  FindingList flipped = {Replicas(FindingKind::kOnlyIn, nullptr, "true")};
  MarkExisting(flipped, {Replicas(FindingKind::kOnlyIn, "true", nullptr)});
  EXPECT_FALSE(flipped[0].existing);
}

TEST(NewSince, NeverHidesFindingsAboutRules) {
  Report before, now;
  const std::string rules = "version: 1\nrules:\n  - {id: old, path: x, reason: r, owner: o, expires: 2020-01-01}\n";
  RuleOptions options;
  ApplyRules(before, LoadRules(rules, "drift-allow.yaml", nullptr), options);
  ApplyRules(now, LoadRules(rules, "drift-allow.yaml", nullptr), options);
  MarkExisting(now.findings, before.findings);
  ASSERT_EQ(now.findings.size(), 1u);
  EXPECT_TRUE(now.findings[0].failing());
}

}  // namespace
}  // namespace driftcheck
