#pragma once
// The plan stage of a session: every compared pair of sides x every source ->
// the list of pair tasks to evaluate, each side with its files and their blob
// ids. Source-level errors (an unknown --source, a source that matches no
// file) are raised here, before any file is parsed. Whether a `select:`
// subtree exists anywhere is only known once files are loaded: the session
// checks it after evaluation (see SourcePlan::needs_selection).

#include <string>
#include <vector>

#include "core/error.h"
#include "engine/findings.h"
#include "manifest/manifest.h"
#include "plan/pairing.h"

namespace driftcheck {

/// Two sides to compare.
struct Comparison {
  SideSpec left;
  SideSpec right;
};

/// A later layer one side has and the other lacks: likely a misnamed file.
struct LayerGap {
  std::size_t layer = 0;
  bool missing_on_left = false;
  std::string nearest;  ///< the missing side's nearest existing file, or ""
};

/// One unit of evaluation: a file pair of one source between two sides.
struct PairTask {
  FilePair pair;
  Comparison comparison;
  /// Each layer's blob id, parallel to pair.left.layers / pair.right.layers;
  /// "" when the layer is absent or the tree cannot name it without reading.
  std::vector<std::string> left_blobs;
  std::vector<std::string> right_blobs;
  std::vector<LayerGap> layer_gaps;
  /// `validate`: the side is read alone (EvaluateSide), not compared.
  bool one_sided = false;
  /// Both sides hold the same blobs under the same reading, and nothing is
  /// raised on equal values: the sides cannot differ, so they are not
  /// compared (each side's own findings, such as an unreadable file, are
  /// still made).
  bool identical = false;
};

/// A source as planned, so the session can check after evaluation what only
/// loading can tell.
struct SourcePlan {
  const Source* source = nullptr;
  std::size_t first_task = 0;  ///< its tasks are [first_task, first_task + tasks)
  std::size_t tasks = 0;
  /// Its `select` must find a subtree on some side of some task.
  bool needs_selection = false;
};

struct Plan {
  std::vector<PairTask> tasks;  ///< by source, then comparison, then placeholders
  std::vector<SourcePlan> sources;
};

/// The refusal of `layers` that would read only the shared first layer for
/// every side: a type of its own, so `history` can refuse it at the newest
/// commit while noting what else a commit's plan refuses.
class SharedLayersOnlyError : public InputError {
 public:
  using InputError::InputError;
};

struct PlanOptions {
  /// `--source NAME`: only these sources (all when empty).
  std::vector<std::string> sources;
  /// Skip, rather than refuse, a source that matches nothing (an older
  /// revision read for --new-since, before the source existed).
  bool tolerate_unmatched = false;
  /// Refuse `layers` that would read only the shared first layer for every
  /// side, even while tolerating unmatched sources (`diff`): always refused
  /// when unmatched sources are not tolerated.
  bool refuse_shared_layers_only = false;
  /// Every side is read alone (validate): no pair is compared.
  bool one_sided = false;
};

/// Plans every comparison over the manifest's sources. Throws InputError for
/// an unknown --source and a source that matches no file in any compared
/// environment (with "did you mean"), and for a file under two spellings of
/// one environment's name.
Plan MakePlan(const Manifest& manifest, const std::vector<Comparison>& comparisons,
              const PlanOptions& options, ListingCache& listings);

/// The sources to run: all, or those `--source` names (names checked, with
/// "did you mean").
std::vector<const Source*> SelectSources(const Manifest& manifest, const std::vector<std::string>& names);

}  // namespace driftcheck
