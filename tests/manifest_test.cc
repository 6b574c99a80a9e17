#include "manifest/manifest.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/secrets.h"

namespace driftcheck {
namespace {

Manifest Parse(const std::string& text) {
  return LoadManifest(text, MakeOrigin("driftcheck.yaml"));
}

// The error's "file:line:col: message" and hint, for assertions.
std::string ErrorOf(const std::string& text) {
  try {
    Parse(text);
  } catch (const InputError& e) {
    return e.Headline() + (e.hint().empty() ? "" : " | " + e.hint());
  }
  return "no error";
}

constexpr const char* kMinimal = R"(version: 1
environments:
  staging: {aliases: [stg]}
  production:
sources:
  - name: services
    path: "services/{service}/{env}.yaml"
)";

TEST(Manifest, ReadsEnvironmentsAliasesAndSources) {
  const Manifest m = Parse(kMinimal);
  ASSERT_EQ(m.environments.size(), 2u);
  EXPECT_EQ(m.environments[0].name, "staging");
  EXPECT_EQ(m.environments[0].aliases, std::vector<std::string>{"stg"});
  ASSERT_EQ(m.sources.size(), 1u);
  EXPECT_EQ(m.sources[0].format, "") << "no format: each file's extension decides";
  EXPECT_EQ(m.sources[0].layers.front().text(), "services/{service}/{env}.yaml");
}

TEST(Manifest, CompareAcceptsAliases) {
  const Manifest m = Parse(std::string(kMinimal) + "compare: [[production, stg]]\n");
  EXPECT_EQ(m.compare[0], (std::pair<std::string, std::string>{"production", "staging"}));
  EXPECT_EQ(m.FindEnvironment("stg"), &m.environments[0]);
  EXPECT_EQ(m.FindEnvironment("prod"), nullptr);
}

TEST(Manifest, ComparesTheFirstTwoEnvironmentsByDefault) {
  const Manifest m = Parse(kMinimal);
  ASSERT_EQ(m.compare.size(), 1u);
  EXPECT_EQ(m.compare[0], (std::pair<std::string, std::string>{"staging", "production"}));
}

TEST(Manifest, UnknownKeysAreErrorsWithPositionAndSuggestion) {
  EXPECT_EQ(ErrorOf("version: 1\nenviroments: {a: {}, b: {}}\n"),
            "driftcheck.yaml:2:1: unknown key 'enviroments' in the manifest | did you mean 'environments'?");
  EXPECT_EQ(ErrorOf(std::string(kMinimal) + "    fromat: json\n"),
            "driftcheck.yaml:8:5: unknown key 'fromat' in a source | did you mean 'format'?");
}

TEST(Manifest, UnknownEnvironmentInCompareSuggestsTheNearestName) {
  EXPECT_EQ(ErrorOf(std::string(kMinimal) + "compare: [[staging, prodution]]\n"),
            "driftcheck.yaml:8:21: unknown environment 'prodution' | did you mean 'production'?");
}

TEST(Manifest, RejectsBadValuesNamingWhatWasExpected) {
  EXPECT_EQ(ErrorOf("version: 2\n"),
            "driftcheck.yaml:1:10: unsupported manifest version; this driftcheck reads version 1 | write version: 1");
  EXPECT_EQ(ErrorOf("version: 1\nenvironments: [a, b]\n"),
            "driftcheck.yaml:2:15: 'environments': expected a map of environment names, found a list | "
            "write environments: {staging: {}, production: {aliases: [prod]}}");
  // The shapes people mix up say what to write instead.
  EXPECT_NE(ErrorOf(std::string(kMinimal) + "    exclude: charts/test.yaml\n")
                .find(": 'exclude': expected a list, found a string | write a list, even of one item: [ITEM]"),
            std::string::npos)
      << ErrorOf(std::string(kMinimal) + "    exclude: charts/test.yaml\n");
  EXPECT_EQ(ErrorOf("version: 1\nenvironments: {a: {}}\nsources: []\n").rfind(
                "driftcheck.yaml:2:15: 'environments' needs at least two environments", 0),
            0u);
  EXPECT_NE(ErrorOf(std::string(kMinimal) + "    format: tomll\n").find("unknown format 'tomll' | did you mean 'toml'?"),
            std::string::npos);
  EXPECT_NE(ErrorOf(std::string(kMinimal) + "    layers: [a.yaml]\n").find("exactly one of 'path', 'layers' or 'paths'"),
            std::string::npos);
  EXPECT_NE(ErrorOf("").find("the manifest is empty"), std::string::npos);
}

TEST(Manifest, MissingRequiredKeysAreNamed) {
  EXPECT_EQ(ErrorOf("environments: {a: {}, b: {}}\nsources: []\n"),
            "driftcheck.yaml:1:1: missing required key 'version' in the manifest | add 'version:' here");
  EXPECT_NE(ErrorOf("version: 1\nenvironments: {a: {}, b: {}}\nsources: [{path: x}]\n")
                .find("missing required key 'name' in a source"),
            std::string::npos);
}

TEST(Manifest, AliasesMayNotCollide) {
  EXPECT_NE(ErrorOf("version: 1\nenvironments: {a: {aliases: [b]}, b: {}}\nsources: [{name: s, path: x}]\n")
                .find("'b' names two environments"),
            std::string::npos);
}

TEST(Manifest, EnvironmentNamesAndAliasesArePlainPathSegments) {
  EXPECT_EQ(ErrorOf("version: 1\nenvironments: {a: {}, ..: {}}\nsources: [{name: s, path: \"{env}.yaml\"}]\n"),
            "driftcheck.yaml:2:23: environment name '..' may use only letters, digits, '_', '-' and '.' (and is "
            "not '.' or '..') | it fills {env} in paths, so it must be one plain path segment");
  EXPECT_NE(ErrorOf("version: 1\nenvironments:\n  a: {}\n  b:\n    aliases: [ok, eu/prod]\nsources: [{name: s, path: \"{env}.yaml\"}]\n")
                .find("driftcheck.yaml:5:19: alias 'eu/prod' may use only"),
            std::string::npos);
  EXPECT_NE(ErrorOf("version: 1\nenvironments: {a: {}, b: {aliases: [.]}}\nsources: [{name: s, path: \"{env}.yaml\"}]\n")
                .find("alias '.' may use only"),
            std::string::npos);
}

TEST(Manifest, AnEmptyKeyInDocumentsKeyIsAnErrorNamingItsLine) {
  EXPECT_EQ(ErrorOf(std::string(kMinimal) + "    documents:\n      key: [kind, metadata..name]\n"),
            "driftcheck.yaml:9:19: 'documents.key' has an empty key in 'metadata..name' | write key paths as "
            "keys joined by single dots: metadata.name");
}

TEST(Manifest, LayersMayOnlyUsePlaceholdersTheFirstLayerBinds) {
  EXPECT_NE(ErrorOf("version: 1\nenvironments: {a: {}, b: {}}\nsources:\n"
                    "  - name: chart\n    layers: [charts/values.yaml, \"charts/{chart}-{env}.yaml\"]\n")
                .find("uses {chart}, which the first layer does not bind"),
            std::string::npos);
}

TEST(Manifest, SecretKeysDefaultToTheSpecsList) {
  EXPECT_EQ(Parse(kMinimal).secret_keys, SecretMatcher::DefaultKeys());
  EXPECT_EQ(Parse(std::string(kMinimal) + "secret_keys: [dsn]\n").secret_keys,
            std::vector<std::string>{"dsn"});
}

constexpr const char* kLayered = R"(version: 1
environments: {staging: {}, production: {}}
sources:
  - name: api
    layers: [appsettings.json, "appsettings.{env}.json"]
)";

TEST(Manifest, LayeredSourceMayMergeListsByIndex) {
  EXPECT_EQ(Parse(kLayered).sources[0].list_merge, ListMerge::kReplace);
  const Manifest m = Parse(std::string(kLayered) + "    merge: {lists: by-index}\n");
  EXPECT_EQ(m.sources[0].list_merge, ListMerge::kByIndex);
  EXPECT_EQ(Parse(std::string(kLayered) + "    merge: {lists: replace}\n").sources[0].list_merge,
            ListMerge::kReplace);
}

TEST(Manifest, MergeOptionsAreChecked) {
  EXPECT_EQ(ErrorOf(std::string(kLayered) + "    merge: {lists: by-idx}\n"),
            "driftcheck.yaml:6:20: unknown 'merge.lists' mode 'by-idx' | did you mean 'by-index'?");
  EXPECT_NE(ErrorOf(std::string(kLayered) + "    merge: {list: by-index}\n").find("unknown key 'list'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(std::string(kMinimal) + "    merge: {lists: by-index}\n")
                .find("'merge' applies only to a source with 'layers'"),
            std::string::npos);
}

}  // namespace
}  // namespace driftcheck
