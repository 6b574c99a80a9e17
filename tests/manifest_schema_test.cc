#include "schema/manifest_schema.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "manifest/manifest.h"

namespace driftcheck {
namespace {

std::string ErrorOf(const std::string& text) {
  try {
    LoadManifest(text, MakeOrigin("driftcheck.yaml"));
  } catch (const InputError& e) {
    return e.Headline();
  }
  return "no error";
}

constexpr const char* kHead = "version: 1\nenvironments: {staging: {aliases: [stg]}, production: {}}\n";

TEST(ManifestSchema, IsBuiltInAndDescribesEveryKey) {
  const std::string_view text = ManifestSchemaText();
  for (const char* key : {"\"version\"", "\"environments\"", "\"aliases\"", "\"compare\"", "\"sources\"",
                          "\"paths\"", "\"layers\"", "\"merge\"", "\"select\"", "\"documents\"", "\"schema\"",
                          "\"normalize\"", "\"allow\"", "\"secret_keys\"", "\"tfvars\"", "\"jsonc\""}) {
    EXPECT_NE(text.find(key), std::string_view::npos) << key;
  }
}

TEST(ManifestSchema, ReadsSchemaAndNormalizePerSource) {
  const Manifest m = LoadManifest(std::string(kHead) +
                                      "sources:\n"
                                      "  - name: api\n"
                                      "    path: \"conf/{env}.yaml\"\n"
                                      "    schema: ./schemas/api.schema.yaml\n"
                                      "    normalize: {env_tokens: optional, lists: {routes: {key: name}}}\n",
                                  MakeOrigin("driftcheck.yaml"));
  ASSERT_EQ(m.sources.size(), 1u);
  EXPECT_EQ(m.sources[0].schema, "schemas/api.schema.yaml");
  EXPECT_EQ(m.sources[0].schema_location.line, 6);
  ASSERT_EQ(m.sources[0].normalize.rules.size(), 1u);
  EXPECT_EQ(m.sources[0].normalize.rules[0].settings.env_tokens, EnvTokens::kOptional);
  EXPECT_EQ(m.sources[0].normalize.lists.at(0).rule.key, "name");
}

TEST(ManifestSchema, SchemaPathMustStayInTheRepository) {
  EXPECT_NE(ErrorOf(std::string(kHead) + "sources: [{name: a, path: \"{env}.yaml\", schema: ../s.yaml}]\n")
                .find("repository root"),
            std::string::npos);
}

TEST(ManifestSchema, CatchesWhatTheParserLetsThrough) {
  // The parser takes any string as an alias; the schema asks for a non-empty one.
  const std::string error = ErrorOf(
      "version: 1\nenvironments: {staging: {aliases: [\"\"]}, production: {}}\n"
      "sources: [{name: a, path: \"{env}.yaml\"}]\n");
  EXPECT_EQ(error, "driftcheck.yaml:2:36: environments.staging.aliases[0]: expected a non-empty string, found \"\"");
}

TEST(ManifestSchema, KeepsTheParsersPreciseMessages) {
  EXPECT_NE(ErrorOf(std::string(kHead) + "sources: [{name: a, pth: x}]\n").find("unknown key 'pth'"),
            std::string::npos);
}

}  // namespace
}  // namespace driftcheck
