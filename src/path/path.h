#pragma once
// Paths into a configuration tree, printed exactly as an allow rule's `path`
// or a baseline entry would write them: `database.pool_size`, `hosts[2]`,
// `annotations."app.kubernetes.io/name"`.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace driftcheck {

struct PathSegment {
  /// kKey: `a`; kIndex: `[3]`; kMatch: `[name=health]`, the list item whose
  /// field `key` holds `match` (lists paired by a key field).
  enum class Kind { kKey, kIndex, kMatch };
  Kind kind = Kind::kKey;
  std::string key;        ///< for kKey and kMatch
  std::size_t index = 0;  ///< for kIndex
  std::string match;      ///< for kMatch
  bool hidden = false;    ///< a key no report may print (see Value::HideKey)
};

class Path {
 public:
  Path() = default;
  Path Key(std::string key, bool hidden = false) const;
  Path Index(std::size_t index) const;
  /// `[field=value]`; with an empty field, `[value]` as written (a secret's fingerprint).
  Path Match(std::string field, std::string value) const;

  const std::vector<PathSegment>& segments() const { return segments_; }
  bool empty() const { return segments_.empty(); }
  /// The printed form; "" for the root. A hidden key prints as its
  /// fingerprint (`"<redacted:3fa9c0d2>"`).
  std::string ToString() const;

 private:
  std::vector<PathSegment> segments_;
};

/// A key as a path segment: bare when it is made of letters, digits and
/// `_ - / @ $ : +`, otherwise double-quoted with `"` and `\` escaped.
std::string FormatPathKey(std::string_view key);

}  // namespace driftcheck
