#include "config/loader.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/error.h"
#include "loader_test_util.h"

namespace driftcheck {
namespace {

using testing::At;

Value Load(std::string_view text) { return testing::LoadOneWith(LoadDotenv, ".env", text); }

InputError ErrorOf(std::string_view text) { return testing::ErrorWith(LoadDotenv, ".env", text); }

std::string ValueOf(std::string_view text, std::string_view key = "A") {
  const Value env = Load(text);
  const Value* value = env.Find(key);
  EXPECT_NE(value, nullptr) << text;
  return value ? value->text() : "<missing>";
}

TEST(DotenvLoader, KeyValuePairsWithLocations) {
  const Value env = Load("HOST=db.local\nPORT=5432\n");
  ASSERT_TRUE(env.is_map());
  ASSERT_EQ(env.size(), 2u);
  EXPECT_EQ(env.key(0), "HOST");
  EXPECT_EQ(env.location().file(), ".env");
  EXPECT_EQ(At(env.key_location(0)), "1:1");
  EXPECT_EQ(At(env.Find("HOST")->location()), "1:6");
  EXPECT_EQ(At(env.key_location(1)), "2:1");
  EXPECT_EQ(At(env.Find("PORT")->location()), "2:6");
}

TEST(DotenvLoader, EveryValueIsAQuotedString) {
  const Value env = Load("PORT=8080\nDEBUG=true\nEMPTY=\n");
  for (std::string_view key : {"PORT", "DEBUG", "EMPTY"}) {
    EXPECT_EQ(env.Find(key)->kind(), Value::Kind::kString) << key;
    EXPECT_TRUE(env.Find(key)->quoted()) << key;
  }
  EXPECT_EQ(env.Find("PORT")->text(), "8080");
}

TEST(DotenvLoader, ExportPrefixIsSkipped) {
  const Value env = Load("export A=1\nexport\tB=2\n");
  EXPECT_EQ(env.Find("A")->text(), "1");
  EXPECT_EQ(At(env.key_location(0)), "1:8");
  EXPECT_EQ(env.Find("B")->text(), "2");
  EXPECT_EQ(env.Find("export"), nullptr);
}

TEST(DotenvLoader, KeyNamedExportIsAKey) {
  EXPECT_EQ(ValueOf("export=1\n", "export"), "1");
  EXPECT_EQ(ValueOf("export = 1\n", "export"), "1");
}

TEST(DotenvLoader, SpacesAroundEquals) {
  const Value env = Load("A = 'value'\nB  =  plain\n  C=indented\n");
  EXPECT_EQ(env.Find("A")->text(), "value");
  EXPECT_EQ(At(env.Find("A")->location()), "1:5");
  EXPECT_EQ(env.Find("B")->text(), "plain");
  EXPECT_EQ(env.Find("C")->text(), "indented");
  EXPECT_EQ(At(env.key_location(2)), "3:3");
}

TEST(DotenvLoader, SingleQuotesAreLiteral) {
  EXPECT_EQ(ValueOf("A='a\\nb $X \"q\" # not a comment'\n"), "a\\nb $X \"q\" # not a comment");
}

TEST(DotenvLoader, DoubleQuotesHonourEscapes) {
  EXPECT_EQ(ValueOf("A=\"l1\\nl2\\tt\\r \\\"q\\\" \\\\ \\'\"\n"), "l1\nl2\tt\r \"q\" \\ '");
}

TEST(DotenvLoader, UnknownEscapesStayAsWritten) {
  EXPECT_EQ(ValueOf("A=\"\\d \\$HOME\"\n"), "\\d \\$HOME");
}

TEST(DotenvLoader, QuotedValuesMaySpanLines) {
  const Value env = Load("A=\"line1\nline2\"\nB='x\ny'\nC=after\n");
  EXPECT_EQ(env.Find("A")->text(), "line1\nline2");
  EXPECT_EQ(env.Find("B")->text(), "x\ny");
  EXPECT_EQ(At(env.Find("B")->location()), "3:3");
  EXPECT_EQ(At(env.key_location(2)), "5:1");
}

TEST(DotenvLoader, InlineCommentsNeedWhitespaceBefore) {
  EXPECT_EQ(ValueOf("A=b#c\n"), "b#c");
  EXPECT_EQ(ValueOf("A=b #c\n"), "b");
  EXPECT_EQ(ValueOf("A=b\t# c\n"), "b");
  EXPECT_EQ(ValueOf("A=#c\n"), "#c");
  EXPECT_EQ(ValueOf("A= #c\n"), "");
  EXPECT_EQ(ValueOf("A=\"x # y\" # c\n"), "x # y");
  EXPECT_EQ(ValueOf("A='x'#c\n"), "x");
  EXPECT_EQ(ValueOf("url=http://h/#frag\n", "url"), "http://h/#frag");
}

TEST(DotenvLoader, FullLineCommentsAndBlankLinesAreSkipped) {
  const Value env = Load("# header\n\n   \n  # indented comment\nA=1\n\n");
  EXPECT_EQ(env.size(), 1u);
  EXPECT_EQ(At(env.key_location(0)), "5:1");
}

TEST(DotenvLoader, TrailingWhitespaceOfUnquotedValuesIsTrimmed) {
  EXPECT_EQ(ValueOf("A=  padded value \t \n"), "padded value");
  EXPECT_EQ(ValueOf("A=' kept '\n"), " kept ");
}

TEST(DotenvLoader, EmptyValues) {
  const Value env = Load("A=\nB=\"\"\nC=''\nD=");
  for (std::string_view key : {"A", "B", "C", "D"}) {
    ASSERT_NE(env.Find(key), nullptr) << key;
    EXPECT_EQ(env.Find(key)->text(), "") << key;
  }
  EXPECT_EQ(At(env.Find("A")->location()), "1:3");
}

TEST(DotenvLoader, CrlfLineEndings) {
  const Value env = Load("A=1\r\nB=two words\r\nC=\"x\r\ny\"\r\nD='q'\r\n");
  EXPECT_EQ(env.Find("A")->text(), "1");
  EXPECT_EQ(env.Find("B")->text(), "two words");
  EXPECT_EQ(env.Find("C")->text(), "x\ny");
  EXPECT_EQ(At(env.key_location(3)), "5:1");
}

TEST(DotenvLoader, NoFinalNewline) {
  EXPECT_EQ(ValueOf("B=1\nA=last"), "last");
  EXPECT_EQ(ValueOf("A=\"last\""), "last");
}

TEST(DotenvLoader, BomIsSkippedAndColumnsStayRight) {
  const Value env = Load(
      "\xEF\xBB\xBF"
      "A=1\n");
  EXPECT_EQ(env.key(0), "A");
  EXPECT_EQ(At(env.key_location(0)), "1:1");
  EXPECT_EQ(At(env.Find("A")->location()), "1:3");
}

TEST(DotenvLoader, RepeatedKeyLaterWinsWithLaterLocation) {
  const Value env = Load("A=first\nB=x\nA=second\n");
  EXPECT_EQ(env.size(), 2u);
  EXPECT_EQ(env.Find("A")->text(), "second");
  EXPECT_EQ(At(env.Find("A")->location()), "3:3");
  EXPECT_EQ(At(env.key_location(*env.IndexOf("A"))), "3:1");
}

TEST(DotenvLoader, EmptyFileIsOneEmptyMap) {
  for (std::string_view text : {"", "\n\n", "# only a comment\n", "\xEF\xBB\xBF"}) {
    const Value env = Load(text);
    EXPECT_TRUE(env.is_map()) << text;
    EXPECT_EQ(env.size(), 0u) << text;
  }
}

TEST(DotenvLoader, KeyCharacters) {
  const Value env = Load("a.b-c_D9=1\n_X=2\n");
  EXPECT_NE(env.Find("a.b-c_D9"), nullptr);
  EXPECT_NE(env.Find("_X"), nullptr);
}

TEST(DotenvLoader, InvalidKeysAreErrors) {
  EXPECT_EQ(At(ErrorOf("1KEY=x\n")), "1:1");
  EXPECT_EQ(At(ErrorOf("A=1\nKE$Y=x\n")), "2:3");
  EXPECT_EQ(At(ErrorOf("=x\n")), "1:1");
  EXPECT_EQ(At(ErrorOf("'A'=x\n")), "1:1");
}

// python-dotenv reads a key alone as None, and Docker Compose's env_file as
// "take it from the environment": a real .env holds such lines, so it reads
// as null, never as an unreadable file. Only a name written as environment
// variables are (upper case, digits, '_'): another word alone on a line may be
// a pasted secret, and stays an error that quotes nothing. Text after the key
// is an error too.
TEST(DotenvLoader, AKeyAloneIsNullAsPythonDotenvAndComposeReadIt) {
  const Value env = Load("A=1\nKEY\nexport OTHER  # from the shell\nB=2\n");
  ASSERT_NE(env.Find("KEY"), nullptr);
  EXPECT_TRUE(env.Find("KEY")->is_null());
  EXPECT_EQ(At(env.Find("KEY")->location()), "2:1");
  ASSERT_NE(env.Find("OTHER"), nullptr);
  EXPECT_TRUE(env.Find("OTHER")->is_null());
  EXPECT_EQ(env.Find("B")->text(), "2");
  EXPECT_NE(At(ErrorOf("A=1\nhunter2\n")), "");
  const InputError error = ErrorOf("KEY value\n");
  EXPECT_EQ(At(error), "1:5");
  EXPECT_NE(error.message().find("expected '='"), std::string::npos);
}

TEST(DotenvLoader, UnterminatedQuoteIsReportedAtTheOpeningQuote) {
  EXPECT_EQ(At(ErrorOf("A=1\nB=\"never closed\nC=3\n")), "2:3");
  EXPECT_EQ(At(ErrorOf("B = 'open")), "1:5");
  EXPECT_EQ(At(ErrorOf("B=\"ends in backslash\\")), "1:3");
}

TEST(DotenvLoader, TextAfterClosingQuoteIsAnError) { EXPECT_EQ(At(ErrorOf("A=\"x\" y\n")), "1:7"); }

TEST(DotenvLoader, InvalidUtf8IsAnError) { EXPECT_EQ(At(ErrorOf("A=ok\nB=caf\xE9\n")), "2:6"); }

TEST(DotenvLoader, ErrorMessagesNeverContainValues) {
  const std::string_view inputs[] = {
      "PASSWORD=\"hunter2\n",     "PASSWORD='hunter2\n", "hunter2\n",
      "PASSWORD=\"x\" hunter2\n", "hunter2 secret=1\n",  "PASSWORD=hunter2\xFF\n",
      "-----BEGIN KEY-----\n",
  };
  for (std::string_view text : inputs) {
    const InputError error = ErrorOf(text);
    EXPECT_EQ(std::string(error.what()).find("hunter2"), std::string::npos) << error.what();
    EXPECT_EQ(error.hint().find("hunter2"), std::string::npos) << error.hint();
  }
}

TEST(DotenvLoader, ARepeatedKeyLetsTheLastWinAndWarnsNamingBothLines) {
  EXPECT_EQ(Load("A=1\nB=2\nA=3\n").Find("A")->text(), "3");
  const auto warnings = testing::WarningsWith(LoadDotenv, ".env", "A=1\nB=2\nA=3\n");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 3);
  EXPECT_NE(warnings[0].message.find("line 1"), std::string::npos) << warnings[0].message;
  // A secret's name stays out of the message.
  const auto secret = testing::WarningsWith(LoadDotenv, ".env", "DB_PASSWORD=a\nDB_PASSWORD=b\n");
  ASSERT_EQ(secret.size(), 1u);
  EXPECT_EQ(secret[0].message.find("DB_PASSWORD"), std::string::npos) << secret[0].message;
}

}  // namespace
}  // namespace driftcheck
