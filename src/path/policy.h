#pragma once
// What the diff stage asks, per path, about how to compare: how lists pair,
// what to skip, what must differ, what is secret. Schemas and a source's
// `normalize:` implement it; the default compares everything plainly.

#include <string>

#include "path/path.h"

namespace driftcheck {

enum class ListMatch { kByIndex, kAsSet, kByKey };

struct ListRule {
  ListMatch match = ListMatch::kByIndex;
  std::string key;  ///< the item field that names an item, for kByKey
};

class DiffPolicy {
 public:
  virtual ~DiffPolicy() = default;
  /// How the items of the list at `path` pair up.
  virtual ListRule ListAt(const Path& path) const { (void)path; return {}; }
  /// Whether the subtree at `path` is left out of the comparison (x-drift: ignore).
  virtual bool Skip(const Path& path) const { (void)path; return false; }
  /// Whether equal values at `path` are a finding (x-drift: must-differ).
  virtual bool MustDiffer(const Path& path) const { (void)path; return false; }
  /// Whether the value at `path` is secret (writeOnly, x-drift-secret); key-name
  /// secrets (the manifest's secret_keys) are handled by the engine on top.
  virtual bool Secret(const Path& path) const { (void)path; return false; }
};

}  // namespace driftcheck
