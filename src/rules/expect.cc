#include "rules/expect.h"

#include <re2/re2.h>

#include <algorithm>
#include <charconv>

#include "rules/quantity.h"

namespace driftcheck {
namespace {

// The sides of `finding` read from `env` (two when one environment is read at two revisions).
std::vector<const FindingSide*> SidesOf(const Finding& finding, const std::string& env) {
  std::vector<const FindingSide*> sides;
  if (finding.left.used() && finding.left.env == env) sides.push_back(&finding.left);
  if (finding.right.used() && finding.right.env == env) sides.push_back(&finding.right);
  return sides;
}

// Why a side cannot be judged at all, or "".
std::string Unjudgeable(const FindingSide& side) {
  if (side.value.redacted()) {
    return side.label + " is a secret (redacted): only 'any: true' can allow it";
  }
  if (side.value.present() && !side.value.shown()) return side.label + " is a whole file: use 'any: true'";
  return "";
}

// A scalar's text as a user would write it: dotenv's "5" meets `5`.
std::optional<std::string> ScalarText(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kString: return v.text();
    case Value::Kind::kBool: return std::string(v.as_bool() ? "true" : "false");
    case Value::Kind::kInt: return std::to_string(v.as_int());
    case Value::Kind::kFloat: return FlowText(v);
    default: return std::nullopt;
  }
}

bool ValueMeets(const Value& expected, const ShownValue& shown) {
  if (expected.is_null()) return !shown.present() || (shown.shown() && shown.value().is_null());
  if (!shown.shown()) return false;
  if (SameValue(expected, shown.value())) return true;
  const auto a = ScalarText(expected), b = ScalarText(shown.value());
  return a && b && *a == *b;
}

// The rule's own value, hidden as a finding's value is (a pinned URL may hold
// a password); only the default secret keys are known here.
std::string Expected(const Value& v) {
  return v.is_null() ? "(absent)" : FlowText(ShownValue::Of(v, SecretMatcher()));
}

// Adds one reason a side misses, once (two expectations may fail one secret side).
void Miss(std::vector<std::string>& misses, std::string why) {
  if (std::find(misses.begin(), misses.end(), why) == misses.end()) misses.push_back(std::move(why));
}

void ValueFailures(const std::string& env, const Value& expected, const Finding& f, std::vector<std::string>& misses) {
  for (const FindingSide* side : SidesOf(f, env)) {
    if (ValueMeets(expected, side->value)) continue;
    if (std::string why = Unjudgeable(*side); !why.empty()) {
      Miss(misses, std::move(why));
    } else {
      std::string miss = "expected " + side->label + " = " + Expected(expected) + ", found " + FlowText(side->value);
      // Shown alike, yet unequal: the rule holds the credential a report hides.
      if (!expected.is_null() && ShownValue::Of(expected, SecretMatcher()).partly_redacted()) {
        miss += " (the rule holds a credential; pin the value as reports show it, with <redacted>)";
      }
      Miss(misses, std::move(miss));
    }
  }
}

void PatternFailures(const EnvPattern& pattern, const Finding& f, std::vector<std::string>& misses) {
  for (const FindingSide* side : SidesOf(f, pattern.env)) {
    if (std::string why = Unjudgeable(*side); !why.empty()) {
      Miss(misses, std::move(why));
      continue;
    }
    const auto text = side->value.shown() ? ScalarText(side->value.value()) : std::nullopt;
    if (text && re2::RE2::PartialMatch(*text, *pattern.regex)) continue;
    Miss(misses, "expected " + side->label + " to match /" + pattern.text + "/, found " + FlowText(side->value));
  }
}

bool Holds(RelationOp op, double a, double b) {
  switch (op) {
    case RelationOp::kLess: return a < b;
    case RelationOp::kLessEqual: return a <= b;
    case RelationOp::kGreater: return a > b;
    case RelationOp::kGreaterEqual: return a >= b;
    case RelationOp::kEqual: return a == b;
    case RelationOp::kNotEqual: return a != b;
  }
  return false;
}

std::optional<Quantity> QuantityOf(const FindingSide& side) {
  return side.value.shown() ? ReadQuantity(side.value.value()) : std::nullopt;
}

void RelationFailures(const Relation& relation, const Finding& f, std::vector<std::string>& misses) {
  for (const FindingSide* left : SidesOf(f, relation.left)) {
    for (const FindingSide* right : SidesOf(f, relation.right)) {
      bool judgeable = true;
      for (const FindingSide* side : {left, right}) {
        if (std::string why = Unjudgeable(*side); !why.empty()) Miss(misses, std::move(why)), judgeable = false;
      }
      if (!judgeable) continue;
      const auto a = QuantityOf(*left), b = QuantityOf(*right);
      const std::string found = ", found " + FlowText(left->value) + " and " + FlowText(right->value);
      if (!a || !b || a->unit != b->unit) {
        Miss(misses, "'" + relation.text + "' compares numbers, durations or byte sizes of one kind" + found);
      } else if (!Holds(relation.op, a->amount, b->amount)) {
        Miss(misses, "expected " + relation.text + found);
      }
    }
  }
}

}  // namespace

bool ExpectationApplies(const Expectation& expect, const Finding& finding) {
  const auto envs = expect.Environments();
  return std::all_of(envs.begin(), envs.end(),
                     [&](const std::string& env) { return !SidesOf(finding, env).empty(); });
}

std::optional<std::string> ExpectationFailure(const Expectation& expect, const Finding& finding) {
  if (expect.any) return std::nullopt;
  // Every side that misses, not only the first: one run shows all to fix.
  std::vector<std::string> misses;
  for (const auto& [env, value] : expect.values) ValueFailures(env, value, finding, misses);
  if (expect.relation) RelationFailures(*expect.relation, finding, misses);
  for (const EnvPattern& pattern : expect.patterns) PatternFailures(pattern, finding, misses);
  if (misses.empty()) return std::nullopt;
  std::string out;
  for (const std::string& miss : misses) out += (out.empty() ? "" : "; ") + miss;
  return out;
}

}  // namespace driftcheck
