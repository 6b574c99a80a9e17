// GitLab Code Quality: the Code Climate JSON array GitLab's merge-request
// widget and pipeline tab read. Each entry needs `description`,
// `check_name`, `fingerprint` (unique in the report: GitLab drops an entry
// whose fingerprint repeats, and compares the base branch's report with the
// merge request's by fingerprint), `severity` and `location.path` with
// `location.lines.begin`.
//
// Allowed findings are accepted differences, not issues, so they are left
// out (the JUnit report lists them as skipped, with the rule's reason).
// Existing ones (baseline, --new-since) stay, as `info`, so the widget can
// still say they were there before.

#include <set>
#include <nlohmann/json.hpp>

#include "finding/escape.h"
#include "report/json_stream.h"
#include "report/report_text.h"
#include "report/writer.h"

namespace driftcheck {
namespace {

using Json = nlohmann::ordered_json;

// GitLab's levels: info, minor, major, critical, blocker.
std::string_view CodeQualitySeverity(const Finding& f) {
  if (f.existing) return "info";
  switch (f.severity) {
    case Severity::kError:
      return f.kind == FindingKind::kSameSecret || f.kind == FindingKind::kInvalidFile ? "critical"
                                                                                        : "major";
    case Severity::kWarning: return "minor";
    case Severity::kNote: return "info";
  }
  return "major";
}

std::string Description(const Finding& f) {
  std::string text = SubjectText(f) + " " + f.KindName() + ": " + ProblemText(f);
  if (!f.pair_labels.first.empty()) {
    text += " (" + EscapeForDisplay(f.pair_labels.first) + " ↔ " + EscapeForDisplay(f.pair_labels.second) + ")";
  }
  return text;
}

Json Entry(const Finding& f, std::string fingerprint) {
  const FindingSide& primary = PrimarySide(f);
  std::string path = primary.location.file();
  if (path.empty()) path = primary.file;
  if (path.empty()) path = "driftcheck.yaml";  // a finding about no file is about the manifest
  const int line = primary.location.line > 0 ? primary.location.line : 1;
  return {{"type", "issue"},
          {"check_name", KindFamilyName(f.kind)},
          {"description", Description(f)},
          {"categories", Json::array({"Bug Risk"})},
          {"severity", CodeQualitySeverity(f)},
          {"fingerprint", std::move(fingerprint)},
          {"location", {{"path", EscapeForDisplay(path)}, {"lines", {{"begin", line}}}}}};
}

}  // namespace

void WriteCodeQuality(const Report& report, std::ostream& out, const WriteOptions&) {
  // The finding id is stable across runs; should one id occur twice in a
  // report (one path in two compared pairs), the later one gets a counter.
  std::vector<const Finding*> shown;
  std::vector<std::string> fingerprints;
  std::set<std::string> used;
  for (const Finding& f : report.findings) {
    if (f.allowed) continue;
    std::string fingerprint = f.id.str();
    for (int n = 2; !used.insert(fingerprint).second; ++n) fingerprint = f.id + "-" + std::to_string(n);
    shown.push_back(&f);
    fingerprints.push_back(std::move(fingerprint));
  }
  WriteJsonStreamingArray(out, Json(kJsonArraySlot), shown.size(),
                          [&](std::size_t i) { return Entry(*shown[i], fingerprints[i]); });
}

}  // namespace driftcheck
