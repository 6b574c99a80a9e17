#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/compare_run.h"
#include "cli/rule_flags.h"
#include "core/error.h"
#include "report/escape.h"

namespace po = boost::program_options;

namespace driftcheck::cli {
namespace {

constexpr const char* kUsage = R"(usage: driftcheck rules [options]

List the allow rules with their status, owner, expiry and how many findings
each allowed in a check of the chosen revisions. Status: active, expiring
(within --expiry-warning days), expired, unused (allowed nothing), failing
(its expect: was not met: the finding fails), unchecked (its source was not
among --source), invalid (the rule cannot be read; 'check' stops on it).
Exit status: 1 when a rule is expired, failing or invalid (with --strict also
expiring or unused), else 0.

examples:
  driftcheck rules
  driftcheck rules --today 2027-06-01 --expiry-warning 30
  driftcheck rules --rules drift-allow.yaml --format json)";

// A table cell: "-" when empty, control and invisible characters escaped as
// `check` escapes them, so an owner or ticket cannot rewrite the terminal.
std::string Cell(const std::string& s) { return s.empty() ? "-" : EscapeForDisplay(s); }

void WriteTable(const std::vector<RuleSummary>& rules, std::ostream& out) {
  std::size_t id_width = 2, owner_width = 5, ticket_width = 6;
  for (const auto& r : rules) {
    id_width = std::max(id_width, Cell(r.id).size());
    owner_width = std::max(owner_width, Cell(r.owner).size());
    ticket_width = std::max(ticket_width, Cell(r.ticket).size());
  }
  auto row = [&](const std::string& id, std::string_view status, const std::string& allowed,
                 const std::string& owner, const std::string& expires, const std::string& ticket,
                 const std::string& target) {
    out << std::left << std::setw(static_cast<int>(id_width)) << id << "  " << std::setw(8) << status
        << "  " << std::right << std::setw(7) << allowed << "  " << std::left
        << std::setw(static_cast<int>(owner_width)) << owner << "  " << std::setw(10) << expires << "  "
        << std::setw(static_cast<int>(ticket_width)) << ticket << "  " << target << '\n';
  };
  row("ID", "STATUS", "ALLOWED", "OWNER", "EXPIRES", "TICKET", "PATH");
  for (const auto& r : rules) {
    if (r.status == RuleStatus::kInvalid) {
      row(Cell(r.id), "invalid", "-", "-", "-", "-", Cell(r.location + ": " + r.problem));
    } else {
      row(Cell(r.id), RuleStatusName(r.status), std::to_string(r.allowed), Cell(r.owner), Cell(r.expires),
          Cell(r.ticket), Cell(r.target));
    }
  }
}

void WriteJsonList(const std::vector<RuleSummary>& rules, const std::string& file,
                   const RuleOptions& options, std::ostream& out) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& r : rules) {
    nlohmann::ordered_json rule = {{"id", r.id}, {"status", RuleStatusName(r.status)},
                                   {"target", r.target}, {"owner", r.owner},
                                   {"expires", r.expires.empty() ? nullptr : nlohmann::ordered_json(r.expires)},
                                   {"ticket", r.ticket}, {"allowed", r.allowed},
                                   {"location", r.location}};
    if (!r.problem.empty()) rule["problem"] = r.problem;
    list.push_back(std::move(rule));
  }
  nlohmann::ordered_json doc = {{"file", file}, {"today", FormatCalendarDay(options.today)},
                                {"rules", std::move(list)}};
  out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

bool Fails(const RuleSummary& r, bool strict) {
  if (r.status == RuleStatus::kExpired || r.status == RuleStatus::kInvalid || r.status == RuleStatus::kFailing) {
    return true;
  }
  return strict && (r.status == RuleStatus::kExpiring || r.status == RuleStatus::kUnused);
}

}  // namespace

int RunRules(const std::vector<std::string>& args) {
  RunFlags flags;
  if (!ParseRunFlags(args, "rules", kUsage, flags)) return 0;
  const GlobalOptions& global = flags.global;
  const RevisionFlags& revisions = flags.revisions;
  const RuleFlags& rule_flags = flags.rules;
  if (global.format != "text" && global.format != "json") {
    throw InputError("unknown --format '" + global.format + "' for 'rules'", "use text or json");
  }
  RuleOptions options = ReadRuleOptions(rule_flags);
  options.sources = revisions.sources;
  const Repository repo = Repository::Discover(global.repo);
  const Manifest manifest = LoadPolicy(repo, global);
  const RuleSet rules = LoadRuleSet(repo, manifest, rule_flags, /*lenient=*/true);
  if (rules.file.empty()) {
    throw InputError("no allow rules to list", "set 'allow:' in the manifest or pass --rules FILE");
  }
  SessionRequest request;
  request.choices = ChooseRevisions(manifest, revisions.revs, revisions.worktree);
  request.sources = revisions.sources;
  request.verbose = global.verbose;
  request.jobs = JobsFrom(revisions);
  request.verdicts = {&rules, options, nullptr};
  request.limits = Limits(global);
  const Report report = RunSession(repo, manifest, request);
  const auto summaries = SummarizeRules(report, rules, options);
  if (global.format == "json") {
    WriteJsonList(summaries, rules.file, options, std::cout);
  } else {
    WriteTable(summaries, std::cout);
  }
  return std::any_of(summaries.begin(), summaries.end(),
                     [&](const RuleSummary& r) { return Fails(r, options.strict); }) ? 1 : 0;
}

}  // namespace driftcheck::cli
