// `driftcheck history`: walks first-parent commits and says, for each drift
// today's policy finds, the commit where it appeared and the one where it
// disappeared. Only commits that change a source's files are evaluated, and
// a file pair whose blobs did not change is not compared again.

#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <iostream>
#include <limits>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/compare_run.h"
#include "cli/rule_flags.h"
#include "core/error.h"
#include "engine/history.h"
#include "engine/run.h"
#include "report/history_writer.h"

namespace po = boost::program_options;

namespace driftcheck::cli {
namespace {

constexpr const char* kUsage = R"(usage: driftcheck history [options]

Walk the first-parent commits from --until back to --since (default: the
last 100) and report, for each drift today's manifest, schemas and allow
rules find, the commit where it appeared and the one where it was fixed
(short SHA, date, author, subject); drifts still there are open. Only
commits that change a source's files are evaluated. Formats: text, json,
markdown. Exit status: 0 nothing open, 1 a drift is open, 2 could not run.

examples:
  driftcheck history                        # the last 100 commits of HEAD
  driftcheck history --since v1.4.0         # everything since the release
  driftcheck history --since v1.4.0 --until origin/main --format json
  driftcheck history -n 500 --source services
  driftcheck history --policy-rev v2.0.0    # judged by the manifest of v2.0.0)";

constexpr std::size_t kDefaultCommits = 100;

struct HistoryFlags {
  GlobalOptions global;
  std::string since;
  std::string until = "HEAD";
  std::size_t max_count = 0;  ///< 0 = the default
  std::vector<std::string> sources;
  std::string policy_rev;
  RuleFlags rules;
};

bool ParseHistoryFlags(const std::vector<std::string>& args, HistoryFlags& flags) {
  po::options_description own("History options");
  own.add_options()
      ("since", po::value(&flags.since)->value_name("REV"),
       "start at REV (its drifts are 'present at' it) [the last 100 commits]")
      ("until", po::value(&flags.until)->value_name("REV"), "end at REV [HEAD]")
      ("max-count,n", po::value(&flags.max_count)->value_name("N"), "walk at most N commits [100 without --since]")
      ("source", po::value(&flags.sources)->value_name("NAME")->composing(), "only this source (repeatable)")
      ("policy-rev", po::value(&flags.policy_rev)->value_name("REV"),
       "read the manifest, schemas and allow rules from REV [the working tree]");
  po::options_description all;
  all.add(own).add(RuleOptionsDescription(flags.rules)).add(GlobalOptionsDescription(flags.global));
  ParseArguments(args, all, "history");
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
  if (!text) throw InputError("the allow rules file '" + manifest.allow + "' does not exist at " + flags.policy_rev);
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
  std::ofstream file;
  if (!global.output.empty()) {
    file.open(global.output, std::ios::binary | std::ios::trunc);
    if (!file) throw InputError("cannot write the report to '" + global.output + "'", "check the directory");
  }
  std::ostream& out = global.output.empty() ? std::cout : file;
  if (global.quiet && global.output.empty() && history.ExitCode() == 0) return;
  const bool color = global.output.empty() && global.color != "never" &&
                     (global.color == "always" || (isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR")));
  if (global.format == "json") WriteHistoryJson(history, out);
  else if (global.format == "markdown") WriteHistoryMarkdown(history, out);
  else WriteHistoryText(history, out, color);
  out.flush();
  if (!out) throw InputError("cannot write the report", "check the free disk space");
}

}  // namespace

int RunHistory(const std::vector<std::string>& args) {
  HistoryFlags flags;
  if (!ParseHistoryFlags(args, flags)) return 0;
  ValidateHistoryOutput(flags.global);
  const RuleOptions rule_options = ReadRuleOptions(flags.rules);

  const Repository repo = Repository::Discover(flags.global.repo);
  const Manifest manifest = LoadPolicy(repo, flags.global, flags.policy_rev);
  const RuleSet rules = LoadHistoryRules(repo, manifest, flags);
  const std::vector<const Source*> sources = SelectSources(manifest, flags.sources);

  // Each pair's findings are judged once, when first compared, and only the
  // failing ones are kept: a later commit with the same blobs reuses them
  // without copying, sorting or judging anything again.
  PairMemo memo;
  memo.replay = false;
  memo.reduce = [&](std::vector<Finding>& findings) {
    Report pair;
    pair.findings = std::move(findings);
    ApplyRules(pair, rules, rule_options);
    std::erase_if(pair.findings, [](const Finding& f) { return !IsTrackedDrift(f); });
    findings = std::move(pair.findings);
  };
  HistoryInput input;
  std::vector<std::string> notes;
  input.commits = Commits(repo, flags, notes);
  input.evaluate = [&](const std::string& sha) {
    CompareRunOptions options;
    options.sources = flags.sources;
    options.tolerate_unmatched = true;  // a source may not exist yet at older commits
    options.memo = &memo;
    memo.used.clear();
    CompareAll(repo, manifest, ChooseRevisions(manifest, {sha}, false), options);
    std::vector<const Finding*> failing;
    for (const PairMemo::Result* result : memo.used) {
      for (const Finding& f : result->findings) failing.push_back(&f);
    }
    return failing;
  };
  input.changed_paths = [&](const std::string& from, const std::string& to) { return repo.ChangedPaths(from, to); };
  input.progress = Progress();
  History history = TraceHistory(input, sources);
  history.notes.insert(history.notes.begin(), notes.begin(), notes.end());
  if (flags.global.verbose) {
    std::cerr << "driftcheck: " << history.evaluated << " of " << history.commits.size()
              << " commits evaluated, " << memo.hits() << " file pairs remembered\n";
  }
  Write(history, flags.global);
  return history.ExitCode();
}

}  // namespace driftcheck::cli
