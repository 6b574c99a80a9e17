#include "diff/diff.h"

#include <gtest/gtest.h>

#include "config/loader.h"

namespace driftcheck {
namespace {

Value Yaml(const std::string& text) {
  Documents docs = LoadYaml(text, MakeOrigin("t.yaml", "memory"), {});
  return docs.empty() ? Value::Map({}) : docs.front();
}

std::vector<std::string> Describe(const std::string& a, const std::string& b) {
  std::vector<std::string> out;
  const Value left = Yaml(a), right = Yaml(b);
  for (const auto& d : DiffValues(left, right)) {
    std::string kind = d.kind == FindingKind::kChanged       ? "changed"
                       : d.kind == FindingKind::kTypeChanged ? "type-changed"
                       : d.left                              ? "only-left"
                                                             : "only-right";
    out.push_back(kind + " " + d.path.ToString());
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(Diff, KeyOrderAndFormattingNeverProduceDrift) {
  EXPECT_EQ(Describe("a: 1\nb: {c: 2, d: [x, y]}\n", "b:\n  d:\n    - x\n    - y\n  c: 2\n# note\na: 1\n"),
            Lines{});
}

TEST(Diff, ReportsChangedValuesAtTheirPath) {
  EXPECT_EQ(Describe("database: {pool_size: 5, host: db}", "database: {pool_size: 50, host: db}"),
            Lines{"changed database.pool_size"});
}

TEST(Diff, ReportsKeysOnlyOneSideHasInDocumentOrder) {
  EXPECT_EQ(Describe("a: 1\nb: 2\n", "c: 3\na: 1\n"), (Lines{"only-left b", "only-right c"}));
}

TEST(Diff, ListOrderMatters) {
  EXPECT_EQ(Describe("q: [a, b, c]", "q: [a, c]"),
            (Lines{"changed q[1]", "only-left q[2]"}));
}

TEST(Diff, QuotedNumbersAreStringsAndDifferInType) {
  EXPECT_EQ(Describe("port: 8080", "port: \"8080\""), Lines{"type-changed port"});
  EXPECT_EQ(Describe("m: {a: 1}", "m: [a]"), Lines{"type-changed m"});
}

TEST(Diff, IntegersAndFloatsWithTheSameValueAreEqual) {
  EXPECT_EQ(Describe("ratio: 1", "ratio: 1.0"), Lines{});
  EXPECT_EQ(Describe("ratio: 1", "ratio: 1.5"), Lines{"changed ratio"});
}

TEST(Diff, NullIsATypeOfItsOwn) {
  EXPECT_EQ(Describe("a: ~", "a: null"), Lines{});
  EXPECT_EQ(Describe("a: ~", "a: \"\""), Lines{"type-changed a"});
}

}  // namespace
}  // namespace driftcheck
