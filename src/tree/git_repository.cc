#include "tree/git_repository.h"

#include <git2.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <stdexcept>

#include "core/error.h"
#include "core/suggest.h"

namespace driftcheck {
namespace {
namespace fs = std::filesystem;

using tree_detail::GitFree;
using tree_detail::LastGitError;
using ObjectPtr = std::unique_ptr<git_object, GitFree<git_object_free>>;
using RefIteratorPtr =
    std::unique_ptr<git_reference_iterator, GitFree<git_reference_iterator_free>>;

// libgit2 must be initialized once per process before any other call; it is
// never shut down, because trees may outlive every Repository until exit.
void InitLibgit2() {
  static const int result = [] {
    const int code = git_libgit2_init();
    // libgit2 caches only trees under 4 KiB by default, so every lookup of a
    // path below a directory of thousands of files inflated that directory's
    // tree again: measured as 57% of a 4,000-file check. Trees are small
    // beside the configuration itself, so cache those up to 1 MiB.
    if (code >= 0) git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, std::size_t{1} << 20);
    return code;
  }();
  if (result < 0) throw std::runtime_error("cannot initialize libgit2: " + LastGitError());
}

std::string WithoutTrailingSlash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

std::string Absolute(const std::string& dir) {
  std::error_code ec;
  const fs::path path = fs::absolute(dir, ec);
  return WithoutTrailingSlash(ec ? dir : path.lexically_normal().string());
}

void RequireDirectory(const std::string& dir) {
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (!fs::exists(status)) {
    throw InputError("cannot open repository: " + Absolute(dir) + " does not exist",
                     "check the directory given to -C/--repo");
  }
  if (!fs::is_directory(status)) {
    throw InputError("cannot open repository: " + Absolute(dir) + " is not a directory",
                     "pass a directory inside the repository to -C/--repo");
  }
}

// The directory git wants in safe.directory: the working tree, or the git
// directory of a bare repository. Discovery itself does not check ownership.
std::string SafeDirectoryFor(const std::string& dir) {
  git_buf found = GIT_BUF_INIT;
  std::string path = Absolute(dir);
  if (git_repository_discover(&found, dir.c_str(), 0, nullptr) == 0) {
    path = WithoutTrailingSlash(found.ptr);
    if (path.ends_with("/.git")) path.resize(path.size() - 5);
  }
  git_buf_dispose(&found);
  return path;
}

// libgit2 1.5 reports a foreign owner as GIT_EOWNER only when safe.directory is
// set somewhere; without it, the failed config lookup leaks out as ENOTFOUND.
bool IsOwnershipFailure(int code, const std::string& reason) {
  return code == GIT_EOWNER || reason.find("safe.directory") != std::string::npos;
}

[[noreturn]] void ThrowOpenFailure(const std::string& dir, int code, const std::string& reason) {
  if (IsOwnershipFailure(code, reason)) {
    const std::string safe = SafeDirectoryFor(dir);
    throw InputError("the repository at " + safe +
                         " is owned by another user; git refuses to read it (dubious ownership)",
                     "if you trust it: git config --global --add safe.directory " + safe);
  }
  if (code == GIT_ENOTFOUND) {
    throw InputError("not a git repository (or any parent): " + Absolute(dir),
                     "run inside a repository or pass -C/--repo DIR");
  }
  throw InputError("cannot open the repository at " + Absolute(dir) + ": " + reason);
}

// The part of a revspec that names a ref: "main" in "main~2" or "main@{1}".
std::size_t RefNameLength(const std::string& revspec) {
  std::size_t end = std::min(revspec.find_first_of("~^:"), revspec.find("@{"));
  return std::min(end, revspec.size());
}

// "did you mean 'main~2'?" for "mian~2": the ref name is matched alone and
// the suggestion keeps the typed suffix. Nothing is suggested when the name
// exists and only the suffix fails.
std::string SuggestRevision(const std::string& revspec, std::vector<std::string> names) {
  const std::size_t length = RefNameLength(revspec);
  const std::string base = revspec.substr(0, length), suffix = revspec.substr(length);
  names.push_back("HEAD");
  if (std::find(names.begin(), names.end(), base) != names.end()) return {};
  const std::optional<std::string> match = ClosestMatch(base, names);
  if (!match) return {};
  const std::string suggestion = *match + suffix;
  return DidYouMean(suggestion, {suggestion});  // the shared wording
}

std::string ObjectTypeName(git_object* object) {
  if (git_object_type(object) != GIT_OBJECT_TAG) return git_object_type2string(git_object_type(object));
  git_object* target = nullptr;
  if (git_object_peel(&target, object, GIT_OBJECT_ANY) != 0) return "tag";
  const ObjectPtr owned(target);
  return std::string("tag of a ") + git_object_type2string(git_object_type(target));
}

std::string PeelToCommit(git_object* object, const std::string& revspec) {
  git_object* commit = nullptr;
  if (git_object_peel(&commit, object, GIT_OBJECT_COMMIT) != 0) {
    const bool names_path = revspec.find(':') != std::string::npos;
    throw InputError("revision '" + revspec + "' names a " + ObjectTypeName(object) +
                         ", not a commit",
                     names_path ? "drop the ':path' part: driftcheck needs a commit"
                                : "name a branch, tag or commit");
  }
  const ObjectPtr owned(commit);
  return tree_detail::OidHex(*git_object_id(commit));
}

// What libgit2 adds beyond "not found", worded for the user.
std::string UnresolvedDetail(const std::string& revspec, const std::string& reason) {
  if (reason == "revspec '" + revspec + "' not found") return {};
  if (reason.starts_with("parent ")) return ": the history does not go back that far";
  return ": " + reason;
}

std::string StripRefPrefix(const std::string& full_name) {
  for (std::string_view prefix : {"refs/heads/", "refs/remotes/", "refs/tags/"}) {
    if (full_name.starts_with(prefix)) return full_name.substr(prefix.size());
  }
  return {};
}

}  // namespace

namespace tree_detail {

std::string LastGitError() {
  const git_error* error = git_error_last();
  return error && error->message ? error->message : "unknown libgit2 error";
}

std::string OidHex(const git_oid& id) {
  std::array<char, GIT_OID_HEXSZ + 1> hex{};
  git_oid_tostr(hex.data(), hex.size(), &id);
  return hex.data();
}

void ThrowSymbolicLink(const std::string& path) { throw SymbolicLinkError(path); }

void RejectLfsPointer(const std::string& path, std::string_view bytes, std::string hint) {
  // Pointer files are small text files; see the Git LFS specification.
  constexpr std::string_view kPointerStart = "version https://git-lfs.github.com/spec/v1";
  if (bytes.size() < 1024 && bytes.starts_with(kPointerStart)) {
    throw InputError(path, 0, 0, "is a Git LFS pointer; the content is not in the repository",
                     std::move(hint));
  }
}

}  // namespace tree_detail

Repository::Repository(std::shared_ptr<git_repository> repo)
    : repo_(std::move(repo)), mutex_(std::make_shared<std::mutex>()) {}

Repository Repository::Discover(const std::string& dir_or_empty) {
  InitLibgit2();
  const std::string dir = dir_or_empty.empty() ? "." : dir_or_empty;
  RequireDirectory(dir);
  git_repository* raw = nullptr;
  // Flags 0: search upward from `dir`, stop at filesystem boundaries like git,
  // and ignore GIT_DIR and friends so the result depends on -C/--repo alone.
  const int code = git_repository_open_ext(&raw, dir.c_str(), 0, nullptr);
  if (code != 0) ThrowOpenFailure(dir, code, LastGitError());
  return Repository(std::shared_ptr<git_repository>(raw, git_repository_free));
}

bool Repository::is_bare() const { return git_repository_is_bare(repo_.get()) == 1; }

std::string Repository::workdir() const {
  const char* dir = git_repository_workdir(repo_.get());
  return dir ? dir : "";
}

std::string Repository::gitdir() const { return git_repository_path(repo_.get()); }

std::string Repository::commondir() const {
  const char* dir = git_repository_commondir(repo_.get());
  return dir ? dir : gitdir();
}

std::string Repository::ResolveCommit(const std::string& revspec) const {
  if (revspec.empty()) throw InputError("empty revision", "name a branch, tag or commit");
  int code = 0;
  std::string reason;
  {
    const std::lock_guard lock(*mutex_);
    git_object* raw = nullptr;
    code = git_revparse_single(&raw, repo_.get(), revspec.c_str());
    if (code == 0) {
      const ObjectPtr object(raw);
      return PeelToCommit(object.get(), revspec);
    }
    reason = LastGitError();
  }
  ThrowUnresolved(revspec, code, reason);
}

void Repository::ThrowUnresolved(const std::string& revspec, int code,
                                 const std::string& reason) const {
  if (code == GIT_EAMBIGUOUS) {
    throw InputError("short SHA '" + revspec + "' is ambiguous", "give more hex digits");
  }
  if (code == GIT_EINVALIDSPEC) {
    throw InputError("invalid revision '" + revspec + "'", "see 'git help revisions' for the syntax");
  }
  if (code != GIT_ENOTFOUND) {
    throw InputError("cannot resolve revision '" + revspec + "': " + reason);
  }
  const std::vector<std::string> names = RefNames();
  if (!HeadCommit()) {
    if (names.empty()) {
      throw InputError("unknown revision '" + revspec + "': the repository has no commits yet",
                       is_bare() ? "push a commit to it first"
                                 : "commit the configuration first, or use --worktree");
    }
    if (revspec.starts_with("HEAD")) {
      throw InputError("unknown revision '" + revspec + "': the current branch has no commits yet",
                       "name a branch that has commits");
    }
  }
  const bool shallow = git_repository_is_shallow(repo_.get()) == 1;
  // Walking past a shallow boundary asks for a parent that was never fetched.
  if (shallow && reason.starts_with("object not found")) {
    throw InputError("revision '" + revspec + "' lies beyond the history of this shallow clone",
                     "fetch more history: git fetch --deepen=N, or git fetch --unshallow");
  }
  std::string hint = SuggestRevision(revspec, names);
  if (hint.empty()) {
    hint = shallow ? "check the name; this is a shallow clone, so 'git fetch --unshallow' may help"
                   : "check the name, or run 'git fetch' if it exists on a remote";
  }
  throw InputError("unknown revision '" + revspec + "'" + UnresolvedDetail(revspec, reason), hint);
}

std::optional<std::string> Repository::HeadCommit() const {
  const std::lock_guard lock(*mutex_);
  git_oid id;
  if (git_reference_name_to_id(&id, repo_.get(), "HEAD") != 0) return std::nullopt;
  return tree_detail::OidHex(id);
}

std::vector<std::string> Repository::RefNames() const {
  const std::lock_guard lock(*mutex_);
  git_reference_iterator* raw = nullptr;
  if (git_reference_iterator_new(&raw, repo_.get()) != 0) {
    throw InputError("cannot list the repository's references: " + LastGitError());
  }
  const RefIteratorPtr iterator(raw);
  std::vector<std::string> names;
  const char* full_name = nullptr;
  // Names only: resolving each reference would cost a lookup per ref.
  while (git_reference_next_name(&full_name, iterator.get()) == 0) {
    std::string name = StripRefPrefix(full_name);
    if (!name.empty()) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace driftcheck
