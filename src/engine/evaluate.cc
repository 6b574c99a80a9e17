#include "engine/evaluate.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdint>
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

// What a side is made from, within one run: the tree it is read from, each
// layer's path and blob id, the source (its format, select and normalization)
// and the environment (whose name and aliases normalization reads). Two tasks
// whose sides have one key read the very same side. "" when a layer's blob
// id is unknown (a working tree): such a side is not shared.
std::string SideKey(const PairTask& task, bool left) {
  const SideFiles& files = left ? task.pair.left : task.pair.right;
  const std::vector<std::string>& blobs = left ? task.left_blobs : task.right_blobs;
  const SideSpec& spec = left ? task.comparison.left : task.comparison.right;
  if (!files.present || blobs.size() != files.layers.size()) return "";
  std::string key = task.pair.source->name + '\n' + spec.env->name + '\n' +
                    std::to_string(reinterpret_cast<std::uintptr_t>(spec.tree));
  for (std::size_t i = 0; i < blobs.size(); ++i) {
    if (!files.layer_exists[i]) continue;
    if (blobs[i].empty()) return "";
    key += '\n' + files.layers[i] + '\0' + blobs[i];
  }
  return key;
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
  side_readers_.clear();
  for (const PairTask& task : plan.tasks) {
    // A traced run, or one file read for both sides, reads each side its own way.
    if (trace_ || task.one_sided || task.identical || SameSide(task)) continue;
    for (const bool left : {true, false}) {
      if (std::string key = SideKey(task, left); !key.empty()) ++side_readers_[key];
    }
  }
  std::erase_if(side_readers_, [](const auto& entry) { return entry.second < 2; });

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
  if (trace_) result.trace = PairTrace{};
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
  if (trace_ || SameSide(task)) return EvaluateTraced(task);
  PairResult result = Started(task);
  const Comparison& c = task.comparison;
  FindingBuilder builder(task.pair, c.left, c.right, secrets_, report_same_secret_, texts_, result.findings);
  const std::shared_ptr<const NormalizedSide> left = Normalized(task, true, result);
  const std::shared_ptr<const NormalizedSide> right = Normalized(task, false, result);
  Judge(task, *left, *right, builder, result);
  return result;
}

std::shared_ptr<const Evaluator::NormalizedSide> Evaluator::Normalized(const PairTask& task, bool left,
                                                                       PairResult& result) const {
  std::string key = SideKey(task, left);
  const auto readers = key.empty() ? side_readers_.end() : side_readers_.find(key);
  // Takes one reader's turn of a shared side; the last reader lets it go.
  auto take = [&](std::unordered_map<std::string, SharedSide>::iterator it) {
    std::shared_ptr<const NormalizedSide> side = it->second.side;
    if (--it->second.readers == 0) sides_.erase(it);
    return side;
  };
  if (readers != side_readers_.end()) {
    std::lock_guard lock(sides_mutex_);
    if (auto it = sides_.find(key); it != sides_.end()) {
      std::shared_ptr<const NormalizedSide> side = take(it);
      result.read.insert(result.read.end(), side->side.read.begin(), side->side.read.end());
      return side;
    }
  }
  auto made = std::make_shared<NormalizedSide>();
  made->side = Load(task, left, result);
  if (!made->side.invalid) {
    made->problems = NormalizeSide(*task.pair.source, *(left ? task.comparison.left : task.comparison.right).env,
                                   made->side);
  }
  normalizations_.fetch_add(1, std::memory_order_relaxed);
  if (readers == side_readers_.end()) return made;
  std::lock_guard lock(sides_mutex_);
  // Another thread may have made it meanwhile: this read is one of its readers.
  if (auto it = sides_.find(key); it != sides_.end()) {
    take(it);
  } else {
    sides_.emplace(std::move(key), SharedSide{made, readers->second - 1});
  }
  return made;
}

void Evaluator::Judge(const PairTask& task, const NormalizedSide& left, const NormalizedSide& right,
                      FindingBuilder& builder, PairResult& result) const {
  for (const LayerGap& gap : task.layer_gaps) builder.AddLayerMissing(gap.layer, gap.missing_on_left, gap.nearest);
  for (const LoadWarning& w : left.side.warnings) builder.AddLoadWarning(w, true);
  for (const LoadWarning& w : right.side.warnings) builder.AddLoadWarning(w, false);
  if (left.side.invalid) builder.AddInvalidFile(left.side, true);
  if (right.side.invalid) builder.AddInvalidFile(right.side, false);
  if (left.side.invalid || right.side.invalid) {
    result.selected = true;  // compared less: the exit code says so
    return;
  }
  for (const auto& problem : left.problems) builder.AddProblem(problem, true);
  for (const auto& problem : right.problems) builder.AddProblem(problem, false);
  const Source& source = *task.pair.source;
  const auto policy = PolicyFor(source);
  const SecretKeyPolicy secret_policy(*policy, secrets_, SelectIsSecret(source, secrets_));
  builder.Compare(left.side, right.side, secret_policy);
  result.selected = left.side.present || right.side.present;
}

// With a trace (explain), each side is recorded as loaded and as
// normalized; one file read for both sides is loaded once.
PairResult Evaluator::EvaluateTraced(const PairTask& task) const {
  PairResult result = Started(task);
  const Comparison& c = task.comparison;
  FindingBuilder builder(task.pair, c.left, c.right, secrets_, report_same_secret_, texts_, result.findings);
  NormalizedSide left{Load(task, true, result), {}};
  NormalizedSide right{SameSide(task) ? left.side : Load(task, false, result), {}};
  if (result.trace) {
    result.trace->left.raw = left.side;
    result.trace->right.raw = right.side;
  }
  if (!left.side.invalid && !right.side.invalid) {
    left.problems = NormalizeSide(*task.pair.source, *c.left.env, left.side,
                                  result.trace ? &result.trace->left.normalize : nullptr);
    right.problems = NormalizeSide(*task.pair.source, *c.right.env, right.side,
                                   result.trace ? &result.trace->right.normalize : nullptr);
  }
  if (result.trace) {
    result.trace->left.normalized = left.side;
    result.trace->right.normalized = right.side;
  }
  Judge(task, left, right, builder, result);
  return result;
}

// The two sides hold the same blobs, read alike, and the policy raises
// nothing on equal values: one side is read, each side's own findings are
// made from it, and no comparison is made (it could find nothing).
PairResult Evaluator::EvaluateIdentical(const PairTask& task) const {
  PairResult result = Started(task);
  const Comparison& c = task.comparison;
  FindingBuilder builder(task.pair, c.left, c.right, secrets_, report_same_secret_, texts_, result.findings);
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
  FindingBuilder builder(task.pair, c.left, c.right, secrets_, report_same_secret_, texts_, result.findings);
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
