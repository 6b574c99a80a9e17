#include "cli/compare_run.h"

#include <algorithm>
#include <iostream>

#include "engine/run.h"

namespace po = boost::program_options;

namespace driftcheck::cli {
namespace {

// The environments the compared pairs need, in manifest order.
std::vector<std::string> ComparedEnvironments(const Manifest& manifest, const std::vector<EnvPair>& pairs) {
  std::vector<std::string> envs;
  for (const auto& env : manifest.environments) {
    for (const auto& [a, b] : pairs) {
      if (env.name == a || env.name == b) {
        envs.push_back(env.name);
        break;
      }
    }
  }
  return envs;
}

void SayRevisions(const std::vector<EnvironmentRun>& runs) {
  for (const auto& run : runs) {
    std::cerr << "driftcheck: " << run.name << " at " << run.revspec;
    if (run.revision != run.revspec) std::cerr << " (" << run.revision << ")";
    std::cerr << '\n';
  }
}

}  // namespace

po::options_description RevisionOptionsDescription(RevisionFlags& o) {
  po::options_description d("Revision options");
  d.add_options()
      ("rev", po::value(&o.revs)->value_name("[ENV=]REV")->composing(),
       "read every environment (or ENV) at REV: a branch, tag, SHA, HEAD~2, origin/main [HEAD]")
      ("worktree", po::bool_switch(&o.worktree), "read the working tree, uncommitted edits included")
      ("source", po::value(&o.sources)->value_name("NAME")->composing(),
       "check only this source (repeatable)");
  return d;
}

bool ParseRunFlags(const std::vector<std::string>& args, const std::string& command, const char* usage,
                   RunFlags& flags, const po::options_description* extra) {
  po::options_description all;
  all.add(RevisionOptionsDescription(flags.revisions)).add(RuleOptionsDescription(flags.rules));
  if (extra) all.add(*extra);
  all.add(GlobalOptionsDescription(flags.global));
  ParseArguments(args, all, command);
  if (!flags.global.help) return true;
  std::cout << usage << '\n' << all << '\n';
  return false;
}

std::vector<EnvPair> AllPairs(const Manifest& manifest) {
  std::vector<EnvPair> pairs = manifest.compare;
  for (const Source& source : manifest.sources) {
    for (const EnvPair& pair : source.compare) {
      if (std::find(pairs.begin(), pairs.end(), pair) == pairs.end()) pairs.push_back(pair);
    }
  }
  return pairs;
}

Report CompareAll(const Repository& repo, const Manifest& manifest,
                  const std::map<std::string, RevisionChoice>& choices, const CompareRunOptions& options) {
  SelectSources(manifest, options.sources);  // an unknown name fails before any reading
  const std::vector<EnvPair> pairs = AllPairs(manifest);
  const TreeSet trees(repo, choices, ComparedEnvironments(manifest, pairs));
  if (options.verbose) SayRevisions(trees.runs());
  std::vector<Comparison> comparisons;
  for (const auto& [left, right] : pairs) {
    comparisons.push_back({{left, manifest.FindEnvironment(left), &trees.TreeFor(left)},
                           {right, manifest.FindEnvironment(right), &trees.TreeFor(right)}});
  }
  RunOptions run;
  run.sources = options.sources;
  run.tolerate_unmatched = options.tolerate_unmatched;
  run.memo = options.memo;
  if (options.verbose) run.log = [](const std::string& what) { std::cerr << "driftcheck: read " << what << '\n'; };
  return BuildReport(manifest, comparisons, trees.runs(), run);
}

}  // namespace driftcheck::cli
