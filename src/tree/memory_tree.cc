#include "tree/tree.h"

namespace driftcheck {

bool PathUnder(std::string_view path, std::string_view prefix) {
  if (prefix.empty()) return true;
  return path.size() > prefix.size() && path.starts_with(prefix) && path[prefix.size()] == '/';
}

MemoryTree::MemoryTree(std::map<std::string, std::string> files, std::string revision)
    : files_(std::move(files)), revision_(std::move(revision)) {}

std::vector<std::string> MemoryTree::ListFiles(std::string_view prefix) const {
  std::vector<std::string> out;
  for (const auto& [path, content] : files_) {
    if (PathUnder(path, prefix)) out.push_back(path);
  }
  return out;
}

std::optional<FileContent> MemoryTree::Read(std::string_view path) const {
  auto it = files_.find(std::string(path));
  if (it == files_.end()) return std::nullopt;
  return FileContent{it->second, {}};
}

}  // namespace driftcheck
