#include "engine/run.h"

#include <algorithm>
#include <future>
#include <set>

#include "core/error.h"
#include "core/strings.h"
#include "core/suggest.h"
#include "normalize/normalize.h"
#include "plan/pairing.h"
#include "schema/env_tokens.h"

namespace driftcheck {
namespace {

// ---- A source that matched nothing: what the user probably meant ----------

// The existing file rewritten in the template's terms: the environment's name
// becomes {env}, and a segment the template fills with one placeholder takes it.
std::string AsTemplate(const std::string& file, const std::vector<std::string_view>& template_segments,
                       const std::vector<std::string>& spellings) {
  const auto file_segments = Split(file, '/');
  std::string out;
  for (std::size_t i = 0; i < file_segments.size(); ++i) {
    std::string segment(file_segments[i]);
    if (i < template_segments.size()) {
      const std::string_view t = template_segments[i];
      const bool lone_placeholder = t.size() > 2 && t.front() == '{' && t.back() == '}' &&
                                    t.find('{', 1) == std::string_view::npos;
      segment = lone_placeholder && t != "{env}" ? std::string(t) : ReplaceEnvTokens(segment, spellings);
    }
    out += (i ? "/" : "") + segment;
  }
  return out;
}

// The deepest existing directory on the template's fixed prefix, and its files.
std::pair<std::string, std::vector<std::string>> NearestListing(const PathTemplate& first,
                                                                const Bindings& bound,
                                                                const Tree& tree,
                                                                ListingCache& listings) {
  std::string dir = first.DirectoryPrefix(bound);
  for (;;) {
    const auto& files = listings.List(tree, dir);
    if (!files.empty() || dir.empty()) return {dir, files};
    const std::size_t slash = dir.rfind('/');
    dir = slash == std::string::npos ? "" : dir.substr(0, slash);
  }
}

std::string UnmatchedHint(const Source& source, const Manifest& manifest,
                          const std::vector<Comparison>& comparisons, ListingCache& listings) {
  for (const Comparison& c : comparisons) {
    for (const SideSpec* side : {&c.left, &c.right}) {
      const PathTemplate* first = source.FirstTemplateFor(side->env->name);
      if (!first) continue;
      Bindings bound;
      if (first->Has("env")) bound["env"] = side->env->name;
      const auto [dir, files] = NearestListing(*first, bound, *side->tree, listings);
      if (files.empty()) return "the repository has no files at " + (dir.empty() ? "its root" : dir + "/");
      const auto template_segments = Split(first->text(), '/');
      std::vector<std::string> spellings;
      for (const Environment& env : manifest.environments) {
        for (const std::string& s : EnvSpellings(env)) spellings.push_back(s);
      }
      std::set<std::string> candidates;
      for (const std::string& file : files) candidates.insert(AsTemplate(file, template_segments, spellings));
      std::string best;
      std::size_t best_distance = 0;
      for (const std::string& candidate : candidates) {
        const std::size_t d = EditDistance(candidate, first->text());
        if (best.empty() || d < best_distance) best = candidate, best_distance = d;
      }
      if (best_distance * 3 <= first->text().size()) return "did you mean '" + best + "'?";
      std::string shown;
      for (std::size_t i = 0; i < files.size() && i < 3; ++i) shown += (i ? ", " : "") + files[i];
      return "files under " + (dir.empty() ? "the root" : dir + "/") + " include " + shown +
             (files.size() > 3 ? ", ..." : "");
    }
  }
  return {};
}

[[noreturn]] void ThrowUnmatched(const Source& source, const Manifest& manifest,
                                 const std::vector<Comparison>& comparisons, ListingCache& listings) {
  std::string what = source.env_paths.empty() ? "'" + source.layers.front().text() + "'" : "its 'paths'";
  throw InputError(source.location,
                   "source '" + source.name + "': no file matches " + what + " in any compared environment",
                   UnmatchedHint(source, manifest, comparisons, listings));
}

// ---- The pipeline for one file pair ----------------------------------------

class PairRunner {
 public:
  PairRunner(const Manifest& manifest, const RunOptions& options)
      : secrets_(manifest.secret_keys), report_same_secret_(manifest.report_same_secret), options_(options) {
    context_.cache = &cache_;
    context_.limits = options.limits;
    context_.secrets = &secrets_;
  }

  /// Compares one pair; returns whether either side had the `select` subtree.
  bool Run(const FilePair& pair, const Comparison& c, ListingCache& listings,
           std::vector<Finding>& out) {
    const Source& source = *pair.source;
    FindingBuilder builder(pair, c.left, c.right, secrets_, report_same_secret_, out);
    auto [left, right] = LoadBoth(pair, c);
    if (options_.log) {
      for (const auto* side : {&left, &right}) {
        for (const std::string& read : side->read) options_.log(read);
      }
    }
    ReportMissingLayers(pair, c, listings, builder);
    for (const LoadWarning& w : left.warnings) builder.AddLoadWarning(w, true);
    for (const LoadWarning& w : right.warnings) builder.AddLoadWarning(w, false);
    if (left.invalid) builder.AddInvalidFile(left, true);
    if (right.invalid) builder.AddInvalidFile(right, false);
    if (left.invalid || right.invalid) return true;  // compared less: the exit code says so
    for (const auto& problem : NormalizeSide(source, *c.left.env, left)) builder.AddProblem(problem, true);
    for (const auto& problem : NormalizeSide(source, *c.right.env, right)) builder.AddProblem(problem, false);
    const auto policy = PolicyFor(source);
    const SecretKeyPolicy secret_policy(*policy, secrets_, SelectIsSecret(source));
    builder.Compare(left, right, secret_policy);
    return left.present || right.present;
  }

 private:
  // The two sides parse in parallel: parsing is most of a run's time. One
  // environment read against itself (validate) is loaded once.
  std::pair<LoadedSide, LoadedSide> LoadBoth(const FilePair& pair, const Comparison& c) {
    const Source& source = *pair.source;
    if (c.left.env == c.right.env && c.left.tree == c.right.tree && pair.left.layers == pair.right.layers) {
      LoadedSide side = LoadSide(source, pair.left, *c.left.env, *c.left.tree, context_);
      return {side, side};
    }
    auto left = std::async(std::launch::async, [&] {
      return LoadSide(source, pair.left, *c.left.env, *c.left.tree, context_);
    });
    LoadedSide right = LoadSide(source, pair.right, *c.right.env, *c.right.tree, context_);
    return {left.get(), std::move(right)};
  }

  // A later layer one environment has and the other lacks is likely a
  // misnamed file: warn, naming the nearest file that exists.
  static void ReportMissingLayers(const FilePair& pair, const Comparison& c, ListingCache& listings,
                                  FindingBuilder& builder) {
    if (!pair.left.present || !pair.right.present) return;
    for (std::size_t i = 1; i < pair.left.layers.size(); ++i) {
      const bool l = pair.left.layer_exists[i], r = pair.right.layer_exists[i];
      if (l == r) continue;
      const SideSpec& missing = l ? c.right : c.left;
      const std::string& expected = (l ? pair.right : pair.left).layers[i];
      builder.AddLayerMissing(i, !l, NearestFile(*missing.tree, expected, listings));
    }
  }

  bool SelectIsSecret(const Source& source) const {
    return std::any_of(source.select.begin(), source.select.end(),
                       [&](const std::string& key) { return secrets_.IsSecretKey(key); });
  }

  SecretMatcher secrets_;
  bool report_same_secret_;
  const RunOptions& options_;
  LoadCache cache_;
  LoadContext context_;
};

FilePairRecord RecordOf(const FilePair& pair, const Comparison& c) {
  return {pair.source->name,
          {pair.placeholders.begin(), pair.placeholders.end()},
          c.left.label,
          c.right.label,
          pair.left.present ? pair.left.layers.front() : "",
          pair.right.present ? pair.right.layers.front() : ""};
}

// A pair whose blobs a memo has seen gives its remembered findings.
bool RunRemembered(PairRunner& runner, const FilePair& pair, const Comparison& c, ListingCache& listings,
                   PairMemo* memo, std::vector<Finding>& out) {
  const auto key = memo ? PairMemo::Key(pair, c.left, c.right) : std::nullopt;
  if (!key) return runner.Run(pair, c, listings, out);
  if (const PairMemo::Result* known = memo->Find(*key)) {
    memo->used.push_back(known);
    if (memo->replay) out.insert(out.end(), known->findings.begin(), known->findings.end());
    return known->selected;
  }
  PairMemo::Result result;
  result.selected = runner.Run(pair, c, listings, result.findings);
  if (memo->reduce) memo->reduce(result.findings);
  const PairMemo::Result& stored = memo->Store(*key, std::move(result));
  memo->used.push_back(&stored);
  out.insert(out.end(), stored.findings.begin(), stored.findings.end());
  return stored.selected;
}

}  // namespace

std::vector<const Source*> SelectSources(const Manifest& manifest, const std::vector<std::string>& names) {
  std::vector<std::string> known;
  for (const Source& source : manifest.sources) known.push_back(source.name);
  for (const std::string& name : names) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string hint = DidYouMean(name, known);
      if (hint.empty()) {
        hint = "sources:";
        for (const std::string& k : known) hint += " " + k;
      }
      throw InputError("unknown source '" + name + "' in --source", hint);
    }
  }
  std::vector<const Source*> selected;
  for (const Source& source : manifest.sources) {
    if (names.empty() || std::find(names.begin(), names.end(), source.name) != names.end()) {
      selected.push_back(&source);
    }
  }
  return selected;
}

Report BuildReport(const Manifest& manifest, const std::vector<Comparison>& comparisons,
                   const std::vector<EnvironmentRun>& environments, const RunOptions& options) {
  Report report;
  report.tool_version = DRIFTCHECK_VERSION;
  report.environments = environments;
  for (const Comparison& c : comparisons) report.compared.emplace_back(c.left.label, c.right.label);
  ListingCache listings;
  PairRunner runner(manifest, options);
  for (const Source* source : SelectSources(manifest, options.sources)) {
    std::size_t pairs = 0, applicable = 0;
    bool selected_somewhere = false;
    for (const Comparison& c : comparisons) {
      // One environment at two revisions compares every source.
      if (c.left.env->name != c.right.env->name && !source->Compares(c.left.env->name, c.right.env->name)) {
        continue;
      }
      ++applicable;
      for (const FilePair& pair :
           PairFiles(*source, *c.left.env, *c.left.tree, *c.right.env, *c.right.tree, listings)) {
        ++pairs;
        selected_somewhere |= RunRemembered(runner, pair, c, listings, options.memo, report.findings);
        report.pairs.push_back(RecordOf(pair, c));
      }
    }
    if (applicable == 0 || (pairs == 0 && options.tolerate_unmatched)) continue;
    if (pairs == 0) ThrowUnmatched(*source, manifest, comparisons, listings);
    if (!source->select.empty() && !selected_somewhere && !options.tolerate_unmatched) {
      throw InputError(source->location,
                       "source '" + source->name + "': 'select' finds its subtree in no compared environment",
                       "check the key path in 'select' against the file");
    }
    report.file_pairs += pairs;
  }
  report.Finalize();
  return report;
}

}  // namespace driftcheck
