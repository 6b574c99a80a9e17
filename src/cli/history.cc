// `driftcheck history`: walks first-parent commits and says, for each drift
// today's policy finds, the commit where it appeared and the one where it
// disappeared. Only commits that change a source's files are evaluated, and
// a file pair whose blobs did not change is not compared again.

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <limits>
#include <memory>
#include <set>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/compare_run.h"
#include "cli/rule_flags.h"
#include "core/error.h"
#include "engine/history.h"
#include "engine/pair_memo.h"
#include "engine/session.h"
#include "report/history_writer.h"

namespace po = boost::program_options;

namespace driftcheck::cli {
namespace {

constexpr const char* kUsage = R"(usage: driftcheck history [options]

Walk the first-parent commits from --until back to --since (default: the
last 100) and report, for each drift today's manifest, schemas and allow
rules find, the commit where it appeared and the one where it was fixed
(short SHA, date, author, subject); drifts still there are open. Only
commits that change a source's files are evaluated. A source that matches
no file, or whose select: finds nothing, at some commits is one note for
that run of commits; one compared at no commit walked is an error, as
check would refuse it. The file pairs evaluated go through the persistent
cache as check's do (--cache-dir, --no-cache; -v says how many came from it),
so a second run over the same commits evaluates none. Formats: text, json,
markdown. Exit status: 0 nothing open, 1 a drift is open, 2 could not run.

examples:
  driftcheck history                        # the last 100 commits of HEAD
  driftcheck history --since v1.4.0         # everything since the release
  driftcheck history --since v1.4.0 --until origin/main --format json
  driftcheck history -n 500 --source services
  driftcheck history --policy-rev v2.0.0    # judged by the manifest of v2.0.0
  driftcheck history -n 1000 --cache-dir /var/cache/driftcheck   # nightly: only new pairs evaluated)";

constexpr std::size_t kDefaultCommits = 100;

struct HistoryFlags {
  GlobalOptions global;
  std::string since;
  std::string until = "HEAD";
  std::size_t max_count = 0;  ///< 0 = the default
  std::string policy_rev;
  RuleFlags rules;
  RevisionFlags revisions;  ///< only --source, -j and the cache options are read
};

bool ParseHistoryFlags(const std::vector<std::string>& args, HistoryFlags& flags) {
  po::options_description own("History options");
  own.add_options()
      ("since", po::value(&flags.since)->value_name("REV"),
       "start at REV (its drifts are 'present at' it) [the last 100 commits]")
      ("until", po::value(&flags.until)->value_name("REV"), "end at REV [HEAD]")
      ("max-count,n", po::value(&flags.max_count)->value_name("N"), "walk at most N commits [100 without --since]")
      ("source", po::value(&flags.revisions.sources)->value_name("NAME")->composing(), "only this source (repeatable)")
      ("policy-rev", po::value(&flags.policy_rev)->value_name("REV"),
       "read the manifest, schemas and allow rules from REV [the working tree]")
      ("jobs,j", po::value(&flags.revisions.jobs)->value_name("N"), "evaluate N file pairs at once [one per core]");
  AddCacheOptions(own, flags.revisions);
  po::options_description all;
  all.add(own).add(RuleOptionsDescription(flags.rules)).add(GlobalOptionsDescription(flags.global));
  const po::variables_map vm = ParseArguments(args, all, "history");
  if (!flags.global.help && vm.count("max-count") && flags.max_count == 0) {
    throw InputError("-n must be at least 1", "e.g. -n 50 walks the last 50 commits; leave -n out for the last 100");
  }
  if (!flags.global.help) return true;
  std::cout << kUsage << '\n' << all << '\n';
  return false;
}

void ValidateHistoryOutput(const GlobalOptions& global) {
  const std::string& f = global.format;
  if (f != "text" && f != "json" && f != "markdown") {
    throw InputError("history writes text, json or markdown, not '" + f + "'", "use --format text|json|markdown");
  }
  if (!global.reports.empty()) throw InputError("history writes one report", "use --format and -o FILE");
  ValidateGlobalOptions(global);
}

RuleSet LoadHistoryRules(const Repository& repo, const Manifest& manifest, const HistoryFlags& flags) {
  if (flags.policy_rev.empty() || !flags.rules.rules_file.empty() || manifest.allow.empty()) {
    return LoadRuleSet(repo, manifest, flags.rules);
  }
  const auto tree = OpenPolicyTree(repo, flags.policy_rev);
  auto text = tree->Read(manifest.allow);
  if (!text) {
    throw InputError(manifest.allow_location,
                     "the allow-rules file '" + manifest.allow + "' does not exist at " + flags.policy_rev,
                     "give a --policy-rev that has it, or --rules FILE");
  }
  return LoadRules(text->bytes, manifest.allow, &manifest);
}

// The commits to walk, oldest first, and what limited the walk.
std::vector<HistoryCommit> Commits(const Repository& repo, const HistoryFlags& flags, std::vector<std::string>& notes) {
  const std::string until = repo.ResolveCommit(flags.until);
  const std::string since = flags.since.empty() ? "" : repo.ResolveCommit(flags.since);
  const std::size_t limit = flags.max_count      ? flags.max_count
                            : flags.since.empty() ? kDefaultCommits
                                                  : std::numeric_limits<std::size_t>::max();
  const Repository::FirstParentWalk walk = repo.FirstParents(until, since, limit);
  if (walk.shallow) {
    notes.push_back("the clone is shallow: history starts at " + walk.commits.back().sha.substr(0, 7) +
                    ", the oldest commit it has (git fetch --unshallow reads further)");
  } else if (!since.empty() && !walk.reached_since && walk.commits.size() < limit) {
    throw InputError("--since " + flags.since + " is not on the first-parent history of " + flags.until,
                     "name a commit that " + flags.until + " descends from along first parents");
  }
  std::vector<HistoryCommit> commits;
  for (auto it = walk.commits.rbegin(); it != walk.commits.rend(); ++it) {
    commits.push_back({it->sha, it->author, it->date, it->subject});
  }
  return commits;
}

// "commit 37 of 100" over itself on a terminal; nothing otherwise.
std::function<void(std::size_t, std::size_t)> Progress() {
  if (!isatty(STDERR_FILENO)) return {};
  return [](std::size_t i, std::size_t n) {
    std::cerr << "\rdriftcheck: history: commit " << i << " of " << n << std::flush;
    if (i == n) std::cerr << "\r\x1b[K" << std::flush;
  };
}

void Write(const History& history, const GlobalOptions& global) {
  auto render = [&](std::ostream& out, bool color) {
    if (global.format == "json") WriteHistoryJson(history, out);
    else if (global.format == "markdown") WriteHistoryMarkdown(history, out);
    else WriteHistoryText(history, out, color);
  };
  if (!global.output.empty()) {
    WriteStreamedFile(global.output, [&](std::ostream& out) { render(out, false); });
    return;
  }
  if (global.quiet && history.ExitCode() == 0) return;
  const bool color = global.color != "never" &&
                     (global.color == "always" || (isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR")));
  render(std::cout, color);
  std::cout.flush();
  if (!std::cout) throw InputError("cannot write the report", "check the free disk space");
}

// Evaluates one commit after another, doing only what changed: each pair
// task is evaluated and judged once, when first met, and only its failing
// findings are kept (by both sides' blob ids), so a later commit with the
// same blobs reuses them without evaluating, copying or judging anything.
// When a commit only modifies files in place, the previous commit's plan
// still holds: only the tasks reading a modified file are looked at again.
class HistoryEvaluator {
 public:
  HistoryEvaluator(SessionWiring& wiring, const Repository& repo, const Manifest& manifest, const RuleSet& rules,
                   const RuleOptions& rule_options)
      : wiring_(wiring), repo_(repo), manifest_(manifest), rules_(rules), rule_options_(rule_options) {}

  CommitFindings Evaluate(const std::string& sha) {
    try {
      return EvaluateAt(sha);
    } catch (...) {
      last_.reset();  // its plan may be half moved: the next commit plans afresh
      throw;
    }
  }

  std::size_t remembered() const { return memo_.hits(); }

  /// Refuses, as `check` does, `layers` whose every {env} layer matches no
  /// file at `sha` (the newest commit walked): each side would read only the
  /// shared layers, and every commit would pass.
  void RefuseSharedLayersOnly(const std::string& sha) {
    const TreeSet trees = wiring_.OpenTreesAt(sha);
    SessionOptions options = wiring_.Options();
    options.refuse_shared_layers_only = true;
    Session session(manifest_, std::move(options));
    try {
      session.MakePlan(wiring_.SidesOf(trees), /*tolerate_unmatched=*/true);
    } catch (const SharedLayersOnlyError&) {
      throw;
    } catch (const InputError&) {
      // What else the plan refuses there is the commit's note, as before.
    }
  }

  /// The paths `to` changed against `from`; remembered, so the commit's
  /// evaluation does not diff the two trees again.
  std::vector<std::string> ChangedPaths(const std::string& from, const std::string& to) {
    changes_ = {from, to, repo_.ChangedFiles(from, to)};
    std::vector<std::string> paths;
    for (const auto& [path, in_place] : changes_.files) paths.push_back(path);
    return paths;
  }

 private:
  struct State {
    std::string sha;
    std::unique_ptr<TreeSet> trees;
    Sides sides;
    Plan plan;
    std::vector<const std::vector<Finding>*> used;  // parallel to plan.tasks
  };
  struct Changes {
    std::string from, to;
    std::vector<std::pair<std::string, bool>> files;  // path, modified in place
  };
  CommitFindings EvaluateAt(const std::string& sha) {
    auto state = std::make_unique<State>();
    state->sha = sha;
    state->trees = std::make_unique<TreeSet>(wiring_.OpenTreesAt(sha));
    state->sides = wiring_.SidesOf(*state->trees);
    // A session per commit: its listings are keyed by tree, and this
    // commit's trees close when the next commit is done. Pair tasks not
    // remembered from an earlier commit go through the persistent cache.
    Session session(manifest_, wiring_.Options());
    std::set<std::string> modified;
    const bool in_place = last_ && ModifiedInPlace(last_->sha, sha, modified);
    std::vector<std::size_t> todo;  // tasks to look up or evaluate
    if (in_place) {
      state->plan = std::move(last_->plan);
      state->used = std::move(last_->used);
      for (std::size_t i = 0; i < state->plan.tasks.size(); ++i) {
        if (Rebind(state->plan.tasks[i], state->sides, modified)) todo.push_back(i);
      }
    } else {
      // Sources that match no file here are told apart below, not refused.
      state->plan = session.MakePlan(state->sides, /*tolerate_unmatched=*/true);
      state->used.assign(state->plan.tasks.size(), nullptr);
      for (std::size_t i = 0; i < state->plan.tasks.size(); ++i) todo.push_back(i);
    }
    Resolve(session, *state, todo);
    last_ = std::move(state);
    return Found(*last_);
  }

  // The failing findings of every task, and the sources this commit cannot
  // compare as `check` would refuse them: one matching no file, one whose
  // `select` finds its subtree on no side (whose findings are left out).
  CommitFindings Found(const State& state) const {
    CommitFindings out;
    std::set<const Source*> planned;
    for (const SourcePlan& source : state.plan.sources) {
      planned.insert(source.source);
      const auto first = static_cast<std::ptrdiff_t>(source.first_task);
      const auto end = first + static_cast<std::ptrdiff_t>(source.tasks);
      const bool selected =
          source.source->select.empty() ||
          std::any_of(state.used.begin() + first, state.used.begin() + end,
                      [&](const std::vector<Finding>* findings) { return !unselected_.contains(findings); });
      if (!selected) {
        out.gaps.push_back({source.source->name, "'select' finds its subtree in no compared environment", true});
        continue;
      }
      out.pairs.insert(out.pairs.end(), state.used.begin() + first, state.used.begin() + end);
    }
    for (const Source* source : wiring_.sources()) {
      if (planned.contains(source) || !Compared(*source)) continue;
      out.gaps.push_back({source->name, "no file matches its path", false});
    }
    return out;
  }

  // Whether some compared pair of environments compares `source`.
  bool Compared(const Source& source) const {
    const std::vector<EnvPair>& pairs = wiring_.pairs();
    return std::any_of(pairs.begin(), pairs.end(),
                       [&](const EnvPair& p) { return source.Compares(p.first, p.second); });
  }



  // Whether every source file changed since `from` was modified in place
  // (none added, deleted or renamed: the plan is the same); collects them.
  bool ModifiedInPlace(const std::string& from, const std::string& to, std::set<std::string>& modified) {
    if (changes_.from != from || changes_.to != to) changes_ = {from, to, repo_.ChangedFiles(from, to)};
    for (const auto& [path, in_place] : changes_.files) {
      if (!IsSourceFile(wiring_.sources(), path)) continue;
      if (!in_place) return false;
      modified.insert(path);
    }
    return true;
  }

  // Points a task of the previous plan at this commit's trees; true when it
  // reads a modified file (its blob ids are read again).
  static bool Rebind(PairTask& task, const Sides& sides, const std::set<std::string>& modified) {
    for (const Comparison& c : sides.comparisons) {
      if (c.left.label == task.comparison.left.label && c.right.label == task.comparison.right.label) {
        task.comparison = c;
        break;
      }
    }
    auto touches = [&](const SideFiles& files) {
      return std::any_of(files.layers.begin(), files.layers.end(),
                         [&](const std::string& layer) { return modified.contains(layer); });
    };
    if (!touches(task.pair.left) && !touches(task.pair.right)) return false;
    auto blobs = [](const SideFiles& files, const Tree& tree) {
      std::vector<std::string> ids;
      for (const std::string& layer : files.layers) ids.push_back(tree.BlobId(layer).value_or(""));
      return ids;
    };
    task.left_blobs = blobs(task.pair.left, *task.comparison.left.tree);
    task.right_blobs = blobs(task.pair.right, *task.comparison.right.tree);
    task.identical = false;  // the evaluator compares; never wrongly skipped
    return true;
  }

  // Remembered results for the tasks in `todo`, evaluating those not seen yet.
  void Resolve(const Session& session, State& state, const std::vector<std::size_t>& todo) {
    Plan fresh;
    std::vector<std::size_t> fresh_index;
    std::vector<std::optional<std::string>> fresh_keys;
    for (std::size_t i : todo) {
      auto key = PairMemo::Key(state.plan.tasks[i]);
      if (const auto* known = key ? memo_.Find(*key) : nullptr) {
        state.used[i] = known;
        continue;
      }
      fresh.tasks.push_back(state.plan.tasks[i]);
      fresh_index.push_back(i);
      fresh_keys.push_back(std::move(key));
    }
    std::vector<PairResult> results = session.Evaluate(fresh);
    for (std::size_t j = 0; j < results.size(); ++j) {
      Report judged;
      judged.findings = std::move(results[j].findings);
      // Ids as check gives them: two findings of one identity in a pair
      // (unpaired set items at one index) are told apart before the rules
      // read them, as check's Collect does; no other pair can share them.
      judged.Finalize();
      ApplyRules(judged, rules_, rule_options_);
      erase_if(judged.findings, [](const Finding& f) { return !IsTrackedDrift(f); });
      const auto* kept = fresh_keys[j] ? &memo_.Store(*fresh_keys[j], judged.findings.TakeAll())
                                       : &unkeyed_.emplace_back(judged.findings.TakeAll());
      if (!results[j].selected) unselected_.insert(kept);
      state.used[fresh_index[j]] = kept;
    }
  }

  SessionWiring& wiring_;
  const Repository& repo_;
  const Manifest& manifest_;
  const RuleSet& rules_;
  const RuleOptions& rule_options_;
  PairMemo memo_;
  std::deque<std::vector<Finding>> unkeyed_;  // results no blob ids name (none from commits)
  std::set<const std::vector<Finding>*> unselected_;  // results of pairs where `select` found nothing
  Changes changes_;  // the last two commits diffed
  std::unique_ptr<State> last_;
};

}  // namespace

int RunHistory(const std::vector<std::string>& args) {
  HistoryFlags flags;
  if (!ParseHistoryFlags(args, flags)) return 0;
  ValidateHistoryOutput(flags.global);
  const RuleOptions rule_options = ReadRuleOptions(flags.rules);

  const Repository repo = Repository::Discover(flags.global.repo);
  const Manifest manifest = LoadPolicy(repo, flags.global, flags.policy_rev);
  const RuleSet rules = LoadHistoryRules(repo, manifest, flags);
  // No revisions are chosen here: each commit's trees are opened as it is evaluated.
  SessionWiring wiring(repo, manifest, RequestFor(manifest, flags.revisions, flags.global));
  const std::vector<const Source*>& sources = wiring.sources();

  HistoryEvaluator evaluator(wiring, repo, manifest, rules, rule_options);
  HistoryInput input;
  std::vector<std::string> notes;
  input.commits = Commits(repo, flags, notes);
  if (!input.commits.empty()) evaluator.RefuseSharedLayersOnly(input.commits.back().sha);
  input.evaluate = [&](const std::string& sha) { return evaluator.Evaluate(sha); };
  input.changed_paths = [&](const std::string& from, const std::string& to) {
    return evaluator.ChangedPaths(from, to);
  };
  input.progress = Progress();
  History history = TraceHistory(input, sources);
  wiring.Finish();
  history.notes.insert(history.notes.begin(), notes.begin(), notes.end());
  if (flags.global.verbose) {
    std::cerr << "driftcheck: " << history.evaluated << " of " << history.commits.size()
              << " commits evaluated, " << evaluator.remembered() << " file pairs remembered\n";
  }
  Write(history, flags.global);
  // As check: a file the newest commit cannot read is named on stderr.
  std::set<std::string> said;
  for (const DriftLife& life : history.lives) {
    if (!life.disappeared) SayUnreadableFile(life.finding, said);
  }
  return history.ExitCode();
}

}  // namespace driftcheck::cli
