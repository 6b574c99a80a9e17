// One verdict behind every output (SPEC 3): the same report rendered in every
// format says the same thing about which findings fail. A format that showed
// a baselined or allowed finding as failing (or hid a failing one) would
// make CI disagree with the exit code.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "report/writer.h"
#include "report_samples.h"

namespace driftcheck {
namespace {

using nlohmann::json;
using testing::Render;

// The shared sample (failing, allowed and existing drift, a schema violation,
// an unreadable file), plus a baseline entry that no longer occurs.
Report MixedReport() {
  Report report = testing::SampleReport();
  Finding gone = testing::Drift(FindingKind::kChanged, "services", {{"service", "api"}}, "workers",
                                "services/api/staging.yaml", "services/api/production.yaml");
  gone.severity = Severity::kNote;
  gone.existing = true;
  gone.message = "changed in the baseline b.yaml no longer occurs";
  gone.AssignId();
  report.findings.push_back(gone);
  report.Finalize();
  return report;
}

std::set<std::string> FailingIds(const Report& report) {
  std::set<std::string> ids;
  for (const Finding& f : report.findings) {
    if (f.failing()) ids.insert(f.id.str());
  }
  return ids;
}

std::size_t Count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(ReportFormats, EveryFormatAgreesOnWhatFails) {
  const Report report = MixedReport();
  const std::set<std::string> failing = FailingIds(report);
  ASSERT_GE(failing.size(), 3u);
  ASSERT_LT(failing.size(), report.findings.size() - 2);  // some allowed, some existing

  // JSON: failing = an error no rule allowed and no baseline had.
  std::set<std::string> json_failing;
  const json doc = json::parse(Render(WriteJson, report));
  for (const json& f : doc["findings"]) {
    if (f["severity"] == "error" && f["allowed"].is_null() && !f["existing"].get<bool>()) {
      json_failing.insert(f["id"].get<std::string>());
    }
  }
  EXPECT_EQ(json_failing, failing);
  EXPECT_EQ(doc["summary"]["failing"].get<std::size_t>(), failing.size());

  // SARIF: failing = an error result without a suppression.
  std::set<std::string> sarif_failing;
  const json sarif = json::parse(Render(WriteSarif, report));
  for (const json& r : sarif["runs"][0]["results"]) {
    if (r["level"] == "error" && !r.contains("suppressions")) {
      sarif_failing.insert(r["partialFingerprints"]["driftcheckFindingId/v1"].get<std::string>());
    }
  }
  EXPECT_EQ(sarif_failing, failing);

  // JUnit: one failure (or error, for an unreadable file) per failing finding.
  const std::string junit = Render(WriteJunit, report);
  EXPECT_EQ(Count(junit, "<failure ") + Count(junit, "<error "), failing.size()) << junit;

  // GitHub: one ::error per failing finding, past GitHub's cap of 10 a line
  // of the overflow notice; the rest never fail a step.
  const std::string github = Render(WriteGithub, report);
  EXPECT_EQ(Count("\n" + github, "\n::error ") + Count(github, "%0Aerror "), failing.size()) << github;

  // Markdown: the verdict counts them.
  const std::string markdown = Render(WriteMarkdown, report);
  EXPECT_NE(markdown.find(std::to_string(failing.size()) + " failing"), std::string::npos) << markdown;

  // Text: every finding that does not fail says why on its header line.
  const std::string text = Render(WriteText, report);
  std::size_t block_start = 0;
  for (const Finding& f : report.findings) {
    const std::size_t id_at = text.find("[" + f.id + "]", block_start);
    ASSERT_NE(id_at, std::string::npos) << f.id;
    const std::size_t line_start = text.rfind('\n', id_at) + 1;
    const std::string block = text.substr(line_start, id_at - line_start);
    const bool says_why = block.find("  allowed by ") != std::string::npos ||
                          block.find("  existing  ") != std::string::npos;
    if (f.severity == Severity::kError) {
      EXPECT_EQ(says_why, !f.failing()) << block;
    }
    block_start = id_at + 1;
  }
}

}  // namespace
}  // namespace driftcheck
