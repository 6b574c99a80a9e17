#include "config/merge.h"

#include <gtest/gtest.h>

#include "config/loader.h"
#include "finding/finding.h"

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

TEST(Merge, AnAliasCopyMergedIntoAMapLeavesItsAnchorOnTheEntriesItBrings) {
  Value base = Yaml("x: {keep: 1, db: old}\n");
  MergeInto(base, Yaml("password: &s {db: hunter2}\nx: *s\n", "values-prod.yaml"));
  const Value& x = *base.Find("x");
  EXPECT_EQ(x.Find("db")->anchors().size(), 1u);
  EXPECT_TRUE(x.Find("keep")->anchors().empty());
}

TEST(Merge, ValuesKeepTheLocationOfTheLayerThatSetThem) {
  Value base = Yaml("a: 1\nb: 2\n", "values.yaml");
  MergeInto(base, Yaml("\nb: 3\n", "values-prod.yaml"));
  EXPECT_EQ(base.Find("a")->location().ToString(), "values.yaml:1:4");
  EXPECT_EQ(base.Find("b")->location().ToString(), "values-prod.yaml:2:4");
}

TEST(Merge, ByIndexMergesListItemsLikeDotNet) {
  Value base = Yaml("hosts: [{name: a, port: 1}, {name: b}, {name: c}]\nflat: [1, 2]\n");
  MergeInto(base, Yaml("hosts: [{port: 2}, {name: B}]\nflat: [9, 8, 7]\n"), ListMerge::kByIndex);
  EXPECT_EQ(FlowText(base),
            "{hosts: [{name: a, port: 2}, {name: B}, {name: c}], flat: [9, 8, 7]}");
}

TEST(Merge, ByIndexKeepsTheEarlierTailAndLocationsOfEachItem) {
  Value base = Yaml("l: [1, 2, 3]\n", "appsettings.json");
  MergeInto(base, Yaml("l: [10]\n", "appsettings.Production.json"), ListMerge::kByIndex);
  EXPECT_EQ(FlowText(base), "{l: [10, 2, 3]}");
  EXPECT_EQ(base.Find("l")->items()[0].location().file(), "appsettings.Production.json");
  EXPECT_EQ(base.Find("l")->items()[1].location().file(), "appsettings.json");
}

TEST(Merge, ReplaceIsTheDefaultForLists) {
  Value base = Yaml("l: [1, 2, 3]\n");
  MergeInto(base, Yaml("l: [10]\n"));
  EXPECT_EQ(FlowText(base), "{l: [10]}");
}

TEST(Merge, ByIndexStillReplacesAListWithAScalar) {
  Value base = Yaml("l: [1, 2]\n");
  MergeInto(base, Yaml("l: off\n"), ListMerge::kByIndex);
  EXPECT_EQ(FlowText(base), "{l: off}");
}

}  // namespace
}  // namespace driftcheck
