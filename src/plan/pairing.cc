#include "plan/pairing.h"

#include <algorithm>

#include "core/error.h"
#include "core/glob.h"
#include "core/suggest.h"

namespace driftcheck {
namespace {

std::string ParentDirectory(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

bool Excluded(const Source& source, const std::string& path) {
  return std::any_of(source.exclude.begin(), source.exclude.end(),
                     [&](const std::string& glob) { return GlobMatch(glob, path); });
}

struct Match {
  std::string path;
  std::string spelling;  // how {env} was written in it ("" without {env})
};

// The first layer's matches in `tree` for one environment, keyed by the other
// placeholders; each spelling of the environment's name is tried.
std::map<Bindings, Match> MatchFirstLayer(const Source& source, const Environment& env,
                                          const Tree& tree, ListingCache& listings) {
  std::map<Bindings, Match> found;
  const PathTemplate* first = source.FirstTemplateFor(env.name);
  if (!first) return found;
  const std::vector<std::string> spellings =
      first->Has("env") ? EnvSpellings(env) : std::vector<std::string>{""};
  for (const std::string& spelling : spellings) {
    Bindings bound;
    if (first->Has("env")) bound["env"] = spelling;
    for (const std::string& path : listings.List(tree, first->DirectoryPrefix(bound))) {
      auto values = first->Match(path, bound);
      if (!values || Excluded(source, path)) continue;
      values->erase("env");
      auto [it, inserted] = found.emplace(std::move(*values), Match{path, spelling});
      if (!inserted && it->second.spelling != spelling) {
        throw InputError(source.location, "source '" + source.name + "': environment '" + env.name +
                                              "' has two files for one configuration: " +
                                              it->second.path + " and " + path,
                         "keep one of them, or remove the alias that makes both match");
      }
      // Same spelling twice: the listing is sorted, so the first match wins.
    }
  }
  return found;
}

// A later layer's path for the environment: the spelling that exists, else
// the one the first layer used (the layer is then missing).
std::string ExpandLayer(const PathTemplate& layer, const Environment& env, Bindings values,
                        const std::string& first_spelling, const Tree& tree, ListingCache& listings) {
  if (!layer.Has("env")) return layer.Expand(values);
  for (const std::string& spelling : EnvSpellings(env)) {
    values["env"] = spelling;
    std::string path = layer.Expand(values);
    if (listings.Exists(tree, path)) return path;
  }
  values["env"] = first_spelling.empty() ? env.name : first_spelling;
  return layer.Expand(values);
}

SideFiles ExpandLayers(const Source& source, const Environment& env, const Bindings& key,
                       const Match* match, const Tree& tree, ListingCache& listings) {
  SideFiles side;
  side.present = match != nullptr;
  const std::string spelling = match ? match->spelling : env.name;
  const PathTemplate* first = source.FirstTemplateFor(env.name);
  Bindings values = key;
  values["env"] = spelling;
  side.layers.push_back(match ? match->path : first ? first->Expand(values) : "");
  side.layer_exists.push_back(side.present);
  for (std::size_t i = 1; i < source.layers.size(); ++i) {
    side.layers.push_back(ExpandLayer(source.layers[i], env, key, spelling, tree, listings));
    side.layer_exists.push_back(listings.Exists(tree, side.layers.back()));
  }
  return side;
}

}  // namespace

const std::vector<std::string>& ListingCache::List(const Tree& tree, const std::string& prefix) {
  auto key = std::make_pair(&tree, prefix);
  auto it = listings_.find(key);
  if (it == listings_.end()) it = listings_.emplace(std::move(key), tree.ListFiles(prefix)).first;
  return it->second;
}

bool ListingCache::Exists(const Tree& tree, const std::string& path) {
  const auto& files = List(tree, ParentDirectory(path));
  return std::binary_search(files.begin(), files.end(), path);
}

std::vector<std::string> EnvSpellings(const Environment& env) {
  std::vector<std::string> names = {env.name};
  names.insert(names.end(), env.aliases.begin(), env.aliases.end());
  return names;
}

std::string NearestFile(const Tree& tree, const std::string& expected, ListingCache& listings,
                        const std::set<std::string>& excluded) {
  const std::string dir = ParentDirectory(expected);
  std::vector<std::string> siblings;
  for (const std::string& file : listings.List(tree, dir)) {
    if (ParentDirectory(file) == dir && file != expected && !excluded.contains(file)) siblings.push_back(file);
  }
  std::string best;
  std::size_t best_distance = 0;
  for (const std::string& file : siblings) {
    const std::size_t d = EditDistance(file, expected);
    if (best.empty() || d < best_distance) best = file, best_distance = d;
  }
  // Only a plausible near miss: at most half the name changed.
  const std::size_t name_length = expected.size() - dir.size();
  return !best.empty() && best_distance * 2 <= name_length ? best : std::string();
}

std::vector<FilePair> PairFiles(const Source& source, const Environment& left_env,
                                const Tree& left_tree, const Environment& right_env,
                                const Tree& right_tree, ListingCache& listings) {
  const auto left = MatchFirstLayer(source, left_env, left_tree, listings);
  const auto right = MatchFirstLayer(source, right_env, right_tree, listings);
  std::map<Bindings, FilePair> pairs;
  for (const auto* side : {&left, &right}) {
    for (const auto& [key, match] : *side) {
      FilePair& pair = pairs[key];
      pair.source = &source;
      pair.placeholders = key;
    }
  }
  std::vector<FilePair> out;
  for (auto& [key, pair] : pairs) {
    auto l = left.find(key), r = right.find(key);
    pair.left = ExpandLayers(source, left_env, key, l == left.end() ? nullptr : &l->second, left_tree,
                             listings);
    pair.right = ExpandLayers(source, right_env, key, r == right.end() ? nullptr : &r->second,
                              right_tree, listings);
    out.push_back(std::move(pair));
  }
  return out;
}

}  // namespace driftcheck
