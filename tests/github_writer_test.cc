#include <gtest/gtest.h>

#include <sstream>

#include "report/writer.h"
#include "report_samples.h"

namespace driftcheck {
namespace {

using testing::Drift;
using testing::EmptyReport;
using testing::Render;
using testing::SampleReport;
using testing::Show;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(GithubWriter, MatchesTheReviewedGoldenReport) {
  testing::ExpectMatchesGolden(Render(WriteGithub, SampleReport()), "report.github.txt");
}

TEST(GithubWriter, PrintsWorkflowCommandsOnlyWithinGithubsCaps) {
  const Report report = SampleReport();  // 12 failing findings, 2 allowed or existing
  const std::vector<std::string> lines = Lines(Render(WriteGithub, report));
  std::size_t errors = 0, notices = 0;
  for (const std::string& line : lines) {
    EXPECT_TRUE(line.starts_with("::")) << "not a workflow command: " << line;
    errors += line.starts_with("::error file=") ? 1 : 0;
    notices += line.starts_with("::notice file=") ? 1 : 0;
  }
  EXPECT_EQ(report.FailingCount(), 12u);
  EXPECT_EQ(errors, 10u);
  EXPECT_EQ(notices, 2u);
  ASSERT_EQ(lines.size(), 10u + 2u + 2u);
  // The two errors past the cap are named in one notice, the summary comes last.
  EXPECT_TRUE(lines[lines.size() - 2].starts_with("::notice title=driftcheck%3A 2 more findings::2 errors not "
                                                  "annotated"))
      << lines[lines.size() - 2];
  // Each line names its pair: one file compared in two pairs would otherwise read as a repeat.
  EXPECT_NE(lines[lines.size() - 2].find("%0Aerror services/worker/staging.yaml:3:1 invalid-file: (file) "
                                         "(staging ↔ production)"),
            std::string::npos)
      << lines[lines.size() - 2];
  EXPECT_TRUE(lines.back().starts_with("::notice title=driftcheck::driftcheck: 11 drifts")) << lines.back();
}

TEST(GithubWriter, WarningsHaveACapOfTheirOwnAndTheOverflowListIsCapped) {
  Report report = EmptyReport(1);
  for (int i = 0; i < 75; ++i) {
    Finding f = Drift(FindingKind::kChanged, "s", {}, "k" + std::to_string(100 + i), "a.yaml", "b.yaml");
    Show(f.left, Value::Int(1, "1", testing::At("a.yaml", "", i + 1, 4)));
    Show(f.right, Value::Int(2, "2", testing::At("b.yaml", "", i + 1, 4)));
    if (i % 2) f.severity = Severity::kWarning;
    f.AssignId();
    report.findings.push_back(f);
  }
  const std::vector<std::string> lines = Lines(Render(WriteGithub, report));
  std::size_t errors = 0, warnings = 0;
  for (const std::string& line : lines) {
    errors += line.starts_with("::error ") ? 1 : 0;
    warnings += line.starts_with("::warning ") ? 1 : 0;
  }
  EXPECT_EQ(errors, 10u);
  EXPECT_EQ(warnings, 10u);
  const std::string& overflow = lines[lines.size() - 2];
  EXPECT_NE(overflow.find("28 errors, 27 warnings not annotated"), std::string::npos) << overflow;
  EXPECT_NE(overflow.find("%0Aand 5 more"), std::string::npos) << overflow;
}

TEST(GithubWriter, ASubtreeOnlyOneSideHasListsItsKeys) {
  Report report = EmptyReport(1);
  Finding f = Drift(FindingKind::kOnlyIn, "s", {}, "cache", "a.yaml", "b.yaml");
  Value cache = Value::Map(testing::At("b.yaml", "", 2, 3));
  for (int i = 0; i < 25; ++i) cache.Insert("key" + std::to_string(i), {}, Value::Int(i, "", {}));
  Value nested = Value::Map({});
  nested.Insert("size", {}, Value::Int(5, "5", {}));
  cache.Insert("pool", {}, nested);
  f.left.value = ShownValue::Absent();
  Show(f.right, cache);
  f.AssignId();
  report.findings = {f};
  const std::string text = Render(WriteGithub, report);
  EXPECT_NE(text.find("%0Akeys: key0, key1, key2, "), std::string::npos) << text;
  EXPECT_NE(text.find("key19 and 6 more%0A"), std::string::npos) << text;
}

TEST(GithubWriter, EscapesPropertiesAndDataPerTheWorkflowCommandRules) {
  Report report = EmptyReport(1);
  Finding f = Drift(FindingKind::kChanged, "s", {}, "a%b", "dir,x/a:b.yaml", "dir,x/a:b.yaml");
  Show(f.left, Value::String("one\ntwo", false, testing::At("dir,x/a:b.yaml", "", 3, 4)));
  Show(f.right, Value::String("one\n::error::fake", false, testing::At("dir,x/a:b.yaml", "", 3, 4)));
  f.AssignId();
  report.findings = {f};
  const std::string text = Render(WriteGithub, report);
  EXPECT_TRUE(text.starts_with("::error file=dir%2Cx/a%3Ab.yaml,line=3,col=4,"
                               "title=driftcheck changed%3A a%25b::"))
      << text;
  EXPECT_EQ(Lines(text).size(), 2u) << "a newline in a value must not start a new command";
  EXPECT_NE(text.find("%0A- two%0A+ ::error::fake"), std::string::npos) << text;
}

TEST(GithubWriter, NeverPrintsASecret) {
  EXPECT_EQ(Render(WriteGithub, SampleReport()).find(testing::kSecret), std::string::npos);
}

}  // namespace
}  // namespace driftcheck
