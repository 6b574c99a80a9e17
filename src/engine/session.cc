#include "engine/session.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include "core/error.h"

namespace driftcheck {

Session::Session(const Manifest& manifest, SessionOptions options)
    : manifest_(manifest), options_(std::move(options)), evaluator_(manifest, options_.limits, options_.trace) {}

Report Session::Run(const Sides& sides, const Judging& judging) {
  Report report = Compare(sides);
  if (judging.amend) judging.amend(report);
  if (!judging.before) {
    Judge(report, judging.verdicts, nullptr);
    return report;
  }
  Report before = Compare(*judging.before, /*tolerate_unmatched=*/true);
  Judge(report, judging.verdicts, &before);
  return report;
}

Report Session::Compare(const Sides& sides, bool tolerate_unmatched) {
  const Plan plan = MakePlan(sides, tolerate_unmatched);
  evaluator_.ExpectReads(plan);
  return Collect(sides, plan, Evaluate(plan));
}

Plan Session::MakePlan(const Sides& sides, bool tolerate_unmatched) {
  PlanOptions options;
  options.sources = options_.sources;
  options.tolerate_unmatched = tolerate_unmatched;
  options.refuse_shared_layers_only = options_.refuse_shared_layers_only;
  options.one_sided = sides.one_sided;
  return driftcheck::MakePlan(manifest_, sides.comparisons, options, listings_);
}

PairResult Session::EvaluateTask(const PairTask& task) const {
  ResultCache* cache = options_.trace ? nullptr : options_.cache;
  const std::optional<std::string> key = cache ? cache->Key(task) : std::nullopt;
  if (key) {
    if (std::optional<PairResult> found = cache->Find(*key, task)) return std::move(*found);
  }
  PairResult result = evaluator_.Evaluate(task);
  if (key) cache->Store(*key, task, result);
  return result;
}

std::vector<PairResult> Session::Evaluate(const Plan& plan) const {
  const std::size_t n = plan.tasks.size();
  std::vector<PairResult> results(n);
  const std::size_t workers = std::min<std::size_t>(std::max(options_.jobs, 1u), n);
  if (workers <= 1) {
    for (std::size_t i = 0; i < n; ++i) results[i] = EvaluateTask(plan.tasks[i]);
    return results;
  }
  // Workers take tasks in plan order. A failure is the first failing task's,
  // as a serial run would have it: after one fails, only earlier tasks (all
  // taken already) still run, and the earliest error wins.
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> first_failed{n};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      if (i > first_failed.load()) return;
      try {
        results[i] = EvaluateTask(plan.tasks[i]);
      } catch (...) {
        errors[i] = std::current_exception();
        for (std::size_t seen = first_failed.load(); i < seen && !first_failed.compare_exchange_weak(seen, i);) {
        }
      }
    }
  };
  std::vector<std::jthread> threads;
  for (std::size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  threads.clear();  // joins
  if (first_failed.load() < n) std::rethrow_exception(errors[first_failed.load()]);
  return results;
}

Report Session::Collect(const Sides& sides, const Plan& plan, std::vector<PairResult> results) const {
  if (options_.log) {
    for (const PairResult& result : results) {
      for (const std::string& read : result.read) options_.log(read);
    }
  }
  for (const SourcePlan& source : plan.sources) {
    if (!source.needs_selection) continue;
    const auto begin = results.begin() + static_cast<std::ptrdiff_t>(source.first_task);
    const bool selected = std::any_of(begin, begin + static_cast<std::ptrdiff_t>(source.tasks),
                                      [](const PairResult& r) { return r.selected; });
    if (!selected) {
      throw InputError(source.source->location,
                       "source '" + source.source->name + "': 'select' finds its subtree in no compared environment",
                       "check the key path in 'select' against the file");
    }
  }
  Report report;
  report.tool_version = DRIFTCHECK_VERSION;
  report.environments = sides.environments;
  for (const Comparison& c : sides.comparisons) report.compared.emplace_back(c.left.label, c.right.label);
  report.file_pairs = results.size();
  report.pairs.reserve(results.size());
  // Lean memory: each pair's list of findings is taken whole, never copied,
  // so no finding is held twice (FindingList).
  for (PairResult& result : results) {
    report.findings.Append(std::move(result.findings));
    report.pairs.push_back(std::move(result.record));
  }
  report.Finalize();
  return report;
}

}  // namespace driftcheck
