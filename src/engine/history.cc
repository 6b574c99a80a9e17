#include "engine/history.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/error.h"

namespace driftcheck {
namespace {

bool AnySourceFile(const std::vector<const Source*>& sources, const std::vector<std::string>& paths) {
  return std::any_of(paths.begin(), paths.end(), [&](const std::string& p) { return IsSourceFile(sources, p); });
}

}  // namespace

bool IsTrackedDrift(const Finding& f) {
  return f.failing() && f.kind != FindingKind::kRuleExpired && f.kind != FindingKind::kRuleExpiring &&
         f.kind != FindingKind::kRuleUnused;
}

bool IsSourceFile(const std::vector<const Source*>& sources, const std::string& path) {
  for (const Source* source : sources) {
    for (const PathTemplate& t : source->layers) {
      if (t.Match(path, {})) return true;
    }
    for (const auto& [env, t] : source->env_paths) {
      if (t.Match(path, {})) return true;
    }
  }
  return false;
}

namespace {

// A gap as long as consecutive commits have it: [first, last] walked commits.
struct GapRun {
  std::size_t first = 0;
  std::size_t last = 0;
  std::string source;  // "" = the whole commit was not evaluated
  std::string reason;
  bool carry = false;
};

std::string CommitSpan(const std::vector<HistoryCommit>& commits, const GapRun& run) {
  if (run.first == run.last) return "commit " + commits[run.first].sha.substr(0, 7);
  return "commits " + commits[run.first].sha.substr(0, 7) + " to " + commits[run.last].sha.substr(0, 7) + " (" +
         std::to_string(run.last - run.first + 1) + " commits)";
}

std::string NoteFor(const std::vector<HistoryCommit>& commits, const GapRun& run) {
  if (run.source.empty()) {
    return CommitSpan(commits, run) + (run.first == run.last ? " was" : " were") + " not evaluated: " + run.reason +
           (run.first == run.last ? "" : "; drifts stay as they were before them");
  }
  return "source '" + run.source + "': " + run.reason + " at " + CommitSpan(commits, run) +
         (run.carry ? "; its drifts stay as they were before" : "; nothing of it was compared there");
}

// Turns each commit's gaps into runs of consecutive commits.
class GapRuns {
 public:
  // The gaps of evaluated commit `i`; runs no longer present end at i - 1
  // (the commits between kept the previous state).
  void At(std::size_t i, const std::vector<GapRun>& now) {
    for (auto it = open_.begin(); it != open_.end();) {
      const bool still = std::any_of(now.begin(), now.end(), [&](const GapRun& g) { return Same(g, it->second); });
      if (still) {
        ++it;
        continue;
      }
      it->second.last = i - 1;
      closed_.push_back(std::move(it->second));
      it = open_.erase(it);
    }
    for (const GapRun& g : now) {
      const std::string key = g.source + '\n' + g.reason;
      if (!open_.contains(key)) open_.emplace(key, GapRun{i, i, g.source, g.reason, g.carry});
    }
  }

  std::vector<std::string> Notes(const std::vector<HistoryCommit>& commits) {
    for (auto& [key, run] : open_) {
      run.last = commits.size() - 1;
      closed_.push_back(std::move(run));
    }
    open_.clear();
    std::stable_sort(closed_.begin(), closed_.end(), [](const GapRun& a, const GapRun& b) {
      return std::tie(a.first, a.source, a.reason) < std::tie(b.first, b.source, b.reason);
    });
    std::vector<std::string> notes;
    for (const GapRun& run : closed_) notes.push_back(NoteFor(commits, run));
    return notes;
  }

 private:
  static bool Same(const GapRun& a, const GapRun& b) { return a.source == b.source && a.reason == b.reason; }

  std::map<std::string, GapRun> open_;  // by source and reason
  std::vector<GapRun> closed_;
};

bool HoldsInvalidFile(const std::vector<Finding>& pair) {
  return std::any_of(pair.begin(), pair.end(), [](const Finding& f) { return f.kind == FindingKind::kInvalidFile; });
}

// A pair whose file cannot be read at this commit says nothing about its
// drifts: the lists it had stay beside its new one, so none reads as fixed
// there (a side that does not parse is not a side that agrees).
void KeepListsOfUnreadablePairs(const std::vector<const std::vector<Finding>*>& before,
                                std::vector<const std::vector<Finding>*>& now) {
  std::set<PairIdentity> unreadable;
  for (const auto* pair : now) {
    if (!pair->empty() && HoldsInvalidFile(*pair)) unreadable.insert(IdentityOf(pair->front()));
  }
  if (unreadable.empty()) return;
  const std::set<const std::vector<Finding>*> current(now.begin(), now.end());
  for (const auto* pair : before) {
    if (!pair->empty() && !current.contains(pair) && !HoldsInvalidFile(*pair) &&
        unreadable.contains(IdentityOf(pair->front()))) {
      now.push_back(pair);
    }
  }
}

}  // namespace

History TraceHistory(const HistoryInput& input, const std::vector<const Source*>& sources) {
  History history;
  history.tool_version = DRIFTCHECK_VERSION;
  history.commits = input.commits;
  // The pairs' lists the last evaluated commit had, and for each finding id
  // they hold, how many findings have it and its open life. Only the lists
  // that changed since that commit are looked at: a commit costs what it changed.
  std::vector<const std::vector<Finding>*> before;
  struct Open {
    std::size_t count = 0;
    std::size_t life = 0;
  };
  std::unordered_map<FindingId, Open, FindingIdHash> open;
  GapRuns gaps;
  // No silent pass: a source every evaluated commit had a gap for was never
  // compared, and "no drift" would say nothing about it.
  std::set<std::string> compared;
  std::map<std::string, std::string> gap_reason;
  for (std::size_t i = 0; i < input.commits.size(); ++i) {
    if (input.progress) input.progress(i + 1, input.commits.size());
    const std::string& sha = input.commits[i].sha;
    if (i > 0 && !AnySourceFile(sources, input.changed_paths(input.commits[i - 1].sha, sha))) continue;
    CommitFindings now;
    try {
      now = input.evaluate(sha);
    } catch (const InputError& e) {
      // This commit's configuration cannot be read as today's manifest
      // describes it; its drifts stay as they were.
      gaps.At(i, {GapRun{i, i, "", e.Headline(), true}});
      history.newest_unread = input.commits[i].sha.substr(0, 7) + ": " + e.Headline();  // until one is read
      continue;
    }
    ++history.evaluated;
    history.newest_unread.clear();
    std::vector<GapRun> runs;
    std::set<std::string> carried;  // sources whose drifts stay as they were
    for (const SourceGap& g : now.gaps) {
      runs.push_back({i, i, g.source, g.reason, g.carry});
      if (g.carry) carried.insert(g.source);
    }
    gaps.At(i, runs);
    for (const Source* source : sources) {
      const auto gap = std::find_if(now.gaps.begin(), now.gaps.end(),
                                    [&](const SourceGap& g) { return g.source == source->name; });
      if (gap == now.gaps.end()) compared.insert(source->name);
      else gap_reason[source->name] = gap->reason;  // the latest reason says what to fix
    }
    if (!carried.empty()) {
      for (const auto* pair : before) {
        if (!pair->empty() && carried.contains(pair->front().source)) now.pairs.push_back(pair);
      }
    }
    KeepListsOfUnreadablePairs(before, now.pairs);
    // The lists this commit has that the last did not (in plan order), and
    // the ones it no longer has.
    std::unordered_map<const std::vector<Finding>*, std::size_t> kept;
    for (const auto* pair : before) ++kept[pair];
    std::vector<const std::vector<Finding>*> added;
    for (const auto* pair : now.pairs) {
      const auto it = kept.find(pair);
      if (it != kept.end() && it->second > 0) {
        --it->second;
      } else {
        added.push_back(pair);
      }
    }
    // Added first: a finding that moves from a pair's old list to its new
    // one keeps its life.
    for (const auto* pair : added) {
      for (const Finding& f : *pair) {
        if (!IsTrackedDrift(f)) continue;
        // Ids are unique within a commit (a one-sided finding's names its pair),
        // but a pair's new list may hold one its old list, let go below, still
        // counts: the first holder of an id stands for it.
        Open& o = open[f.id];
        if (o.count++ == 0) {
          o.life = history.lives.size();
          history.lives.push_back({f, i, i == 0, std::nullopt});
        }
      }
    }
    for (const auto* pair : before) {
      auto it = kept.find(pair);
      if (it->second == 0) continue;
      --it->second;
      for (const Finding& f : *pair) {
        if (!IsTrackedDrift(f)) continue;
        const auto o = open.find(f.id);
        if (--o->second.count > 0) continue;
        history.lives[o->second.life].disappeared = i;
        open.erase(o);
      }
    }
    before = std::move(now.pairs);
  }
  for (const Source* source : sources) {
    const auto gap = gap_reason.find(source->name);
    if (gap == gap_reason.end() || compared.contains(source->name)) continue;
    throw InputError(source->location,
                     "source '" + source->name + "' was compared at no commit walked: " + gap->second + " at any of " +
                         std::to_string(history.evaluated) +
                         (history.evaluated == 1 ? " evaluated commit" : " evaluated commits"),
                     source->select.empty() || gap->second.find("select") == std::string::npos
                         ? "spell its path as the files are named, or walk a range where they exist (--since/--until)"
                         : "check the key path in 'select' against the file");
  }
  history.notes = gaps.Notes(input.commits);
  return history;
}

int History::ExitCode() const {
  if (!newest_unread.empty()) return 2;
  bool open = false;
  for (const DriftLife& l : lives) {
    if (l.disappeared) continue;
    if (l.finding.kind == FindingKind::kInvalidFile) return 2;
    open = true;
  }
  return open ? 1 : 0;
}

}  // namespace driftcheck
