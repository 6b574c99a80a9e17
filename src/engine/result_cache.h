#pragma once
// The persistent cache: pair results kept between runs, so a run whose files
// did not change since the last one reads its findings instead of parsing,
// normalizing and comparing again (a nightly check re-reads mostly the same
// blobs).
//
// What is kept is a whole PairResult as evaluation made it, before judging:
// its findings are already redacted (no secret value is in a Finding), and
// rules, baselines and --new-since are applied after, so editing them keeps
// every entry. An entry is keyed by everything its findings depend on:
//   - the tool (version and git revision: another build reads none of it),
//   - the policy (a digest of the manifest's text, every schema it reads and
//     the load limits: every setting that changes evaluation),
//   - the task: its source and placeholders, each side's label, environment,
//     layer paths (locations name files) and blob ids, whether both sides are
//     one revision, and the layer gaps the plan found.
// The full key is written inside the entry and compared on reading, so two
// tasks can never share an entry, even if their file names (a hash) collide.
// A side read from the working tree (no blob ids) is never cached.
//
// Entries are files `pairs-v1/<32 hex>` in the cache directory: a magic line,
// a checksum of the rest, the key, the result. Anything else (a truncated,
// corrupt, foreign or older entry) is ignored and replaced. Entries are
// written to an exclusive temporary beside them and renamed into place, so
// concurrent runs never read half an entry. The directory is kept under a
// size bound: past it, the least recently used entries (by mtime, refreshed
// on use) go first. A failure to read or write the cache never fails a run:
// it is said once, and the run goes on without the cache.

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "engine/evaluate.h"
#include "engine/plan.h"

namespace driftcheck {

struct ResultCacheSettings {
  std::string dir;     ///< the cache directory (created when missing)
  std::string tool;    ///< the version and build of the tool
  std::string policy;  ///< a digest of every setting evaluation reads (PolicyDigest)
  LoadLimits limits;   ///< the load limits the run evaluates under
  std::uint64_t max_bytes = std::uint64_t{256} << 20;  ///< the size bound of the directory
  /// Told once when the cache cannot be used: a short sentence, and the
  /// reason (path and system error) for -v. May be empty.
  std::function<void(const std::string& what, const std::string& detail)> warn;
};

class ResultCache {
 public:
  explicit ResultCache(ResultCacheSettings settings);
  ResultCache(const ResultCache&) = delete;
  ResultCache& operator=(const ResultCache&) = delete;

  /// The task's full key, or nullopt when it cannot be cached (a side read
  /// from the working tree, a layer whose blob id is unknown).
  std::optional<std::string> Key(const PairTask& task) const;
  /// The result stored for `key`, rebuilt for `task`; nullopt when there is
  /// none or the entry is not one this build wrote whole.
  std::optional<PairResult> Find(const std::string& key, const PairTask& task);
  /// Keeps `result` for `key`. Safe from any thread and any process.
  void Store(const std::string& key, const PairTask& task, const PairResult& result);
  /// Removes the least recently used entries while the directory is over
  /// its bound. Called once at the end of a run that stored something.
  void Trim();

  /// How many tasks were looked up, found, and stored.
  std::size_t lookups() const { return lookups_.load(); }
  std::size_t hits() const { return hits_.load(); }
  std::size_t stores() const { return stores_.load(); }
  /// Whether the cache turned out unusable (and was said so).
  bool failed() const { return failed_.load(); }
  const std::string& dir() const { return settings_.dir; }

 private:
  std::string EntryPath(const std::string& key) const;
  void Fail(const std::string& what, const std::string& detail);

  ResultCacheSettings settings_;
  std::string entries_;  // settings_.dir + "/pairs-v1"
  std::atomic<std::size_t> lookups_{0};
  std::atomic<std::size_t> hits_{0};
  std::atomic<std::size_t> stores_{0};
  std::atomic<bool> failed_{false};
  std::mutex warn_mutex_;
};

/// Digest of what evaluation reads besides the files: the manifest's text
/// and each schema's path and text. 32 hex digits.
std::string PolicyDigest(std::string_view manifest_text,
                         const std::vector<std::pair<std::string, std::string>>& schemas);

/// Whether `dir` lies inside `root` (both made absolute and normalized,
/// symbolic links resolved where they exist).
bool PathInside(const std::string& dir, const std::string& root);

}  // namespace driftcheck
