#include "report/history_writer.h"

#include <gtest/gtest.h>

#include <sstream>

#include "report_samples.h"

namespace driftcheck {
namespace {

using testing::Drift;
using testing::OneSided;

// Two commits; each life appeared at the first and is still open.
History HistoryOf(std::vector<Finding> findings) {
  History history;
  history.tool_version = "0.1.0";
  history.commits = {{"1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Ada", "2026-01-30T09:00:00Z", "Start"},
                     {"2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "Ada", "2026-01-31T09:00:00Z", "Next"}};
  history.evaluated = 2;
  for (Finding& f : findings) {
    f.AssignId();
    history.lives.push_back({std::move(f), 0, true, std::nullopt});
  }
  return history;
}

std::string Text(const History& history) {
  std::ostringstream out;
  WriteHistoryText(history, out, false);
  return out.str();
}

// A group of lives opened by a finding about one side's file names the
// compared pair, as a group opened by drift between the two does: staging
// is compared with production and with qa, and the two groups stay apart.
TEST(HistoryWriter, AGroupOpenedByAOneSidedFindingNamesItsComparedPair) {
  Finding production = OneSided(FindingKind::kInvalidFile, "worker", "staging", "services/worker/staging.yaml", 3,
                                1, "duplicate key");
  Finding qa = production;
  qa.pair_labels = {"staging", "qa"};
  Finding drift = Drift(FindingKind::kChanged, "services", {{"service", "worker"}}, "replicas",
                        "services/worker/staging.yaml", "services/worker/production.yaml");
  const std::string text = Text(HistoryOf({production, drift, qa}));
  EXPECT_NE(text.find("services  service=worker  staging ↔ production\n  (file)  invalid-file"), std::string::npos)
      << text;
  EXPECT_NE(text.find("services  service=worker  staging ↔ qa\n  (file)  invalid-file"), std::string::npos) << text;
  EXPECT_EQ(text.find("service=worker  staging\n"), std::string::npos) << text;
}

// Markdown names each life's compared pair in a column of its own: the two
// rows for staging's unreadable file, compared with production and with qa,
// differ by it alone.
TEST(HistoryWriter, MarkdownNamesEachLifesComparedPair) {
  Finding production = OneSided(FindingKind::kInvalidFile, "worker", "staging", "services/worker/staging.yaml", 3,
                                1, "duplicate key");
  Finding qa = production;
  qa.pair_labels = {"staging", "qa"};
  std::ostringstream out;
  WriteHistoryMarkdown(HistoryOf({production, qa}), out);
  const std::string md = out.str();
  EXPECT_NE(md.find("| drift | sides | kind | appeared | fixed |\n|---|---|---|---|---|\n"), std::string::npos) << md;
  EXPECT_NE(md.find(" | staging ↔ production | invalid-file | "), std::string::npos) << md;
  EXPECT_NE(md.find(" | staging ↔ qa | invalid-file | "), std::string::npos) << md;
}

}  // namespace
}  // namespace driftcheck
