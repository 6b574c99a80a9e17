#include "engine/history.h"

#include <algorithm>
#include <unordered_map>

#include "core/error.h"

namespace driftcheck {
namespace {

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
  // Open lives by finding id, each with the last commit that had it: one
  // lookup per finding and commit, then a sweep for the ones gone.
  struct Open {
    std::size_t life;
    std::size_t seen;
  };
  std::unordered_map<std::string, Open> open;
  for (std::size_t i = 0; i < input.commits.size(); ++i) {
    if (input.progress) input.progress(i + 1, input.commits.size());
    const std::string& sha = input.commits[i].sha;
    if (i > 0 && !AnySourceFile(sources, input.changed_paths(input.commits[i - 1].sha, sha))) continue;
    std::vector<const Finding*> now;
    try {
      now = input.evaluate(sha);
    } catch (const InputError& e) {
      // This commit's configuration cannot be read as today's manifest
      // describes it; its drifts stay as they were.
      history.notes.push_back("commit " + sha.substr(0, 7) + " was not evaluated: " + e.Headline());
      continue;
    }
    ++history.evaluated;
    for (const Finding* f : now) {
      if (!IsTrackedDrift(*f)) continue;
      // The first finding of one id (two compared pairs can share a path) stands for it.
      const auto [it, added] = open.try_emplace(f->id, Open{history.lives.size(), i});
      if (added) {
        history.lives.push_back({*f, i, i == 0, std::nullopt});
      } else {
        it->second.seen = i;
      }
    }
    for (auto it = open.begin(); it != open.end();) {
      if (it->second.seen == i) {
        ++it;
        continue;
      }
      history.lives[it->second.life].disappeared = i;
      it = open.erase(it);
    }
  }
  return history;
}

int History::ExitCode() const {
  return std::any_of(lives.begin(), lives.end(), [](const DriftLife& l) { return !l.disappeared; }) ? 1 : 0;
}

}  // namespace driftcheck
