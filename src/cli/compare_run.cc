#include "cli/compare_run.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "core/error.h"
#include "engine/session.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace driftcheck::cli {
namespace {

// The environments the compared pairs need, in manifest order.
std::vector<std::string> ComparedEnvironments(const Manifest& manifest, const std::vector<EnvPair>& pairs) {
  std::vector<std::string> envs;
  for (const auto& env : manifest.environments) {
    for (const auto& [a, b] : pairs) {
      if (env.name == a || env.name == b) {
        envs.push_back(env.name);
        break;
      }
    }
  }
  return envs;
}

void SayRevisions(const std::vector<EnvironmentRun>& runs) {
  for (const auto& run : runs) {
    std::cerr << "driftcheck: " << run.name << " at " << run.revspec;
    if (run.revision != run.revspec) std::cerr << " (" << run.revision << ")";
    std::cerr << '\n';
  }
}

}  // namespace

po::options_description RevisionOptionsDescription(RevisionFlags& o) {
  po::options_description d("Revision options");
  d.add_options()
      ("rev", po::value(&o.revs)->value_name("[ENV=]REV")->composing(),
       "read every environment (or ENV) at REV: a branch, tag, SHA, HEAD~2, origin/main [HEAD]")
      ("worktree", po::bool_switch(&o.worktree), "read the working tree, uncommitted edits included")
      ("staged", po::bool_switch(&o.staged),
       "read the files staged in the index, as the next commit holds them (a pre-commit hook)")
      ("source", po::value(&o.sources)->value_name("NAME")->composing(),
       "check only this source (repeatable)")
      ("jobs,j", po::value(&o.jobs)->value_name("N"),
       "evaluate N file pairs at once; the report is the same for every N [one per core]");
  AddCacheOptions(d, o);
  return d;
}

void AddCacheOptions(po::options_description& d, RevisionFlags& o) {
  d.add_options()
      ("cache-dir", po::value(&o.cache_dir)->value_name("DIR"),
       "keep pair results between runs in DIR [$DRIFTCHECK_CACHE_DIR, else $XDG_CACHE_HOME/driftcheck, "
       "else ~/.cache/driftcheck]")
      ("no-cache", po::bool_switch(&o.no_cache), "neither read nor write the persistent cache");
}

namespace {

std::string& BuildRevisionSlot() {
  static std::string revision;
  return revision;
}

}  // namespace

void SetBuildRevision(std::string revision) { BuildRevisionSlot() = std::move(revision); }

std::string ToolIdentity() {
  const std::string& revision = BuildRevisionSlot();
  std::string id = std::string(DRIFTCHECK_VERSION) + " " + (revision.empty() ? "unknown" : revision);
  if (revision.empty() || revision == "unknown" || revision.ends_with("-dirty")) {
    struct stat st {};
    if (::stat("/proc/self/exe", &st) != 0) return {};  // cannot tell builds apart: no cache
    id += " " + std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) +
          ":" + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
  }
  return id;
}

std::string CacheDirFor(const RevisionFlags& flags) {
  if (flags.no_cache) return {};
  if (!flags.cache_dir.empty()) return flags.cache_dir;
  auto env = [](const char* name) -> std::string {
    const char* value = std::getenv(name);
    return value ? value : "";
  };
  if (std::string dir = env("DRIFTCHECK_CACHE_DIR"); !dir.empty()) return dir;
  // The XDG base directory spec ignores a relative $XDG_CACHE_HOME.
  if (std::string xdg = env("XDG_CACHE_HOME"); xdg.starts_with('/')) return xdg + "/driftcheck";
  if (std::string home = env("HOME"); !home.empty()) return home + "/.cache/driftcheck";
  return {};
}

void SayCacheUse(const ResultCache& cache) {
  std::cerr << "driftcheck: cache: " << cache.hits() << " of " << cache.lookups() << " file pairs from "
            << cache.dir();
  if (cache.stores()) std::cerr << ", " << cache.stores() << " stored";
  std::cerr << '\n';
}

namespace {

// Every directory of the repository on disk: the work tree, the gitdir, the
// common git dir (a linked work tree's gitdir is `.git/worktrees/<name>/`
// below it) and, from a linked work tree, the main work tree, which holds
// the common dir as its `.git`.
std::vector<std::string> RepositoryDirectories(const Repository& repo) {
  std::vector<std::string> dirs = {repo.workdir(), repo.gitdir(), repo.commondir()};
  if (!repo.is_bare()) {
    fs::path common = fs::path(dirs.back()).lexically_normal();
    if (!common.has_filename()) common = common.parent_path();
    if (common.filename() == ".git") dirs.push_back(common.parent_path().string() + "/");
  }
  dirs.erase(std::remove(dirs.begin(), dirs.end(), std::string()), dirs.end());
  return dirs;
}

// Why the cache directory (or its entries directory) may hold what another
// user planted, like ssh asks of its files: not owned by whoever runs this,
// or writable by its group or others. "" when safe (or not made yet).
std::string UnsafeCacheDirectory(const std::string& dir) {
  for (const std::string& path : {dir, dir + "/pairs-v1"}) {
    struct stat st {};
    // Missing: made when first written, ours then. Not a directory: writing
    // fails and says so.
    if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    if (st.st_uid != ::geteuid()) return path + " is not owned by you";
    if (st.st_mode & (S_IWGRP | S_IWOTH)) return path + " is writable by others";
  }
  return {};
}

}  // namespace

std::unique_ptr<ResultCache> OpenCache(const Repository& repo, const Manifest& manifest, const std::string& dir,
                                       const LoadLimits& limits, bool verbose) {
  if (dir.empty() || manifest.policy_digest.empty()) return nullptr;
  for (const std::string& inside : RepositoryDirectories(repo)) {
    if (!inside.empty() && PathInside(dir, inside)) {
      std::cerr << "driftcheck: warning: the cache directory " << dir
                << " is inside the repository; running without the cache (driftcheck never writes there)\n";
      return nullptr;
    }
  }
  if (const std::string unsafe = UnsafeCacheDirectory(dir); !unsafe.empty()) {
    std::cerr << "driftcheck: warning: " << unsafe
              << "; running without the cache (another user could plant entries in it)\n";
    return nullptr;
  }
  const std::string tool = ToolIdentity();
  if (tool.empty()) return nullptr;
  ResultCacheSettings settings;
  settings.dir = dir;
  settings.tool = tool;
  settings.policy = manifest.policy_digest;
  settings.limits = limits;
  settings.warn = [verbose](const std::string& what, const std::string& detail) {
    std::cerr << "driftcheck: warning: " << what << "; running without the cache";
    if (verbose) {
      std::cerr << " (" << detail << ")";
    } else {
      std::cerr << " (-v says why)";
    }
    std::cerr << '\n';
  };
  return std::make_unique<ResultCache>(std::move(settings));
}

bool ParseRunFlags(const std::vector<std::string>& args, const std::string& command, const char* usage,
                   RunFlags& flags, const po::options_description* extra) {
  po::options_description all;
  all.add(RevisionOptionsDescription(flags.revisions)).add(RuleOptionsDescription(flags.rules));
  if (extra) all.add(*extra);
  all.add(GlobalOptionsDescription(flags.global));
  ParseArguments(args, all, command);
  if (!flags.global.help) return true;
  std::cout << usage << '\n' << all << '\n';
  return false;
}

std::vector<EnvPair> AllPairs(const Manifest& manifest) {
  std::vector<EnvPair> pairs = manifest.compare;
  for (const Source& source : manifest.sources) {
    for (const EnvPair& pair : source.compare) {
      if (std::find(pairs.begin(), pairs.end(), pair) == pairs.end()) pairs.push_back(pair);
    }
  }
  return pairs;
}

unsigned JobsFrom(const RevisionFlags& flags) {
  if (flags.jobs == -1) return std::max(1u, std::thread::hardware_concurrency());
  if (flags.jobs < 1) {
    throw InputError("--jobs " + std::to_string(flags.jobs) + " is not a number of jobs",
                     "use -j N with N at least 1, e.g. -j 4");
  }
  return static_cast<unsigned>(flags.jobs);
}

namespace {

// Each compared pair of environments, read from `trees`.
Sides ComparedSides(const Manifest& manifest, const std::vector<EnvPair>& pairs, const TreeSet& trees) {
  Sides sides;
  sides.environments = trees.runs();
  for (const auto& [left, right] : pairs) {
    sides.comparisons.push_back({{left, manifest.FindEnvironment(left), &trees.TreeFor(left)},
                                 {right, manifest.FindEnvironment(right), &trees.TreeFor(right)}});
  }
  return sides;
}

// Every environment read alone (validate), whatever pairs the manifest compares.
Sides EachEnvironment(const Manifest& manifest, const TreeSet& trees) {
  Sides sides;
  sides.environments = trees.runs();
  sides.one_sided = true;
  for (const Environment& env : manifest.environments) {
    const SideSpec side{env.name, &env, &trees.TreeFor(env.name)};
    sides.comparisons.push_back({side, side});
  }
  return sides;
}

}  // namespace

SessionRequest RequestFor(const Manifest& manifest, const RevisionFlags& revisions, const GlobalOptions& global) {
  SessionRequest request;
  request.choices = ChooseRevisions(manifest, revisions.revs, revisions.worktree, revisions.staged);
  request.sources = revisions.sources;
  request.verbose = global.verbose;
  request.jobs = JobsFrom(revisions);
  request.limits = Limits(global);
  request.cache_dir = CacheDirFor(revisions);
  return request;
}

SessionWiring::SessionWiring(const Repository& repo, const Manifest& manifest, SessionRequest request)
    : repo_(repo), manifest_(manifest), request_(std::move(request)),
      sources_(SelectSources(manifest, request_.sources)),  // an unknown name fails before any reading
      pairs_(AllPairs(manifest)),
      envs_(request_.validate ? manifest.EnvironmentNames() : ComparedEnvironments(manifest, pairs_)) {}

TreeSet SessionWiring::OpenTrees(const std::map<std::string, RevisionChoice>& choices) const {
  return TreeSet(repo_, choices, envs_);
}

TreeSet SessionWiring::OpenTreesAt(const std::string& revspec) const {
  return OpenTrees(ChooseRevisions(manifest_, {revspec}, false));
}

Sides SessionWiring::SidesOf(const TreeSet& trees) const {
  return request_.validate ? EachEnvironment(manifest_, trees) : ComparedSides(manifest_, pairs_, trees);
}

SessionOptions SessionWiring::Options() {
  if (!cache_opened_) {
    cache_ = OpenCache(repo_, manifest_, request_.cache_dir, request_.limits, request_.verbose);
    cache_opened_ = true;
  }
  SessionOptions options;
  options.sources = request_.sources;
  options.jobs = request_.jobs;
  options.limits = request_.limits;
  if (request_.verbose) {
    options.log = [](const std::string& what) { std::cerr << "driftcheck: read " << what << '\n'; };
  }
  options.cache = cache_.get();
  return options;
}

Report SessionWiring::Run(const TreeSet& trees) {
  if (request_.verbose) SayRevisions(trees.runs());
  // --new-since REV: every environment at REV, opened now so that an unknown
  // revision fails before anything is parsed.
  std::optional<TreeSet> before_trees;
  if (!request_.new_since.empty()) before_trees.emplace(OpenTreesAt(request_.new_since));
  Session session(manifest_, Options());
  const Sides sides = SidesOf(trees);
  Judging judging{request_.verdicts, nullptr, {}};
  if (request_.amend) judging.amend = [&](Report& compared) { request_.amend(compared, trees); };
  std::optional<Sides> before;
  if (before_trees) judging.before = &before.emplace(ComparedSides(manifest_, pairs_, *before_trees));
  return session.Run(sides, judging);
}

void SessionWiring::Finish() {
  if (!cache_) return;
  if (cache_->stores()) cache_->Trim();
  if (request_.verbose) SayCacheUse(*cache_);
}

Report RunSession(const Repository& repo, const Manifest& manifest, const SessionRequest& request) {
  SessionWiring wiring(repo, manifest, request);
  const TreeSet trees = wiring.OpenTrees(request.choices);
  Report report = wiring.Run(trees);
  wiring.Finish();
  return report;
}

}  // namespace driftcheck::cli
