#pragma once
// The engine: runs the pipeline (plan → load → normalize → diff → findings)
// for every comparison and builds the one Report every writer and the exit
// code are rendered from. `check`, `diff` and `history` share it.

#include <functional>
#include <string>
#include <vector>

#include "config/loader.h"
#include "engine/findings.h"
#include "engine/pair_memo.h"
#include "manifest/manifest.h"
#include "report/finding.h"

namespace driftcheck {

/// Two sides to compare.
struct Comparison {
  SideSpec left;
  SideSpec right;
};

struct RunOptions {
  /// `--source NAME`: only these sources (all when empty).
  std::vector<std::string> sources;
  LoadLimits limits;
  /// Told what is read, for `-v`; may be empty.
  std::function<void(const std::string&)> log;
  /// Skip, rather than refuse, a source that matches nothing (an older
  /// revision read for --new-since, before the source existed).
  bool tolerate_unmatched = false;
  /// Pair results remembered across runs by blob ids (`history`); may be null.
  PairMemo* memo = nullptr;
};

/// Runs every comparison over the manifest's sources. Throws InputError
/// when the manifest cannot be right for these trees: an unknown --source, a
/// source that matches no file in any compared environment, a `select` that
/// finds its subtree nowhere, a symbolic link at a config path.
Report BuildReport(const Manifest& manifest, const std::vector<Comparison>& comparisons,
                   const std::vector<EnvironmentRun>& environments, const RunOptions& options);

/// The sources to run: all, or those `--source` names (names checked, with
/// "did you mean").
std::vector<const Source*> SelectSources(const Manifest& manifest, const std::vector<std::string>& names);

}  // namespace driftcheck
