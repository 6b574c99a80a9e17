#include <algorithm>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/compare_run.h"
#include "cli/pins.h"
#include "cli/rule_flags.h"
#include "rules/baseline.h"
#include "rules/suggestion.h"
#include "schema/behaviours.h"

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
  driftcheck check --staged -q                       # what the next commit holds (pre-commit)
  driftcheck check --source services --source chart  # only these sources
  driftcheck check -j 1                              # one file pair at a time (same report)
  driftcheck check --cache-dir /var/cache/driftcheck # keep unchanged pairs' results between runs
  driftcheck check --no-cache                        # read and compare every file afresh
  driftcheck check --rules drift-allow.yaml --today 2027-01-31 --strict
  driftcheck check --baseline drift-baseline.yaml    # fail only on findings not in it
  driftcheck check --new-since origin/main           # in a pull request: only new drift fails
  driftcheck check --suggest-rules -o suggested.yaml # allow rules for what fails, to review)";

// The finding kinds and normalization behaviours as --help lists them, from
// their tables.
std::string TablesHelp() {
  std::string help = "\n\nfinding kinds:";
  for (const FindingKindInfo& kind : FindingKinds()) {
    std::string name(kind.name);
    name.resize(std::max<std::size_t>(name.size(), 17), ' ');
    help += "\n  " + name + " " + std::string(kind.sarif.short_description);
  }
  help += "\n\nnormalization (a source's normalize: key, or the schema keyword):";
  for (const NormalizeBehaviour& behaviour : NormalizeBehaviours()) {
    std::string name(behaviour.key);
    name.resize(std::max<std::size_t>(name.size(), 12), ' ');
    help += "\n  " + name + " " + std::string(behaviour.description) + " [" + std::string(behaviour.keyword) + "]";
  }
  return help;
}

struct BaselineFlags {
  std::string baseline;   ///< --baseline FILE
  std::string new_since;  ///< --new-since REV
  bool suggest_rules = false;  ///< --suggest-rules
};

po::options_description BaselineOptionsDescription(BaselineFlags& o) {
  po::options_description d("Baseline options");
  d.add_options()
      ("baseline", po::value(&o.baseline)->value_name("FILE"),
       "findings listed in FILE (see 'driftcheck baseline') are existing: shown, but not failing")
      ("new-since", po::value(&o.new_since)->value_name("REV"),
       "findings the same check had at REV (every environment read at REV) are existing")
      ("suggest-rules", po::bool_switch(&o.suggest_rules),
       "write allow rules for the failing findings (to -o FILE or stdout) instead of the report; "
       "fill in their reason and owner before use");
  return d;
}

}  // namespace

int RunCheck(const std::vector<std::string>& args) {
  RunFlags flags;
  BaselineFlags baseline;
  const po::options_description baseline_options = BaselineOptionsDescription(baseline);
  const std::string usage = kUsage + TablesHelp();
  if (!ParseRunFlags(args, "check", usage.c_str(), flags, &baseline_options)) return 0;
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
  SessionRequest request = RequestFor(manifest, revisions, global);
  request.verdicts = {&rules, rule_options, known ? &*known : nullptr};
  request.new_since = baseline.new_since;
  // A pin keeps checking its value once the drift it allowed is gone: the
  // findings it adds are judged with the rest.
  request.amend = [&](Report& compared, const TreeSet& trees) {
    AddPinViolations(compared, manifest, rules, trees, revisions.sources, request.limits);
  };
  const Report report = RunSession(repo, manifest, request);
  if (baseline.suggest_rules) {
    WriteTextFile(SuggestRules(report, rule_options.today), global.output, "the suggested rules");
    SayUnreadableFiles(report);
    return report.ExitCode() == 2 ? 2 : 0;
  }
  WriteReport(report, global);
  SayUnreadableFiles(report);
  return report.ExitCode();
}

}  // namespace driftcheck::cli
