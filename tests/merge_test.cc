#include "config/merge.h"

#include <gtest/gtest.h>

#include "config/loader.h"
#include "report/finding.h"

namespace driftcheck {
namespace {

Value Yaml(const std::string& text, const std::string& file = "t.yaml") {
  return LoadYaml(text, MakeOrigin(file), {}).front();
}

TEST(Merge, MapsMergeDeeplyListsAndScalarsAreReplaced) {
  Value base = Yaml("a: {b: 1, c: 2}\nlist: [1, 2, 3]\nkeep: x\n");
  MergeInto(base, Yaml("a: {c: 20, d: 30}\nlist: [9]\n"));
  EXPECT_EQ(FlowText(base), "{a: {b: 1, c: 20, d: 30}, list: [9], keep: x}");
}

TEST(Merge, ExplicitNullRemovesTheKey) {
  Value base = Yaml("a: {b: 1, c: 2}\nd: 4\n");
  MergeInto(base, Yaml("a: {b: null}\nd: ~\ne: null\n"));
  EXPECT_EQ(FlowText(base), "{a: {c: 2}}");
}

TEST(Merge, ValuesKeepTheLocationOfTheLayerThatSetThem) {
  Value base = Yaml("a: 1\nb: 2\n", "values.yaml");
  MergeInto(base, Yaml("\nb: 3\n", "values-prod.yaml"));
  EXPECT_EQ(base.Find("a")->location().ToString(), "values.yaml:1:4");
  EXPECT_EQ(base.Find("b")->location().ToString(), "values-prod.yaml:2:4");
}

}  // namespace
}  // namespace driftcheck
