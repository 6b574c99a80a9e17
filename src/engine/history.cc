#include "engine/history.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"

namespace driftcheck {
namespace {

// In evaluation order; the first finding of one id (two compared pairs
// can share a path) stands for it.
std::vector<const Finding*> Tracked(const std::vector<const Finding*>& findings) {
  std::vector<const Finding*> out;
  std::unordered_set<std::string_view> seen;
  for (const Finding* f : findings) {
    if (IsTrackedDrift(*f) && seen.insert(f->id).second) out.push_back(f);
  }
  return out;
}

bool AnySourceFile(const std::vector<const Source*>& sources, const std::vector<std::string>& paths) {
  return std::any_of(paths.begin(), paths.end(), [&](const std::string& p) { return IsSourceFile(sources, p); });
}

}  // namespace

bool IsTrackedDrift(const Finding& f) {
  return f.failing() && f.kind != FindingKind::kRuleExpired && f.kind != FindingKind::kRuleExpiring &&
         f.kind != FindingKind::kRuleUnused;
}

bool IsSourceFile(const std::vector<const Source*>& sources, const std::string& path) {
  for (const Source* source : sources) {
    for (const PathTemplate& t : source->layers) {
      if (t.Match(path, {})) return true;
    }
    for (const auto& [env, t] : source->env_paths) {
      if (t.Match(path, {})) return true;
    }
  }
  return false;
}

History TraceHistory(const HistoryInput& input, const std::vector<const Source*>& sources) {
  History history;
  history.tool_version = DRIFTCHECK_VERSION;
  history.commits = input.commits;
  std::unordered_map<std::string, std::size_t> open_lives;  // id -> index into history.lives
  for (std::size_t i = 0; i < input.commits.size(); ++i) {
    if (input.progress) input.progress(i + 1, input.commits.size());
    const std::string& sha = input.commits[i].sha;
    if (i > 0 && !AnySourceFile(sources, input.changed_paths(input.commits[i - 1].sha, sha))) continue;
    std::vector<const Finding*> now;
    try {
      now = Tracked(input.evaluate(sha));
    } catch (const InputError& e) {
      // This commit's configuration cannot be read as today's manifest
      // describes it; its drifts stay as they were.
      history.notes.push_back("commit " + sha.substr(0, 7) + " was not evaluated: " + e.Headline());
      continue;
    }
    ++history.evaluated;
    std::unordered_set<std::string_view> ids(now.size() * 2);
    for (const Finding* f : now) ids.insert(f->id);
    for (auto it = open_lives.begin(); it != open_lives.end();) {
      if (ids.contains(it->first)) {
        ++it;
        continue;
      }
      history.lives[it->second].disappeared = i;
      it = open_lives.erase(it);
    }
    for (const Finding* finding : now) {
      if (open_lives.contains(finding->id)) continue;
      open_lives.emplace(finding->id, history.lives.size());
      history.lives.push_back({*finding, i, i == 0, std::nullopt});
    }
  }
  return history;
}

int History::ExitCode() const {
  return std::any_of(lives.begin(), lives.end(), [](const DriftLife& l) { return !l.disappeared; }) ? 1 : 0;
}

}  // namespace driftcheck
