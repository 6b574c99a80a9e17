#pragma once
// Tree: "list files, read a file, say where it came from". Implementations: a
// git revision (libgit2, read-only), a working tree, an in-memory tree (tests).

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace driftcheck {

/// A file's bytes and an identity for caching (git blob id, or empty).
struct FileContent {
  std::string bytes;
  std::string blob_id;
};

class Tree {
 public:
  virtual ~Tree() = default;
  /// Regular files at or below directory `prefix` ("" = whole tree, else
  /// "dir/sub" without trailing slash), as '/'-separated paths, sorted.
  virtual std::vector<std::string> ListFiles(std::string_view prefix) const = 0;
  /// The file's content, or nullopt when no regular file is at `path`.
  virtual std::optional<FileContent> Read(std::string_view path) const = 0;
  /// The full commit SHA this tree was read from, or "worktree".
  virtual const std::string& revision() const = 0;
};

/// An in-memory tree for tests: path -> content.
class MemoryTree : public Tree {
 public:
  explicit MemoryTree(std::map<std::string, std::string> files, std::string revision = "memory");
  std::vector<std::string> ListFiles(std::string_view prefix) const override;
  std::optional<FileContent> Read(std::string_view path) const override;
  const std::string& revision() const override { return revision_; }

 private:
  std::map<std::string, std::string> files_;
  std::string revision_;
};

/// True when `path` lies at or below directory `prefix` ("" matches all).
bool PathUnder(std::string_view path, std::string_view prefix);

}  // namespace driftcheck
