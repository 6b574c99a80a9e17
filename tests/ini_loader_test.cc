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

constexpr std::string_view kFile = "hosts.ini";

Value Load(std::string_view text) { return testing::LoadOneWith(LoadIni, kFile, text); }
InputError ErrorOf(std::string_view text) { return testing::ErrorWith(LoadIni, kFile, text); }

TEST(IniLoader, SectionsBecomeMapsOfStrings) {
  const Value doc = Load("top = 1\n[database]\nhost = db.internal\nport: 5432\n\n[cache]\nttl=60\n");
  EXPECT_EQ(FlowText(doc),
            "{top: \"1\", database: {host: db.internal, port: \"5432\"}, cache: {ttl: \"60\"}}");
  EXPECT_TRUE(doc.Find("database")->Find("port")->quoted());
  EXPECT_EQ(At(doc.key_location(1)), "2:1");
  EXPECT_EQ(At(doc.Find("database")->key_location(1)), "4:1");
  EXPECT_EQ(At(doc.Find("database")->Find("port")->location()), "4:7");
}

TEST(IniLoader, KeysWithoutValuesAreNull) {
  const Value doc = Load("[mysqld]\nskip-networking\nquick ; comment\n");
  EXPECT_TRUE(doc.Find("mysqld")->Find("skip-networking")->is_null());
  EXPECT_TRUE(doc.Find("mysqld")->Find("quick")->is_null());
}

TEST(IniLoader, CommentsWholeLineOrAfterWhitespace) {
  const Value doc = Load("; semi\n# hash\n  ; indented\n[s]\na = x ; note\nb = y#z\nc = # only\n");
  EXPECT_EQ(FlowText(doc), "{s: {a: x, b: y#z, c: \"\"}}");
}

TEST(IniLoader, AnsibleHostLinesHoldTheirVariables) {
  const Value doc = Load(
      "[web]\n"
      "web1 ansible_host=10.0.0.1 ansible_port=22\n"
      "web2 ansible_host=10.0.0.2 motd='hello world' # comment\n"
      "db1.example.com:5432\n"
      "[web:vars]\n"
      "ntp_server=ntp.example.com\n");
  EXPECT_EQ(FlowText(*doc.Find("web")),
            "{web1: {ansible_host: 10.0.0.1, ansible_port: \"22\"}, "
            "web2: {ansible_host: 10.0.0.2, motd: hello world}, db1.example.com:5432: null}");
  EXPECT_EQ(doc.Find("web:vars")->Find("ntp_server")->text(), "ntp.example.com");
  const Value& web1 = *doc.Find("web")->Find("web1");
  EXPECT_EQ(At(web1.location()), "2:1");
  EXPECT_EQ(At(web1.key_location(1)), "2:28");
  EXPECT_EQ(At(web1.Find("ansible_port")->location()), "2:41");
}

TEST(IniLoader, RepeatedSectionAddsToItAndRepeatedKeyWarns) {
  const std::string text = "[s]\na=1\n[t]\nx=1\n[s]\nb=2\na=3\n";
  const Value doc = Load(text);
  EXPECT_EQ(FlowText(doc), "{s: {a: \"3\", b: \"2\"}, t: {x: \"1\"}}");
  const auto warnings = testing::WarningsWith(LoadIni, kFile, text);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.ToString(), "hosts.ini:7:1");
  EXPECT_EQ(warnings[0].message, "duplicate key: this line (7) wins over line 2");
}

TEST(IniLoader, MalformedLinesArePositionedAndQuoteNothing) {
  EXPECT_EQ(ErrorOf("[s]\n[unclosed\n").Headline(), "hosts.ini:2:10: expected ']' to close the section name");
  EXPECT_EQ(ErrorOf("[]\n").Headline(), "hosts.ini:1:1: empty section name");
  EXPECT_EQ(ErrorOf("[s] trailing\n").Headline(), "hosts.ini:1:5: unexpected text after the entry");
  EXPECT_EQ(ErrorOf("= secret\n").Headline(), "hosts.ini:1:1: expected a key before the separator");
  const InputError error = ErrorOf("[h]\nweb1 ansible_password='s3cret\n");
  EXPECT_EQ(error.Headline(), "hosts.ini:2:23: unterminated quoted value");
  EXPECT_EQ(ErrorOf("[h]\nweb1 s3cret\n").Headline(), "hosts.ini:2:6: expected key=value after the host name");
  EXPECT_EQ(At(ErrorOf("a=\xFF\n")), "1:3");
}

TEST(IniLoader, CrlfAndNoFinalNewline) {
  const Value doc = Load("[s]\r\na = 1\r\nb = 2");
  EXPECT_EQ(FlowText(doc), "{s: {a: \"1\", b: \"2\"}}");
}

TEST(IniLoader, NodeLimitApplies) {
  EXPECT_EQ(At(testing::ErrorWith(LoadIni, kFile, "[s]\na=1\nb=2\n", LoadLimits{.max_nodes = 2})), "3:1");
}

}  // namespace
}  // namespace driftcheck
