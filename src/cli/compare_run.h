#pragma once
// The one session every command runs (engine/session.h): read the chosen
// revisions, then plan, evaluate and judge. A command chooses its sides and
// its verdicts, and renders the judged Report.

#include <boost/program_options.hpp>
#include <map>
#include <string>
#include <vector>

#include "cli/common.h"
#include "cli/rule_flags.h"
#include "engine/judge.h"
#include "manifest/manifest.h"
#include "report/finding.h"
#include "tree/git_repository.h"

namespace driftcheck::cli {

/// --rev, --worktree, --source and -j.
struct RevisionFlags {
  std::vector<std::string> revs;
  std::vector<std::string> sources;
  bool worktree = false;
  int jobs = -1;  ///< -j N; -1 (not given) = one per core
};

/// -j as the session takes it: at least 1 (an InputError otherwise), one per
/// core when not given.
unsigned JobsFrom(const RevisionFlags& flags);

boost::program_options::options_description RevisionOptionsDescription(RevisionFlags& flags);

/// Every environment pair compared: the manifest's, then those only a
/// source's own `compare:` names, each once.
std::vector<EnvPair> AllPairs(const Manifest& manifest);

/// What a command that compares revisions under allow rules is given.
struct RunFlags {
  GlobalOptions global;
  RevisionFlags revisions;
  RuleFlags rules;
};

/// Parses `args` for `command` (check, rules, baseline), with `extra` options
/// of its own; prints `usage` and the options and returns false for --help.
bool ParseRunFlags(const std::vector<std::string>& args, const std::string& command, const char* usage,
                   RunFlags& flags, const boost::program_options::options_description* extra = nullptr);

/// What a command asks of the session.
struct SessionRequest {
  std::map<std::string, RevisionChoice> choices;  ///< each environment's revision
  std::vector<std::string> sources;               ///< --source (all when empty)
  bool verbose = false;  ///< say on stderr which revisions and files are read
  unsigned jobs = 1;     ///< -j
  LoadLimits limits;     ///< --max-file-size
  /// `validate`: every environment read alone, every source applying to it.
  bool validate = false;
  Verdicts verdicts;      ///< rules and baseline (none for validate)
  std::string new_since;  ///< --new-since REV: findings the same check had at REV are existing
};

/// Runs the session for `request`: opens the revisions (an unknown one, or
/// an unknown --source, fails before anything is read), then plan ->
/// evaluate -> judge. Returns the judged, sorted Report.
Report RunSession(const Repository& repo, const Manifest& manifest, const SessionRequest& request);

}  // namespace driftcheck::cli
