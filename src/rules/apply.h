#pragma once
// Applying allow rules to the one list of findings, once, before any writer
// runs: so the exit code and every report format agree.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "report/finding.h"
#include "rules/date.h"
#include "rules/rules.h"

namespace driftcheck {

struct RuleOptions {
  CalendarDay today = TodayUtc();  ///< --today; a rule allows through its `expires` day
  int expiry_warning_days = 14;    ///< --expiry-warning: warn this many days ahead (0 = never)
  bool strict = false;             ///< --strict: warnings fail
  /// --source: the sources the run checked (all when empty). A rule that may
  /// be about another source is not judged unused.
  std::vector<std::string> sources;
};

/// Marks the findings a rule allows (`allowed`), explains in `message` and
/// `hint` why a rule that targets a finding did not allow it, and adds
/// rule-expired (error), rule-expiring and rule-unused (warning) findings.
/// With `strict`, every warning in the report becomes an error. Call
/// Report::Finalize() afterwards.
void ApplyRules(Report& report, const RuleSet& rules, const RuleOptions& options);

enum class RuleStatus { kActive, kExpiring, kExpired, kUnused, kFailing, kUnchecked, kInvalid };

/// "active", "expiring", "expired", "unused", "failing" (its expectation
/// failed), "unchecked" (its source was not checked), "invalid".
std::string_view RuleStatusName(RuleStatus status);

/// One line of `driftcheck rules`.
struct RuleSummary {
  std::string id;
  RuleStatus status = RuleStatus::kActive;
  std::string target;   ///< the path, or "finding <id>"
  std::string owner;
  std::string expires;  ///< YYYY-MM-DD or ""
  std::string ticket;
  std::size_t allowed = 0;  ///< findings it allowed in `report`
  std::string location;     ///< file:line:col of the rule
  std::string problem;      ///< for an invalid rule: the error
};

/// Every rule's status and count, from a report ApplyRules has judged.
std::vector<RuleSummary> SummarizeRules(const Report& report, const RuleSet& rules,
                                        const RuleOptions& options);

}  // namespace driftcheck
