#include "manifest/pairing.h"

#include <gtest/gtest.h>

namespace driftcheck {
namespace {

Manifest ManifestWith(const std::string& sources) {
  return LoadManifest("version: 1\nenvironments: {staging: {}, production: {}}\nsources:\n" + sources,
                      MakeOrigin("driftcheck.yaml"));
}

// "placeholders: left-present/right-present first-layer paths".
std::vector<std::string> Describe(const std::vector<FilePair>& pairs) {
  std::vector<std::string> out;
  for (const FilePair& pair : pairs) {
    std::string key;
    for (const auto& [name, value] : pair.placeholders) key += name + "=" + value + " ";
    out.push_back(key + (pair.left.present ? "L" : "-") + (pair.right.present ? "R" : "-") + " " +
                  pair.left.layers.front() + " " + pair.right.layers.front());
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(Pairing, PairsByNonEnvPlaceholdersSortedByThem) {
  const Manifest m = ManifestWith("  - {name: s, path: \"apps/{app}/{region}/{env}.yaml\"}\n");
  const MemoryTree tree({{"apps/web/eu/staging.yaml", ""}, {"apps/web/eu/production.yaml", ""},
                         {"apps/api/us/production.yaml", ""}, {"apps/api/us/notes.txt", ""}});
  EXPECT_EQ(Describe(PairFiles(m.sources[0], m.environments[0], tree, m.environments[1], tree)),
            (Lines{"app=api region=us -R apps/api/us/staging.yaml apps/api/us/production.yaml",
                   "app=web region=eu LR apps/web/eu/staging.yaml apps/web/eu/production.yaml"}));
}

TEST(Pairing, EachEnvironmentReadsItsOwnTree) {
  const Manifest m = ManifestWith("  - {name: s, path: \"config/app.yaml\"}\n");
  const MemoryTree old_tree(std::map<std::string, std::string>{{"config/app.yaml", "a: 1"}});
  const MemoryTree empty_tree(std::map<std::string, std::string>{});
  EXPECT_EQ(Describe(PairFiles(m.sources[0], m.environments[0], old_tree, m.environments[1], old_tree)),
            Lines{"LR config/app.yaml config/app.yaml"});
  EXPECT_EQ(Describe(PairFiles(m.sources[0], m.environments[0], old_tree, m.environments[1], empty_tree)),
            Lines{"L- config/app.yaml config/app.yaml"});
}

TEST(Pairing, LayersPairByTheFirstLayerAndExpandTheRest) {
  const Manifest m =
      ManifestWith("  - {name: c, layers: [\"charts/{chart}/values.yaml\", \"charts/{chart}/values-{env}.yaml\"]}\n");
  const MemoryTree tree({{"charts/api/values.yaml", ""}, {"charts/api/values-production.yaml", ""},
                         {"charts/orphan/values-staging.yaml", ""}});
  const auto pairs = PairFiles(m.sources[0], m.environments[0], tree, m.environments[1], tree);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].left.layers,
            (std::vector<std::string>{"charts/api/values.yaml", "charts/api/values-staging.yaml"}));
  EXPECT_EQ(pairs[0].right.layers,
            (std::vector<std::string>{"charts/api/values.yaml", "charts/api/values-production.yaml"}));
}

}  // namespace
}  // namespace driftcheck
