#include "plan/pairing.h"

#include <gtest/gtest.h>

#include "core/error.h"

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
  ListingCache listings;
  EXPECT_EQ(Describe(PairFiles(m.sources[0], m.environments[0], tree, m.environments[1], tree, listings)),
            (Lines{"app=api region=us -R apps/api/us/staging.yaml apps/api/us/production.yaml",
                   "app=web region=eu LR apps/web/eu/staging.yaml apps/web/eu/production.yaml"}));
}

TEST(Pairing, EachEnvironmentReadsItsOwnTree) {
  const Manifest m = ManifestWith("  - {name: s, path: \"config/app.yaml\", select: \"{env}\"}\n");
  const MemoryTree old_tree(std::map<std::string, std::string>{{"config/app.yaml", "a: 1"}});
  const MemoryTree empty_tree(std::map<std::string, std::string>{});
  ListingCache listings;
  EXPECT_EQ(Describe(PairFiles(m.sources[0], m.environments[0], old_tree, m.environments[1], old_tree, listings)),
            Lines{"LR config/app.yaml config/app.yaml"});
  EXPECT_EQ(Describe(PairFiles(m.sources[0], m.environments[0], old_tree, m.environments[1], empty_tree, listings)),
            Lines{"L- config/app.yaml config/app.yaml"});
}

TEST(Pairing, LayersPairByTheFirstLayerAndExpandTheRest) {
  const Manifest m =
      ManifestWith("  - {name: c, layers: [\"charts/{chart}/values.yaml\", \"charts/{chart}/values-{env}.yaml\"]}\n");
  const MemoryTree tree({{"charts/api/values.yaml", ""}, {"charts/api/values-production.yaml", ""},
                         {"charts/orphan/values-staging.yaml", ""}});
  ListingCache listings;
  const auto pairs = PairFiles(m.sources[0], m.environments[0], tree, m.environments[1], tree, listings);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].left.layers,
            (std::vector<std::string>{"charts/api/values.yaml", "charts/api/values-staging.yaml"}));
  EXPECT_EQ(pairs[0].right.layers,
            (std::vector<std::string>{"charts/api/values.yaml", "charts/api/values-production.yaml"}));
}

Manifest AliasManifest(const std::string& sources) {
  return LoadManifest("version: 1\nenvironments: {staging: {aliases: [stg]}, production: {aliases: [prod, prd]}}\n"
                      "sources:\n" + sources,
                      MakeOrigin("driftcheck.yaml"));
}

TEST(Pairing, EnvMatchesAnAliasInPathsAndLayers) {
  const Manifest m = AliasManifest(
      "  - {name: c, layers: [\"config/{app}/base.json\", \"config/{app}/{env}.json\"]}\n"
      "  - {name: s, path: \"config/{env}.yaml\"}\n");
  const MemoryTree tree({{"config/api/base.json", ""}, {"config/api/stg.json", ""}, {"config/api/prod.json", ""},
                         {"config/stg.yaml", ""}, {"config/prod.yaml", ""}});
  ListingCache listings;
  const auto layered = PairFiles(m.sources[0], m.environments[0], tree, m.environments[1], tree, listings);
  ASSERT_EQ(layered.size(), 1u);
  EXPECT_EQ(layered[0].left.layers[1], "config/api/stg.json");
  EXPECT_EQ(layered[0].right.layers[1], "config/api/prod.json");
  EXPECT_EQ(layered[0].right.layer_exists, (std::vector<bool>{true, true}));
  EXPECT_EQ(Describe(PairFiles(m.sources[1], m.environments[0], tree, m.environments[1], tree, listings)),
            Lines{"LR config/stg.yaml config/prod.yaml"});
}

TEST(Pairing, TwoSpellingsOfOneEnvironmentAreAnErrorNamingBothFiles) {
  const Manifest m = AliasManifest("  - {name: s, path: \"config/{env}.json\"}\n");
  const MemoryTree tree({{"config/staging.json", ""}, {"config/prod.json", ""}, {"config/production.json", ""}});
  ListingCache listings;
  try {
    PairFiles(m.sources[0], m.environments[0], tree, m.environments[1], tree, listings);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("config/production.json"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("config/prod.json"), std::string::npos) << e.message();
    EXPECT_EQ(e.line(), 4);
  }
}

TEST(Pairing, PathsGiveEachEnvironmentItsOwnTemplate) {
  const Manifest m = ManifestWith(
      "  - name: cf\n    paths: {staging: \"conf/{app}-staging.yml\", production: \"live/{app}.yml\"}\n");
  const MemoryTree tree({{"conf/api-staging.yml", ""}, {"live/api.yml", ""}, {"live/web.yml", ""}});
  ListingCache listings;
  EXPECT_EQ(Describe(PairFiles(m.sources[0], m.environments[0], tree, m.environments[1], tree, listings)),
            (Lines{"app=api LR conf/api-staging.yml live/api.yml", "app=web -R conf/web-staging.yml live/web.yml"}));
}

TEST(Pairing, EachPrefixIsListedOncePerRun) {
  const Manifest m = ManifestWith("  - {name: a, path: \"svc/{name}/{env}.yaml\"}\n"
                                  "  - {name: b, path: \"svc/{name}/{env}.env\", format: dotenv}\n");
  const MemoryTree tree(std::map<std::string, std::string>{{"svc/x/staging.yaml", ""}, {"svc/x/production.yaml", ""}});
  ListingCache listings;
  for (const Source& source : m.sources) {
    PairFiles(source, m.environments[0], tree, m.environments[1], tree, listings);
  }
  EXPECT_EQ(listings.listings(), 1u);
}

TEST(Pairing, ExcludedFilesAreNeverPairedThoughTheTemplateMatchesThem) {
  const Manifest m = ManifestWith(
      "  - {name: s, path: \"apps/{app}/{env}.yaml\", exclude: [\"apps/legacy-*\", \"*/scratch/*\"]}\n");
  EXPECT_EQ(m.sources[0].exclude, (std::vector<std::string>{"apps/legacy-*", "*/scratch/*"}));
  const MemoryTree tree({{"apps/web/staging.yaml", ""}, {"apps/web/production.yaml", ""},
                         {"apps/legacy-billing/staging.yaml", ""}, {"apps/scratch/production.yaml", ""}});
  ListingCache listings;
  EXPECT_EQ(Describe(PairFiles(m.sources[0], m.environments[0], tree, m.environments[1], tree, listings)),
            (Lines{"app=web LR apps/web/staging.yaml apps/web/production.yaml"}));
}

TEST(Pairing, AnExcludeGlobMustBeAListOfNonEmptyStrings) {
  EXPECT_THROW(ManifestWith("  - {name: s, path: \"{env}.yaml\", exclude: [\"\"]}\n"), InputError);
  EXPECT_THROW(ManifestWith("  - {name: s, path: \"{env}.yaml\", exclude: {a: b}}\n"), InputError);
}

}  // namespace
}  // namespace driftcheck
