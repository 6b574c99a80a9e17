// The loader registry: format names, the extension rule, and what every
// loader must do with hostile input at the default limits.

#include "config/loader.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/error.h"
#include "loader_test_util.h"

namespace driftcheck {
namespace {

TEST(FormatForPath, UnambiguousExtensionsDecideElseYaml) {
  EXPECT_EQ(FormatForPath("src/appsettings.Production.json"), "jsonc");
  EXPECT_EQ(FormatForPath("a.jsonc"), "jsonc");
  EXPECT_EQ(FormatForPath("config/application-prod.properties"), "properties");
  EXPECT_EQ(FormatForPath("inventories/prod/hosts.ini"), "ini");
  EXPECT_EQ(FormatForPath("pyproject.toml"), "toml");
  EXPECT_EQ(FormatForPath("envs/prod/terraform.tfvars"), "tfvars");
  EXPECT_EQ(FormatForPath("values.yaml"), "yaml");
  EXPECT_EQ(FormatForPath("services/api/.env"), "yaml") << ".env never implies dotenv";
  EXPECT_EQ(FormatForPath(".env.production"), "yaml");
  EXPECT_EQ(FormatForPath("dir.toml/values"), "yaml") << "a directory's name is no extension";
  EXPECT_EQ(FormatForPath(".toml"), "yaml") << "a name that is only an extension";
}

TEST(FormatForPath, EveryImpliedFormatHasALoader) {
  for (std::string_view path : {"a.json", "a.properties", "a.ini", "a.toml", "a.tfvars", "a.yml"}) {
    EXPECT_NE(FindLoader(FormatForPath(path)), nullptr) << path;
  }
}

std::string Repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

TEST(Loaders, DeepNestingIsOnePositionedErrorNotACrash) {
  constexpr int kDeep = 100'000;
  const std::pair<std::string_view, std::string> inputs[] = {
      {"jsonc", Repeat("[ // x\n", kDeep)},
      {"toml", "a" + Repeat(".a", kDeep) + " = 1\n"},
      {"toml", "a = " + Repeat("[", kDeep)},
      {"tfvars", "a = " + Repeat("[", kDeep)},
      {"tfvars", "a = " + Repeat("{b = ", kDeep)},
      {"tfvars", "a = f(" + Repeat("(", kDeep)},
  };
  for (const auto& [format, text] : inputs) {
    const InputError error = testing::ErrorWith(FindLoader(format), "deep", text);
    EXPECT_GT(error.line(), 0) << format;
    EXPECT_NE(error.message().find("nesting deeper than 200 levels"), std::string::npos)
        << format << ": " << error.message();
  }
}

TEST(Loaders, FlatFormatsTakeLongInputsWithoutRecursion) {
  // .properties continuations and INI host pairs are loops, not recursion.
  const Value properties = testing::LoadOneWith(LoadProperties, "a.properties",
                                                "k = " + Repeat("x\\\n ", 100'000) + "\n");
  EXPECT_EQ(properties.Find("k")->text().size(), 100'000u);
  std::string host_line = "[h]\nweb";
  for (int i = 0; i < 20'000; ++i) host_line += " k" + std::to_string(i) + "=v";
  const Value ini = testing::LoadOneWith(LoadIni, "hosts.ini", host_line + "\n");
  EXPECT_EQ(ini.Find("h")->Find("web")->size(), 20'000u);
}

}  // namespace
}  // namespace driftcheck
