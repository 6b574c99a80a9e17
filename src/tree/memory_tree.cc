#include "tree/tree.h"

#include <functional>

namespace driftcheck {

MemoryTree::MemoryTree(std::map<std::string, std::string> files, std::string revision)
    : files_(std::move(files)), revision_(std::move(revision)) {}

std::vector<std::string> MemoryTree::ListFiles(std::string_view prefix) const {
  std::vector<std::string> out;
  for (const auto& [path, content] : files_) {
    if (PathUnder(path, prefix)) out.push_back(path);
  }
  return out;
}

namespace {

// Tests need ids that are equal exactly when contents are; a hash of the
// bytes prefixed with their length is enough here.
std::string ContentId(const std::string& bytes) {
  return std::to_string(bytes.size()) + "-" + std::to_string(std::hash<std::string>{}(bytes));
}

}  // namespace

std::optional<FileContent> MemoryTree::Read(std::string_view path) const {
  auto it = files_.find(std::string(path));
  if (it == files_.end()) return std::nullopt;
  return FileContent{it->second, ContentId(it->second)};
}

std::optional<std::uint64_t> MemoryTree::FileSize(std::string_view path) const {
  auto it = files_.find(std::string(path));
  if (it == files_.end()) return std::nullopt;
  return it->second.size();
}

std::optional<std::string> MemoryTree::BlobId(std::string_view path) const {
  auto it = files_.find(std::string(path));
  if (it == files_.end()) return std::nullopt;
  return ContentId(it->second);
}

}  // namespace driftcheck
