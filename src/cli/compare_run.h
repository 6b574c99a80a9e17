#pragma once
// The comparison `check`, `baseline` and `rules` share: read the chosen
// revisions and compare every pair in the manifest's `compare` list.
// (The engine's report builder will take this over; it is kept apart from
// check.cc so that move is one file.)

#include <boost/program_options.hpp>
#include <map>
#include <string>
#include <vector>

#include "cli/common.h"
#include "manifest/manifest.h"
#include "report/finding.h"
#include "tree/git_repository.h"

namespace driftcheck::cli {

/// --rev and --worktree.
struct RevisionFlags {
  std::vector<std::string> revs;
  bool worktree = false;
};

boost::program_options::options_description RevisionOptionsDescription(RevisionFlags& flags);

/// Every compared pair at the chosen revisions: the findings as the engine
/// made them (no rules applied, not finalized). `verbose` says on stderr which
/// revisions are read.
Report CompareAll(const Repository& repo, const Manifest& manifest,
                  const std::map<std::string, RevisionChoice>& choices, bool verbose);

}  // namespace driftcheck::cli
