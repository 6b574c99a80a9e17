#include "schema/schema.h"

#include <gtest/gtest.h>

#include <map>

#include "core/error.h"

namespace driftcheck {
namespace {

// Schema files in memory, as a git tree would hand them over.
SchemaReader Files(std::map<std::string, std::string> files) {
  return [files = std::move(files)](const std::string& path) -> std::optional<std::string> {
    auto found = files.find(path);
    if (found == files.end()) return std::nullopt;
    return found->second;
  };
}

InputError LoadError(const std::map<std::string, std::string>& files, const std::string& root = "s.yaml") {
  try {
    Schema::Load(root, Files(files));
  } catch (const InputError& error) {
    return error;
  }
  ADD_FAILURE() << "expected the schema to be rejected";
  return InputError("none");
}

TEST(Schema, CompilesKeywordsWithTheirPositions) {
  Schema s = Schema::Load("s.yaml", Files({{"s.yaml",
                                           "type: object\n"
                                           "properties:\n"
                                           "  port: {type: integer, minimum: 1, maximum: 65535}\n"
                                           "required: [port]\n"}}));
  const SchemaNode& root = s.node(s.root());
  EXPECT_EQ(root.types, SchemaNode::kObject);
  ASSERT_TRUE(root.properties.contains("port"));
  const SchemaNode& port = s.node(root.properties.at("port"));
  EXPECT_EQ(port.types, SchemaNode::kInteger);
  EXPECT_EQ(port.maximum, 65535);
  EXPECT_EQ(port.location.line, 3);
  EXPECT_EQ(root.required, std::vector<std::string>{"port"});
}

TEST(Schema, UnknownKeywordIsAnErrorWithItsPositionAndASuggestion) {
  InputError e = LoadError({{"s.yaml", "type: object\nproperties:\n  port:\n    maximun: 5\n"}});
  EXPECT_EQ(e.file(), "s.yaml");
  EXPECT_EQ(e.line(), 4);
  EXPECT_EQ(e.column(), 5);
  EXPECT_NE(e.message().find("maximun"), std::string::npos);
  EXPECT_NE(e.hint().find("maximum"), std::string::npos);
}

TEST(Schema, KnownButUnsupportedKeywordSaysSo) {
  InputError e = LoadError({{"s.yaml", "minItems: 2\n"}});
  EXPECT_NE(e.message().find("not supported"), std::string::npos);
}

TEST(Schema, UnknownTypeAndFormatAreErrors) {
  EXPECT_NE(LoadError({{"s.yaml", "type: int\n"}}).hint().find("integer"), std::string::npos);
  EXPECT_NE(LoadError({{"s.yaml", "format: duraton\n"}}).hint().find("duration"), std::string::npos);
}

TEST(Schema, BadPatternIsAnErrorAtThePattern) {
  InputError e = LoadError({{"s.yaml", "type: string\npattern: \"(a\"\n"}});
  EXPECT_EQ(e.line(), 2);
  EXPECT_NE(e.message().find("regular expression"), std::string::npos);
}

TEST(Schema, ResolvesLocalDefinitionsAndRelativeFiles) {
  Schema s = Schema::Load("schemas/s.yaml",
                          Files({{"schemas/s.yaml",
                                  "properties:\n"
                                  "  a: {$ref: '#/definitions/port'}\n"
                                  "  b: {$ref: 'common/types.json#/definitions/name'}\n"
                                  "definitions:\n"
                                  "  port: {type: integer}\n"},
                                 {"schemas/common/types.json",
                                  "{\"definitions\": {\"name\": {\"type\": \"string\"}}}"}}));
  const SchemaNode& root = s.node(s.root());
  EXPECT_EQ(s.node(s.node(root.properties.at("a")).ref).types, SchemaNode::kInteger);
  const SchemaNode& name = s.node(s.node(root.properties.at("b")).ref);
  EXPECT_EQ(name.types, SchemaNode::kString);
  EXPECT_EQ(name.location.file(), "schemas/common/types.json");
}

TEST(Schema, RemoteRefIsAnErrorAndNeverFetched) {
  InputError e = LoadError({{"s.yaml", "$ref: https://example.com/schema.json\n"}});
  EXPECT_NE(e.message().find("never fetched"), std::string::npos);
  EXPECT_EQ(e.line(), 1);
}

TEST(Schema, MissingRefTargetsAreErrors) {
  EXPECT_NE(LoadError({{"s.yaml", "$ref: other.yaml\n"}}).message().find("does not exist"), std::string::npos);
  InputError e = LoadError({{"s.yaml", "$ref: '#/definitions/prot'\ndefinitions: {port: {}}\n"}});
  EXPECT_NE(e.hint().find("port"), std::string::npos);
}

TEST(Schema, RefCycleWithoutDataIsRejectedNotFollowedForever) {
  InputError e = LoadError({{"s.yaml", "definitions:\n  a: {$ref: '#/definitions/b'}\n  b: {allOf: [{$ref: '#/definitions/a'}]}\n$ref: '#/definitions/a'\n"}});
  EXPECT_NE(e.message().find("cycle"), std::string::npos);
}

TEST(Schema, RecursiveSchemaThroughPropertiesLoads) {
  // A tree type refers to itself below a property: that consumes data, so it is fine.
  Schema s = Schema::Load("s.yaml", Files({{"s.yaml", "definitions:\n  node:\n    properties:\n      child: {$ref: '#/definitions/node'}\n$ref: '#/definitions/node'\n"}}));
  EXPECT_NE(s.node(s.root()).ref, SchemaNode::kNone);
}

TEST(Schema, CrossFileCycleTerminates) {
  Schema s = Schema::Load("a.yaml", Files({{"a.yaml", "properties: {b: {$ref: b.yaml}}\n"},
                                           {"b.yaml", "properties: {a: {$ref: a.yaml}}\n"}}));
  EXPECT_EQ(s.node(s.root()).properties.size(), 1u);
}

TEST(Schema, ListRulesFromUniqueItemsAndXDrift) {
  Schema s = Schema::Load("s.yaml", Files({{"s.yaml",
                                           "properties:\n"
                                           "  hosts: {type: array, uniqueItems: true}\n"
                                           "  routes: {type: array, x-drift-key: name}\n"
                                           "  tags: {type: array, x-drift-list: set}\n"}}));
  const auto& props = s.node(s.root()).properties;
  EXPECT_EQ(s.node(props.at("hosts")).list->match, ListMatch::kAsSet);
  EXPECT_EQ(s.node(props.at("routes")).list->match, ListMatch::kByKey);
  EXPECT_EQ(s.node(props.at("routes")).list->key, "name");
  EXPECT_EQ(s.node(props.at("tags")).list->match, ListMatch::kAsSet);
}

TEST(Schema, BadXDriftValueNamesTheChoices) {
  InputError e = LoadError({{"s.yaml", "x-drift-env-token: optinal\n"}});
  EXPECT_NE(e.message().find("optional"), std::string::npos);
  EXPECT_NE(e.hint().find("optional"), std::string::npos);
}

}  // namespace
}  // namespace driftcheck
