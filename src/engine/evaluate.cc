#include "engine/evaluate.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "engine/findings.h"
#include "normalize/normalize.h"

namespace driftcheck {

FilePairRecord RecordOf(const PairTask& task) {
  const FilePair& pair = task.pair;
  return {pair.source->name,
          {pair.placeholders.begin(), pair.placeholders.end()},
          task.comparison.left.label,
          task.comparison.right.label,
          pair.left.present ? pair.left.layers.front() : "",
          pair.right.present ? pair.right.layers.front() : ""};
}

namespace {

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

// `location` as read from the other side's file at the same layer.
Location Moved(const Location& location, const std::map<std::string, std::string>& renames) {
  const auto it = renames.find(location.file());
  if (it == renames.end()) return location;
  return Location{MakeOrigin(it->second), location.line, location.column};
}

// Each left layer's path -> the right layer's, where they differ.
std::map<std::string, std::string> Renames(const FilePair& pair) {
  std::map<std::string, std::string> renames;
  for (std::size_t i = 0; i < pair.left.layers.size(); ++i) {
    if (pair.left.layers[i] != pair.right.layers[i]) renames[pair.left.layers[i]] = pair.right.layers[i];
  }
  return renames;
}

// What the other side of an identical pair would have loaded: the same
// content, each file named by its own path. Its documents are not needed.
LoadedSide Mirrored(const LoadedSide& side, const SideFiles& to,
                    const std::map<std::string, std::string>& renames) {
  LoadedSide out;
  out.present = side.present;
  out.file_present = side.file_present;
  out.file = to.layers.front();
  for (const LoadWarning& w : side.warnings) out.warnings.push_back({Moved(w.location, renames), w.message});
  if (side.invalid) {
    out.invalid = *side.invalid;
    if (auto it = renames.find(out.invalid->file); it != renames.end()) out.invalid->file = it->second;
    out.invalid->location = Moved(out.invalid->location, renames);
  }
  return out;
}

}  // namespace

Evaluator::Evaluator(const Manifest& manifest, const LoadLimits& limits, bool trace)
    : secrets_(manifest.secret_keys), report_same_secret_(manifest.report_same_secret), trace_(trace) {
  context_.cache = &cache_;
  context_.limits = limits;
  context_.secrets = &secrets_;
}

void Evaluator::ExpectReads(const Plan& plan) {
  std::unordered_map<std::string, int> reads;
  for (const PairTask& task : plan.tasks) {
    const std::pair<const SideFiles*, const std::vector<std::string>*> sides[] = {
        {&task.pair.left, &task.left_blobs}, {&task.pair.right, &task.right_blobs}};
    for (const auto& [files, blobs] : sides) {
      if (blobs->size() != files->layers.size()) return cache_.KeepOnly(std::nullopt);
      for (std::size_t i = 0; i < blobs->size(); ++i) {
        if (!files->layer_exists[i]) continue;
        // A layer the plan could not name may be any blob: keep them all.
        if ((*blobs)[i].empty()) return cache_.KeepOnly(std::nullopt);
        ++reads[(*blobs)[i]];
      }
    }
  }
  std::unordered_set<std::string> again;
  for (const auto& [blob, count] : reads) {
    if (count > 1) again.insert(blob);
  }
  cache_.KeepOnly(std::move(again));
}

LoadedSide Evaluator::Load(const PairTask& task, bool left, PairResult& result) const {
  const SideSpec& spec = left ? task.comparison.left : task.comparison.right;
  LoadedSide side = LoadSide(*task.pair.source, left ? task.pair.left : task.pair.right, *spec.env,
                             *spec.tree, context_);
  result.read.insert(result.read.end(), side.read.begin(), side.read.end());
  return side;
}

PairResult Evaluator::Started(const PairTask& task) const {
  PairResult result;
  result.record = RecordOf(task);
  if (trace_) result.trace.emplace();
  return result;
}

void ReleaseFreedMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

PairResult Evaluator::Evaluate(const PairTask& task) const {
  PairResult result = task.one_sided ? EvaluateSide(task) : EvaluatePair(task);
  // Every so often (its cost is a walk of the allocator's free lists): what
  // a run holds resident then follows the pairs in flight and the findings.
  constexpr std::size_t kPairsBetweenReleases = 32;
  if (evaluated_.fetch_add(1, std::memory_order_relaxed) % kPairsBetweenReleases == kPairsBetweenReleases - 1) {
    ReleaseFreedMemory();
  }
  return result;
}

PairResult Evaluator::EvaluatePair(const PairTask& task) const {
  // A trace shows both sides as compared: identical sides are compared too.
  if (task.identical && !trace_) return EvaluateIdentical(task);
  PairResult result = Started(task);
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
    if (result.trace) {
      result.trace->left = {left, {}, left};
      result.trace->right = {right, {}, right};
    }
    result.selected = true;  // compared less: the exit code says so
    return result;
  }
  if (result.trace) {
    result.trace->left.raw = left;
    result.trace->right.raw = right;
  }
  for (const auto& problem :
       NormalizeSide(source, *c.left.env, left, result.trace ? &result.trace->left.normalize : nullptr)) {
    builder.AddProblem(problem, true);
  }
  for (const auto& problem :
       NormalizeSide(source, *c.right.env, right, result.trace ? &result.trace->right.normalize : nullptr)) {
    builder.AddProblem(problem, false);
  }
  if (result.trace) {
    result.trace->left.normalized = left;
    result.trace->right.normalized = right;
  }
  const auto policy = PolicyFor(source);
  const SecretKeyPolicy secret_policy(*policy, secrets_, SelectIsSecret(source, secrets_));
  builder.Compare(left, right, secret_policy);
  result.selected = left.present || right.present;
  return result;
}

// The two sides hold the same blobs, read alike, and the policy raises
// nothing on equal values: one side is read, each side's own findings are
// made from it, and no comparison is made (it could find nothing).
PairResult Evaluator::EvaluateIdentical(const PairTask& task) const {
  PairResult result = Started(task);
  const Comparison& c = task.comparison;
  FindingBuilder builder(task.pair, c.left, c.right, secrets_, report_same_secret_, result.findings);
  LoadedSide left = Load(task, true, result);
  std::vector<NormalizeProblem> problems;
  if (!left.invalid) problems = NormalizeSide(*task.pair.source, *c.left.env, left);
  const auto renames = Renames(task.pair);
  const LoadedSide right = Mirrored(left, task.pair.right, renames);
  for (const LoadWarning& w : left.warnings) builder.AddLoadWarning(w, true);
  for (const LoadWarning& w : right.warnings) builder.AddLoadWarning(w, false);
  if (left.invalid) {
    builder.AddInvalidFile(left, true);
    builder.AddInvalidFile(right, false);
    result.selected = true;
    return result;
  }
  for (const auto& problem : problems) builder.AddProblem(problem, true);
  for (auto problem : problems) {
    problem.location = Moved(problem.location, renames);
    builder.AddProblem(problem, false);
  }
  result.selected = left.present;
  return result;
}

PairResult Evaluator::EvaluateSide(const PairTask& task) const {
  PairResult result = Started(task);
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
