#pragma once
// The one session every command runs (engine/session.h): read the chosen
// revisions, then plan, evaluate and judge. A command chooses its sides and
// its verdicts, and renders the judged Report.

#include <boost/program_options.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/common.h"
#include "cli/rule_flags.h"
#include "engine/judge.h"
#include "engine/result_cache.h"
#include "manifest/manifest.h"
#include "finding/finding.h"
#include "tree/git_repository.h"

namespace driftcheck::cli {

/// --rev, --worktree, --source and -j.
struct RevisionFlags {
  std::vector<std::string> revs;
  std::vector<std::string> sources;
  bool worktree = false;
  int jobs = -1;  ///< -j N; -1 (not given) = one per core
  bool staged = false;  ///< --staged: read the index (a pre-commit hook)
  std::string cache_dir;  ///< --cache-dir DIR ("" = DRIFTCHECK_CACHE_DIR, else the XDG default)
  bool no_cache = false;  ///< --no-cache
};

/// The persistent cache's directory for these flags: "" for --no-cache;
/// else --cache-dir, $DRIFTCHECK_CACHE_DIR, $XDG_CACHE_HOME/driftcheck or
/// ~/.cache/driftcheck, the first that is set.
std::string CacheDirFor(const RevisionFlags& flags);

/// What the persistent cache's entries are keyed by for this build: the
/// version and git revision (main sets it: SetBuildRevision), and for a
/// build with uncommitted changes or no known revision, the executable's
/// size, inode and time, so a rebuilt binary never reads an older one's entries.
std::string ToolIdentity();
void SetBuildRevision(std::string revision);

/// -v's word on the cache after a session: how many pairs it gave.
void SayCacheUse(const ResultCache& cache);

/// --cache-dir and --no-cache, for commands with options of their own (diff).
void AddCacheOptions(boost::program_options::options_description& d, RevisionFlags& flags);

/// The persistent cache for a session, or nullopt when there is none: no
/// directory, --no-cache, a manifest not read from a file, or a directory
/// inside the repository (refused with a warning: nothing is written there).
std::optional<ResultCache> OpenCache(const Repository& repo, const Manifest& manifest, const std::string& dir,
                                     const LoadLimits& limits, bool verbose);

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
  /// Adds findings of the command's own before judging (check's pinned values).
  std::function<void(Report&)> amend;
  std::string cache_dir;  ///< the persistent cache's directory ("" = none): CacheDirFor
};

/// A request for the revisions, sources, -v and -j that the flags give.
SessionRequest RequestFor(const Manifest& manifest, const RevisionFlags& revisions, const GlobalOptions& global);

/// Runs the session for `request`: opens the revisions (an unknown one, or
/// an unknown --source, fails before anything is read), then plan ->
/// evaluate -> judge. Returns the judged, sorted Report.
Report RunSession(const Repository& repo, const Manifest& manifest, const SessionRequest& request);

}  // namespace driftcheck::cli
