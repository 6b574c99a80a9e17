#include "config/loader.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/error.h"
#include "loader_test_util.h"
#include "finding/finding.h"

namespace driftcheck {
namespace {

using Kind = Value::Kind;
using testing::At;

constexpr std::string_view kFile = "config.toml";

Value Load(std::string_view text) { return testing::LoadOneWith(LoadToml, kFile, text); }
InputError ErrorOf(std::string_view text, LoadLimits limits = {}) {
  return testing::ErrorWith(LoadToml, kFile, text, limits);
}

TEST(TomlLoader, ScalarsKeepTheirTypesAndText) {
  const Value doc = Load(
      "s = \"8080\"\ni = 8080\nhex = 0x1F\nbig = 1_000\nf = 1.5\ninf = +inf\nb = true\n"
      "lit = 'C:\\path'\n");
  EXPECT_EQ(doc.Find("s")->kind(), Kind::kString);
  EXPECT_TRUE(doc.Find("s")->quoted());
  EXPECT_EQ(doc.Find("i")->kind(), Kind::kInt);
  EXPECT_EQ(doc.Find("hex")->as_int(), 31);
  EXPECT_EQ(doc.Find("hex")->text(), "0x1F");
  EXPECT_EQ(doc.Find("big")->as_int(), 1000);
  EXPECT_EQ(doc.Find("f")->kind(), Kind::kFloat);
  EXPECT_DOUBLE_EQ(doc.Find("f")->as_double(), 1.5);
  EXPECT_EQ(doc.Find("inf")->text(), "+inf");
  EXPECT_EQ(doc.Find("b")->kind(), Kind::kBool);
  EXPECT_EQ(doc.Find("lit")->text(), "C:\\path");
}

TEST(TomlLoader, DatesAndTimesStayStringsAsWritten) {
  const Value doc = Load("dt = 1979-05-27T07:32:00Z\nd = 1979-05-27\nt = 07:32:00.5\n");
  for (std::string_view key : {"dt", "d", "t"}) {
    EXPECT_EQ(doc.Find(key)->kind(), Kind::kString) << key;
    EXPECT_FALSE(doc.Find(key)->quoted()) << key;
  }
  EXPECT_EQ(doc.Find("dt")->text(), "1979-05-27T07:32:00Z");
  EXPECT_EQ(doc.Find("t")->text(), "07:32:00.5");
}

TEST(TomlLoader, TablesArraysAndDottedKeysNest) {
  const Value doc = Load(
      "title = \"x\"\n[server]\nhost = \"a\"\nlimits.cpu = 2\n"
      "[[routes]]\nname = \"r1\"\n[[routes]]\nname = \"r2\"\n"
      "inline = { a = 1, b = [1, 2] }\n");
  EXPECT_EQ(FlowText(doc),
            "{title: x, server: {host: a, limits: {cpu: 2}}, routes: [{name: r1}, {name: r2, "
            "inline: {a: 1, b: [1, 2]}}]}");
}

TEST(TomlLoader, KeysKeepTheOrderTheyAreWrittenIn) {
  const Value doc = Load("zeta = 1\nalpha = 2\n[mid]\nb = 1\na = 2\n");
  EXPECT_EQ(FlowText(doc), "{zeta: 1, alpha: 2, mid: {b: 1, a: 2}}");
}

TEST(TomlLoader, KeysAndValuesKeepByteColumns) {
  const Value doc = Load("a = 1\n[srv]\n  port = 80\n\"caf\xC3\xA9\" = \"\xC3\xA9\" \nx = 2\n");
  EXPECT_EQ(At(doc.key_location(0)), "1:1");
  EXPECT_EQ(At(doc.Find("a")->location()), "1:5");
  const Value& srv = *doc.Find("srv");
  EXPECT_EQ(At(srv.key_location(0)), "3:3");
  EXPECT_EQ(At(srv.Find("port")->location()), "3:10");
  // "café" is 5 code points but 6 bytes: columns count bytes.
  EXPECT_EQ(At(srv.key_location(1)), "4:1");
  EXPECT_EQ(At(srv.value(1).location()), "4:11");
}

TEST(TomlLoader, RepeatedKeyIsAnErrorNamingBothLines) {
  EXPECT_EQ(ErrorOf("a = 1\nb = 2\na = \"s3cret\"\n").Headline(),
            "config.toml:3:5: duplicate key (first defined at line 1)");
  EXPECT_EQ(ErrorOf("[s]\nx = 1\n\n[s]\ny = 2\n").Headline(),
            "config.toml:4:1: duplicate key (first defined at line 1)");
}

TEST(TomlLoader, ErrorsArePositionedAndNeverQuoteValues) {
  const InputError bad_number = ErrorOf("ok = 1\npassword = 12secret\n");
  EXPECT_EQ(At(bad_number), "2:14");
  EXPECT_EQ(bad_number.Headline().find("s'"), std::string::npos) << bad_number.Headline();
  const InputError overflow = ErrorOf("token = 99999999999999999999\n");
  EXPECT_EQ(overflow.Headline().find("9999"), std::string::npos) << overflow.Headline();
  EXPECT_NE(overflow.message().find("invalid TOML"), std::string::npos);
  const InputError bare = ErrorOf("key = hunter2\n");
  EXPECT_EQ(At(bare), "1:7");
  EXPECT_EQ(bare.Headline().find("hunter2"), std::string::npos);
  EXPECT_EQ(bare.Headline().find("'h'"), std::string::npos);
  EXPECT_EQ(ErrorOf("k = \"\\q s3cret\"\n").Headline().find("\\q"), std::string::npos);
}

TEST(TomlLoader, DepthAndNodeLimitsApply) {
  EXPECT_NE(ErrorOf("a = [[[[1]]]]\n", LoadLimits{.max_depth = 3}).message().find("nesting deeper"),
            std::string::npos);
  EXPECT_NE(ErrorOf("a = [1, 2, 3, 4]\n", LoadLimits{.max_nodes = 4}).message().find("more than 4"),
            std::string::npos);
}

TEST(TomlLoader, DeepDottedKeysAreRefusedBeforeTomlPlusPlusBuildsThem) {
  // toml++ itself overflows its stack on a.a.a... 200,000 levels deep.
  std::string deep = "a";
  for (int i = 0; i < 200'000; ++i) deep += ".a";
  EXPECT_EQ(ErrorOf(deep + " = 1\n").Headline(), "config.toml:1:400: nesting deeper than 200 levels");
  EXPECT_EQ(At(ErrorOf("k = { a.b = { c = { d = 1 } } }\n", LoadLimits{.max_depth = 3})), "1:13");
  const Value doc = Load("[a.b]\nc.d = 1.5\n\"e.f\" = '1.2.3.4.5'\nl = [1.5, 2.5, 3.5]\n");
  EXPECT_EQ(FlowText(doc), "{a: {b: {c: {d: 1.5}, e.f: 1.2.3.4.5, l: [1.5, 2.5, 3.5]}}}");
}

TEST(TomlLoader, EmptyFileIsAnEmptyMap) {
  const Value doc = Load("# nothing\n");
  EXPECT_TRUE(doc.is_map());
  EXPECT_EQ(doc.size(), 0u);
}

}  // namespace
}  // namespace driftcheck
