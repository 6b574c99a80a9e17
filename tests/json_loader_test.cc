#include "config/loader.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/error.h"
#include "loader_test_util.h"

namespace driftcheck {
namespace {

using Kind = Value::Kind;

using testing::At;

Documents Load(std::string_view text, LoadLimits limits = {}) {
  return testing::LoadWith(LoadJson, "config.json", text, limits);
}

Value LoadOne(std::string_view text) { return testing::LoadOneWith(LoadJson, "config.json", text); }

InputError ErrorOf(std::string_view text, LoadLimits limits = {}) {
  return testing::ErrorWith(LoadJson, "config.json", text, limits);
}

TEST(JsonLoader, StringsAreQuotedAndNumbersResolve) {
  const Value doc = LoadOne(
      R"({"s": "8080", "i": 8080, "f": 1.5, "e": 1e5, "E": 2E-2, "z": -0, "t": true,
          "n": null, "big": 123456789012345678901234567890})");
  EXPECT_EQ(doc.Find("s")->kind(), Kind::kString);
  EXPECT_TRUE(doc.Find("s")->quoted());
  EXPECT_EQ(doc.Find("i")->kind(), Kind::kInt);
  EXPECT_EQ(doc.Find("i")->as_int(), 8080);
  EXPECT_EQ(doc.Find("f")->kind(), Kind::kFloat);
  EXPECT_EQ(doc.Find("e")->kind(), Kind::kFloat);
  EXPECT_DOUBLE_EQ(doc.Find("e")->as_double(), 100000);
  EXPECT_DOUBLE_EQ(doc.Find("E")->as_double(), 0.02);
  EXPECT_EQ(doc.Find("z")->kind(), Kind::kInt);
  EXPECT_EQ(doc.Find("z")->as_int(), 0);
  EXPECT_EQ(doc.Find("t")->kind(), Kind::kBool);
  EXPECT_TRUE(doc.Find("n")->is_null());
  EXPECT_EQ(doc.Find("big")->kind(), Kind::kInt);
  EXPECT_EQ(doc.Find("big")->text(), "123456789012345678901234567890");
  EXPECT_EQ(doc.Find("big")->DecimalText(), "123456789012345678901234567890");
}

TEST(JsonLoader, IntegersBeyond64BitsStayExact) {
  const Value a = LoadOne(R"({"n": 18446744073709551617, "m": 9007199254740993})");
  const Value b = LoadOne(R"({"n": 18446744073709551616, "m": 9007199254740992.0})");
  EXPECT_FALSE(SameValue(*a.Find("n"), *b.Find("n")));
  EXPECT_FALSE(SameValue(*a.Find("m"), *b.Find("m")));
  EXPECT_TRUE(SameValue(*LoadOne("[1]").items().data(), *LoadOne("[1.0]").items().data()));
}

TEST(JsonLoader, StringThatLooksLikeABooleanStaysAString) {
  const Value doc = LoadOne(R"({"a": "yes", "b": "true", "c": "null"})");
  EXPECT_EQ(doc.Find("a")->kind(), Kind::kString);
  EXPECT_EQ(doc.Find("b")->kind(), Kind::kString);
  EXPECT_EQ(doc.Find("c")->kind(), Kind::kString);
}

TEST(JsonLoader, NodesKeepLineAndColumn) {
  const Value doc = LoadOne("{\n  \"name\": \"api\",\n  \"ports\": [80,\n    443]\n}\n");
  EXPECT_EQ(doc.location().file(), "config.json");
  EXPECT_EQ(At(doc.location()), "1:1");
  EXPECT_EQ(At(doc.key_location(0)), "2:3");
  EXPECT_EQ(At(doc.Find("name")->location()), "2:11");
  EXPECT_EQ(At(doc.Find("ports")->location()), "3:12");
  EXPECT_EQ(At(doc.Find("ports")->items()[0].location()), "3:13");
  EXPECT_EQ(At(doc.Find("ports")->items()[1].location()), "4:5");
}

TEST(JsonLoader, KeysKeepInsertionOrder) {
  const Value doc = LoadOne(R"({"z": 1, "a": 2})");
  EXPECT_EQ(doc.key(0), "z");
  EXPECT_EQ(doc.key(1), "a");
}

TEST(JsonLoader, AcceptsValidJsonThatYamlReadsDifferently) {
  const Value doc = LoadOne(
      "{\n\t\"tab\":\t1,\n  \"e\": \"caf\\u00e9\",\n  \"emoji\": \"\\ud83d\\ude00\",\n"
      "  \"colon\": \"a: b # not a comment\",\n  \"slash\": \"a\\/b\",\n"
      "  \"key on its own line\"\n  :\n  \"v\",\n"
      "  \"nested\": [[1, [2]], {\"k\": []}], \"empty\": {}\n}");
  EXPECT_EQ(doc.Find("tab")->as_int(), 1);
  EXPECT_EQ(doc.Find("e")->text(), "café");
  EXPECT_EQ(doc.Find("emoji")->text(), "😀");
  EXPECT_EQ(doc.Find("colon")->text(), "a: b # not a comment");
  EXPECT_EQ(doc.Find("slash")->text(), "a/b");
  EXPECT_EQ(doc.Find("key on its own line")->text(), "v");
  EXPECT_EQ(At(doc.Find("key on its own line")->location()), "9:3");
  const Value& nested = *doc.Find("nested");
  EXPECT_EQ(nested.items()[0].items()[1].items()[0].as_int(), 2);
  EXPECT_TRUE(nested.items()[1].Find("k")->is_list());
  EXPECT_TRUE(doc.Find("empty")->is_map());
  EXPECT_EQ(doc.Find("empty")->size(), 0u);
}

TEST(JsonLoader, TopLevelArrayAndScalars) {
  const Value list = LoadOne("[1, \"two\", null]");
  ASSERT_TRUE(list.is_list());
  EXPECT_EQ(list.items().size(), 3u);
  EXPECT_EQ(LoadOne("\"text\"").text(), "text");
  EXPECT_EQ(LoadOne("42").as_int(), 42);
  EXPECT_TRUE(LoadOne("null").is_null());
}

TEST(JsonLoader, EmptyFileIsAnErrorInStrictJson) {
  for (const char* text : {"", " \n\t\r\n", "\xEF\xBB\xBF"}) {
    try {
      Load(text);
      FAIL() << "accepted an empty file";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("1:1: invalid JSON: the file is empty"), std::string::npos) << e.what();
    }
  }
}

TEST(JsonLoader, BomIsSkippedAndColumnsStayRight) {
  const Value doc = LoadOne("\xEF\xBB\xBF{\"a\": 1}");
  EXPECT_EQ(At(doc.location()), "1:1");
  EXPECT_EQ(At(doc.Find("a")->location()), "1:7");
}

TEST(JsonLoader, DuplicateSecretKeyOrKeyBelowOneIsNotNamed) {
  const std::string_view inputs[] = {
      R"({"apikey_MARK": 1, "apikey_MARK": 2})",
      R"({"api_keys": {"sk_live_MARK": 1, "sk_live_MARK": 2}})",
      R"({"credentials": [{"user": 1}, {"sk_live_MARK": 1, "sk_live_MARK": 2}]})",
  };
  for (std::string_view text : inputs) {
    const InputError error = ErrorOf(text);
    EXPECT_NE(error.message().find("duplicate key (first defined at line 1)"), std::string::npos)
        << text << error.message();
    EXPECT_EQ(std::string(error.what()).find("MARK"), std::string::npos) << error.what();
  }
  // No key is named, a plain one neither: the manifest may add secret words
  // (`secret_keys: {add: [port]}`) or a schema mark it, which a loader cannot know.
  const InputError plain = ErrorOf(R"({"token": {}, "port": 1, "port": 2})");
  EXPECT_NE(plain.message().find("duplicate key (first defined at line 1)"), std::string::npos) << plain.message();
  EXPECT_EQ(std::string(plain.what()).find("port"), std::string::npos) << plain.what();
}

TEST(JsonLoader, DuplicateKeyNamesBothLines) {
  const InputError error = ErrorOf("{\n  \"name\": 1,\n  \"name\": 2\n}");
  EXPECT_EQ(At(error), "3:3");
  EXPECT_NE(error.message().find("duplicate key (first defined at line 2)"), std::string::npos);
  EXPECT_NE(error.message().find("line 2"), std::string::npos);
}

TEST(JsonLoader, InvalidJsonReportsLineAndColumn) {
  const InputError literal = ErrorOf("{\n  \"a\": tru\n}");
  EXPECT_EQ(literal.file(), "config.json");
  EXPECT_EQ(At(literal), "2:8");
  EXPECT_NE(literal.message().find("invalid JSON"), std::string::npos);
  EXPECT_EQ(At(ErrorOf("{\"a\": 1,}")), "1:9");  // trailing comma
  EXPECT_EQ(At(ErrorOf("[1,,2]")), "1:4");
  EXPECT_EQ(At(ErrorOf("{\"a\" 1}")), "1:6");  // missing colon
  EXPECT_EQ(At(ErrorOf("{\"a\": [1, 2}")), "1:12");
  EXPECT_EQ(At(ErrorOf("[\n  1,\n  2\n")), "4:1");  // end of input
  EXPECT_EQ(At(ErrorOf("{\"a\":\n  [true, fals]}")), "2:10");
}

TEST(JsonLoader, UnterminatedStringIsReportedAtItsOpeningQuote) {
  const InputError error = ErrorOf("{\n  \"password\": \"open");
  EXPECT_EQ(At(error), "2:15");
}

TEST(JsonLoader, NonJsonSyntaxIsRejected) {
  for (std::string_view text : {"// comment\n{}", "{'a': 1}", "{a: 1}", "{\"a\": 1}{\"b\": 2}",
                                "[01]", "[1.]", "[.5]", "[+1]", "[NaN]", "a: 1", "[\"a\tb\"]",
                                "[1e400]", "{\"a\": \"\\x\"}", "{\"a\": \"\\ud800\"}"}) {
    EXPECT_THROW(Load(text), InputError) << text;
  }
}

TEST(JsonLoader, NulByteIsAnError) {
  // nlohmann would stop reading at it and accept the prefix.
  EXPECT_EQ(At(ErrorOf(std::string("[1] \0 garbage", 13))), "1:5");
}

TEST(JsonLoader, InvalidUtf8IsAnError) {
  EXPECT_EQ(ErrorOf("{\"a\": \"caf\xE9\"}").line(), 1);
  EXPECT_EQ(ErrorOf("\xFF\xFE[]").line(), 1);
}

TEST(JsonLoader, DeepNestingIsAnErrorNotACrash) {
  const InputError lists = ErrorOf(std::string(10000, '[') + std::string(10000, ']'));
  EXPECT_NE(lists.message().find("nesting deeper than 200"), std::string::npos);
  std::string maps;
  for (int i = 0; i < 10000; ++i) maps += "{\"a\": ";
  maps += "1" + std::string(10000, '}');
  EXPECT_EQ(ErrorOf(maps).line(), 1);
  EXPECT_THROW(Load(std::string(10000, '[')), InputError);
}

TEST(JsonLoader, NestingUpToTheLimitIsAccepted) {
  const LoadLimits limits{.max_depth = 2, .max_nodes = 100};
  EXPECT_NO_THROW(Load("[[1]]", limits));
  EXPECT_THROW(Load("[[[1]]]", limits), InputError);
}

TEST(JsonLoader, NodeLimitIsEnforced) {
  EXPECT_THROW(Load("[1, 2, 3, 4]", LoadLimits{.max_depth = 10, .max_nodes = 4}), InputError);
  EXPECT_NO_THROW(Load("[1, 2, 3, 4]", LoadLimits{.max_depth = 10, .max_nodes = 5}));
}

TEST(JsonLoader, ErrorMessagesNeverContainValues) {
  const std::string_view inputs[] = {
      "{\"password\": \"hunter2",          "{\"password\": hunter2}",
      "{\"password\": \"hunter2\n\"}",     "{\"password\": \"hunter2\\q\"}",
      "{\"password\": \"hunter2\\u12\"}",  "{\"password\": 1e999999}",
      "{\"password\": \"hunter2\" \"x\"}", "{\"password\": \"hunter2\", \"password\": \"hunter2\"}",
      "{\"password\": \"hunter2\xFF\"}",
      "{\"tokens\": {\"hunter2\": 1, \"hunter2\": 2}}",
  };
  for (std::string_view text : inputs) {
    const InputError error = ErrorOf(text);
    EXPECT_EQ(std::string(error.what()).find("hunter2"), std::string::npos) << error.what();
    EXPECT_EQ(std::string(error.what()).find("999999"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace driftcheck
