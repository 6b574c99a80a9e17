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
            (std::vector<std::string>{"password", "passwd", "pwd", "secret", "token", "api_key",
                                      "private_key", "access_key", "credentials"}));
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

}  // namespace
}  // namespace driftcheck
