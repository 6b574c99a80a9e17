#include "diff/diff.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "config/loader.h"

namespace driftcheck {
namespace {

Value Yaml(const std::string& text) {
  Documents docs = LoadYaml(text, MakeOrigin("t.yaml"), {});
  return docs.empty() ? Value::Map({}) : docs.front();
}

std::string KindText(DiffKind kind) {
  switch (kind) {
    case DiffKind::kChanged: return "changed";
    case DiffKind::kTypeChanged: return "type-changed";
    case DiffKind::kOnlyLeft: return "only-left";
    case DiffKind::kOnlyRight: return "only-right";
    case DiffKind::kSameSecret: return "same-secret";
    case DiffKind::kMustDiffer: return "must-differ";
  }
  return "?";
}

std::vector<std::string> Describe(const std::string& a, const std::string& b,
                                  const DiffPolicy& policy = DiffPolicy()) {
  std::vector<std::string> out;
  const Value left = Yaml(a), right = Yaml(b);
  for (const auto& d : DiffValues(left, right, policy)) {
    out.push_back(KindText(d.kind) + " " + d.path.ToString());
  }
  return out;
}

// A policy from literal path strings, as a schema or `normalize:` would answer.
class TablePolicy : public DiffPolicy {
 public:
  std::map<std::string, ListRule> lists;
  std::set<std::string> skip, must_differ, secret;

  ListRule ListAt(const Path& path) const override {
    auto it = lists.find(path.ToString());
    return it == lists.end() ? ListRule{} : it->second;
  }
  bool Skip(const Path& path) const override { return skip.contains(path.ToString()); }
  bool MustDiffer(const Path& path) const override { return must_differ.contains(path.ToString()); }
  bool Secret(const Path& path) const override { return secret.contains(path.ToString()); }
};

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

TEST(Diff, SetListsIgnoreOrderButCountDuplicates) {
  TablePolicy policy;
  policy.lists["hosts"] = {ListMatch::kAsSet, ""};
  EXPECT_EQ(Describe("hosts: [a, b, c]", "hosts: [c, a, b]", policy), Lines{});
  EXPECT_EQ(Describe("hosts: [a, a, b]", "hosts: [b, a]", policy), Lines{"only-left hosts[1]"});
  EXPECT_EQ(Describe("hosts: [a, b]", "hosts: [b, d]", policy),
            (Lines{"only-left hosts[0]", "only-right hosts[1]"}));
}

TEST(Diff, SetListsPairEqualNumbersAndMapsWhateverTheirSpelling) {
  TablePolicy policy;
  policy.lists["s"] = {ListMatch::kAsSet, ""};
  EXPECT_EQ(Describe("s: [1, 0.5, {a: 1, b: [x]}]", "s: [{b: [x], a: 1.0}, 5e-1, 1.0]", policy), Lines{});
  EXPECT_EQ(Describe("s: [\"1\", 1]", "s: [1, 1]", policy), (Lines{"only-left s[0]", "only-right s[1]"}));
}

TEST(Diff, LargeShuffledSetListsPairInOrderNLogN) {
  // Pairwise matching would take 5 * 10^9 comparisons here.
  TablePolicy policy;
  policy.lists["s"] = {ListMatch::kAsSet, ""};
  constexpr std::size_t kItems = 100'000;
  Value left = Value::Map({}), right = Value::Map({});
  Value a = Value::List({}), b = Value::List({});
  for (std::size_t i = 0; i < kItems; ++i) {
    a.Append(Value::String("host-" + std::to_string(i), false, {}));
    // A fixed permutation (i * 7919 mod n, 7919 prime to n), one item changed.
    const std::size_t j = (i * 7919) % kItems;
    b.Append(Value::String(j == 42 ? "other" : "host-" + std::to_string(j), false, {}));
  }
  left.Insert("s", {}, std::move(a));
  right.Insert("s", {}, std::move(b));
  const auto diffs = DiffValues(left, right, policy);
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_EQ(diffs[0].path.ToString(), "s[42]");
  EXPECT_EQ(diffs[0].kind, DiffKind::kOnlyLeft);
  EXPECT_EQ(diffs[1].kind, DiffKind::kOnlyRight);
}

TEST(Diff, KeyedListsPairItemsByTheirNameField) {
  TablePolicy policy;
  policy.lists["routes"] = {ListMatch::kByKey, "name"};
  const std::string staging = "routes:\n- {name: health, timeout: 5}\n- {name: api, timeout: 30}\n";
  const std::string production =
      "routes:\n- {name: api, timeout: 30}\n- {name: health, timeout: 10}\n- {name: admin}\n";
  EXPECT_EQ(Describe(staging, production, policy),
            (Lines{"changed routes[name=health].timeout", "only-right routes[name=admin]"}));
}

TEST(Diff, SkippedSubtreesProduceNothing) {
  TablePolicy policy;
  policy.skip = {"metadata.labels"};
  EXPECT_EQ(Describe("metadata: {labels: {a: 1}, name: x}", "metadata: {labels: {a: 2, b: 3}, name: x}",
                     policy),
            Lines{});
  policy.skip = {"extra"};
  EXPECT_EQ(Describe("a: 1", "a: 1\nextra: 2", policy), Lines{});
}

TEST(Diff, MustDifferReportsOnlySameness) {
  TablePolicy policy;
  policy.must_differ = {"auth.issuer"};
  EXPECT_EQ(Describe("auth: {issuer: https://test-idp}", "auth: {issuer: https://test-idp}", policy),
            Lines{"must-differ auth.issuer"});
  EXPECT_EQ(Describe("auth: {issuer: https://test-idp}", "auth: {issuer: https://idp}", policy), Lines{});
}

TEST(Diff, SameSecretIsReportedOnceAtTheSecretAndChangesBelowStillShow) {
  TablePolicy policy;
  policy.secret = {"db"};
  EXPECT_EQ(Describe("db: {user: a, password: p}", "db: {user: a, password: p}", policy),
            Lines{"same-secret db"});
  EXPECT_EQ(Describe("db: {user: a, password: p}", "db: {user: a, password: q}", policy),
            Lines{"changed db.password"});
}

}  // namespace
}  // namespace driftcheck
