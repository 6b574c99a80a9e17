// JUnit XML, as GitLab, Jenkins and most CI servers read it: one testsuite
// per source; in it, one failed testcase per failing finding, one skipped
// testcase per allowed or existing finding (with the rule's reason), and one
// passing testcase per file pair without failing findings, so the totals say
// how much was compared. Times are always 0: the report must be
// byte-identical across runs.

#include <algorithm>
#include <map>
#include <tuple>

#include "finding/escape.h"
#include "report/report_text.h"
#include "report/writer.h"

namespace driftcheck {
namespace {

// XML 1.0 allows only tab, newline and carriage return below U+0020, and
// neither U+FFFE nor U+FFFF; anything else (and invalid UTF-8) is written as
// visible \x escapes so the document stays well-formed whatever the input.
std::string XmlEscape(std::string_view s, bool attribute) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    char32_t code = 0;
    const std::size_t length = DecodeUtf8(s, i, code);
    const std::string_view piece = s.substr(i, std::max<std::size_t>(length, 1));
    i += std::max<std::size_t>(length, 1);
    if (length == 0) {
      out += EscapeForDisplay(piece);  // \xff
      continue;
    }
    const bool allowed_space = code == '\t' || code == '\n' || code == '\r';
    if ((code < 0x20 && !allowed_space) || code == 0x7F) {
      out += EscapeForDisplay(piece);  // \x1b
      continue;
    }
    if (code == 0xFFFE || code == 0xFFFF) {
      out += UnicodeEscape(code);
      continue;
    }
    switch (code) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      // An attribute's line breaks would be normalized to spaces by a reader.
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default: out.append(piece);
    }
  }
  return out;
}

std::string Attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + XmlEscape(value, true) + "\"";
}

struct Testcase {
  enum class Outcome { kPassed, kFailure, kError, kSkipped };
  std::string name;
  std::string classname;
  Outcome outcome = Outcome::kPassed;
  std::string message;  // one line: failure/error/skipped message
  std::string type;     // failure/error type: the finding's kind
  std::string body;     // failure/error text, or system-out for a passing note
};

struct Suite {
  std::vector<Testcase> cases;
  std::size_t Count(Testcase::Outcome outcome) const {
    return static_cast<std::size_t>(std::count_if(
        cases.begin(), cases.end(), [outcome](const Testcase& c) { return c.outcome == outcome; }));
  }
};

// Every finding about a rule, expiring ones included, goes to one suite.
bool IsRuleKind(FindingKind kind) {
  return kind == FindingKind::kRuleExpired || kind == FindingKind::kRuleExpiring ||
         kind == FindingKind::kRuleUnused;
}

std::string SuiteName(const Finding& f) { return IsRuleKind(f.kind) ? "allow rules" : f.source; }

// Jenkins reads "package.Class" from the classname: the source, then the file
// pair's placeholder values.
std::string Classname(const std::string& source, const FilePairRecord& pair) {
  std::string name = source;
  std::string values;
  for (const auto& [key, value] : pair.placeholders) values += (values.empty() ? "" : "/") + value;
  return values.empty() ? name : name + "." + values;
}

std::string PairName(const FilePairRecord& pair) {
  std::string name;
  for (const auto& [key, value] : pair.placeholders) name += key + "=" + value + " ";
  return name + pair.left_label + (pair.right_label.empty() ? "" : " ↔ " + pair.right_label);
}

FilePairRecord PairOf(const Finding& f) {
  return {f.source, f.placeholders, f.pair_labels.first, f.pair_labels.second, f.left.file,
          f.two_sided() ? f.right.file : ""};
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

Testcase FindingCase(const Finding& f) {
  const FilePairRecord pair = PairOf(f);
  Testcase c{EscapeForDisplay(PairName(pair)) + ": " + SubjectText(f),
             EscapeForDisplay(Classname(SuiteName(f), pair)), Testcase::Outcome::kPassed,
             f.KindName() + ": " + ProblemText(f), f.KindName(), JoinLines(DetailLines(f))};
  // GitLab shows the body more prominently than the message: it opens with it.
  if (!f.message.empty()) c.body = EscapeForDisplay(f.message) + "\n" + c.body;
  if (f.failing()) {
    // An unreadable file is not drift: the run could not compare it.
    c.outcome = f.kind == FindingKind::kInvalidFile ? Testcase::Outcome::kError
                                                    : Testcase::Outcome::kFailure;
  } else if (f.allowed) {
    c.outcome = Testcase::Outcome::kSkipped;
    c.message = "allowed by " + EscapeForDisplay(f.allowed->rule) + ": " +
                EscapeForDisplay(f.allowed->reason);
  } else if (f.existing) {
    c.outcome = Testcase::Outcome::kSkipped;
    c.message = "existing: already in the baseline";
  } else {
    c.name += " (" + std::string(SeverityName(f.severity)) + ")";  // a warning or note passes
  }
  return c;
}

using PairKey = std::tuple<std::string, std::string, std::string,
                           std::vector<std::pair<std::string, std::string>>>;

PairKey KeyOf(const FilePairRecord& p) {
  return {p.left_label, p.right_label, p.source, p.placeholders};
}

struct PairEntry {
  FilePairRecord pair;
  std::vector<const Finding*> findings;
  bool failing = false;
};

using SuitePairs = std::map<PairKey, PairEntry>;

// The listed pair a finding belongs to (the key is what BelongsTo compares);
// a finding of an unlisted pair (or about a rule) gets an entry of its own.
PairEntry& EntryFor(const Finding& f, SuitePairs& pairs) {
  const FilePairRecord own = PairOf(f);
  auto [it, inserted] = pairs.try_emplace(KeyOf(own));
  if (inserted) it->second.pair = own;
  return it->second;
}

std::vector<Testcase> SuiteCases(const std::string& name, const SuitePairs& pairs) {
  std::vector<Testcase> cases;
  for (const auto& [key, entry] : pairs) {
    for (const Finding* f : entry.findings) cases.push_back(FindingCase(*f));
    const bool about_rules = !entry.findings.empty() && IsRuleKind(entry.findings.front()->kind);
    if (!entry.failing && !about_rules) {
      cases.push_back({EscapeForDisplay(PairName(entry.pair)),
                       EscapeForDisplay(Classname(name, entry.pair)), Testcase::Outcome::kPassed,
                       "", "", ""});
    }
  }
  return cases;
}

// Suites by name; in each, file pairs in report order, each pair's findings
// in report order, then a passing testcase for a pair that has no failing one.
std::map<std::string, Suite> BuildSuites(const Report& report) {
  std::map<std::string, SuitePairs> by_suite;
  for (const FilePairRecord& pair : report.pairs) by_suite[pair.source][KeyOf(pair)].pair = pair;
  for (const Finding& f : report.findings) {
    PairEntry& entry = EntryFor(f, by_suite[SuiteName(f)]);
    entry.findings.push_back(&f);
    entry.failing = entry.failing || f.failing();
  }
  std::map<std::string, Suite> suites;
  for (const auto& [name, pairs] : by_suite) suites[name].cases = SuiteCases(name, pairs);
  return suites;
}

void WriteCase(const Testcase& c, std::ostream& out) {
  out << "    <testcase" << Attr("name", c.name) << Attr("classname", c.classname)
      << Attr("time", "0");
  using Outcome = Testcase::Outcome;
  if (c.outcome == Outcome::kPassed && c.body.empty()) {
    out << "/>\n";
    return;
  }
  out << ">\n";
  if (c.outcome == Outcome::kSkipped) {
    out << "      <skipped" << Attr("message", c.message) << "/>\n";
  } else if (c.outcome == Outcome::kPassed) {
    out << "      <system-out>" << XmlEscape(c.body, false) << "</system-out>\n";
  } else {
    const char* element = c.outcome == Outcome::kError ? "error" : "failure";
    out << "      <" << element << Attr("message", c.message) << Attr("type", c.type) << ">"
        << XmlEscape(c.body, false) << "</" << element << ">\n";
  }
  out << "    </testcase>\n";
}

std::string Totals(std::size_t tests, std::size_t failures, std::size_t errors, std::size_t skipped) {
  return Attr("tests", std::to_string(tests)) + Attr("failures", std::to_string(failures)) +
         Attr("errors", std::to_string(errors)) + Attr("skipped", std::to_string(skipped)) +
         Attr("time", "0");
}

void WriteProperties(const Report& report, std::ostream& out) {
  if (report.environments.empty()) return;
  out << "    <properties>\n";
  for (const EnvironmentRun& env : report.environments) {
    out << "      <property" << Attr("name", EscapeForDisplay(env.name) + ".revision")
        << Attr("value", EscapeForDisplay(env.revision)) << "/>\n";
  }
  out << "    </properties>\n";
}

}  // namespace

void WriteJunit(const Report& report, std::ostream& out, const WriteOptions&) {
  using Outcome = Testcase::Outcome;
  const std::map<std::string, Suite> suites = BuildSuites(report);
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  for (const auto& [name, suite] : suites) {
    tests += suite.cases.size();
    failures += suite.Count(Outcome::kFailure);
    errors += suite.Count(Outcome::kError);
    skipped += suite.Count(Outcome::kSkipped);
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites" << Attr("name", "driftcheck") << Totals(tests, failures, errors, skipped)
      << ">\n";
  for (const auto& [name, suite] : suites) {
    out << "  <testsuite" << Attr("name", EscapeForDisplay(name))
        << Totals(suite.cases.size(), suite.Count(Outcome::kFailure), suite.Count(Outcome::kError),
                  suite.Count(Outcome::kSkipped))
        << ">\n";
    WriteProperties(report, out);
    for (const Testcase& c : suite.cases) WriteCase(c, out);
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace driftcheck
