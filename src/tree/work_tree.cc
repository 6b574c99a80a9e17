// A Tree over the working directory as it is on disk, uncommitted edits and
// untracked files included.
//
// What counts as a file, so that --worktree sees what a commit would hold:
// - `.git` is never read, nor anything inside a nested repository or a
//   checked-out submodule (a commit holds only a gitlink there).
// - Files matched by .gitignore, .git/info/exclude or core.excludesFile are
//   skipped unless HEAD tracks them: git ignores only untracked files. The
//   index would be the exact test, but it is never opened (reading it can lead
//   to refreshing it), so a file staged with `git add -f` and not yet
//   committed stays skipped.
// - Symbolic links are treated as in a commit: listed, and reading one is
//   an error. Nothing is read through a link, so nothing outside the working
//   tree is read.
// The blob id is the git hash of the bytes on disk: identical files share it
// (and it equals the committed blob id unless a clean filter applies).

#include <git2.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "tree/git_repository.h"

namespace driftcheck {
namespace {
namespace fs = std::filesystem;

using tree_detail::GitFree;
using tree_detail::LastGitError;
using EntryPtr = std::unique_ptr<git_tree_entry, GitFree<git_tree_entry_free>>;
using HeadTree = std::unique_ptr<git_tree, void (*)(git_tree*)>;

// Case-insensitive, since a case-insensitive file system finds .git as .GIT.
bool IsGitDirName(std::string_view name) {
  constexpr std::string_view kGit = ".git";
  return name.size() == kGit.size() &&
         std::equal(name.begin(), name.end(), kGit.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

// Splits a repository-relative path; empty when it is not a plain relative
// path (absolute, '.' or '..' segments, empty segments, a .git segment).
std::vector<std::string_view> SafeSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (true) {
    const std::size_t slash = path.find('/');
    const std::string_view segment = path.substr(0, slash);
    if (segment.empty() || segment == "." || segment == ".." || IsGitDirName(segment) ||
        segment.find('\0') != std::string_view::npos) {
      return {};
    }
    segments.push_back(segment);
    if (slash == std::string_view::npos) return segments;
    path.remove_prefix(slash + 1);
  }
}

bool IsNestedRepository(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(dir / ".git", ec));
}

std::string ReadBytes(const std::string& path, const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in.is_open()) {
    throw InputError(path, 0, 0, std::string("cannot open the file: ") + std::strerror(errno));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw InputError(path, 0, 0, "cannot read the file");
  return std::move(bytes).str();
}

std::string HashAsBlob(std::string_view bytes) {
  git_oid id;
  if (git_odb_hash(&id, bytes.data(), bytes.size(), GIT_OBJECT_BLOB) != 0) return {};
  return tree_detail::OidHex(id);
}

class WorkTree final : public Tree {
 public:
  WorkTree(std::shared_ptr<git_repository> repo, std::shared_ptr<std::mutex> mutex,
           std::string root, HeadTree head)
      : repo_(std::move(repo)), mutex_(std::move(mutex)), root_(std::move(root)),
        head_(std::move(head)) {}

  std::vector<std::string> ListFiles(std::string_view prefix) const override;
  std::optional<FileContent> Read(std::string_view path) const override;
  std::optional<std::uint64_t> FileSize(std::string_view path) const override;
  const std::string& revision() const override { return revision_; }

 private:
  /// True when `relative` is ignored by git and HEAD does not track it.
  bool IsExcluded(const std::string& relative, bool directory) const;
  bool InHead(const std::string& relative, bool directory) const;
  bool SkipDirectory(const std::string& relative, const fs::path& dir) const;
  /// True when `segments` lead to a real directory: no links, no nested repository.
  bool IsPlainDirectory(const std::vector<std::string_view>& segments) const;
  void Walk(const fs::path& start, std::vector<std::string>& files) const;

  // Declared first so that it is released last: the HEAD tree needs the repository.
  std::shared_ptr<git_repository> repo_;
  std::shared_ptr<std::mutex> mutex_;
  fs::path root_;
  HeadTree head_;  // null while HEAD is unborn
  std::string revision_ = "worktree";
};

bool WorkTree::IsExcluded(const std::string& relative, bool directory) const {
  const std::lock_guard lock(*mutex_);
  int ignored = 0;
  // Read-only: evaluates the ignore files, never the index or the status.
  if (git_ignore_path_is_ignored(&ignored, repo_.get(), relative.c_str()) != 0) {
    throw InputError(relative, 0, 0, "cannot evaluate the ignore rules: " + LastGitError());
  }
  return ignored == 1 && !InHead(relative, directory);
}

bool WorkTree::InHead(const std::string& relative, bool directory) const {
  if (!head_) return false;
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, head_.get(), relative.c_str()) != 0) return false;
  const EntryPtr entry(raw);
  return (git_tree_entry_type(raw) == GIT_OBJECT_TREE) == directory;
}

bool WorkTree::SkipDirectory(const std::string& relative, const fs::path& dir) const {
  return IsGitDirName(dir.filename().native()) || IsNestedRepository(dir) ||
         IsExcluded(relative, true);
}

bool WorkTree::IsPlainDirectory(const std::vector<std::string_view>& segments) const {
  fs::path dir = root_;
  std::string relative;
  for (const std::string_view segment : segments) {
    dir /= segment;
    relative += (relative.empty() ? "" : "/") + std::string(segment);
    std::error_code ec;
    if (!fs::is_directory(fs::symlink_status(dir, ec)) || SkipDirectory(relative, dir)) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> WorkTree::ListFiles(std::string_view prefix) const {
  while (prefix.ends_with('/')) prefix.remove_suffix(1);
  const std::vector<std::string_view> segments = SafeSegments(prefix);
  if (!prefix.empty() && (segments.empty() || !IsPlainDirectory(segments))) return {};
  std::vector<std::string> files;
  Walk(prefix.empty() ? root_ : root_ / prefix, files);
  std::sort(files.begin(), files.end());
  return files;
}

void WorkTree::Walk(const fs::path& start, std::vector<std::string>& files) const {
  const std::size_t root_length = root_.native().size() + (root_.native().ends_with('/') ? 0 : 1);
  std::error_code ec;
  // The iterator keeps its own stack (no recursion) and does not follow links.
  for (fs::recursive_directory_iterator it(start, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::file_status status = it->symlink_status(ec);
    if (ec) break;
    const std::string relative = it->path().native().substr(root_length);
    if (fs::is_directory(status)) {
      if (SkipDirectory(relative, it->path())) it.disable_recursion_pending();
    } else if ((fs::is_regular_file(status) || fs::is_symlink(status)) &&
               !IsGitDirName(it->path().filename().native()) && !IsExcluded(relative, false)) {
      files.push_back(relative);
    }
  }
  if (ec) {
    throw InputError("cannot list the working tree under " + start.string() + ": " + ec.message());
  }
}

std::optional<FileContent> WorkTree::Read(std::string_view path) const {
  std::vector<std::string_view> segments = SafeSegments(path);
  if (segments.empty()) return std::nullopt;
  segments.pop_back();
  if (!IsPlainDirectory(segments)) return std::nullopt;
  const std::string key(path);
  const fs::path file = root_ / key;
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(file, ec);
  if (fs::is_symlink(status)) tree_detail::ThrowSymbolicLink(key);
  if (!fs::is_regular_file(status) || IsExcluded(key, false)) return std::nullopt;
  FileContent content{ReadBytes(key, file), {}};
  tree_detail::RejectLfsPointer(key, content.bytes, "run 'git lfs pull' to fetch the content");
  content.blob_id = HashAsBlob(content.bytes);
  return content;
}

std::optional<std::uint64_t> WorkTree::FileSize(std::string_view path) const {
  const std::vector<std::string_view> segments = SafeSegments(path);
  if (segments.empty()) return std::nullopt;
  const fs::path file = root_ / std::string(path);
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(file, ec))) return std::nullopt;
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec) return std::nullopt;
  return static_cast<std::uint64_t>(size);
}

}  // namespace

std::unique_ptr<Tree> Repository::OpenWorktree() const {
  if (is_bare()) {
    std::string path = git_repository_path(repo_.get());
    if (path.size() > 1 && path.back() == '/') path.pop_back();
    throw InputError("--worktree needs a working tree; " + path + " is a bare repository",
                     "drop --worktree to read a revision (HEAD by default)");
  }
  const std::optional<std::string> head = HeadCommit();
  HeadTree head_tree = head ? CommitTree(*head) : HeadTree(nullptr, git_tree_free);
  std::string root = workdir();
  if (root.size() > 1 && root.back() == '/') root.pop_back();
  return std::make_unique<WorkTree>(repo_, mutex_, std::move(root), std::move(head_tree));
}

}  // namespace driftcheck
