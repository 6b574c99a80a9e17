#pragma once
// A session: the one sequence every command runs, in named stages (as git's
// diffcore_std names its passes, and ninja keeps its Plan apart from the
// Builder):
//
//   plan      every compared pair x source -> pair tasks (engine/plan.h)
//   evaluate  each task -> its findings, on `jobs` threads (engine/evaluate.h)
//   collect   the results, in plan order, into one Report
//   judge     rules, --new-since, baseline, applied once (engine/judge.h)
//
// Commands only choose the sides and render the judged Report.

#include <functional>
#include <string>
#include <vector>

#include "config/loader.h"
#include "engine/evaluate.h"
#include "engine/judge.h"
#include "engine/plan.h"
#include "engine/result_cache.h"
#include "manifest/manifest.h"
#include "plan/pairing.h"
#include "finding/finding.h"

namespace driftcheck {

struct SessionOptions {
  /// `--source NAME`: only these sources (all when empty).
  std::vector<std::string> sources;
  LoadLimits limits;
  /// Told what is read, for `-v`, in plan order; may be empty.
  std::function<void(const std::string&)> log;
  /// `-j N`: how many pair tasks are evaluated at once. The report is the
  /// same for every N.
  unsigned jobs = 1;
  /// Ask every PairResult for its trace (explain).
  bool trace = false;
  /// `diff`: tolerate a source absent at a revision, but never `layers`
  /// that read only the shared first layer on both sides (PlanOptions).
  bool refuse_shared_layers_only = false;
  /// The persistent cache (engine/result_cache.h), or null: a pair task
  /// found there is not evaluated, and every one evaluated is stored. Not
  /// used when tracing. Owned by the caller.
  ResultCache* cache = nullptr;
};

/// What a session reads: the compared pairs of sides, and each environment
/// as this run read it.
struct Sides {
  std::vector<Comparison> comparisons;
  std::vector<EnvironmentRun> environments;
  /// `validate`: each comparison is one side read against itself; every
  /// side is evaluated alone (EvaluateSide), nothing is compared.
  bool one_sided = false;
};

/// How a session's findings are judged.
struct Judging {
  Verdicts verdicts;
  /// --new-since: the same sides at an earlier revision; what they already
  /// had failing is existing. A source with no files there yet is skipped.
  const Sides* before = nullptr;
  /// Findings a command adds before judging (check's pinned values); may be empty.
  std::function<void(Report&)> amend;
};

class Session {
 public:
  Session(const Manifest& manifest, SessionOptions options);

  /// The whole sequence: plan, evaluate, collect, judge. Throws InputError
  /// for what makes the manifest wrong for these sides (see MakePlan; a
  /// `select` that finds its subtree nowhere is known after evaluation).
  Report Run(const Sides& sides, const Judging& judging);

  /// plan, evaluate, collect: the findings as the stages made them, unjudged.
  Report Compare(const Sides& sides, bool tolerate_unmatched = false);

  /// The stages one by one, for commands that look between them.
  Plan MakePlan(const Sides& sides, bool tolerate_unmatched = false);
  std::vector<PairResult> Evaluate(const Plan& plan) const;
  Report Collect(const Sides& sides, const Plan& plan, std::vector<PairResult> results) const;

  /// How many files were parsed (cache misses), for tests.
  std::size_t parses() const { return evaluator_.parses(); }
  /// How many sides were loaded and normalized (not shared), for tests.
  std::size_t normalizations() const { return evaluator_.normalizations(); }

 private:
  /// One task's result: from the persistent cache, or evaluated (and stored).
  PairResult EvaluateTask(const PairTask& task) const;

  const Manifest& manifest_;
  SessionOptions options_;
  ListingCache listings_;
  Evaluator evaluator_;
};

}  // namespace driftcheck
