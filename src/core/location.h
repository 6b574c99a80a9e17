#pragma once
// Where a piece of configuration was written: file, line and column. The
// revision is not part of it: one parsed blob serves every revision that holds
// the same bytes, and a finding's side says which revision it read.

#include <memory>
#include <string>

namespace driftcheck {

/// One file; shared by every node loaded from it.
struct Origin {
  std::string path;  ///< repository-relative path, '/'-separated
};

using OriginPtr = std::shared_ptr<const Origin>;

/// Makes an Origin for a file.
OriginPtr MakeOrigin(std::string path);

/// A position inside an Origin; line and column are 1-based, 0 when unknown.
struct Location {
  OriginPtr origin;
  int line = 0;
  int column = 0;

  /// The file's path, or "" when the location is unknown.
  const std::string& file() const;
  /// "path:line:column" (or less when line/column are unknown).
  std::string ToString() const;
};

}  // namespace driftcheck
