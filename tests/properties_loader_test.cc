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

constexpr std::string_view kFile = "application-prod.properties";

Value Load(std::string_view text) { return testing::LoadOneWith(LoadProperties, kFile, text); }

std::string ValueOf(std::string_view text, std::string_view key) {
  const Value doc = Load(text);
  const Value* value = doc.Find(key);
  return value ? value->text() : "<absent>";
}

TEST(PropertiesLoader, SeparatorsEqualsColonOrWhitespace) {
  const Value doc = Load("a=1\nb = 2\nc:3\nd : 4\ne 5\nf\t \t6\ng=\nh\n");
  EXPECT_EQ(FlowText(doc), "{a: \"1\", b: \"2\", c: \"3\", d: \"4\", e: \"5\", f: \"6\", g: \"\", h: \"\"}");
}

TEST(PropertiesLoader, EveryValueIsAQuotedStringAndKeysStayFlat) {
  const Value doc = Load("spring.datasource.url=jdbc:postgresql://db/app\nserver.port=8080\n");
  ASSERT_EQ(doc.size(), 2u);
  EXPECT_EQ(doc.key(0), "spring.datasource.url");
  EXPECT_EQ(doc.Find("spring.datasource.url")->text(), "jdbc:postgresql://db/app");
  EXPECT_EQ(doc.Find("server.port")->kind(), Value::Kind::kString);
  EXPECT_TRUE(doc.Find("server.port")->quoted());
}

TEST(PropertiesLoader, OnlyTheFirstSeparatorSplits) {
  EXPECT_EQ(ValueOf("url = http://h:80/a=b\n", "url"), "http://h:80/a=b");
  EXPECT_EQ(ValueOf("k = = v\n", "k"), "= v");
}

TEST(PropertiesLoader, CommentsAreWholeLinesOnly) {
  const Value doc = Load("# hash\n! bang\n   # indented\na=1 # not a comment\n");
  ASSERT_EQ(doc.size(), 1u);
  EXPECT_EQ(doc.Find("a")->text(), "1 # not a comment");
  EXPECT_EQ(At(doc.key_location(0)), "4:1");
}

TEST(PropertiesLoader, BackslashContinuesTheLineAndDropsTheIndent) {
  const Value doc = Load("list = a,\\\n       b,\\\n       c\nnext=1\n");
  EXPECT_EQ(doc.Find("list")->text(), "a,b,c");
  EXPECT_EQ(At(doc.key_location(1)), "4:1");
  EXPECT_EQ(ValueOf("k = x\\\\\nn=2\n", "k"), "x\\") << "an even number of backslashes does not continue";
  EXPECT_EQ(ValueOf("# comment \\\nk=v\n", "k"), "v") << "a comment line never continues";
}

TEST(PropertiesLoader, ValueAfterAContinuedSeparatorIsLocatedWhereItStarts) {
  const Value doc = Load("key = \\\n   value\n");
  EXPECT_EQ(doc.Find("key")->text(), "value");
  EXPECT_EQ(At(doc.Find("key")->location()), "2:4");
}

TEST(PropertiesLoader, Escapes) {
  EXPECT_EQ(ValueOf("k=caf\\u00e9\\t\\n\\r\\f|\\q\\\\\n", "k"), "caf\xC3\xA9\t\n\r\f|q\\");
  EXPECT_EQ(ValueOf("k=\\uD83D\\uDE00\n", "k"), "\xF0\x9F\x98\x80");
  const Value doc = Load("a\\ key\\=x\\:y = v\n");
  EXPECT_EQ(doc.key(0), "a key=x:y");
}

TEST(PropertiesLoader, MalformedEscapesArePositionedErrors) {
  const InputError error = testing::ErrorWith(LoadProperties, kFile, "ok=1\npassword=s3cr\\u12x4\n");
  EXPECT_EQ(error.Headline(), std::string(kFile) + ":2:14: malformed \\uXXXX escape");
  EXPECT_EQ(At(testing::ErrorWith(LoadProperties, kFile, "k=\\uD800x\n")), "1:3");
}

TEST(PropertiesLoader, RepeatedKeyLastWinsWithAWarningNamingBothLines) {
  const std::string text = "a=1\nb=2\na=3\n";
  const Value doc = Load(text);
  EXPECT_EQ(doc.Find("a")->text(), "3");
  EXPECT_EQ(At(doc.key_location(*doc.IndexOf("a"))), "3:1");
  const auto warnings = testing::WarningsWith(LoadProperties, kFile, text);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(At(warnings[0].location), "3:1");
  EXPECT_EQ(warnings[0].message, "duplicate key: this line (3) wins over line 1");
  EXPECT_TRUE(testing::WarningsWith(LoadProperties, kFile, "a=1\nb=1\n").empty());
}

TEST(PropertiesLoader, CrlfLoneCrAndNoFinalNewline) {
  const Value doc = Load("a=1\r\nb=2\rc=3");
  EXPECT_EQ(FlowText(doc), "{a: \"1\", b: \"2\", c: \"3\"}");
  EXPECT_EQ(At(doc.key_location(2)), "3:1");
}

TEST(PropertiesLoader, Latin1FileIsReadAsJavaDoes) {
  EXPECT_EQ(ValueOf("k=caf\xE9\n", "k"), "caf\xC3\xA9");
}

TEST(PropertiesLoader, SpringDocumentSeparatorsSplitDocuments) {
  const Documents docs = testing::LoadWith(
      LoadProperties, kFile, "a=1\n#---\nspring.config.activate.on-profile=prod\na=2\n!---\n#---\n# ---\nb=3");
  ASSERT_EQ(docs.size(), 3u) << "an empty document is dropped";
  EXPECT_EQ(FlowText(docs[0]), "{a: \"1\"}");
  EXPECT_EQ(docs[1].Find("a")->text(), "2");
  EXPECT_EQ(At(docs[1].location()), "3:1");
  EXPECT_EQ(FlowText(docs[2]), "{b: \"3\"}") << "'# ---' is a comment, not a separator";
  EXPECT_TRUE(testing::WarningsWith(LoadProperties, kFile, "a=1\n#---\na=2\n").empty())
      << "a key in another document is no duplicate";
}

TEST(PropertiesLoader, NodeLimitApplies) {
  const InputError error =
      testing::ErrorWith(LoadProperties, kFile, "a=1\nb=2\nc=3\n", LoadLimits{.max_nodes = 2});
  EXPECT_EQ(At(error), "3:1");
}

}  // namespace
}  // namespace driftcheck
