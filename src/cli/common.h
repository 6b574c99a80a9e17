#pragma once
// What every command shares: global options, opening the repository, reading
// the manifest (policy), choosing revisions and writing the report.

#include <boost/program_options.hpp>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "config/loader.h"
#include "manifest/manifest.h"
#include "finding/finding.h"
#include "tree/git_repository.h"
#include "tree/tree.h"

namespace driftcheck::cli {

struct GlobalOptions {
  std::string repo = ".";
  std::string config;  ///< --config FILE ("" = driftcheck.yaml at the repository root)
  std::string format = "text";
  std::string output;  ///< -o FILE ("" = standard output)
  std::vector<std::string> reports;  ///< --report FORMAT=FILE, each an extra report file
  std::string color = "auto";
  bool quiet = false;  ///< print nothing on stdout when no finding fails
  bool verbose = false;
  bool help = false;
  std::string max_file_size = "64Mi";  ///< --max-file-size SIZE: larger files are invalid-file findings
};

/// Options every command accepts.
boost::program_options::options_description GlobalOptionsDescription(GlobalOptions& options);

/// Parses `args` against `description`; unknown options and stray arguments
/// are InputErrors naming the command's --help. Commands that take operands
/// (`diff A B`, `explain PATH`) name them in `positional`.
boost::program_options::variables_map ParseArguments(
    const std::vector<std::string>& args, const boost::program_options::options_description& description,
    const std::string& command,
    const boost::program_options::positional_options_description* positional = nullptr);

/// Checks --format, --report, --color and --max-file-size values (with "did you mean").
void ValidateGlobalOptions(const GlobalOptions& options);

/// The loader limits the options ask for (--max-file-size).
LoadLimits Limits(const GlobalOptions& options);

/// The manifest: --config FILE from disk, else driftcheck.yaml from the working
/// tree (or HEAD in a bare repository), or from `policy_rev` when given
/// (`history --policy-rev`). Schemas come from the same tree.
Manifest LoadPolicy(const Repository& repo, const GlobalOptions& options, const std::string& policy_rev = "");

/// The tree policy files are read from: `policy_rev`'s commit when given,
/// else the working tree (HEAD in a bare repository).
std::unique_ptr<Tree> OpenPolicyTree(const Repository& repo, const std::string& policy_rev = "");

/// Which revision each environment is read at.
struct RevisionChoice {
  std::string revspec;  ///< "worktree" when reading the working tree, "staged" the index
  bool worktree = false;
  bool staged = false;  ///< --staged: the index, as the next commit would hold it
};

/// Applies `--rev REV`, `--rev ENV=REV`, `--worktree` and `--staged` to the
/// manifest's environments. Unknown environment names are errors with "did you mean".
std::map<std::string, RevisionChoice> ChooseRevisions(const Manifest& manifest,
                                                      const std::vector<std::string>& revs,
                                                      bool worktree, bool staged = false);

/// Opens one Tree per distinct revision and records each environment's run.
class TreeSet {
 public:
  TreeSet(const Repository& repo, const std::map<std::string, RevisionChoice>& choices,
          const std::vector<std::string>& envs);
  const Tree& TreeFor(const std::string& env) const;
  const std::vector<EnvironmentRun>& runs() const { return runs_; }

 private:
  std::map<std::string, std::unique_ptr<Tree>> trees_;  // by revision
  std::map<std::string, const Tree*> by_env_;
  std::vector<EnvironmentRun> runs_;
};

/// Renders the report in --format to -o FILE or standard output, and in each
/// --report FORMAT=FILE to its file. Every report is rendered before any is
/// written; a failed write (a full disk, a closed stdout) is an InputError.
void WriteReport(const Report& report, const GlobalOptions& options);

/// Writes `text` to `path` (standard output when "") as report files are
/// written: through an exclusive temporary renamed into place (a link at
/// `path` is replaced, never followed); `what` names it in an error.
void WriteTextFile(const std::string& text, const std::string& path, const std::string& what);

/// Streams `write`'s output to `path` as report files are written: to an
/// exclusive temporary beside it (O_EXCL, a random name), renamed into place
/// once complete, so a planted link is replaced, never followed, and a failed
/// run leaves no half-written file. For -o of history and explain.
void WriteStreamedFile(const std::string& path, const std::function<void(std::ostream&)>& write);

/// Names each file the run could not read on stderr, as any error is named
/// ("error: file:line:col: reason"), since they make the exit status 2.
void SayUnreadableFiles(const Report& report);
/// The same for one finding; `said` keeps a file read by two comparisons to one line.
void SayUnreadableFile(const Finding& finding, std::set<std::string>& said);

}  // namespace driftcheck::cli
