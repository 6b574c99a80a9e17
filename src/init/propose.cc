#include "init/propose.h"

#include <algorithm>
#include <set>

namespace driftcheck {
namespace {

// A YAML double-quoted string (paths may hold braces, which flow YAML reads).
std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string Findings(std::size_t n) { return std::to_string(n) + (n == 1 ? " finding" : " findings"); }

void WriteNormalize(const std::vector<NormalizeChoice>& choices, std::string& out) {
  if (choices.empty()) return;
  out += "    normalize:\n";
  bool lists_open = false;
  for (const NormalizeChoice& c : choices) {
    if (c.list) continue;
    out += "      " + c.key + ": " + c.value + "    # removes " + Findings(c.removes) + "\n";
  }
  for (const NormalizeChoice& c : choices) {
    if (!c.list) continue;
    if (!lists_open) out += "      lists:\n", lists_open = true;
    out += "        " + Quote(c.key) + ": " + c.value + "    # removes " + Findings(c.removes) + "\n";
  }
}

void WriteSource(const SourceProposal& p, std::string& out) {
  const ScannedSource& s = p.scanned;
  out += "  - name: " + s.name + "    # " + s.kind_note + "\n";
  if (!s.env_paths.empty()) {
    out += "    paths:\n";
    for (const auto& [env, path] : s.env_paths) out += "      " + env + ": " + Quote(path) + "\n";
  } else if (s.layers.size() == 1) {
    out += "    path: " + Quote(s.layers[0]) + "\n";
  } else {
    out += "    layers:\n";
    for (const std::string& layer : s.layers) out += "      - " + Quote(layer) + "\n";
  }
  if (!s.select.empty()) out += "    select: " + Quote(s.select) + "\n";
  if (!s.format.empty()) out += "    format: " + s.format + "\n";
  if (!s.compare_pair.empty()) out += "    compare: [[" + s.compare_pair[0] + ", " + s.compare_pair[1] + "]]\n";
  if (!p.schema.empty()) out += "    schema: " + Quote(p.schema) + "\n";
  WriteNormalize(p.normalize, out);
}

// The source's proposal as a one-source manifest, for measuring.
std::string OneSource(const ScanResult& scan, const SourceProposal& p) {
  return ManifestText(scan, {p});
}

std::size_t Failing(const std::optional<Report>& report) { return report ? report->FailingCount() : 0; }

// List paths among failing findings: `hosts[2]` -> `hosts`.
std::vector<std::string> ListPaths(const Report& report, const std::string& source) {
  std::set<std::string> paths;
  for (const Finding& f : report.findings) {
    if (f.source != source || !f.failing()) continue;
    const std::size_t bracket = f.path.find('[');
    if (bracket == std::string::npos || bracket == 0) continue;
    const std::size_t close = f.path.find(']', bracket);
    if (close == std::string::npos) continue;
    const std::string inside = f.path.substr(bracket + 1, close - bracket - 1);
    if (inside.empty() || !std::all_of(inside.begin(), inside.end(), ::isdigit)) continue;
    paths.insert(f.path.substr(0, bracket));
  }
  return {paths.begin(), paths.end()};
}

bool LeftAtList(const Report& report, const std::string& source, const std::string& list) {
  return std::any_of(report.findings.begin(), report.findings.end(), [&](const Finding& f) {
    return f.source == source && f.failing() && (f.path == list || f.path.starts_with(list + "["));
  });
}

bool IsProperties(const ScannedSource& s) {
  return std::any_of(s.layers.begin(), s.layers.end(), [](const std::string& l) { return l.ends_with(".properties"); });
}

}  // namespace

std::string ManifestText(const ScanResult& scan, const std::vector<SourceProposal>& sources) {
  std::string out = "# Proposed by 'driftcheck init'. Review it, then run 'driftcheck check'.\nversion: 1\nenvironments:\n";
  for (const ScannedEnvironment& env : scan.environments) {
    out += "  " + env.name + ":";
    if (env.aliases.empty()) {
      out += " {}\n";
    } else {
      out += " { aliases: [";
      for (std::size_t i = 0; i < env.aliases.size(); ++i) out += (i ? ", " : "") + Quote(env.aliases[i]);
      out += "] }\n";
    }
  }
  if (scan.compare.size() == 2) out += "compare: [[" + scan.compare[0] + ", " + scan.compare[1] + "]]\n";
  out += "sources:\n";
  if (sources.empty()) out += "  []\n";
  for (const SourceProposal& p : sources) WriteSource(p, out);
  return out;
}

std::vector<SourceProposal> ProposeNormalization(const ScanResult& scan, const SourceRunner& run) {
  std::vector<SourceProposal> out;
  for (const ScannedSource& scanned : scan.sources) {
    SourceProposal p{scanned, {}, "", 0, 0};
    const auto first = run(OneSource(scan, p), scanned.name);
    // A source that cannot run as proposed, or holds a file that does not
    // parse (every check would exit 2), is left out.
    if (!first || first->ExitCode() == 2) continue;
    p.failing_before = p.failing_after = first->FailingCount();
    std::optional<Report> current = first;
    // Tries one more setting; keeps it when it removes findings.
    auto attempt = [&](std::vector<NormalizeChoice> candidates) {
      if (p.failing_after == 0) return;
      std::optional<NormalizeChoice> best;
      std::optional<Report> best_report;
      for (NormalizeChoice& c : candidates) {
        SourceProposal trial = p;
        trial.normalize.push_back(c);
        auto report = run(OneSource(scan, trial), scanned.name);
        const std::size_t failing = Failing(report);
        if (!report || failing >= p.failing_after) continue;
        // A set list is right only where the items are the same in another
        // order: nothing may be left at the list (one-sided items are not that).
        if (c.list && LeftAtList(*report, scanned.name, c.key)) continue;
        if (best && p.failing_after - failing <= best->removes) continue;
        c.removes = p.failing_after - failing;
        best = c;
        best_report = std::move(report);
      }
      if (!best) return;
      p.normalize.push_back(*best);
      p.failing_after -= best->removes;
      current = std::move(best_report);
    };
    attempt({{"env_tokens", "optional", false, 0}, {"env_tokens", "keys", false, 0}});
    attempt({{"empty", "absent", false, 0}});
    if (IsProperties(scanned)) attempt({{"keys", "dotted", false, 0}});
    for (const std::string& path : ListPaths(*current, scanned.name)) attempt({{path, "set", true, 0}});
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace driftcheck
