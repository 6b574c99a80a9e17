#include "config/loader.h"

#include <chrono>
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
  return testing::LoadWith(LoadYaml, "config.yaml", text, limits);
}

Value LoadOne(std::string_view text) { return testing::LoadOneWith(LoadYaml, "config.yaml", text); }

InputError ErrorOf(std::string_view text, LoadLimits limits = {}) {
  return testing::ErrorWith(LoadYaml, "config.yaml", text, limits);
}

// --- Scalar types ----------------------------------------------------------

TEST(YamlLoader, QuotedNumberIsStringPlainNumberIsInteger) {
  const Value doc = LoadOne("quoted: \"8080\"\nplain: 8080\n");
  const Value& quoted = *doc.Find("quoted");
  EXPECT_EQ(quoted.kind(), Kind::kString);
  EXPECT_TRUE(quoted.quoted());
  EXPECT_EQ(quoted.text(), "8080");
  const Value& plain = *doc.Find("plain");
  EXPECT_EQ(plain.kind(), Kind::kInt);
  EXPECT_EQ(plain.as_int(), 8080);
}

TEST(YamlLoader, LeadingZeroIsDecimalNotOctal) {
  const Value doc = LoadOne("mode: 010\nhex: 0x1F\noct: 0o17\n");
  EXPECT_EQ(doc.Find("mode")->as_int(), 10);
  EXPECT_EQ(doc.Find("mode")->text(), "010");
  EXPECT_EQ(doc.Find("hex")->as_int(), 31);
  EXPECT_EQ(doc.Find("oct")->as_int(), 15);
}

TEST(YamlLoader, YesIsAStringUnderYaml12Core) {
  const Value doc = LoadOne("plain: yes\nquoted: \"yes\"\nno_: no\non: on\n");
  EXPECT_EQ(doc.Find("plain")->kind(), Kind::kString);
  EXPECT_FALSE(doc.Find("plain")->quoted());
  EXPECT_EQ(doc.Find("quoted")->kind(), Kind::kString);
  EXPECT_TRUE(doc.Find("quoted")->quoted());
  EXPECT_EQ(doc.Find("no_")->kind(), Kind::kString);
  EXPECT_EQ(doc.Find("on")->kind(), Kind::kString);
}

TEST(YamlLoader, CoreSchemaBooleansNullsAndFloats) {
  const Value doc = LoadOne("t: true\nf: False\nn: ~\nn2: null\nx: 1.5\ne: 1e3\ninf: .inf\n");
  EXPECT_EQ(doc.Find("t")->kind(), Kind::kBool);
  EXPECT_TRUE(doc.Find("t")->as_bool());
  EXPECT_FALSE(doc.Find("f")->as_bool());
  EXPECT_TRUE(doc.Find("n")->is_null());
  EXPECT_TRUE(doc.Find("n2")->is_null());
  EXPECT_EQ(doc.Find("x")->kind(), Kind::kFloat);
  EXPECT_DOUBLE_EQ(doc.Find("x")->as_double(), 1.5);
  EXPECT_DOUBLE_EQ(doc.Find("e")->as_double(), 1000);
  EXPECT_EQ(doc.Find("inf")->kind(), Kind::kFloat);
}

TEST(YamlLoader, IntegersBeyond64BitsStayExact) {
  const Value a = LoadOne("n: 18446744073709551617\nm: 9007199254740993\nh: 0x10000000000000001\n");
  const Value b = LoadOne("n: 18446744073709551616\nm: 9007199254740992.0\nh: 18446744073709551617\n");
  EXPECT_EQ(a.Find("n")->kind(), Kind::kInt);
  EXPECT_FALSE(SameValue(*a.Find("n"), *b.Find("n")));
  EXPECT_FALSE(SameValue(*a.Find("m"), *b.Find("m")));
  EXPECT_TRUE(SameValue(*a.Find("h"), *b.Find("h")));
  EXPECT_EQ(LoadOne("i: !!int 18446744073709551617\n").Find("i")->DecimalText(),
            "18446744073709551617");
}

TEST(YamlLoader, QuotedNullAndTrueStayStrings) {
  const Value doc = LoadOne("a: 'null'\nb: \"true\"\nc: ''\n");
  EXPECT_EQ(doc.Find("a")->kind(), Kind::kString);
  EXPECT_EQ(doc.Find("b")->kind(), Kind::kString);
  EXPECT_EQ(doc.Find("c")->kind(), Kind::kString);
  EXPECT_EQ(doc.Find("c")->text(), "");
}

// --- Tags ------------------------------------------------------------------

TEST(YamlLoader, StandardTagsCoerce) {
  const Value doc = LoadOne(
      "s: !!str 8080\ni: !!int \"42\"\nf: !!float 1\nb: !!bool \"true\"\nn: !!null ''\n"
      "v: !<tag:yaml.org,2002:int> '7'\n");
  EXPECT_EQ(doc.Find("s")->kind(), Kind::kString);
  EXPECT_TRUE(doc.Find("s")->quoted());
  EXPECT_EQ(doc.Find("i")->kind(), Kind::kInt);
  EXPECT_EQ(doc.Find("i")->as_int(), 42);
  EXPECT_EQ(doc.Find("f")->kind(), Kind::kFloat);
  EXPECT_EQ(doc.Find("b")->kind(), Kind::kBool);
  EXPECT_TRUE(doc.Find("n")->is_null());
  EXPECT_EQ(doc.Find("v")->as_int(), 7);
}

TEST(YamlLoader, BadStandardTagIsAnErrorAtTheScalar) {
  const InputError error = ErrorOf("a: 1\nport: !!int abc\n");
  EXPECT_EQ(error.file(), "config.yaml");
  EXPECT_EQ(At(error), "2:7");
  EXPECT_NE(error.message().find("!!int"), std::string::npos);
  EXPECT_EQ(ErrorOf("x: !!bool yes\n").line(), 1);
  EXPECT_EQ(ErrorOf("x: !!float abc\n").line(), 1);
}

TEST(YamlLoader, CustomTagsAreIgnored) {
  const Value doc = LoadOne(
      "ref: !Ref MyBucket\nsecret: !vault \"123\"\nnum: !Ref 123\n"
      "empty: !Ref\nmap: !Thing {a: 1}\nblock: !vault |\n  text\n");
  EXPECT_EQ(doc.Find("ref")->kind(), Kind::kString);
  EXPECT_FALSE(doc.Find("ref")->quoted());
  EXPECT_EQ(doc.Find("ref")->text(), "MyBucket");
  EXPECT_EQ(doc.Find("secret")->kind(), Kind::kString);
  EXPECT_TRUE(doc.Find("secret")->quoted());
  EXPECT_EQ(doc.Find("num")->kind(), Kind::kInt);
  EXPECT_TRUE(doc.Find("empty")->is_null());
  EXPECT_TRUE(doc.Find("map")->is_map());
  EXPECT_EQ(doc.Find("block")->text(), "text\n");
  EXPECT_TRUE(doc.Find("block")->quoted());
}

// --- Locations -------------------------------------------------------------

TEST(YamlLoader, NodesKeepFileLineAndColumn) {
  const Value doc = LoadOne("name: api\ndb:\n  port: 5432\n  hosts:\n    - a\n    - {b: 1}\n");
  EXPECT_EQ(doc.location().file(), "config.yaml");
  EXPECT_EQ(At(doc.key_location(0)), "1:1");
  EXPECT_EQ(At(doc.Find("name")->location()), "1:7");
  const Value& db = *doc.Find("db");
  EXPECT_EQ(At(doc.key_location(1)), "2:1");
  EXPECT_EQ(At(db.key_location(0)), "3:3");
  EXPECT_EQ(At(db.Find("port")->location()), "3:9");
  const Value& hosts = *db.Find("hosts");
  EXPECT_EQ(At(hosts.location()), "5:5");
  EXPECT_EQ(At(hosts.items()[0].location()), "5:7");
  EXPECT_EQ(At(hosts.items()[1].location()), "6:7");
  EXPECT_EQ(At(hosts.items()[1].key_location(0)), "6:8");
}

TEST(YamlLoader, EmptyValueIsNullLocatedAtItsKey) {
  const Value doc = LoadOne("a:\nb: 1\n");
  EXPECT_TRUE(doc.Find("a")->is_null());
  EXPECT_EQ(At(doc.Find("a")->location()), "1:1");
}

TEST(YamlLoader, AnEmptyListItemIsLocatedAtItsDash) {
  const Value doc = LoadOne("list:\n  -\n  - x\n  -   \n\n  - ~\n");
  const auto& items = doc.Find("list")->items();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_TRUE(items[0].is_null());
  EXPECT_EQ(At(items[0].location()), "2:3");
  EXPECT_EQ(At(items[2].location()), "4:3");
  EXPECT_EQ(At(items[3].location()), "6:5");
}

// Through the fast path and through yaml-cpp alike.
std::vector<Value> LoadBothWays(std::string_view text) {
  std::vector<Value> out;
  for (const bool fast : {true, false}) {
    LoadLimits limits;
    limits.yaml_fast_path = fast;
    Documents documents = Load(text, limits);
    EXPECT_EQ(documents.size(), 1u) << text;
    out.push_back(documents.empty() ? Value() : std::move(documents.front()));
  }
  return out;
}

// `nullable`, `~x`, `NULLS` are keys, not null literals: the empty value
// before each stays at its own key.
TEST(YamlLoader, AnEmptyValueBeforeAKeyStartingLikeANullIsLocatedAtItsKey) {
  for (const Value& doc : LoadBothWays("a:\nnullable: true\nb:\n~x: 1\nc:\nNULLS: 2\nd:\nNull_: 3\n")) {
    for (const auto& [key, at] : {std::pair{"a", "1:1"}, {"b", "3:1"}, {"c", "5:1"}, {"d", "7:1"}}) {
      ASSERT_NE(doc.Find(key), nullptr) << key;
      EXPECT_TRUE(doc.Find(key)->is_null()) << key;
      EXPECT_EQ(At(doc.Find(key)->location()), at) << key;
    }
  }
  // A null literal is still located where it is written, and still a key's text.
  for (const Value& doc : LoadBothWays("a: null\nb: ~ # none\nnull: 1\nc: [null, ~]\n")) {
    EXPECT_EQ(At(doc.Find("a")->location()), "1:4");
    EXPECT_EQ(At(doc.Find("b")->location()), "2:4");
    ASSERT_NE(doc.Find("null"), nullptr);
    EXPECT_EQ(At(doc.Find("c")->items()[1].location()), "4:11");
  }
}

// `- # none`: the item is on its dash's line, not on the next item's line
// nor past the end of the file.
TEST(YamlLoader, AnEmptyListItemFollowedByACommentIsLocatedAtItsDash) {
  for (const Value& doc :
       LoadBothWays("list:\n  - # none\n  - x\n  -   # a - # b\n\n  # between\n  - y\ntail:\n  - # none\n")) {
    const auto& items = doc.Find("list")->items();
    ASSERT_EQ(items.size(), 4u);
    EXPECT_TRUE(items[0].is_null());
    EXPECT_EQ(At(items[0].location()), "2:3");
    EXPECT_EQ(At(items[2].location()), "4:3");
    const auto& tail = doc.Find("tail")->items();
    ASSERT_EQ(tail.size(), 1u);
    EXPECT_EQ(At(tail[0].location()), "9:3");
  }
  for (const Value& doc : LoadBothWays("- - # none\n- b\n")) {
    EXPECT_EQ(At(doc.items()[0].items()[0].location()), "1:3");
  }
}

TEST(YamlLoader, KeysKeepInsertionOrder) {
  const Value doc = LoadOne("z: 1\na: 2\nm: 3\n");
  ASSERT_EQ(doc.size(), 3u);
  EXPECT_EQ(doc.key(0), "z");
  EXPECT_EQ(doc.key(1), "a");
  EXPECT_EQ(doc.key(2), "m");
}

// --- Keys ------------------------------------------------------------------

TEST(YamlLoader, DuplicateKeyNamesBothLines) {
  const InputError error = ErrorOf("name: a\nport: 1\nname: b\n");
  EXPECT_EQ(At(error), "3:1");
  EXPECT_NE(error.message().find("duplicate key (first defined at line 1)"), std::string::npos);
  EXPECT_NE(error.message().find("line 1"), std::string::npos);
}

TEST(YamlLoader, DuplicateSecretKeyNamesTheLineNotTheKey) {
  const InputError error = ErrorOf("apikey: a\nport: 1\napikey: b\n");
  EXPECT_EQ(At(error), "3:1");
  EXPECT_NE(error.message().find("duplicate key (first defined at line 1)"), std::string::npos)
      << error.message();
  EXPECT_EQ(std::string(error.what()).find("apikey"), std::string::npos) << error.what();
}

TEST(YamlLoader, DuplicateKeyBelowASecretKeyOrFromAnAliasIsNotNamed) {
  const std::string_view inputs[] = {
      "api_keys:\n  sk_live_MARK: 1\n  sk_live_MARK: 2\n",
      "tokens: {sk_live_MARK: 1, sk_live_MARK: 2}\n",
      "credentials:\n  - user: x\n  - sk_live_MARK: 1\n    sk_live_MARK: 2\n",
      "DB_PASSWORD1:\n  deeper:\n    sk_live_MARK: 1\n    sk_live_MARK: 2\n",
      "password: &p sk_live_MARK\nm:\n  *p : 1\n  *p : 2\n",
      "password: &p sk_live_MARK\nm:\n  *p : 1\n  sk_live_MARK: 2\n",
      "password: &p sk_live_MARK\nm: {sk_live_MARK: 1, *p : 2}\n",
  };
  for (std::string_view text : inputs) {
    const InputError error = ErrorOf(text);
    EXPECT_NE(error.message().find("duplicate key (first defined at line"), std::string::npos)
        << text << error.message();
    EXPECT_EQ(std::string(error.what()).find("MARK"), std::string::npos) << error.what();
  }
  // A plain key is not named either: `secret_keys: {add: [sentry_dsn]}` or a
  // schema's mark may make it secret, which a loader cannot know.
  const InputError plain = ErrorOf("password: x\nsentry_dsn: 1\nsentry_dsn: 2\n");
  EXPECT_EQ(At(plain), "3:1");
  EXPECT_EQ(std::string(plain.what()).find("sentry_dsn"), std::string::npos) << plain.what();
}

TEST(YamlLoader, DuplicateKeyInFlowMapIsAnError) {
  const InputError error = ErrorOf("m: {a: 1, b: 2, a: 3}\n");
  EXPECT_EQ(At(error), "1:17");
  EXPECT_NE(error.message().find("duplicate key (first defined at line 1)"), std::string::npos);
}

TEST(YamlLoader, SameKeyInDifferentMapsIsFine) {
  const Value doc = LoadOne("a: {name: 1}\nb: {name: 2}\n");
  EXPECT_EQ(doc.Find("b")->Find("name")->as_int(), 2);
}

TEST(YamlLoader, ScalarKeysKeepTheirTextAsWritten) {
  const Value doc = LoadOne("1: a\ntrue: b\nnull: c\n~: d\n\"quoted key\": e\n010: f\n'x y': g\n");
  EXPECT_NE(doc.Find("1"), nullptr);
  EXPECT_NE(doc.Find("true"), nullptr);
  EXPECT_NE(doc.Find("null"), nullptr);
  EXPECT_NE(doc.Find("~"), nullptr);
  EXPECT_NE(doc.Find("quoted key"), nullptr);
  EXPECT_NE(doc.Find("010"), nullptr);
  EXPECT_EQ(doc.Find("x y")->text(), "g");
}

TEST(YamlLoader, ComplexKeysAreErrors) {
  for (std::string_view text : {"? [a, b]\n: 1\n", "{[a]: 1}\n", "? {a: 1}\n: 2\n", "[a]: 1\n"}) {
    const InputError error = ErrorOf(text);
    EXPECT_NE(error.message().find("complex (non-scalar) map keys"), std::string::npos) << text;
  }
}

TEST(YamlLoader, EmptyKeyIsAnError) {
  EXPECT_NE(ErrorOf(": x\n").message().find("empty map key"), std::string::npos);
}

// --- Anchors, aliases, merge keys -------------------------------------------

TEST(YamlLoader, AliasInsertsACopyKeepingAnchoredLocations) {
  const Value doc = LoadOne("base: &b\n  host: db\nuse: *b\nlist: [*b, *b]\n");
  const Value& use = *doc.Find("use");
  ASSERT_TRUE(use.is_map());
  EXPECT_EQ(use.Find("host")->text(), "db");
  EXPECT_EQ(At(use.Find("host")->location()), "2:9");
  EXPECT_EQ(doc.Find("list")->items().size(), 2u);
  EXPECT_TRUE(SameValue(doc.Find("list")->items()[1], *doc.Find("base")));
}

// The anchored node and each copy carry one mark (its location), so a value
// one copy holds under a secret key can be redacted at all of them.
TEST(YamlLoader, AnAnchoredNodeAndItsCopiesShareOneAnchorMark) {
  const Value doc = LoadOne("token: &t hunter2\nx: *t\nusers: [*t]\nbase: &b {a: 1}\nsvc: {<<: *b, c: 2}\nplain: 3\n");
  ASSERT_EQ(doc.Find("token")->anchors().size(), 1u);
  EXPECT_EQ(At(doc.Find("token")->anchors()[0]), "1:8");
  EXPECT_EQ(At(doc.Find("x")->anchors()[0]), "1:8");
  EXPECT_EQ(At(doc.Find("users")->items()[0].anchors()[0]), "1:8");
  EXPECT_TRUE(doc.Find("users")->anchors().empty());
  // A merge key dissolves the copy: each entry it brings keeps the mark.
  ASSERT_EQ(doc.Find("svc")->Find("a")->anchors().size(), 1u);
  EXPECT_EQ(At(doc.Find("svc")->Find("a")->anchors()[0]), At(doc.Find("base")->anchors()[0]));
  EXPECT_TRUE(doc.Find("svc")->Find("c")->anchors().empty());
  EXPECT_TRUE(doc.Find("plain")->anchors().empty());
}

TEST(YamlLoader, ScalarAliasAsKey) {
  const Value doc = LoadOne("k: &name region\n*name : eu\n");
  EXPECT_EQ(doc.Find("region")->text(), "eu");
}

TEST(YamlLoader, RecursiveAliasIsAnError) {
  EXPECT_NE(ErrorOf("a: &x [1, *x]\n").message().find("recursive"), std::string::npos);
}

TEST(YamlLoader, UndefinedAliasIsAnError) {
  const InputError error = ErrorOf("a: 1\nb: *nowhere\n");
  EXPECT_EQ(error.line(), 2);
}

TEST(YamlLoader, AnchorsDoNotCrossDocuments) {
  EXPECT_EQ(ErrorOf("a: &x 1\n---\nb: *x\n").line(), 3);
}

TEST(YamlLoader, BillionLaughsFailsFastWithInputError) {
  std::string text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  const std::string names = "abcdefghi";
  for (std::size_t level = 1; level < names.size(); ++level) {
    const std::string alias = std::string("*") + names[level - 1];
    text += std::string(1, names[level]) + ": &" + names[level] + " [";
    for (int i = 0; i < 9; ++i) text += (i ? ", " : "") + alias;
    text += "]\n";
  }
  const auto start = std::chrono::steady_clock::now();
  const InputError error = ErrorOf(text);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_NE(error.message().find("alias bomb"), std::string::npos);
  EXPECT_GT(error.line(), 1);
  EXPECT_LT(elapsed, std::chrono::seconds(20));
}

TEST(YamlLoader, AliasCopiesCountAgainstTheNodeBudget) {
  const std::string text = "a: &a [1, 2, 3]\nb: [*a, *a, *a, *a]\n";
  EXPECT_NO_THROW(Load(text, LoadLimits{.max_depth = 200, .max_nodes = 100}));
  const InputError error = ErrorOf(text, LoadLimits{.max_depth = 200, .max_nodes = 15});
  EXPECT_NE(error.message().find("more than 15 nodes"), std::string::npos);
}

TEST(YamlLoader, MergeKeyAddsMissingEntries) {
  const Value doc = LoadOne("base: &b {host: db, port: 5432}\nprod:\n  <<: *b\n  port: 6432\n");
  const Value& prod = *doc.Find("prod");
  EXPECT_EQ(prod.size(), 2u);
  EXPECT_EQ(prod.Find("host")->text(), "db");
  EXPECT_EQ(prod.Find("port")->as_int(), 6432);
  EXPECT_EQ(prod.Find("<<"), nullptr);
}

TEST(YamlLoader, ExplicitKeyWinsWhetherBeforeOrAfterMerge) {
  const Value doc =
      LoadOne("base: &b {a: 1, b: 2}\nbefore:\n  a: 10\n  <<: *b\nafter:\n  <<: *b\n  a: 10\n");
  EXPECT_EQ(doc.Find("before")->Find("a")->as_int(), 10);
  EXPECT_EQ(doc.Find("after")->Find("a")->as_int(), 10);
  EXPECT_EQ(doc.Find("after")->Find("b")->as_int(), 2);
}

TEST(YamlLoader, MergeListEarlierMapWins) {
  const Value doc = LoadOne("x: &x {a: 1, b: 1}\ny: &y {b: 2, c: 2}\nm:\n  <<: [*x, *y]\n");
  const Value& m = *doc.Find("m");
  EXPECT_EQ(m.Find("a")->as_int(), 1);
  EXPECT_EQ(m.Find("b")->as_int(), 1);
  EXPECT_EQ(m.Find("c")->as_int(), 2);
}

TEST(YamlLoader, TaggedMergeKeyMerges) {
  const Value doc = LoadOne("x: &x {a: 1}\nm: {!!merge <<: *x, b: 2}\n");
  EXPECT_EQ(doc.Find("m")->Find("a")->as_int(), 1);
  EXPECT_EQ(doc.Find("m")->Find("<<"), nullptr);
}

TEST(YamlLoader, QuotedLessLessIsAnOrdinaryKey) {
  const Value doc = LoadOne("m:\n  \"<<\": {a: 1}\n");
  EXPECT_NE(doc.Find("m")->Find("<<"), nullptr);
  EXPECT_EQ(doc.Find("m")->Find("a"), nullptr);
}

TEST(YamlLoader, MergeOfNonMapIsAnError) {
  EXPECT_EQ(At(ErrorOf("m:\n  <<: 5\n")), "2:3");
  EXPECT_NE(ErrorOf("x: &x [1]\nm:\n  <<: [*x]\n").message().find("merge key"), std::string::npos);
}

TEST(YamlLoader, TwoMergeKeysInOneMapAreDuplicates) {
  const InputError error = ErrorOf("x: &x {a: 1}\nm:\n  <<: *x\n  <<: *x\n");
  EXPECT_EQ(error.line(), 4);
  EXPECT_NE(error.message().find("duplicate key (first defined at line 3)"), std::string::npos);
}

// --- Depth -----------------------------------------------------------------

TEST(YamlLoader, DeepFlowListIsAnErrorNotACrash) {
  const std::string text = std::string(10000, '[') + std::string(10000, ']') + "\n";
  const InputError error = ErrorOf(text);
  EXPECT_NE(error.message().find("nesting deeper than 200"), std::string::npos);
  EXPECT_EQ(error.line(), 1);
}

TEST(YamlLoader, DeepFlowMapIsAnErrorNotACrash) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "{a: ";
  text += "1" + std::string(10000, '}') + "\n";
  EXPECT_NE(ErrorOf("a: " + text).message().find("nesting"), std::string::npos);
}

TEST(YamlLoader, DeepBlockMapIsAnError) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += std::string(2 * i, ' ') + "a:\n";
  EXPECT_EQ(ErrorOf(text).line(), 201);
}

TEST(YamlLoader, NestingUpToTheLimitIsAccepted) {
  const LoadLimits limits{.max_depth = 3, .max_nodes = 100};
  EXPECT_NO_THROW(Load("[[[1]]]", limits));
  EXPECT_NO_THROW(Load("a: {b: [1]}", limits));
  EXPECT_THROW(Load("[[[[1]]]]", limits), InputError);
}

TEST(YamlLoader, AliasCannotNestPastTheLimit) {
  const LoadLimits limits{.max_depth = 4, .max_nodes = 100};
  EXPECT_NO_THROW(Load("a: &a [[1]]\nb: [*a]\n", limits));
  EXPECT_THROW(Load("a: &a [[1]]\nb: [[[*a]]]\n", limits), InputError);
}

TEST(YamlLoader, YamlCppDepthGuardBecomesInputError) {
  // With our own limit out of the way, yaml-cpp's guard (500 levels) fires.
  const std::string text = std::string(2000, '[') + std::string(2000, ']');
  const InputError error = ErrorOf(text, LoadLimits{.max_depth = 100000, .max_nodes = 2'000'000});
  EXPECT_NE(error.message().find("nesting too deep"), std::string::npos);
  EXPECT_EQ(error.line(), 1);
}

// --- Files and documents ----------------------------------------------------

TEST(YamlLoader, EmptyFileHasNoDocuments) {
  EXPECT_TRUE(Load("").empty());
  EXPECT_TRUE(Load("\n  \n").empty());
}

TEST(YamlLoader, CommentOnlyFileHasNoDocuments) {
  EXPECT_TRUE(Load("# nothing here\n   # still nothing\n").empty());
}

TEST(YamlLoader, DocumentMarkerAloneIsOneNullDocument) {
  const Documents documents = Load("---\n");
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_TRUE(documents[0].is_null());
}

TEST(YamlLoader, MultipleDocuments) {
  const Documents documents = Load("a: 1\n---\nb: 2\n...\n---\n- x\n");
  ASSERT_EQ(documents.size(), 3u);
  EXPECT_EQ(documents[0].Find("a")->as_int(), 1);
  EXPECT_EQ(documents[1].Find("b")->as_int(), 2);
  EXPECT_EQ(At(documents[1].Find("b")->location()), "3:4");
  EXPECT_TRUE(documents[2].is_list());
  EXPECT_EQ(documents[2].location().line, 6);
}

TEST(YamlLoader, ContentAfterADocumentIsAnError) {
  // yaml-cpp would silently start a second document at the stray content.
  EXPECT_EQ(At(ErrorOf("\"a\" x\n")), "1:5");
  EXPECT_EQ(At(ErrorOf("- a\nb: c\n")), "2:1");
}

TEST(YamlLoader, BomIsSkippedAndColumnsStayRight) {
  const Value doc = LoadOne("\xEF\xBB\xBFkey: value\n");
  EXPECT_EQ(doc.key(0), "key");
  EXPECT_EQ(At(doc.key_location(0)), "1:1");
  EXPECT_EQ(At(doc.Find("key")->location()), "1:6");
}

TEST(YamlLoader, CrlfLineEndings) {
  const Value doc = LoadOne("a: 1\r\nb: text\r\nc: |\r\n  x\r\n  y\r\nd: \"q\"\r\n");
  EXPECT_EQ(doc.Find("a")->as_int(), 1);
  EXPECT_EQ(doc.Find("b")->text(), "text");
  EXPECT_EQ(doc.Find("c")->text(), "x\ny\n");
  EXPECT_EQ(At(doc.Find("d")->location()), "6:4");
}

TEST(YamlLoader, BlockScalarsAreQuotedStrings) {
  const Value doc =
      LoadOne("lit: |\n  a\n  b\nfold: >\n  a\n  b\nstrip: |-\n  8080\nkeep: |+\n  k\n\n");
  EXPECT_EQ(doc.Find("lit")->text(), "a\nb\n");
  EXPECT_EQ(doc.Find("fold")->text(), "a b\n");
  EXPECT_EQ(doc.Find("strip")->text(), "8080");
  EXPECT_EQ(doc.Find("strip")->kind(), Kind::kString);
  EXPECT_TRUE(doc.Find("strip")->quoted());
  EXPECT_EQ(doc.Find("keep")->text(), "k\n\n");
}

TEST(YamlLoader, TabsAsSeparationAreAccepted) {
  const Value doc = LoadOne("a:\t1\nb: [1,\t2]\nc: x\ty\n");
  EXPECT_EQ(doc.Find("a")->as_int(), 1);
  EXPECT_EQ(doc.Find("b")->items().size(), 2u);
  EXPECT_EQ(doc.Find("c")->text(), "x\ty");
}

TEST(YamlLoader, TabIndentationIsAnError) { EXPECT_EQ(ErrorOf("a:\n\tb: 1\n").line(), 2); }

TEST(YamlLoader, Utf8TextIsKept) {
  const Value doc = LoadOne("city: Zürich\nemoji: \"😀\"\n");
  EXPECT_EQ(doc.Find("city")->text(), "Zürich");
  EXPECT_EQ(doc.Find("emoji")->text(), "😀");
}

TEST(YamlLoader, InvalidUtf8IsAnErrorAtTheByte) {
  const InputError error = ErrorOf("a: ok\nb: caf\xE9\n");
  EXPECT_EQ(At(error), "2:7");
  EXPECT_NE(error.message().find("UTF-8"), std::string::npos);
  EXPECT_EQ(At(ErrorOf("a: \xC0\xAF\n")), "1:4");      // overlong
  EXPECT_EQ(At(ErrorOf("a: \xED\xA0\x80\n")), "1:4");  // surrogate
  EXPECT_EQ(At(ErrorOf("a: \xF0\x9F\x98\n")), "1:4");  // truncated sequence
}

TEST(YamlLoader, Utf16FileIsAnErrorWithAHint) {
  const InputError error =
      ErrorOf(std::string("\xFF\xFE"
                          "a\0:\0 \0"
                          "1\0",
                          10));
  EXPECT_EQ(At(error), "1:1");
  EXPECT_NE(error.hint().find("UTF-16"), std::string::npos);
}

TEST(YamlLoader, ControlCharactersAreErrors) {
  // yaml-cpp would read 0x04 as the end of the input.
  EXPECT_EQ(At(ErrorOf(std::string("a: b\x04 c\n"))), "1:5");
  EXPECT_EQ(At(ErrorOf(std::string("a: b\0c\n", 7))), "1:5");
}

// --- Malformed input ---------------------------------------------------------

TEST(YamlLoader, TruncatedInputsAreErrors) {
  for (std::string_view text : {"a: [1, 2", "a: {b: 1", "a: \"text", "a: 'text", "- a\n- [b",
                                "a: *", "a: &", "[", "{", "a: \"x\\", "a: !<tag"}) {
    EXPECT_THROW(Load(text), InputError) << text;
  }
}

TEST(YamlLoader, UnterminatedQuoteIsAnErrorAtTheOpeningQuote) {
  // yaml-cpp itself accepts a quoted scalar cut short by a final line break.
  EXPECT_EQ(At(ErrorOf("a: 1\nb: \"open\n")), "2:4");
  EXPECT_EQ(At(ErrorOf("b: 'it''s\n")), "1:4");
}

TEST(YamlLoader, YamlCppErrorsKeepTheirPosition) {
  const InputError error = ErrorOf("a: b: c\n");
  EXPECT_EQ(error.file(), "config.yaml");
  EXPECT_EQ(At(error), "1:5");
  EXPECT_NE(error.message().find("invalid YAML"), std::string::npos);
}

TEST(YamlLoader, ErrorMessagesNeverContainValues) {
  const std::string_view inputs[] = {
      "password: \"hunter2\n",
      "password: \"hunter2\\q\"\n",
      "password: \"\\uD800hunter2\"\n",
      "password: \"hunter2\\xZZ\"\n",
      "password: !!int hunter2\n",
      "%YAML hunter2\n---\na: 1\n",
      "password: hunter2\n  nested: hunter2\n",
      "password: [hunter2\n",
      "password: hunter2\npassword: hunter2\n",
      "password: 'hunter2\n",
      "api_keys: {hunter2: 1, hunter2: 2}\n",
      "password: &p hunter2\nm: {*p : 1, *p : 2}\n",
  };
  for (std::string_view text : inputs) {
    const InputError error = ErrorOf(text);
    EXPECT_EQ(std::string(error.what()).find("hunter2"), std::string::npos) << error.what();
    EXPECT_EQ(error.hint().find("hunter2"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace driftcheck
