#include "report/explain_writer.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "finding/escape.h"
#include "report/report_text.h"

namespace driftcheck {
namespace {

std::string P(const std::string& s) { return EscapeForDisplay(s); }

std::string Label(const char* label) {
  std::string out = label;
  out.resize(12, ' ');
  return "    " + out;
}

std::string ValueLine(const ExplainedValue& v) {
  return P(v.text) + (v.location.empty() ? "" : "  " + P(v.location));
}

void WriteSide(const ExplainedSide& side, std::ostream& out) {
  out << "  " << P(side.label);
  if (!side.file.empty()) out << "  " << P(side.file);
  out << "  at " << P(side.revision.substr(0, side.revision == "worktree" ? std::string::npos : 12)) << "\n";
  if (!side.problem.empty()) out << Label("problem") << P(side.problem) << "\n";
  out << Label("raw") << ValueLine(side.raw) << "\n";
  for (std::size_t i = 0; i < side.layers.size(); ++i) {
    const bool last = i + 1 == side.layers.size();
    out << (i ? Label("") : Label("layers")) << ValueLine(side.layers[i].value)
        << (last ? "  (sets it)" : "  (overridden)") << "\n";
  }
  for (const ExplainedStep& step : side.steps) {
    out << Label("step") << P(step.what) << " (" << P(step.by) << ")";
    out << "\n" << Label("") << P(step.before) << " → " << P(step.after);
    out << (step.path.empty() ? "" : "  at " + P(step.path)) << "\n";
  }
  out << Label("normalized") << P(side.normalized.text) << "\n";
}

nlohmann::json ValueJson(const ExplainedValue& v) {
  return {{"present", v.present}, {"value", P(v.text)}, {"location", P(v.location)}};
}

}  // namespace

void WriteExplainText(const std::string& path, const std::vector<Explanation>& explanations, std::ostream& out) {
  bool first = true;
  for (const Explanation& e : explanations) {
    if (!first) out << "\n";
    first = false;
    std::string header = P(path) + "  " + P(e.source);
    for (const auto& [name, value] : e.placeholders) header += "  " + P(name) + "=" + P(value);
    if (!e.document.empty()) header += "  document=" + P(e.document);
    out << header << "\n";
    for (const ExplainedSide& side : e.sides) WriteSide(side, out);
    for (std::size_t i = 0; i < e.verdicts.size(); ++i) {
      const ExplainedVerdict& v = e.verdicts[i];
      const std::string text = P(v.text) + (v.finding_id.empty() ? "" : "  [" + v.finding_id + "]");
      out << WrapWords(text, i ? "           " : "  verdict  ", "           ") << "\n";
    }
  }
}

void WriteExplainJson(const std::string& path, const std::vector<Explanation>& explanations, std::ostream& out) {
  nlohmann::json doc;
  doc["tool"] = {{"name", "driftcheck"}, {"version", DRIFTCHECK_VERSION}};
  doc["path"] = P(path);
  doc["explanations"] = nlohmann::json::array();
  for (const Explanation& e : explanations) {
    nlohmann::json placeholders = nlohmann::json::object();
    for (const auto& [name, value] : e.placeholders) placeholders[name] = P(value);
    nlohmann::json sides = nlohmann::json::array();
    for (const ExplainedSide& side : e.sides) {
      nlohmann::json layers = nlohmann::json::array();
      for (const ExplainedLayer& layer : side.layers) {
        layers.push_back({{"file", P(layer.file)}, {"value", ValueJson(layer.value)}});
      }
      nlohmann::json steps = nlohmann::json::array();
      for (const ExplainedStep& step : side.steps) {
        steps.push_back({{"path", P(step.path)}, {"what", step.what}, {"by", step.by},
                         {"before", P(step.before)}, {"after", P(step.after)}});
      }
      sides.push_back({{"label", P(side.label)}, {"environment", P(side.env)}, {"revision", side.revision},
                       {"file", P(side.file)}, {"problem", P(side.problem)}, {"secret", side.secret},
                       {"raw", ValueJson(side.raw)}, {"layers", layers}, {"steps", steps},
                       {"normalized", ValueJson(side.normalized)}});
    }
    nlohmann::json verdicts = nlohmann::json::array();
    for (const ExplainedVerdict& v : e.verdicts) {
      verdicts.push_back({{"verdict", v.verdict}, {"text", P(v.text)}, {"finding_id", v.finding_id},
                          {"finding_path", P(v.finding_path)}});
    }
    doc["explanations"].push_back({{"source", e.source}, {"placeholders", placeholders},
                                   {"document", P(e.document)}, {"sides", sides}, {"verdicts", verdicts}});
  }
  out << doc.dump(2) << "\n";
}

}  // namespace driftcheck
