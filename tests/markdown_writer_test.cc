#include <gtest/gtest.h>

#include <sstream>

#include "report/writer.h"
#include "report_samples.h"

namespace driftcheck {
namespace {

using testing::EmptyReport;
using testing::Render;
using testing::SampleReport;

TEST(MarkdownWriter, MatchesTheReviewedGoldenReport) {
  testing::ExpectMatchesGolden(Render(WriteMarkdown, SampleReport()), "report.md");
}

TEST(MarkdownWriter, EveryTableRowHasItsColumnsWhateverTheValues) {
  std::istringstream in(Render(WriteMarkdown, SampleReport()));
  std::size_t rows = 0;
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("| ") || line.starts_with("| Kind ")) continue;
    const bool summary_row = line.find("<code>") == std::string::npos;
    if (summary_row) continue;
    ++rows;
    EXPECT_EQ(std::count(line.begin(), line.end(), '|'), 6) << line;
    EXPECT_EQ(line.find('`'), std::string::npos) << line;
    EXPECT_EQ(line.find("<b>"), std::string::npos) << line;
  }
  EXPECT_EQ(rows, SampleReport().findings.size());
}

TEST(MarkdownWriter, LeadsWithTheVerdictAndCollapsesWhatDoesNotFail) {
  const std::string md = Render(WriteMarkdown, SampleReport());
  EXPECT_TRUE(md.starts_with("### driftcheck: ❌ 12 failing · 11 drifts (1 allowed, 1 existing)")) << md;
  const std::size_t details = md.find("<details><summary>2 allowed, existing or non-blocking findings");
  ASSERT_NE(details, std::string::npos) << md;
  EXPECT_GT(md.find("staging-small-db-pool"), details);
  EXPECT_TRUE(Render(WriteMarkdown, EmptyReport(3)).starts_with("### driftcheck: ✅ passing · no drift in 3 file pairs"));
}

TEST(MarkdownWriter, NeverPrintsASecretAndIsDeterministic) {
  const std::string md = Render(WriteMarkdown, SampleReport());
  EXPECT_EQ(md.find(testing::kSecret), std::string::npos);
  EXPECT_EQ(md, Render(WriteMarkdown, SampleReport()));
}

// A group opened by a finding about one side's file (an invalid file) names
// the compared pair and both files, as a group opened by drift does.
TEST(MarkdownWriter, AGroupOpenedByAOneSidedFindingNamesItsPairAndBothFiles) {
  const std::string md = Render(WriteMarkdown, SampleReport());
  EXPECT_NE(md.find("#### services · service=worker · staging ↔ production\n\n"
                    "<code>services/worker/staging.yaml</code> ↔ <code>services/worker/production.yaml</code>\n\n"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("service=worker · staging\n"), std::string::npos) << md;
}

}  // namespace
}  // namespace driftcheck
