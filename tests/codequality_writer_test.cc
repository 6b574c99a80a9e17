#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "report/writer.h"
#include "report_samples.h"

namespace driftcheck {
namespace {

using nlohmann::json;
using testing::Render;
using testing::SampleReport;

json CodeQuality(const Report& report) { return json::parse(Render(WriteCodeQuality, report)); }

// What GitLab's Code Quality widget needs of each entry.
TEST(CodeQualityWriter, EveryEntryHasWhatGitLabReads) {
  const json doc = CodeQuality(SampleReport());
  ASSERT_TRUE(doc.is_array());
  ASSERT_FALSE(doc.empty());
  const std::set<std::string> severities = {"info", "minor", "major", "critical", "blocker"};
  for (const json& entry : doc) {
    EXPECT_FALSE(entry["description"].get<std::string>().empty()) << entry;
    EXPECT_FALSE(entry["check_name"].get<std::string>().empty()) << entry;
    EXPECT_FALSE(entry["fingerprint"].get<std::string>().empty()) << entry;
    EXPECT_TRUE(severities.contains(entry["severity"].get<std::string>())) << entry;
    EXPECT_FALSE(entry["location"]["path"].get<std::string>().empty()) << entry;
    EXPECT_GE(entry["location"]["lines"]["begin"].get<int>(), 1) << entry;
  }
}

TEST(CodeQualityWriter, PointsAtTheFileAndLineWithTheFindingIdAsFingerprint) {
  const Report report = SampleReport();
  const json doc = CodeQuality(report);
  const Finding* port = nullptr;
  for (const Finding& f : report.findings) {
    if (f.path == "server.port") port = &f;
  }
  ASSERT_NE(port, nullptr);
  const auto entry = std::find_if(doc.begin(), doc.end(), [&](const json& e) { return e["fingerprint"] == port->id.str(); });
  ASSERT_NE(entry, doc.end());
  EXPECT_EQ((*entry)["check_name"], "type-changed");
  EXPECT_EQ((*entry)["severity"], "major");
  EXPECT_EQ((*entry)["location"]["path"], "services/api/production.yaml");
  EXPECT_EQ((*entry)["location"]["lines"]["begin"], 2);
  EXPECT_NE((*entry)["description"].get<std::string>().find("server.port type-changed"), std::string::npos);
}

TEST(CodeQualityWriter, FingerprintsAreUniqueEvenWhenOneFindingRepeats) {
  Report report = SampleReport();
  const std::size_t before = CodeQuality(report).size();
  report.findings.push_back(report.findings.back());  // the same id twice
  report.findings.push_back(report.findings.back());
  const json doc = CodeQuality(report);
  ASSERT_EQ(doc.size(), before + 2);
  std::set<std::string> fingerprints;
  for (const json& entry : doc) {
    EXPECT_TRUE(fingerprints.insert(entry["fingerprint"].get<std::string>()).second) << entry;
  }
}

TEST(CodeQualityWriter, LeavesOutAllowedFindingsAndMarksExistingOnesInfo) {
  const Report report = SampleReport();
  const json doc = CodeQuality(report);
  for (const Finding& f : report.findings) {
    const auto entry = std::find_if(doc.begin(), doc.end(), [&](const json& e) { return e["fingerprint"] == f.id.str(); });
    if (f.allowed) {
      EXPECT_EQ(entry, doc.end()) << f.path;
    } else {
      ASSERT_NE(entry, doc.end()) << f.path;
      if (f.existing) {
        EXPECT_EQ((*entry)["severity"], "info") << f.path;
      }
    }
  }
}

TEST(CodeQualityWriter, AnEmptyReportIsAnEmptyArray) {
  EXPECT_EQ(Render(WriteCodeQuality, testing::EmptyReport(3)), "[]\n");
}

TEST(CodeQualityWriter, NeverPrintsASecretAndIsDeterministic) {
  const std::string text = Render(WriteCodeQuality, SampleReport());
  EXPECT_EQ(text.find(testing::kSecret), std::string::npos);
  EXPECT_EQ(text, Render(WriteCodeQuality, SampleReport()));
}

}  // namespace
}  // namespace driftcheck
