// GitHub Actions workflow commands, and nothing else: each finding becomes
// an annotation on the file and line it points at
// (`::error file=…,line=…,col=…,title=…::message`). A failing finding is an
// error; a warning or note keeps its level; an allowed or existing finding is
// a notice, so it stays visible on the pull request without looking like a
// failure. An only-in finding of a subtree lists the subtree's keys.
//
// GitHub keeps at most 10 error, 10 warning and 10 notice annotations of a
// step. The first 10 errors and 10 warnings (and 8 notices) are annotated in
// report order; the rest are listed in one `::notice`, and the summary is the
// last `::notice`, so nothing is dropped without a word.

#include <map>

#include "finding/escape.h"
#include "path/path.h"
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

constexpr std::size_t kMaxSubtreeKeys = 20;

// The leaf paths of a subtree, relative to it ("host", "pool.size"), in
// document order; keys no report may print stay hidden.
void CollectKeys(const Value& v, const Path& at, std::vector<std::string>& keys) {
  if (v.is_map() && v.size() > 0) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v.key_hidden(i)) {
        keys.push_back(at.Key("<redacted>").ToString());
        continue;
      }
      CollectKeys(v.value(i), at.Key(v.key(i)), keys);
    }
  } else if (!at.empty()) {
    keys.push_back(at.ToString());
  }
}

// "keys: host, auth_token, ttl" for a subtree only one side has, capped.
std::string SubtreeKeysLine(const Finding& f) {
  if (f.kind != FindingKind::kOnlyIn) return "";
  const FindingSide& side = f.left.value.present() ? f.left : f.right;
  if (!side.value.shown() || !side.value.value().is_map()) return "";
  std::vector<std::string> keys;
  CollectKeys(side.value.value(), Path(), keys);
  if (keys.empty()) return "";
  std::string line = "keys: ";
  for (std::size_t i = 0; i < keys.size() && i < kMaxSubtreeKeys; ++i) line += (i ? ", " : "") + keys[i];
  if (keys.size() > kMaxSubtreeKeys) line += " and " + std::to_string(keys.size() - kMaxSubtreeKeys) + " more";
  return EscapeForDisplay(line);
}

std::string Message(const Finding& f) {
  std::string where = EscapeForDisplay(f.source);
  if (const std::string placeholders = PlaceholderText(f); !placeholders.empty()) {
    where += " " + EscapeForDisplay(placeholders);
  }
  std::string text = where + " " + EscapeForDisplay(SidesText(f)) + ": " + ProblemText(f);
  if (const std::string keys = SubtreeKeysLine(f); !keys.empty()) text += "\n" + keys;
  for (const std::string& line : DetailLines(f)) text += "\n" + line;
  return EscapeData(text);
}

// Per step, GitHub shows 10 annotations of each level; 2 notices are kept
// for the overflow list and the summary.
std::size_t Cap(std::string_view command) { return command == "notice" ? 8 : 10; }

constexpr std::size_t kMaxOverflowLines = 50;

std::string Plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// One line per finding left unannotated: "error services/api/production.yaml:4:14 changed: replicas".
std::string OverflowText(const std::vector<const Finding*>& left_out, std::map<std::string_view, std::size_t>& counts) {
  std::string what;
  for (std::string_view command : {"error", "warning", "notice"}) {
    if (counts[command] == 0) continue;
    what += (what.empty() ? "" : ", ") + Plural(counts[command], std::string(command));
  }
  std::string text = what + " not annotated (GitHub shows 10 of each per step); the full report "
                            "(--report sarif=FILE, or text) has them all:";
  for (std::size_t i = 0; i < left_out.size() && i < kMaxOverflowLines; ++i) {
    const Finding& f = *left_out[i];
    const Location& at = PrimarySide(f).location;
    text += "\n" + std::string(Command(f)) + " " +
            EscapeForDisplay(at.file().empty() ? f.source.str() : at.ToString()) + " " + f.KindName() + ": " +
            SubjectText(f);
    // One file compared in two pairs (test ↔ prod, dev ↔ prod) gives two lines: say which is which.
    const auto& [a, b] = f.pair_labels;
    if (!a.empty() && !b.empty() && a != b) text += " (" + EscapeForDisplay(a) + " ↔ " + EscapeForDisplay(b) + ")";
  }
  if (left_out.size() > kMaxOverflowLines) {
    text += "\nand " + std::to_string(left_out.size() - kMaxOverflowLines) + " more";
  }
  return text;
}

}  // namespace

void WriteGithub(const Report& report, std::ostream& out, const WriteOptions&) {
  std::map<std::string_view, std::size_t> annotated, held;
  std::vector<const Finding*> left_out;
  for (const Finding& f : report.findings) {
    const std::string_view command = Command(f);
    if (annotated[command] < Cap(command)) {
      ++annotated[command];
      out << "::" << command << " " << Properties(f) << "::" << Message(f) << "\n";
    } else {
      ++held[command];
      left_out.push_back(&f);
    }
  }
  if (!left_out.empty()) {
    out << "::notice title=" << EscapeProperty("driftcheck: " + Plural(left_out.size(), "more finding"))
        << "::" << EscapeData(OverflowText(left_out, held)) << "\n";
  }
  const std::string counts = CountsText(report);
  const std::string summary = "driftcheck: " + (counts.empty() ? std::string("no drift") : counts) + " · " +
                              Plural(report.file_pairs, "file pair") + " compared";
  out << "::notice title=driftcheck::" << EscapeData(summary) << "\n";
}

}  // namespace driftcheck
