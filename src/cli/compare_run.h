#pragma once
// The one session every command runs (engine/session.h): read the chosen
// revisions, then plan, evaluate and judge. A command chooses its sides and
// its verdicts, and renders the judged Report.

#include <boost/program_options.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/common.h"
#include "cli/rule_flags.h"
#include "engine/judge.h"
#include "engine/result_cache.h"
#include "engine/session.h"
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

/// The persistent cache for a session, or null when there is none: no
/// directory, --no-cache, a manifest not read from a file, or a directory
/// inside the repository (refused with a warning: nothing is written there).
std::unique_ptr<ResultCache> OpenCache(const Repository& repo, const Manifest& manifest, const std::string& dir,
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
  /// Adds findings of the command's own before judging (check's pinned
  /// values), reading the trees the session read.
  std::function<void(Report&, const TreeSet&)> amend;
  std::string cache_dir;  ///< the persistent cache's directory ("" = none): CacheDirFor
};

/// A request for the revisions, sources, -v, -j, limits and cache that the flags give.
SessionRequest RequestFor(const Manifest& manifest, const RevisionFlags& revisions, const GlobalOptions& global);

/// The one sequence every command's sessions are wired by, made once per
/// run from its request: the sources (an unknown --source fails first), the
/// compared pairs and the environments they read, the trees at a choice of
/// revisions, the sides read from them, and each session's options (-j, the
/// load limits, -v's log, the persistent cache, opened when first asked
/// for). RunSession runs it once; `history` opens trees and sessions per
/// commit through it, `diff` and `explain` take their sessions from it.
class SessionWiring {
 public:
  SessionWiring(const Repository& repo, const Manifest& manifest, SessionRequest request);

  const SessionRequest& request() const { return request_; }
  /// The sources the request names (all when it names none), in manifest order.
  const std::vector<const Source*>& sources() const { return sources_; }
  /// Every environment pair compared (AllPairs).
  const std::vector<EnvPair>& pairs() const { return pairs_; }

  /// The environments the sessions read at `choices` (validate: every one;
  /// else those compared), one tree per distinct revision. An unknown
  /// revision fails here, before anything is parsed.
  TreeSet OpenTrees(const std::map<std::string, RevisionChoice>& choices) const;
  /// The same with every environment at `revspec` (a commit of history, --new-since REV).
  TreeSet OpenTreesAt(const std::string& revspec) const;
  /// What a session reads from `trees`: each compared pair of environments
  /// (validate: each environment alone).
  Sides SidesOf(const TreeSet& trees) const;
  /// Options for a session of this run; a command may then ask for a trace
  /// or refuse_shared_layers_only. The first call opens the persistent cache.
  SessionOptions Options();

  /// plan -> evaluate -> judge for the request at `trees` (and, for
  /// --new-since, at that revision): the judged, sorted Report.
  Report Run(const TreeSet& trees);
  /// Ends the run: trims the cache if anything was stored and, for -v, says
  /// how many pairs it gave.
  void Finish();

 private:
  const Repository& repo_;
  const Manifest& manifest_;
  SessionRequest request_;
  std::vector<const Source*> sources_;
  std::vector<EnvPair> pairs_;
  std::vector<std::string> envs_;
  bool cache_opened_ = false;
  std::unique_ptr<ResultCache> cache_;
};

/// Runs the session for `request`: opens the revisions (an unknown one, or
/// an unknown --source, fails before anything is read), then plan ->
/// evaluate -> judge. Returns the judged, sorted Report.
Report RunSession(const Repository& repo, const Manifest& manifest, const SessionRequest& request);

}  // namespace driftcheck::cli
