#include "engine/plan.h"

#include <algorithm>
#include <set>

#include "core/error.h"
#include "core/strings.h"
#include "core/suggest.h"
#include "plan/other_spelling.h"
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

// ---- What each task needs to know before it runs ----------------------------

std::vector<std::string> BlobIds(const SideFiles& files, const Tree& tree) {
  std::vector<std::string> ids(files.layers.size());
  for (std::size_t i = 0; i < files.layers.size(); ++i) {
    if (!files.layer_exists[i]) continue;
    if (auto id = tree.BlobId(files.layers[i])) ids[i] = std::move(*id);
  }
  return ids;
}

// A later layer one environment has and the other lacks is likely a
// misnamed file: warn, naming the nearest file that exists.
std::vector<LayerGap> LayerGaps(const FilePair& pair, const Comparison& c, ListingCache& listings) {
  std::vector<LayerGap> gaps;
  if (!pair.left.present || !pair.right.present) return gaps;
  for (std::size_t i = 1; i < pair.left.layers.size(); ++i) {
    const bool l = pair.left.layer_exists[i], r = pair.right.layer_exists[i];
    if (l == r) continue;
    const SideSpec& missing = l ? c.right : c.left;
    const std::string& expected = (l ? pair.right : pair.left).layers[i];
    RejectOtherSpelling(*pair.source, *missing.env, *(l ? c.left : c.right).env, *missing.tree, expected, listings);
    gaps.push_back({i, !l, NearestFile(*missing.tree, expected, listings)});
  }
  return gaps;
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

Plan MakePlan(const Manifest& manifest, const std::vector<Comparison>& comparisons,
              const PlanOptions& options, ListingCache& listings) {
  Plan plan;
  for (const Source* source : SelectSources(manifest, options.sources)) {
    SourcePlan planned{source, plan.tasks.size(), 0, false};
    std::size_t applicable = 0;
    for (const Comparison& c : comparisons) {
      // One environment at two revisions compares every source.
      if (c.left.env->name != c.right.env->name && !source->Compares(c.left.env->name, c.right.env->name)) {
        continue;
      }
      ++applicable;
      for (FilePair& pair : PairFiles(*source, *c.left.env, *c.left.tree, *c.right.env, *c.right.tree, listings)) {
        PairTask task;
        task.left_blobs = BlobIds(pair.left, *c.left.tree);
        task.right_blobs = BlobIds(pair.right, *c.right.tree);
        task.layer_gaps = LayerGaps(pair, c, listings);
        task.pair = std::move(pair);
        task.comparison = c;
        task.one_sided = options.one_sided;
        plan.tasks.push_back(std::move(task));
      }
    }
    planned.tasks = plan.tasks.size() - planned.first_task;
    if (applicable == 0) continue;
    if (planned.tasks == 0) {
      if (options.tolerate_unmatched) continue;
      ThrowUnmatched(*source, manifest, comparisons, listings);
    }
    planned.needs_selection = !source->select.empty() && !options.tolerate_unmatched;
    plan.sources.push_back(planned);
  }
  return plan;
}

}  // namespace driftcheck
