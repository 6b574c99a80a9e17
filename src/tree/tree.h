#pragma once
// Tree: "list files, read a file, say where it came from". Implementations: a
// git revision (libgit2, read-only), a working tree, an in-memory tree (tests).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace driftcheck {

/// Reading a symbolic link: driftcheck never follows one (it could lead
/// outside the revision), and the caller knows which manifest entry named it.
class SymbolicLinkError : public InputError {
 public:
  explicit SymbolicLinkError(const std::string& path);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// A file's bytes and an identity for caching (git blob id, or empty).
struct FileContent {
  std::string bytes;
  std::string blob_id;
};

class Tree {
 public:
  virtual ~Tree() = default;
  /// Regular files and symbolic links at or below directory `prefix` ("" =
  /// whole tree, else "dir/sub" without trailing slash), as '/'-separated
  /// paths, sorted. Links are listed so that a template matching one fails
  /// loudly instead of reporting the file as missing.
  virtual std::vector<std::string> ListFiles(std::string_view prefix) const = 0;
  /// The file's content, or nullopt when no regular file is at `path`.
  /// Reading a symbolic link throws SymbolicLinkError.
  virtual std::optional<FileContent> Read(std::string_view path) const = 0;
  /// The blob id of the file at `path` when the tree knows it without reading
  /// the file (a git revision does), else nullopt; Read() still gives it.
  virtual std::optional<std::string> BlobId(std::string_view path) const {
    (void)path;
    return std::nullopt;
  }
  /// The size in bytes of the regular file at `path`, found without reading
  /// its content (a git object header, a stat), or nullopt when there is no
  /// such file or the tree cannot tell.
  virtual std::optional<std::uint64_t> FileSize(std::string_view path) const {
    (void)path;
    return std::nullopt;
  }
  /// The full commit SHA this tree was read from, or "worktree".
  virtual const std::string& revision() const = 0;
};

/// An in-memory tree for tests: path -> content.
class MemoryTree : public Tree {
 public:
  explicit MemoryTree(std::map<std::string, std::string> files, std::string revision = "memory");
  std::vector<std::string> ListFiles(std::string_view prefix) const override;
  std::optional<FileContent> Read(std::string_view path) const override;
  std::optional<std::string> BlobId(std::string_view path) const override;
  std::optional<std::uint64_t> FileSize(std::string_view path) const override;
  const std::string& revision() const override { return revision_; }

 private:
  std::map<std::string, std::string> files_;
  std::string revision_;
};

/// True when `path` lies at or below directory `prefix` ("" matches all).
bool PathUnder(std::string_view path, std::string_view prefix);

}  // namespace driftcheck
