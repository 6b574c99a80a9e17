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
