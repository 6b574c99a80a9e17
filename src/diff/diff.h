#pragma once
// Structural comparison of two configuration trees. Key order and formatting
// never produce a difference; how lists pair, what is skipped and what must
// differ is the policy's to say. The diff knows nothing of findings or reports.

#include <vector>

#include "config/value.h"
#include "path/path.h"
#include "path/policy.h"

namespace driftcheck {

enum class DiffKind {
  kChanged,      ///< both have the path, values differ
  kTypeChanged,  ///< both have the path, kinds differ (string vs integer, map vs list)
  kOnlyLeft,     ///< only the left side has the path
  kOnlyRight,    ///< only the right side has the path
  kSameSecret,   ///< a secret subtree is the same on both sides
  kMustDiffer,   ///< a must-differ subtree is the same on both sides
};

struct Difference {
  DiffKind kind = DiffKind::kChanged;
  Path path;
  const Value* left = nullptr;   ///< nullptr when only the right side has it
  const Value* right = nullptr;  ///< nullptr when only the left side has it
  /// For a map entry only one side has: where its key is written (a block
  /// map's own location is its first child's line, not the key's).
  const Location* key_location = nullptr;
};

/// Every difference between `left` and `right`, in document order: the left
/// side's keys as written, then keys only the right side has.
std::vector<Difference> DiffValues(const Value& left, const Value& right,
                                   const DiffPolicy& policy = DiffPolicy());

}  // namespace driftcheck
