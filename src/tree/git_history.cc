// Reading history for `driftcheck history`: first-parent walks and the paths
// two commits differ in. Read-only, like everything in Repository.

#include <git2.h>

#include <ctime>

#include "core/error.h"
#include "tree/git_repository.h"

namespace driftcheck {
namespace {

using tree_detail::GitFree;
using tree_detail::LastGitError;
using tree_detail::OidHex;
using CommitPtr = std::unique_ptr<git_commit, GitFree<git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, GitFree<git_tree_free>>;
using DiffPtr = std::unique_ptr<git_diff, GitFree<git_diff_free>>;

CommitPtr LookupCommit(git_repository* repo, const std::string& sha) {
  git_oid oid;
  git_commit* raw = nullptr;
  if (git_oid_fromstr(&oid, sha.c_str()) != 0 || git_commit_lookup(&raw, repo, &oid) != 0) {
    throw InputError("cannot read commit " + sha + ": " + LastGitError());
  }
  return CommitPtr(raw);
}

std::string IsoDate(git_time_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

Repository::CommitInfo Describe(const git_commit* commit) {
  const git_signature* author = git_commit_author(commit);
  const char* summary = git_commit_summary(const_cast<git_commit*>(commit));
  return {OidHex(*git_commit_id(commit)), author && author->name ? author->name : "",
          author ? IsoDate(author->when.time) : "", summary ? summary : ""};
}

}  // namespace

Repository::FirstParentWalk Repository::FirstParents(const std::string& until, const std::string& since,
                                                     std::size_t limit) const {
  const std::lock_guard lock(*mutex_);
  FirstParentWalk walk;
  CommitPtr commit = LookupCommit(repo_.get(), until);
  while (walk.commits.size() < limit) {
    walk.commits.push_back(Describe(commit.get()));
    if (walk.commits.back().sha == since) {
      walk.reached_since = true;
      break;
    }
    if (git_commit_parentcount(commit.get()) == 0) break;
    git_commit* parent = nullptr;
    if (git_commit_parent(&parent, commit.get(), 0) != 0) {
      // The parent is named but not here: a shallow clone's boundary.
      walk.shallow = true;
      break;
    }
    commit.reset(parent);
  }
  return walk;
}

std::vector<std::string> Repository::ChangedPaths(const std::string& from, const std::string& to) const {
  std::vector<std::string> paths;
  for (auto& [path, modified] : ChangedFiles(from, to)) paths.push_back(std::move(path));
  return paths;
}

std::vector<std::pair<std::string, bool>> Repository::ChangedFiles(const std::string& from,
                                                                   const std::string& to) const {
  const std::lock_guard lock(*mutex_);
  auto tree_of = [&](const std::string& sha) {
    git_tree* raw = nullptr;
    if (git_commit_tree(&raw, LookupCommit(repo_.get(), sha).get()) != 0) {
      throw InputError("cannot read the tree of commit " + sha + ": " + LastGitError());
    }
    return TreePtr(raw);
  };
  const TreePtr a = tree_of(from), b = tree_of(to);
  git_diff* raw = nullptr;
  if (git_diff_tree_to_tree(&raw, repo_.get(), a.get(), b.get(), nullptr) != 0) {
    throw InputError("cannot compare commits " + from + " and " + to + ": " + LastGitError());
  }
  const DiffPtr diff(raw);
  std::vector<std::pair<std::string, bool>> files;
  for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    const bool modified = delta->status == GIT_DELTA_MODIFIED;
    if (delta->old_file.path) files.emplace_back(delta->old_file.path, modified);
    if (delta->new_file.path && (!delta->old_file.path || std::string(delta->new_file.path) != delta->old_file.path)) {
      files.emplace_back(delta->new_file.path, modified);
    }
  }
  return files;
}

}  // namespace driftcheck
