// The normalization behaviour table: `normalize:` reads its keys from it,
// and every schema keyword it names is one the schema reader knows.

#include "schema/behaviours.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "config/loader.h"
#include "core/error.h"
#include "core/strings.h"
#include "schema/schema.h"

namespace driftcheck {
namespace {

NormalizeSpec SpecOf(std::string_view text) {
  return ParseNormalizeSpec(LoadYaml(text, MakeOrigin("driftcheck.yaml"), LoadLimits{}).front());
}

TEST(NormalizeBehaviours, EachNamesASchemaKeywordTheSchemaReaderKnows) {
  for (const NormalizeBehaviour& b : NormalizeBehaviours()) {
    EXPECT_FALSE(b.description.empty()) << b.key;
    for (std::string_view keyword : Split(b.keyword, ',')) {
      while (keyword.starts_with(' ')) keyword.remove_prefix(1);
      keyword = keyword.substr(0, keyword.find(':'));  // "x-drift: ignore" is the keyword x-drift
      EXPECT_NE(std::find(SchemaKeywords().begin(), SchemaKeywords().end(), keyword), SchemaKeywords().end())
          << b.key << ": " << keyword;
    }
  }
}

Schema SchemaOf(std::string_view text) {
  const Documents docs = LoadYaml(text, MakeOrigin("s.yaml"), LoadLimits{});
  return Schema::FromDocument(docs.front(), "s.yaml", nullptr);
}

// The schema reader knows no x-drift keyword of its own: each is read by
// its behaviour's row, and sets what that behaviour's normalize: key sets.
TEST(NormalizeBehaviours, SchemaKeywordsAreReadThroughTheirRows) {
  std::size_t keywords = 0;
  for (const NormalizeBehaviour& b : NormalizeBehaviours()) keywords += b.schema_keywords.size();
  EXPECT_EQ(keywords, 8u);  // x-drift and seven x-drift-* keywords
  const Schema schema = SchemaOf(
      "{x-drift-env-token: optional, x-drift-empty: absent, x-drift-keys: dotted,"
      " x-drift-case: insensitive, x-drift-secret: true, x-drift: must-differ, x-drift-list: set}");
  const SchemaNode& node = schema.node(schema.root());
  EXPECT_EQ(node.drift.env_tokens, EnvTokens::kOptional);
  EXPECT_EQ(node.drift.empty_absent, true);
  EXPECT_EQ(node.drift.dotted_keys, true);
  EXPECT_EQ(node.drift.case_insensitive, true);
  EXPECT_EQ(node.drift.secret, true);
  EXPECT_EQ(node.drift.must_differ, true);
  EXPECT_FALSE(node.drift.ignore.has_value());
  ASSERT_TRUE(node.list.has_value());
  EXPECT_EQ(node.list->match, ListMatch::kAsSet);
}

TEST(NormalizeBehaviours, AKeyedListWinsOverAListModeWrittenAfterIt) {
  const Schema schema = SchemaOf("{x-drift-key: name, x-drift-list: set}");
  const SchemaNode& node = schema.node(schema.root());
  ASSERT_TRUE(node.list.has_value());
  EXPECT_EQ(node.list->match, ListMatch::kByKey);
  EXPECT_EQ(node.list->key, "name");
}

TEST(NormalizeBehaviours, ASchemaKeywordsErrorNamesTheKeywordAndPosition) {
  try {
    SchemaOf("{type: object,\n x-drift-secret: \"yes\"}");
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.message().find("'x-drift-secret': expected true or false"), 0u) << e.message();
    EXPECT_EQ(e.line(), 2);
  }
  try {
    SchemaOf("{x-drift: ignored}");
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("'x-drift': expected one of ignore, must-differ"), std::string::npos) << e.message();
    EXPECT_NE(e.hint().find("ignore"), std::string::npos) << e.hint();
  }
}

TEST(NormalizeBehaviours, NormalizeReadsEveryKeyInTheTable) {
  const NormalizeSpec spec = SpecOf(
      "{env_tokens: optional, empty: absent, keys: dotted, case: insensitive, lists: {routes: set},"
      " ignore: [a], must_differ: [b], secret: [c]}");
  EXPECT_EQ(spec.rules.size(), 7u);
  EXPECT_EQ(spec.lists.size(), 1u);
  EXPECT_EQ(NormalizeBehaviours().size(), 8u);
}

TEST(NormalizeBehaviours, AnUnknownKeyIsAnErrorWithDidYouMean) {
  try {
    SpecOf("{env_token: true}");
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(e.hint().find("env_tokens"), std::string::npos) << e.hint();
  }
}

}  // namespace
}  // namespace driftcheck
