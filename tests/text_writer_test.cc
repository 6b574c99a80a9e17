#include <gtest/gtest.h>

#include "report/writer.h"
#include "report_samples.h"

namespace driftcheck {
namespace {

using testing::Drift;
using testing::EmptyReport;
using testing::Plain;
using testing::Render;
using testing::SampleReport;
using testing::Show;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string LineStartingWith(const std::string& text, const std::string& prefix) {
  for (const std::string& line : Lines(text)) {
    if (line.starts_with(prefix)) return line;
  }
  ADD_FAILURE() << "no line starts with '" << prefix << "' in:\n" << text;
  return "";
}

TEST(TextWriter, MatchesTheReviewedGoldenReport) {
  testing::ExpectMatchesGolden(Render(WriteText, SampleReport()), "report.txt");
}

TEST(TextWriter, PrintsOnlyTheSummaryWhenThereIsNoDrift) {
  EXPECT_EQ(Render(WriteText, EmptyReport(14)),
            "no drift in 14 file pairs · staging 1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d ↔ production 9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c\n");
}

TEST(TextWriter, AlignsValuesWithinAFinding) {
  const std::string text = Render(WriteText, SampleReport());
  const std::string staging = LineStartingWith(text, "    staging     true  ");
  const std::string production = LineStartingWith(text, "    production  (absent)");
  EXPECT_EQ(staging, "    staging     true      services/api/staging.yaml:9:9");
  EXPECT_EQ(production, "    production  (absent)");
  const std::string narrow = LineStartingWith(text, "    staging     \"8080\"");
  const std::string wide = LineStartingWith(text, "    production  8080 ");
  EXPECT_EQ(narrow.find("services/"), wide.find("services/")) << narrow << "\n" << wide;
}

TEST(TextWriter, StopsPaddingValuesPastTheColumnCap) {
  const std::string line =
      LineStartingWith(Render(WriteText, SampleReport()), "    staging     registry");
  EXPECT_NE(line.find("3f9a2c  services/api/staging.yaml:1:8"), std::string::npos) << line;
}

TEST(TextWriter, LeavesNoTrailingBlanks) {
  for (const std::string& line : Lines(Render(WriteText, SampleReport()))) {
    EXPECT_FALSE(line.ends_with(" ")) << "'" << line << "'";
  }
}

TEST(TextWriter, ShowsTheAllowingRuleAndCountsAllowedDrift) {
  const std::string text = Render(WriteText, SampleReport());
  EXPECT_NE(text.find("database.pool_size  changed  allowed by staging-small-db-pool  ["),
            std::string::npos);
  EXPECT_TRUE(
      text.ends_with("11 drifts (1 allowed, 1 existing) · 1 reused secret · 1 schema error · "
                     "1 invalid file in 5 of 6 file pairs · "
                     "staging 1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d ↔ production 9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c, "
                     "production@v1 ↔ production@HEAD\n"))
      << text;
}

TEST(TextWriter, NamesTheRevisionOnceWhenBothSidesReadIt) {
  Report report = EmptyReport(1);
  report.environments[1].revision = report.environments[0].revision;
  EXPECT_EQ(Render(WriteText, report),
            "no drift in 1 file pair · staging ↔ production at 1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d\n");
  report.environments[0].revision = report.environments[1].revision = "worktree";
  EXPECT_EQ(Render(WriteText, report),
            "no drift in 1 file pair · staging ↔ production at worktree\n");
}

TEST(TextWriter, NamesTheDocumentAndANonErrorSeverity) {
  Report report = EmptyReport(1);
  Finding f = Drift(FindingKind::kChanged, "k8s", {{"app", "api"}}, "spec.replicas", "k/s.yaml",
                    "k/p.yaml");
  f.document = "Deployment/api";
  f.severity = Severity::kWarning;
  Show(f.left, Plain(f.left, "1", 7, 13));
  Show(f.right, Plain(f.right, "3", 7, 13));
  f.AssignId();
  report.findings = {f};
  report.Finalize();
  const std::vector<std::string> lines = Lines(Render(WriteText, report));
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0], "k8s  app=api  document=Deployment/api  staging ↔ production");
  EXPECT_EQ(lines[1], "  k/s.yaml ↔ k/p.yaml");
  EXPECT_TRUE(lines[3].starts_with("  spec.replicas  changed (warning)  [")) << lines[3];
  EXPECT_EQ(lines.back(), "1 drift in 1 of 1 file pair · staging 1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d ↔ production 9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c");
}

TEST(TextWriter, WritesNoEscapeByteWithoutColor) {
  EXPECT_EQ(Render(WriteText, SampleReport(), false).find('\x1b'), std::string::npos);
}

TEST(TextWriter, ColorsKindsPathsAndSummaryWithColor) {
  const std::string text = Render(WriteText, SampleReport(), true);
  EXPECT_NE(text.find("\x1b[33mchanged\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[31monly-in-staging\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[1mdatabase.pool_size\x1b[0m"), std::string::npos);
  EXPECT_TRUE(Lines(text).back().starts_with("\x1b[31m11 drifts")) << text;
  EXPECT_TRUE(Render(WriteText, EmptyReport(3), true).starts_with("\x1b[32mno drift"));
}

TEST(TextWriter, EscapesControlBytesComingFromTheRepository) {
  Report report = EmptyReport(1);
  Finding f = Drift(FindingKind::kOnlyIn, "s\x1b]0;x\x07", {}, "\"\x1b[2J\"", "s.yaml", "p.yaml");
  Show(f.left, Plain(f.left, "1", 1, 1));
  report.findings = {f};
  report.Finalize();
  const std::string text = Render(WriteText, report);
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_NE(text.find("\"\\x1b[2J\""), std::string::npos) << text;
}

TEST(TextWriter, NeverPrintsASecret) {
  for (bool color : {false, true}) {
    const std::string text = Render(WriteText, SampleReport(), color);
    EXPECT_EQ(text.find(testing::kSecret), std::string::npos);
    EXPECT_NE(text.find("auth_token: <redacted>"), std::string::npos);
  }
}

TEST(TextWriter, SaysWhetherRedactedSecretsDiffer) {
  const std::string text = Render(WriteText, SampleReport());
  EXPECT_NE(text.find("    staging     <redacted, differs>  services/api/staging.yaml:5:13"),
            std::string::npos) << text;
  EXPECT_NE(text.find("    staging     <redacted>  services/api/staging.yaml:6:13"), std::string::npos);
}

TEST(TextWriter, ShowsAChangedMultiLineStringAsALineDiff) {
  const std::string text = Render(WriteText, SampleReport());
  EXPECT_NE(text.find("    production@v1    (3 lines)  services/api/production.yaml:30:6\n"
                      "    production@HEAD  (3 lines)  services/api/production.yaml:31:6\n"
                      "    - Maintenance: Sunday 02:00 UTC\n"
                      "    + Maintenance: Saturday 03:00 UTC\n"),
            std::string::npos) << text;
}

Report OneChange(const Value& left, const Value& right) {
  Report report = EmptyReport(1);
  Finding f = Drift(FindingKind::kChanged, "s", {}, "k", "s.yaml", "p.yaml");
  Show(f.left, left);
  Show(f.right, right);
  report.findings = {f};
  report.Finalize();
  return report;
}

TEST(TextWriter, EscapesInvisibleCharactersSoDifferentValuesLookDifferent) {
  const std::string text = Render(WriteText, OneChange(Value::String("a\u00a0b\u200b", false, {}),
                                                       Value::String("a b", false, {})));
  EXPECT_NE(text.find("    staging     \"a\\u00a0b\\u200b\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    production  a b\n"), std::string::npos) << text;
  const std::string trailing =
      Render(WriteText, OneChange(Value::String("on ", false, {}), Value::String("on", false, {})));
  EXPECT_NE(trailing.find("\"on \""), std::string::npos) << trailing;
}

// `café` composed and as `e` + U+0301, a Cyrillic `А` for a Latin `A`: the
// two sides print alike though the values differ, so each such character is
// shown by its code point. Text that does not look alike prints as written.
TEST(TextWriter, ShowsLookAlikeCharactersByTheirCodePoints) {
  const std::string accent = Render(WriteText, OneChange(Value::String("caf\u00e9", false, {}),
                                                         Value::String("cafe\u0301", false, {})));
  EXPECT_NE(accent.find("    staging     \"caf\\u00e9\"\n"), std::string::npos) << accent;
  EXPECT_NE(accent.find("    production  \"cafe\\u0301\"\n"), std::string::npos) << accent;
  const std::string cyrillic = Render(WriteText, OneChange(Value::String("\u0410pple", false, {}),
                                                           Value::String("Apple", false, {})));
  EXPECT_NE(cyrillic.find("    staging     \"\\u0410pple\"\n"), std::string::npos) << cyrillic;
  EXPECT_NE(cyrillic.find("    production  Apple\n"), std::string::npos) << cyrillic;
  const std::string words = Render(WriteText, OneChange(Value::String("Gr\u00fc\u00dfe", false, {}),
                                                        Value::String("\u65e5\u672c", false, {})));
  EXPECT_NE(words.find("    staging     Gr\u00fc\u00dfe\n"), std::string::npos) << words;
  EXPECT_NE(words.find("    production  \u65e5\u672c\n"), std::string::npos) << words;
}

TEST(TextWriter, ShowsTheDifferencePastTheCut) {
  const std::string common(300, 'x');
  const std::string text = Render(WriteText, OneChange(Value::String(common + "-left", false, {}),
                                                       Value::String(common + "-right", false, {})));
  EXPECT_NE(text.find("x-left"), std::string::npos) << text;
  EXPECT_NE(text.find("x-right"), std::string::npos) << text;
}

TEST(TextWriter, WritesByteIdenticalOutputTwice) {
  EXPECT_EQ(Render(WriteText, SampleReport()), Render(WriteText, SampleReport()));
}

}  // namespace
}  // namespace driftcheck
