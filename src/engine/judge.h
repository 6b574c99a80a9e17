#pragma once
// The judge stage of a session: allow rules, findings that existed before
// (--new-since), and a baseline, applied once to the one list of findings
// before any writer runs, so the exit code and every format agree.

#include "report/finding.h"
#include "rules/apply.h"
#include "rules/baseline.h"
#include "rules/rules.h"

namespace driftcheck {

/// What a session's findings are judged by; each part is optional.
struct Verdicts {
  const RuleSet* rules = nullptr;  ///< allow rules; none: rules are not judged (validate)
  RuleOptions rule_options;
  const Baseline* baseline = nullptr;  ///< --baseline FILE
};

/// Applies rules, then marks what `before` (the same check at an earlier
/// revision, or null) already had failing, then the baseline; sorts the result.
void Judge(Report& report, const Verdicts& verdicts, Report* before);

}  // namespace driftcheck
