// The proof that secrets never reach output (SPEC 1.3, issue 16): fixture
// repositories whose every secret value carries one marker string go through
// every command and format, success and error paths alike, and the marker
// must appear on no stream and in no written file.
//
// To cover a new command or format, add one line to kRuns; to cover a new way
// of holding a secret, add one Scenario to kScenarios.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "test_util.h"

namespace driftcheck::testing {
namespace {

namespace fs = std::filesystem;

// Every secret value below contains this; nothing that is not a secret does.
constexpr std::string_view kMarker = "MARKER-7f3a";
// The same for secrets that are numbers (a PIN), which cannot hold kMarker.
constexpr std::string_view kNumberMarker = "739173917391739173917391";
// An AWS access key id (`AKIA` and 16 upper-case letters or digits) cannot
// hold kMarker either: its body is this.
constexpr std::string_view kAwsMarker = "MARKER7F3AXXXXXX";
// Stands for a report file the run writes; it is read back and checked.
constexpr std::string_view kOutputFile = "{out}";

// Every command and format that exists, each as its arguments.
const std::vector<std::vector<std::string>> kRuns = {
    {"check"},
    {"check", "--format", "text"},
    {"check", "--format", "json"},
    {"check", "--format", "text", "-o", std::string(kOutputFile)},
    {"check", "--format", "json", "-o", std::string(kOutputFile)},
    {"check", "--format", "junit", "-o", std::string(kOutputFile)},
    {"check", "--format", "sarif", "-o", std::string(kOutputFile)},
    {"check", "--format", "github"},
    {"check", "--format", "markdown"},
    {"check", "--format", "codequality", "-o", std::string(kOutputFile)},
    {"check", "--staged"},
    {"check", "--report", "sarif=" + std::string(kOutputFile)},
    {"check", "-v", "--color", "always"},
    {"check", "--worktree", "-v"},
    {"check", "-q"},
    {"check", "--source", "services", "--source", "env", "--source", "settings"},
    // The other commands: their exit status differs from check's, the rule stays.
    {"validate"},
    {"validate", "--format", "json"},
    {"rules"},
    {"rules", "--format", "json"},
    {"baseline", "-o", std::string(kOutputFile)},
    // Suggested rules pin shown values in `expect:`; never a secret (issue 23).
    {"check", "--suggest-rules", "-o", std::string(kOutputFile)},
    {"check", "--suggest-rules"},
    // Two environments, or one at two revisions, and their past (issue 26).
    {"diff", "staging", "production"},
    {"diff", "staging", "production", "--format", "json", "-o", std::string(kOutputFile)},
    {"diff", "staging", "production", "--format", "sarif", "-o", std::string(kOutputFile)},
    {"diff", "staging@HEAD", "prod", "--format", "markdown", "-v"},
    {"history"},
    {"history", "--format", "json"},
    {"history", "--format", "markdown", "-o", std::string(kOutputFile)},
};

// Sources every scenario has, each with a file per environment that holds no
// secret (a source matching no file is an error), so a scenario only adds the
// files it is about.
constexpr std::string_view kManifest = R"(version: 1
environments: {staging: {}, production: {aliases: [prod]}}
sources:
  - {name: services, path: "services/{service}/{env}.yaml"}
  - {name: env, path: "services/{service}/.env.{env}", format: dotenv}
  - {name: settings, path: "settings/{name}/{env}.json", format: json}
)";

const std::map<std::string, std::string> kBaseFiles = {
    {"services/base/staging.yaml", "replicas: 1\n"},
    {"services/base/production.yaml", "replicas: 2\n"},  // drift, so a report has findings
    {"services/base/.env.staging", "LOG_LEVEL=info\n"},
    {"services/base/.env.production", "LOG_LEVEL=info\n"},
    {"settings/base/staging.json", "{\"timeout\": 5}\n"},
    {"settings/base/production.json", "{\"timeout\": 5}\n"},
};

struct Scenario {
  std::string name;
  std::map<std::string, std::string> files;
  int exit_code = 1;           // 1: a report with findings; 2: an error
  std::string manifest_extra;  // appended to kManifest
  // Non-empty while the engine does not yet keep this secret: the test is
  // skipped with this reason (DRIFTCHECK_RUN_SKIPPED=1 runs it anyway).
  // Remove it once the feature lands.
  std::string missing;
};

// gtest names a failing parameter by this instead of dumping its bytes.
void PrintTo(const Scenario& scenario, std::ostream* out) { *out << scenario.name; }

using Files = std::map<std::string, std::string>;

/// A scenario that reports findings (exit 1).
Scenario Reports(std::string name, Files files, std::string manifest_extra = "",
                 std::string missing = "") {
  return Scenario{std::move(name), std::move(files), 1, std::move(manifest_extra),
                  std::move(missing)};
}

/// A scenario that stops with an error (exit 2).
Scenario Fails(std::string name, Files files, std::string manifest_extra = "") {
  return Scenario{std::move(name), std::move(files), 2, std::move(manifest_extra), ""};
}

std::string M(std::string_view suffix) { return std::string(kMarker) + std::string(suffix); }

// Sources for the other loaders, one file per environment each.
std::string SourceOf(std::string_view name, std::string_view format) {
  return "  - {name: " + std::string(name) + ", path: \"" + std::string(name) + "/{env}." +
         std::string(format) + "\", format: " + std::string(format) + "}\n";
}

// A PEM private key whose body is the marker.
std::string Pem(std::string_view suffix) {
  return "-----BEGIN RSA PRIVATE KEY-----\n" + M(suffix) + "\n-----END RSA PRIVATE KEY-----\n";
}

// A JWT whose signature is the marker.
std::string Jwt(std::string_view suffix) { return "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0." + M(suffix); }

const std::vector<Scenario> kScenarios = {
    Reports("PlainSecretKeysThatDiffer",
            {{"services/api/staging.yaml",
              "DB_PASSWORD: " + M("-a") + "\napikey: " + M("-b") + "\nclient-secret: " + M("-c") +
                  "\naccesstoken: " + M("-d") + "\nsecretkey: " + M("-e") +
                  "\npassword2: " + M("-f") + "\n"},
             {"services/api/production.yaml",
              "DB_PASSWORD: " + M("-A") + "\napikey: " + M("-B") + "\nclient-secret: " + M("-C") +
                  "\naccesstoken: " + M("-D") + "\nsecretkey: " + M("-E") +
                  "\npassword2: " + M("-F") + "\n"}}),
    Reports("SecretsOfEveryScalarType",
            {{"services/api/staging.yaml", "pin_password: 1" + std::string(kNumberMarker) +
                                               "\npwd: " + std::string(kNumberMarker) +
                                               "\ntoken: \"" + M("") + "\"\n"},
             {"services/api/production.yaml", "pin_password: 2" + std::string(kNumberMarker) +
                                                  "\npwd: 1.5" + std::string(kNumberMarker) +
                                                  "\ntoken: |\n  " + M("") + "\n"}}),
    Reports("NestedBelowASecretKey",
            {{"services/api/staging.yaml",
              "credentials:\n  user: " + M("-u") + "\n  deeper: {x: " + M("-x") + "}\n"},
             {"services/api/production.yaml",
              "credentials:\n  user: " + M("-U") + "\n  deeper: {x: " + M("-X") + "}\n"}}),
    Reports("WholeMapsHoldingSecretsOnlyInOneEnvironment",
            {{"services/api/staging.yaml", "other: 1\n"},
             {"services/api/production.yaml", "database: {host: db, password: " + M("") +
                                                  "}\ncredentials: {user: " + M("") + "}\n"}}),
    Reports("SecretOnlyInOneEnvironment",
            {{"services/api/staging.yaml", "other: 1\n"},
             {"services/api/production.yaml", "other: 1\nDB_PASSWORD: " + M("") + "\n"}}),
    Reports("SecretChangesType", {{"services/api/staging.yaml", "password: " + M("") + "\n"},
                                  {"services/api/production.yaml", "password: [" + M("") + "]\n"}}),
    Reports("ListsBelowSecretKeys",
            {{"services/api/staging.yaml", "tokens: [" + M("-1") + ", " + M("-2") + "]\n"},
             {"services/api/production.yaml",
              "tokens:\n  - " + M("-1") + "\n  - " + M("-3") + "\n  - " + M("-4") + "\n"}}),
    Reports("EqualInBothEnvironments",
            {{"services/api/staging.yaml",
              "password: " + M("-same") + "\napi_key: " + M("-same") + "\n"},
             {"services/api/production.yaml",
              "password: " + M("-same") + "\napi_key: " + M("-same") + "\n"},
             {"services/api/.env.staging", "DB_PASSWORD=" + M("-same") + "\n"},
             {"services/api/.env.production", "DB_PASSWORD=" + M("-same") + "\n"}}),
    Reports("DotenvSecrets", {{"services/api/.env.staging",
                               "DB_PASSWORD=" + M("-a") + "\nexport APIKEY='" + M("-b") + "'\n"},
                              {"services/api/.env.production",
                               "DB_PASSWORD=" + M("-A") + "\nAPIKEY=\"" + M("-B") + "\"\n"}}),
    Reports("JsonSecrets",
            {{"settings/api/staging.json",
              "{\"privateKey\": \"" + M("-a") + "\", \"auth\": {\"token\": \"" + M("-b") + "\"}}"},
             {"settings/api/production.json",
              "{\"privateKey\": \"" + M("-A") + "\", \"auth\": {\"token\": 42}}"}}),
    Reports("FileWithSecretsMissingInOneEnvironment",
            {{"services/api/production.yaml", "password: " + M("") + "\n"},
             {"services/api/.env.production", "DB_PASSWORD=" + M("") + "\n"}}),
    Reports("SecretsMergedFromAnAnchor",
            {{"services/api/staging.yaml",
              "base: &b {password: " + M("-a") + "}\nsvc:\n  <<: *b\n  port: 1\n"},
             {"services/api/production.yaml",
              "base: &b {password: " + M("-b") + "}\nsvc:\n  <<: *b\n  port: 2\n"}}),
    // A YAML alias copies a secret to a plain key, or a plain anchor's value
    // to a secret key: every copy is the secret (the red team's repros).
    Reports("SecretCopiedByAYamlAlias",
            {{"services/api/staging.yaml",
              "token: &t " + M("-t") + "\nx: *t\nusers: [*t]\nwhole: [*t]\nsecrets: &s {db: " + M("-s") +
                  "}\ncopy: *s\nmap_copy: *s\n"},
             {"services/api/production.yaml",
              "token: other\nx: y\nusers: [bob]\nwhole: 5\nsecrets: {db: other}\ncopy: {db: other2}\n"}}),
    Reports("PlainAnchorAliasedUnderASecretKey",
            {{"services/api/staging.yaml",
              "plain: &p " + M("-p") + "\npassword: *p\nouter: &o {inner: &i " + M("-i") +
                  "}\napi_key: *o\nlater: *i\nbase: &b {user: " + M("-b") + "}\nsvc: {<<: *b}\ncredentials: *b\n"},
             {"services/api/production.yaml",
              "plain: y\npassword: z\nouter: {inner: x}\napi_key: {inner: x}\nlater: x\n"}}),
    Reports("ListItemNamedByACopyOfASecret",
            {{"keyed/staging.yaml", "token: &t " + M("-n") + "\nusers: [{name: *t, role: a}]\n"},
             {"keyed/production.yaml", "token: x\nusers: [{name: " + M("-n") + ", role: b}]\n"}},
            "  - {name: keyed, path: \"keyed/{env}.yaml\", normalize: {lists: {users: {key: name}}}}\n"),
    Reports("JsonHeldInAJsonStringHeldInAJsonString",
            {{"settings/api/staging.json",
              "{\"payload\": \"{\\\"inner\\\": \\\"{\\\\\\\"password\\\\\\\": \\\\\\\"" + M("-j") +
                  "\\\\\\\"}\\\"}\"}"},
             {"settings/api/production.json", "{\"payload\": \"x\"}"},
             {"services/api/staging.yaml",
              "payload: '{\"a\": \"{\\\"token\\\": \\\"" + M("-y") + " two words\\\"}\"}'\n"},
             {"services/api/production.yaml", "payload: x\n"}}),
    Reports("SecretsInLayers",
            {{"charts/web/values.yaml", "auth: {token: " + M("-base") + "}\nreplicas: 1\n"},
             {"charts/web/values-staging.yaml", "replicas: 1\n"},
             {"charts/web/values-production.yaml", "auth: {token: " + M("-prod") + "}\n"}},
            "  - {name: chart, layers: [\"charts/{chart}/values.yaml\", "
            "\"charts/{chart}/values-{env}.yaml\"]}\n"),
    Reports("MapKeysBelowASecretKey",
            {{"services/api/staging.yaml", "api_keys:\n  " + M("-sk_live_a") + ": web\n"},
             {"services/api/production.yaml", "api_keys:\n  " + M("-sk_live_b") + ": web\n"}},
            ""),
    Reports(
        "SecretAliasUsedAsAKey",
        {{"services/api/staging.yaml", "password: &p " + M("-a") + "\nowners:\n  *p : alice\n"},
         {"services/api/production.yaml", "password: &p " + M("-b") + "\nowners:\n  *p : bob\n"}},
        ""),
    Reports("SelectBelowASecretKey",
            {{"config/creds.yaml", "credentials:\n  staging: {user: " + M("-a") + ", " + M("-key-a") +
                                       ": 1}\n  production: {user: " + M("-b") + ", " + M("-key-b") +
                                       ": 1}\n"}},
            "  - {name: creds, path: config/creds.yaml, select: \"credentials.{env}\"}\n"),
    Reports("DocumentNamedByASecretField",
            {{"deploy/staging.yaml", "kind: Secret\ntoken: " + M("-a") + "\nn: 1\n"},
             {"deploy/production.yaml", "kind: Secret\ntoken: " + M("-a") + "\nn: 2\n"}},
            "  - {name: k8s, path: \"deploy/{env}.yaml\", documents: {key: [kind, token]}}\n"),
    // A document named from a plain field that holds a credential (issue 23).
    Reports("DocumentNamedByACredential",
            {{"deploy/staging.yaml", "kind: Secret\nmetadata: {name: \"redis://u:" + M("-n") + "@h\"}\nn: 1\n"},
             {"deploy/production.yaml", "kind: Secret\nmetadata: {name: \"redis://u:" + M("-n") + "@h\"}\nn: 2\n"}},
            "  - {name: k8s, path: \"deploy/{env}.yaml\", documents: {key: [kind, metadata.name]}}\n"),

    // Found by their shape, whatever the key (issue 23).
    Reports("UrlPasswordsInEveryLoader",
            {{"services/api/staging.yaml", "DATABASE_URL: postgres://app:" + M("-y1") + "@db/app\n"},
             {"services/api/production.yaml", "DATABASE_URL: postgres://app:" + M("-y2") + "@db-p/app\n"},
             {"services/api/.env.staging", "CACHE=redis://:" + M("-d1") + "@cache:6379/0\n"},
             {"services/api/.env.production", "CACHE=redis://:" + M("-d2") + "@cache-p:6379/0\n"},
             {"settings/api/staging.json", "{\"broker\": \"amqp://u:" + M("-j1") + "@mq\"}"},
             {"settings/api/production.json", "{\"broker\": \"amqp://u:" + M("-j2") + "@mq-p\"}"},
             {"ini/staging.ini", "[db]\nsqlalchemy.url = postgresql+psycopg2://app:" + M("-i1") + "@db/app\n"},
             {"ini/production.ini", "[db]\nsqlalchemy.url = postgresql+psycopg2://app:" + M("-i2") + "@db-p/app\n"},
             {"props/staging.properties", "datasource.url=jdbc:mysql://app:" + M("-p1") + "@db/app\n"
                                          "jdbc.alt=jdbc:postgresql://db/app?user=a&password=" + M("-q1") + "\n"},
             {"props/production.properties", "datasource.url=jdbc:mysql://app:" + M("-p2") + "@db-p/app\n"
                                             "jdbc.alt=jdbc:postgresql://db/app?user=b&password=" + M("-q2") + "\n"},
             {"toml/staging.toml", "[db]\nurl = \"mongodb+srv://app:" + M("-t1") + "@c0/app\"\n"},
             {"toml/production.toml", "[db]\nurl = \"mongodb+srv://app:" + M("-t2") + "@c1/app\"\n"},
             {"tfvars/staging.tfvars", "db_url = \"mysql://app:" + M("-f1") + "@db/app\"\n"},
             {"tfvars/production.tfvars", "db_url = \"mysql://app:" + M("-f2") + "@db-p/app\"\n"},
             {"jsonc/staging.jsonc", "{\n  // the queue\n  \"queue\": \"amqps://q:" + M("-c1") + "@mq/\"\n}\n"},
             {"jsonc/production.jsonc", "{\n  \"queue\": \"amqps://q:" + M("-c2") + "@mq-p/\"\n}\n"}},
            SourceOf("ini", "ini") + SourceOf("props", "properties") + SourceOf("toml", "toml") +
                SourceOf("tfvars", "tfvars") + SourceOf("jsonc", "jsonc")),
    Reports("EnvListsNameTheirSecrets",
            {{"services/api/staging.yaml",
              "env:\n  - {name: DB_PASSWORD, value: " + M("-1") + "}\n"
              "environment: [\"DB_PASSWORD=" + M("-2") + "\", \"API_TOKEN=" + M("-3") + "\"]\n"},
             {"services/api/production.yaml",
              "env:\n  - {name: DB_PASSWORD, value: " + M("-4") + "}\n  - {name: API_KEY, value: " + M("-5") +
                  "}\nenvironment: [\"DB_PASSWORD=" + M("-6") + "\"]\n"},
             {"settings/api/staging.json", "{\"env\": [{\"name\": \"SMTP_PASS\", \"value\": \"" + M("-7") + "\"}]}"},
             {"settings/api/production.json", "{\"env\": []}"}}),
    Reports("EnvListsKeyedByName",
            {{"k8s/staging.yaml", "env:\n  - {name: DB_PASSWORD, value: " + M("-1") + "}\n"},
             {"k8s/production.yaml", "env:\n  - {name: DB_PASSWORD, value: " + M("-2") + "}\n"
                                     "  - {name: API_TOKEN, value: " + M("-3") + "}\n"}},
            "  - {name: k8s, path: \"k8s/{env}.yaml\", normalize: {lists: {env: {key: name}}}}\n"),
    // A Kubernetes Secret's data is secret whatever its keys (`tls.crt`):
    // base64 hides nothing.
    Reports("KubernetesSecretData",
            {{"k8s/staging.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: app}\ndata:\n  tls.crt: " +
                                      M("-1") + "\n  same.conf: " + M("-same") + "\nstringData:\n  smtp.conf: |\n"
                                      "    user=a\n    " + M("-2") + "\n---\napiVersion: v1\nkind: Secret\n"
                                      "metadata: {name: extra}\nstringData: {k: " + M("-5") + "}\n"},
             {"k8s/production.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: app}\ndata:\n  tls.crt: " +
                                         M("-3") + "\n  same.conf: " + M("-same") + "\n  extra: " + M("-4") + "\n"}},
            "  - {name: k8s, path: \"k8s/{env}.yaml\", documents: {key: [kind, metadata.name]}}\n"),
    Reports("PluralAndFlatSecretKeys",
            {{"services/api/.env.staging", "PASSWORDS_DB=" + M("-1") + "\nAPI_KEYS_BILLING=" + M("-2") + "\n"},
             {"services/api/.env.production", "PASSWORDS_DB=" + M("-3") + "\nAPI_KEYS_BILLING=" + M("-4") + "\n"},
             {"props/staging.properties", "app.secrets.stripe=" + M("-5") + "\n"},
             {"props/production.properties", "app.secrets.stripe=" + M("-6") + "\n"},
             {"ini/staging.ini", "[all:vars]\nansible_become_pass=" + M("-7") + "\n"},
             {"ini/production.ini", "[all:vars]\nansible_become_pass=" + M("-8") + "\n"}},
            SourceOf("props", "properties") + SourceOf("ini", "ini")),
    Reports("CredentialShapesInEveryLoader",
            {{"services/api/staging.yaml", "tls_key: |\n  " + Pem("-1").substr(0, 31) + "\n  " + M("-1") +
                                               "\n  -----END RSA PRIVATE KEY-----\n"},
             {"services/api/production.yaml", "tls_key: |\n  " + Pem("-2").substr(0, 31) + "\n  " + M("-2") +
                                                  "\n  -----END RSA PRIVATE KEY-----\n"},
             {"services/api/.env.staging", "STRIPE=sk_live_" + M("-3") + "\n"},
             {"services/api/.env.production", "STRIPE=sk_live_" + M("-4") + "\n"},
             {"settings/api/staging.json", "{\"gh\": \"ghp_" + M("-5") + "\"}"},
             {"settings/api/production.json", "{\"gh\": \"github_pat_" + M("-6") + "\"}"},
             {"ini/staging.ini", "[slack]\nhook = xoxb-" + M("-7") + "\n"},
             {"ini/production.ini", "[slack]\nhook = xoxp-" + M("-8") + "\n"},
             {"props/staging.properties", "session.jwt=" + Jwt("-9") + "\n"},
             {"props/production.properties", "session.jwt=" + Jwt("-10") + "\n"},
             {"toml/staging.toml", "aws_id = \"AKIA" + std::string(kAwsMarker) + "\"\n"},
             {"toml/production.toml", "aws_id = \"ASIA" + std::string(kAwsMarker) + "\"\n"},
             {"tfvars/staging.tfvars", "webhook = \"whsec_" + M("-11") + "\"\n"},
             {"tfvars/production.tfvars", "webhook = \"rk_live_" + M("-12") + "\"\n"},
             {"jsonc/staging.jsonc", "{\"npm\": \"npm_" + M("-13") + "\"}"},
             {"jsonc/production.jsonc", "{\"gl\": \"glpat-" + M("-14") + "\"}"}},
            SourceOf("ini", "ini") + SourceOf("props", "properties") + SourceOf("toml", "toml") +
                SourceOf("tfvars", "tfvars") + SourceOf("jsonc", "jsonc")),
    Reports("SecretKeysTheManifestAdds",
            {{"services/api/staging.yaml", "sentry_dsn: " + M("-1") + "\npassword: " + M("-2") + "\n"},
             {"services/api/production.yaml", "sentry_dsn: " + M("-3") + "\npassword: " + M("-4") + "\n"}},
            "secret_keys: {add: [dsn]}\n"),
    Reports("NormalizeMarkInsideAWholeListItem",
            {{"marked/staging.yaml", "users: [{name: a, pin: " + M("-1") + "}]\n"},
             {"marked/production.yaml",
              "users: [{name: a, pin: " + M("-1") + "}, {name: b, pin: " + M("-2") + "}]\nvault: {" + M("-k") +
                  ": 1}\n"}},
            "  - {name: marked, path: \"marked/{env}.yaml\", normalize: {secret: [\"users[*].pin\", vault]}}\n"),
    Reports("SchemaMarksAndKeysBelowThem",
            {{"schemas/api.json",
              "{\"type\": \"object\", \"properties\": {\"signing\": {\"writeOnly\": true}, "
              "\"vault\": {\"x-drift-secret\": true, \"type\": \"object\", "
              "\"additionalProperties\": {\"type\": \"integer\"}}, "
              "\"credentials\": {\"type\": \"object\", \"additionalProperties\": false}}}"},
             {"schema/staging.yaml", "signing: {k: " + M("-1") + "}\nvault: {" + M("-a") + ": x}\n"
                                     "credentials: {" + M("-b") + ": 1}\n"},
             {"schema/production.yaml", "vault: {" + M("-c") + ": 1, " + M("-d") + ": 2}\n"}},
            "  - {name: schema, path: \"schema/{env}.yaml\", schema: schemas/api.json}\n"),
    Reports("AListKeyedByASecretField",
            {{"keyed/staging.yaml", "users: [{password: " + M("-1") + ", role: a}, {password: " + M("-2") +
                                        ", role: b}]\n"},
             {"keyed/production.yaml", "users: [{password: " + M("-1") + ", role: c}, {password: " + M("-3") +
                                           ", role: b}]\n"}},
            "  - {name: keyed, path: \"keyed/{env}.yaml\", normalize: {lists: {users: {key: password}}}}\n"),
    Reports("DuplicateKeysBelowASecretSection",
            {{"ini/staging.ini", "[secrets]\n" + M("-k") + " = 1\n" + M("-k") + " = 2\n"},
             {"ini/production.ini", "[secrets]\nx = 1\n"},
             {"props/staging.properties", "db.password=" + M("-p") + "\ndb.password=" + M("-q") + "\n"},
             {"props/production.properties", "x=1\n"}},
            SourceOf("ini", "ini") + SourceOf("props", "properties")),
    Fails("DuplicateKeyBelowASecretTomlTable",
          {{"toml/staging.toml", "[credentials]\n" + M("-k") + " = 1\n" + M("-k") + " = 2\n"},
           {"toml/production.toml", "x = 1\n"}},
          SourceOf("toml", "toml")),
    Fails("DuplicateKeyBelowASecretTfvarsObject",
          {{"tfvars/staging.tfvars", "credentials = {\n  " + M("-k") + " = 1\n  " + M("-k") + " = 2\n}\n"},
           {"tfvars/production.tfvars", "x = 1\n"}},
          SourceOf("tfvars", "tfvars")),

    // Issue 23, second pass: every remaining position.
    // The part of a flat key below a secret level, in every loader with flat keys.
    Reports("FlatKeysBelowASecretWord",
            {{"props/staging.properties", "app.secrets.sub." + M("-p1") + "=1\njwt.signing.key " + M("-s1") + "\n"},
             {"props/production.properties", "app.secrets.sub." + M("-p2") + "=1\njwt.signing.key " + M("-s2") + "\n"},
             {"services/api/.env.staging", "APP__TOKENS__" + M("-d1") + "=1\napp.secrets." + M("-e1") + "=1\n"},
             {"services/api/.env.production", "APP__TOKENS__" + M("-d2") + "=1\napp.secrets." + M("-e2") + "=1\n"},
             {"ini/staging.ini", "[app]\nsecrets." + M("-i1") + " = 1\n"},
             {"ini/production.ini", "[app]\nsecrets." + M("-i2") + " = 1\n"},
             {"toml/staging.toml", "app.secrets.\"" + M("-t1") + "\" = 1\n"},
             {"toml/production.toml", "app.secrets.\"" + M("-t2") + "\" = 1\n"},
             {"tfvars/staging.tfvars", "m = {\n  \"app.secrets." + M("-f1") + "\" = 1\n}\n"},
             {"tfvars/production.tfvars", "m = {\n  \"app.secrets." + M("-f2") + "\" = 1\n}\n"},
             {"services/api/staging.yaml", "\"app.api_keys." + M("-y1") + "\": 1\n"},
             {"services/api/production.yaml", "other: {\"app.api_keys." + M("-y2") + "\": 1}\n"}},
            SourceOf("props", "properties") + SourceOf("ini", "ini") + SourceOf("toml", "toml") +
                SourceOf("tfvars", "tfvars")),
    // A schema violation's path holds a flat key below a secret level.
    Reports("SchemaViolationAtAFlatKeyBelowASecretWord",
            {{"schemas/props.json", "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"integer\"}}"},
             {"sprops/staging.properties", "app.secrets." + M("-1") + "=x\n"},
             {"sprops/production.properties", "app.secrets." + M("-2") + "=y\n"}},
            "  - {name: sprops, path: \"sprops/{env}.properties\", schema: schemas/props.json}\n"),
    // A schema violation's "found ..." never quotes what reports redact: the
    // value of a `{name: SECRET, value: ...}` pair (a number too), the
    // argument after `--password`, a credential inside a JSON string.
    Reports("SchemaViolationsOfValuesReportsRedact",
            {{"schemas/svc.json",
              "{\"type\": \"object\", \"properties\": {"
              "\"env\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": "
              "{\"value\": {\"type\": \"integer\", \"maximum\": 10}}}},"
              "\"args\": {\"type\": \"array\", \"items\": {\"type\": \"integer\"}},"
              "\"conf\": {\"type\": \"integer\"}}}"},
             {"svc/staging.yaml", "env: [{name: DB_PASSWORD, value: " + M("-1") + "}, {name: PIN_SECRET, value: " +
                                      std::string(kNumberMarker) + "}]\nargs: [psql, --password, " + M("-2") +
                                      "]\nconf: '{\"password\": \"" + M("-3") + "\"}'\n"},
             {"svc/production.yaml", "env: [{name: DB_PASSWORD, value: " + M("-4") + "}, {name: PIN_SECRET, value: 1" +
                                         std::string(kNumberMarker) + "}]\nargs: [psql, --password, " + M("-5") +
                                         "]\nconf: '{\"password\": \"" + M("-6") + "\"}'\n"}},
            "  - {name: svc, path: \"svc/{env}.yaml\", schema: schemas/svc.json}\n"),
    Reports("CompoundSecretKeyShapes",
            {{"services/api/staging.yaml",
              "passphrase: " + M("-1") + "\nsigningKey: " + M("-2") + "\nSIGNING_KEY: " + M("-3") +
                  "\nsigning_key: " + M("-4") + "\nbearer: " + M("-5") + "\nencryption_key: " + M("-6") +
                  "\nmaster_key: " + M("-7") + "\n"},
             {"services/api/production.yaml",
              "passphrase: " + M("-a") + "\nsigningKey: " + M("-b") + "\nSIGNING_KEY: " + M("-c") +
                  "\nsigning_key: " + M("-d") + "\nbearer: " + M("-e") + "\nencryption_key: " + M("-f") +
                  "\nmaster_key: " + M("-g") + "\n"}}),
    Reports("CredentialValueShapes",
            {{"services/api/staging.yaml",
              "migrate: mysql -h db -uroot -p" + M("-1") + " app\n"
              "dump: pg_dump --password " + M("-2") + " app\n"
              "load: mysql --password=" + M("-3") + " app\n"
              "command: [mysql, -uroot, -p" + M("-4") + "]\n"
              "args: [psql, --password, " + M("-5") + "]\n"
              "headers: {Authorization: \"Bearer " + M("-6") + "\"}\n"
              "basic: \"Authorization: Basic " + M("-7") + "\"\n"
              "blob: https://a.blob.core.windows.net/c?sv=1&sig=" + M("-8") + "\n"
              "s3: https://b.s3.amazonaws.com/k?X-Amz-Signature=" + M("-9") + "\n"
              "callback: https://x.example.com/cb?access_token=" + M("-10") + "&password=" + M("-11") + "\n"
              "slack: https://hooks.slack.com/services/T0/B0/" + M("-12") + "\n"
              "json: '{\"db\": {\"password\": \"" + M("-13") + "\"}}'\n"
              "xml: '<db><password>" + M("-14") + "</password></db><add key=\"DbPassword\" value=\"" + M("-15") + "\"/>'\n"
              "yaml: |\n  db:\n    password: " + M("-16") + "\n"
              "owners: {\"ghp_" + M("-17") + "\": \"" + M("-18") + "\"}\n"},
             {"services/api/production.yaml",
              "migrate: mysql -h db -uroot -p" + M("-a") + " app\n"
              "dump: pg_dump --password " + M("-b") + " app\n"
              "load: mysql --password=" + M("-c") + " app\n"
              "command: [mysql, -uroot, -p" + M("-d") + "]\n"
              "args: [psql, --password, " + M("-e") + "]\n"
              "headers: {Authorization: \"Bearer " + M("-f") + "\"}\n"
              "basic: \"Authorization: Basic " + M("-g") + "\"\n"
              "blob: https://a.blob.core.windows.net/c?sv=1&sig=" + M("-h") + "\n"
              "s3: https://b.s3.amazonaws.com/k?X-Amz-Signature=" + M("-i") + "\n"
              "callback: https://x.example.com/cb?access_token=" + M("-j") + "&password=" + M("-k") + "\n"
              "slack: https://hooks.slack.com/services/T0/B0/" + M("-l") + "\n"
              "json: '{\"db\": {\"password\": \"" + M("-m") + "\"}}'\n"
              "xml: '<db><password>" + M("-n") + "</password></db><add key=\"DbPassword\" value=\"" + M("-o") + "\"/>'\n"
              "yaml: |\n  db:\n    password: " + M("-p") + "\n"
              "owners: {\"ghp_" + M("-q") + "\": \"" + M("-r") + "\"}\n"}}),
    // Authorization schemes beyond Bearer and Basic: all after the scheme is hidden.
    Reports("AnyAuthorizationScheme",
            {{"services/api/staging.yaml",
              "digest: 'Authorization: Digest username=\"u\", response=\"" + M("-1") + "\"'\n"
              "aws: 'Authorization: AWS4-HMAC-SHA256 Credential=AK/x, Signature=" + M("-2") + "'\n"
              "xml2: '<password><![CDATA[" + M("-3") + "]]></password>'\n"},
             {"services/api/production.yaml",
              "digest: 'Authorization: Digest username=\"u\", response=\"" + M("-a") + "\"'\n"
              "aws: 'Authorization: AWS4-HMAC-SHA256 Credential=AK/x, Signature=" + M("-b") + "'\n"
              "xml2: '<password><![CDATA[" + M("-c") + "]]></password>'\n"}}),
    // Equal credentials only a detector finds: a same-secret, redacted.
    Reports("EqualCredentialsFoundByShape",
            {{"services/api/staging.yaml", "gh: ghp_" + M("-same") + "\ndb: postgres://app:" + M("-same") +
                                               "@db-s/app\nenv: [{name: DB_PASSWORD, value: " + M("-same") + "}]\n"},
             {"services/api/production.yaml", "gh: ghp_" + M("-same") + "\ndb: postgres://app:" + M("-same") +
                                                  "@db-p/app\nenv: [{name: DB_PASSWORD, value: " + M("-same") + "}]\n"}}),
    // Loaders cannot know the manifest's additions nor a schema's marks: no key is named.
    Fails("DuplicateKeyBelowAKeyTheManifestAdds",
          {{"services/api/staging.yaml", "sentry_dsns:\n  " + M("-k") + ": 1\n  " + M("-k") + ": 2\n"},
           {"services/api/production.yaml", "x: 1\n"}},
          "secret_keys: {add: [dsn]}\n"),
    Fails("DuplicateKeyBelowASchemaMark",
          {{"schemas/api.json", "{\"type\": \"object\", \"properties\": {\"vault\": {\"x-drift-secret\": true}}}"},
           {"schema/staging.yaml", "vault:\n  " + M("-k") + ": 1\n  " + M("-k") + ": 2\n"},
           {"schema/production.yaml", "x: 1\n"}},
          "  - {name: schema, path: \"schema/{env}.yaml\", schema: schemas/api.json}\n"),
    Reports("DuplicateFlatKeysTheManifestAdds",
            {{"props/staging.properties", "vault.dsn." + M("-k") + "=1\nvault.dsn." + M("-k") + "=2\n"},
             {"props/production.properties", "x=1\n"}},
            SourceOf("props", "properties") + "secret_keys: {add: [dsn]}\n"),

    // Error paths: the run stops with exit 2, and its message names no secret.
    Fails("ParseErrorOnASecretLine", {{"services/api/staging.yaml", "password: \"" + M("") + "\n"},
                                      {"services/api/production.yaml", "password: x\n"}}),
    Fails("BadTagOnASecret", {{"services/api/staging.yaml", "password: !!int " + M("") + "\n"},
                              {"services/api/production.yaml", "password: x\n"}}),
    Fails("ControlCharacterInASecret",
          {{"services/api/staging.yaml", "password: " + M("\x01") + "\n"},
           {"services/api/production.yaml", "password: x\n"}}),
    Fails("InvalidUtf8InASecret", {{"services/api/staging.yaml", "password: " + M("\xff") + "\n"},
                                   {"services/api/production.yaml", "password: x\n"}}),
    Fails("DuplicateSecretKey",
          {{"services/api/staging.yaml", "apikey: " + M("-1") + "\napikey: " + M("-2") + "\n"},
           {"services/api/production.yaml", "apikey: x\n"}}),
    Fails(
        "DuplicateKeyBelowASecretKey",
        {{"services/api/staging.yaml", "api_keys:\n  " + M("-sk") + ": 1\n  " + M("-sk") + ": 2\n"},
         {"services/api/production.yaml", "api_keys: {}\n"}}),
    Fails("DuplicateAliasKey",
          {{"services/api/staging.yaml", "password: &p " + M("") + "\nm: {*p : 1, *p : 2}\n"},
           {"services/api/production.yaml", "password: x\n"}}),
    Fails("InvalidJsonFile", {{"settings/api/staging.json", "{\"token\": \"" + M("")},
                              {"settings/api/production.json", "{\"token\": " + M("") + "}"}}),
    Fails("DuplicateSecretKeyInJson",
          {{"settings/api/staging.json",
            "{\"tokens\": {\"" + M("") + "\": 1, \"" + M("") + "\": 2}}"},
           {"settings/api/production.json", "{}"}}),
    Fails("InvalidDotenvFile", {{"services/api/.env.staging", "DB_PASSWORD=\"" + M("") + "\n"},
                                {"services/api/.env.production", "DB_PASSWORD " + M("") + "\n"}}),
    Fails("BadManifest",
          {{"services/api/staging.yaml", "password: " + M("-a") + "\n"},
           {"services/api/production.yaml", "password: " + M("-b") + "\n"}},
          "  - name: typo\n    path: \"services/{service}/{env}.yaml\"\n    fromat: yaml\n"),
};

class SecretMarker : public ::testing::TestWithParam<Scenario> {
 protected:
  // The repository, committed; the worktree matches HEAD.
  fs::path MakeRepository(const Scenario& scenario) {
    const fs::path repo = dir_.path() / "repo";
    GitInit(repo);
    WriteFile(repo, "driftcheck.yaml", std::string(kManifest) + scenario.manifest_extra);
    for (const auto& [path, content] : kBaseFiles) WriteFile(repo, path, content);
    for (const auto& [path, content] : scenario.files) WriteFile(repo, path, content);
    GitCommitAll(repo, "fixture");
    return repo;
  }

  TempDir dir_;
};

TEST_P(SecretMarker, NeverAppearsInAnyOutput) {
  const Scenario& scenario = GetParam();
  if (!scenario.missing.empty() && std::getenv("DRIFTCHECK_RUN_SKIPPED") == nullptr) {
    GTEST_SKIP() << scenario.missing;
  }
  bool has_marker = false;
  for (const auto& [path, content] : scenario.files) {
    has_marker = has_marker || content.find(kMarker) != std::string::npos ||
                 content.find(kNumberMarker) != std::string::npos;
  }
  ASSERT_TRUE(has_marker) << "a scenario must hold the marker";

  const fs::path repo = MakeRepository(scenario);
  const fs::path output = dir_.path() / "report.out";
  // The persistent cache each run reads and writes holds no secret either.
  const fs::path cache = dir_.path() / "cache";
  for (std::vector<std::string> args : kRuns) {
    std::string command;
    for (std::string& arg : args) {
      if (arg == kOutputFile) arg = output.string();
      command += " " + arg;
    }
    fs::remove(output);
    const CommandResult r = RunDriftcheck(args, repo.string(), {{"DRIFTCHECK_CACHE_DIR", cache.string()}});
    const bool quiet = command.find(" -q") != std::string::npos;
    // A scenario's own source may be left out by --source: then it reports.
    const bool own_source_left_out = !scenario.manifest_extra.empty() && command.find("--source") != std::string::npos;
    if (args.front() == "check" && own_source_left_out) {
      EXPECT_TRUE(r.exit_code == scenario.exit_code || r.exit_code == 1) << command << "\n" << r.out << r.err;
    } else if (args.front() == "check" && command.find("--suggest-rules") == std::string::npos) {
      EXPECT_EQ(r.exit_code, scenario.exit_code) << command << "\n" << r.out << r.err;
    } else {
      EXPECT_TRUE(r.exit_code >= 0 && r.exit_code <= 2) << command << "\n" << r.out << r.err;
    }
    if (r.exit_code == 2) {
      EXPECT_NE(r.err, "") << command;
    } else if (!quiet && !fs::exists(output)) {
      EXPECT_NE(r.out, "") << command;
    }
    const std::string written = fs::exists(output) ? ReadFile(output) : "";
    for (std::string_view marker : {kMarker, kNumberMarker, kAwsMarker}) {
      EXPECT_FALSE(r.out.find(marker) != std::string::npos) << command << " printed:\n" << r.out;
      EXPECT_FALSE(r.err.find(marker) != std::string::npos) << command << " printed:\n" << r.err;
      EXPECT_FALSE(written.find(marker) != std::string::npos) << command << " wrote:\n" << written;
    }
  }
  std::size_t entries = 0;
  for (const auto& entry : fs::exists(cache) ? fs::recursive_directory_iterator(cache)
                                             : fs::recursive_directory_iterator()) {
    if (!entry.is_regular_file()) continue;
    ++entries;
    const std::string stored = ReadFile(entry.path());
    for (std::string_view marker : {kMarker, kNumberMarker, kAwsMarker}) {
      EXPECT_FALSE(stored.find(marker) != std::string::npos) << "the cache holds a secret in " << entry.path();
    }
  }
  if (scenario.exit_code == 1) {
    EXPECT_GT(entries, 0u) << "nothing was cached, so nothing was checked";
  }
}

// Redacted keys print as distinct fingerprints: two findings never share an
// id, nor a path within one file pair and kind.
TEST_P(SecretMarker, NoTwoFindingsShareAPath) {
  const Scenario& scenario = GetParam();
  if (scenario.exit_code != 1) GTEST_SKIP() << "no report";
  const fs::path repo = MakeRepository(scenario);
  const CommandResult r = RunDriftcheck({"check", "--format", "json"}, repo.string());
  ASSERT_EQ(r.exit_code, 1) << r.err;
  std::set<std::string> ids, paths;
  const nlohmann::json report = nlohmann::json::parse(r.out);  // outlives the loop over its findings
  for (const auto& f : report["findings"]) {
    EXPECT_TRUE(ids.insert(f["id"].get<std::string>()).second) << f.dump();
    // One-sided findings (schema violations) of both sides share a path: the side tells them apart.
    std::string sides;
    for (const auto& side : f["sides"]) sides += side["label"].get<std::string>() + ",";
    const std::string where = f["kind"].dump() + f["source"].dump() + f["placeholders"].dump() +
                              f.value("document", "") + "|" + f["path"].get<std::string>() + "|" +
                              f.value("message", "") + "|" + sides;
    EXPECT_TRUE(paths.insert(where).second) << f.dump();
  }
}

INSTANTIATE_TEST_SUITE_P(Everywhere, SecretMarker, ::testing::ValuesIn(kScenarios),
                         [](const ::testing::TestParamInfo<Scenario>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace driftcheck::testing
