#pragma once
// A git repository opened read-only in effect: driftcheck reads objects and
// never writes the index, refs, lock files or the working tree.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tree/tree.h"

struct git_oid;
struct git_repository;
struct git_tree;

namespace driftcheck {

class Repository {
 public:
  /// Opens the repository containing `dir`, searching upward like git does;
  /// bare repositories work. Throws InputError when there is none.
  static Repository Discover(const std::string& dir);

  bool is_bare() const;
  /// The working directory with a trailing '/', or "" for a bare repository.
  std::string workdir() const;
  /// The git directory (`.git/`, or the bare repository itself), with a trailing '/'.
  std::string gitdir() const;
  /// The common git directory, with a trailing '/': the gitdir itself,
  /// except in a linked work tree (`git worktree add`), whose gitdir is
  /// `.git/worktrees/<name>/` below the main repository's `.git/`.
  std::string commondir() const;

  /// Resolves any revspec (branch, tag, short/full SHA, HEAD~2, origin/main)
  /// to the full SHA of a commit. Throws InputError naming the revspec, with a
  /// "did you mean" over branch and tag names for near misses.
  std::string ResolveCommit(const std::string& revspec) const;

  /// The files of a commit (a full SHA from ResolveCommit).
  std::unique_ptr<Tree> OpenCommit(const std::string& sha) const;
  /// The files of the working tree as they are on disk (uncommitted edits
  /// included; .git excluded). Throws InputError for a bare repository.
  std::unique_ptr<Tree> OpenWorktree() const;
  /// The files staged in the index, as the next commit would hold them (a
  /// pre-commit hook). The index is read, never locked or written. Throws
  /// InputError for a bare repository.
  std::unique_ptr<Tree> OpenStaged() const;

  /// Short names of local branches, remote branches and tags, sorted.
  std::vector<std::string> RefNames() const;

  // ---- History (git_history.cc) ----
  /// Who made a commit, when, and its first line.
  struct CommitInfo {
    std::string sha;
    std::string author;
    std::string date;     ///< author date, UTC: 2026-01-31T09:30:00Z
    std::string subject;
  };
  /// Where a first-parent walk ended.
  struct FirstParentWalk {
    std::vector<CommitInfo> commits;  ///< newest first, starting at `until`
    bool reached_since = false;       ///< the walk ended at `since` (included last)
    bool shallow = false;             ///< it ended at a commit whose parent is not in the clone
  };
  /// Follows first parents from `until` (a full SHA) until `since` (a full
  /// SHA, included; "" = none), a root commit, a shallow clone's boundary,
  /// or `limit` commits.
  FirstParentWalk FirstParents(const std::string& until, const std::string& since, std::size_t limit) const;
  /// The paths a commit changed against another (both full SHAs): added,
  /// deleted, modified, and both names of a rename.
  std::vector<std::string> ChangedPaths(const std::string& from, const std::string& to) const;
  /// As ChangedPaths, each with whether the file was modified in place
  /// (true) or added, deleted or renamed (false).
  std::vector<std::pair<std::string, bool>> ChangedFiles(const std::string& from, const std::string& to) const;

 private:
  explicit Repository(std::shared_ptr<git_repository> repo);
  using OwnedTree = std::unique_ptr<git_tree, void (*)(git_tree*)>;

  /// HEAD's commit SHA, or nullopt while HEAD is unborn (no commits yet).
  std::optional<std::string> HeadCommit() const;
  /// The root tree of the commit `sha` (a full SHA).
  OwnedTree CommitTree(const std::string& sha) const;
  [[noreturn]] void ThrowUnresolved(const std::string& revspec, int code,
                                    const std::string& reason) const;

  std::shared_ptr<git_repository> repo_;
  // libgit2 objects are not thread-safe; this repository and every tree opened
  // from it share one lock, so trees can be read from several threads.
  std::shared_ptr<std::mutex> mutex_;
};

// Shared by the implementation files of src/tree; not for other modules.
namespace tree_detail {

/// A unique_ptr deleter calling a libgit2 `git_*_free` function.
template <auto FreeFunction>
struct GitFree {
  template <typename T>
  void operator()(T* handle) const { FreeFunction(handle); }
};

/// libgit2's message for the last failure on this thread.
std::string LastGitError();
/// The 40-hex form of an object id.
std::string OidHex(const git_oid& id);
/// Throws the InputError for reading a symbolic link at `path`.
[[noreturn]] void ThrowSymbolicLink(const std::string& path);
/// Throws an InputError when `bytes` is a Git LFS pointer file rather than
/// the content it stands for; `hint` says how to get the content.
void RejectLfsPointer(const std::string& path, std::string_view bytes, std::string hint);

}  // namespace tree_detail

}  // namespace driftcheck
