#include "test_util.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

namespace driftcheck::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = fs::temp_directory_path() / ("driftcheck-test-" + std::to_string(rd()));
    if (fs::create_directory(candidate)) {
      path_ = fs::canonical(candidate);
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

namespace {

std::string Drain(int fd) {
  std::string data;
  std::array<char, 65536> buffer;
  ssize_t n;
  while ((n = read(fd, buffer.data(), buffer.size())) > 0) data.append(buffer.data(), n);
  close(fd);
  return data;
}

}  // namespace

CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& cwd,
                  const std::map<std::string, std::string>& env) {
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    close(out_pipe[0]);
    close(err_pipe[0]);
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    if (chdir(cwd.c_str()) != 0) _exit(126);
    unsetenv("NO_COLOR");
    for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  CommandResult result;
  std::thread err_reader([&] { result.err = Drain(err_pipe[0]); });
  result.out = Drain(out_pipe[0]);
  err_reader.join();
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

CommandResult RunDriftcheck(const std::vector<std::string>& args, const std::string& cwd,
                            const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv = {DRIFTCHECK_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  // The persistent cache goes to a directory of this test process, never
  // the user's ~/.cache (a test that is about the cache sets its own).
  static const TempDir cache_home;
  std::map<std::string, std::string> with_cache = env;
  with_cache.try_emplace("XDG_CACHE_HOME", cache_home.str());
  return RunCommand(argv, cwd, with_cache);
}

void WriteFile(const fs::path& dir, const std::string& relative, const std::string& content) {
  const fs::path file = dir / relative;
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Git(const fs::path& repo, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"git", "-c", "user.name=Test Author", "-c",
                                   "user.email=test@example.com", "-c", "commit.gpgsign=false",
                                   "-c", "init.defaultBranch=main"};
  argv.insert(argv.end(), args.begin(), args.end());
  const CommandResult r = RunCommand(argv, repo.string(),
                              {{"GIT_AUTHOR_DATE", "2026-01-02T03:04:05Z"},
                               {"GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z"},
                               {"GIT_CONFIG_NOSYSTEM", "1"},
                               {"HOME", repo.string()}});
  EXPECT_EQ(r.exit_code, 0) << "git failed: " << r.err;
  return r.out;
}

void GitInit(const fs::path& repo) {
  fs::create_directories(repo);
  Git(repo, {"init", "-q", "-b", "main", "."});
}

std::string GitCommitAll(const fs::path& repo, const std::string& message) {
  Git(repo, {"add", "-A"});
  Git(repo, {"commit", "-q", "--allow-empty", "-m", message});
  std::string sha = Git(repo, {"rev-parse", "HEAD"});
  while (!sha.empty() && (sha.back() == '\n' || sha.back() == '\r')) sha.pop_back();
  return sha;
}

}  // namespace driftcheck::testing
