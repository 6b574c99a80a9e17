// init's scan: which paths differ only by an environment's spelling, and
// what source each group becomes.

#include "init/scan.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace driftcheck {
namespace {

using Files = std::map<std::string, std::string>;

ScanResult Scan(const Files& files) {
  std::vector<std::string> paths;
  for (const auto& [path, text] : files) paths.push_back(path);
  return ScanRepository(paths, [&](const std::string& path) -> std::optional<std::string> {
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  });
}

const ScannedSource* Named(const ScanResult& r, const std::string& name) {
  for (const auto& s : r.sources) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string Describe(const ScanResult& r) {
  std::string out;
  for (const auto& s : r.sources) {
    out += s.name + ":";
    for (const auto& l : s.layers) out += " " + l;
    if (!s.select.empty()) out += " select=" + s.select;
    if (!s.format.empty()) out += " format=" + s.format;
    out += "\n";
  }
  return out;
}

TEST(InitScan, RecognisesSpellingsAsAliasesAndWholeTokensOnly) {
  EXPECT_EQ(EnvironmentOfToken("prod"), "production");
  EXPECT_EQ(EnvironmentOfToken("prd"), "production");
  EXPECT_EQ(EnvironmentOfToken("Production"), "production");
  EXPECT_EQ(EnvironmentOfToken("stg"), "staging");
  EXPECT_EQ(EnvironmentOfToken("uat"), "uat");
  EXPECT_EQ(EnvironmentOfToken("product"), std::nullopt);
  EXPECT_EQ(EnvironmentOfToken("test"), std::nullopt);
}

TEST(InitScan, HelmOverlaysOverABaseBecomeLayers) {
  const ScanResult r = Scan({{"charts/web/values.yaml", ""},
                             {"charts/web/values-staging.yaml", ""},
                             {"charts/web/values-prod.yaml", ""},
                             {"charts/web/templates/deployment.yaml", ""}});
  ASSERT_EQ(r.sources.size(), 1u) << Describe(r);
  EXPECT_EQ(r.sources[0].layers,
            (std::vector<std::string>{"charts/web/values.yaml", "charts/web/values-{env}.yaml"}));
  EXPECT_EQ(r.compare, (std::vector<std::string>{"staging", "production"}));
  ASSERT_EQ(r.environments.size(), 2u);
  EXPECT_EQ(r.environments[1].name, "production");
  EXPECT_EQ(r.environments[1].aliases, (std::vector<std::string>{"prod"}));
}

TEST(InitScan, SettingsDirectoryOverASettingsFileBecomeLayers) {
  const ScanResult r = Scan({{"config/settings.yml", ""},
                             {"config/settings/staging.yml", ""},
                             {"config/settings/production.yml", ""}});
  ASSERT_EQ(r.sources.size(), 1u) << Describe(r);
  EXPECT_EQ(r.sources[0].layers,
            (std::vector<std::string>{"config/settings.yml", "config/settings/{env}.yml"}));
}

TEST(InitScan, HugoEnvironmentFoldersLayerOverDefault) {
  const ScanResult r = Scan({{"config/_default/params.toml", ""},
                             {"config/_default/hugo.toml", ""},
                             {"config/staging/params.toml", ""},
                             {"config/production/params.toml", ""},
                             {"config/staging/hugo.toml", ""},
                             {"config/production/hugo.toml", ""}});
  ASSERT_EQ(r.sources.size(), 1u) << Describe(r);
  EXPECT_EQ(r.sources[0].layers,
            (std::vector<std::string>{"config/_default/{file}.toml", "config/{env}/{file}.toml"}));
}

TEST(InitScan, DotenvFilesGetTheDotenvFormatAndFoldersAPlaceholder) {
  const ScanResult r = Scan({{"services/api/.env.staging", ""},
                             {"services/api/.env.production", ""},
                             {"services/web/.env.staging", ""},
                             {"services/web/.env.production", ""},
                             {"services/web/.env.example", ""}});
  ASSERT_EQ(r.sources.size(), 1u) << Describe(r);
  EXPECT_EQ(r.sources[0].layers, (std::vector<std::string>{"services/{service}/.env.{env}"}));
  EXPECT_EQ(r.sources[0].format, "dotenv");
}

TEST(InitScan, EnvironmentFoldersTfvarsAndPascalCaseSpellings) {
  const ScanResult r = Scan({{"envs/prod/app.json", ""},
                             {"envs/stg/app.json", ""},
                             {"terraform-staging.tfvars", ""},
                             {"terraform-prd.tfvars", ""},
                             {"src/Api/appsettings.json", ""},
                             {"src/Api/appsettings.Staging.json", ""},
                             {"src/Api/appsettings.Production.json", ""},
                             {"docs/product.yaml", ""}});
  EXPECT_EQ(Describe(r),
            "app: envs/{env}/app.json\n"
            "api-appsettings: src/Api/appsettings.json src/Api/appsettings.{env}.json\n"
            "terraform: terraform-{env}.tfvars\n");
  std::vector<std::string> aliases = r.environments.back().aliases;
  EXPECT_EQ(aliases, (std::vector<std::string>{"Production", "prd", "prod"}));
}

TEST(InitScan, OneFileWithAKeyPerEnvironmentIsSelected) {
  const ScanResult r = Scan({{"config/database.yml",
                              "default: &default\n  adapter: postgresql\nstaging:\n  <<: *default\n"
                              "production:\n  <<: *default\n"},
                             {"config/locales/en.yml", "en:\n  hello: Hello\n"}});
  ASSERT_EQ(r.sources.size(), 1u) << Describe(r);
  EXPECT_EQ(r.sources[0].name, "database");
  EXPECT_EQ(r.sources[0].select, "{env}");
  EXPECT_EQ(r.sources[0].layers, (std::vector<std::string>{"config/database.yml"}));
}

TEST(InitScan, ASourceWithoutTheManifestsPairComparesItsOwn) {
  const ScanResult r = Scan({{"a/staging.yaml", ""}, {"a/production.yaml", ""},
                             {"b/staging.yaml", ""}, {"b/production.yaml", ""},
                             {"c/uat.json", ""}, {"c/production.json", ""},
                             {"d/dev.json", ""}});
  EXPECT_EQ(r.compare, (std::vector<std::string>{"staging", "production"}));
  const ScannedSource* c = Named(r, "c");
  ASSERT_NE(c, nullptr) << Describe(r);
  EXPECT_EQ(c->compare_pair, (std::vector<std::string>{"uat", "production"}));
  EXPECT_EQ(Named(r, "d"), nullptr);  // one environment: nothing to compare
}

TEST(InitScan, WholeFilesBesideAnUnnamedProductionFileGetAPathPerEnvironment) {
  const std::string manifest = "applications:\n- name: api\n  memory: 512M\n  instances: 2\n";
  const ScanResult r = Scan({{"conf/api.yml", manifest},
                             {"conf/api-staging.yml", manifest},
                             {"conf/api-dev.yml", manifest},
                             {"charts/web/values.yaml", manifest + manifest},
                             {"charts/web/values-staging.yaml", "replicas: 1\n"},
                             {"charts/web/values-dev.yaml", "replicas: 1\n"}});
  ASSERT_EQ(r.sources.size(), 2u) << Describe(r);
  const ScannedSource* api = Named(r, "api");
  ASSERT_NE(api, nullptr) << Describe(r);
  EXPECT_EQ(api->env_paths, (std::map<std::string, std::string>{{"development", "conf/api-dev.yml"},
                                                                {"production", "conf/api.yml"},
                                                                {"staging", "conf/api-staging.yml"}}));
  EXPECT_EQ(r.compare, (std::vector<std::string>{"staging", "production"}));
  const ScannedSource* chart = Named(r, "web-values");
  ASSERT_NE(chart, nullptr) << Describe(r);
  EXPECT_TRUE(chart->env_paths.empty());  // small overlays over a base: layers
  EXPECT_EQ(chart->compare_pair, (std::vector<std::string>{"development", "staging"}));
}

}  // namespace
}  // namespace driftcheck
