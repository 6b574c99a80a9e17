#include "cli/compare_run.h"

#include <iostream>

#include "engine/compare.h"

namespace po = boost::program_options;

namespace driftcheck::cli {
namespace {

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

po::options_description RevisionOptionsDescription(RevisionFlags& o) {
  po::options_description d("Revision options");
  d.add_options()
      ("rev", po::value(&o.revs)->value_name("[ENV=]REV")->composing(),
       "read every environment (or ENV) at REV: a branch, tag, SHA, HEAD~2, origin/main [HEAD]")
      ("worktree", po::bool_switch(&o.worktree), "read the working tree, uncommitted edits included");
  return d;
}

Report CompareAll(const Repository& repo, const Manifest& manifest,
                  const std::map<std::string, RevisionChoice>& choices, bool verbose) {
  const TreeSet trees(repo, choices, ComparedEnvironments(manifest));
  if (verbose) SayRevisions(trees.runs());
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
  return report;
}

}  // namespace driftcheck::cli
