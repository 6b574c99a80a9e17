// `driftcheck explain PATH`: why driftcheck says a path differs, or not. For
// each compared pair and file pair holding PATH: each side's raw value and
// the layer that set it, each normalization step, the normalized value, and
// the verdict of the same judged findings `check` reports.

#include <algorithm>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/compare_run.h"
#include "cli/rule_flags.h"
#include "core/error.h"
#include "core/suggest.h"
#include "path/path_pattern.h"
#include "engine/explain.h"
#include "engine/session.h"
#include "report/explain_writer.h"

namespace po = boost::program_options;

namespace driftcheck::cli {
namespace {

constexpr const char* kUsage = R"(usage: driftcheck explain [options] PATH

Say how each environment's value at PATH came to be and what driftcheck
makes of it: the raw value with file:line:col, the layer that set it and
what it overrode, each normalization step and the schema keyword or
normalize: setting behind it, the normalized value, and the verdict (equal,
drift, allowed by a rule, ignored, must-differ, same-secret). PATH is
written as reports print it. Secrets stay redacted at every step. Formats:
text, json. Exit status: 0 explained, 2 could not run (an unknown PATH
gets "did you mean").

examples:
  driftcheck explain database.pool_size
  driftcheck explain database.pool_size --where service=api
  driftcheck explain 'routes[name=health].timeout' --where 'service=web*'
  driftcheck explain replicas --rev production=v1.4.0 --format json)";

struct ExplainFlags {
  GlobalOptions global;
  RevisionFlags revisions;
  RuleFlags rules;
  std::vector<std::string> where;
  std::vector<std::string> operands;
};

bool ParseExplainFlags(const std::vector<std::string>& args, ExplainFlags& flags) {
  po::options_description own("Explain options");
  own.add_options()("where", po::value(&flags.where)->value_name("NAME=GLOB")->composing(),
                    "only file pairs whose placeholder NAME matches GLOB (repeatable), e.g. service=api");
  po::options_description hidden;
  hidden.add_options()("operand", po::value(&flags.operands)->composing());
  po::options_description shown;
  shown.add(own).add(RevisionOptionsDescription(flags.revisions)).add(RuleOptionsDescription(flags.rules));
  shown.add(GlobalOptionsDescription(flags.global));
  po::options_description all;
  all.add(shown).add(hidden);
  po::positional_options_description positional;
  positional.add("operand", -1);
  ParseArguments(args, all, "explain", &positional);
  if (flags.global.help) {
    std::cout << kUsage << '\n' << shown << '\n';
    return false;
  }
  if (flags.operands.size() != 1) {
    throw InputError(flags.operands.empty() ? "explain needs a PATH" : "explain takes one PATH",
                     "e.g. driftcheck explain database.pool_size --where service=api");
  }
  return true;
}

ExplainQuestion Question(const ExplainFlags& flags) {
  ExplainQuestion q;
  q.path = flags.operands.front();
  if (!ParseFindingPath(q.path)) {
    throw InputError("PATH '" + q.path + "' is not a path as reports print it",
                     "e.g. database.pool_size, hosts[0], routes[name=health].timeout (no wildcards)");
  }
  for (const std::string& w : flags.where) {
    const std::size_t eq = w.find('=');
    if (eq == std::string::npos || eq == 0) throw InputError("--where " + w + " is not NAME=GLOB", "e.g. --where service=api");
    q.where.emplace_back(w.substr(0, eq), w.substr(eq + 1));
  }
  return q;
}

void Write(const std::string& path, const std::vector<Explanation>& explanations, const GlobalOptions& global) {
  auto render = [&](std::ostream& out) {
    if (global.format == "json") WriteExplainJson(path, explanations, out);
    else WriteExplainText(path, explanations, out);
  };
  if (!global.output.empty()) {
    WriteStreamedFile(global.output, render);
    return;
  }
  render(std::cout);
  std::cout.flush();
  if (!std::cout) throw InputError("cannot write the report", "check the free disk space");
}

}  // namespace

int RunExplain(const std::vector<std::string>& args) {
  ExplainFlags flags;
  if (!ParseExplainFlags(args, flags)) return 0;
  if (flags.global.format != "text" && flags.global.format != "json") {
    throw InputError("explain writes text or json, not '" + flags.global.format + "'", "use --format text|json");
  }
  const ExplainQuestion question = Question(flags);
  const RuleOptions rule_options = ReadRuleOptions(flags.rules);

  const Repository repo = Repository::Discover(flags.global.repo);
  const Manifest manifest = LoadPolicy(repo, flags.global);
  const RuleSet rules = LoadRuleSet(repo, manifest, flags.rules);
  SessionRequest request = RequestFor(manifest, flags.revisions, flags.global);
  request.verdicts.rules = &rules;
  request.verdicts.rule_options = rule_options;
  SessionWiring wiring(repo, manifest, std::move(request));
  const TreeSet trees = wiring.OpenTrees(wiring.request().choices);
  const Report judged = wiring.Run(trees);

  // The pairs asked about, evaluated again with a trace: explain shows what
  // evaluation did, as it did it.
  SessionOptions options = wiring.Options();
  options.trace = true;
  Session session(manifest, std::move(options));
  Plan asked;
  for (PairTask& task : session.MakePlan(wiring.SidesOf(trees)).tasks) {
    if (MatchesWhere(task.pair, question)) asked.tasks.push_back(std::move(task));
  }
  const std::vector<PairResult> traced = session.Evaluate(asked);
  wiring.Finish();
  LoadCache cache;
  std::set<std::string> seen;  // every path the sides hold, for "did you mean"
  std::vector<Explanation> explanations;
  for (std::size_t i = 0; i < asked.tasks.size(); ++i) {
    for (Explanation& e : ExplainPair(manifest, asked.tasks[i], *traced[i].trace, question, judged, cache, seen)) {
      explanations.push_back(std::move(e));
    }
  }
  if (asked.tasks.empty()) throw InputError("no file pair matches the --where given", "check the placeholder names and globs");
  if (explanations.empty()) {
    std::string hint = DidYouMean(question.path, {seen.begin(), seen.end()});
    throw InputError("no environment has a value at '" + question.path + "'",
                     hint.empty() ? "paths are written as reports print them: database.pool_size" : hint);
  }
  Write(question.path, explanations, flags.global);
  return 0;
}

}  // namespace driftcheck::cli
