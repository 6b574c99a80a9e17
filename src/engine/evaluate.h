#pragma once
// The evaluate stage of a session: one pair task in, its findings out. Load
// both sides, normalize them, compare them under the source's policy, and
// turn what each stage found into findings. Safe to run for many tasks at
// once on several threads: an Evaluator shares only immutable state and its
// (locked) parse cache.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/secrets.h"
#include "engine/findings.h"
#include "engine/plan.h"
#include "engine/trace.h"
#include "load/load.h"
#include "manifest/manifest.h"
#include "normalize/normalize.h"
#include "finding/finding.h"

namespace driftcheck {

/// What evaluating one task gave.
struct PairResult {
  std::vector<Finding> findings;  ///< in the order the stages made them
  FilePairRecord record;          ///< the pair, as reports list it
  /// Some side had the source's `select` subtree (always true without `select`).
  bool selected = false;
  std::vector<std::string> read;  ///< "path (format)" for each file read, for `-v`
  /// What evaluation did, step by step; set only when the Evaluator traces.
  Boxed<PairTrace> trace;
};

/// The pair as reports list it.
FilePairRecord RecordOf(const PairTask& task);

/// Gives the heap pages freed parse trees leave behind back to the system
/// (glibc keeps them resident otherwise, pinned by the findings' small
/// strings made between the trees' nodes); a no-op elsewhere.
void ReleaseFreedMemory();

class Evaluator {
 public:
  /// `trace` asks every result for its PairTrace (explain).
  Evaluator(const Manifest& manifest, const LoadLimits& limits, bool trace = false);
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  /// Loads, normalizes and compares the two sides of `task`.
  PairResult EvaluatePair(const PairTask& task) const;
  /// Loads and normalizes the left side of `task` alone (validate): its own
  /// findings (unreadable file, schema violations, load warnings), no comparison.
  PairResult EvaluateSide(const PairTask& task) const;
  /// Either of the above, as the task asks.
  PairResult Evaluate(const PairTask& task) const;

  /// How many files were parsed (cache misses).
  std::size_t parses() const { return cache_.parses(); }
  /// How many sides were loaded and normalized (the rest were shared).
  std::size_t normalizations() const { return normalizations_.load(); }
  /// Tells the parse cache which blobs `plan` reads more than once, so that
  /// only those are kept (a copy of each), and which sides more than one
  /// task reads, so that each is normalized once and shared (until its last
  /// reader is done). Call before evaluating the plan; without a call every
  /// blob is kept and no side is shared.
  void ExpectReads(const Plan& plan);

 private:
  /// An empty result for `task`: its record, and a trace when tracing.
  PairResult Started(const PairTask& task) const;
  LoadedSide Load(const PairTask& task, bool left, PairResult& result) const;
  PairResult EvaluateIdentical(const PairTask& task) const;
  PairResult EvaluateTraced(const PairTask& task) const;

  /// One side, loaded and normalized: what comparing it needs.
  struct NormalizedSide {
    LoadedSide side;
    std::vector<NormalizeProblem> problems;
  };
  /// The side of `task` (left or right), loaded and normalized, or shared
  /// from another task of the plan that read the very same side.
  std::shared_ptr<const NormalizedSide> Normalized(const PairTask& task, bool left, PairResult& result) const;
  /// Findings of two normalized sides: their load warnings, unreadable
  /// files, normalization problems, and the comparison.
  void Judge(const PairTask& task, const NormalizedSide& left, const NormalizedSide& right,
             FindingBuilder& builder, PairResult& result) const;

  /// A side shared between tasks, and how many of them are still to read it.
  struct SharedSide {
    std::shared_ptr<const NormalizedSide> side;
    std::size_t readers = 0;
  };

  SecretMatcher secrets_;
  bool report_same_secret_;
  mutable std::atomic<std::size_t> evaluated_{0};  // pairs, for ReleaseFreedMemory
  bool trace_;
  mutable LoadCache cache_;  // locked inside: shared by every thread
  // Sides more than one task reads (by SideKey), with how many read each;
  // and those made so far, until their last reader.
  std::unordered_map<std::string, std::size_t> side_readers_;
  mutable std::mutex sides_mutex_;
  mutable std::unordered_map<std::string, SharedSide> sides_;
  mutable std::atomic<std::size_t> normalizations_{0};
  mutable SharedTextPool texts_;  // locked inside: texts every pair's findings name
  LoadContext context_;
};

}  // namespace driftcheck
