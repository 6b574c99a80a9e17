#pragma once
// Structural comparison of two configuration trees. Key order and formatting
// never produce a difference; list order does (ordered lists by default).

#include <vector>

#include "config/value.h"
#include "diff/path.h"
#include "report/finding.h"

namespace driftcheck {

struct Difference {
  FindingKind kind = FindingKind::kChanged;
  Path path;
  const Value* left = nullptr;   ///< nullptr when only the right side has it
  const Value* right = nullptr;  ///< nullptr when only the left side has it
  /// For a map entry only one side has: where its key is written (a block
  /// map's own location is its first child's line, not the key's).
  const Location* key_location = nullptr;
};

/// Every difference between `left` and `right`, in document order: the left
/// side's keys as written, then keys only the right side has.
std::vector<Difference> DiffValues(const Value& left, const Value& right);

}  // namespace driftcheck
