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

TEST(GithubWriter, OneCommandPerFindingThenTheSummary) {
  const Report report = SampleReport();
  const std::vector<std::string> lines = Lines(Render(WriteGithub, report));
  ASSERT_EQ(lines.size(), report.findings.size() + 1);
  std::size_t errors = 0, notices = 0;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    errors += lines[i].starts_with("::error file=") ? 1 : 0;
    notices += lines[i].starts_with("::notice file=") ? 1 : 0;
  }
  EXPECT_EQ(errors, report.FailingCount());
  EXPECT_EQ(notices, 2u);  // the allowed and the existing finding
  EXPECT_TRUE(lines.back().starts_with("driftcheck: 11 drifts")) << lines.back();
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
