#include "engine/evaluate.h"

#include <algorithm>

#include "engine/findings.h"
#include "normalize/normalize.h"

namespace driftcheck {
namespace {

FilePairRecord RecordOf(const PairTask& task) {
  const FilePair& pair = task.pair;
  return {pair.source->name,
          {pair.placeholders.begin(), pair.placeholders.end()},
          task.comparison.left.label,
          task.comparison.right.label,
          pair.left.present ? pair.left.layers.front() : "",
          pair.right.present ? pair.right.layers.front() : ""};
}

bool SelectIsSecret(const Source& source, const SecretMatcher& secrets) {
  return std::any_of(source.select.begin(), source.select.end(),
                     [&](const std::string& key) { return secrets.IsSecretKey(key); });
}

// One environment read against itself at one revision: one load serves both sides.
bool SameSide(const PairTask& task) {
  const Comparison& c = task.comparison;
  return c.left.env == c.right.env && c.left.tree == c.right.tree &&
         task.pair.left.layers == task.pair.right.layers;
}

}  // namespace

Evaluator::Evaluator(const Manifest& manifest, const LoadLimits& limits, bool trace)
    : secrets_(manifest.secret_keys), report_same_secret_(manifest.report_same_secret), trace_(trace) {
  context_.cache = &cache_;
  context_.limits = limits;
  context_.secrets = &secrets_;
}

LoadedSide Evaluator::Load(const PairTask& task, bool left, PairResult& result) const {
  const SideSpec& spec = left ? task.comparison.left : task.comparison.right;
  LoadedSide side = LoadSide(*task.pair.source, left ? task.pair.left : task.pair.right, *spec.env,
                             *spec.tree, context_);
  result.read.insert(result.read.end(), side.read.begin(), side.read.end());
  return side;
}

PairResult Evaluator::Evaluate(const PairTask& task) const {
  return task.one_sided ? EvaluateSide(task) : EvaluatePair(task);
}

PairResult Evaluator::EvaluatePair(const PairTask& task) const {
  PairResult result;
  result.record = RecordOf(task);
  if (trace_) result.trace.emplace();
  const Source& source = *task.pair.source;
  const Comparison& c = task.comparison;
  FindingBuilder builder(task.pair, c.left, c.right, secrets_, report_same_secret_, result.findings);
  LoadedSide left = Load(task, true, result);
  LoadedSide right = SameSide(task) ? left : Load(task, false, result);
  for (const LayerGap& gap : task.layer_gaps) builder.AddLayerMissing(gap.layer, gap.missing_on_left, gap.nearest);
  for (const LoadWarning& w : left.warnings) builder.AddLoadWarning(w, true);
  for (const LoadWarning& w : right.warnings) builder.AddLoadWarning(w, false);
  if (left.invalid) builder.AddInvalidFile(left, true);
  if (right.invalid) builder.AddInvalidFile(right, false);
  if (left.invalid || right.invalid) {
    result.selected = true;  // compared less: the exit code says so
    return result;
  }
  for (const auto& problem : NormalizeSide(source, *c.left.env, left)) builder.AddProblem(problem, true);
  for (const auto& problem : NormalizeSide(source, *c.right.env, right)) builder.AddProblem(problem, false);
  const auto policy = PolicyFor(source);
  const SecretKeyPolicy secret_policy(*policy, secrets_, SelectIsSecret(source, secrets_));
  builder.Compare(left, right, secret_policy);
  result.selected = left.present || right.present;
  return result;
}

PairResult Evaluator::EvaluateSide(const PairTask& task) const {
  PairResult result;
  result.record = RecordOf(task);
  if (trace_) result.trace.emplace();
  const Comparison& c = task.comparison;
  FindingBuilder builder(task.pair, c.left, c.right, secrets_, report_same_secret_, result.findings);
  LoadedSide side = Load(task, true, result);
  for (const LoadWarning& w : side.warnings) builder.AddLoadWarning(w, true);
  if (side.invalid) {
    builder.AddInvalidFile(side, true);
    result.selected = true;
    return result;
  }
  for (const auto& problem : NormalizeSide(*task.pair.source, *c.left.env, side)) builder.AddProblem(problem, true);
  result.selected = side.present;
  return result;
}

}  // namespace driftcheck
