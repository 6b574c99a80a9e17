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

constexpr std::string_view kFile = "envs/prod/terraform.tfvars";

Value Load(std::string_view text) { return testing::LoadOneWith(LoadTfvars, kFile, text); }
InputError ErrorOf(std::string_view text, LoadLimits limits = {}) {
  return testing::ErrorWith(LoadTfvars, kFile, text, limits);
}

TEST(TfvarsLoader, LiteralsKeepTheirTypes) {
  const Value doc = Load(
      "region   = \"eu-west-1\"\nreplicas = 3\nratio = -0.5\nbig = 1e3\n"
      "enabled  = true\nowner = null\n");
  EXPECT_EQ(doc.Find("region")->text(), "eu-west-1");
  EXPECT_TRUE(doc.Find("region")->quoted());
  EXPECT_EQ(doc.Find("replicas")->kind(), Kind::kInt);
  EXPECT_EQ(doc.Find("ratio")->kind(), Kind::kFloat);
  EXPECT_DOUBLE_EQ(doc.Find("big")->as_double(), 1000);
  EXPECT_EQ(doc.Find("enabled")->kind(), Kind::kBool);
  EXPECT_TRUE(doc.Find("owner")->is_null());
  EXPECT_EQ(At(doc.key_location(1)), "2:1");
  EXPECT_EQ(At(doc.Find("replicas")->location()), "2:12");
}

TEST(TfvarsLoader, ListsAndObjectsNest) {
  const Value doc = Load(
      "zones = [\"a\",\n  \"b\", # second\n]\n"
      "tags = {\n  team = \"web\"\n  \"cost-center\": 42, env = \"prod\"\n  nested = { x = [1, {y = 2}] }\n}\n"
      "empty = {}\nnone = []\n");
  EXPECT_EQ(FlowText(doc),
            "{zones: [a, b], tags: {team: web, cost-center: 42, env: prod, nested: {x: [1, {y: 2}]}}, "
            "empty: {}, none: []}");
  const Value& tags = *doc.Find("tags");
  EXPECT_EQ(At(tags.key_location(1)), "6:3");
  EXPECT_EQ(At(tags.Find("env")->location()), "6:28");
}

TEST(TfvarsLoader, StringEscapesAndInterpolationsKeptAsWritten) {
  const Value doc = Load(
      "a = \"tab\\tq\\\"n\\n\\u00e9\\U0001F600\"\n"
      "b = \"${var.prefix}-api\"\n"
      "c = \"$${literal} %%{x}\"\n"
      "d = \"${lookup(var.m, \"k}\", 1)}\"\n");
  EXPECT_EQ(doc.Find("a")->text(), "tab\tq\"n\n\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(doc.Find("b")->text(), "${var.prefix}-api");
  EXPECT_TRUE(doc.Find("b")->quoted());
  EXPECT_EQ(doc.Find("c")->text(), "${literal} %{x}");
  EXPECT_EQ(doc.Find("d")->text(), "${lookup(var.m, \"k}\", 1)}");
}

TEST(TfvarsLoader, ExpressionsAreKeptAsTheirText) {
  const Value doc = Load(
      "cert = file(\"certs/prod.pem\")\nref = var.x # comment\nsum = 1 + 2\n"
      "call = merge(\n  local.a,\n  { b = 1 },\n)\nlist = [var.a, \"b\", upper(\"c\")]\n");
  EXPECT_EQ(doc.Find("cert")->text(), "file(\"certs/prod.pem\")");
  EXPECT_EQ(doc.Find("cert")->kind(), Kind::kString);
  EXPECT_FALSE(doc.Find("cert")->quoted());
  EXPECT_EQ(doc.Find("ref")->text(), "var.x");
  EXPECT_EQ(doc.Find("sum")->text(), "1 + 2");
  EXPECT_EQ(doc.Find("call")->text(), "merge(\n  local.a,\n  { b = 1 },\n)");
  EXPECT_EQ(FlowText(*doc.Find("list")), "[var.a, b, upper(\"c\")]");
  EXPECT_EQ(At(doc.Find("sum")->location()), "3:7");
}

TEST(TfvarsLoader, Heredocs) {
  const Value doc = Load(
      "policy = <<EOT\n{\n  \"a\": 1\n}\nEOT\n"
      "script = <<-EOF\n    line one\n      indented\n    EOF\n"
      "after = 1\n");
  EXPECT_EQ(doc.Find("policy")->text(), "{\n  \"a\": 1\n}\n");
  EXPECT_EQ(doc.Find("script")->text(), "line one\n  indented\n");
  EXPECT_EQ(At(doc.key_location(2)), "10:1");
}

TEST(TfvarsLoader, CommentsOfAllThreeKinds) {
  const Value doc = Load("# hash\n// slashes\n/* block\n over lines */ a = 1 /* inline */ // end\nb = [1, /* x */ 2]\n");
  EXPECT_EQ(FlowText(doc), "{a: 1, b: [1, 2]}");
  EXPECT_EQ(At(doc.key_location(0)), "4:16");
}

TEST(TfvarsLoader, RepeatedAttributeOrKeyIsAnErrorNamingBothLines) {
  EXPECT_EQ(ErrorOf("a = 1\nb = 2\na = \"s3cret\"\n").Headline(),
            std::string(kFile) + ":3:1: duplicate attribute (first defined at line 1)");
  EXPECT_EQ(ErrorOf("m = {\n  k = 1\n  \"k\" = 2\n}\n").Headline(),
            std::string(kFile) + ":3:3: duplicate key (first defined at line 2)");
}

TEST(TfvarsLoader, MalformedInputIsPositionedAndQuotesNothing) {
  const auto headline = [](std::string_view text) { return ErrorOf(text).Headline(); };
  EXPECT_EQ(headline("password = \"s3cret\n"), std::string(kFile) + ":1:12: unterminated string");
  EXPECT_EQ(headline("a = [1 2]\n"), std::string(kFile) + ":1:8: unexpected text after the value");
  EXPECT_EQ(headline("a = [1,\n"), std::string(kFile) + ":1:5: unclosed '['");
  EXPECT_EQ(headline("a = 1 b\n"), std::string(kFile) + ":1:7: unexpected text after the value");
  EXPECT_EQ(headline("a = {x = 1} y\n"), std::string(kFile) + ":1:13: unexpected text after the value");
  EXPECT_EQ(headline("a =\n"), std::string(kFile) + ":1:4: expected a value");
  EXPECT_EQ(headline("a = \"\\q\"\n"), std::string(kFile) + ":1:6: invalid escape sequence in a string");
  EXPECT_EQ(headline("a = <<EOT\nsecret\n"), std::string(kFile) + ":1:5: unterminated heredoc");
  EXPECT_EQ(headline("a = f(1]\n"), std::string(kFile) + ":1:8: unbalanced brackets in an expression");
  EXPECT_EQ(headline("resource \"x\" {\n}\n"),
            std::string(kFile) + ":1:1: blocks are not allowed in a .tfvars file");
  EXPECT_EQ(headline("= 1\n"), std::string(kFile) + ":1:1: expected a variable name (name = value)");
  EXPECT_EQ(At(ErrorOf("a = \"\xC3\"\n")), "1:6");
}

TEST(TfvarsLoader, DepthAndNodeLimitsApply) {
  EXPECT_NE(ErrorOf("a = [[[[1]]]]\n", LoadLimits{.max_depth = 3}).message().find("nesting deeper"),
            std::string::npos);
  EXPECT_NE(ErrorOf("a = f([[[[1]]]])\n", LoadLimits{.max_depth = 3}).message().find("nesting deeper"),
            std::string::npos);
  EXPECT_NE(ErrorOf("a = [1, 2, 3, 4]\n", LoadLimits{.max_nodes = 4}).message().find("more than 4"),
            std::string::npos);
}

TEST(TfvarsLoader, CrlfAndNoFinalNewline) {
  const Value doc = Load("a = 1\r\nb = {\r\n  c = 2\r\n}\r\nd = \"x\"");
  EXPECT_EQ(FlowText(doc), "{a: 1, b: {c: 2}, d: x}");
}

}  // namespace
}  // namespace driftcheck
