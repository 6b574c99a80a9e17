#include "rules/baseline.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "config/loader.h"
#include "config/value_reader.h"
#include "core/error.h"

namespace driftcheck {
namespace {

using Json = nlohmann::ordered_json;

bool AboutRules(FindingKind kind) {
  return kind == FindingKind::kRuleExpired || kind == FindingKind::kRuleExpiring ||
         kind == FindingKind::kRuleUnused;
}

std::vector<std::string> ValuesOf(const Finding& f) {
  std::vector<std::string> values;
  if (f.left.used()) values.push_back(f.left.value_digest.hex());
  if (f.right.used()) values.push_back(f.right.value_digest.hex());
  return values;
}

// The file a finding about a whole file (no path) is about: the side that
// holds it (the unreadable file, the missing layer, the file only one has).
std::string FileOf(const Finding& f) {
  if (!f.path.empty()) return {};
  for (const FindingSide* side : {&f.left, &f.right}) {
    if (side->used() && !side->file.empty()) return side->file;
  }
  return {};
}

BaselineEntry EntryOf(const Finding& f) {
  BaselineEntry e{f.id.str(), f.KindName(), f.source, f.placeholders, f.document, f.path, {}, ValuesOf(f), FileOf(f)};
  if (f.left.used()) e.sides.push_back(f.left.label);
  if (f.right.used()) e.sides.push_back(f.right.label);
  return e;
}

// What a finding must share with a baseline entry (or an earlier run's
// finding) to be the same drift: its identity, its kind (`only-in-staging`
// is not `only-in-production`) and each side's value fingerprint.
std::string MatchKey(std::string_view id, const std::string& kind, const std::vector<std::string>* values) {
  std::string key = std::string(id) + "|" + kind;
  if (values) {
    for (const std::string& v : *values) key += "|" + v;
  }
  return key;
}

Json EntryJson(const BaselineEntry& e) {
  Json out = {{"id", e.id}, {"kind", e.kind}, {"source", e.source}};
  out["placeholders"] = Json::object();
  for (const auto& [name, value] : e.placeholders) out["placeholders"][name] = value;
  if (!e.document.empty()) out["document"] = e.document;
  out["path"] = e.path;
  out["sides"] = e.sides;
  if (e.values) out["values"] = *e.values;
  if (!e.file.empty()) out["file"] = e.file;
  return out;
}

// A JSON string is a YAML double-quoted scalar: one escaping rule for both formats.
std::string Quoted(const std::string& s) {
  return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string EntryYaml(const BaselineEntry& e) {
  std::string out = "  - id: " + Quoted(e.id) + "\n    kind: " + Quoted(e.kind) +
                    "\n    source: " + Quoted(e.source) + "\n    placeholders: {";
  for (std::size_t i = 0; i < e.placeholders.size(); ++i) {
    out += (i ? ", " : "") + Quoted(e.placeholders[i].first) + ": " + Quoted(e.placeholders[i].second);
  }
  out += "}\n";
  if (!e.document.empty()) out += "    document: " + Quoted(e.document) + "\n";
  out += "    path: " + Quoted(e.path) + "\n    sides: [";
  for (std::size_t i = 0; i < e.sides.size(); ++i) out += (i ? ", " : "") + Quoted(e.sides[i]);
  out += "]\n";
  if (e.values) {
    out += "    values: [";
    for (std::size_t i = 0; i < e.values->size(); ++i) out += (i ? ", " : "") + Quoted((*e.values)[i]);
    out += "]\n";
  }
  if (!e.file.empty()) out += "    file: " + Quoted(e.file) + "\n";
  return out;
}

std::string OptionalText(const Value& entry, std::string_view key) {
  const Value* v = entry.Find(key);
  return v ? ExpectString(*v, "baseline '" + std::string(key) + "'") : std::string();
}

BaselineEntry ReadEntry(const Value& v) {
  ExpectMap(v, "each baseline entry");
  RejectUnknownKeys(v, {"id", "kind", "source", "placeholders", "document", "path", "sides", "values", "file"},
                    "a baseline entry");
  const Value& id = RequireKey(v, "id", "a baseline entry");
  BaselineEntry e;
  e.id = ExpectString(id, "baseline 'id'");
  if (e.id.size() != 16 || e.id.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw InputError(id.location(), "baseline 'id' must be 16 hex digits",
                     "rewrite the baseline with 'driftcheck baseline -o FILE'");
  }
  e.kind = OptionalText(v, "kind");
  e.source = OptionalText(v, "source");
  e.document = OptionalText(v, "document");
  e.path = OptionalText(v, "path");
  e.file = OptionalText(v, "file");
  if (const Value* p = v.Find("placeholders")) {
    ExpectMap(*p, "baseline 'placeholders'");
    for (std::size_t i = 0; i < p->size(); ++i) {
      e.placeholders.emplace_back(p->key(i), ExpectString(p->value(i), "a placeholder value"));
    }
  }
  if (const Value* s = v.Find("sides")) e.sides = ExpectStringList(*s, "baseline 'sides'");
  if (const Value* values = v.Find("values")) e.values = ExpectStringList(*values, "baseline 'values'");
  return e;
}

FindingKind KindNamed(const std::string& name) {
  if (name.starts_with("only-in")) return FindingKind::kOnlyIn;
  for (FindingKind kind : AllFindingKinds()) {
    if (KindFamilyName(kind) == name) return kind;
  }
  return FindingKind::kChanged;
}

// A baseline entry that no longer occurs: said once, as a note.
Finding StaleNote(const BaselineEntry& e, const std::string& file) {
  Finding f;
  f.kind = KindNamed(e.kind);
  f.severity = Severity::kNote;
  f.existing = true;
  f.source = e.source;
  f.placeholders = e.placeholders;
  f.document = e.document;
  f.path = e.path;
  if (!e.sides.empty()) f.left.label = f.left.env = e.sides[0];
  if (e.sides.size() > 1) f.right.label = f.right.env = e.sides[1];
  f.pair_labels = {f.left.label, f.right.label};
  // An entry about a whole file (no path) names that file; an older one,
  // written without `file:`, names its source, the nearest thing it holds.
  std::string about;
  if (!e.file.empty()) {
    f.left.file = e.file;
    f.left.location = Location{MakeOrigin(e.file), 0, 0};
    about = " of " + e.file;
  } else if (e.path.empty()) {
    about = " in source '" + e.source + "'";
  }
  f.message = e.kind + about + " in the baseline " + file + " no longer occurs";
  f.hint = "remove the entry, or rewrite the baseline with 'driftcheck baseline -o " + file + "'";
  f.AssignId();
  // Hand-edited or older entries may hash differently; the user looks for the id the file holds.
  f.id = e.id;
  return f;
}

}  // namespace

bool BelongsInBaseline(const Finding& finding) {
  return !finding.allowed && !AboutRules(finding.kind);
}

std::string FormatBaseline(const Report& report, BaselineFormat format) {
  std::vector<BaselineEntry> entries;
  for (const Finding& f : report.findings) {
    if (BelongsInBaseline(f)) entries.push_back(EntryOf(f));
  }
  if (format == BaselineFormat::kJson) {
    Json out = {{"version", 1}, {"findings", Json::array()}};
    for (const auto& e : entries) out["findings"].push_back(EntryJson(e));
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  std::string out =
      "# driftcheck baseline: the findings that existed when it was written.\n"
      "# 'driftcheck check --baseline FILE' fails only on findings not listed here.\n"
      "# It records what each finding is about and a fingerprint of each side's\n"
      "# value (none for a redacted one), never a value: a changed drift is new.\n"
      "version: 1\n";
  out += entries.empty() ? "findings: []\n" : "findings:\n";
  for (const auto& e : entries) out += EntryYaml(e);
  return out;
}

Baseline LoadBaseline(std::string_view text, const std::string& file) {
  const Documents docs = LoadYaml(text, MakeOrigin(file), LoadLimits{});
  if (docs.empty()) {
    throw InputError(file, 0, 0, "the baseline is empty", "write one with 'driftcheck baseline -o " + file + "'");
  }
  if (docs.size() > 1) {
    throw InputError(docs[1].location(), "a baseline is one YAML or JSON document",
                     "rewrite it with 'driftcheck baseline -o " + file + "'");
  }
  const Value& root = ExpectMap(docs[0], "the baseline");
  RejectUnknownKeys(root, {"version", "findings"}, "the baseline");
  const Value& version = RequireKey(root, "version", "the baseline");
  if (ExpectInt(version, "'version'") != 1) {
    throw InputError(version.location(), "unsupported baseline version; this driftcheck reads version 1",
                     "rewrite it with 'driftcheck baseline -o " + file + "'");
  }
  Baseline baseline{file, {}};
  for (const Value& v : ExpectList(RequireKey(root, "findings", "the baseline"), "'findings'").items()) {
    baseline.entries.push_back(ReadEntry(v));
  }
  return baseline;
}

void ApplyBaseline(Report& report, const Baseline& baseline, const std::vector<std::string>& checked_sources) {
  std::set<std::string> listed, seen;
  for (const auto& e : baseline.entries) listed.insert(MatchKey(e.id, e.kind, e.values ? &*e.values : nullptr));
  for (Finding& f : report.findings) {
    if (AboutRules(f.kind)) continue;
    const std::vector<std::string> values = ValuesOf(f);
    // An entry from an older baseline, without fingerprints, matches on id and kind.
    for (const std::string& key : {MatchKey(f.id, f.KindName(), &values), MatchKey(f.id, f.KindName(), nullptr)}) {
      if (!listed.contains(key)) continue;
      f.existing = true;
      seen.insert(key);
      break;
    }
  }
  for (const auto& e : baseline.entries) {
    // An entry of a source this run did not check (--source) may well still occur.
    if (!checked_sources.empty() &&
        std::find(checked_sources.begin(), checked_sources.end(), e.source) == checked_sources.end()) {
      continue;
    }
    const std::string key = MatchKey(e.id, e.kind, e.values ? &*e.values : nullptr);
    if (!seen.contains(key) && seen.insert(key).second) {
      report.findings.push_back(StaleNote(e, baseline.file));
    }
  }
}

void MarkExisting(FindingList& current, const FindingList& before) {
  std::set<std::string> failing_before;
  for (const Finding& f : before) {
    const std::vector<std::string> values = ValuesOf(f);
    if (BelongsInBaseline(f)) failing_before.insert(MatchKey(f.id, f.KindName(), &values));
  }
  for (Finding& f : current) {
    const std::vector<std::string> values = ValuesOf(f);
    if (!AboutRules(f.kind) && failing_before.contains(MatchKey(f.id, f.KindName(), &values))) f.existing = true;
  }
}

}  // namespace driftcheck
