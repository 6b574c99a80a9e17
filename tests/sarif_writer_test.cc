#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "report/writer.h"
#include "report_samples.h"
#include "test_util.h"

namespace driftcheck {
namespace {

using nlohmann::json;
using testing::Render;
using testing::SampleReport;

json Sarif() { return json::parse(Render(WriteSarif, SampleReport())); }

const json& ResultAt(const json& doc, const std::string& path, const std::string& rule) {
  for (const json& r : doc["runs"][0]["results"]) {
    if (r["properties"]["path"] == path && r["ruleId"] == rule) return r;
  }
  static const json kNone;
  ADD_FAILURE() << "no " << rule << " result at " << path;
  return kNone;
}

TEST(SarifWriter, MatchesTheReviewedGoldenReport) {
  testing::ExpectMatchesGolden(Render(WriteSarif, SampleReport()), "report.sarif");
}

// What the SARIF 2.1.0 schema requires of the parts written, checked without
// fetching the schema: required properties, enums, and minimum values.
TEST(SarifWriter, MeetsTheStructuralRequirementsOfSarif210) {
  const json doc = Sarif();
  EXPECT_EQ(doc["version"], "2.1.0");
  EXPECT_TRUE(doc["$schema"].get<std::string>().ends_with("sarif-schema-2.1.0.json"));
  ASSERT_EQ(doc["runs"].size(), 1u);
  const json& run = doc["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "driftcheck");
  const json& rules = run["tool"]["driver"]["rules"];
  std::set<std::string> ids;
  for (const json& rule : rules) {
    EXPECT_TRUE(ids.insert(rule["id"].get<std::string>()).second) << "duplicate rule " << rule["id"];
    for (const char* text : {"shortDescription", "fullDescription", "help"}) {
      EXPECT_FALSE(rule[text]["text"].get<std::string>().empty()) << rule["id"] << " " << text;
    }
  }
  EXPECT_EQ(ids.size(), AllFindingKinds().size());
  ASSERT_EQ(run["results"].size(), SampleReport().findings.size());
  for (const json& r : run["results"]) {
    EXPECT_EQ(rules[r["ruleIndex"].get<std::size_t>()]["id"], r["ruleId"]);
    EXPECT_TRUE(r["level"] == "error" || r["level"] == "warning" || r["level"] == "note");
    EXPECT_FALSE(r["message"]["text"].get<std::string>().empty());
    EXPECT_EQ(r["partialFingerprints"]["driftcheckFindingId/v1"].get<std::string>().size(), 16u);
    for (const json& location : r.value("locations", json::array())) {
      const json& physical = location["physicalLocation"];
      EXPECT_EQ(physical["artifactLocation"]["uri"].get<std::string>().find(' '), std::string::npos);
      if (physical.contains("region")) {
        EXPECT_GE(physical["region"]["startLine"].get<int>(), 1);
        if (physical["region"].contains("startColumn")) {
          EXPECT_GE(physical["region"]["startColumn"].get<int>(), 1);
        }
      }
    }
  }
}

TEST(SarifWriter, PointsAtTheFileLineAndColumnWithTheRevision) {
  const json r = ResultAt(Sarif(), "server.port", "type-changed");
  const json& physical = r["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "services/api/production.yaml");
  EXPECT_EQ(physical["region"], json::parse(R"({"startLine": 2, "startColumn": 9})"));
  EXPECT_EQ(r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "services/api/staging.yaml");
  EXPECT_EQ(r["properties"]["sides"][1]["revision"], testing::kProductionSha);
  EXPECT_EQ(r["properties"]["sides"][0]["value"], "\"8080\"");
}

TEST(SarifWriter, AllowedFindingsAreExternalSuppressionsWithTheReason) {
  const json doc = Sarif();
  const json r = ResultAt(doc, "database.pool_size", "changed");
  ASSERT_EQ(r["suppressions"].size(), 1u);
  EXPECT_EQ(r["suppressions"][0]["kind"], "external");
  EXPECT_EQ(r["suppressions"][0]["justification"], "staging runs on a small instance");
  EXPECT_EQ(r["suppressions"][0]["properties"]["rule"], "staging-small-db-pool");
  EXPECT_FALSE(ResultAt(doc, "server.port", "type-changed").contains("suppressions"));
}

TEST(SarifWriter, ExistingFindingsAreUnchangedInTheBaselineAndSuppressed) {
  Report report = testing::EmptyReport(1);
  Finding existing = testing::SampleImageFinding();
  existing.existing = true;
  existing.AssignId();
  report.findings = {existing};
  const auto sarif = nlohmann::json::parse(Render(WriteSarif, report));
  const auto& result = sarif["runs"][0]["results"][0];
  EXPECT_EQ(result["baselineState"], "unchanged");
  ASSERT_EQ(result["suppressions"].size(), 1u);
  EXPECT_EQ(result["suppressions"][0]["kind"], "external");
  EXPECT_NE(result["suppressions"][0]["justification"].get<std::string>().find("baseline"), std::string::npos);
}

TEST(SarifWriter, NeverPrintsASecretAndIsDeterministic) {
  const std::string text = Render(WriteSarif, SampleReport());
  EXPECT_EQ(text.find(testing::kSecret), std::string::npos);
  EXPECT_EQ(ResultAt(json::parse(text), "database.password", "changed")["properties"]["secret_equal"], false);
  EXPECT_EQ(text, Render(WriteSarif, SampleReport()));
}

TEST(SarifWriter, NamesTheComparedEnvironmentPairsAsTheAutomationCategory) {
  const json doc = Sarif();
  EXPECT_EQ(doc["runs"][0]["automationDetails"]["id"],
            "driftcheck/staging-vs-production+production@v1-vs-production@HEAD/");
  Report slash = testing::EmptyReport(1);
  slash.compared = {{"production@origin/main", "production@HEAD"}};
  EXPECT_EQ(json::parse(Render(WriteSarif, slash))["runs"][0]["automationDetails"]["id"],
            "driftcheck/production@origin%2Fmain-vs-production@HEAD/");
}

// The OASIS SARIF 2.1.0 schema (tests/data, see its README) checked with
// Debian's python3-jsonschema (scripts/install-deps installs it).
TEST(SarifWriter, ValidatesAgainstTheSarif210Schema) {
  testing::TempDir dir;
  for (const auto& [name, report] : {std::pair{"sample", SampleReport()}, {"empty", testing::EmptyReport(2)}}) {
    const std::string file = (dir.path() / (std::string(name) + ".sarif")).string();
    testing::WriteFile(dir.path(), std::string(name) + ".sarif", Render(WriteSarif, report));
    const testing::CommandResult r = testing::RunCommand(
        {"/usr/bin/python3", "-c",
         "import json, sys, jsonschema\n"
         "schema = json.load(open(sys.argv[1]))\n"
         "errors = list(jsonschema.Draft4Validator(schema).iter_errors(json.load(open(sys.argv[2]))))\n"
         "for e in errors: print(list(e.absolute_path), e.message)\n"
         "sys.exit(1 if errors else 0)\n",
         DRIFTCHECK_SOURCE_DIR "/tests/data/sarif-schema-2.1.0.json", file});
    EXPECT_EQ(r.exit_code, 0) << name << ":\n" << r.out << r.err;
  }
}

}  // namespace
}  // namespace driftcheck
