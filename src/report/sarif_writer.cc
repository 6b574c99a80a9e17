// SARIF 2.1.0, as code-scanning services (GitHub) read it: one rule per
// finding kind with help text, one result per finding at the file, line and
// column it points at, the other side as a related location, the finding id
// as a partial fingerprint (so an alert follows a finding across runs), and
// allowed findings as external suppressions carrying the rule's reason, and
// findings a baseline already had as `baselineState: unchanged`, suppressed;
// `run.automationDetails.id` names the compared environment pairs.
//
// The revisions go in `properties` (run and result), not in
// versionControlProvenance: that object requires the repository's URI, which
// driftcheck does not know.

#include <nlohmann/json.hpp>

#include "finding/escape.h"
#include "report/report_text.h"
#include "report/json_stream.h"
#include "report/writer.h"

namespace driftcheck {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

// One SARIF rule per finding kind, in the table's order; the texts are the table's.
std::size_t RuleIndex(FindingKind kind) {
  const auto kinds = FindingKinds();
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (kinds[i].kind == kind) return i;
  }
  return 0;
}

Json RulesJson() {
  Json rules = Json::array();
  for (const FindingKindInfo& kind : FindingKinds()) {
    rules.push_back({{"id", kind.name},
                     {"name", kind.sarif.name},
                     {"shortDescription", {{"text", kind.sarif.short_description}}},
                     {"fullDescription", {{"text", kind.sarif.full_description}}},
                     {"help", {{"text", kind.sarif.help}}}});
  }
  return rules;
}

// A URI reference may hold only unreserved characters, '/' and %XX escapes.
std::string UriReference(std::string_view path) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

Json PhysicalLocation(const Location& location) {
  Json physical = {{"artifactLocation",
                    {{"uri", UriReference(location.file())}, {"uriBaseId", "%SRCROOT%"}}}};
  if (location.line > 0) {
    physical["region"] = {{"startLine", location.line}};
    if (location.column > 0) physical["region"]["startColumn"] = location.column;
  }
  return physical;
}

Json SideProperties(const FindingSide& side, const std::string& value) {
  Json out = {{"label", side.label}, {"environment", side.env}, {"revision", side.revision},
              {"file", side.file.empty() ? Json(nullptr) : Json(side.file)},
              {"present", side.value.present()}, {"redacted", side.value.redacted()}};
  if (side.value.shown()) out["value"] = value;
  if (!side.location.file().empty()) out["location"] = side.location.ToString();
  return out;
}

Json ResultProperties(const Finding& f, const ShownPair& shown) {
  Json placeholders = Json::object();
  for (const auto& [name, value] : f.placeholders) placeholders[name] = value;
  Json out = {{"kind", f.KindName()}, {"source", f.source}, {"placeholders", placeholders}};
  if (!f.document.empty()) out["document"] = f.document;
  out["path"] = f.path;
  out["existing"] = f.existing;
  if (f.secret_equal) out["secret_equal"] = *f.secret_equal;
  out["sides"] = Json::array({SideProperties(f.left, shown.left)});
  if (f.two_sided()) out["sides"].push_back(SideProperties(f.right, shown.right));
  return out;
}

std::string MessageText(const Finding& f) {
  std::string text = SubjectText(f) + " " + f.KindName() + ": " + ProblemText(f);
  for (const std::string& line : DetailLines(f)) text += "\n" + line;
  return text;
}

// "external": the allowance lives outside the analysed file, in drift-allow.yaml.
Json SuppressionJson(const Allowance& a) {
  Json properties = {{"rule", a.rule}, {"owner", a.owner}};
  if (!a.expires.empty()) properties["expires"] = a.expires;
  if (!a.ticket.empty()) properties["ticket"] = a.ticket;
  return {{"kind", "external"}, {"status", "accepted"}, {"justification", a.reason},
          {"properties", std::move(properties)}};
}

// A finding the baseline (or the --new-since revision) already had.
Json ExistingSuppressionJson() {
  return {{"kind", "external"}, {"status", "accepted"},
          {"justification", "existing: already in the baseline (or at the --new-since revision)"}};
}

Json ResultJson(const Finding& f) {
  const ShownPair shown = ShowValues(f);
  Json result = {{"ruleId", KindFamilyName(f.kind)},
                 {"ruleIndex", RuleIndex(f.kind)},
                 {"level", SeverityName(f.severity)},
                 {"message", {{"text", MessageText(f)}}}};
  const FindingSide& primary = PrimarySide(f);
  if (!primary.location.file().empty()) {
    Json location = {{"physicalLocation", PhysicalLocation(primary.location)}};
    if (!f.path.empty()) location["logicalLocations"] = Json::array({{{"fullyQualifiedName", f.path}}});
    result["locations"] = Json::array({location});
  }
  const FindingSide& other = &primary == &f.left ? f.right : f.left;
  if (other.used() && !other.location.file().empty()) {
    result["relatedLocations"] = Json::array(
        {{{"id", 1}, {"physicalLocation", PhysicalLocation(other.location)},
          {"message", {{"text", EscapeForDisplay(other.label) + ": " +
                                    (&other == &f.left ? shown.left : shown.right)}}}}});
  }
  result["partialFingerprints"] = {{"driftcheckFindingId/v1", f.id}};
  // One verdict: a finding that does not fail is suppressed here too, so
  // code scanning opens no alert the exit code passed.
  if (f.allowed) {
    result["suppressions"] = Json::array({SuppressionJson(*f.allowed)});
  } else if (f.existing && f.severity != Severity::kNote) {
    result["baselineState"] = "unchanged";
    result["suppressions"] = Json::array({ExistingSuppressionJson()});
  } else if (f.existing) {
    result["baselineState"] = "absent";  // a baseline entry that no longer occurs
  }
  result["properties"] = ResultProperties(f, shown);
  return result;
}

// Code scanning keeps one set of alerts per category: the id up to its last
// '/'. One category per compared set of environment pairs, so a nightly
// staging/production run and a qa/production run never close each other's
// alerts. (upload-sarif's `category` input, when given, replaces it.)
Json AutomationDetails(const Report& report) {
  // A '/' in a label (production@origin/main) would end the category early.
  const auto label = [](const std::string& text) {
    std::string out;
    for (char c : text) out += c == '/' ? std::string("%2F") : std::string(1, c);
    return out;
  };
  std::string pairs;
  for (const auto& [left, right] : report.compared) {
    if (!pairs.empty()) pairs += '+';
    pairs += label(left) + "-vs-" + label(right);
  }
  if (pairs.empty()) pairs = report.validation ? "validate" : "check";
  return {{"id", "driftcheck/" + pairs + "/"}};
}

Json RunJson(const Report& report) {
  Json driver = {{"name", "driftcheck"},
                 {"version", report.tool_version},
                 {"semanticVersion", report.tool_version},
                 {"rules", RulesJson()}};
  Json run = {{"tool", {{"driver", std::move(driver)}}}, {"automationDetails", AutomationDetails(report)}};
  run["results"] = kJsonArraySlot;  // streamed: see WriteSarif
  Json environments = Json::array();
  for (const EnvironmentRun& env : report.environments) {
    environments.push_back({{"name", env.name}, {"revspec", env.revspec}, {"revision", env.revision}});
  }
  run["properties"] = {{"environments", std::move(environments)},
                       {"file_pairs", report.file_pairs},
                       {"failing", report.FailingCount()}};
  return run;
}

}  // namespace

void WriteSarif(const Report& report, std::ostream& out, const WriteOptions&) {
  Json doc = {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({RunJson(report)})}};
  // Results are rendered one at a time, so a huge run stays small in memory.
  WriteJsonStreamingArray(out, doc, report.findings.size(),
                          [&](std::size_t i) { return ResultJson(report.findings[i]); });
}

}  // namespace driftcheck
