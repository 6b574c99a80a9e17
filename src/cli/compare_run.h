#pragma once
// The comparison `check`, `baseline` and `rules` share: read the chosen
// revisions and run the engine over every compared pair.

#include <boost/program_options.hpp>
#include <map>
#include <string>
#include <vector>

#include "cli/common.h"
#include "cli/rule_flags.h"
#include "engine/pair_memo.h"
#include "manifest/manifest.h"
#include "report/finding.h"
#include "tree/git_repository.h"

namespace driftcheck::cli {

/// --rev, --worktree and --source.
struct RevisionFlags {
  std::vector<std::string> revs;
  std::vector<std::string> sources;
  bool worktree = false;
};

boost::program_options::options_description RevisionOptionsDescription(RevisionFlags& flags);

/// Every environment pair compared: the manifest's, then those only a
/// source's own `compare:` names, each once.
std::vector<EnvPair> AllPairs(const Manifest& manifest);

struct CompareRunOptions {
  std::vector<std::string> sources;  ///< --source (all when empty)
  bool verbose = false;              ///< say on stderr which revisions and files are read
  /// Reading an older revision for --new-since: a source with no files there
  /// yet is skipped, since everything it holds now is new.
  bool tolerate_unmatched = false;
  /// Pair results remembered by blob ids across calls (`history`); may be null.
  PairMemo* memo = nullptr;
};

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

/// Every compared pair at the chosen revisions: the findings as the engine
/// made them (no rules applied).
Report CompareAll(const Repository& repo, const Manifest& manifest,
                  const std::map<std::string, RevisionChoice>& choices, const CompareRunOptions& options);

}  // namespace driftcheck::cli
