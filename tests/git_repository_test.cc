#include "tree/git_repository.h"

#include <git2.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <map>
#include <thread>

#include <gtest/gtest.h>

#include "core/error.h"
#include "test_util.h"

namespace driftcheck {
namespace {
namespace fs = std::filesystem;
using testing::Git;
using testing::GitCommitAll;
using testing::GitInit;
using testing::TempDir;
using testing::WriteFile;

using Files = std::vector<std::string>;

std::string Trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// Runs `action`, which must throw an InputError, and returns that error.
InputError CatchInputError(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error;
  }
  ADD_FAILURE() << "expected an InputError";
  return InputError("(none thrown)");
}

std::string LfsPointer() {
  return "version https://git-lfs.github.com/spec/v1\n"
         "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
         "size 12345\n";
}

class GitRepository : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_.path() / "repo";
    GitInit(repo_);
  }

  // Three commits on main; tags v1 (lightweight) and v1.1 (annotated) on the first.
  void MakeHistory() {
    WriteFile(repo_, "a.yaml", "version: 1\n");
    WriteFile(repo_, "services/api/staging.yaml", "port: 8080\n");
    WriteFile(repo_, "services/api/production.yaml", "port: 80\n");
    WriteFile(repo_, "services/web/deep/er/production.yaml", "replicas: 3\n");
    WriteFile(repo_, "services/web-old.yaml", "old: true\n");
    WriteFile(repo_, "services0.yaml", "zero: 0\n");
    sha1_ = GitCommitAll(repo_, "first");
    Git(repo_, {"tag", "v1"});
    Git(repo_, {"tag", "-a", "v1.1", "-m", "annotated"});
    WriteFile(repo_, "a.yaml", "version: 2\n");
    sha2_ = GitCommitAll(repo_, "second");
    WriteFile(repo_, "a.yaml", "version: 3\n");
    sha3_ = GitCommitAll(repo_, "third");
  }

  std::string BlobId(const std::string& revision_and_path) {
    return Trim(Git(repo_, {"rev-parse", revision_and_path}));
  }

  TempDir dir_;
  fs::path repo_;
  std::string sha1_, sha2_, sha3_;
};

// ---------------------------------------------------------------- discovery

TEST_F(GitRepository, DiscoversFromASubdirectory) {
  MakeHistory();
  const Repository repo = Repository::Discover((repo_ / "services" / "api").string());
  EXPECT_FALSE(repo.is_bare());
  EXPECT_EQ(repo.workdir(), repo_.string() + "/");
  EXPECT_EQ(repo.ResolveCommit("HEAD"), sha3_);
}

TEST_F(GitRepository, DiscoversFromInsideTheGitDirectory) {
  MakeHistory();
  const Repository repo = Repository::Discover((repo_ / ".git" / "refs").string());
  EXPECT_EQ(repo.ResolveCommit("main"), sha3_);
}

TEST_F(GitRepository, OpensABareRepository) {
  MakeHistory();
  const fs::path bare = dir_.path() / "mirror.git";
  Git(dir_.path(), {"clone", "-q", "--bare", repo_.string(), bare.string()});
  const Repository repo = Repository::Discover(bare.string());
  EXPECT_TRUE(repo.is_bare());
  EXPECT_EQ(repo.workdir(), "");
  EXPECT_EQ(repo.ResolveCommit("main"), sha3_);
  EXPECT_EQ(repo.ResolveCommit("v1.1"), sha1_);
  EXPECT_EQ(repo.OpenCommit(sha3_)->Read("a.yaml")->bytes, "version: 3\n");
}

TEST_F(GitRepository, WorktreeOfABareRepositoryIsAnError) {
  MakeHistory();
  const fs::path bare = dir_.path() / "mirror.git";
  Git(dir_.path(), {"clone", "-q", "--bare", repo_.string(), bare.string()});
  const Repository repo = Repository::Discover(bare.string());
  const InputError error = CatchInputError([&] { repo.OpenWorktree(); });
  EXPECT_EQ(error.message(),
            "--worktree needs a working tree; " + bare.string() + " is a bare repository");
}

TEST_F(GitRepository, OutsideAnyRepositoryIsAnError) {
  const fs::path plain = dir_.path() / "plain";
  fs::create_directories(plain);
  const InputError error = CatchInputError([&] { Repository::Discover(plain.string()); });
  EXPECT_EQ(error.message(), "not a git repository (or any parent): " + plain.string());
  EXPECT_EQ(error.hint(), "run inside a repository or pass -C/--repo DIR");
}

TEST_F(GitRepository, MissingDirectoryIsAnError) {
  const fs::path missing = dir_.path() / "no-such-dir";
  const InputError error = CatchInputError([&] { Repository::Discover(missing.string()); });
  EXPECT_EQ(error.message(), "cannot open repository: " + missing.string() + " does not exist");
}

// Needs root, to give the repository to another user.
void ExpectOwnershipError(const fs::path& repo) {
  const InputError error = CatchInputError([&] { Repository::Discover((repo / "sub").string()); });
  EXPECT_NE(error.message().find("owned by another user"), std::string::npos) << error.message();
  EXPECT_EQ(error.hint(), "if you trust it: git config --global --add safe.directory " + repo.string());
}

TEST_F(GitRepository, RepositoryOwnedByAnotherUserNamesSafeDirectory) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to change a repository's owner";
  MakeHistory();
  WriteFile(repo_, "sub/file.yaml", "x: 1\n");
  ASSERT_EQ(testing::RunCommand({"chown", "-R", "12345:12345", repo_.string()}).exit_code, 0);
  ExpectOwnershipError(repo_);  // no safe.directory configured anywhere

  // With an unrelated safe.directory configured, libgit2 reports GIT_EOWNER.
  const TempDir home;
  WriteFile(home.path(), ".gitconfig", "[safe]\n\tdirectory = /somewhere/else\n");
  git_libgit2_init();
  git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, home.str().c_str());
  ExpectOwnershipError(repo_);
  git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, nullptr);
}

// ---------------------------------------------------------------- revisions

TEST_F(GitRepository, ResolvesBranchesAndTags) {
  MakeHistory();
  Git(repo_, {"branch", "release", sha2_});
  const Repository repo = Repository::Discover(repo_.string());
  EXPECT_EQ(repo.ResolveCommit("main"), sha3_);
  EXPECT_EQ(repo.ResolveCommit("release"), sha2_);
  EXPECT_EQ(repo.ResolveCommit("v1"), sha1_);
  EXPECT_EQ(repo.ResolveCommit("v1.1"), sha1_);  // annotated: peeled to its commit
  EXPECT_EQ(repo.ResolveCommit("refs/tags/v1.1"), sha1_);
}

TEST_F(GitRepository, ResolvesShortShaToFullSha) {
  MakeHistory();
  const Repository repo = Repository::Discover(repo_.string());
  EXPECT_EQ(repo.ResolveCommit(sha2_.substr(0, 7)), sha2_);
  EXPECT_EQ(repo.ResolveCommit(sha2_), sha2_);
}

TEST_F(GitRepository, ResolvesAncestryRevspecs) {
  MakeHistory();
  const Repository repo = Repository::Discover(repo_.string());
  EXPECT_EQ(repo.ResolveCommit("HEAD~2"), sha1_);
  EXPECT_EQ(repo.ResolveCommit("main^"), sha2_);
  EXPECT_EQ(repo.ResolveCommit("v1.1^{commit}"), sha1_);
}

TEST_F(GitRepository, ResolvesRemoteTrackingBranches) {
  MakeHistory();
  const fs::path clone = dir_.path() / "clone";
  Git(dir_.path(), {"clone", "-q", repo_.string(), clone.string()});
  const Repository repo = Repository::Discover(clone.string());
  EXPECT_EQ(repo.ResolveCommit("origin/main"), sha3_);
  const Files names = repo.RefNames();
  EXPECT_NE(std::find(names.begin(), names.end(), "origin/main"), names.end());
}

TEST_F(GitRepository, ListsRefNamesSorted) {
  MakeHistory();
  Git(repo_, {"branch", "feature/x"});
  Git(repo_, {"pack-refs", "--all"});
  Git(repo_, {"branch", "zeta"});  // one loose ref beside the packed ones
  const Repository repo = Repository::Discover(repo_.string());
  EXPECT_EQ(repo.RefNames(), (Files{"feature/x", "main", "v1", "v1.1", "zeta"}));
}

TEST_F(GitRepository, UnknownRevisionSuggestsANearMissBranch) {
  MakeHistory();
  Git(repo_, {"branch", "release"});
  const Repository repo = Repository::Discover(repo_.string());
  InputError error = CatchInputError([&] { repo.ResolveCommit("relase"); });
  EXPECT_EQ(error.message(), "unknown revision 'relase'");
  EXPECT_EQ(error.hint(), "did you mean 'release'?");
  error = CatchInputError([&] { repo.ResolveCommit("relase^"); });
  EXPECT_EQ(error.hint(), "did you mean 'release^'?");
  error = CatchInputError([&] { repo.ResolveCommit("mian"); });
  EXPECT_EQ(error.message(), "unknown revision 'mian'");
  EXPECT_EQ(error.hint(), "did you mean 'main'?");
  error = CatchInputError([&] { repo.ResolveCommit("mian~1"); });
  EXPECT_EQ(error.hint(), "did you mean 'main~1'?");
}

TEST_F(GitRepository, UnknownRevisionWithoutANearMissSuggestsFetching) {
  MakeHistory();
  const Repository repo = Repository::Discover(repo_.string());
  const InputError error = CatchInputError([&] { repo.ResolveCommit("origin/release-2027"); });
  EXPECT_EQ(error.message(), "unknown revision 'origin/release-2027'");
  EXPECT_EQ(error.hint(), "check the name, or run 'git fetch' if it exists on a remote");
}

TEST_F(GitRepository, RevisionBeforeTheFirstCommitIsAnError) {
  MakeHistory();
  const Repository repo = Repository::Discover(repo_.string());
  const InputError error = CatchInputError([&] { repo.ResolveCommit("HEAD~7"); });
  EXPECT_EQ(error.message(), "unknown revision 'HEAD~7': the history does not go back that far");
  EXPECT_EQ(error.hint(), "check the name, or run 'git fetch' if it exists on a remote");
}

TEST_F(GitRepository, InvalidRevisionSyntaxIsAnError) {
  MakeHistory();
  const Repository repo = Repository::Discover(repo_.string());
  EXPECT_EQ(CatchInputError([&] { repo.ResolveCommit("HEAD~~x"); }).message(),
            "invalid revision 'HEAD~~x'");
  EXPECT_EQ(CatchInputError([&] { repo.ResolveCommit(""); }).message(), "empty revision");
}

TEST_F(GitRepository, RevisionNamingATreeOrBlobIsAnError) {
  MakeHistory();
  Git(repo_, {"tag", "tree-tag", "HEAD^{tree}"});
  const Repository repo = Repository::Discover(repo_.string());
  InputError error = CatchInputError([&] { repo.ResolveCommit("HEAD^{tree}"); });
  EXPECT_EQ(error.message(), "revision 'HEAD^{tree}' names a tree, not a commit");
  error = CatchInputError([&] { repo.ResolveCommit("HEAD:a.yaml"); });
  EXPECT_EQ(error.message(), "revision 'HEAD:a.yaml' names a blob, not a commit");
  EXPECT_EQ(error.hint(), "drop the ':path' part: driftcheck needs a commit");
  error = CatchInputError([&] { repo.ResolveCommit("tree-tag"); });
  EXPECT_EQ(error.message(), "revision 'tree-tag' names a tree, not a commit");
}

// Finds two blob contents whose ids share their first four hex digits.
std::pair<std::string, std::string> CollidingBlobs() {
  git_libgit2_init();
  std::map<std::string, std::string> by_prefix;
  for (int i = 0;; ++i) {
    const std::string content = "blob " + std::to_string(i) + "\n";
    git_oid id;
    git_odb_hash(&id, content.data(), content.size(), GIT_OBJECT_BLOB);
    const std::string prefix = tree_detail::OidHex(id).substr(0, 4);
    auto [it, inserted] = by_prefix.emplace(prefix, content);
    if (!inserted) {
      return {it->second, content};
    }
  }
}

TEST_F(GitRepository, AmbiguousShortShaIsAnError) {
  MakeHistory();
  const auto [first, second] = CollidingBlobs();
  WriteFile(dir_.path(), "first", first);
  WriteFile(dir_.path(), "second", second);
  const std::string id = Trim(Git(repo_, {"hash-object", "-w", (dir_.path() / "first").string()}));
  Git(repo_, {"hash-object", "-w", (dir_.path() / "second").string()});
  const Repository repo = Repository::Discover(repo_.string());
  const InputError error = CatchInputError([&] { repo.ResolveCommit(id.substr(0, 4)); });
  EXPECT_EQ(error.message(), "short SHA '" + id.substr(0, 4) + "' is ambiguous");
}

TEST_F(GitRepository, EmptyRepositoryHasNoCommitsYet) {
  WriteFile(repo_, "a.yaml", "draft: true\n");
  const Repository repo = Repository::Discover(repo_.string());
  const InputError error = CatchInputError([&] { repo.ResolveCommit("HEAD"); });
  EXPECT_EQ(error.message(), "unknown revision 'HEAD': the repository has no commits yet");
  EXPECT_TRUE(repo.RefNames().empty());
  // The working tree is readable before the first commit.
  EXPECT_EQ(repo.OpenWorktree()->ListFiles(""), (Files{"a.yaml"}));
}

TEST_F(GitRepository, ShallowCloneBoundaryIsAnError) {
  MakeHistory();
  const fs::path clone = dir_.path() / "shallow";
  Git(dir_.path(), {"clone", "-q", "--depth", "1", "file://" + repo_.string(), clone.string()});
  const Repository repo = Repository::Discover(clone.string());
  EXPECT_EQ(repo.ResolveCommit("HEAD"), sha3_);
  const InputError error = CatchInputError([&] { repo.ResolveCommit("HEAD~1"); });
  EXPECT_EQ(error.message(), "revision 'HEAD~1' lies beyond the history of this shallow clone");
  EXPECT_EQ(error.hint(), "fetch more history: git fetch --deepen=N, or git fetch --unshallow");
  EXPECT_NE(CatchInputError([&] { repo.ResolveCommit(sha1_); }).hint().find("shallow"),
            std::string::npos);
}

// ---------------------------------------------------------------- commit trees

TEST_F(GitRepository, ListsFilesSortedUnderAPrefix) {
  MakeHistory();
  const Repository repo = Repository::Discover(repo_.string());
  const auto tree = repo.OpenCommit(sha3_);
  EXPECT_EQ(tree->revision(), sha3_);
  EXPECT_EQ(tree->ListFiles(""),
            (Files{"a.yaml", "services/api/production.yaml", "services/api/staging.yaml",
                   "services/web-old.yaml", "services/web/deep/er/production.yaml",
                   "services0.yaml"}));
  EXPECT_EQ(tree->ListFiles("services/api"),
            (Files{"services/api/production.yaml", "services/api/staging.yaml"}));
  EXPECT_EQ(tree->ListFiles("services/web"), (Files{"services/web/deep/er/production.yaml"}));
  EXPECT_EQ(tree->ListFiles("services/api/"), tree->ListFiles("services/api"));
  EXPECT_TRUE(tree->ListFiles("services/missing").empty());
  EXPECT_TRUE(tree->ListFiles("a.yaml").empty());  // a file is not a directory
}

TEST_F(GitRepository, ReadsContentAndBlobIdAtARevision) {
  MakeHistory();
  const Repository repo = Repository::Discover(repo_.string());
  const auto tree = repo.OpenCommit(repo.ResolveCommit("HEAD"));
  const auto content = tree->Read("services/api/staging.yaml");
  ASSERT_TRUE(content);
  EXPECT_EQ(content->bytes, "port: 8080\n");
  EXPECT_EQ(content->blob_id, BlobId("HEAD:services/api/staging.yaml"));
  EXPECT_EQ(repo.OpenCommit(sha1_)->Read("a.yaml")->bytes, "version: 1\n");
  EXPECT_EQ(tree->Read("a.yaml")->bytes, "version: 3\n");
  EXPECT_FALSE(tree->Read("services/api"));  // a directory
  EXPECT_FALSE(tree->Read("services/none.yaml"));
  EXPECT_FALSE(tree->Read(""));
}

TEST_F(GitRepository, TreesOutliveTheRepositoryObject) {
  MakeHistory();
  std::unique_ptr<Tree> tree;
  {
    const Repository repo = Repository::Discover(repo_.string());
    tree = repo.OpenCommit(sha2_);
  }
  EXPECT_EQ(tree->Read("a.yaml")->bytes, "version: 2\n");
}

TEST_F(GitRepository, ListsExecutableFiles) {
  WriteFile(repo_, "run.sh", "#!/bin/sh\n");
  fs::permissions(repo_ / "run.sh", fs::perms::owner_exec, fs::perm_options::add);
  const std::string sha = GitCommitAll(repo_, "exec");
  ASSERT_NE(Git(repo_, {"ls-tree", "HEAD"}).find("100755"), std::string::npos);
  const auto tree = Repository::Discover(repo_.string()).OpenCommit(sha);
  EXPECT_EQ(tree->ListFiles(""), (Files{"run.sh"}));
  EXPECT_EQ(tree->Read("run.sh")->bytes, "#!/bin/sh\n");
}

// A symbolic link is not a regular file: it is listed (so a template that
// matches it fails loudly) but reading it is an error rather than "missing",
// in a commit and in the working tree alike.
TEST_F(GitRepository, SymbolicLinksAreListedButCannotBeRead) {
  WriteFile(repo_, "config/staging.yaml", "a: 1\n");
  fs::create_symlink("staging.yaml", repo_ / "config" / "production.yaml");
  const std::string sha = GitCommitAll(repo_, "links");
  const Repository repo = Repository::Discover(repo_.string());
  for (const auto& tree : {repo.OpenCommit(sha), repo.OpenWorktree()}) {
    EXPECT_EQ(tree->ListFiles("config"), (Files{"config/production.yaml", "config/staging.yaml"}));
    EXPECT_EQ(tree->BlobId("config/production.yaml"), std::nullopt);
    const InputError error = CatchInputError([&] { tree->Read("config/production.yaml"); });
    EXPECT_EQ(error.Headline(),
              "config/production.yaml: is a symbolic link; driftcheck reads regular files only");
  }
}

TEST_F(GitRepository, LfsPointersAreAnError) {
  WriteFile(repo_, "big.yaml", LfsPointer());
  const std::string sha = GitCommitAll(repo_, "lfs");
  const Repository repo = Repository::Discover(repo_.string());
  InputError error = CatchInputError([&] { repo.OpenCommit(sha)->Read("big.yaml"); });
  EXPECT_EQ(error.Headline(),
            "big.yaml: is a Git LFS pointer; the content is not in the repository");
  EXPECT_NE(error.hint().find("Git LFS"), std::string::npos);
  error = CatchInputError([&] { repo.OpenWorktree()->Read("big.yaml"); });
  EXPECT_EQ(error.hint(), "run 'git lfs pull' to fetch the content");
}

TEST_F(GitRepository, SubmodulesAreSkipped) {
  MakeHistory();
  Git(repo_, {"update-index", "--add", "--cacheinfo", "160000," + sha1_ + ",services/vendored"});
  Git(repo_, {"commit", "-q", "-m", "gitlink"});
  const Repository repo = Repository::Discover(repo_.string());
  const auto tree = repo.OpenCommit(repo.ResolveCommit("HEAD"));
  EXPECT_EQ(tree->ListFiles("services/api").size(), 2u);
  EXPECT_EQ(tree->ListFiles("services/vendored"), Files{});
  EXPECT_FALSE(tree->Read("services/vendored"));
  const Files all = tree->ListFiles("services");
  EXPECT_EQ(std::find(all.begin(), all.end(), "services/vendored"), all.end());
}

// ---------------------------------------------------------------- working tree

// Commits a.yaml, services/api/staging.yaml, .gitignore, and two files the
// ignore rules match but that are tracked anyway; then edits and adds files.
void MakeDirtyWorktree(const fs::path& repo) {
  WriteFile(repo, ".gitignore", "*.log\nbuild/\nsecret.yaml\n");
  WriteFile(repo, "a.yaml", "version: 1\n");
  WriteFile(repo, "services/api/staging.yaml", "port: 8080\n");
  WriteFile(repo, "tracked.log", "kept\n");
  WriteFile(repo, "build/keep.yaml", "kept: true\n");
  Git(repo, {"add", "-f", "tracked.log", "build/keep.yaml"});
  GitCommitAll(repo, "base");
  WriteFile(repo, "a.yaml", "version: edited\n");
  WriteFile(repo, "new.yaml", "fresh: true\n");
  WriteFile(repo, "debug.log", "noise\n");
  WriteFile(repo, "secret.yaml", "password: hunter2\n");
  WriteFile(repo, "build/out.yaml", "generated: true\n");
  WriteFile(repo, "services/api/local.log", "noise\n");
  GitInit(repo / "vendor" / "nested");  // a nested repository is not part of this one
  WriteFile(repo / "vendor" / "nested", "inner.yaml", "inner: true\n");
}

TEST_F(GitRepository, WorktreeSeesEditsAndUntrackedFilesButNotIgnoredOnes) {
  MakeDirtyWorktree(repo_);
  const Repository repo = Repository::Discover(repo_.string());
  const auto tree = repo.OpenWorktree();
  EXPECT_EQ(tree->revision(), "worktree");
  EXPECT_EQ(tree->ListFiles(""), (Files{".gitignore", "a.yaml", "build/keep.yaml", "new.yaml",
                                         "services/api/staging.yaml", "tracked.log"}));
  EXPECT_EQ(tree->ListFiles("build"), (Files{"build/keep.yaml"}));
  EXPECT_EQ(tree->Read("a.yaml")->bytes, "version: edited\n");
  EXPECT_EQ(tree->Read("new.yaml")->bytes, "fresh: true\n");
  EXPECT_EQ(tree->Read("tracked.log")->bytes, "kept\n");
  EXPECT_FALSE(tree->Read("secret.yaml"));
  EXPECT_FALSE(tree->Read("build/out.yaml"));
  EXPECT_FALSE(tree->Read("debug.log"));
  EXPECT_TRUE(tree->ListFiles("vendor").empty());
  EXPECT_FALSE(tree->Read("vendor/nested/inner.yaml"));
}

TEST_F(GitRepository, LinkedWorktreeHidesItsGitFile) {
  MakeHistory();
  const fs::path linked = dir_.path() / "linked";
  Git(repo_, {"worktree", "add", "-q", linked.string(), sha2_});
  WriteFile(linked, "services/api/staging.yaml", "port: 9090\n");
  const Repository repo = Repository::Discover((linked / "services").string());
  EXPECT_EQ(repo.workdir(), linked.string() + "/");
  EXPECT_EQ(repo.ResolveCommit("HEAD"), sha2_);
  const auto tree = repo.OpenWorktree();
  EXPECT_EQ(tree->ListFiles(""), repo.OpenCommit(sha2_)->ListFiles(""));
  EXPECT_EQ(tree->Read("services/api/staging.yaml")->bytes, "port: 9090\n");
  EXPECT_EQ(tree->ListFiles("services/api/"), tree->ListFiles("services/api"));
}

TEST_F(GitRepository, CommonDirOfALinkedWorktreeIsTheMainGitDir) {
  MakeHistory();
  const Repository main = Repository::Discover(repo_.string());
  EXPECT_EQ(main.commondir(), main.gitdir());
  EXPECT_EQ(main.commondir(), repo_.string() + "/.git/");
  const fs::path linked = dir_.path() / "linked";
  Git(repo_, {"worktree", "add", "-q", linked.string(), sha2_});
  const Repository repo = Repository::Discover(linked.string());
  EXPECT_EQ(repo.gitdir(), repo_.string() + "/.git/worktrees/linked/");
  EXPECT_EQ(repo.commondir(), repo_.string() + "/.git/");
  const fs::path bare = dir_.path() / "mirror.git";
  Git(dir_.path(), {"clone", "-q", "--bare", repo_.string(), bare.string()});
  const Repository mirror = Repository::Discover(bare.string());
  EXPECT_EQ(mirror.commondir(), mirror.gitdir());
}

TEST_F(GitRepository, WorktreeBlobIdMatchesTheCommittedBlob) {
  MakeDirtyWorktree(repo_);
  const auto tree = Repository::Discover(repo_.string()).OpenWorktree();
  EXPECT_EQ(tree->Read("services/api/staging.yaml")->blob_id,
            BlobId("HEAD:services/api/staging.yaml"));
  EXPECT_NE(tree->Read("a.yaml")->blob_id, BlobId("HEAD:a.yaml"));
}

TEST_F(GitRepository, WorktreeNeverReadsOutsideTheWorkingTree) {
  MakeDirtyWorktree(repo_);
  WriteFile(dir_.path(), "outside/secret.yaml", "leak: true\n");
  fs::create_symlink(dir_.path() / "outside", repo_ / "linked");
  const auto tree = Repository::Discover(repo_.string()).OpenWorktree();
  for (const char* path : {"../outside/secret.yaml", "/etc/passwd", "linked/secret.yaml",
                           ".git/HEAD", ".git/config", "services//api/staging.yaml",
                           "./a.yaml", "services/../a.yaml"}) {
    EXPECT_FALSE(tree->Read(path)) << path;
  }
  EXPECT_TRUE(tree->ListFiles("linked").empty());
  EXPECT_TRUE(tree->ListFiles(".git").empty());
  EXPECT_TRUE(tree->ListFiles("..").empty());
}

TEST_F(GitRepository, TreesCanBeReadFromSeveralThreads) {
  MakeHistory();
  const Repository repo = Repository::Discover(repo_.string());
  for (const auto& tree : {repo.OpenCommit(sha3_), repo.OpenWorktree()}) {
    const Files files = tree->ListFiles("");
    std::vector<std::thread> threads;
    std::vector<std::size_t> bytes(4);
    for (std::size_t t = 0; t < bytes.size(); ++t) {
      threads.emplace_back([&, t] {
        for (int round = 0; round < 20; ++round) {
          for (const auto& file : tree->ListFiles("")) bytes[t] += tree->Read(file)->bytes.size();
        }
      });
    }
    for (auto& thread : threads) thread.join();
    for (std::size_t b : bytes) EXPECT_EQ(b, bytes[0]);
    EXPECT_GT(bytes[0], 0u);
  }
}

// ---------------------------------------------------------------- read-only

struct EntryState {
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
  std::size_t content_hash = 0;
  auto operator<=>(const EntryState&) const = default;
};

// Every file, directory and link under `root`, including all of .git.
std::map<std::string, EntryState> Snapshot(const fs::path& root) {
  std::map<std::string, EntryState> entries;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    struct stat info {};
    EXPECT_EQ(lstat(entry.path().c_str(), &info), 0);
    EntryState state{static_cast<std::uintmax_t>(info.st_size),
                     info.st_mtim.tv_sec * 1000000000LL + info.st_mtim.tv_nsec, 0};
    if (S_ISREG(info.st_mode)) {
      state.content_hash = std::hash<std::string>{}(testing::ReadFile(entry.path()));
    }
    entries[fs::relative(entry.path(), root).string()] = state;
  }
  return entries;
}

void ReadEverything(const Tree& tree) {
  for (const auto& file : tree.ListFiles("")) {
    try {
      tree.Read(file);
    } catch (const InputError&) {
      // LFS pointers are files that cannot be read; the point is reading.
    }
  }
}

TEST_F(GitRepository, NeverWritesToTheRepository) {
  MakeHistory();
  MakeDirtyWorktree(repo_);
  WriteFile(repo_, "big.yaml", LfsPointer());
  fs::create_symlink("a.yaml", repo_ / "link.yaml");
  Git(repo_, {"pack-refs", "--all"});
  Git(repo_, {"branch", "loose"});
  const auto before = Snapshot(dir_.path());

  const Repository repo = Repository::Discover((repo_ / "services").string());
  for (const char* revspec : {"HEAD", "main", "v1", "v1.1", "HEAD~2", "main^", "loose"}) {
    ReadEverything(*repo.OpenCommit(repo.ResolveCommit(revspec)));
  }
  ReadEverything(*repo.OpenCommit(repo.ResolveCommit(sha2_.substr(0, 8))));
  CatchInputError([&] { repo.ResolveCommit("mian"); });
  ReadEverything(*repo.OpenWorktree());
  repo.RefNames();

  EXPECT_EQ(Snapshot(dir_.path()), before);
  for (const auto& [path, state] : Snapshot(dir_.path())) {
    EXPECT_FALSE(path.ends_with(".lock")) << path;
  }
  ASSERT_TRUE(before.count("repo/.git/index"));
  ASSERT_TRUE(before.count("repo/.git/packed-refs"));
  ASSERT_TRUE(before.count("repo/.git/logs/HEAD"));
}

}  // namespace
}  // namespace driftcheck
