// `driftcheck diff A B [PATH...]`: any two sides, each an environment at a
// revision (`production@v1.4.0 production@HEAD`, `staging production@abc123`),
// through the same load, normalize, diff and report stages as `check`. No
// allow rules unless --rules asks for them.

#include <algorithm>
#include <iostream>
#include <set>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/rule_flags.h"
#include "core/error.h"
#include "core/secrets.h"
#include "core/suggest.h"
#include "path/path.h"
#include "path/path_pattern.h"
#include "cli/compare_run.h"
#include "engine/explain.h"
#include "engine/session.h"

namespace po = boost::program_options;

namespace driftcheck::cli {
namespace {

constexpr const char* kUsage = R"(usage: driftcheck diff [options] A B [PATH...]

Compare two sides, each ENV or ENV@REV: one environment at two revisions
(what changed in production since the release?) or two environments at any
revisions. A side without @REV is read at HEAD (the working tree with
--worktree). Every source of the manifest is compared; PATH patterns, written
as allow rules write paths, keep only the findings at or below them (a PATH
that matches nothing on either side is an error, with "did you mean"). As in
check, a source matching no file on either side, or whose select: finds
nothing on either side, is an error. Allow rules apply only with --rules. Exit status: 0 equal, 1 different, 2 could
not run.

examples:
  driftcheck diff production@v1.4.0 production@HEAD
  driftcheck diff staging production@abc123 database.pool_size
  driftcheck diff staging@HEAD~3 staging 'env.SENTRY_*' 'routes[name=health]'
  driftcheck diff --worktree production@HEAD production   # my uncommitted edits
  driftcheck diff stg prod --rules --format markdown -o drift.md)";

struct DiffFlags {
  GlobalOptions global;
  std::vector<std::string> operands;  ///< A, B, then PATH...
  bool worktree = false;
  RevisionFlags revisions;  ///< only --source, -j and the cache options are read
  std::string rules_file;  ///< --rules[=FILE]: "" = the manifest's allow: file
  bool with_rules = false;
  std::string today;
};

/// One side as written: `production@v1.4.0`, `prod`, `staging@HEAD~3`.
struct SideArg {
  const Environment* env = nullptr;
  std::string revspec;  ///< "" when none was written
};

SideArg ParseSide(const std::string& text, const Manifest& manifest) {
  const std::size_t at = text.find('@');
  const std::string name = text.substr(0, at);
  SideArg side;
  side.env = manifest.FindEnvironment(name);
  if (!side.env) {
    std::string hint = DidYouMean(name, manifest.EnvironmentNames());
    if (hint.empty()) {
      hint = "environments:";
      for (const std::string& env : manifest.EnvironmentNames()) hint += " " + env;
    }
    throw InputError("unknown environment '" + name + "' in '" + text + "'", hint);
  }
  if (at != std::string::npos) {
    side.revspec = text.substr(at + 1);
    if (side.revspec.empty()) throw InputError("'" + text + "' names no revision after '@'", "e.g. production@v1.4.0");
  }
  return side;
}

// One environment at two revisions is told apart by its revisions: both
// sides say theirs. Two environments say a revision only when given one.
std::pair<std::string, std::string> Labels(const SideArg& a, const SideArg& b, const std::string& a_rev,
                                           const std::string& b_rev) {
  if (a.env != b.env) {
    return {a.revspec.empty() ? a.env->name : a.env->name + "@" + a.revspec,
            b.revspec.empty() ? b.env->name : b.env->name + "@" + b.revspec};
  }
  return {a.env->name + "@" + a_rev, b.env->name + "@" + b_rev};
}

// A path filter keeps a finding at a matching path or below one, and every
// finding about a whole file (a missing or unreadable file holds the path too).
bool Wanted(const Finding& f, const std::vector<PathPattern>& patterns) {
  if (patterns.empty() || f.path.empty()) return true;
  const auto segments = ParseFindingPath(f.path);
  if (!segments) return true;
  for (std::size_t n = 1; n <= segments->size(); ++n) {
    const std::vector<PathSegment> prefix(segments->begin(), segments->begin() + static_cast<long>(n));
    for (const PathPattern& p : patterns) {
      if (p.Matches(prefix)) return true;
    }
  }
  return false;
}

std::vector<PathPattern> ParsePatterns(const std::vector<std::string>& texts) {
  std::vector<PathPattern> out;
  for (const std::string& text : texts) {
    try {
      out.push_back(PathPattern::Parse(text));
    } catch (const PathSyntaxError& e) {
      throw InputError("PATH '" + text + "': " + e.message + " (at byte " + std::to_string(e.offset + 1) + ")",
                       "write paths as allow rules do: database.pool_size, routes[name=health].timeout");
    }
  }
  return out;
}

// No silent pass: a PATH that matches no path either side holds (a typo)
// would filter every finding away and print "no drift".
void RejectUnmatchedPatterns(const std::vector<PathPattern>& patterns, const std::vector<std::string>& texts,
                             const Plan& plan, const std::vector<PairResult>& results, const Manifest& manifest,
                             const std::string& a_label, const std::string& b_label) {
  const SecretMatcher secrets(manifest.secret_keys);
  std::set<std::string> shown;  // as the diff compared them: normalized
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Boxed<PairTrace>& trace = results[i].trace;
    if (!trace) continue;
    CollectShownPaths(*plan.tasks[i].pair.source, trace->left.normalized, trace->right.normalized, secrets, shown);
  }
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    const bool found = std::any_of(shown.begin(), shown.end(), [&](const std::string& path) {
      const auto segments = ParseFindingPath(path);
      return segments && patterns[i].Matches(*segments);
    });
    if (found) continue;
    std::string hint = DidYouMean(texts[i], {shown.begin(), shown.end()});
    throw InputError("PATH '" + texts[i] + "' matches no path in " + a_label + " or " + b_label,
                     hint.empty() ? "paths are written as reports print them: database.pool_size" : hint);
  }
}

bool ParseDiffFlags(const std::vector<std::string>& args, DiffFlags& flags) {
  po::options_description own("Diff options");
  own.add_options()
      ("worktree", po::bool_switch(&flags.worktree), "read a side without @REV from the working tree")
      ("source", po::value(&flags.revisions.sources)->value_name("NAME")->composing(),
       "compare only this source (repeatable)")
      ("rules", po::value(&flags.rules_file)->implicit_value("")->value_name("[=FILE]"),
       "apply allow rules: the manifest's 'allow:' file, or FILE")
      ("today", po::value(&flags.today)->value_name("YYYY-MM-DD"), "judge rule expiry as of this day [today]")
      ("jobs,j", po::value(&flags.revisions.jobs)->value_name("N"), "evaluate N file pairs at once [one per core]");
  AddCacheOptions(own, flags.revisions);
  po::options_description hidden;
  hidden.add_options()("operand", po::value(&flags.operands)->composing());
  po::options_description all;
  all.add(own).add(GlobalOptionsDescription(flags.global)).add(hidden);
  po::positional_options_description positional;
  positional.add("operand", -1);
  const po::variables_map vm = ParseArguments(args, all, "diff", &positional);
  if (flags.global.help) {
    po::options_description shown;
    shown.add(own).add(GlobalOptionsDescription(flags.global));
    std::cout << kUsage << '\n' << shown << '\n';
    return false;
  }
  flags.with_rules = vm.count("rules") > 0;
  if (flags.operands.size() < 2) {
    throw InputError("diff needs two sides, ENV[@REV] each", "e.g. driftcheck diff production@v1.4.0 production@HEAD");
  }
  return true;
}

}  // namespace

int RunDiff(const std::vector<std::string>& args) {
  DiffFlags flags;
  if (!ParseDiffFlags(args, flags)) return 0;
  ValidateGlobalOptions(flags.global);
  RuleFlags rule_flags;
  rule_flags.rules_file = flags.rules_file;
  rule_flags.today = flags.today;
  const RuleOptions rule_options = ReadRuleOptions(rule_flags);
  const std::vector<std::string> pattern_texts(flags.operands.begin() + 2, flags.operands.end());
  const std::vector<PathPattern> patterns = ParsePatterns(pattern_texts);

  const Repository repo = Repository::Discover(flags.global.repo);
  const Manifest manifest = LoadPolicy(repo, flags.global);
  const RuleSet rules = flags.with_rules ? LoadRuleSet(repo, manifest, rule_flags) : RuleSet{};
  const SideArg a = ParseSide(flags.operands[0], manifest), b = ParseSide(flags.operands[1], manifest);
  const std::string unrevisioned = flags.worktree ? "worktree" : "HEAD";
  const std::string a_rev = a.revspec.empty() ? unrevisioned : a.revspec;
  const std::string b_rev = b.revspec.empty() ? unrevisioned : b.revspec;
  if (a.env == b.env && a_rev == b_rev) {
    throw InputError("both sides are " + a.env->name + " at " + a_rev,
                     "give one side another revision: " + a.env->name + "@HEAD~1 " + a.env->name);
  }
  const auto [a_label, b_label] = Labels(a, b, a_rev, b_rev);

  // Each side's tree, opened once per distinct revision.
  std::map<std::string, RevisionChoice> choices;
  std::vector<std::unique_ptr<Tree>> trees;
  std::vector<EnvironmentRun> runs;
  auto open = [&](const std::string& label, const std::string& rev) -> const Tree* {
    const bool worktree = rev == "worktree";
    const std::string sha = worktree ? "worktree" : repo.ResolveCommit(rev);
    trees.push_back(worktree ? repo.OpenWorktree() : repo.OpenCommit(sha));
    runs.push_back({label, rev, sha});
    if (flags.global.verbose) std::cerr << "driftcheck: " << label << " at " << sha << '\n';
    return trees.back().get();
  };
  const Comparison comparison{{a_label, a.env, open(a_label, a_rev)}, {b_label, b.env, open(b_label, b_rev)}};

  // The sides are this command's own; the session is wired as every command's.
  SessionWiring wiring(repo, manifest, RequestFor(manifest, flags.revisions, flags.global));
  SessionOptions options = wiring.Options();
  // Base compared with base would print "no drift" for a misspelt {env} layer.
  options.refuse_shared_layers_only = true;
  // PATH patterns are checked against what the sides hold (their traces).
  options.trace = !patterns.empty();
  Session session(manifest, std::move(options));
  // No silent pass: as `check` does, a source matching no file on either side
  // and a `select` finding its subtree on neither side are errors (a source on
  // one side only is a missing-file finding).
  const Sides sides{{comparison}, runs, false};
  Report report;
  if (patterns.empty()) {
    report = session.Compare(sides);
  } else {
    const Plan plan = session.MakePlan(sides);
    std::vector<PairResult> results = session.Evaluate(plan);
    report = session.Collect(sides, plan, results);  // a `select` found nowhere is refused first
    RejectUnmatchedPatterns(patterns, pattern_texts, plan, results, manifest, a_label, b_label);
  }
  wiring.Finish();
  if (report.file_pairs == 0) {
    throw InputError("no source has a file for " + a_label + " or " + b_label,
                     a.env == b.env ? "check the revisions: the sources' files may not exist there yet"
                                    : "check the manifest's sources and their compare: pairs");
  }
  Verdicts verdicts;
  verdicts.rules = flags.with_rules ? &rules : nullptr;
  verdicts.rule_options = rule_options;
  Judge(report, verdicts, nullptr);
  erase_if(report.findings, [&](const Finding& f) { return !Wanted(f, patterns); });
  report.Finalize();
  WriteReport(report, flags.global);
  SayUnreadableFiles(report);
  return report.ExitCode();
}

}  // namespace driftcheck::cli
