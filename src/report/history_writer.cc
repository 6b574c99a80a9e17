// `driftcheck history` as text (a drift per block, its life one line per
// event, fitted to 80 columns), JSON (for scripts) and Markdown (for a
// pull-request comment or a job summary).

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "finding/escape.h"
#include "report/history_writer.h"
#include "report/report_text.h"

namespace driftcheck {
namespace {

constexpr std::size_t kColumns = 80;

std::string Short(const std::string& sha) { return sha.substr(0, 7); }
std::string Day(const std::string& date) { return date.substr(0, 10); }

std::size_t Columns(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Cuts a line to `columns` code points with "…", never inside a character.
std::string Fit(const std::string& line, std::size_t columns = kColumns) {
  if (Columns(line) <= columns) return line;
  std::size_t kept = 0, i = 0;
  while (i < line.size() && kept + 1 < columns) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
    ++kept;
  }
  return line.substr(0, i) + "…";
}

// Lives of one file pair together, each pair's in path order, then in time.
std::vector<const DriftLife*> Ordered(const History& history) {
  std::vector<const DriftLife*> out;
  for (const DriftLife& life : history.lives) out.push_back(&life);
  std::stable_sort(out.begin(), out.end(), [](const DriftLife* a, const DriftLife* b) {
    const Finding &x = a->finding, &y = b->finding;
    return std::tie(x.source, x.placeholders, x.pair_labels, x.document, x.path, a->appeared) <
           std::tie(y.source, y.placeholders, y.pair_labels, y.document, y.path, b->appeared);
  });
  return out;
}

bool SameFilePair(const Finding& a, const Finding& b) {
  return std::tie(a.source, a.placeholders, a.pair_labels) == std::tie(b.source, b.placeholders, b.pair_labels);
}

std::string CommitLine(const std::string& what, const HistoryCommit& c) {
  std::string label = what;
  label.resize(std::max<std::size_t>(label.size(), 11), ' ');
  return Fit("    " + label + "  " + Short(c.sha) + "  " + Day(c.date) + "  " + EscapeForDisplay(c.author) + "  " +
             EscapeForDisplay(c.subject));
}

std::size_t OpenCount(const History& history) {
  return static_cast<std::size_t>(
      std::count_if(history.lives.begin(), history.lives.end(), [](const DriftLife& l) { return !l.disappeared; }));
}

std::string Counted(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string RangeText(const History& history) {
  if (history.commits.empty()) return "no commits";
  return Short(history.commits.front().sha) + ".." + Short(history.commits.back().sha);
}

std::string Summary(const History& history) {
  const std::size_t open = OpenCount(history);
  std::string line = history.lives.empty() ? "no drift" : Counted(history.lives.size(), "drift") + " (" +
                                                              std::to_string(open) + " open)";
  line += " in " + Counted(history.commits.size(), "commit") + " " + RangeText(history) + " · " +
          std::to_string(history.evaluated) + " evaluated";
  return line;
}

nlohmann::json CommitJson(const HistoryCommit& c) {
  return {{"sha", c.sha}, {"short", Short(c.sha)}, {"author", EscapeForDisplay(c.author)},
          {"date", c.date}, {"subject", EscapeForDisplay(c.subject)}};
}

// Markdown table cells: repository text with the characters tables and HTML read escaped.
std::string Cell(std::string_view s) {
  std::string out;
  for (char c : EscapeForDisplay(s)) {
    switch (c) {
      case '|': out += "\\|"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '`': out += "\\`"; break;
      case '*': out += "\\*"; break;
      case '_': out += "\\_"; break;
      case '[': out += "\\["; break;
      case ']': out += "\\]"; break;
      default: out += c;
    }
  }
  return out;
}

std::string CommitCell(const HistoryCommit& c) {
  return "`" + Short(c.sha) + "` " + Day(c.date) + " " + Cell(c.author) + ": " + Cell(c.subject);
}

}  // namespace

void WriteHistoryText(const History& history, std::ostream& out, bool color) {
  auto paint = [&](const std::string& s, const char* code) {
    return color ? "\x1b[" + std::string(code) + "m" + s + "\x1b[0m" : s;
  };
  const Finding* group = nullptr;
  for (const DriftLife* life : Ordered(history)) {
    const Finding& f = life->finding;
    if (!group || !SameFilePair(*group, f)) {
      if (group) out << "\n";
      std::string header = f.source;
      if (const std::string p = PlaceholderText(f); !p.empty()) header += "  " + p;
      header += "  " + PairText(f);
      out << paint(Fit(EscapeForDisplay(header)), "1") << "\n";
      group = &f;
    }
    out << Fit("  " + EscapeForDisplay(SubjectText(f)) + "  " + f.KindName() + "  [" + f.id + "]") << "\n";
    const HistoryCommit& appeared = history.commits[life->appeared];
    out << CommitLine(life->before_range ? "present at" : "appeared", appeared) << "\n";
    if (life->disappeared) {
      out << paint(CommitLine("fixed", history.commits[*life->disappeared]), "32") << "\n";
    } else {
      out << paint("    open", "31") << "\n";
    }
  }
  if (group) out << "\n";
  for (const std::string& note : history.notes) out << WrapWords(EscapeForDisplay(note), "note: ", "      ") << "\n";
  out << paint(Summary(history), OpenCount(history) ? "31" : "32") << "\n";
}

void WriteHistoryJson(const History& history, std::ostream& out) {
  nlohmann::json doc;
  doc["tool"] = {{"name", "driftcheck"}, {"version", history.tool_version}};
  doc["commits"] = {{"walked", history.commits.size()}, {"evaluated", history.evaluated}};
  if (!history.commits.empty()) {
    doc["commits"]["oldest"] = CommitJson(history.commits.front());
    doc["commits"]["newest"] = CommitJson(history.commits.back());
  }
  doc["drifts"] = nlohmann::json::array();
  for (const DriftLife* life : Ordered(history)) {
    const Finding& f = life->finding;
    nlohmann::json placeholders = nlohmann::json::object();
    for (const auto& [name, value] : f.placeholders) placeholders[name] = EscapeForDisplay(value);
    nlohmann::json drift = {{"id", f.id},
                            {"kind", f.KindName()},
                            {"source", f.source},
                            {"placeholders", placeholders},
                            {"document", EscapeForDisplay(f.document)},
                            {"path", EscapeForDisplay(f.path)},
                            {"sides", {f.pair_labels.first, f.pair_labels.second}},
                            {"appeared", CommitJson(history.commits[life->appeared])},
                            {"before_range", life->before_range},
                            {"open", !life->disappeared}};
    drift["disappeared"] =
        life->disappeared ? CommitJson(history.commits[*life->disappeared]) : nlohmann::json(nullptr);
    doc["drifts"].push_back(std::move(drift));
  }
  doc["notes"] = history.notes;
  doc["summary"] = {{"drifts", history.lives.size()}, {"open", OpenCount(history)}};
  out << doc.dump(2) << "\n";
}

void WriteHistoryMarkdown(const History& history, std::ostream& out) {
  out << "### driftcheck history: " << Cell(Summary(history)) << "\n\n";
  if (!history.lives.empty()) {
    // The compared pair has a column of its own: staging compared with
    // production and with qa opens a life in each, alike but for it.
    out << "| drift | sides | kind | appeared | fixed |\n|---|---|---|---|---|\n";
    for (const DriftLife* life : Ordered(history)) {
      const Finding& f = life->finding;
      std::string what = Cell(f.source);
      if (const std::string p = PlaceholderText(f); !p.empty()) what += " " + Cell(p);
      what += " " + Cell(SubjectText(f)) + " (" + f.id + ")";
      const std::string appeared =
          (life->before_range ? "at or before " : "") + CommitCell(history.commits[life->appeared]);
      const std::string fixed = life->disappeared ? CommitCell(history.commits[*life->disappeared]) : "**open**";
      out << "| " << what << " | " << Cell(PairText(f)) << " | " << f.KindName() << " | " << appeared << " | " << fixed
          << " |\n";
    }
    out << "\n";
  }
  for (const std::string& note : history.notes) out << "> " << Cell(note) << "\n";
}

}  // namespace driftcheck
