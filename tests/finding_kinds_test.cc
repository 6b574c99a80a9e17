// The finding-kind table: every kind described once, and what reads it
// (the report schema's enum) agrees with it.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "finding/finding.h"

namespace driftcheck {
namespace {

TEST(FindingKinds, DescribeEveryKindOnceWithItsTexts) {
  std::set<int> kinds;
  std::set<std::string_view> names, sarif_names;
  for (const FindingKindInfo& info : FindingKinds()) {
    EXPECT_TRUE(kinds.insert(static_cast<int>(info.kind)).second) << info.name;
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_TRUE(sarif_names.insert(info.sarif.name).second) << info.name;
    EXPECT_FALSE(info.category.empty() || info.category_plural.empty() || info.sarif.short_description.empty() ||
                 info.sarif.full_description.empty() || info.sarif.help.empty())
        << info.name;
    EXPECT_EQ(&KindInfo(info.kind), &info);
  }
  // FindingKind's values run from kChanged to kRuleUnused.
  EXPECT_EQ(kinds.size(), static_cast<std::size_t>(FindingKind::kRuleUnused) + 1);
  EXPECT_EQ(KindInfo(FindingKind::kSchemaViolation).name, "schema-violation");
  EXPECT_TRUE(KindInfo(FindingKind::kInvalidFile).one_sided);
  EXPECT_FALSE(KindInfo(FindingKind::kSameSecret).one_sided);
}

TEST(FindingKinds, TheReportSchemaListsEveryKind) {
  std::ifstream in(std::string(DRIFTCHECK_SOURCE_DIR) + "/schemas/report.schema.json");
  ASSERT_TRUE(in) << "schemas/report.schema.json";
  std::stringstream text;
  text << in.rdbuf();
  const auto schema = nlohmann::json::parse(text.str());
  const auto& kind = schema["definitions"]["finding"]["properties"]["kind"];
  std::set<std::string> listed;
  for (const auto& name : kind["anyOf"][0]["enum"]) listed.insert(name.get<std::string>());
  for (const FindingKindInfo& info : FindingKinds()) {
    if (info.kind == FindingKind::kOnlyIn) continue;  // only-in-LABEL, by pattern
    EXPECT_TRUE(listed.contains(std::string(info.name))) << info.name;
  }
  EXPECT_EQ(listed.size() + 1, FindingKinds().size());
}

}  // namespace
}  // namespace driftcheck
