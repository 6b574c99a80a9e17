#include "engine/history.h"

#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <set>

#include "core/error.h"
#include "engine/pair_memo.h"
#include "engine/plan.h"

namespace driftcheck {
namespace {

constexpr const char* kManifest = R"(version: 1
environments:
  staging: {}
  production: {}
sources:
  - name: services
    path: "services/{service}/{env}.yaml"
)";

Finding Failing(const std::string& id) {
  Finding f;
  f.id = id;
  f.path = id;
  f.source = "services";
  return f;
}

// A history whose findings per commit are given; `changed` names the commits
// that change a source file.
class TraceHistoryTest : public ::testing::Test {
 protected:
  History Trace(const std::vector<std::set<std::string>>& failing, const std::set<std::size_t>& changed) {
    manifest_ = LoadManifest(kManifest, MakeOrigin("driftcheck.yaml"));
    HistoryInput input;
    for (std::size_t i = 0; i < failing.size(); ++i) input.commits.push_back({"c" + std::to_string(i), "", "", ""});
    input.evaluate = [&](const std::string& sha) {
      evaluated_.push_back(sha);
      if (broken_.contains(sha)) throw InputError("broken");
      CommitFindings out;
      for (const std::string& id : failing[std::stoul(sha.substr(1))]) {
        out.pairs.push_back(&storage_.emplace_back(std::vector<Finding>{Failing(id)}));
      }
      if (const auto gap = gaps_.find(sha); gap != gaps_.end()) out.gaps.push_back(gap->second);
      return out;
    };
    input.changed_paths = [&](const std::string&, const std::string& to) {
      return changed.contains(std::stoul(to.substr(1))) ? std::vector<std::string>{"services/api/staging.yaml"}
                                                        : std::vector<std::string>{"README.md"};
    };
    return TraceHistory(input, {&manifest_.sources[0]});
  }

  Manifest manifest_;
  std::vector<std::string> evaluated_;
  std::set<std::string> broken_;
  std::map<std::string, SourceGap> gaps_;  // by commit
  std::deque<std::vector<Finding>> storage_;
};

TEST_F(TraceHistoryTest, LifeRunsFromTheCommitItAppearsToTheOneItIsGone) {
  const History h = Trace({{}, {"a"}, {"a"}, {}}, {1, 2, 3});
  ASSERT_EQ(h.lives.size(), 1u);
  EXPECT_EQ(h.lives[0].appeared, 1u);
  EXPECT_EQ(h.lives[0].disappeared, 3u);
  EXPECT_FALSE(h.lives[0].before_range);
  EXPECT_EQ(h.ExitCode(), 0);
}

TEST_F(TraceHistoryTest, ReappearingDriftStartsASecondLifeAndStaysOpen) {
  const History h = Trace({{"a"}, {}, {"a"}}, {1, 2});
  ASSERT_EQ(h.lives.size(), 2u);
  EXPECT_TRUE(h.lives[0].before_range);
  EXPECT_EQ(h.lives[0].disappeared, 1u);
  EXPECT_EQ(h.lives[1].appeared, 2u);
  EXPECT_FALSE(h.lives[1].disappeared);
  EXPECT_EQ(h.ExitCode(), 1);
}

TEST_F(TraceHistoryTest, CommitsThatTouchNoSourceFileAreNotEvaluated) {
  const History h = Trace({{}, {"a"}, {}}, {2});
  EXPECT_EQ(evaluated_, (std::vector<std::string>{"c0", "c2"}));
  EXPECT_EQ(h.evaluated, 2u);
  EXPECT_TRUE(h.lives.empty());  // c1 claims a drift but changed no source file
}

TEST_F(TraceHistoryTest, CommitThatCannotBeReadKeepsItsParentsDriftsAndSaysSo) {
  broken_ = {"c1"};
  const History h = Trace({{"a"}, {}, {"a"}}, {1, 2});
  ASSERT_EQ(h.lives.size(), 1u);
  EXPECT_FALSE(h.lives[0].disappeared);
  ASSERT_EQ(h.notes.size(), 1u);
  EXPECT_NE(h.notes[0].find("c1"), std::string::npos);
}

// As check at the newest commit: one that cannot be read, or a file in it
// that cannot, exits 2 (it compared less than asked), never 0 or 1; an
// unreadable commit before the newest is a note.
TEST_F(TraceHistoryTest, AnUnreadableNewestCommitOrFileExitsTwo) {
  broken_ = {"c2"};
  EXPECT_EQ(Trace({{}, {}, {}}, {1, 2}).ExitCode(), 2);
  EXPECT_EQ(Trace({{"a"}, {"a"}, {}}, {1, 2}).ExitCode(), 2);
  // The newest changes no source file: it reads as the unreadable c2 did.
  EXPECT_EQ(Trace({{}, {}, {}, {}}, {1, 2}).ExitCode(), 2);
  broken_ = {"c1"};
  EXPECT_EQ(Trace({{}, {}, {}}, {1, 2}).ExitCode(), 0);
  broken_ = {};
  History h = Trace({{}, {"a"}}, {1});
  ASSERT_EQ(h.lives.size(), 1u);
  EXPECT_EQ(h.ExitCode(), 1);
  h.lives[0].finding.kind = FindingKind::kInvalidFile;
  EXPECT_EQ(h.ExitCode(), 2);
  h.lives[0].disappeared = 1;  // readable again: nothing open
  EXPECT_EQ(h.ExitCode(), 0);
}

TEST_F(TraceHistoryTest, ConsecutiveUnreadableCommitsAreOneNote) {
  broken_ = {"c1", "c2"};
  const History h = Trace({{"a"}, {}, {}, {"a"}}, {1, 2, 3});
  ASSERT_EQ(h.lives.size(), 1u);
  ASSERT_EQ(h.notes.size(), 1u);
  EXPECT_EQ(h.notes[0], "commits c1 to c2 (2 commits) were not evaluated: broken; drifts stay as they were before them");
}

TEST_F(TraceHistoryTest, SourceThatCannotBeReadKeepsItsDriftsOverARangeOfCommits) {
  // c1 and c2 (c2 changes nothing) cannot read the source's subtree; c3 can.
  gaps_["c1"] = {"services", "'select' finds its subtree on no side", true};
  const History h = Trace({{"a"}, {}, {}, {"a"}, {}}, {1, 3, 4});
  ASSERT_EQ(h.lives.size(), 1u) << "carried over c1, not fixed there and back at c3";
  EXPECT_EQ(h.lives[0].disappeared, 4u);
  ASSERT_EQ(h.notes.size(), 1u);
  EXPECT_EQ(h.notes[0],
            "source 'services': 'select' finds its subtree on no side at commits c1 to c2 (2 commits); "
            "its drifts stay as they were before");
}

TEST_F(TraceHistoryTest, SourceWhoseFilesAreGoneEndsItsDriftsWithANote) {
  gaps_["c1"] = {"services", "no file matches its path", false};
  gaps_["c2"] = {"services", "no file matches its path", false};
  const History h = Trace({{"a"}, {}, {}}, {1, 2});
  ASSERT_EQ(h.lives.size(), 1u);
  EXPECT_EQ(h.lives[0].disappeared, 1u);
  ASSERT_EQ(h.notes.size(), 1u);
  EXPECT_EQ(h.notes[0],
            "source 'services': no file matches its path at commits c1 to c2 (2 commits); "
            "nothing of it was compared there");
}

TEST_F(TraceHistoryTest, SourceComparedAtNoCommitWalkedIsAnErrorNotANote) {
  gaps_["c0"] = {"services", "no file matches its path", false};
  gaps_["c1"] = {"services", "no file matches its path", false};
  try {
    Trace({{}, {}}, {1});
    FAIL() << "a source never compared passed";
  } catch (const InputError& e) {
    EXPECT_NE(e.Headline().find("driftcheck.yaml:6:5: source 'services' was compared at no commit walked: "
                                "no file matches its path at any of 2 evaluated commits"),
              std::string::npos)
        << e.Headline();
  }
}

TEST(IsSourceFile, MatchesAnyTemplateOfAnySource) {
  const Manifest m = LoadManifest(kManifest, MakeOrigin("driftcheck.yaml"));
  EXPECT_TRUE(IsSourceFile({&m.sources[0]}, "services/api/production.yaml"));
  EXPECT_FALSE(IsSourceFile({&m.sources[0]}, "services/api/README.md"));
}

TEST(PairMemo, KeysATaskByItsBlobsSoUnchangedPairsAreFound) {
  const Manifest m = LoadManifest(kManifest, MakeOrigin("driftcheck.yaml"));
  MemoryTree a({{"services/api/staging.yaml", "x: 1\n"}, {"services/api/production.yaml", "x: 2\n"}}, "a");
  MemoryTree b({{"services/api/staging.yaml", "x: 1\n"}, {"services/api/production.yaml", "x: 2\n"},
                {"README.md", "docs\n"}},
               "b");
  MemoryTree c({{"services/api/staging.yaml", "x: 1\n"}, {"services/api/production.yaml", "x: 3\n"}}, "c");
  auto key = [&](const Tree& tree) {
    ListingCache listings;
    const Comparison cmp{{"staging", &m.environments[0], &tree}, {"production", &m.environments[1], &tree}};
    const Plan plan = MakePlan(m, {cmp}, {}, listings);
    EXPECT_EQ(plan.tasks.size(), 1u);
    return PairMemo::Key(plan.tasks.at(0));
  };
  ASSERT_TRUE(key(a));
  EXPECT_EQ(key(a), key(b));
  EXPECT_NE(key(a), key(c));
  PairMemo memo;
  Finding f = Failing("x");
  const auto& stored = memo.Store(*key(a), {f});
  EXPECT_EQ(memo.Find(*key(b)), &stored);
  EXPECT_EQ(memo.Find(*key(c)), nullptr);
  EXPECT_EQ(memo.hits(), 1u);
}

}  // namespace
}  // namespace driftcheck
