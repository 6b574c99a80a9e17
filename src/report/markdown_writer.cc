// A pull-request comment in GitHub-flavoured Markdown: a verdict line, a
// summary table by kind, then the failing findings grouped by source and file
// pair, one table each; allowed, existing and non-error findings go in a
// collapsed <details> section so the comment leads with what blocks.

#include <algorithm>
#include <tuple>

#include "finding/escape.h"
#include "report/report_text.h"
#include "report/writer.h"

namespace driftcheck {
namespace {

// Repository text inside HTML <code>: entities for everything Markdown or
// HTML would read (a '|' would split the table cell even inside code).
std::string Code(std::string_view s) {
  std::string out = "<code>";
  for (char c : EscapeForDisplay(s)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '|': out += "&#124;"; break;
      case '`': out += "&#96;"; break;
      case '\\': out += "&#92;"; break;
      case '*': out += "&#42;"; break;
      case '_': out += "&#95;"; break;
      case '[': out += "&#91;"; break;
      case ']': out += "&#93;"; break;
      default: out += c;
    }
  }
  return out + "</code>";
}

// Repository text as plain words: the same escapes without the <code> box.
std::string Plain(std::string_view s) {
  const std::string code = Code(s);
  return code.substr(6, code.size() - 6 - 7);
}

bool SameFilePair(const Finding& a, const Finding& b) {
  return std::tie(a.source, a.placeholders, a.pair_labels) ==
         std::tie(b.source, b.placeholders, b.pair_labels);
}

// A group names its compared pair and both files, also when it opens with a
// finding about one side's file (a duplicate key in staging's).
std::string FilePairHeading(const Finding& f, const PairsByIdentity& pairs) {
  std::string heading = "#### " + Plain(f.source.empty() ? "allow rules" : f.source);
  if (const std::string p = PlaceholderText(f); !p.empty()) heading += " · " + Plain(p);
  heading += " · " + Plain(PairText(f)) + "\n\n";
  const auto [left, right] = GroupFiles(f, pairs);
  if (!left.empty() || !right.empty()) {
    heading += Code(left.empty() ? "(missing)" : left);
    if (right != left) heading += " ↔ " + Code(right.empty() ? "(missing)" : right);
    heading += "\n\n";
  }
  return heading;
}

std::string SideCell(const FindingSide& side, const std::string& value) {
  std::string cell = Plain(side.label) + ": " + Code(value);
  if (!side.location.file().empty()) cell += " at " + Code(side.location.ToString());
  return cell;
}

std::string ValuesCell(const Finding& f) {
  if (!f.message.empty()) return Plain(f.message);
  const ShownPair shown = ShowValues(f);
  std::string cell = SideCell(f.left, shown.left);
  if (f.two_sided()) cell += "<br>" + SideCell(f.right, shown.right);
  for (const std::string& line : shown.line_diff) cell += "<br>" + Code(line);
  return cell;
}

std::string NoteCell(const Finding& f) {
  std::string note;
  if (f.allowed) {
    note = "allowed by " + Code(f.allowed->rule) + ": " + Plain(f.allowed->reason);
  } else if (f.existing) {
    note = "existing (in the baseline)";
  } else if (f.severity != Severity::kError) {
    note = std::string(SeverityName(f.severity));
  }
  if (!f.hint.empty()) note += (note.empty() ? "" : "<br>") + Plain("hint: " + f.hint);
  return note;
}

void WriteFindingTables(const std::vector<const Finding*>& findings, const PairsByIdentity& pairs,
                        std::ostream& out) {
  const Finding* group = nullptr;
  for (const Finding* f : findings) {
    if (!group || !SameFilePair(*group, *f)) {
      if (group) out << "\n";
      out << FilePairHeading(*f, pairs) << "| Path | Kind | Values | Note | Id |\n|---|---|---|---|---|\n";
      group = f;
    }
    out << "| " << (f->path.empty() ? Plain(SubjectText(*f)) : Code(SubjectText(*f))) << " | "
        << Plain(f->KindName()) << " | " << ValuesCell(*f) << " | " << NoteCell(*f) << " | "
        << Code(f->id) << " |\n";
  }
}

void WriteSummaryTable(const Report& report, std::ostream& out) {
  out << "| Kind | Failing | Allowed | Existing | Other |\n|---|--:|--:|--:|--:|\n";
  for (FindingKind kind : AllFindingKinds()) {
    std::size_t failing = 0, allowed = 0, existing = 0, other = 0;
    for (const Finding& f : report.findings) {
      if (f.kind != kind) continue;
      if (f.failing()) ++failing;
      else if (f.allowed) ++allowed;
      else if (f.existing) ++existing;
      else ++other;
    }
    if (failing + allowed + existing + other == 0) continue;
    out << "| " << KindFamilyName(kind) << " | " << failing << " | " << allowed << " | "
        << existing << " | " << other << " |\n";
  }
}

std::string RevisionsLine(const Report& report) {
  std::string line;
  for (const EnvironmentRun& env : report.environments) {
    line += (line.empty() ? "" : " · ") + Plain(env.name) + " at " + Code(env.revision);
  }
  return line;
}

}  // namespace

void WriteMarkdown(const Report& report, std::ostream& out, const WriteOptions&) {
  const std::size_t failing = report.FailingCount();
  const std::string counts = CountsText(report);
  out << "### driftcheck: " << (failing > 0 ? "❌ " + std::to_string(failing) + " failing" : "✅ passing")
      << " · " << (counts.empty() ? "no drift" : counts) << " in " << report.file_pairs
      << " file pair" << (report.file_pairs == 1 ? "" : "s") << "\n\n";
  if (const std::string revisions = RevisionsLine(report); !revisions.empty()) {
    out << revisions << "\n\n";
  }
  if (report.findings.empty()) return;
  WriteSummaryTable(report, out);
  const PairsByIdentity pairs = IndexPairs(report);
  std::vector<const Finding*> blocking, rest;
  for (const Finding& f : report.findings) (f.failing() ? blocking : rest).push_back(&f);
  if (!blocking.empty()) {
    out << "\n";
    WriteFindingTables(blocking, pairs, out);
  }
  if (!rest.empty()) {
    out << "\n<details><summary>" << rest.size() << " allowed, existing or non-blocking finding"
        << (rest.size() == 1 ? "" : "s") << "</summary>\n\n";
    WriteFindingTables(rest, pairs, out);
    out << "\n</details>\n";
  }
}

}  // namespace driftcheck
