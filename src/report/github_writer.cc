// GitHub Actions workflow commands: each finding becomes an annotation on the
// file and line it points at (`::error file=…,line=…,col=…,title=…::message`).
// A failing finding is an error; a warning or note keeps its level; an
// allowed or existing finding is a notice, so it stays visible on the pull
// request without looking like a failure. The summary line comes last, as
// plain log text.

#include "finding/escape.h"
#include "report/report_text.h"
#include "report/writer.h"

namespace driftcheck {
namespace {

// The workflow-command escapes for a message: a raw newline would end the
// command and let config text start a command of its own.
std::string EscapeData(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

// A property value also must not end its property (',') or the property list (':').
std::string EscapeProperty(std::string_view s) {
  std::string out;
  for (char c : EscapeData(s)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view Command(const Finding& f) {
  if (f.allowed || f.existing) return "notice";
  switch (f.severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "notice";
  }
  return "error";
}

std::string Properties(const Finding& f) {
  std::string props;
  const Location& at = PrimarySide(f).location;
  if (!at.file().empty()) {
    props += "file=" + EscapeProperty(EscapeForDisplay(at.file()));
    if (at.line > 0) props += ",line=" + std::to_string(at.line);
    if (at.column > 0) props += ",col=" + std::to_string(at.column);
    props += ",";
  }
  std::string title = "driftcheck " + f.KindName() + ": " + SubjectText(f);
  if (f.allowed) title += " (allowed)";
  else if (f.existing) title += " (existing)";
  return props + "title=" + EscapeProperty(EscapeForDisplay(title));
}

std::string Message(const Finding& f) {
  std::string where = EscapeForDisplay(f.source);
  if (const std::string placeholders = PlaceholderText(f); !placeholders.empty()) {
    where += " " + EscapeForDisplay(placeholders);
  }
  std::string text = where + " " + EscapeForDisplay(SidesText(f)) + ": " + ProblemText(f);
  for (const std::string& line : DetailLines(f)) text += "\n" + line;
  return EscapeData(text);
}

}  // namespace

void WriteGithub(const Report& report, std::ostream& out, const WriteOptions&) {
  for (const Finding& f : report.findings) {
    out << "::" << Command(f) << " " << Properties(f) << "::" << Message(f) << "\n";
  }
  const std::string counts = CountsText(report);
  out << "driftcheck: "
      << (counts.empty() ? "no drift" : counts) << " · " << report.file_pairs << " file pair"
      << (report.file_pairs == 1 ? "" : "s") << " compared\n";
}

}  // namespace driftcheck
