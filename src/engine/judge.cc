#include "engine/judge.h"

namespace driftcheck {

void Judge(Report& report, const Verdicts& verdicts, Report* before) {
  if (verdicts.rules) ApplyRules(report, *verdicts.rules, verdicts.rule_options);
  if (before) {
    // Judged by today's rules: a finding allowed then and failing now is new.
    if (verdicts.rules) ApplyRules(*before, *verdicts.rules, verdicts.rule_options);
    MarkExisting(report.findings, before->findings);
  }
  if (verdicts.baseline) ApplyBaseline(report, *verdicts.baseline, verdicts.rule_options.sources);
  report.Finalize();
}

}  // namespace driftcheck
