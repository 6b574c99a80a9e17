#include "manifest/pairing.h"

#include <map>

namespace driftcheck {
namespace {

// The first layer's placeholders fixed for one environment.
Bindings BoundFor(const Source& source, const Environment& env) {
  Bindings bound;
  if (source.layers.front().Has("env")) bound["env"] = env.name;
  return bound;
}

// The first layer's matches among `listing`, keyed by the other placeholders.
std::map<Bindings, std::string> MatchFirstLayer(const Source& source, const Bindings& bound,
                                                const std::vector<std::string>& listing) {
  const PathTemplate& first = source.layers.front();
  std::map<Bindings, std::string> found;
  for (const std::string& path : listing) {
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
  const Bindings left_bound = BoundFor(source, left_env), right_bound = BoundFor(source, right_env);
  const std::string left_prefix = source.layers.front().DirectoryPrefix(left_bound);
  const std::string right_prefix = source.layers.front().DirectoryPrefix(right_bound);
  const std::vector<std::string> left_listing = left_tree.ListFiles(left_prefix);
  // Both environments at one revision (the common --rev HEAD) under one
  // directory: list it once, not twice.
  const bool shared = &left_tree == &right_tree && left_prefix == right_prefix;
  const std::vector<std::string> right_listing =
      shared ? std::vector<std::string>() : right_tree.ListFiles(right_prefix);
  const auto left = MatchFirstLayer(source, left_bound, left_listing);
  const auto right = MatchFirstLayer(source, right_bound, shared ? left_listing : right_listing);
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
