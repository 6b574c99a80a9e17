#pragma once
// The history stage: evaluates the configuration at each commit of a
// first-parent history (only those that changed a source's files) and turns
// the failing findings of consecutive commits into each drift's life.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "manifest/manifest.h"
#include "finding/finding.h"

namespace driftcheck {

/// A commit as history reports name it.
struct HistoryCommit {
  std::string sha;      ///< full SHA
  std::string author;
  std::string date;     ///< author date, UTC: 2026-01-31T09:30:00Z
  std::string subject;  ///< the message's first line
};

/// One stretch of commits during which a finding failed.
struct DriftLife {
  /// The finding as its first failing commit had it: id, kind, source,
  /// placeholders, path and sides, as `check` prints them.
  Finding finding;
  std::size_t appeared = 0;  ///< index into History::commits
  /// Already failing at the oldest commit walked: it appeared there or before.
  bool before_range = false;
  std::optional<std::size_t> disappeared;  ///< index into History::commits; none = still open
};

struct History {
  std::string tool_version;
  std::vector<HistoryCommit> commits;  ///< oldest first
  std::size_t evaluated = 0;           ///< commits whose configuration was compared
  std::vector<DriftLife> lives;        ///< in order of appearance, then finding order
  /// What limits the answer: a shallow clone's boundary, commits that could
  /// not be evaluated. One sentence each.
  std::vector<std::string> notes;

  /// 2 when a file cannot be read at the newest commit (as `check`), else 1
  /// when a drift is still open there, else 0.
  int ExitCode() const;
};

/// A source a commit could not compare as today's manifest describes it: no
/// file matches its path there, or its `select` finds its subtree on no side.
struct SourceGap {
  std::string source;
  std::string reason;  ///< a clause: "no file matches its path"
  /// Its drifts stay as they were before the commit (its files are there but
  /// cannot be read as described); otherwise they end there, as nothing of
  /// the source is left to drift.
  bool carry = false;
};

/// What evaluating one commit gave.
struct CommitFindings {
  /// Each compared pair's failing findings, judged, in plan order: a list
  /// that stays valid and unchanged until TraceHistory returns, so a pair
  /// whose list is the one the previous commit had costs nothing to trace.
  /// None of a source in `gaps`.
  std::vector<const std::vector<Finding>*> pairs;
  std::vector<SourceGap> gaps;
};

struct HistoryInput {
  std::vector<HistoryCommit> commits;  ///< oldest first
  /// The findings at a commit (full SHA). An InputError leaves the commit
  /// unevaluated: every drift stays as it was, and a note says why.
  std::function<CommitFindings(const std::string& sha)> evaluate;
  /// The paths one commit changed against another (from, to).
  std::function<std::vector<std::string>(const std::string&, const std::string&)> changed_paths;
  /// Told "commit i of n" as each commit is walked; may be empty.
  std::function<void(std::size_t, std::size_t)> progress;
};

/// Whether a judged finding is a drift with a life: failing, and about the
/// configuration (rule findings speak of today's rules file, not of a commit).
bool IsTrackedDrift(const Finding& finding);

/// Whether `path` could be a file of one of `sources` in any environment.
bool IsSourceFile(const std::vector<const Source*>& sources, const std::string& path);

/// Walks the commits oldest first. A commit that changes no file of
/// `sources` keeps its parent's findings without evaluating anything. A gap
/// (a commit that cannot be read, a source it cannot compare) is one note for
/// each run of consecutive commits that have it, never one per commit.
History TraceHistory(const HistoryInput& input, const std::vector<const Source*>& sources);

}  // namespace driftcheck
