#pragma once
// Helpers shared by the tests: temporary directories, running commands, and
// building small git repositories with the real `git`.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace driftcheck::testing {

/// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;    ///< the exit status, or 128+signal when killed by a signal
  std::string out;       ///< standard output
  std::string err;       ///< standard error
};

/// Runs argv[0] with arguments in `cwd` (no shell), with extra environment
/// variables set and NO_COLOR unset unless given. Standard input is /dev/null.
CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& cwd = ".",
                  const std::map<std::string, std::string>& env = {});

/// Runs the driftcheck binary under test.
CommandResult RunDriftcheck(const std::vector<std::string>& args, const std::string& cwd = ".",
                            const std::map<std::string, std::string>& env = {});

/// Writes `content` to dir/relative, creating parent directories.
void WriteFile(const std::filesystem::path& dir, const std::string& relative,
               const std::string& content);
std::string ReadFile(const std::filesystem::path& file);

/// Runs `git` with a fixed identity and dates in `repo`; fails the test on error.
std::string Git(const std::filesystem::path& repo, const std::vector<std::string>& args);
/// `git init` (branch main) in `repo`.
void GitInit(const std::filesystem::path& repo);
/// Stages everything and commits; returns the new full SHA.
std::string GitCommitAll(const std::filesystem::path& repo, const std::string& message);

}  // namespace driftcheck::testing
