#pragma once
// Pairing: which files of two environments hold the same configuration.
// Files pair by their non-{env} placeholder values.

#include <string>
#include <vector>

#include "manifest/manifest.h"
#include "tree/tree.h"

namespace driftcheck {

/// One environment's files for a pair: the path of each layer (after the
/// first, a layer may not exist: loading skips what is absent).
struct SideFiles {
  bool present = false;             ///< the first layer exists
  std::vector<std::string> layers;  ///< expanded layer paths, in order
};

struct FilePair {
  const Source* source = nullptr;
  Bindings placeholders;  ///< without {env}
  SideFiles left;
  SideFiles right;
};

/// Pairs `source`'s files between two environments. Sorted by placeholders.
std::vector<FilePair> PairFiles(const Source& source, const Environment& left_env,
                                const Tree& left_tree, const Environment& right_env,
                                const Tree& right_tree);

}  // namespace driftcheck
