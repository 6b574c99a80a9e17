#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/compare_run.h"
#include "cli/rule_flags.h"
#include "core/error.h"
#include "rules/baseline.h"

namespace po = boost::program_options;

namespace driftcheck::cli {
namespace {

constexpr const char* kUsage = R"(usage: driftcheck baseline [-o FILE] [options]

Write the current findings to a baseline file: what each finding is about
(id, kind, source, placeholders, path, side labels), never a value. Findings
an allow rule accepts, and findings about the rules themselves, are left out.
'driftcheck check --baseline FILE' then fails only on findings not in it.
YAML unless FILE ends in .json or --format json is given.

examples:
  driftcheck baseline -o drift-baseline.yaml
  driftcheck check --baseline drift-baseline.yaml
  driftcheck baseline --rev origin/main --format json -o drift-baseline.json)";

BaselineFormat ChooseFormat(const GlobalOptions& global) {
  if (global.format == "json") return BaselineFormat::kJson;
  if (global.format == "yaml") return BaselineFormat::kYaml;
  if (global.format != "text") {
    throw InputError("unknown --format '" + global.format + "' for a baseline", "use yaml or json");
  }
  return global.output.ends_with(".json") ? BaselineFormat::kJson : BaselineFormat::kYaml;
}

void WriteOut(const std::string& text, const std::string& output) {
  if (output.empty()) {
    std::cout << text;
    return;
  }
  WriteTextFile(output, text);
}

}  // namespace

int RunBaseline(const std::vector<std::string>& args) {
  RunFlags flags;
  if (!ParseRunFlags(args, "baseline", kUsage, flags)) return 0;
  const GlobalOptions& global = flags.global;
  const RevisionFlags& revisions = flags.revisions;
  const RuleFlags& rule_flags = flags.rules;
  const BaselineFormat format = ChooseFormat(global);
  RuleOptions rule_options = ReadRuleOptions(rule_flags);
  rule_options.sources = revisions.sources;

  const Repository repo = Repository::Discover(global.repo);
  const Manifest manifest = LoadPolicy(repo, global);
  const RuleSet rules = LoadRuleSet(repo, manifest, rule_flags);
  SessionRequest request;
  request.choices = ChooseRevisions(manifest, revisions.revs, revisions.worktree);
  request.sources = revisions.sources;
  request.verbose = global.verbose;
  request.jobs = JobsFrom(revisions);
  request.verdicts = {&rules, rule_options, nullptr};
  request.limits = Limits(global);
  const Report report = RunSession(repo, manifest, request);
  WriteOut(FormatBaseline(report, format), global.output);
  if (!global.quiet && !global.output.empty()) {
    const auto count = std::count_if(report.findings.begin(), report.findings.end(), BelongsInBaseline);
    std::cerr << "driftcheck: wrote " << count << " finding(s) to " << global.output << '\n';
  }
  // An unreadable file means the baseline lists less than there is: say so by the exit code.
  return report.ExitCode() == 2 ? 2 : 0;
}

}  // namespace driftcheck::cli
