#pragma once
// Pinned values: a rule `expect: {production: false}` at a path without
// wildcards keeps checking production's value after the drift it allowed is
// gone. Where no finding is left at the path, the pinned environment's value
// is read; one that misses the pin becomes a failing finding the rule judges.

#include <map>
#include <string>
#include <vector>

#include "cli/common.h"
#include "manifest/manifest.h"
#include "finding/finding.h"
#include "rules/rules.h"
#include "tree/git_repository.h"

namespace driftcheck::cli {

/// Adds a one-sided finding (kind schema-violation, message naming the rule)
/// for each file pair where a pinning rule's environment holds another value
/// than the pin and no finding is at the path. Call before ApplyRules, which
/// then explains the miss ("expected production = false, found true").
/// The files are those the session read: `trees`, under its load `limits`.
void AddPinViolations(Report& report, const Manifest& manifest, const RuleSet& rules, const TreeSet& trees,
                      const std::vector<std::string>& sources, const LoadLimits& limits);

}  // namespace driftcheck::cli
