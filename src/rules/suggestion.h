#pragma once
// `check --suggest-rules`: allow rules written from a report's failing
// findings, ready to paste once someone accountable fills in `reason` and
// `owner` (the rules loader refuses them while they read TODO).

#include <string>

#include "finding/finding.h"
#include "rules/date.h"

namespace driftcheck {

/// A rules file (version: 1, rules: [...]) allowing every failing finding of
/// `report` (findings about rules and unreadable files excepted), grouped
/// where one rule covers several: one path drifting for every value of a
/// placeholder is one rule without that `where:`; a source's shared secrets
/// one `kind: same-secret` rule; sibling keys sharing a first word
/// (`env.SENTRY_DSN`, `env.SENTRY_ENV`) one `env.SENTRY_*` rule; three
/// sibling keys (two items of a list) one `parent.*` (`list[*]`) rule.
/// A rule for one finding pins its values in `expect` when they are shown
/// (never a secret's). Each expires 90 days after `today`.
std::string SuggestRules(const Report& report, CalendarDay today);

}  // namespace driftcheck
