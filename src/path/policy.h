#pragma once
// What the diff stage asks, per path, about how to compare: how lists pair,
// what to skip, what must differ, what is secret. Schemas and a source's
// `normalize:` implement it; the default compares everything plainly.

#include <string>

#include "path/path.h"

namespace driftcheck {

class Value;

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
  /// Whether two scalars at a path that is not secret share a credential a
  /// value detector finds (an equal URL password, an equal `ghp_` token):
  /// a same-secret, whether or not the rest of the values differ.
  virtual bool SharesCredential(const Path& path, const Value& left, const Value& right) const {
    (void)path, (void)left, (void)right;
    return false;
  }
};

}  // namespace driftcheck
