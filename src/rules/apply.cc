#include "rules/apply.h"

#include <algorithm>
#include <map>
#include <optional>

#include "path/path.h"
#include "rules/expect.h"
#include "core/glob.h"

namespace driftcheck {
namespace {

bool IsRuleKind(FindingKind kind) {
  return kind == FindingKind::kRuleExpired || kind == FindingKind::kRuleExpiring ||
         kind == FindingKind::kRuleUnused;
}

// Days from today to the expiry day (0 = expires today, < 0 = expired).
std::optional<long> DaysLeft(const Rule& rule, const RuleOptions& options) {
  if (!rule.expires) return std::nullopt;
  return static_cast<long>((*rule.expires - options.today).count());
}

bool Expired(const Rule& rule, const RuleOptions& options) {
  const auto left = DaysLeft(rule, options);
  return left && *left < 0;
}

bool Expiring(const Rule& rule, const RuleOptions& options) {
  const auto left = DaysLeft(rule, options);
  return left && *left >= 0 && *left < options.expiry_warning_days;
}

bool WhereMatches(const Rule& rule, const Finding& f) {
  for (const auto& where : rule.where) {
    // Not a structured binding: clang 14 (make fuzz) cannot capture one.
    auto it = std::find_if(f.placeholders.begin(), f.placeholders.end(),
                           [&](const auto& p) { return p.first == where.first; });
    if (it == f.placeholders.end() || !GlobMatch(where.second, it->second)) return false;
  }
  return true;
}

// A finding's path, parsed once however many rules look at it.
class FindingPath {
 public:
  explicit FindingPath(const Finding& f) : text_(f.path) {}
  const std::optional<std::vector<PathSegment>>& segments() {
    if (!parsed_) segments_ = ParseFindingPath(text_), parsed_ = true;
    return segments_;
  }

 private:
  const std::string& text_;
  bool parsed_ = false;
  std::optional<std::vector<PathSegment>> segments_;
};

// `kind: only-in` names either side; `only-in-production` one of them.
bool KindMatches(const Rule& rule, const Finding& f) {
  if (rule.kinds.empty()) return true;
  const std::string name = f.KindName();
  const std::string_view family = KindFamilyName(f.kind);
  return std::any_of(rule.kinds.begin(), rule.kinds.end(),
                     [&](const std::string& kind) { return kind == name || kind == family; });
}

// Whether the rule is about this finding (before its `expect` is judged).
bool Targets(const Rule& rule, const Finding& f, FindingPath& path) {
  if (!rule.source.empty() && rule.source != f.source) return false;
  if (!WhereMatches(rule, f) || !KindMatches(rule, f)) return false;
  const bool at = rule.path ? path.segments() && rule.path->Matches(*path.segments())
                  : rule.finding.empty() ? true
                                         : rule.finding == f.id;
  return at && ExpectationApplies(rule.expect, f);
}

std::string Accountable(const Rule& rule) {
  std::string text = "owner " + rule.owner;
  if (!rule.ticket.empty()) text += ", ticket " + rule.ticket;
  return text;
}

Allowance AllowanceOf(const Rule& rule) {
  return Allowance{rule.id, rule.reason, rule.owner,
                   rule.expires ? FormatCalendarDay(*rule.expires) : "", rule.ticket};
}

void AddNote(SharedText& field, const std::string& note) {
  field = field.str() + (field.empty() ? "" : "; ") + note;
}

struct RuleTally {
  std::size_t matched = 0;
  std::size_t allowed = 0;
};

// Judges one finding against every rule, in file order; the first that allows it wins.
void JudgeFinding(Finding& f, const RuleSet& rules, const RuleOptions& options, std::vector<RuleTally>& tally) {
  FindingPath path(f);
  std::optional<std::string> refusal, hint;
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    const Rule& rule = rules.rules[i];
    if (!Targets(rule, f, path)) continue;
    ++tally[i].matched;
    if (Expired(rule, options)) {
      if (!hint) hint = "rule '" + rule.id + "' allowed this until " + FormatCalendarDay(*rule.expires) +
                        " (" + Accountable(rule) + ")";
      continue;
    }
    if (auto failure = ExpectationFailure(rule.expect, f)) {
      if (!refusal) {
        refusal = "not allowed by rule '" + rule.id + "': " + *failure;
        hint = "fix the value, or update rule '" + rule.id + "' at " + rule.location.ToString();
      }
      continue;
    }
    f.allowed = AllowanceOf(rule);
    ++tally[i].allowed;
    return;
  }
  if (refusal) AddNote(f.message, *refusal);
  if (hint) AddNote(f.hint, *hint);
}

// A finding about a rule, located at the rule in the rules file.
Finding RuleFinding(FindingKind kind, Severity severity, const Rule& rule, const std::string& file,
                    std::string message, std::string hint) {
  Finding f;
  f.kind = kind;
  f.severity = severity;
  f.source = file;
  f.placeholders = {{"rule", rule.id}};
  f.left.file = file;
  f.left.location = rule.location;
  f.message = std::move(message);
  f.hint = std::move(hint);
  f.AssignId();
  return f;
}

// Whether this run checked what the rule may be about: every source, or
// the rule's own source among --source. A rule without `source:` may be
// about any source, so a partial run cannot call it unused.
bool Checked(const Rule& rule, const RuleOptions& options) {
  if (options.sources.empty()) return true;
  return !rule.source.empty() &&
         std::find(options.sources.begin(), options.sources.end(), rule.source) != options.sources.end();
}

std::optional<Finding> StatusFinding(const Rule& rule, const RuleTally& tally, const std::string& file,
                                     const RuleOptions& options) {
  const std::string who = " (" + Accountable(rule) + ")";
  if (Expired(rule, options)) {
    return RuleFinding(FindingKind::kRuleExpired, Severity::kError, rule, file,
                       "rule '" + rule.id + "' expired on " + FormatCalendarDay(*rule.expires) + who,
                       "the drift it allowed fails again: fix it, or renew the rule with its owner");
  }
  // A rule whose expectation failed is reported once, on the finding it
  // failed to allow (which fails): never also as unused. A pin with nothing
  // left to allow keeps checking its value: doing its job, not unused.
  if (tally.allowed == 0 && tally.matched == 0 && !rule.Pins() && Checked(rule, options)) {
    return RuleFinding(FindingKind::kRuleUnused, Severity::kWarning, rule, file,
                       "rule '" + rule.id + "' allowed nothing in this run" + who,
                       "remove the rule once the drift it allowed is gone");
  }
  if (tally.allowed == 0) return std::nullopt;
  if (Expiring(rule, options)) {
    const long days = *DaysLeft(rule, options);
    return RuleFinding(FindingKind::kRuleExpiring, Severity::kWarning, rule, file,
                       "rule '" + rule.id + "' expires on " + FormatCalendarDay(*rule.expires) +
                           (days == 0 ? ", today" : ", in " + std::to_string(days) + " day(s)") + who,
                       "fix the drift it allows, or renew the rule with its owner");
  }
  return std::nullopt;
}

}  // namespace

void ApplyRules(Report& report, const RuleSet& rules, const RuleOptions& options) {
  std::vector<RuleTally> tally(rules.rules.size());
  for (Finding& f : report.findings) {
    if (!IsRuleKind(f.kind)) JudgeFinding(f, rules, options, tally);
  }
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    if (auto f = StatusFinding(rules.rules[i], tally[i], rules.file, options)) {
      report.findings.push_back(std::move(*f));
    }
  }
  if (!options.strict) return;
  for (Finding& f : report.findings) {
    if (f.severity == Severity::kWarning) f.severity = Severity::kError;
  }
}

std::string_view RuleStatusName(RuleStatus status) {
  switch (status) {
    case RuleStatus::kActive: return "active";
    case RuleStatus::kExpiring: return "expiring";
    case RuleStatus::kExpired: return "expired";
    case RuleStatus::kUnused: return "unused";
    case RuleStatus::kFailing: return "failing";
    case RuleStatus::kUnchecked: return "unchecked";
    case RuleStatus::kInvalid: return "invalid";
  }
  return "active";
}

std::vector<RuleSummary> SummarizeRules(const Report& report, const RuleSet& rules,
                                        const RuleOptions& options) {
  std::map<std::string, std::size_t> allowed;
  for (const Finding& f : report.findings) {
    if (f.allowed) ++allowed[f.allowed->rule];
  }
  // Which rules matched a finding, replaying JudgeFinding's order: a rule
  // that matched and allowed nothing failed its expect:.
  std::vector<RuleTally> tally(rules.rules.size());
  for (const Finding& f : report.findings) {
    if (IsRuleKind(f.kind)) continue;
    FindingPath path(f);
    for (std::size_t i = 0; i < rules.rules.size(); ++i) {
      const Rule& rule = rules.rules[i];
      if (!Targets(rule, f, path)) continue;
      ++tally[i].matched;
      if (!Expired(rule, options) && !ExpectationFailure(rule.expect, f)) break;
    }
  }
  std::vector<RuleSummary> out;
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    const Rule& rule = rules.rules[i];
    RuleSummary s{rule.id, RuleStatus::kActive, rule.Target(), rule.owner,
                  rule.expires ? FormatCalendarDay(*rule.expires) : "", rule.ticket,
                  allowed[rule.id], rule.location.ToString(), ""};
    if (Expired(rule, options)) {
      s.status = RuleStatus::kExpired;
    } else if (s.allowed == 0 && tally[i].matched > 0) {
      s.status = RuleStatus::kFailing;
    } else if (s.allowed == 0 && !Checked(rule, options)) {
      s.status = RuleStatus::kUnchecked;
    } else if (s.allowed == 0) {
      s.status = RuleStatus::kUnused;
    } else if (Expiring(rule, options)) {
      s.status = RuleStatus::kExpiring;
    }
    out.push_back(std::move(s));
  }
  for (const InvalidRule& bad : rules.invalid) {
    RuleSummary s;
    s.id = bad.id;
    s.status = RuleStatus::kInvalid;
    s.location = bad.error.file() + ":" + std::to_string(bad.error.line()) + ":" +
                 std::to_string(bad.error.column());
    s.problem = bad.error.message();
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace driftcheck
