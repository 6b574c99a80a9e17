// A Tree over the index: the files as the next commit would hold them, for a
// pre-commit hook (`check --staged`).
//
// Strictly read-only: the index file is read once into a standalone
// in-memory copy (git_index_open on its path), never through the
// repository's own index object, so nothing here can lock, refresh or write
// it. Files are read from the staged blobs, so an edit that is not staged
// is not seen, exactly as the commit will not hold it.

#include <git2.h>

#include <map>
#include <set>

#include "core/error.h"
#include "tree/git_repository.h"

namespace driftcheck {
namespace {

using tree_detail::GitFree;
using tree_detail::LastGitError;
using BlobPtr = std::unique_ptr<git_blob, GitFree<git_blob_free>>;
using IndexPtr = std::unique_ptr<git_index, GitFree<git_index_free>>;

struct StagedEntry {
  git_oid id;
  git_filemode_t mode;
};

class StagedTree final : public Tree {
 public:
  StagedTree(std::shared_ptr<git_repository> repo, std::shared_ptr<std::mutex> mutex,
             std::map<std::string, StagedEntry> entries, std::set<std::string> conflicts)
      : repo_(std::move(repo)), mutex_(std::move(mutex)), entries_(std::move(entries)),
        conflicts_(std::move(conflicts)) {}

  std::vector<std::string> ListFiles(std::string_view prefix) const override {
    while (prefix.ends_with('/')) prefix.remove_suffix(1);
    std::vector<std::string> files;
    for (const auto& [path, entry] : entries_) {
      if (PathUnder(path, prefix)) files.push_back(path);
    }
    return files;  // a std::map iterates in plain byte order
  }

  std::optional<FileContent> Read(std::string_view path) const override {
    const std::string key(path);
    if (conflicts_.contains(key)) {
      throw InputError(key, 0, 0, "has an unresolved merge conflict in the index",
                       "resolve it and 'git add' the file, then run again");
    }
    const auto found = entries_.find(key);
    if (found == entries_.end()) return std::nullopt;
    if (found->second.mode == GIT_FILEMODE_LINK) tree_detail::ThrowSymbolicLink(key);
    FileContent content;
    {
      const std::lock_guard lock(*mutex_);
      git_blob* raw = nullptr;
      if (git_blob_lookup(&raw, repo_.get(), &found->second.id) != 0) {
        throw InputError("cannot read the staged " + key + ": " + LastGitError(),
                         "'git fsck' can tell whether the repository is damaged");
      }
      const BlobPtr blob(raw);
      const auto* data = static_cast<const char*>(git_blob_rawcontent(raw));
      content = {std::string(data, static_cast<std::size_t>(git_blob_rawsize(raw))),
                 tree_detail::OidHex(found->second.id)};
    }
    tree_detail::RejectLfsPointer(key, content.bytes,
                                  "the index holds only the pointer; keep configuration out of Git LFS");
    return content;
  }

  std::optional<std::string> BlobId(std::string_view path) const override {
    const auto found = entries_.find(std::string(path));
    if (found == entries_.end() || found->second.mode == GIT_FILEMODE_LINK) return std::nullopt;
    return tree_detail::OidHex(found->second.id);
  }

  const std::string& revision() const override { return revision_; }

 private:
  std::shared_ptr<git_repository> repo_;
  std::shared_ptr<std::mutex> mutex_;
  std::map<std::string, StagedEntry> entries_;
  std::set<std::string> conflicts_;  // a conflicted path has no stage-0 entry
  std::string revision_ = "staged";
};

bool Listed(git_filemode_t mode) {
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE || mode == GIT_FILEMODE_LINK;
}

}  // namespace

std::unique_ptr<Tree> Repository::OpenStaged() const {
  if (is_bare()) {
    throw InputError("--staged needs a working tree with an index; this is a bare repository",
                     "drop --staged to read a revision (HEAD by default)");
  }
  const std::lock_guard lock(*mutex_);
  // The repository's git directory holds the index (a linked worktree's own one too).
  const std::string index_path = std::string(git_repository_path(repo_.get())) + "index";
  git_index* raw = nullptr;
  if (git_index_open(&raw, index_path.c_str()) != 0) {
    throw InputError("cannot read the index " + index_path + ": " + LastGitError(),
                     "'git status' shows whether git can read it");
  }
  const IndexPtr index(raw);
  std::map<std::string, StagedEntry> entries;
  std::set<std::string> conflicts;
  for (std::size_t i = 0, n = git_index_entrycount(raw); i < n; ++i) {
    const git_index_entry* entry = git_index_get_byindex(raw, i);
    const auto mode = static_cast<git_filemode_t>(entry->mode);
    if (git_index_entry_stage(entry) != 0) {
      conflicts.insert(entry->path);
    } else if (Listed(mode)) {  // submodules (gitlinks) are skipped, as in a commit
      entries.emplace(entry->path, StagedEntry{entry->id, mode});
    }
  }
  return std::make_unique<StagedTree>(repo_, mutex_, std::move(entries), std::move(conflicts));
}

}  // namespace driftcheck
