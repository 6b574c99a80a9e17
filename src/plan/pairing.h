#pragma once
// The plan stage: which files of two environments hold the same
// configuration. Files pair by their non-{env} placeholder values; `{env}`
// matches an environment's name or any of its aliases.

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "manifest/manifest.h"
#include "tree/tree.h"

namespace driftcheck {

/// Directory listings, each tree prefix listed once per run however many
/// sources and environment pairs ask for it.
class ListingCache {
 public:
  const std::vector<std::string>& List(const Tree& tree, const std::string& prefix);
  /// Whether `path` is a listed file of `tree` (lists its directory once).
  bool Exists(const Tree& tree, const std::string& path);
  /// How many listings were made (for tests).
  std::size_t listings() const { return listings_.size(); }

 private:
  std::map<std::pair<const Tree*, std::string>, std::vector<std::string>> listings_;
};

/// One environment's files for a pair: the path of each layer.
struct SideFiles {
  bool present = false;             ///< the first layer exists
  std::vector<std::string> layers;  ///< expanded layer paths, in order
  std::vector<bool> layer_exists;   ///< parallel to layers
};

struct FilePair {
  const Source* source = nullptr;
  Bindings placeholders;  ///< without {env}
  SideFiles left;
  SideFiles right;
};

/// Pairs `source`'s files between two environments, sorted by placeholders.
/// Throws InputError when one environment has a file under two spellings of
/// its name (`config/prod.json` and `config/production.json`).
std::vector<FilePair> PairFiles(const Source& source, const Environment& left_env,
                                const Tree& left_tree, const Environment& right_env,
                                const Tree& right_tree, ListingCache& listings);

/// The environment's name, then its aliases: every spelling `{env}` matches.
std::vector<std::string> EnvSpellings(const Environment& env);

/// The listed file nearest to `expected` in its directory (for hints), or "";
/// never one of `excluded` (files known to be something else).
std::string NearestFile(const Tree& tree, const std::string& expected, ListingCache& listings,
                        const std::set<std::string>& excluded = {});

}  // namespace driftcheck
