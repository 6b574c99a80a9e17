#pragma once
// The comparison run for one pair of environments: pair each source's files,
// load them (layers, select, documents), diff them and turn every difference
// into a Finding. Rules, schema and report formats come after this stage.

#include <cstddef>
#include <vector>

#include "config/loader.h"
#include "core/secrets.h"
#include "manifest/manifest.h"
#include "report/finding.h"
#include "tree/tree.h"

namespace driftcheck {

/// An environment and the tree its configuration is read from.
struct EnvironmentTree {
  const Environment* env = nullptr;
  const Tree* tree = nullptr;
};

struct CompareResult {
  std::size_t file_pairs = 0;
  std::vector<Finding> findings;
};

/// Compares every source of `manifest` between `left` and `right`.
/// Throws InputError when a file cannot be loaded.
CompareResult CompareEnvironments(const Manifest& manifest, const EnvironmentTree& left,
                                  const EnvironmentTree& right, const LoadLimits& limits = {});

}  // namespace driftcheck
