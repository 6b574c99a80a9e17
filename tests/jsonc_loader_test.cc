#include "config/loader.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/error.h"
#include "loader_test_util.h"
#include "finding/finding.h"

namespace driftcheck {
namespace {

using testing::At;

Value LoadOne(std::string_view text) {
  return testing::LoadOneWith(LoadJsonc, "appsettings.json", text);
}

InputError ErrorOf(std::string_view text, LoadLimits limits = {}) {
  return testing::ErrorWith(LoadJsonc, "appsettings.json", text, limits);
}

TEST(JsoncLoader, CommentsAndTrailingCommasAreAccepted) {
  const Value doc = LoadOne(
      "{\n"
      "  // .NET settings\n"
      "  \"Logging\": { \"Level\": \"Warning\", /* inline */ },\n"
      "  \"Hosts\": [\"a\", \"b\",],\n"
      "  /* a block\n     over lines */\n"
      "  \"Port\": 8080, // trailing\n"
      "}\n");
  EXPECT_EQ(FlowText(doc), "{Logging: {Level: Warning}, Hosts: [a, b], Port: 8080}");
  EXPECT_EQ(doc.Find("Port")->kind(), Value::Kind::kInt);
}

TEST(JsoncLoader, PositionsAreTheOriginalFilesAfterComments) {
  const Value doc = LoadOne("{ /* x */ \"a\": 1,\n// c\n  \"b\": /* y */ [true,\n ],\n}");
  EXPECT_EQ(At(doc.key_location(0)), "1:11");
  EXPECT_EQ(At(doc.Find("a")->location()), "1:16");
  EXPECT_EQ(At(doc.key_location(1)), "3:3");
  EXPECT_EQ(At(doc.Find("b")->location()), "3:16");
  EXPECT_EQ(At(doc.Find("b")->items()[0].location()), "3:17");
}

TEST(JsoncLoader, CommentMarkersInsideStringsAreText) {
  const Value doc = LoadOne(R"({"url": "http://x/*y*/", "s": "a, ]", "q": "\"//"})");
  EXPECT_EQ(doc.Find("url")->text(), "http://x/*y*/");
  EXPECT_EQ(doc.Find("s")->text(), "a, ]");
  EXPECT_EQ(doc.Find("q")->text(), "\"//");
}

TEST(JsoncLoader, OnlyOneTrailingCommaAfterAValue) {
  EXPECT_EQ(At(ErrorOf("[1,,]")), "1:4");
  EXPECT_NE(ErrorOf("[,]").message().find("invalid JSON"), std::string::npos);
  EXPECT_NE(ErrorOf("{,}").message().find("invalid JSON"), std::string::npos);
}

TEST(JsoncLoader, DuplicateKeysNameBothLines) {
  const InputError error = ErrorOf("{\n  \"a\": 1,\n  // again\n  \"a\": 2,\n}");
  EXPECT_EQ(error.Headline(),
            "appsettings.json:4:3: duplicate key (first defined at line 2)");
}

TEST(JsoncLoader, UnterminatedBlockCommentIsPositioned) {
  EXPECT_EQ(ErrorOf("{\"a\": 1 /* never closed\n}").Headline(),
            "appsettings.json:1:9: invalid JSON: unterminated /* comment");
}

TEST(JsoncLoader, ErrorsNeverQuoteValues) {
  const InputError error = ErrorOf("{\"password\": hunter2 // secret\n}");
  EXPECT_EQ(At(error), "1:14");
  EXPECT_EQ(error.Headline().find("hunter2"), std::string::npos);
}

TEST(JsoncLoader, DepthLimitApplies) {
  EXPECT_NE(ErrorOf("[[[[ // deep\n]]]]", LoadLimits{.max_depth = 3}).message().find("nesting deeper"),
            std::string::npos);
}

TEST(JsoncLoader, OnlyCommentsIsAnEmptyFile) {
  EXPECT_TRUE(testing::LoadWith(LoadJsonc, "a.json", "// nothing yet\n/* */\n").empty());
}

}  // namespace
}  // namespace driftcheck
