#pragma once
// Pair results remembered by what the pair read: `history` evaluates many
// revisions, and a pair task whose blobs did not change between two of them
// gives the same findings, so it is evaluated (and judged) once.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/plan.h"
#include "finding/finding.h"

namespace driftcheck {

class PairMemo {
 public:
  /// The task's identity by content: source, placeholders, both sides'
  /// labels and environments, and every layer's path and blob id. nullopt
  /// when a side's tree cannot name its blobs (the working tree): such a
  /// task is always evaluated.
  static std::optional<std::string> Key(const PairTask& task);

  /// The remembered findings, or nullptr.
  const std::vector<Finding>* Find(const std::string& key) const;
  /// Remembers findings (the first stored for a key stays); returns them.
  /// They stay valid, unchanged, while the memo lives.
  const std::vector<Finding>& Store(std::string key, std::vector<Finding> findings);
  /// How many tasks were found remembered (for tests and measurements).
  std::size_t hits() const { return hits_; }

 private:
  std::map<std::string, std::vector<Finding>> results_;
  mutable std::size_t hits_ = 0;
};

}  // namespace driftcheck
