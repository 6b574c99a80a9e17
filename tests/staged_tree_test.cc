// Repository::OpenStaged: the files as the next commit holds them (the
// index), read without ever locking or writing the index.

#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.h"
#include "test_util.h"
#include "tree/git_repository.h"

namespace driftcheck {
namespace {
namespace fs = std::filesystem;
using testing::Git;
using testing::GitCommitAll;
using testing::GitInit;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

class StagedTree : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_.path() / "repo";
    GitInit(repo_);
    WriteFile(repo_, "config/staging.yaml", "replicas: 2\n");
    WriteFile(repo_, "config/production.yaml", "replicas: 2\n");
    GitCommitAll(repo_, "first");
  }
  std::unique_ptr<Tree> Staged() const { return Repository::Discover(repo_.string()).OpenStaged(); }

  TempDir dir_;
  fs::path repo_;
};

TEST_F(StagedTree, ReadsStagedContentNotUnstagedEdits) {
  WriteFile(repo_, "config/production.yaml", "replicas: 6\n");
  Git(repo_, {"add", "config/production.yaml"});
  WriteFile(repo_, "config/production.yaml", "replicas: 9\n");  // not staged
  const auto tree = Staged();
  EXPECT_EQ(tree->revision(), "staged");
  const auto content = tree->Read("config/production.yaml");
  ASSERT_TRUE(content);
  EXPECT_EQ(content->bytes, "replicas: 6\n");
  EXPECT_EQ(content->blob_id, tree->BlobId("config/production.yaml"));
}

TEST_F(StagedTree, ListsStagedNewFilesAndNotDeletedOnes) {
  WriteFile(repo_, "config/qa.yaml", "replicas: 1\n");
  Git(repo_, {"add", "config/qa.yaml"});
  Git(repo_, {"rm", "-q", "--cached", "config/staging.yaml"});
  WriteFile(repo_, "config/untracked.yaml", "x: 1\n");
  EXPECT_EQ(Staged()->ListFiles("config"),
            (std::vector<std::string>{"config/production.yaml", "config/qa.yaml"}));
  EXPECT_FALSE(Staged()->Read("config/staging.yaml"));
}

TEST_F(StagedTree, AnUnresolvedConflictIsAnErrorNamingTheFile) {
  Git(repo_, {"checkout", "-q", "-b", "other"});
  WriteFile(repo_, "config/production.yaml", "replicas: 3\n");
  GitCommitAll(repo_, "other");
  Git(repo_, {"checkout", "-q", "main"});
  WriteFile(repo_, "config/production.yaml", "replicas: 4\n");
  GitCommitAll(repo_, "main");
  testing::RunCommand({"git", "merge", "-q", "other"}, repo_.string());  // conflicts, exits 1
  try {
    Staged()->Read("config/production.yaml");
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("config/production.yaml: has an unresolved merge conflict"),
              std::string::npos) << e.what();
  }
}

TEST_F(StagedTree, NeverLocksOrWritesTheIndex) {
  WriteFile(repo_, "config/production.yaml", "replicas: 6\n");
  Git(repo_, {"add", "config/production.yaml"});
  // A stale stat cache: git would refresh (rewrite) the index on `git status`.
  fs::last_write_time(repo_ / "config/staging.yaml", fs::file_time_type::clock::now());
  const fs::path index = repo_ / ".git/index";
  const std::string before = ReadFile(index);
  const auto mtime = fs::last_write_time(index);
  const auto tree = Staged();
  for (const std::string& file : tree->ListFiles("")) tree->Read(file);
  EXPECT_EQ(ReadFile(index), before);
  EXPECT_EQ(fs::last_write_time(index), mtime);
  EXPECT_FALSE(fs::exists(repo_ / ".git/index.lock"));
}

TEST_F(StagedTree, ABareRepositoryHasNoIndexToRead) {
  const fs::path bare = dir_.path() / "bare.git";
  testing::RunCommand({"git", "clone", "-q", "--bare", repo_.string(), bare.string()});
  EXPECT_THROW(Repository::Discover(bare.string()).OpenStaged(), InputError);
}

}  // namespace
}  // namespace driftcheck
