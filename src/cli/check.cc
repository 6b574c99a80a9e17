#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/compare_run.h"
#include "cli/rule_flags.h"
#include "rules/baseline.h"

namespace po = boost::program_options;

namespace driftcheck::cli {
namespace {

constexpr const char* kUsage = R"(usage: driftcheck check [options]

Compare the configuration of each environment pair in the manifest's
`compare` list and report every difference no allow rule accepts.
Exit status: 0 no failing finding, 1 failing findings, 2 could not run.

examples:
  driftcheck check                                   # every environment at HEAD
  driftcheck check --rev origin/main --format json -o drift.json
  driftcheck check --rev staging=$STAGING_SHA --rev production=$CANDIDATE_SHA
  driftcheck check --worktree                        # uncommitted edits included
  driftcheck check --source services --source chart  # only these sources
  driftcheck check -j 1                              # one file pair at a time (same report)
  driftcheck check --rules drift-allow.yaml --today 2027-01-31 --strict
  driftcheck check --baseline drift-baseline.yaml    # fail only on findings not in it
  driftcheck check --new-since origin/main           # in a pull request: only new drift fails)";

struct BaselineFlags {
  std::string baseline;   ///< --baseline FILE
  std::string new_since;  ///< --new-since REV
};

po::options_description BaselineOptionsDescription(BaselineFlags& o) {
  po::options_description d("Baseline options");
  d.add_options()
      ("baseline", po::value(&o.baseline)->value_name("FILE"),
       "findings listed in FILE (see 'driftcheck baseline') are existing: shown, but not failing")
      ("new-since", po::value(&o.new_since)->value_name("REV"),
       "findings the same check had at REV (every environment read at REV) are existing");
  return d;
}

}  // namespace

int RunCheck(const std::vector<std::string>& args) {
  RunFlags flags;
  BaselineFlags baseline;
  const po::options_description baseline_options = BaselineOptionsDescription(baseline);
  if (!ParseRunFlags(args, "check", kUsage, flags, &baseline_options)) return 0;
  const GlobalOptions& global = flags.global;
  const RevisionFlags& revisions = flags.revisions;
  const RuleFlags& rule_flags = flags.rules;
  ValidateGlobalOptions(global);
  RuleOptions rule_options = ReadRuleOptions(rule_flags);
  rule_options.sources = revisions.sources;

  const Repository repo = Repository::Discover(global.repo);
  const Manifest manifest = LoadPolicy(repo, global);
  const RuleSet rules = LoadRuleSet(repo, manifest, rule_flags);
  std::optional<Baseline> known;
  if (!baseline.baseline.empty()) {
    known = LoadBaseline(ReadFileFromDisk(baseline.baseline, "--baseline"), baseline.baseline);
  }
  SessionRequest request;
  request.choices = ChooseRevisions(manifest, revisions.revs, revisions.worktree);
  request.sources = revisions.sources;
  request.verbose = global.verbose;
  request.jobs = JobsFrom(revisions);
  request.limits = Limits(global);
  request.verdicts = {&rules, rule_options, known ? &*known : nullptr};
  request.new_since = baseline.new_since;
  const Report report = RunSession(repo, manifest, request);
  WriteReport(report, global);
  SayUnreadableFiles(report);
  return report.ExitCode();
}

}  // namespace driftcheck::cli
