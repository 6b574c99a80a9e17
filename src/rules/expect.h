#pragma once
// Judging a finding against a rule's `expect`, from the values the finding
// shows. A secret side is redacted before it reaches a finding, so no rule can
// compare (or print) it: a redacted side satisfies only `any: true`.

#include <optional>
#include <string>

#include "report/finding.h"
#include "rules/rules.h"

namespace driftcheck {

/// Whether the finding has a side for every environment the expectation names;
/// a rule about staging and production says nothing about staging vs qa.
bool ExpectationApplies(const Expectation& expect, const Finding& finding);

/// nullopt when the finding's values meet `expect`; otherwise every side
/// that misses, joined by "; ", in words that never hold a redacted value:
/// "expected staging = 5, found 6; expected production = 50, found 60".
std::optional<std::string> ExpectationFailure(const Expectation& expect, const Finding& finding);

}  // namespace driftcheck
