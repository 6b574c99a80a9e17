// The machine-readable report, described field by field in
// schemas/report.schema.json. ordered_json keeps fields in the documented
// order, so the same report gives byte-identical output.

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "report/json_stream.h"
#include "report/writer.h"

namespace driftcheck {
namespace {

using Json = nlohmann::ordered_json;

Json ValueJson(const Value& value);

Json ListJson(const Value& list) {
  Json out = Json::array();
  for (const Value& item : list.items()) out.push_back(ValueJson(item));
  return out;
}

Json MapJson(const Value& map) {
  Json out = Json::object();
  // ordered_json looks keys up linearly; a Value's keys are already unique,
  // so appending keeps a huge map linear instead of quadratic.
  auto& entries = out.get_ref<Json::object_t&>();
  entries.reserve(map.size());
  for (std::size_t i = 0; i < map.size(); ++i) entries.emplace_back(map.key(i), ValueJson(map.value(i)));
  return out;
}

Json ValueJson(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull: return nullptr;
    case Value::Kind::kBool: return value.as_bool();
    case Value::Kind::kInt:
      // Beyond 64 bits a JSON number would be read back rounded: keep the digits.
      return value.fits_int64() ? Json(value.as_int()) : Json(value.DecimalText());
    case Value::Kind::kFloat:
      // JSON has no NaN or infinity: those keep their YAML text (".inf").
      return std::isfinite(value.as_double()) ? Json(value.as_double()) : Json(FlowText(value));
    case Value::Kind::kString: return value.text();
    case Value::Kind::kList: return ListJson(value);
    case Value::Kind::kMap: return MapJson(value);
  }
  return nullptr;
}

Json LocationJson(const Location& location) {
  Json out = {{"file", location.file()}};
  if (location.line > 0) out["line"] = location.line;
  if (location.column > 0) out["column"] = location.column;
  return out;
}

// A whole file is never embedded, only whether it is there; "redacted" is
// kept for secrets.
Json SideJson(const FindingSide& side) {
  Json out = {{"label", side.label},
              {"environment", side.env},
              {"revision", side.revision},
              {"present", side.value.present()},
              {"redacted", side.value.redacted()}};
  // Says which "<redacted>" in the value is a hidden secret, not the file's own text.
  if (side.value.partly_redacted()) out["partly_redacted"] = true;
  if (side.value.shown()) out["value"] = ValueJson(side.value.value());
  out["file"] = side.file.empty() ? Json(nullptr) : Json(side.file);
  if (!side.location.file().empty()) out["location"] = LocationJson(side.location);
  return out;
}

Json FindingJson(const Finding& f) {
  Json out = {{"id", f.id},
              {"kind", f.KindName()},
              {"severity", SeverityName(f.severity)},
              {"source", f.source}};
  Json placeholders = Json::object();
  for (const auto& [name, value] : f.placeholders) placeholders[name] = value;
  out["placeholders"] = std::move(placeholders);
  if (!f.document.empty()) out["document"] = f.document;
  out["path"] = f.path;
  if (!f.message.empty()) out["message"] = f.message;
  if (!f.hint.empty()) out["hint"] = f.hint;
  if (f.allowed) {
    out["allowed"] = {{"rule", f.allowed->rule}, {"reason", f.allowed->reason},
                      {"owner", f.allowed->owner}};
    if (!f.allowed->expires.empty()) out["allowed"]["expires"] = f.allowed->expires;
    if (!f.allowed->ticket.empty()) out["allowed"]["ticket"] = f.allowed->ticket;
  } else {
    out["allowed"] = nullptr;
  }
  out["existing"] = f.existing;
  if (f.secret_equal) out["secret_equal"] = *f.secret_equal;
  // An array of labelled sides, never a map keyed by environment: one
  // environment at two revisions keeps both sides.
  out["sides"] = Json::array();
  out["sides"].push_back(SideJson(f.left));
  if (f.two_sided()) out["sides"].push_back(SideJson(f.right));
  return out;
}

Json SummaryJson(const Report& report) {
  std::size_t allowed = 0;
  for (const Finding& f : report.findings) allowed += f.allowed ? 1 : 0;
  // Every family is present, zero or not, so consumers need no defaults.
  Json by_kind = Json::object();
  for (FindingKind kind : AllFindingKinds()) {
    by_kind[std::string(KindFamilyName(kind))] =
        std::count_if(report.findings.begin(), report.findings.end(),
                      [kind](const Finding& f) { return f.kind == kind; });
  }
  return {{"file_pairs", report.file_pairs},
          {"findings", report.findings.size()},
          {"failing", report.FailingCount()},
          {"allowed", allowed},
          {"by_kind", std::move(by_kind)}};
}

// Everything but the findings, which are streamed one at a time.
Json ReportHead(const Report& report) {
  Json out = {{"tool", {{"name", "driftcheck"}, {"version", report.tool_version}}}};
  out["environments"] = Json::array();
  for (const EnvironmentRun& env : report.environments) {
    out["environments"].push_back(
        {{"name", env.name}, {"revspec", env.revspec}, {"revision", env.revision}});
  }
  out["compared"] = Json::array();
  for (const auto& [left, right] : report.compared)
    out["compared"].push_back(Json::array({left, right}));
  out["summary"] = SummaryJson(report);
  return out;
}

}  // namespace

void WriteJson(const Report& report, std::ostream& out, const WriteOptions&) {
  Json doc = ReportHead(report);
  doc["findings"] = kJsonArraySlot;
  WriteJsonStreamingArray(out, doc, report.findings.size(),
                          [&](std::size_t i) { return FindingJson(report.findings[i]); });
}

}  // namespace driftcheck
