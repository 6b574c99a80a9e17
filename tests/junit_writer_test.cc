#include <gtest/gtest.h>

#include <regex>
#include <tuple>

#include "report/escape.h"
#include "report/writer.h"
#include "report_samples.h"

namespace driftcheck {
namespace {

using testing::EmptyReport;
using testing::Render;
using testing::SampleReport;

std::size_t Count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

std::string Attribute(const std::string& text, const std::string& element, const std::string& name) {
  std::smatch m;
  const std::regex pattern("<" + element + "[^>]* " + name + "=\"([^\"]*)\"");
  return std::regex_search(text, m, pattern) ? m[1].str() : "";
}

TEST(JunitWriter, MatchesTheReviewedGoldenReport) {
  testing::ExpectMatchesGolden(Render(WriteJunit, SampleReport()), "report.junit.xml");
}

TEST(JunitWriter, TotalsCountTheTestcasesWritten) {
  const std::string xml = Render(WriteJunit, SampleReport());
  EXPECT_EQ(Attribute(xml, "testsuites", "tests"), std::to_string(Count(xml, "<testcase ")));
  EXPECT_EQ(Attribute(xml, "testsuites", "failures"), std::to_string(Count(xml, "<failure ")));
  EXPECT_EQ(Attribute(xml, "testsuites", "errors"), std::to_string(Count(xml, "<error ")));
  EXPECT_EQ(Attribute(xml, "testsuites", "skipped"), std::to_string(Count(xml, "<skipped ")));
  // 12 failing findings: 11 failures and the invalid file as an error.
  EXPECT_EQ(Count(xml, "<failure "), 11u);
  EXPECT_EQ(Count(xml, "<error "), 1u);
}

TEST(JunitWriter, APairWithoutFailingFindingsIsOnePassingTestcase) {
  const std::string xml = Render(WriteJunit, SampleReport());
  EXPECT_NE(xml.find("<testcase name=\"service=billing staging ↔ production\" "
                     "classname=\"services.billing\" time=\"0\"/>"),
            std::string::npos) << xml;
  // The api pair fails, so it has no passing testcase of its own.
  EXPECT_EQ(xml.find("name=\"service=api staging ↔ production\""), std::string::npos);
}

TEST(JunitWriter, AllowedAndExistingFindingsAreSkippedWithTheReason) {
  const std::string xml = Render(WriteJunit, SampleReport());
  EXPECT_NE(xml.find("<skipped message=\"allowed by staging-small-db-pool: staging runs on a "
                     "small instance\"/>"),
            std::string::npos) << xml;
  EXPECT_NE(xml.find("<skipped message=\"existing: already in the baseline\"/>"), std::string::npos);
}

TEST(JunitWriter, EveryFindingAboutARuleIsInTheAllowRulesSuite) {
  Report report = EmptyReport(0);
  for (const auto& [kind, severity, id] :
       {std::tuple{FindingKind::kRuleExpired, Severity::kError, "old"},
        std::tuple{FindingKind::kRuleExpiring, Severity::kWarning, "soon"},
        std::tuple{FindingKind::kRuleUnused, Severity::kWarning, "idle"}}) {
    Finding f;
    f.kind = kind;
    f.severity = severity;
    f.source = "drift-allow.yaml";
    f.placeholders = {{"rule", id}};
    f.left.file = "drift-allow.yaml";
    f.left.location = Location{MakeOrigin("drift-allow.yaml"), 3, 5};
    f.message = std::string("rule '") + id + "'";
    f.AssignId();
    report.findings.push_back(std::move(f));
  }
  report.Finalize();
  const std::string xml = Render(WriteJunit, report);
  EXPECT_EQ(Count(xml, "<testsuite "), 1u) << xml;
  EXPECT_NE(xml.find("<testsuite name=\"allow rules\" tests=\"3\""), std::string::npos) << xml;
}

TEST(JunitWriter, EscapesMarkupAndKeepsTheDocumentValidXml) {
  const std::string xml = Render(WriteJunit, SampleReport());
  EXPECT_NE(xml.find("&quot;&lt;b&gt;|`x`|\\u001b[1m &amp; \\xff&quot;"), std::string::npos) << xml;
  // XML 1.0: valid UTF-8, and no control character but the newlines written.
  for (std::size_t i = 0; i < xml.size();) {
    char32_t code = 0;
    const std::size_t length = DecodeUtf8(xml, i, code);
    ASSERT_GT(length, 0u) << "invalid UTF-8 at byte " << i;
    EXPECT_TRUE(code == '\n' || !IsControlCode(code) || code >= 0x80) << "control at " << i;
    i += length;
  }
}

TEST(JunitWriter, EmptyRunIsAValidEmptyReport) {
  EXPECT_EQ(Render(WriteJunit, EmptyReport(0)),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"driftcheck\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\" "
            "time=\"0\">\n</testsuites>\n");
}

TEST(JunitWriter, NeverPrintsASecretAndIsDeterministic) {
  const std::string xml = Render(WriteJunit, SampleReport());
  EXPECT_EQ(xml.find(testing::kSecret), std::string::npos);
  EXPECT_NE(xml.find("&lt;redacted, differs&gt;"), std::string::npos);
  EXPECT_EQ(xml, Render(WriteJunit, SampleReport()));
}

}  // namespace
}  // namespace driftcheck
