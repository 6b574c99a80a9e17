#include "tree/tree.h"

namespace driftcheck {

SymbolicLinkError::SymbolicLinkError(const std::string& path)
    : InputError(path, 0, 0, "is a symbolic link; driftcheck reads regular files only",
                 "name the file the link points to"),
      path_(path) {}

bool PathUnder(std::string_view path, std::string_view prefix) {
  if (prefix.empty()) return true;
  return path.size() > prefix.size() && path.starts_with(prefix) && path[prefix.size()] == '/';
}

}  // namespace driftcheck
