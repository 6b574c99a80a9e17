// The human report: findings grouped by file pair, each side's value and
// location aligned, one summary line last. Quiet when all is well: then the
// summary is the only line.

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "finding/escape.h"
#include "report/report_text.h"
#include "report/writer.h"

namespace driftcheck {
namespace {

constexpr std::size_t kValueColumnCap = 40;  // wider values push the location out

class Style {
 public:
  explicit Style(bool color) : color_(color) {}
  std::string Bold(std::string_view s) const { return Paint(s, "1"); }
  std::string Dim(std::string_view s) const { return Paint(s, "2"); }
  std::string Red(std::string_view s) const { return Paint(s, "31"); }
  std::string Green(std::string_view s) const { return Paint(s, "32"); }
  std::string Yellow(std::string_view s) const { return Paint(s, "33"); }

 private:
  std::string Paint(std::string_view s, std::string_view code) const {
    if (!color_ || s.empty()) return std::string(s);
    return "\x1b[" + std::string(code) + "m" + std::string(s) + "\x1b[0m";
  }
  bool color_;
};

// Keys, file names and paths come from the repository: a control byte in one
// must not drive the terminal, and an invisible one must not hide a
// difference, so both are shown escaped.
std::string Printable(std::string_view s) { return EscapeForDisplay(s); }

// Columns on screen: code points, not bytes (values may hold UTF-8 text).
std::size_t DisplayWidth(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string PadTo(std::string s, std::size_t width) {
  const std::size_t shown = DisplayWidth(s);
  if (shown < width) s.append(width - shown, ' ');
  return s;
}

std::string Counted(std::size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

bool SameGroup(const Finding& a, const Finding& b) {
  return std::tie(a.source, a.placeholders, a.document, a.pair_labels) ==
         std::tie(b.source, b.placeholders, b.document, b.pair_labels);
}

// ---- Group header -----------------------------------------------------------

std::string GroupTitle(const Finding& f, const Style& style) {
  std::string line = style.Bold(Printable(f.source));
  for (const auto& [name, value] : f.placeholders) line += "  " + Printable(name + "=" + value);
  if (!f.document.empty()) line += "  document=" + Printable(f.document);
  const auto& [left, right] = f.pair_labels;
  if (right.empty() || right == left) return left.empty() ? line : line + "  " + Printable(left);
  return line + "  " + Printable(left) + " ↔ " + Printable(right);
}

std::string SideFile(const std::string& file) { return file.empty() ? "(missing)" : Printable(file); }

// One file for both sides is named once.
std::string GroupFilesText(const Finding& f, const PairsByIdentity& pairs) {
  const auto [left, right] = GroupFiles(f, pairs);
  if (left == right) return SideFile(left);
  return SideFile(left) + " ↔ " + SideFile(right);
}

void WriteGroupHeader(const Finding& f, const PairsByIdentity& pairs, std::ostream& out,
                      const Style& style) {
  out << GroupTitle(f, style) << "\n  " << GroupFilesText(f, pairs) << "\n";
}

// ---- One finding ------------------------------------------------------------

std::string PaintedKind(const Finding& f, const Style& style) {
  const bool structural = f.kind == FindingKind::kOnlyIn || f.kind == FindingKind::kFileMissing;
  return structural ? style.Red(Printable(f.KindName())) : style.Yellow(Printable(f.KindName()));
}

std::string FindingTitle(const Finding& f, const Style& style) {
  // A whole-file (or whole-document) finding has no path to paste; a word holds its place.
  const std::string placeholder = f.document.empty() ? "(file)" : "(document)";
  std::string line = "  " + (f.path.empty() ? placeholder : style.Bold(Printable(f.path)));
  line += "  " + PaintedKind(f, style);
  if (f.severity != Severity::kError) line += " (" + std::string(SeverityName(f.severity)) + ")";
  if (f.allowed) line += "  " + style.Green("allowed by " + Printable(f.allowed->rule));
  if (f.existing) line += "  " + style.Green("existing");
  if (!f.id.empty()) line += "  " + style.Dim("[" + f.id + "]");
  return line;
}

void WriteSide(const FindingSide& side, const std::string& value, std::size_t env_width,
               std::size_t value_width, std::ostream& out, const Style& style) {
  out << "    " << PadTo(Printable(side.label), env_width) << "  ";
  const std::string where = side.location.file().empty() ? "" : side.location.ToString();
  if (where.empty()) {
    out << value << "\n";  // no trailing blanks when there is nothing to align
    return;
  }
  out << PadTo(value, value_width) << "  " << style.Dim(Printable(where)) << "\n";
}

void WriteLineDiff(const std::vector<std::string>& diff, std::ostream& out, const Style& style) {
  for (const std::string& line : diff) {
    const bool removed = line.starts_with("-"), added = line.starts_with("+");
    out << "    " << (removed ? style.Red(line) : added ? style.Green(line) : style.Dim(line)) << "\n";
  }
}

void WriteFinding(const Finding& f, std::ostream& out, const Style& style) {
  const ShownPair shown = ShowValues(f);
  const std::string left = Printable(shown.left), right = Printable(shown.right);
  const std::size_t env_width = std::max(DisplayWidth(f.left.label), DisplayWidth(f.right.label));
  const std::size_t value_width =
      std::min(std::max(DisplayWidth(left), DisplayWidth(right)), kValueColumnCap);
  out << "\n" << FindingTitle(f, style) << "\n";
  if (!f.message.empty()) out << "    " << Printable(f.message) << "\n";
  // A finding about one side's file whose value is not shown (an invalid
  // file, a rule) is its message and location; "(present)" would be noise.
  if (!f.two_sided() && !f.left.value.shown() && !f.left.value.redacted()) {
    if (!f.left.location.file().empty()) {
      // Which side, when the group names two: "production  file:line:col".
      const std::string side = f.left.label.empty() ? "" : Printable(f.left.label) + "  ";
      out << "    " << side << style.Dim(Printable(f.left.location.ToString())) << "\n";
    }
  } else {
    WriteSide(f.left, left, env_width, value_width, out, style);
    if (f.two_sided()) WriteSide(f.right, right, env_width, value_width, out, style);
    WriteLineDiff(shown.line_diff, out, style);
  }
  if (!f.hint.empty()) out << "    " << style.Dim("hint: " + Printable(f.hint)) << "\n";
  if (f.allowed) {
    // Accountability on the page: why it is allowed, who owns it, until when.
    std::string line = "allowed: " + f.allowed->reason + " (owner " + f.allowed->owner;
    if (!f.allowed->ticket.empty()) line += ", " + f.allowed->ticket;
    if (!f.allowed->expires.empty()) line += ", until " + f.allowed->expires;
    out << "    " << style.Green(Printable(line + ")")) << "\n";
  }
}

// ---- Summary ----------------------------------------------------------------

// The full SHA: a pre-deploy log must say exactly which commits were compared.
std::string RevisionOf(const Report& report, const std::string& env) {
  for (const EnvironmentRun& run : report.environments) {
    if (run.name == env) return run.revision;
  }
  return "";
}

std::string WithRevision(const std::string& name, const std::string& revision) {
  return revision.empty() ? name : name + " " + revision;
}

// "staging SHA ↔ production SHA", or "staging ↔ production at SHA" when
// both read the same revision (the common `--rev HEAD`).
std::string PairText(const Report& report, const std::string& left, const std::string& right) {
  const std::string l = RevisionOf(report, left), r = RevisionOf(report, right);
  // One environment on its own (validate): "staging at SHA".
  if (left == right) return WithRevision(Printable(left), l.empty() ? "" : "at " + l);
  if (l == r) {
    return WithRevision(Printable(left) + " ↔ " + Printable(right), l.empty() ? "" : "at " + l);
  }
  return WithRevision(Printable(left), l) + " ↔ " + WithRevision(Printable(right), r);
}

std::string ComparedPairs(const Report& report) {
  std::string text;
  for (const auto& [left, right] : report.compared) {
    text += (text.empty() ? "" : ", ") + PairText(report, left, right);
  }
  return text;
}

std::size_t ListedPairsWithFindings(const Report& report) {
  std::set<PairIdentity> with_findings;
  for (const Finding& f : report.findings) with_findings.insert(IdentityOf(f));
  return static_cast<std::size_t>(
      std::count_if(report.pairs.begin(), report.pairs.end(),
                    [&](const FilePairRecord& pair) { return with_findings.contains(IdentityOf(pair)); }));
}

bool AboutRules(const Finding& f) {
  return f.kind == FindingKind::kRuleExpired || f.kind == FindingKind::kRuleExpiring ||
         f.kind == FindingKind::kRuleUnused;
}

std::size_t FilePairsWithFindings(const Report& report) {
  if (!report.pairs.empty()) return ListedPairsWithFindings(report);
  using FilePairKey = std::tuple<std::string, std::string, std::string,
                                 std::vector<std::pair<std::string, std::string>>>;
  std::set<FilePairKey> pairs;
  for (const Finding& f : report.findings) {
    if (AboutRules(f) || f.severity == Severity::kNote) continue;
    pairs.emplace(f.pair_labels.first, f.pair_labels.second, f.source, f.placeholders);
  }
  return pairs.size();
}

std::string Verdict(const Report& report) {
  const std::size_t pairs = report.file_pairs;
  if (report.validation) {
    if (report.findings.empty()) return "no schema violation in " + Counted(pairs, "file") + " read";
    return CountsText(report) + " in " + std::to_string(FilePairsWithFindings(report)) + " of " +
           Counted(pairs, "file") + " read";
  }
  if (report.findings.empty()) return "no drift in " + Counted(pairs, "file pair");
  const std::size_t with_findings = FilePairsWithFindings(report);
  // Only rule findings (an expired rule): no file pair has anything to say.
  if (with_findings == 0) return CountsText(report) + " · no drift in " + Counted(pairs, "file pair");
  return CountsText(report) + " in " + std::to_string(with_findings) + " of " +
         Counted(pairs, "file pair");
}

void WriteSummary(const Report& report, std::ostream& out, const Style& style) {
  std::string line = Verdict(report);
  if (const std::string pairs = ComparedPairs(report); !pairs.empty()) line += " · " + pairs;
  out << (report.ExitCode() == 0 ? style.Green(line) : style.Red(line)) << "\n";
}

}  // namespace

// `validate` prints what a compiler prints: one line per violation,
// `file:line:col: path: expected X, found Y`, then its hint, if any.
void WriteViolationLines(const Report& report, std::ostream& out) {
  for (const Finding& f : report.findings) {
    const FindingSide& side = PrimarySide(f);
    std::string line = side.location.file().empty() ? f.source.str() : side.location.ToString();
    if (!f.path.empty()) line += ": " + f.path;
    out << EscapeForDisplay(line) << ": " << ProblemText(f) << "\n";
    if (!f.hint.empty()) out << "  hint: " << EscapeForDisplay(f.hint) << "\n";
  }
}

void WriteText(const Report& report, std::ostream& out, const WriteOptions& options) {
  const Style style(options.color);
  if (report.validation) {
    WriteViolationLines(report, out);
    WriteSummary(report, out, style);
    return;
  }
  const PairsByIdentity pairs = IndexPairs(report);
  const Finding* group = nullptr;
  for (const Finding& finding : report.findings) {
    if (options.hide_accepted && (finding.allowed || finding.existing)) continue;
    if (!group || !SameGroup(*group, finding)) {
      if (group) out << "\n";
      WriteGroupHeader(finding, pairs, out, style);
      group = &finding;
    }
    WriteFinding(finding, out, style);
  }
  if (group) out << "\n";
  WriteSummary(report, out, style);
}

}  // namespace driftcheck
