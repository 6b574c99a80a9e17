#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "engine/compare.h"

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
  bool worktree = false;
};

po::options_description CheckOptionsDescription(CheckOptions& o) {
  po::options_description d("Check options");
  d.add_options()
      ("rev", po::value(&o.revs)->value_name("[ENV=]REV")->composing(),
       "read every environment (or ENV) at REV: a branch, tag, SHA, HEAD~2, origin/main [HEAD]")
      ("worktree", po::bool_switch(&o.worktree), "read the working tree, uncommitted edits included");
  return d;
}

// The environments the compared pairs need, in manifest order.
std::vector<std::string> ComparedEnvironments(const Manifest& manifest) {
  std::vector<std::string> envs;
  for (const auto& env : manifest.environments) {
    for (const auto& [a, b] : manifest.compare) {
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
  const auto choices = ChooseRevisions(manifest, check.revs, check.worktree);
  const TreeSet trees(repo, choices, ComparedEnvironments(manifest));
  if (global.verbose) {
    SayRevisions(trees.runs());
    if (!manifest.allow.empty()) {
      std::cerr << "driftcheck: allow rules (" << manifest.allow << ") are not applied by this version\n";
    }
  }

  Report report;
  report.tool_version = DRIFTCHECK_VERSION;
  report.environments = trees.runs();
  report.compared = manifest.compare;
  for (const auto& [left, right] : manifest.compare) {
    const EnvironmentTree l{manifest.FindEnvironment(left), &trees.TreeFor(left)};
    const EnvironmentTree r{manifest.FindEnvironment(right), &trees.TreeFor(right)};
    CompareResult result = CompareEnvironments(manifest, l, r);
    report.file_pairs += result.file_pairs;
    for (auto& finding : result.findings) report.findings.push_back(std::move(finding));
  }
  report.Finalize();
  WriteReport(report, global);
  return report.ExitCode();
}

}  // namespace driftcheck::cli
