#include "core/secrets.h"

#include <gtest/gtest.h>

namespace driftcheck {
namespace {

TEST(Secrets, MatchesSecretWordsInAnySpelling) {
  const SecretMatcher secrets;
  EXPECT_TRUE(secrets.IsSecretKey("password"));
  EXPECT_TRUE(secrets.IsSecretKey("DB_PASSWORD"));
  EXPECT_TRUE(secrets.IsSecretKey("apiKey"));
  EXPECT_TRUE(secrets.IsSecretKey("API_KEY"));
  EXPECT_TRUE(secrets.IsSecretKey("private-key"));
  EXPECT_TRUE(secrets.IsSecretKey("client-secret"));
  EXPECT_TRUE(secrets.IsSecretKey("githubToken"));
  EXPECT_TRUE(secrets.IsSecretKey("aws.credentials"));
  EXPECT_TRUE(secrets.IsSecretKey("aws_access_key_id"));
  EXPECT_TRUE(secrets.IsSecretKey("passwords"));  // a collection of secrets
  EXPECT_TRUE(secrets.IsSecretKey("API_KEYS"));
  EXPECT_TRUE(secrets.IsSecretKey("githubTokens"));
  EXPECT_TRUE(secrets.IsSecretKey("gcp_credential"));  // singular of a plural secret key
}

TEST(Secrets, MatchesOneWordAndNumberedSpellings) {
  const SecretMatcher secrets;
  for (const char* key :
       {"apikey", "APIKEY", "secretkey", "SECRETKEY", "accesstoken", "privatekey", "accesskey",
        "password2", "DB_PASSWORD1", "dbPassword_2", "passwd", "pwd", "PWD", "pwd2",
        "clientsecret", "authtoken", "dbpassword", "dbpasswd", "oauth2token", "myapikey",
        "apikeys", "accesstokens", "tokenvalue", "passwordhash", "credential1"}) {
    EXPECT_TRUE(secrets.IsSecretKey(key)) << key;
  }
}

TEST(Secrets, DoesNotMatchWordsThatMerelyContainASecretWord) {
  const SecretMatcher secrets;
  for (const char* key :
       {"tokens_per_minute", "passwordless", "passwordless_login_enabled", "keyboard", "tokenizer",
        "secretary", "product", "pwdless", "cwd", "key", "api", "pool_size", "access", "private",
        "tokenized_fields", "secretariat", "passwordless2", "keys", "monkey"}) {
    EXPECT_FALSE(secrets.IsSecretKey(key)) << key;
  }
}

TEST(Secrets, ShortSecretKeysMatchOnlyWholeWords) {
  const SecretMatcher secrets({"pin"});
  EXPECT_TRUE(secrets.IsSecretKey("pin"));
  EXPECT_TRUE(secrets.IsSecretKey("card_pin2"));
  EXPECT_FALSE(secrets.IsSecretKey("spin"));
  EXPECT_FALSE(secrets.IsSecretKey("pinkey"));
}

TEST(Secrets, UsesTheManifestsKeysInsteadOfTheDefaults) {
  const SecretMatcher secrets({"dsn", "signing_key"});
  EXPECT_TRUE(secrets.IsSecretKey("SENTRY_DSN"));
  EXPECT_TRUE(secrets.IsSecretKey("jwtSigningKey"));
  EXPECT_TRUE(secrets.IsSecretKey("signingkey"));
  EXPECT_FALSE(secrets.IsSecretKey("password"));
}

TEST(Secrets, DefaultKeysAreTheDocumentedList) {
  EXPECT_EQ(SecretMatcher::DefaultKeys(),
            (std::vector<std::string>{"password", "passwd", "pwd", "pass", "secret", "token",
                                      "api_key", "private_key", "access_key", "credentials"}));
}

TEST(Secrets, SplitsKeysIntoLowerCaseWords) {
  EXPECT_EQ(KeyWords("dbPassword_2"), (std::vector<std::string>{"db", "password", "2"}));
  EXPECT_EQ(KeyWords("APIKey"), (std::vector<std::string>{"api", "key"}));
}

TEST(SecretValues, DeployTimeReferencesAreNotCredentials) {
  for (const char* value :
       {"${DB_PASSWORD}", " ${DB_PASSWORD} ", "${db.password}", "${DB_PASSWORD:-}",
        "${{ secrets.DB_PASSWORD }}", "{{ .Values.db.password }}", "{{- .Values.x -}}",
        "{{ .Values.x | b64enc }}", "<%= ENV[\"X\"] %>", "<%= ENV.fetch('X') %>", "$(VAR)",
        "$(System.AccessToken)", "#{Db.Password}", "((db_password))", "((/team/db-password))",
        "${USER}:${PASS}", "${A}${B}"}) {
    EXPECT_TRUE(IsDeployTimeReference(value)) << value;
    EXPECT_FALSE(MayBeCredential(value)) << value;
  }
}

TEST(SecretValues, ReferencesWithALiteralMayBeCredentials) {
  for (const char* value :
       {"${VAR:prototype}", "${VAR:-hunter2}", "${VAR-x}", "${VAR:=x}", "${my-var}",
        "{{ .Values.x | default \"hunter2\" }}", "{{ .Values.x | d(\"x\") }}", "{{ \"hunter2\" }}",
        "{{ \"hunter2\" | b64enc }}", "<%= ENV[\"X\"] || \"hunter2\" %>",
        "<%= ENV.fetch(\"X\", \"hunter2\") %>", "<%= \"x\" %>", "{{ 42 }}",
        "prefix-${DB_PASSWORD}", "${DB_PASSWORD}suffix", "hunter2", "${unclosed",
        "%(db_password)s", "$DB_PASSWORD", "${}", "$()", "{{ }}", "${DB}é",
        // Cautious: quoted text that is not a lookup argument may be the result.
        "{{ required \"set it\" .Values.x }}"}) {
    EXPECT_FALSE(IsDeployTimeReference(value)) << value;
    EXPECT_TRUE(MayBeCredential(value)) << value;
  }
}

TEST(SecretValues, EmptyValuesAreNotCredentials) {
  EXPECT_TRUE(IsEmptySecretValue(""));
  EXPECT_TRUE(IsEmptySecretValue(" \t\r\n"));
  EXPECT_FALSE(IsEmptySecretValue(" x "));
  EXPECT_FALSE(MayBeCredential(""));
  EXPECT_FALSE(MayBeCredential("  "));
  EXPECT_FALSE(IsDeployTimeReference(""));  // empty, but not a reference
}

TEST(SecretKeys, AKeyNamingWhereASecretIsKeptIsPlain) {
  const SecretMatcher secrets;
  for (const char* key : {"secretKeyRef", "secretName", "existingSecret", "passwordFile", "token_path",
                          "api_key_env", "secretRefs", "extraSecretMounts", "passwordFrom"}) {
    EXPECT_FALSE(secrets.IsSecretKey(key)) << key;
    EXPECT_TRUE(NamesWhereSecretIsKept(key)) << key;
  }
  for (const char* key : {"secret", "password", "DB_PASSWORD", "secretKey", "apiKey", "client_secret"}) {
    EXPECT_TRUE(secrets.IsSecretKey(key)) << key;
  }
}

TEST(Secrets, APluralSecretWordCountsAnywhereInAFlatOrDottedKey) {
  const SecretMatcher secrets;
  for (const char* key : {"PASSWORDS_DB", "API_KEYS_BILLING", "app.secrets.stripe", "secrets.stripe",
                          "tokens.github", "credentials_store_x"}) {
    EXPECT_TRUE(secrets.IsSecretKey(key)) << key;
  }
  // A plural that is measured is a number, not a collection of secrets.
  for (const char* key : {"tokens_per_minute", "tokens_limit", "max_tokens_per_request", "keys"}) {
    EXPECT_FALSE(secrets.IsSecretKey(key)) << key;
  }
}

TEST(Secrets, PassIsASecretWordOnlyWhole) {
  const SecretMatcher secrets;
  EXPECT_TRUE(secrets.IsSecretKey("ansible_become_pass"));
  EXPECT_TRUE(secrets.IsSecretKey("smtp_pass"));
  for (const char* key : {"bypass", "passthrough", "passport", "compass", "access", "pas"}) {
    EXPECT_FALSE(secrets.IsSecretKey(key)) << key;
  }
}

TEST(SecretValues, ANestedReferenceWithAnEmptyDefaultIsNotACredential) {
  EXPECT_TRUE(IsDeployTimeReference("${A:${B:}}"));
  EXPECT_TRUE(IsDeployTimeReference("${DB_PASSWORD:${SPRING_DB_PASSWORD}}"));
  EXPECT_FALSE(IsDeployTimeReference("${A:${B:hunter2}}"));
  EXPECT_FALSE(IsDeployTimeReference("${A:x${B}}"));
}

std::string Redacted(std::string_view text) { return RedactCredentials(text, SecretMatcher()); }

TEST(ValueDetectors, HideOnlyThePasswordOfAUrlInAnyScheme) {
  EXPECT_EQ(Redacted("postgres://app:hunter2@db/app"), "postgres://app:<redacted>@db/app");
  EXPECT_EQ(Redacted("redis://:hunter2@cache:6379/0"), "redis://:<redacted>@cache:6379/0");
  EXPECT_EQ(Redacted("amqp://guest:hunter2@mq"), "amqp://guest:<redacted>@mq");
  EXPECT_EQ(Redacted("postgresql+psycopg2://app:hunter2@db:5432/app?sslmode=require"),
            "postgresql+psycopg2://app:<redacted>@db:5432/app?sslmode=require");
  EXPECT_EQ(Redacted("jdbc:mysql://app:hunter2@db:3306/app"), "jdbc:mysql://app:<redacted>@db:3306/app");
  EXPECT_EQ(Redacted("jdbc:oracle:thin:app/hunter2@db:1521:orcl"), "jdbc:oracle:thin:app/<redacted>@db:1521:orcl");
  EXPECT_EQ(Redacted("jdbc:postgresql://db/app?user=app&password=hunter2&ssl=true"),
            "jdbc:postgresql://db/app?user=app&password=<redacted>&ssl=true");
  EXPECT_EQ(Redacted("a postgres://u:p1@x and mongodb+srv://v:p2@y"),
            "a postgres://u:<redacted>@x and mongodb+srv://v:<redacted>@y");
}

TEST(ValueDetectors, LeavePlainTextAndUrlsWithoutAPasswordAlone) {
  for (const char* text : {"https://api.example.com/v1", "postgres://app@db/app", "https://user@host",
                           "git@github.com:org/repo.git", "mailto:ops@example.com", "a=b", "LOG_LEVEL=info",
                           "replicas: 3", "sk_live", "eyJ", "AKIA", "token", "ghp_x", ""}) {
    bool found = true;
    EXPECT_EQ(RedactCredentials(text, SecretMatcher(), &found), text);
    EXPECT_FALSE(found) << text;
  }
}

TEST(ValueDetectors, HideTheValueOfAnAssignmentToASecretKey) {
  EXPECT_EQ(Redacted("DB_PASSWORD=hunter2"), "DB_PASSWORD=<redacted>");
  EXPECT_EQ(Redacted("DB_PASSWORD=hunter2 with spaces"), "DB_PASSWORD=<redacted>");
  EXPECT_EQ(Redacted("--db-password=hunter2 --verbose"), "--db-password=<redacted> --verbose");
  EXPECT_EQ(Redacted("JAVA_OPTS=-Xmx1g -Dspring.datasource.password=hunter2 -Dx=1"),
            "JAVA_OPTS=-Xmx1g -Dspring.datasource.password=<redacted> -Dx=1");
  EXPECT_EQ(Redacted("host = db\npassword = hunter2\nport = 5432\n"), "host = db\npassword = <redacted>\nport = 5432\n");
  EXPECT_EQ(Redacted("user: app\napi_key: hunter2\n"), "user: app\napi_key: <redacted>\n");
  // A manifest's own secret keys count too.
  EXPECT_EQ(RedactCredentials("SENTRY_DSN=https://k@sentry.io/1", SecretMatcher({"dsn"})), "SENTRY_DSN=<redacted>");
}

TEST(ValueDetectors, HideWellKnownCredentialShapes) {
  EXPECT_EQ(Redacted("-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----\n"), "<redacted>\n");
  EXPECT_EQ(Redacted("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn"), "<redacted>");
  EXPECT_EQ(Redacted("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"),
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
  EXPECT_EQ(Redacted("AKIAIOSFODNN7EXAMPLE"), "AKIA<redacted>");
  EXPECT_EQ(Redacted("key AIzaSyA1234567890abcdefghijklmnopqrstuv"), "key AIza<redacted>");
  EXPECT_EQ(Redacted("sk_live_4eC39HqLyjWDarjtT1zdp7dc"), "sk_live_<redacted>");
  EXPECT_EQ(Redacted("Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a"), "Bearer ghp_<redacted>");
  EXPECT_EQ(Redacted("github_pat_11ABCDEFG0123456789"), "github_pat_<redacted>");
  EXPECT_EQ(Redacted("xoxb-123456-abcdef"), "xoxb-<redacted>");
  EXPECT_EQ(Redacted("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"), "<redacted>");
}

TEST(ValueDetectors, EveryDetectorIsListed) {
  std::vector<std::string> names;
  for (const ValueDetector& d : ValueDetectors()) names.emplace_back(d.name);
  EXPECT_EQ(names, (std::vector<std::string>{"url-password", "secret-assignment", "name-value-pair",
                                             "private-key", "cloud-key", "vendor-token", "jwt"}));
}

TEST(SecretFingerprints, AreShortStableAndKeyedByTheSalt) {
  SetFingerprintSalt("salt-a");
  const std::string a = SecretFingerprint("alice");
  EXPECT_EQ(a, SecretFingerprint("alice"));
  EXPECT_NE(a, SecretFingerprint("bob"));
  EXPECT_EQ(a.size(), std::string("<redacted:3fa9>").size());
  EXPECT_TRUE(a.starts_with("<redacted:"));
  SetFingerprintSalt("salt-b");
  // Without the salt, computing the print of a guess confirms nothing.
  EXPECT_NE(a, SecretFingerprint("alice"));
  SetFingerprintSalt("");
}

}  // namespace
}  // namespace driftcheck
