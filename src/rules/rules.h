#pragma once
// drift-allow.yaml: allow rules, each accountable (reason, owner, expiry).
//
//   version: 1
//   rules:
//     - id: staging-small-db-pool
//       source: services
//       where: { service: "api*" }
//       path: database.pool_size          # or finding: 3f2a9c1d0b7e4411
//       kind: [changed, only-in-staging]  # optional, with or without a path
//       expect: { staging: 5, production: 50 }
//       reason: staging runs on a small instance
//       owner: team-data
//       expires: 2027-06-30
//       ticket: OPS-123

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/value.h"
#include "core/error.h"
#include "rules/date.h"
#include "path/path_pattern.h"

namespace re2 {
class RE2;
}

namespace driftcheck {

struct Manifest;

enum class RelationOp { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual };

/// `relation: "staging <= production"`.
struct Relation {
  std::string left;   ///< environment name
  RelationOp op = RelationOp::kLessEqual;
  std::string right;  ///< environment name
  std::string text;   ///< as written, for messages
};

/// `pattern: {production: "^db-prod-"}`: RE2, so linear in the value's length.
struct EnvPattern {
  std::string env;
  std::string text;
  std::shared_ptr<const re2::RE2> regex;  // shared: RE2 cannot be copied
};

/// What the values must be for a rule to allow a finding. Every part given must hold.
struct Expectation {
  bool any = false;                                  ///< `any: true`: every value, secrets too
  std::vector<std::pair<std::string, Value>> values; ///< per environment; null = absent
  std::optional<Relation> relation;
  std::vector<EnvPattern> patterns;

  /// The environments it names: a finding must have a side in each.
  std::vector<std::string> Environments() const;
};

struct Rule {
  std::string id;
  Location location;  ///< the rule's entry in the rules file
  std::optional<PathPattern> path;  ///< `path:`, or
  std::string finding;              ///< `finding:` (a finding id), or neither with `kind:`
  /// `kind:` — finding kinds it is about ("same-secret", "only-in-production",
  /// "only-in" for either side); empty = every kind.
  std::vector<std::string> kinds;
  std::string source;               ///< "" = every source
  std::vector<std::pair<std::string, std::string>> where;  ///< placeholder -> glob
  Expectation expect;               ///< nothing given = any value (as `any: true`)
  std::string reason;
  std::string owner;
  std::optional<CalendarDay> expires;
  std::string ticket;

  /// The path as written, "finding <id>", or "kind <kinds>".
  std::string Target() const;
  /// `expect` pins one environment's value by itself (`{production:
  /// false}`, no relation or pattern) at a path without wildcards: the rule
  /// keeps checking it when no drift is left at the path.
  bool Pins() const;
};

/// A rule that could not be read, kept so `driftcheck rules` can list it.
struct InvalidRule {
  std::string id;  ///< "" when the rule has none
  InputError error;
};

struct RuleSet {
  std::string file;  ///< where it was read from, for messages and findings
  std::vector<Rule> rules;
  std::vector<InvalidRule> invalid;  ///< only from LoadRulesLeniently
};

/// Parses a rules file. Throws InputError (file:line:col, the rule's id, a
/// hint) for the first problem. With a manifest, sources and environment
/// names (aliases resolve to names) are checked against it too.
RuleSet LoadRules(std::string_view text, const std::string& file, const Manifest* manifest);
/// As LoadRules, but a broken rule is listed in `invalid` instead of thrown;
/// a file that is broken as a whole (not YAML, no `rules:` list) still throws.
RuleSet LoadRulesLeniently(std::string_view text, const std::string& file, const Manifest* manifest);

}  // namespace driftcheck
