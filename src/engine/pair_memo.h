#pragma once
// Pair results remembered by what the pair read: `history` evaluates many
// revisions, and a file pair whose blobs did not change between two of them
// gives the same findings, so it is compared once.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/findings.h"
#include "plan/pairing.h"
#include "report/finding.h"

namespace driftcheck {

class PairMemo {
 public:
  /// What one compared pair gave.
  struct Result {
    std::vector<Finding> findings;
    bool selected = false;  ///< either side had the `select` subtree
  };

  /// The pair's identity by content: source, placeholders, both sides'
  /// labels and environments, and every layer's path and blob id. nullopt
  /// when a side's tree cannot name its blobs (the working tree): such a
  /// pair is always compared.
  static std::optional<std::string> Key(const FilePair& pair, const SideSpec& left, const SideSpec& right);

  /// The remembered result, or nullptr.
  const Result* Find(const std::string& key) const;
  /// Remembers a result (the first one stored for a key stays); returns it.
  const Result& Store(std::string key, Result result);
  /// How many pairs were found remembered (for tests and measurements).
  std::size_t hits() const { return hits_; }

  /// Applied to a pair's findings before they are remembered (and
  /// reported): `history` keeps only what its judge would fail on.
  std::function<void(std::vector<Finding>&)> reduce;
  /// Whether a remembered pair's findings are copied into the report;
  /// `history` reads them from `used` instead.
  bool replay = true;
  /// Every result a run used, remembered or new, in run order; the caller
  /// clears it between runs. Stays valid while the memo lives.
  std::vector<const Result*> used;

 private:
  std::map<std::string, Result> results_;
  mutable std::size_t hits_ = 0;
};

}  // namespace driftcheck
