#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "engine/run.h"

namespace po = boost::program_options;

namespace driftcheck::cli {
namespace {

constexpr const char* kUsage = R"(usage: driftcheck check [options]

Compare the configuration of each environment pair in the manifest's
`compare` list and report every difference. Exit status: 0 no drift,
1 drift found, 2 could not run.

examples:
  driftcheck check                                   # every environment at HEAD
  driftcheck check --rev origin/main --format json -o drift.json
  driftcheck check --rev staging=$STAGING_SHA --rev production=$CANDIDATE_SHA
  driftcheck check --worktree                        # uncommitted edits included)";

struct CheckOptions {
  std::vector<std::string> revs;
  std::vector<std::string> sources;
  bool worktree = false;
};

po::options_description CheckOptionsDescription(CheckOptions& o) {
  po::options_description d("Check options");
  d.add_options()
      ("rev", po::value(&o.revs)->value_name("[ENV=]REV")->composing(),
       "read every environment (or ENV) at REV: a branch, tag, SHA, HEAD~2, origin/main [HEAD]")
      ("worktree", po::bool_switch(&o.worktree), "read the working tree, uncommitted edits included")
      ("source", po::value(&o.sources)->value_name("NAME")->composing(),
       "check only this source (repeatable)");
  return d;
}

// Every environment pair compared: the manifest's, then those only a
// source's own `compare:` names, each once.
std::vector<EnvPair> AllPairs(const Manifest& manifest) {
  std::vector<EnvPair> pairs = manifest.compare;
  for (const Source& source : manifest.sources) {
    for (const EnvPair& pair : source.compare) {
      if (std::find(pairs.begin(), pairs.end(), pair) == pairs.end()) pairs.push_back(pair);
    }
  }
  return pairs;
}

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

int RunCheck(const std::vector<std::string>& args) {
  GlobalOptions global;
  CheckOptions check;
  po::options_description all;
  all.add(CheckOptionsDescription(check)).add(GlobalOptionsDescription(global));
  ParseArguments(args, all, "check");
  if (global.help) {
    std::cout << kUsage << '\n' << all << '\n';
    return 0;
  }
  ValidateGlobalOptions(global);

  const Repository repo = Repository::Discover(global.repo);
  const Manifest manifest = LoadPolicy(repo, global);
  SelectSources(manifest, check.sources);  // an unknown name fails before any reading
  const auto choices = ChooseRevisions(manifest, check.revs, check.worktree);
  const std::vector<EnvPair> pairs = AllPairs(manifest);
  const TreeSet trees(repo, choices, ComparedEnvironments(manifest, pairs));
  if (global.verbose) SayRevisions(trees.runs());

  std::vector<Comparison> comparisons;
  for (const auto& [left, right] : pairs) {
    comparisons.push_back({{left, manifest.FindEnvironment(left), &trees.TreeFor(left)},
                           {right, manifest.FindEnvironment(right), &trees.TreeFor(right)}});
  }
  RunOptions options;
  options.sources = check.sources;
  if (global.verbose) options.log = [](const std::string& what) { std::cerr << "driftcheck: read " << what << '\n'; };
  const Report report = BuildReport(manifest, comparisons, trees.runs(), options);
  WriteReport(report, global);
  SayUnreadableFiles(report);
  return report.ExitCode();
}

}  // namespace driftcheck::cli
