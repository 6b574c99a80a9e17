#include "schema/normalize.h"

#include <gtest/gtest.h>

#include <map>

#include "config/loader.h"
#include "core/error.h"
#include "diff/diff.h"
#include "finding/finding.h"
#include "schema/env_tokens.h"

namespace driftcheck {
namespace {

const std::vector<std::string> kStaging = {"staging", "stg"};
const std::vector<std::string> kProduction = {"production", "prod"};

Value Yaml(std::string_view text, const std::string& file = "services/api/production.yaml") {
  Documents docs = LoadYaml(text, MakeOrigin(file), LoadLimits{});
  return docs.empty() ? Value::Map({}) : std::move(docs.front());
}

std::shared_ptr<const Schema> SchemaOf(const std::string& text) {
  return std::make_shared<const Schema>(Schema::Load("s.yaml", [text](const std::string&) {
    return std::optional<std::string>(text);
  }));
}

NormalizeSpec SpecOf(std::string_view text) { return ParseNormalizeSpec(Yaml(text, "driftcheck.yaml")); }

Normalizer WithSchema(const std::string& schema) { return Normalizer(SchemaOf(schema), {}, SecretMatcher()); }
Normalizer WithSpec(std::string_view spec) { return Normalizer(nullptr, SpecOf(spec), SecretMatcher()); }

// Normalizes a staging and a production document and says whether they are equal.
bool SameAfter(const Normalizer& n, std::string_view staging, std::string_view production) {
  Value a = Yaml(staging, "staging.yaml"), b = Yaml(production, "production.yaml");
  EXPECT_TRUE(n.Normalize(a, kStaging).empty()) << staging;
  EXPECT_TRUE(n.Normalize(b, kProduction).empty()) << production;
  return SameValue(a, b);
}

std::vector<Violation> Violations(const Normalizer& n, std::string_view text) {
  Value v = Yaml(text);
  return n.Normalize(v, kProduction);
}

// ---- Validation ------------------------------------------------------------------

const char* kPortSchema =
    "type: object\n"
    "properties:\n"
    "  database:\n"
    "    properties:\n"
    "      port: {type: integer, minimum: 1, maximum: 65535}\n"
    "      password: {type: string, minLength: 12}\n";

TEST(Validate, NamesFileLinePathExpectedAndFound) {
  auto v = Violations(WithSchema(kPortSchema), "database:\n  port: \"80a80\"\n");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].ToString(),
            "services/api/production.yaml:2:9: database.port: expected integer 1..65535, found \"80a80\"");
}

TEST(Validate, CoercedNumberOutOfRangeShowsWhatWasWritten) {
  auto v = Violations(WithSchema(kPortSchema), "database:\n  port: \"70000\"\n");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].found, "\"70000\"");
}

TEST(Validate, NeverQuotesASecret) {
  auto v = Violations(WithSchema(kPortSchema), "database:\n  password: hunter2\n");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].found, "a string");
  EXPECT_EQ(v[0].ToString().find("hunter2"), std::string::npos);
}

TEST(Validate, WriteOnlyAndXDriftSecretAreInheritedDownwards) {
  Normalizer n = WithSchema("properties:\n  creds:\n    writeOnly: true\n    properties:\n      user: {type: integer}\n");
  auto v = Violations(n, "creds:\n  user: alice\n");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].found, "a string");
  EXPECT_TRUE(n.Secret(Path().Key("creds").Key("user")));
  EXPECT_FALSE(n.Secret(Path().Key("other")));
}

TEST(Validate, RequiredAndUnknownKeys) {
  Normalizer n = WithSchema("properties: {port: {}, host: {}}\nrequired: [host]\nadditionalProperties: false\n");
  auto v = Violations(n, "prot: 1\n");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].path, "host");
  EXPECT_EQ(v[0].keyword, "required");
  EXPECT_EQ(v[1].path, "prot");
  EXPECT_NE(v[1].expected.find("did you mean 'port'"), std::string::npos);
}

TEST(Validate, EnumConstPatternLengthAndPatternProperties) {
  Normalizer n = WithSchema(
      "properties:\n"
      "  level: {enum: [debug, info]}\n"
      "  kind: {const: web}\n"
      "  image: {type: string, pattern: '^registry/'}\n"
      "patternProperties:\n"
      "  '^FEATURE_': {type: boolean}\n");
  auto v = Violations(n, "level: trace\nkind: web\nimage: docker.io/x\nFEATURE_X: maybe\n");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].expected, "one of debug, info");
  EXPECT_EQ(v[1].keyword, "pattern");
  EXPECT_EQ(v[2].path, "FEATURE_X");
}

// What the schema expects is shown as values are: never under a secret, and
// a credential in it (a pinned URL) hidden.
TEST(Validate, TheSchemasOwnValuesAreHiddenAsValuesAre) {
  Normalizer n = WithSchema(
      "properties:\n"
      "  password: {const: hunter2}\n"
      "  api_key: {enum: [hunter3, hunter4]}\n"
      "  db_url: {const: 'postgres://app:hunter5@db/app'}\n");
  auto v = Violations(n, "password: x\napi_key: y\ndb_url: postgres://app@db/app\n");
  ASSERT_EQ(v.size(), 3u);
  for (const auto& violation : v) EXPECT_EQ(violation.expected.find("hunter"), std::string::npos) << violation.expected;
  EXPECT_EQ(v[2].expected, "postgres://app:<redacted>@db/app");
}

TEST(Validate, AnyOfAndOneOf) {
  Normalizer n = WithSchema("properties:\n  t: {anyOf: [{type: integer}, {format: duration}]}\n"
                            "  u: {oneOf: [{type: string}, {type: string, minLength: 1}]}\n");
  EXPECT_TRUE(Violations(n, "t: 5\n").empty());
  EXPECT_TRUE(Violations(n, "t: 5s\n").empty());
  EXPECT_EQ(Violations(n, "t: soon\n").size(), 1u);
  EXPECT_EQ(Violations(n, "u: x\n").at(0).keyword, "oneOf");  // matches both
}

TEST(Validate, FormatThatDoesNotParseIsAViolation) {
  Normalizer n = WithSchema("properties:\n  t: {format: duration}\n  m: {format: bytes}\n  u: {format: uri}\n");
  auto v = Violations(n, "t: 10 minutes\nm: lots\nu: not a uri\n");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].keyword, "format");
}

TEST(Validate, UniqueItems) {
  auto v = Violations(WithSchema("properties: {hosts: {uniqueItems: true}}\n"), "hosts: [a, b, a]\n");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].path, "hosts[2]");
}

// ---- Defaults and types ------------------------------------------------------------

TEST(Normalize, DefaultFillsAnAbsentKey) {
  Normalizer n = WithSchema("properties: {pool: {type: integer, default: 5}}\n");
  EXPECT_TRUE(SameAfter(n, "{}", "pool: 5"));
  EXPECT_FALSE(SameAfter(n, "{}", "pool: 6"));
}

TEST(Normalize, ScalarsCoerceToTheSchemaType) {
  Normalizer n = WithSchema("properties: {port: {type: integer}, debug: {type: boolean}, name: {type: string}}\n");
  EXPECT_TRUE(SameAfter(n, "port: \"8080\"", "port: 8080"));
  EXPECT_FALSE(SameAfter(n, "port: \"8080\"", "port: 8081"));
  EXPECT_TRUE(SameAfter(n, "debug: \"no\"", "debug: false"));
  EXPECT_TRUE(SameAfter(n, "debug: on", "debug: true"));
  EXPECT_TRUE(SameAfter(n, "name: 1.0", "name: \"1.0\""));
  EXPECT_FALSE(SameAfter(n, "name: 1.0", "name: \"1\""));
}

TEST(Normalize, NoStaysAStringWhereTheTypeIsNotBoolean) {
  Normalizer n = WithSchema("properties: {country: {type: string}}\n");
  Value v = Yaml("country: \"no\"");
  n.Normalize(v, kProduction);
  EXPECT_EQ(v.Find("country")->kind(), Value::Kind::kString);
  EXPECT_FALSE(SameAfter(n, "country: \"no\"", "country: \"false\""));
}

// ---- Formats ------------------------------------------------------------------

TEST(Normalize, Durations) {
  Normalizer n = WithSchema("properties: {t: {format: duration}}\n");
  EXPECT_TRUE(SameAfter(n, "t: 1m", "t: 60s"));
  EXPECT_TRUE(SameAfter(n, "t: 60000ms", "t: 1m"));
  EXPECT_TRUE(SameAfter(n, "t: 1h30m", "t: 90m"));
  EXPECT_FALSE(SameAfter(n, "t: 1m", "t: 61s"));
}

TEST(Normalize, ByteSizesAndQuantities) {
  Normalizer n = WithSchema("properties: {mem: {format: bytes}, cpu: {format: quantity}}\n");
  EXPECT_TRUE(SameAfter(n, "mem: 1Gi", "mem: 1073741824"));
  EXPECT_TRUE(SameAfter(n, "mem: 512Mi", "mem: 0.5Gi"));
  EXPECT_FALSE(SameAfter(n, "mem: 1G", "mem: 1Gi"));
  EXPECT_TRUE(SameAfter(n, "cpu: 500m", "cpu: 0.5"));
  EXPECT_FALSE(SameAfter(n, "cpu: 500m", "cpu: 1"));
}

TEST(Normalize, Uris) {
  Normalizer n = WithSchema("properties: {u: {format: uri}}\n");
  EXPECT_TRUE(SameAfter(n, "u: HTTPS://Api.Example.com:443/x", "u: https://api.example.com/x"));
  EXPECT_TRUE(SameAfter(n, "u: http://a.example", "u: http://a.example:80/"));
  EXPECT_FALSE(SameAfter(n, "u: https://a.example/X", "u: https://a.example/x"));  // paths keep case
  EXPECT_FALSE(SameAfter(n, "u: https://a.example:8443/", "u: https://a.example/"));
}

TEST(Normalize, CaseInsensitiveIsInheritedAndAppliesToEnums) {
  Normalizer n = WithSchema("x-drift-case: insensitive\nproperties: {level: {enum: [info, debug]}}\n");
  EXPECT_TRUE(SameAfter(n, "level: INFO\nhost: Db.Example.com", "level: info\nhost: db.example.com"));
  EXPECT_FALSE(SameAfter(n, "level: info", "level: debug"));
}

TEST(Normalize, ReportsShowTheWrittenForm) {
  Normalizer n = WithSchema("properties: {t: {format: duration}, port: {type: integer}}\n");
  Value v = Yaml("t: 1m\nport: \"8080\"\n");
  n.Normalize(v, kProduction);
  EXPECT_EQ(FlowText(*v.Find("t")), "1m");
  EXPECT_EQ(FlowText(*v.Find("port")), "\"8080\"");
  EXPECT_EQ(FlowText(ShownValue::Of(v, SecretMatcher())), "{t: 1m, port: \"8080\"}");
}

// ---- Environment tokens ---------------------------------------------------------

TEST(EnvTokens, WholeWordsCaseInsensitive) {
  EXPECT_EQ(ReplaceEnvTokens("db.prod.example.com", kProduction), "db.{env}.example.com");
  EXPECT_EQ(ReplaceEnvTokens("Production", kProduction), "{env}");
  EXPECT_EQ(ReplaceEnvTokens("product-prod", kProduction), "product-{env}");
  EXPECT_EQ(ReplaceEnvTokens("products", kProduction), "products");
}

TEST(EnvTokens, DropRemovesOneSeparator) {
  EXPECT_EQ(DropEnvTokens("api.staging.example.org", kStaging), "api.example.org");
  EXPECT_EQ(DropEnvTokens("nci-oars-uat", {"uat"}), "nci-oars");
  EXPECT_EQ(DropEnvTokens("Alerthub Staging <a@x.org>", kStaging), "Alerthub <a@x.org>");
  EXPECT_EQ(DropEnvTokens("https://staging.example.com", kStaging), "https://example.com");
  EXPECT_EQ(DropEnvTokens("api-staging.example.com", kStaging), "api.example.com");
}

TEST(Normalize, EnvTokenReplaceMakesSwappedNamesEqual) {
  Normalizer n = WithSchema("x-drift-env-token: true\n");
  EXPECT_TRUE(SameAfter(n, "NODE_ENV: staging", "NODE_ENV: production"));
  EXPECT_TRUE(SameAfter(n, "db: db.staging.example.com", "db: db.prod.example.com"));
  EXPECT_FALSE(SameAfter(n, "db: api.staging.example.org", "db: api.example.org"));
  EXPECT_FALSE(SameAfter(n, "p: product", "p: staging"));
}

TEST(Normalize, EnvTokenOptionalAlsoMatchesALeftOutToken) {
  Normalizer n = WithSpec("env_tokens: optional");
  EXPECT_TRUE(SameAfter(n, "h: api.staging.example.org", "h: api.example.org"));
  EXPECT_TRUE(SameAfter(n, "from: Alerthub Staging <a@x.org>", "from: Alerthub <a@x.org>"));
  EXPECT_TRUE(SameAfter(n, "h: api.staging.example.org", "h: api.prod.example.org"));
  EXPECT_FALSE(SameAfter(n, "h: api.staging.example.org", "h: web.example.org"));
}

TEST(Normalize, ValuesEqualAsWrittenStayEqual) {
  Normalizer n = WithSpec("env_tokens: optional");
  EXPECT_TRUE(SameAfter(n, "h: api.staging.example.org", "h: api.staging.example.org"));
}

TEST(Normalize, ProductionHoldingStagingsTokenIsDrift) {
  Normalizer n = WithSpec("env_tokens: optional");
  EXPECT_FALSE(SameAfter(n, "h: api.example.org", "h: api.staging.example.org"));
  EXPECT_FALSE(SameAfter(n, "h: api.prod.example.org", "h: api.staging.example.org"));
}

TEST(Normalize, EnvTokenKeysMakeOneKey) {
  Normalizer n = WithSpec("env_tokens: {\"databases.**\": keys}");
  EXPECT_TRUE(SameAfter(n, "databases:\n  publisher-staging-postgres: {host: pg}\n",
                        "databases:\n  publisher-production-postgres: {host: pg}\n"));
  EXPECT_FALSE(SameAfter(n, "databases:\n  publisher-staging-postgres: {host: pg}\n",
                         "databases:\n  publisher-production-postgres: {host: pg2}\n"));
  // Outside the pattern nothing changes.
  EXPECT_FALSE(SameAfter(n, "other: {a-staging: 1}", "other: {a-production: 1}"));
}

TEST(EnvTokens, DropKeepsABareNameAsThePlaceholder) {
  EXPECT_EQ(DropEnvTokens("staging", kStaging), "{env}");
  EXPECT_EQ(DropEnvTokens("-stg-", kStaging), "-{env}-");
  EXPECT_EQ(DropEnvTokens("nci-staging", kStaging), "nci");
}

TEST(Normalize, EnvTokenOptionalNeverMakesABareNameEmpty) {
  Normalizer n = WithSpec("{env_tokens: optional, empty: absent}");
  EXPECT_TRUE(SameAfter(n, "SENTRY_ENVIRONMENT: staging", "SENTRY_ENVIRONMENT: production"));
  EXPECT_FALSE(SameAfter(n, "SENTRY_ENVIRONMENT: staging", "SENTRY_ENVIRONMENT: \"\""));
  EXPECT_FALSE(SameAfter(n, "SENTRY_ENVIRONMENT: staging", "{}"));
  EXPECT_FALSE(SameAfter(WithSpec("env_tokens: keys"), "a: {staging: 1}", "a: {}"));
}

TEST(Normalize, EnvTokenKeysBecomeThePlaceholderBesideAPlainKey) {
  Normalizer n = WithSpec("env_tokens: keys");
  Value a = Yaml("environment_name: x\nstg_environment_name: s\n", "staging.yaml");
  Value b = Yaml("environment_name: x\nproduction_environment_name: p\n", "production.yaml");
  n.Normalize(a, kStaging);
  n.Normalize(b, kProduction);
  const auto diffs = DiffValues(a, b, n);
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].kind, DiffKind::kChanged);
  EXPECT_EQ(diffs[0].path.ToString(), "\"{env}_environment_name\"");
}

TEST(Normalize, MustDifferJudgesValuesAsWritten) {
  Normalizer n = WithSpec("{env_tokens: true, must_differ: [db, ttl]}");
  auto must_differ = [&](std::string_view staging, std::string_view production) {
    Value a = Yaml(staging, "staging.yaml"), b = Yaml(production, "production.yaml");
    n.Normalize(a, kStaging);
    n.Normalize(b, kProduction);
    std::size_t count = 0;
    for (const auto& d : DiffValues(a, b, n)) count += d.kind == DiffKind::kMustDiffer;
    return count;
  };
  EXPECT_EQ(must_differ("db: db.staging.x", "db: db.production.x"), 0u);
  EXPECT_EQ(must_differ("db: db.shared.x", "db: db.shared.x"), 1u);
  // Outside must_differ the tokens still make the hosts one.
  EXPECT_TRUE(SameAfter(n, "h: db.staging.x", "h: db.production.x"));
  // Type coercion still applies: "30" and 30 are the same number.
  Normalizer typed(SchemaOf("properties: {ttl: {type: integer, x-drift: must-differ}}\n"), {}, SecretMatcher());
  Value a = Yaml("ttl: \"30\""), b = Yaml("ttl: 30");
  typed.Normalize(a, kStaging);
  typed.Normalize(b, kProduction);
  ASSERT_EQ(DiffValues(a, b, typed).size(), 1u);
  Normalizer units(SchemaOf("properties: {ttl: {format: duration, x-drift: must-differ}}\n"), {}, SecretMatcher());
  Value c = Yaml("ttl: 1m"), d = Yaml("ttl: 60s");
  units.Normalize(c, kStaging);
  units.Normalize(d, kProduction);
  EXPECT_TRUE(DiffValues(c, d, units).empty());
}

// ---- Empty, dotted keys, nulls --------------------------------------------------

TEST(Normalize, EmptyEqualsAbsent) {
  Normalizer n = WithSpec("empty: absent");
  EXPECT_TRUE(SameAfter(n, "a: 1\nb: \"\"\nc: []\nd: {}\ne:", "a: 1"));
  EXPECT_FALSE(SameAfter(n, "a: 1\nb: x", "a: 1"));
  EXPECT_FALSE(SameAfter(WithSpec("keys: plain"), "a: 1\nb: \"\"", "a: 1"));
}

TEST(Normalize, DottedKeysAreTheNestedPath) {
  Normalizer n = WithSpec("keys: dotted");
  EXPECT_TRUE(SameAfter(n, "spring.datasource.url: x\nspring:\n  datasource:\n    user: u\n",
                        "spring:\n  datasource:\n    url: x\n    user: u\n"));
  EXPECT_FALSE(SameAfter(n, "spring.datasource.url: x", "spring: {datasource: {url: y}}"));
}

TEST(Normalize, DottedKeyClashInOneFileIsAnError) {
  Value v = Yaml("a.b: 1\na:\n  b: 2\n");
  EXPECT_THROW(ExpandDottedKeys(v), InputError);
}

TEST(Normalize, ExpandKeysPerLayerBeforeMerging) {
  Normalizer n = WithSchema("x-drift-keys: dotted\n");
  Value layer = Yaml("server.port: 80\n");
  n.ExpandKeys(layer);
  ASSERT_NE(layer.Find("server"), nullptr);
  EXPECT_EQ(layer.Find("server")->Find("port")->as_int(), 80);
}

TEST(Normalize, DropNullsMakesALeftoverNullAbsent) {
  Value a = Yaml("prefix:\nname: x\n"), b = Yaml("name: x\n");
  DropNulls(a);
  EXPECT_TRUE(SameValue(a, b));
}

// ---- Policy ------------------------------------------------------------------------

TEST(Policy, ListsIgnoreAndMustDifferFromTheSchema) {
  Normalizer n = WithSchema(
      "properties:\n"
      "  routes: {type: array, x-drift-key: name}\n"
      "  hosts: {uniqueItems: true}\n"
      "  metadata: {x-drift: ignore}\n"
      "  auth: {properties: {issuer: {x-drift: must-differ}}}\n");
  EXPECT_EQ(n.ListAt(Path().Key("routes")).match, ListMatch::kByKey);
  EXPECT_EQ(n.ListAt(Path().Key("routes")).key, "name");
  EXPECT_EQ(n.ListAt(Path().Key("hosts")).match, ListMatch::kAsSet);
  EXPECT_EQ(n.ListAt(Path().Key("other")).match, ListMatch::kByIndex);
  EXPECT_TRUE(n.Skip(Path().Key("metadata").Key("labels").Key("x")));
  EXPECT_FALSE(n.Skip(Path().Key("auth")));
  EXPECT_TRUE(n.MustDiffer(Path().Key("auth").Key("issuer")));
}

TEST(Policy, NormalizeSpecWithoutSchema) {
  Normalizer n = WithSpec(
      "lists: {routes: {key: name}, hosts: set}\nignore: [metadata.labels]\nmust_differ: [auth.issuer]\n");
  EXPECT_EQ(n.ListAt(Path().Key("routes")).key, "name");
  EXPECT_EQ(n.ListAt(Path().Key("hosts")).match, ListMatch::kAsSet);
  EXPECT_TRUE(n.Skip(Path().Key("metadata").Key("labels").Key("app")));
  EXPECT_FALSE(n.Skip(Path().Key("metadata").Key("name")));
  EXPECT_TRUE(n.MustDiffer(Path().Key("auth").Key("issuer")));
}

TEST(Policy, NormalizeSettingsWithoutSchemaAreInheritedFromEveryLevelAbove) {
  Normalizer n = WithSpec("empty: {a: absent, a.b: keep}\ncase: {\"routes[*].host\": insensitive}\n");
  EXPECT_EQ(n.SettingsAt(Path().Key("a").Key("c")).empty_absent, true) << "inherited from a";
  EXPECT_EQ(n.SettingsAt(Path().Key("a").Key("b")).empty_absent, false);
  EXPECT_EQ(n.SettingsAt(Path().Key("a").Key("b").Key("c")).empty_absent, false) << "inherited from a.b";
  EXPECT_EQ(n.SettingsAt(Path().Key("routes").Index(2).Key("host")).case_insensitive, true);
  EXPECT_EQ(n.SettingsAt(Path().Key("routes").Index(2).Key("host").Key("x")).case_insensitive, true);
  EXPECT_FALSE(n.SettingsAt(Path().Key("routes").Index(2).Key("port")).case_insensitive.has_value());
  EXPECT_FALSE(n.SettingsBySource(Path().Key("a")).first.empty_absent.has_value()) << "no schema set it";
}

TEST(Normalize, WithoutSchemaOrSettingsNothingIsRewrittenAndDepthIsStillBounded) {
  const Normalizer n(nullptr, {}, SecretMatcher());
  Value v = Yaml("a.b: 1\nname: Staging-db\nempty: \"\"\nport: \"8080\"\nlist: [{x: null}]\n");
  const Value before = v;
  n.ExpandKeys(v);
  EXPECT_TRUE(n.Normalize(v, kStaging).empty());
  EXPECT_TRUE(SameValue(v, before));
  EXPECT_EQ(v.key(0), "a.b") << "no dotted-key expansion unless asked";
  EXPECT_FALSE(v.Find("name")->rewritten());
  EXPECT_FALSE(n.Skip(Path().Key("name")));
  EXPECT_FALSE(n.Secret(Path().Key("name")));
  EXPECT_FALSE(n.MustDiffer(Path().Key("name")));
  EXPECT_EQ(n.ListAt(Path().Key("list")).match, ListMatch::kByIndex);

  // Deeper than the walk goes: still refused, not walked into.
  Value deep = Value::List(Location{MakeOrigin("deep.yaml"), 1, 1});
  for (int i = 0; i < 250; ++i) {
    Value outer = Value::List(Location{MakeOrigin("deep.yaml"), 1, 1});
    outer.Append(std::move(deep));
    deep = std::move(outer);
  }
  EXPECT_THROW(n.Normalize(deep, kStaging), InputError);
}

TEST(Policy, SchemaKeywordWinsOverNormalize) {
  Normalizer n(SchemaOf("properties: {url: {x-drift-env-token: false}}\n"), SpecOf("env_tokens: true"),
               SecretMatcher());
  EXPECT_EQ(n.SettingsAt(Path().Key("url")).env_tokens, EnvTokens::kOff);
  EXPECT_EQ(n.SettingsAt(Path().Key("name")).env_tokens, EnvTokens::kReplace);
  EXPECT_FALSE(SameAfter(n, "url: staging", "url: production"));
  EXPECT_TRUE(SameAfter(n, "name: staging", "name: production"));
}

TEST(Policy, PathPatterns) {
  auto p = [](std::string_view text) { return PathPattern::Parse(text, {}); };
  EXPECT_TRUE(p("a.*.c").Matches(Path().Key("a").Key("b").Key("c")));
  EXPECT_FALSE(p("a.*.c").Matches(Path().Key("a").Key("c")));
  EXPECT_TRUE(p("a.**").Matches(Path().Key("a").Key("b").Key("c")));
  EXPECT_TRUE(p("routes[*].host").Matches(Path().Key("routes").Index(2).Key("host")));
  EXPECT_TRUE(p("\"app.kubernetes.io/name\"").Matches(Path().Key("app.kubernetes.io/name")));
  EXPECT_THROW(p("a..b"), InputError);
}

TEST(Policy, BadNormalizeValueIsAnError) {
  try {
    SpecOf("env_tokens: optinal");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(e.hint().find("optional"), std::string::npos);
  }
  EXPECT_THROW(SpecOf("emtpy: absent"), InputError);
}

}  // namespace
}  // namespace driftcheck
