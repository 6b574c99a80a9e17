#include "manifest/pairing.h"

#include <map>

namespace driftcheck {
namespace {

// The first layer's matches for one environment, keyed by the other placeholders.
std::map<Bindings, std::string> MatchFirstLayer(const Source& source, const Environment& env,
                                                const Tree& tree) {
  const PathTemplate& first = source.layers.front();
  Bindings bound;
  if (first.Has("env")) bound["env"] = env.name;
  std::map<Bindings, std::string> found;
  for (const std::string& path : tree.ListFiles(first.DirectoryPrefix(bound))) {
    auto values = first.Match(path, bound);
    if (!values) continue;
    values->erase("env");
    found.emplace(std::move(*values), path);  // listing is sorted: the first match wins
  }
  return found;
}

SideFiles ExpandLayers(const Source& source, const Environment& env, const Bindings& key,
                       bool present) {
  SideFiles side;
  side.present = present;
  Bindings values = key;
  values["env"] = env.name;
  for (const PathTemplate& layer : source.layers) side.layers.push_back(layer.Expand(values));
  return side;
}

}  // namespace

std::vector<FilePair> PairFiles(const Source& source, const Environment& left_env,
                                const Tree& left_tree, const Environment& right_env,
                                const Tree& right_tree) {
  const auto left = MatchFirstLayer(source, left_env, left_tree);
  const auto right = MatchFirstLayer(source, right_env, right_tree);
  std::map<Bindings, FilePair> pairs;
  for (const auto* side : {&left, &right}) {
    for (const auto& [key, path] : *side) {
      FilePair& pair = pairs[key];
      pair.source = &source;
      pair.placeholders = key;
    }
  }
  std::vector<FilePair> out;
  for (auto& [key, pair] : pairs) {
    pair.left = ExpandLayers(source, left_env, key, left.contains(key));
    pair.right = ExpandLayers(source, right_env, key, right.contains(key));
    out.push_back(std::move(pair));
  }
  return out;
}

}  // namespace driftcheck
