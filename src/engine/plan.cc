#include "engine/plan.h"

#include <algorithm>
#include <set>
#include <span>

#include "config/loader.h"
#include "core/error.h"
#include "core/glob.h"
#include "core/strings.h"
#include "core/suggest.h"
#include "plan/other_spelling.h"
#include "schema/env_tokens.h"
#include "schema/normalize.h"

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

// Why a template that matches a file as written gave no pair: the file is
// left out by `exclude:`, or holds an environment no compared pair has.
// Empty when neither explains it.
std::string WhyMatchesDoNotCount(const PathTemplate& tmpl, const Environment& env,
                                 const std::vector<std::string>& files, const Manifest& manifest,
                                 const std::vector<std::string>& exclude) {
  auto environment_of = [&](const std::string& spelling) -> const Environment* {
    for (const Environment& e : manifest.environments) {
      const auto spellings = EnvSpellings(e);
      if (std::find(spellings.begin(), spellings.end(), spelling) != spellings.end()) return &e;
    }
    return nullptr;
  };
  // The file shown: one of `env`'s own, else one of another environment's.
  std::string file;
  const Environment* owner = nullptr;
  int best_rank = -1;
  for (const std::string& candidate : files) {
    const auto match = tmpl.Match(candidate, {});
    if (!match) continue;
    const auto at = match->find("env");
    const Environment* e = at == match->end() ? nullptr : environment_of(at->second);
    const int rank = e == &env ? 2 : e ? 1 : 0;
    if (rank > best_rank) file = candidate, owner = e, best_rank = rank;
  }
  if (file.empty()) return {};
  for (const std::string& glob : exclude) {
    if (GlobMatch(glob, file)) return "'" + file + "' matches it, but the source's 'exclude:' leaves it out";
  }
  if (!owner || owner == &env) return {};
  return "'" + file + "' matches it, but for environment '" + owner->name +
         "', which no compared pair holds: add a pair with it to 'compare:'";
}

// What the user probably meant by a template that matches nothing in one
// environment's tree: the nearest existing file, in the template's terms.
std::string NearMissHint(const PathTemplate& tmpl, const Environment& env, const Tree& tree,
                         const Manifest& manifest, ListingCache& listings, const std::vector<std::string>& exclude) {
  Bindings bound;
  if (tmpl.Has("env")) bound["env"] = env.name;
  const auto [dir, files] = NearestListing(tmpl, bound, tree, listings);
  if (files.empty()) return "the repository has no files at " + (dir.empty() ? "its root" : dir + "/");
  const auto template_segments = Split(tmpl.text(), '/');
  std::vector<std::string> spellings;
  for (const Environment& e : manifest.environments) {
    for (const std::string& s : EnvSpellings(e)) spellings.push_back(s);
  }
  std::set<std::string> candidates;
  for (const std::string& file : files) candidates.insert(AsTemplate(file, template_segments, spellings));
  std::string best;
  std::size_t best_distance = 0;
  for (const std::string& candidate : candidates) {
    const std::size_t d = EditDistance(candidate, tmpl.text());
    if (best.empty() || d < best_distance) best = candidate, best_distance = d;
  }
  if (best_distance == 0) {
    if (std::string why = WhyMatchesDoNotCount(tmpl, env, files, manifest, exclude); !why.empty()) return why;
  }
  if (best_distance * 3 <= tmpl.text().size()) return "did you mean '" + best + "'?";
  std::string shown;
  for (std::size_t i = 0; i < files.size() && i < 3; ++i) shown += (i ? ", " : "") + files[i];
  return "files under " + (dir.empty() ? "the root" : dir + "/") + " include " + shown +
         (files.size() > 3 ? ", ..." : "");
}

std::string UnmatchedHint(const Source& source, const Manifest& manifest,
                          const std::vector<Comparison>& comparisons, ListingCache& listings) {
  for (const Comparison& c : comparisons) {
    for (const SideSpec* side : {&c.left, &c.right}) {
      const PathTemplate* first = source.FirstTemplateFor(side->env->name);
      if (first) return NearMissHint(*first, *side->env, *side->tree, manifest, listings, source.exclude);
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

// Layers whose first layer is the same file for every environment, and whose
// every {env} layer exists for no environment: each side read only the shared
// layers, so every pair would compare the base with itself and pass.
void RejectSharedLayersOnly(const Source& source, const Manifest& manifest,
                            std::span<const PairTask> tasks, const std::vector<Comparison>& comparisons,
                            ListingCache& listings) {
  if (!source.env_paths.empty() || source.layers.size() < 2 || source.layers.front().Has("env")) return;
  // select: "{env}" reads each environment's own subtree of the shared file.
  for (const std::string& key : source.select) {
    if (key.find("{env}") != std::string::npos) return;
  }
  std::vector<std::size_t> env_layers;
  for (std::size_t i = 1; i < source.layers.size(); ++i) {
    if (source.layers[i].Has("env")) env_layers.push_back(i);
  }
  if (env_layers.empty()) return;
  for (const PairTask& task : tasks) {
    for (const SideFiles* side : {&task.pair.left, &task.pair.right}) {
      if (!side->present) continue;
      for (std::size_t i : env_layers) {
        if (i < side->layer_exists.size() && side->layer_exists[i]) return;
      }
    }
  }
  // The layer matches a file elsewhere (an environment this run does not
  // compare, another chart's overrides): the template is right, and the
  // compared files simply have no overrides of their own.
  std::set<std::string> spellings;
  for (const Environment& env : manifest.environments) {
    for (const std::string& spelling : EnvSpellings(env)) spellings.insert(spelling);
  }
  for (const Comparison& c : comparisons) {
    for (const SideSpec* side : {&c.left, &c.right}) {
      for (std::size_t i : env_layers) {
        const PathTemplate& layer = source.layers[i];
        for (const std::string& file : listings.List(*side->tree, layer.DirectoryPrefix({}))) {
          const auto match = layer.Match(file, {});
          if (match && spellings.contains(match->at("env"))) return;
        }
      }
    }
  }
  const PathTemplate& layer = source.layers[env_layers.front()];
  std::string hint = comparisons.empty() ? std::string()
                                         : NearMissHint(layer, *comparisons.front().left.env,
                                                        *comparisons.front().left.tree, manifest, listings,
                                                        source.exclude);
  if (hint.empty()) hint = "spell the layer as the files are named, or remove it";
  throw SharedLayersOnlyError(layer.location(),
                              "source '" + source.name + "': layer '" + layer.text() +
                                  "' matches no file for any environment, so every environment would read only '" +
                                  source.layers.front().text() + "' and always be equal",
                              hint);
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
// misnamed file: warn, naming the nearest file that exists, except a file a
// layer of the source reads for some environment: another environment's own
// layer (application-dev.properties is not a misnamed
// application-qa.properties), or another layer of this one (with layers
// values.yaml, values-{env}.yaml and values-{env}-extra.yaml,
// values-production.yaml is matched as it should be, not a misnamed
// values-production-extra.yaml).
std::string NearestMisnamedLayer(const FilePair& pair, const Manifest& manifest, const Tree& tree,
                                 const std::string& expected, ListingCache& listings) {
  std::set<std::string> layers;
  for (const Environment& env : manifest.environments) {
    for (const std::string& spelling : EnvSpellings(env)) {
      Bindings bound = pair.placeholders;
      bound["env"] = spelling;
      for (const PathTemplate& layer : pair.source->layers) layers.insert(layer.Expand(bound));
    }
  }
  return NearestFile(tree, expected, listings, layers);
}

std::vector<LayerGap> LayerGaps(const FilePair& pair, const Comparison& c, const Manifest& manifest,
                                ListingCache& listings) {
  std::vector<LayerGap> gaps;
  if (!pair.left.present || !pair.right.present) return gaps;
  for (std::size_t i = 1; i < pair.left.layers.size(); ++i) {
    const bool l = pair.left.layer_exists[i], r = pair.right.layer_exists[i];
    if (l == r) continue;
    const SideSpec& missing = l ? c.right : c.left;
    const std::string& expected = (l ? pair.right : pair.left).layers[i];
    RejectOtherSpelling(*pair.source, *missing.env, *(l ? c.left : c.right).env, *missing.tree, expected, listings);
    gaps.push_back({i, !l, NearestMisnamedLayer(pair, manifest, *missing.tree, expected, listings)});
  }
  return gaps;
}

// Whether a normalization behaviour that depends on the environment, or
// that raises a finding on equal values, is set anywhere for the source.
bool SetsAnywhere(const Source& source, bool (*sets)(const DriftSettings&)) {
  for (const auto& rule : source.normalize.rules) {
    if (sets(rule.settings)) return true;
  }
  const Schema* schema = source.normalizer ? source.normalizer->schema() : nullptr;
  if (!schema) return false;
  for (std::size_t i = 0; i < schema->size(); ++i) {
    if (sets(schema->node(static_cast<int>(i)).drift)) return true;
  }
  return false;
}

bool SetsEnvTokens(const DriftSettings& s) { return s.env_tokens && *s.env_tokens != EnvTokens::kOff; }
bool SetsMustDiffer(const DriftSettings& s) { return s.must_differ.value_or(false); }

// Two sides that hold the same blobs, read the same way, and whose policy
// raises nothing on equal values cannot differ: no comparison can find
// anything, so none is made.
bool Identical(const PairTask& task, const Manifest& manifest) {
  const FilePair& pair = task.pair;
  const Source& source = *pair.source;
  if (!pair.left.present || !pair.right.present) return false;
  if (pair.left.layer_exists != pair.right.layer_exists || task.left_blobs != task.right_blobs) return false;
  for (std::size_t i = 0; i < pair.left.layers.size(); ++i) {
    if (pair.left.layer_exists[i] && task.left_blobs[i].empty()) return false;  // unknown: compare
    if (FormatForPath(pair.left.layers[i]) != FormatForPath(pair.right.layers[i]) && source.format.empty()) {
      return false;
    }
  }
  if (SetsAnywhere(source, SetsMustDiffer)) return false;
  // One environment at two revisions reads the same subtree with the same
  // tokens, and keeps its secrets (no reuse).
  if (task.comparison.left.env == task.comparison.right.env) return true;
  return source.select.empty() && !manifest.report_same_secret && !SetsAnywhere(source, SetsEnvTokens);
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
        task.layer_gaps = LayerGaps(pair, c, manifest, listings);
        task.pair = std::move(pair);
        task.comparison = c;
        task.one_sided = options.one_sided;
        task.identical = !options.one_sided && Identical(task, manifest);
        plan.tasks.push_back(std::move(task));
      }
    }
    planned.tasks = plan.tasks.size() - planned.first_task;
    if (applicable == 0) continue;
    if (planned.tasks == 0) {
      if (options.tolerate_unmatched) continue;
      ThrowUnmatched(*source, manifest, comparisons, listings);
    }
    if (!options.tolerate_unmatched || options.refuse_shared_layers_only) {
      RejectSharedLayersOnly(*source, manifest, std::span(plan.tasks).subspan(planned.first_task), comparisons,
                             listings);
    }
    planned.needs_selection = !source->select.empty() && !options.tolerate_unmatched;
    plan.sources.push_back(planned);
  }
  return plan;
}

}  // namespace driftcheck
