#include "manifest/path_template.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace driftcheck {
namespace {

PathTemplate T(const std::string& text) { return PathTemplate::Parse(text, {}); }

TEST(PathTemplate, MatchesPlaceholdersWithinSegments) {
  const auto t = T("services/{service}/{env}.yaml");
  auto m = t.Match("services/api/staging.yaml", {{"env", "staging"}});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->at("service"), "api");
  EXPECT_FALSE(t.Match("services/api/production.yaml", {{"env", "staging"}}));
  EXPECT_FALSE(t.Match("services/api/v1/staging.yaml", {{"env", "staging"}}));
  EXPECT_FALSE(t.Match("services/staging.yaml", {{"env", "staging"}}));
}

TEST(PathTemplate, ATemplateTooAmbiguousToMatchIsAnErrorWhereItIsWritten) {
  const auto t = PathTemplate::Parse("d/{a}-{b}-{c}-{d}-{e}-{f}.yaml", Location{MakeOrigin("driftcheck.yaml"), 6, 21});
  std::string name = "d/";
  for (int i = 0; i < 100; ++i) name += "x-";
  name += "x.yml";
  try {
    t.Match(name, {});
    FAIL() << "an ambiguous template matched within its budget";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "driftcheck.yaml");
    EXPECT_EQ(e.line(), 6);
    EXPECT_EQ(e.column(), 21);
    EXPECT_NE(e.message().find("too ambiguous"), std::string::npos);
  }
}

TEST(PathTemplate, MatchesPartsOfSegments) {
  const auto t = T("charts/{chart}/values-{env}.yaml");
  auto m = t.Match("charts/api/values-production.yaml", {{"env", "production"}});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->at("chart"), "api");
  EXPECT_FALSE(t.Match("charts/api/values.yaml", {{"env", "production"}}));
  auto dotenv = T("services/{service}/.env.{env}").Match("services/web/.env.staging", {});
  ASSERT_TRUE(dotenv);
  EXPECT_EQ(dotenv->at("env"), "staging");
}

TEST(PathTemplate, RepeatedPlaceholderMustMatchTheSameValue) {
  const auto t = T("{app}/{app}-{env}.yaml");
  EXPECT_TRUE(t.Match("api/api-staging.yaml", {{"env", "staging"}}));
  EXPECT_FALSE(t.Match("api/web-staging.yaml", {{"env", "staging"}}));
}

TEST(PathTemplate, DirectoryPrefixStopsAtTheFirstUnboundPlaceholder) {
  EXPECT_EQ(T("services/{service}/{env}.yaml").DirectoryPrefix({{"env", "x"}}), "services");
  EXPECT_EQ(T("deploy/{env}/{app}.yaml").DirectoryPrefix({{"env", "prod"}}), "deploy/prod");
  EXPECT_EQ(T("{env}.yaml").DirectoryPrefix({}), "");
  EXPECT_EQ(T("config/database.yml").DirectoryPrefix({}), "config");
}

TEST(PathTemplate, ExpandsBoundPlaceholders) {
  EXPECT_EQ(T("charts/{chart}/values-{env}.yaml").Expand({{"chart", "api"}, {"env", "prod"}}),
            "charts/api/values-prod.yaml");
}

TEST(PathTemplate, RejectsMalformedTemplatesWithAClearMessage) {
  for (const char* bad : {"", "/etc/{env}.yaml", "a/{env", "a/env}.yaml", "a//{env}", "../{env}",
                          "{a}{env}.yaml", "a/{}.yaml", "a/{e nv}.yaml"}) {
    EXPECT_THROW(T(bad), InputError) << bad;
  }
  try {
    T("a/{env");
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("invalid path template 'a/{env'"), std::string::npos);
  }
}

}  // namespace
}  // namespace driftcheck

namespace driftcheck {
namespace {

TEST(PathTemplate, AHopelesslyAmbiguousTemplateIsAnErrorNotAHang) {
  const auto t = PathTemplate::Parse("{a}-{b}-{c}-{d}-{e}-{f}.yaml", {});
  const std::string name(200, '-');
  EXPECT_THROW(t.Match(name + "x", {}), InputError);
  // Ordinary names still match quickly.
  EXPECT_TRUE(t.Match("a-b-c-d-e-f.yaml", {}));
}

}  // namespace
}  // namespace driftcheck
