#include "engine/session.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <set>
#include <unordered_set>

#include "core/error.h"

namespace driftcheck {
namespace {

// A finding as one line: "kind source{placeholders} document path left|right".
std::string Line(const Finding& f) {
  std::string placeholders;
  for (const auto& [k, v] : f.placeholders) placeholders += (placeholders.empty() ? "" : ",") + k + "=" + v;
  std::string out = f.KindName() + " " + f.source + "{" + placeholders + "}";
  if (!f.document.empty()) out += " <" + f.document + ">";
  out += " " + (f.path.empty() ? std::string("(file)") : f.path);
  return out + " " + FlowText(f.left.value) + " | " + FlowText(f.right.value);
}

class CompareTest : public ::testing::Test {
 protected:
  std::vector<std::string> Compare(const std::string& manifest_text,
                               std::map<std::string, std::string> files) {
    manifest_ = LoadManifest(manifest_text, MakeOrigin("driftcheck.yaml"));
    MemoryTree tree(std::move(files), "0123456789abcdef0123456789abcdef01234567");
    const Environment& left = manifest_.environments[0];
    const Environment& right = manifest_.environments[1];
    Sides sides;
    sides.comparisons = {{{left.name, &left, &tree}, {right.name, &right, &tree}}};
    result_ = Session(manifest_, options_).Compare(sides);
    std::vector<std::string> lines;
    for (const auto& f : result_.findings) lines.push_back(Line(f));
    return lines;
  }

  Manifest manifest_;
  SessionOptions options_;
  Report result_;
};

using Lines = std::vector<std::string>;

constexpr const char* kServices = R"(version: 1
environments: {staging: {aliases: [stg]}, production: {aliases: [prod]}}
sources:
  - name: services
    path: "services/{service}/{env}.yaml"
)";

TEST_F(CompareTest, PairsFilesByPlaceholderValues) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml", "replicas: 2\n"},
      {"services/api/production.yaml", "replicas: 4\n"},
      {"services/web/staging.yaml", "replicas: 1\n"},
      {"services/web/production.yaml", "replicas: 1\n"},
      {"services/README.md", "not config"},
  });
  EXPECT_EQ(lines, Lines{"changed services{service=api} replicas 2 | 4"});
  EXPECT_EQ(result_.file_pairs, 2u);
  const Finding& f = result_.findings[0];
  EXPECT_EQ(f.left.file, "services/api/staging.yaml");
  EXPECT_EQ(f.right.location.ToString(), "services/api/production.yaml:1:11");
  EXPECT_EQ(f.right.revision, "0123456789abcdef0123456789abcdef01234567");
}

TEST_F(CompareTest, AFileOnlyOneEnvironmentHasIsFileMissing) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml", "a: 1\n"},
      {"services/api/production.yaml", "a: 1\n"},
      {"services/worker/staging.yaml", "a: 1\n"},
  });
  ASSERT_EQ(lines.size(), 1u);
  const Finding& f = result_.findings[0];
  EXPECT_EQ(f.kind, FindingKind::kFileMissing);
  EXPECT_EQ(f.placeholders, (std::vector<std::pair<std::string, std::string>>{{"service", "worker"}}));
  EXPECT_EQ(f.left.file, "services/worker/staging.yaml");
  EXPECT_EQ(f.right.file, "");
  EXPECT_EQ(f.PresentLabel(), "staging");
}

TEST_F(CompareTest, SecretValuesAreRedactedEvenWhenTheyDiffer) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml", "database: {password: hunter2, host: a}\n"},
      {"services/api/production.yaml", "database: {password: s3cret, host: b}\n"},
  });
  EXPECT_EQ(lines, (Lines{"changed services{service=api} database.password <redacted> | <redacted>",
                          "changed services{service=api} database.host a | b"}));
}

TEST_F(CompareTest, SecretsInsideAWholeSubtreeAreRedacted) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml", "database: {user: app, password: hunter2}\n"},
      {"services/api/production.yaml", "{}\n"},
  });
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "only-in-staging services{service=api} database {user: app, password: <redacted>} | (absent)");
}

// A YAML alias copies its anchor's value: a value one copy holds under a
// secret key is a secret at every copy, whichever of them is the anchor.
TEST_F(CompareTest, ASecretCopiedByAYamlAliasIsRedactedAtEveryCopy) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml",
       "token: &t hunter2\nx: *t\nusers: [*t]\nsecrets: &s {db: hunter3}\ncopy: *s\nwhole: [*t]\n"
       "plain: &p hunter4\npassword: *p\n"},
      {"services/api/production.yaml",
       "token: other\nx: y\nusers: [bob]\nsecrets: {db: other}\ncopy: {db: other2}\nwhole: 5\n"
       "plain: y\npassword: z\n"},
  });
  EXPECT_EQ(lines, (Lines{"changed services{service=api} token <redacted> | <redacted>",
                          "changed services{service=api} x <redacted> | <redacted>",
                          "changed services{service=api} users[0] <redacted> | <redacted>",
                          "changed services{service=api} secrets.\"<redacted:b98c0b2f>\" <redacted> | <redacted>",
                          "changed services{service=api} copy.\"<redacted:b98c0b2f>\" <redacted> | <redacted>",
                          "type-changed services{service=api} whole [<redacted>] | 5",
                          "changed services{service=api} plain <redacted> | <redacted>",
                          "changed services{service=api} password <redacted> | <redacted>"}));
}

TEST_F(CompareTest, AnAliasCopyStaysSecretThroughMergeKeysAndNestedAnchors) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml",
       "base: &b {user: hunter2}\nsvc: {<<: *b, port: 1}\ncredentials: *b\n"
       "outer: &o {inner: &i hunter3}\napi_key: *o\nlater: *i\n"},
      {"services/api/production.yaml",
       "base: {user: u}\nsvc: {user: u, port: 1}\ncredentials: {user: u}\n"
       "outer: {inner: x}\napi_key: {inner: x}\nlater: x\n"},
  });
  for (const std::string& line : lines) {
    EXPECT_EQ(line.find("hunter"), std::string::npos) << line;
  }
  EXPECT_EQ(lines.size(), 6u);
}

TEST_F(CompareTest, AListItemNamedByACopyOfASecretPrintsAFingerprint) {
  const Lines lines = Compare(std::string(kServices) + "    normalize: {lists: {users: {key: name}}}\n", {
      {"services/api/staging.yaml", "token: &t hunter2\nusers: [{name: *t, role: a}, {name: bob, role: a}]\n"},
      {"services/api/production.yaml", "token: other\nusers: [{name: hunter2, role: b}, {name: bob, role: b}]\n"},
  });
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(lines[1].starts_with("changed services{service=api} users[<redacted:")) << lines[1];
  EXPECT_EQ(lines[2], "changed services{service=api} users[name=bob].role a | b");
  for (const std::string& line : lines) EXPECT_EQ(line.find("hunter2"), std::string::npos) << line;
}

TEST_F(CompareTest, AnAliasCopyALaterLayerMergesInStaysSecret) {
  const Lines lines = Compare(R"(version: 1
environments: {staging: {}, production: {}}
sources:
  - name: chart
    layers: ["chart/values.yaml", "chart/values-{env}.yaml"]
)", {
      {"chart/values.yaml", "x: {keep: 1, db: base}\n"},
      {"chart/values-staging.yaml", "password: &s {db: hunter2}\nx: *s\n"},
      {"chart/values-production.yaml", "password: {db: other}\nx: {db: other}\n"},
  });
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "changed chart{} x.db <redacted> | <redacted>");
  EXPECT_TRUE(lines[1].starts_with("changed chart{} password.\"<redacted:")) << lines[1];
}

TEST_F(CompareTest, AnAnchorNoSecretKeyHoldsStaysPlain) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml", "size: &n 3\nreplicas: *n\nsecrets: {db: x}\n"},
      {"services/api/production.yaml", "size: 4\nreplicas: 4\nsecrets: {db: x}\n"},
  });
  EXPECT_EQ(lines, (Lines{"changed services{service=api} size 3 | 4",
                          "changed services{service=api} replicas 3 | 4",
                          "same-secret services{service=api} secrets <redacted> | <redacted>"}));
}

TEST_F(CompareTest, AReusedCredentialIsASameSecretFindingButAReferenceIsNot) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml",
       "db: {password: hunter2}\napi_token: \"${API_TOKEN}\"\nsmtp_password: \"${SMTP:-hunter3}\"\n"
       "empty_secret: \"\"\nother_token: a\n"},
      {"services/api/production.yaml",
       "db: {password: hunter2}\napi_token: \"${API_TOKEN}\"\nsmtp_password: \"${SMTP:-hunter3}\"\n"
       "empty_secret: \"\"\nother_token: b\n"},
  });
  EXPECT_EQ(lines, (Lines{"same-secret services{service=api} db.password <redacted> | <redacted>",
                          "same-secret services{service=api} smtp_password <redacted> | <redacted>",
                          "changed services{service=api} other_token <redacted> | <redacted>"}));
  EXPECT_EQ(result_.findings[0].secret_equal, true);
  EXPECT_EQ(result_.findings[2].secret_equal, false);
  EXPECT_EQ(result_.ExitCode(), 1);
}

TEST_F(CompareTest, FlagsAndKubernetesReferencesAreNoReusedCredential) {
  // Seen in a public Helm repository: 125 false same-secret findings before.
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml",
       "create_secret: false\nenv:\n  DB_PASSWORD:\n    valueFrom: {secretKeyRef: {name: db, key: password}}\n"
       "  secretKeyRef: {name: db, key: password}\n"},
      {"services/api/production.yaml",
       "create_secret: false\nenv:\n  DB_PASSWORD:\n    valueFrom: {secretKeyRef: {name: db, key: password}}\n"
       "  secretKeyRef: {name: db, key: password}\n"},
  });
  EXPECT_EQ(lines, Lines{});
}

TEST_F(CompareTest, EnvListsHideTheValueANameSaysIsSecret) {
  // Kubernetes/Helm `env:` lists and Compose `environment:` items, paired by position.
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml",
       "env:\n  - {name: LOG_LEVEL, value: info}\n  - {name: DB_PASSWORD, value: hunter2}\n"
       "environment: [\"DB_PASSWORD=hunter2\", \"MODE=a\"]\n"},
      {"services/api/production.yaml",
       "env:\n  - {name: LOG_LEVEL, value: warn}\n  - {name: DB_PASSWORD, value: s3cret}\n"
       "  - {name: API_TOKEN, value: t0k3n}\n"
       "environment: [\"DB_PASSWORD=s3cret\", \"MODE=a\"]\n"},
  });
  EXPECT_EQ(lines, (Lines{
      "changed services{service=api} env[0].value info | warn",
      "changed services{service=api} env[1].value <redacted> | <redacted>",
      "only-in-production services{service=api} env[2] (absent) | {name: API_TOKEN, value: <redacted>}",
      "changed services{service=api} environment[0] DB_PASSWORD=<redacted> | DB_PASSWORD=<redacted>"}));
  EXPECT_EQ(result_.findings[3].secret_equal, false);  // the hidden part differs
}

// Every value of a Kubernetes Secret's `data` and `stringData` is a secret,
// whatever its key; a ConfigMap's `data` is not.
TEST_F(CompareTest, AKubernetesSecretsDataIsSecretWhateverItsKeys) {
  const std::string secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: app}\n";
  const std::string config_map = "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n";
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml", secret + "data: {tls.crt: U1RH, same: U0FNRQ==}\nstringData: {a: b}\n" +
                                        config_map + "data: {LOG: debug}\n"},
      {"services/api/production.yaml", secret + "data: {tls.crt: UFJE, same: U0FNRQ==}\n" + config_map +
                                           "data: {LOG: info}\n"},
  });
  // `same` is equal in both, but below a secret map that differs: only the
  // top of a secret can be a same-secret, as below any secret key.
  ASSERT_EQ(lines.size(), 3u) << ::testing::PrintToString(lines);
  EXPECT_TRUE(lines[0].starts_with("changed services{service=api} <#0> data.\"<redacted:")) << lines[0];
  EXPECT_TRUE(lines[0].ends_with(" <redacted> | <redacted>")) << lines[0];
  EXPECT_EQ(lines[1], "only-in-staging services{service=api} <#0> stringData <redacted> | (absent)");
  EXPECT_EQ(lines[2], "changed services{service=api} <#1> data.LOG debug | info");
  for (const std::string& line : lines) {
    for (const char* value : {"U1RH", "UFJE", "U0FNRQ", "tls.crt"}) EXPECT_EQ(line.find(value), std::string::npos) << line;
  }
}

TEST_F(CompareTest, AUrlShowsAllButItsPassword) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml", "DATABASE_URL: postgres://app:hunter2@db-staging/app\n"},
      {"services/api/production.yaml", "DATABASE_URL: postgres://app:s3cret@db/app\n"},
  });
  EXPECT_EQ(lines, Lines{"changed services{service=api} DATABASE_URL postgres://app:<redacted>@db-staging/app | "
                         "postgres://app:<redacted>@db/app"});
}

// A key written like a fingerprint is no fingerprint: printed as is, it
// would share a path with a real one and read as a hidden secret key.
TEST_F(CompareTest, AKeyThatReadsLikeAFingerprintPrintsAsOneOfItsOwn) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml", "\"<redacted:3fa9c0d2>\": 1\nnote: <redacted>\n"},
      {"services/api/production.yaml", "\"<redacted:3fa9c0d2>\": 2\nnote: x\n"},
  });
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].starts_with("changed services{service=api} \"<redacted:")) << lines[0];
  EXPECT_EQ(lines[0].find("3fa9c0d2"), std::string::npos) << lines[0];
  EXPECT_TRUE(lines[0].ends_with(" 1 | 2")) << lines[0];  // the value under it is no secret
  EXPECT_EQ(lines[1], "changed services{service=api} note \"\\x3credacted>\" | x");
}

TEST_F(CompareTest, KeysBelowASecretKeyPrintAsDistinctFingerprints) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml", "api_keys: {alice: a, bob: b}\n"},
      {"services/api/production.yaml", "api_keys: {alice: x, bob: y}\n"},
  });
  ASSERT_EQ(lines.size(), 2u);
  const Finding& a = result_.findings[0];
  const Finding& b = result_.findings[1];
  EXPECT_NE(a.path, b.path);
  EXPECT_NE(a.id, b.id);
  EXPECT_TRUE(a.path.starts_with("api_keys.\"<redacted:")) << a.path;
  for (const Finding& f : result_.findings) {
    EXPECT_EQ(f.path.find("alice"), std::string::npos);
    EXPECT_EQ(f.path.find("bob"), std::string::npos);
  }
}

// Issue 23: 1,500 keys below a secret key gave 25 shared ids with 16-bit
// fingerprints, so a baseline entry for one hid another. Ids come from the
// salted digest of the real path, and no two findings print one path.
TEST_F(CompareTest, ManyKeysBelowASecretKeyNeverShareAnIdOrAPath) {
  std::string staging = "api_keys:\n", production = "api_keys:\n";
  for (int i = 0; i < 1500; ++i) {
    staging += "  k" + std::to_string(i) + ": a\n";
    production += "  k" + std::to_string(i) + ": b\n";
  }
  const Lines lines = Compare(kServices, {{"services/api/staging.yaml", staging},
                                          {"services/api/production.yaml", production}});
  ASSERT_EQ(lines.size(), 1500u);
  std::set<std::string> ids, paths;
  for (const Finding& f : result_.findings) {
    EXPECT_TRUE(ids.insert(f.id.str()).second) << f.path;
    EXPECT_TRUE(paths.insert(f.path).second) << f.path;
  }
}

// Two keys whose fingerprints agree in their first eight digits still print
// apart, and keep ids that do not depend on how many digits print.
TEST_F(CompareTest, KeysWhoseFingerprintsCollidePrintLongerOnes) {
  SetFingerprintSalt("");
  std::map<std::uint64_t, std::string> seen;
  std::string a, b;
  for (int i = 0; a.empty(); ++i) {
    const std::string key = "k" + std::to_string(i);
    auto [it, fresh] = seen.emplace(SecretDigest(key) >> 32, key);
    if (!fresh) a = it->second, b = key;
  }
  ASSERT_EQ(SecretFingerprint(a), SecretFingerprint(b));
  Compare(kServices, {{"services/api/staging.yaml", "api_keys: {" + a + ": 1, " + b + ": 1}\n"},
                      {"services/api/production.yaml", "api_keys: {" + a + ": 2, " + b + ": 2}\n"}});
  ASSERT_EQ(result_.findings.size(), 2u);
  EXPECT_NE(result_.findings[0].path, result_.findings[1].path);
  EXPECT_NE(result_.findings[0].id, result_.findings[1].id);
  // Alone, `a` prints eight digits, and keeps its id.
  const std::string id_a = result_.findings[0].path.find(SecretFingerprint(a).substr(0, 18)) != std::string::npos
                               ? result_.findings[0].id.str()
                               : result_.findings[1].id.str();
  Compare(kServices, {{"services/api/staging.yaml", "api_keys: {" + a + ": 1}\n"},
                      {"services/api/production.yaml", "api_keys: {" + a + ": 2}\n"}});
  ASSERT_EQ(result_.findings.size(), 1u);
  EXPECT_EQ(result_.findings[0].path, "api_keys.\"" + SecretFingerprint(a) + "\"");
  EXPECT_EQ(result_.findings[0].id, id_a);
}

TEST_F(CompareTest, AFlatKeyPrintsNothingBelowItsSecretLevel) {
  const Lines lines = Compare(R"(version: 1
environments: {staging: {}, production: {}}
sources:
  - {name: app, path: "app/{env}.properties"}
)", {{"app/staging.properties", "app.secrets.sub.keystaging=1\nserver.port=1\n"},
     {"app/production.properties", "app.secrets.sub.keystaging=2\nserver.port=2\n"}});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].starts_with("changed app{} \"app.secrets.<redacted:")) << lines[0];
  EXPECT_TRUE(lines[0].ends_with("<redacted> | <redacted>")) << lines[0];
  EXPECT_EQ(lines[0].find("keystaging"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[1], "changed app{} \"server.port\" \"1\" | \"2\"");
}

// A credential only a value detector finds, equal on both sides, is reused:
// judged on the values as written, and not for a reference.
TEST_F(CompareTest, EqualCredentialsFoundByTheirShapeAreSameSecret) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml", "gh: ghp_abcdef123456\ndb: postgres://app:hunter2@db-s/app\n"
                                    "ref: postgres://app:${DB_PASS}@db/app\nenv: [{name: DB_PASSWORD, value: hunter2}]\n"},
      {"services/api/production.yaml", "gh: ghp_abcdef123456\ndb: postgres://app:hunter2@db-p/app\n"
                                       "ref: postgres://app:${DB_PASS}@db/app\nenv: [{name: DB_PASSWORD, value: hunter2}]\n"},
  });
  EXPECT_EQ(lines, (Lines{"same-secret services{service=api} gh ghp_<redacted> | ghp_<redacted>",
                          "changed services{service=api} db postgres://app:<redacted>@db-s/app | "
                          "postgres://app:<redacted>@db-p/app",
                          "same-secret services{service=api} db postgres://app:<redacted>@db-s/app | "
                          "postgres://app:<redacted>@db-p/app",
                          "same-secret services{service=api} env[0].value <redacted> | <redacted>"}));
  for (const Finding& f : result_.findings) {
    if (f.kind == FindingKind::kSameSecret) {
      EXPECT_EQ(f.secret_equal, true) << f.path;
    }
  }
}

// 18F/culper (issue 23): a list compared as a set, one unpaired item on each
// side, both at index 0: two findings at one path, never one id.
TEST_F(CompareTest, UnpairedItemsOfASetAtOneIndexHaveDistinctIds) {
  const Lines lines = Compare(std::string(kServices) + "    normalize: {lists: {applications: set}}\n", {
      {"services/api/staging.yaml", "applications: [{name: api-staging}]\n"},
      {"services/api/production.yaml", "applications: [{name: api}]\n"},
  });
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(result_.findings[0].path, result_.findings[1].path);
  EXPECT_NE(result_.findings[0].id, result_.findings[1].id);
}

TEST_F(CompareTest, AListKeyedByASecretFieldPairsAndPrintsAFingerprint) {
  const Lines lines = Compare(std::string(kServices) + "    normalize: {lists: {users: {key: password}}}\n", {
      {"services/api/staging.yaml", "users: [{password: pw1, role: admin}, {password: pw2, role: dev}]\n"},
      {"services/api/production.yaml", "users: [{password: pw2, role: dev}, {password: pw1, role: ops}]\n"},
  });
  ASSERT_EQ(lines.size(), 1u) << lines[0];
  EXPECT_TRUE(result_.findings[0].path.starts_with("users[<redacted:")) << result_.findings[0].path;
  EXPECT_TRUE(result_.findings[0].path.ends_with("].role")) << result_.findings[0].path;
  EXPECT_EQ(lines[0].find("pw1"), std::string::npos) << lines[0];
}

TEST_F(CompareTest, ASecretMarkHidesItsSubtreeInsideAWholeListItem) {
  const Lines lines = Compare(std::string(kServices) + "    normalize: {secret: [\"users[*].pin\"]}\n", {
      {"services/api/staging.yaml", "users: [{name: a, pin: 1234}]\n"},
      {"services/api/production.yaml", "users: [{name: a, pin: 4321}, {name: b, pin: 9876}]\n"},
  });
  EXPECT_EQ(lines, (Lines{"changed services{service=api} users[0].pin <redacted> | <redacted>",
                          "only-in-production services{service=api} users[1] (absent) | {name: b, pin: <redacted>}"}));
}

TEST_F(CompareTest, SameSecretCanBeTurnedOff) {
  const Lines lines = Compare(std::string(kServices) + "same_secret: false\n", {
      {"services/api/staging.yaml", "password: hunter2\n"},
      {"services/api/production.yaml", "password: hunter2\n"},
  });
  EXPECT_EQ(lines, Lines{});
}

TEST_F(CompareTest, AKeyOnlyOneSideHasIsLocatedAtTheKey) {
  Compare(kServices, {
      {"services/api/staging.yaml", "a: 1\nfeatures:\n  beta: true\n"},
      {"services/api/production.yaml", "a: 2\n"},
  });
  ASSERT_EQ(result_.findings.size(), 2u);
  EXPECT_EQ(result_.findings[0].left.location.ToString(), "services/api/staging.yaml:1:4");  // a value
  EXPECT_EQ(result_.findings[1].left.location.ToString(), "services/api/staging.yaml:2:1");  // the key
}

TEST_F(CompareTest, ReadsDotenvAndJsonByTheManifestsFormat) {
  const Lines lines = Compare(R"(version: 1
environments: {staging: {}, production: {}}
sources:
  - {name: env, path: "app/.env.{env}", format: dotenv}
  - {name: flags, path: "flags/{env}.yaml", format: json}
)", {
      {"app/.env.staging", "export LOG_LEVEL=debug\nPORT = '8080'\n"},
      {"app/.env.production", "LOG_LEVEL=info\nPORT=8080\n"},
      {"flags/staging.yaml", "{\"beta\": true, \"n\": 1}"},
      {"flags/production.yaml", "{\"n\": 1}"},
  });
  EXPECT_EQ(lines, (Lines{"changed env{} LOG_LEVEL debug | info",
                          "only-in-staging flags{} beta true | (absent)"}));
}

TEST_F(CompareTest, WithoutAFormatTheExtensionDecides) {
  const Lines lines = Compare(R"(version: 1
environments: {staging: {}, production: {}}
sources:
  - {name: spring, path: "app/application-{env}.properties"}
  - {name: tf, path: "envs/{env}/terraform.tfvars"}
  - {name: env-yaml, path: "app/{env}.env"}
)", {
      {"app/application-staging.properties", "server.port=8080\nspring.datasource.url=jdbc:h2:mem\n"},
      {"app/application-production.properties", "server.port = 8080\nspring.datasource.url:jdbc:pg\n"},
      {"envs/staging/terraform.tfvars", "replicas = 1 # small\n"},
      {"envs/production/terraform.tfvars", "replicas = 3\n"},
      {"app/staging.env", "mode: a\n"},
      {"app/production.env", "mode: b\n"},
  });
  EXPECT_EQ(lines, (Lines{"changed env-yaml{} mode a | b",
                          "changed spring{} \"spring.datasource.url\" jdbc:h2:mem | jdbc:pg",
                          "changed tf{} replicas 1 | 3"}));
}

TEST_F(CompareTest, ADuplicateKeyTheFormatLetsWinIsAWarningFindingNamingBothLines) {
  const Lines lines = Compare(R"(version: 1
environments: {staging: {}, production: {}}
sources:
  - {name: spring, path: "app/application-{env}.properties"}
)", {
      {"app/application-staging.properties", "server.port=8080\nlog=debug\nserver.port=9090\n"},
      {"app/application-production.properties", "server.port=9090\nlog=debug\n"},
  });
  ASSERT_EQ(lines.size(), 1u) << lines[0];
  const Finding& f = result_.findings[0];
  EXPECT_EQ(f.kind, FindingKind::kDuplicateKey);
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_EQ(f.left.label, "staging");
  EXPECT_EQ(f.left.location.ToString(), "app/application-staging.properties:3:1");
  EXPECT_NE(f.message.find("line 1"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("(3)"), std::string::npos) << f.message;
  EXPECT_EQ(result_.ExitCode(), 0);  // the last one wins, as Spring reads it: equal to production
}

TEST_F(CompareTest, DotNetLayersWithCommentsMergeListsByIndex) {
  const Lines lines = Compare(R"(version: 1
environments: {Staging: {}, Production: {}}
sources:
  - name: api
    layers: [appsettings.json, "appsettings.{env}.json"]
    merge: {lists: by-index}
)", {
      {"appsettings.json", "{\n  // shared\n  \"Hosts\": [\"a\", \"b\"],\n  \"Level\": \"Info\",\n}\n"},
      {"appsettings.Staging.json", "{ \"Hosts\": [\"s\"] }"},
      {"appsettings.Production.json", "{ /* prod */ \"Hosts\": [\"p\"], }"},
  });
  EXPECT_EQ(lines, Lines{"changed api{} Hosts[0] s | p"}) << "item 1 (b) is kept on both sides";
}

TEST_F(CompareTest, AnEmptyFileIsAnEmptyConfiguration) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml", ""},
      {"services/api/production.yaml", "# nothing yet\n"},
  });
  EXPECT_EQ(lines, Lines{});
}

TEST_F(CompareTest, AFileThatDoesNotParseIsAFindingAndTheOtherPairsAreStillCompared) {
  const Lines lines = Compare(kServices, {{"services/api/staging.yaml", "a: 1\nb: [1, 2\n"},
                                          {"services/api/production.yaml", "a: 1\n"},
                                          {"services/web/staging.yaml", "a: 1\n"},
                                          {"services/web/production.yaml", "a: 2\n"}});
  ASSERT_EQ(lines.size(), 2u);
  const Finding& invalid = result_.findings[0];
  EXPECT_EQ(invalid.kind, FindingKind::kInvalidFile);
  EXPECT_FALSE(invalid.two_sided());
  EXPECT_EQ(invalid.left.label, "staging");
  EXPECT_EQ(invalid.left.file, "services/api/staging.yaml");
  EXPECT_EQ(invalid.left.location.file(), "services/api/staging.yaml");
  EXPECT_GT(invalid.left.location.line, 0);
  EXPECT_NE(invalid.message.find("cannot read the file"), std::string::npos) << invalid.message;
  EXPECT_EQ(lines[1], "changed services{service=web} a 1 | 2");
  EXPECT_EQ(result_.ExitCode(), 2);
}

TEST_F(CompareTest, APlainStringFileIsInvalidWithAHintAboutFormat) {
  Compare(kServices, {{"services/api/staging.yaml", "just some words\n"},
                      {"services/api/production.yaml", "a: 1\n"}});
  ASSERT_EQ(result_.findings.size(), 1u);
  EXPECT_EQ(result_.findings[0].kind, FindingKind::kInvalidFile);
  EXPECT_NE(result_.findings[0].hint.find("format:"), std::string::npos) << result_.findings[0].hint;
}

TEST_F(CompareTest, IdenticalBlobsAreParsedOnce) {
  // Both environments read one tree; four files but two distinct contents per path.
  Compare(kServices, {{"services/api/staging.yaml", "a: 1\n"},
                      {"services/api/production.yaml", "a: 1\n"}});
  EXPECT_EQ(result_.findings.size(), 0u);
  LoadCache cache;
  std::vector<LoadWarning> warnings;
  using Files = std::map<std::string, std::string>;
  MemoryTree tree(Files{{"x.yaml", "a: 1\n"}});
  cache.Load(tree, "x.yaml", "yaml", {}, warnings);
  cache.Load(tree, "x.yaml", "yaml", {}, warnings);
  MemoryTree same(Files{{"x.yaml", "a: 1\n"}}, "other-revision");
  cache.Load(same, "x.yaml", "yaml", {}, warnings);
  EXPECT_EQ(cache.parses(), 1u);
  MemoryTree changed(Files{{"x.yaml", "a: 2\n"}});
  cache.Load(changed, "x.yaml", "yaml", {}, warnings);
  EXPECT_EQ(cache.parses(), 2u);
}

TEST_F(CompareTest, OnlyTheBlobsAPlanReadsAgainAreKept) {
  LoadCache cache;
  std::vector<LoadWarning> warnings;
  using Files = std::map<std::string, std::string>;
  MemoryTree tree(Files{{"once.yaml", "a: 1\n"}, {"twice.yaml", "b: 2\n"}});
  cache.KeepOnly(std::unordered_set<std::string>{*tree.BlobId("twice.yaml")});
  cache.Load(tree, "twice.yaml", "yaml", {}, warnings);
  const auto again = cache.Load(tree, "twice.yaml", "yaml", {}, warnings);
  EXPECT_EQ(cache.parses(), 1u) << "a blob the plan reads twice is kept";
  ASSERT_TRUE(again);
  EXPECT_EQ(again->front().Find("b")->as_int(), 2);
  cache.Load(tree, "once.yaml", "yaml", {}, warnings);
  const auto read_again = cache.Load(tree, "once.yaml", "yaml", {}, warnings);
  EXPECT_EQ(cache.parses(), 3u) << "a blob the plan reads once is handed over, not copied into the cache";
  ASSERT_TRUE(read_again);
  EXPECT_EQ(read_again->front().Find("a")->location().ToString(), "once.yaml:1:4");
  cache.KeepOnly(std::nullopt);
  cache.Load(tree, "once.yaml", "yaml", {}, warnings);
  cache.Load(tree, "once.yaml", "yaml", {}, warnings);
  EXPECT_EQ(cache.parses(), 4u) << "without a plan every blob is kept";
}

TEST_F(CompareTest, OneBlobAtTwoPathsIsParsedOnceAndNamesEachPath) {
  LoadCache cache;
  std::vector<LoadWarning> warnings;
  using Files = std::map<std::string, std::string>;
  MemoryTree tree(Files{{"a/values.yaml", "k:\n  v: 1\n"}, {"b/values.yaml", "k:\n  v: 1\n"}});
  const auto first = cache.Load(tree, "a/values.yaml", "yaml", {}, warnings);
  const auto second = cache.Load(tree, "b/values.yaml", "yaml", {}, warnings);
  EXPECT_EQ(cache.parses(), 1u);
  ASSERT_TRUE(first && second);
  const Value& a = first->front();
  const Value& b = second->front();
  EXPECT_EQ(a.Find("k")->Find("v")->location().ToString(), "a/values.yaml:2:6");
  EXPECT_EQ(b.Find("k")->Find("v")->location().ToString(), "b/values.yaml:2:6");
  EXPECT_EQ(b.key_location(0).file(), "b/values.yaml");
  EXPECT_EQ(b.location().file(), "b/values.yaml");
}

TEST_F(CompareTest, AFileThatFailsToParseIsNamedAtEachPath) {
  LoadCache cache;
  std::vector<LoadWarning> warnings;
  using Files = std::map<std::string, std::string>;
  MemoryTree tree(Files{{"a.yaml", "a: [1\n"}, {"b.yaml", "a: [1\n"}});
  for (const std::string path : {"a.yaml", "a.yaml", "b.yaml"}) {
    try {
      cache.Load(tree, path, "yaml", {}, warnings);
      ADD_FAILURE() << path << " parsed";
    } catch (const InputError& error) {
      EXPECT_EQ(error.file(), path);
    }
  }
  EXPECT_EQ(cache.parses(), 2u);  // a.yaml's error is cached; b.yaml is parsed to name itself
}

}  // namespace
}  // namespace driftcheck

namespace driftcheck {
namespace {

constexpr const char* kChart = R"(version: 1
environments: {staging: {}, production: {aliases: [prod]}}
sources:
  - name: chart
    layers: ["charts/{chart}/values.yaml", "charts/{chart}/values-{env}.yaml"]
)";

TEST_F(CompareTest, LayersMergeAndEachValueNamesTheLayerThatSetIt) {
  const Lines lines = Compare(kChart, {
      {"charts/api/values.yaml", "replicas: 1\nimage: {repo: shop/api, tag: v1}\nresources: {cpu: 1}\n"},
      {"charts/api/values-staging.yaml", "image: {tag: v2}\n"},
      {"charts/api/values-production.yaml", "replicas: 3\nresources: null\n"},
  });
  EXPECT_EQ(lines, (Lines{"changed chart{chart=api} replicas 1 | 3", "changed chart{chart=api} image.tag v2 | v1",
                          "only-in-staging chart{chart=api} resources {cpu: 1} | (absent)"}));
  EXPECT_EQ(result_.findings[0].left.location.ToString(), "charts/api/values.yaml:1:11");
  EXPECT_EQ(result_.findings[0].right.location.ToString(), "charts/api/values-production.yaml:1:11");
  EXPECT_EQ(result_.findings[1].left.location.ToString(), "charts/api/values-staging.yaml:1:14");
  EXPECT_EQ(result_.findings[0].left.file, "charts/api/values.yaml");
}

TEST_F(CompareTest, AnOverlayLayerMissingEverywhereIsFineAMissingFirstLayerIsAFinding) {
  const Lines lines = Compare(kChart, {
      {"charts/api/values.yaml", "replicas: 1\n"},
      {"charts/web/values-staging.yaml", "replicas: 1\n"},
  });
  EXPECT_EQ(lines, Lines{});
  EXPECT_EQ(result_.file_pairs, 1u);  // web has no first layer in either environment
}

TEST_F(CompareTest, AnOverlayOnlyOneEnvironmentHasIsAWarningNamingTheNearestFile) {
  const Lines lines = Compare(kChart, {
      {"charts/api/values.yaml", "replicas: 1\n"},
      {"charts/api/values-production.yaml", "replicas: 1\n"},
      {"charts/api/values-stagin.yaml", "replicas: 1\n"},
  });
  ASSERT_EQ(lines.size(), 1u);
  const Finding& f = result_.findings[0];
  EXPECT_EQ(f.kind, FindingKind::kLayerMissing);
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_EQ(f.left.label, "staging");
  EXPECT_NE(f.message.find("charts/api/values-staging.yaml"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("charts/api/values-production.yaml"), std::string::npos) << f.message;
  EXPECT_NE(f.hint.find("charts/api/values-stagin.yaml"), std::string::npos) << f.hint;
  EXPECT_EQ(result_.ExitCode(), 0);
}

TEST_F(CompareTest, ALayerMissingHintNeverNamesAnotherEnvironmentsOwnLayer) {
  constexpr const char* kProfiles = R"(version: 1
environments: {qa: {}, prod: {}, dev: {}}
sources:
  - name: app
    layers: ["res/application.properties", "res/application-{env}.properties"]
)";
  Compare(kProfiles, {{"res/application.properties", "a=1\n"},
                      {"res/application-prod.properties", "a=1\n"},
                      {"res/application-dev.properties", "a=1\n"}});
  ASSERT_EQ(result_.findings.size(), 1u);
  const Finding& f = result_.findings[0];
  EXPECT_EQ(f.kind, FindingKind::kLayerMissing);
  // application-dev.properties is dev's own layer, not a misnamed application-qa.properties.
  EXPECT_EQ(f.hint.find("application-dev.properties"), std::string::npos) << f.hint;
}

// A third layer production lacks: the nearest file, production's own second
// layer, is matched as it should be and is no misnamed third layer; a file
// no layer of any environment reads is still named.
TEST_F(CompareTest, ALayerMissingHintNeverNamesALayerOfTheSameEnvironment) {
  constexpr const char* kThree = R"(version: 1
environments: {staging: {}, production: {}}
sources:
  - name: app
    layers: ["cfg/base.yaml", "cfg/{env}.yaml", "cfg/{env}-extra.yaml"]
)";
  const std::map<std::string, std::string> files = {{"cfg/base.yaml", "a: 1\n"},
                                                    {"cfg/staging.yaml", "b: 1\n"},
                                                    {"cfg/production.yaml", "b: 1\n"},
                                                    {"cfg/staging-extra.yaml", "c: 1\n"}};
  auto hint = [&](std::map<std::string, std::string> tree) {
    Compare(kThree, std::move(tree));
    for (const Finding& f : result_.findings) {
      if (f.kind == FindingKind::kLayerMissing) return f.left.label.str() + ": " + f.hint.str();
    }
    return std::string("no layer-missing finding");
  };
  EXPECT_EQ(hint(files), "production: add the layer, or remove it from the other environment");
  auto misnamed = files;
  misnamed["cfg/production-extar.yaml"] = "c: 1\n";
  EXPECT_EQ(hint(misnamed), "production: cfg/production-extar.yaml exists: is it misnamed?");
}

TEST_F(CompareTest, ALayerUnderAnotherSpellingOfTheEnvironmentNamesItAndTheAliasFix) {
  constexpr const char* kSpelt = R"(version: 1
environments: {staging: {}, prod: {}}
sources:
  - name: app
    layers: ["config/base.yaml", "config/{env}/app.yaml"]
)";
  try {
    Compare(kSpelt, {{"config/base.yaml", "a: 1\n"},
                     {"config/staging/app.yaml", "b: 1\nc: 2\n"},
                     {"config/production/app.yaml", "b: 1\nc: 2\n"}});
    FAIL() << "a false drift per key instead of an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.Headline(), "driftcheck.yaml:4:5: source 'app': environment 'prod' has no config/prod/app.yaml, "
                            "but config/production/app.yaml exists");
    EXPECT_NE(e.hint().find("environments: {prod: {aliases: [production]}}"), std::string::npos) << e.hint();
  }
}

TEST_F(CompareTest, AnEmptyLaterLayerChangesNothing) {
  for (const char* empty : {"", "---\n", "# only a comment\n---\n# and another\n"}) {
    const Lines lines = Compare(kChart, {
        {"charts/api/values.yaml", "replicas: 1\nimage: x\n"},
        {"charts/api/values-staging.yaml", empty},
        {"charts/api/values-production.yaml", "replicas: 1\n"},
    });
    EXPECT_EQ(lines, Lines{}) << "layer: " << empty;
  }
}

TEST_F(CompareTest, AnOnlyInFromALayerPointsAtTheLayerThatSetIt) {
  Compare(kChart, {
      {"charts/api/values.yaml", "image: {tag: v1}\n"},
      {"charts/api/values-staging.yaml", "\nimage:\n  debug: true\n"},
      {"charts/api/values-production.yaml", "replicas: 1\n"},
  });
  ASSERT_EQ(result_.findings.size(), 2u);
  EXPECT_EQ(result_.findings[0].path, "image.debug");
  EXPECT_EQ(result_.findings[0].left.location.ToString(), "charts/api/values-staging.yaml:3:3");
  EXPECT_EQ(result_.findings[1].path, "replicas");
  EXPECT_EQ(result_.findings[1].right.location.ToString(), "charts/api/values-production.yaml:1:1");
}

TEST_F(CompareTest, AValueAnOverlayReplacesPointsAtTheOverlay) {
  Compare(kChart, {
      {"charts/api/values.yaml", "ingress: {enabled: false}\nworkers: [a]\n"},
      {"charts/api/values-staging.yaml", "\n\nworkers: [a, b]\n"},
      {"charts/api/values-production.yaml", "ingress: null\n"},
  });
  ASSERT_EQ(result_.findings.size(), 2u);
  EXPECT_EQ(result_.findings[0].path, "ingress");
  EXPECT_EQ(result_.findings[0].left.location.ToString(), "charts/api/values.yaml:1:1");
  EXPECT_EQ(result_.findings[1].path, "workers[1]");
  EXPECT_EQ(result_.findings[1].left.location.ToString(), "charts/api/values-staging.yaml:3:14");
}

TEST_F(CompareTest, ATrailingSeparatorAddsNoDocument) {
  const Lines lines = Compare(kServices, {
      {"services/api/staging.yaml", "a: 1\n---\n"},
      {"services/api/production.yaml", "a: 1\n"},
  });
  EXPECT_EQ(lines, Lines{});
}

constexpr const char* kRails = R"(version: 1
environments: {staging: {}, production: {aliases: [prod]}}
sources:
  - {name: rails-db, path: config/database.yml, select: "{env}"}
  - {name: nested, path: config/app.yml, select: "environments.{env}.settings"}
)";

TEST_F(CompareTest, SelectComparesEachEnvironmentsSubtreeOfOneFile) {
  const Lines lines = Compare(kRails, {
      {"config/database.yml",
       "default: &default\n  adapter: postgresql\n  pool: 5\nstaging:\n  <<: *default\n  host: db-stg\n"
       "prod:\n  <<: *default\n  pool: 20\n  host: db-prod\n"},
      {"config/app.yml", "environments:\n  staging: {settings: {a: 1}}\n  production: {settings: {a: 2}}\n"},
  });
  // Keys a merge key brings in follow the map's own keys.
  EXPECT_EQ(lines, (Lines{"changed nested{} a 1 | 2", "changed rails-db{} host db-stg | db-prod",
                          "changed rails-db{} pool 5 | 20"}));
}

TEST_F(CompareTest, ASelectedSubtreeNoEnvironmentHasIsAnError) {
  EXPECT_THROW(Compare(kRails, {{"config/database.yml", "development: {pool: 5}\n"},
                                {"config/app.yml", "environments: {staging: {settings: {a: 1}}}\n"}}),
               InputError);
}

TEST_F(CompareTest, ASelectedSubtreeOneEnvironmentLacksIsMissing) {
  const Lines lines = Compare(kRails, {{"config/database.yml", "staging: {pool: 5}\n"},
                                       {"config/app.yml", "environments: {staging: {settings: {a: 1}}, production: {settings: {a: 1}}}\n"}});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(result_.findings[0].kind, FindingKind::kFileMissing);
  EXPECT_EQ(result_.findings[0].PresentLabel(), "staging");
  // The file is there: the message names the subtree it lacks, not a missing file.
  EXPECT_EQ(result_.findings[0].message,
            "production's config/database.yml has no 'production' subtree (select: \"{env}\")");
  EXPECT_NE(result_.findings[0].hint.find("compare:"), std::string::npos);
}

constexpr const char* kManifests = R"(version: 1
environments: {staging: {}, production: {}}
sources:
  - name: k8s
    path: "deploy/{env}/app.yaml"
    documents: {key: [kind, metadata.name]}
  - {name: by-index, path: "plain/{env}.yaml"}
)";

TEST_F(CompareTest, DocumentsPairByTheirKeyAndReportsNameThem) {
  const Lines lines = Compare(kManifests, {
      {"deploy/staging/app.yaml",
       "kind: Service\nmetadata: {name: api}\nspec: {port: 80}\n---\n"
       "kind: Deployment\nmetadata: {name: api}\nspec: {replicas: 1}\n---\n"
       "kind: ConfigMap\nmetadata: {name: debug}\n---\n"},
      {"deploy/production/app.yaml",
       "kind: Deployment\nmetadata: {name: api}\nspec: {replicas: 3}\n---\n"
       "kind: Service\nmetadata: {name: api}\nspec: {port: 80}\n"},
      {"plain/staging.yaml", "a: 1\n"},
      {"plain/production.yaml", "a: 1\n"},
  });
  EXPECT_EQ(lines, (Lines{"file-missing k8s{} <ConfigMap/debug> (file) (present) | (absent)",
                          "changed k8s{} <Deployment/api> spec.replicas 1 | 3"}));
}

TEST_F(CompareTest, DocumentsPairByIndexByDefault) {
  const Lines lines = Compare(kManifests, {
      {"plain/staging.yaml", "a: 1\n---\nb: 2\n---\nc: 3\n"},
      {"plain/production.yaml", "a: 1\n---\nb: 3\n"},
      {"deploy/staging/app.yaml", "kind: A\nmetadata: {name: x}\n"},
      {"deploy/production/app.yaml", "kind: A\nmetadata: {name: x}\n"},
  });
  EXPECT_EQ(lines, (Lines{"changed by-index{} <#1> b 2 | 3",
                          "file-missing by-index{} <#2> (file) (present) | (absent)"}));
}

TEST_F(CompareTest, TwoDocumentsWithTheSameNameMakeTheFileInvalid) {
  Compare(kManifests, {
      {"deploy/staging/app.yaml", "kind: A\nmetadata: {name: x}\n---\nkind: A\nmetadata: {name: x}\n"},
      {"deploy/production/app.yaml", "kind: A\nmetadata: {name: x}\n"},
      {"plain/staging.yaml", "a: 1\n"},
      {"plain/production.yaml", "a: 1\n"},
  });
  ASSERT_EQ(result_.findings.size(), 1u);
  EXPECT_EQ(result_.findings[0].kind, FindingKind::kInvalidFile);
  EXPECT_EQ(result_.findings[0].left.location.line, 4);
}

TEST_F(CompareTest, ReferencesAndSharedPlaceholdersAreNoReusedCredential) {
  const Lines lines = Compare(kChart, {
      {"charts/web/values.yaml", "auth: {password: changeme}\nimagePullSecrets: [{name: regcred}]\n"},
      {"charts/web/values-staging.yaml", "db_password: \"${DB_PASSWORD:${SPRING_DB_PASSWORD:}}\"\n"},
      {"charts/web/values-production.yaml", "db_password: \"${DB_PASSWORD:${SPRING_DB_PASSWORD:}}\"\n"},
  });
  EXPECT_EQ(lines, Lines{});
}

}  // namespace
}  // namespace driftcheck
