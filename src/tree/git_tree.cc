// A Tree over one commit, read from git objects with libgit2.
//
// Regular files (modes 100644 and 100755) are files here. Symbolic links are
// listed but reading one is an error rather than "missing", so a manifest
// matching a link fails loudly instead of reporting a file as absent; links
// are never followed, so nothing outside the commit is read.
// Submodules (gitlinks) are skipped: their content is another repository.

#include <git2.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/error.h"
#include "tree/git_repository.h"

namespace driftcheck {
namespace {

using tree_detail::GitFree;
using tree_detail::LastGitError;
using BlobPtr = std::unique_ptr<git_blob, GitFree<git_blob_free>>;
using CommitPtr = std::unique_ptr<git_commit, GitFree<git_commit_free>>;
using EntryPtr = std::unique_ptr<git_tree_entry, GitFree<git_tree_entry_free>>;
using TreePtr = std::unique_ptr<git_tree, GitFree<git_tree_free>>;
using OdbPtr = std::unique_ptr<git_odb, GitFree<git_odb_free>>;
using RootPtr = std::unique_ptr<git_tree, void (*)(git_tree*)>;

bool IsRegularFile(git_filemode_t mode) {
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

[[noreturn]] void ThrowUnreadable(const std::string& what) {
  throw InputError("cannot read " + what + ": " + LastGitError(),
                   "the repository may be a partial or damaged clone; 'git fsck' can tell");
}

class GitTree final : public Tree {
 public:
  GitTree(std::shared_ptr<git_repository> repo, std::shared_ptr<std::mutex> mutex,
          RootPtr root, std::string revision)
      : repo_(std::move(repo)), mutex_(std::move(mutex)), root_(std::move(root)),
        revision_(std::move(revision)) {}

  std::vector<std::string> ListFiles(std::string_view prefix) const override;
  std::optional<FileContent> Read(std::string_view path) const override;
  std::optional<std::string> BlobId(std::string_view path) const override;
  std::optional<std::uint64_t> FileSize(std::string_view path) const override;
  const std::string& revision() const override { return revision_; }

 private:
  /// The entry at `path`, or null when there is none. Needs the lock.
  EntryPtr FindEntry(const std::string& path) const;
  /// Appends the regular files below directory `dir` (id `id`). Needs the lock.
  void CollectFiles(const std::string& dir, const git_oid& id,
                    std::vector<std::string>& files) const;
  FileContent ReadBlob(const std::string& path, const git_oid& id) const;

  // Declared first so that it is released last: every handle needs the repository.
  std::shared_ptr<git_repository> repo_;
  std::shared_ptr<std::mutex> mutex_;
  RootPtr root_;
  std::string revision_;
};

EntryPtr GitTree::FindEntry(const std::string& path) const {
  git_tree_entry* raw = nullptr;
  const int code = git_tree_entry_bypath(&raw, root_.get(), path.c_str());
  if (code == GIT_ENOTFOUND) return nullptr;
  if (code != 0) ThrowUnreadable(path + " at " + revision_);
  return EntryPtr(raw);
}

std::vector<std::string> GitTree::ListFiles(std::string_view prefix) const {
  while (prefix.ends_with('/')) prefix.remove_suffix(1);
  const std::string dir(prefix);
  std::vector<std::string> files;
  const std::lock_guard lock(*mutex_);
  if (dir.empty()) {
    CollectFiles(dir, *git_tree_id(root_.get()), files);
  } else if (const EntryPtr entry = FindEntry(dir);
             entry && git_tree_entry_type(entry.get()) == GIT_OBJECT_TREE) {
    CollectFiles(dir, *git_tree_entry_id(entry.get()), files);
  }
  // Git orders a directory as if its name ended in '/'; callers want plain order.
  std::sort(files.begin(), files.end());
  return files;
}

void GitTree::CollectFiles(const std::string& dir, const git_oid& id,
                           std::vector<std::string>& files) const {
  // An explicit stack instead of recursion: tree depth is chosen by whoever
  // wrote the repository. Ids, not handles, wait on it, to keep memory small.
  std::vector<std::pair<std::string, git_oid>> pending = {{dir, id}};
  while (!pending.empty()) {
    const auto [path, tree_id] = std::move(pending.back());
    pending.pop_back();
    git_tree* raw = nullptr;
    if (git_tree_lookup(&raw, repo_.get(), &tree_id) != 0) ThrowUnreadable(path + " at " + revision_);
    const TreePtr tree(raw);
    for (std::size_t i = 0, n = git_tree_entrycount(raw); i < n; ++i) {
      const git_tree_entry* entry = git_tree_entry_byindex(raw, i);
      const std::string name = git_tree_entry_name(entry);
      std::string child = path.empty() ? name : path + "/" + name;
      const git_filemode_t mode = git_tree_entry_filemode(entry);
      if (IsRegularFile(mode) || mode == GIT_FILEMODE_LINK) {
        files.push_back(std::move(child));
      } else if (mode == GIT_FILEMODE_TREE) {
        pending.emplace_back(std::move(child), *git_tree_entry_id(entry));
      }
    }
  }
}

std::optional<FileContent> GitTree::Read(std::string_view path) const {
  const std::string key(path);
  if (key.empty()) return std::nullopt;
  std::optional<FileContent> content;
  {
    const std::lock_guard lock(*mutex_);
    const EntryPtr entry = FindEntry(key);
    if (!entry) return std::nullopt;
    const git_filemode_t mode = git_tree_entry_filemode(entry.get());
    if (mode == GIT_FILEMODE_LINK) tree_detail::ThrowSymbolicLink(key);
    if (!IsRegularFile(mode)) return std::nullopt;
    content = ReadBlob(key, *git_tree_entry_id(entry.get()));
  }
  tree_detail::RejectLfsPointer(
      key, content->bytes,
      "a revision holds only the pointer; keep configuration out of Git LFS (see .gitattributes)");
  return content;
}

std::optional<std::string> GitTree::BlobId(std::string_view path) const {
  const std::string key(path);
  if (key.empty()) return std::nullopt;
  const std::lock_guard lock(*mutex_);
  const EntryPtr entry = FindEntry(key);
  if (!entry || !IsRegularFile(git_tree_entry_filemode(entry.get()))) return std::nullopt;
  return tree_detail::OidHex(*git_tree_entry_id(entry.get()));
}

std::optional<std::uint64_t> GitTree::FileSize(std::string_view path) const {
  const std::string key(path);
  if (key.empty()) return std::nullopt;
  const std::lock_guard lock(*mutex_);
  const EntryPtr entry = FindEntry(key);
  if (!entry || !IsRegularFile(git_tree_entry_filemode(entry.get()))) return std::nullopt;
  // The object header alone: a 2 GB blob is never inflated to learn its size.
  git_odb* raw = nullptr;
  if (git_repository_odb(&raw, repo_.get()) != 0) ThrowUnreadable("the object database");
  const OdbPtr odb(raw);
  std::size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  if (git_odb_read_header(&size, &type, raw, git_tree_entry_id(entry.get())) != 0) {
    ThrowUnreadable(key + " at " + revision_);
  }
  return size;
}

FileContent GitTree::ReadBlob(const std::string& path, const git_oid& id) const {
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo_.get(), &id) != 0) ThrowUnreadable(path + " at " + revision_);
  const BlobPtr blob(raw);
  const auto* data = static_cast<const char*>(git_blob_rawcontent(raw));
  return FileContent{std::string(data, static_cast<std::size_t>(git_blob_rawsize(raw))),
                     tree_detail::OidHex(id)};
}

}  // namespace

Repository::OwnedTree Repository::CommitTree(const std::string& sha) const {
  git_oid id;
  if (sha.size() != GIT_OID_HEXSZ || git_oid_fromstr(&id, sha.c_str()) != 0) {
    throw std::invalid_argument("not a full commit SHA: " + sha);
  }
  const std::lock_guard lock(*mutex_);
  git_commit* raw_commit = nullptr;
  if (git_commit_lookup(&raw_commit, repo_.get(), &id) != 0) ThrowUnreadable("commit " + sha);
  const CommitPtr commit(raw_commit);
  git_tree* tree = nullptr;
  if (git_commit_tree(&tree, raw_commit) != 0) ThrowUnreadable("the tree of commit " + sha);
  return OwnedTree(tree, git_tree_free);
}

std::unique_ptr<Tree> Repository::OpenCommit(const std::string& sha) const {
  OwnedTree tree = CommitTree(sha);
  std::string revision = sha;
  std::transform(revision.begin(), revision.end(), revision.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::make_unique<GitTree>(repo_, mutex_, std::move(tree), std::move(revision));
}

}  // namespace driftcheck
