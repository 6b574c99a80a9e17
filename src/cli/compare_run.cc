#include "cli/compare_run.h"

#include <algorithm>
#include <iostream>
#include <optional>
#include <thread>

#include "core/error.h"
#include "engine/session.h"

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
       "check only this source (repeatable)")
      ("jobs,j", po::value(&o.jobs)->value_name("N"),
       "evaluate N file pairs at once; the report is the same for every N [one per core]");
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

unsigned JobsFrom(const RevisionFlags& flags) {
  if (flags.jobs == -1) return std::max(1u, std::thread::hardware_concurrency());
  if (flags.jobs < 1) {
    throw InputError("--jobs " + std::to_string(flags.jobs) + " is not a number of jobs",
                     "use -j N with N at least 1, e.g. -j 4");
  }
  return static_cast<unsigned>(flags.jobs);
}

namespace {

// Each compared pair of environments, read from `trees`.
Sides ComparedSides(const Manifest& manifest, const std::vector<EnvPair>& pairs, const TreeSet& trees) {
  Sides sides;
  sides.environments = trees.runs();
  for (const auto& [left, right] : pairs) {
    sides.comparisons.push_back({{left, manifest.FindEnvironment(left), &trees.TreeFor(left)},
                                 {right, manifest.FindEnvironment(right), &trees.TreeFor(right)}});
  }
  return sides;
}

// Every environment read alone (validate), whatever pairs the manifest compares.
Sides EachEnvironment(const Manifest& manifest, const TreeSet& trees) {
  Sides sides;
  sides.environments = trees.runs();
  sides.one_sided = true;
  for (const Environment& env : manifest.environments) {
    const SideSpec side{env.name, &env, &trees.TreeFor(env.name)};
    sides.comparisons.push_back({side, side});
  }
  return sides;
}

}  // namespace

Report RunSession(const Repository& repo, const Manifest& manifest, const SessionRequest& request) {
  SelectSources(manifest, request.sources);  // an unknown name fails before any reading
  const std::vector<EnvPair> pairs = AllPairs(manifest);
  const std::vector<std::string> envs =
      request.validate ? manifest.EnvironmentNames() : ComparedEnvironments(manifest, pairs);
  const TreeSet trees(repo, request.choices, envs);
  if (request.verbose) SayRevisions(trees.runs());
  // --new-since REV: every environment at REV, opened now so that an unknown
  // revision fails before anything is parsed.
  std::optional<TreeSet> before_trees;
  if (!request.new_since.empty()) {
    before_trees.emplace(repo, ChooseRevisions(manifest, {request.new_since}, false), envs);
  }
  SessionOptions options;
  options.sources = request.sources;
  options.jobs = request.jobs;
  options.limits = request.limits;
  if (request.verbose) {
    options.log = [](const std::string& what) { std::cerr << "driftcheck: read " << what << '\n'; };
  }
  Session session(manifest, std::move(options));
  const Sides sides = request.validate ? EachEnvironment(manifest, trees) : ComparedSides(manifest, pairs, trees);
  Judging judging{request.verdicts, nullptr};
  std::optional<Sides> before;
  if (before_trees) judging.before = &before.emplace(ComparedSides(manifest, pairs, *before_trees));
  return session.Run(sides, judging);
}

}  // namespace driftcheck::cli
