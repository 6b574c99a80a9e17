#pragma once
// Where a piece of configuration was written: file, line, column and the
// revision it was read at.

#include <memory>
#include <string>

namespace driftcheck {

/// One file as read from one revision; shared by every node loaded from it.
struct Origin {
  std::string path;      ///< repository-relative path, '/'-separated
  std::string revision;  ///< full commit SHA, or "worktree"
};

using OriginPtr = std::shared_ptr<const Origin>;

/// Makes an Origin for a file read at a revision.
OriginPtr MakeOrigin(std::string path, std::string revision);

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
