#include "core/secrets.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

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
            (std::vector<std::string>{"password", "passwd", "pwd", "pass", "passphrase", "secret", "token",
                                      "bearer", "api_key", "private_key", "access_key", "signing_key",
                                      "encryption_key", "master_key", "app_key", "session_key", "jwt_key",
                                      "hmac_key", "basic_auth", "credentials"}));
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

// A password holding '/', '?', '#' or a space (generated base64 ones hold
// '/' and '+') ends at its '@', not at the character that would end a host;
// a port and a path's own '@' are not a password.
TEST(ValueDetectors, HideAUrlPasswordHoldingADelimiter) {
  EXPECT_EQ(Redacted("postgres://app:S1x+Kq/9Zr==@db.internal:5432/app"),
            "postgres://app:<redacted>@db.internal:5432/app");
  EXPECT_EQ(Redacted("redis://:Zm9v/YmFy@cache:6379/0"), "redis://:<redacted>@cache:6379/0");
  EXPECT_EQ(Redacted("postgres://u:a#b@h/db"), "postgres://u:<redacted>@h/db");
  EXPECT_EQ(Redacted("mongodb://u:a?b@h/db"), "mongodb://u:<redacted>@h/db");
  EXPECT_EQ(Redacted("postgres://u:a b@h/db"), "postgres://u:<redacted>@h/db");
  EXPECT_EQ(Redacted("postgres://u:a/b@c@h/db"), "postgres://u:<redacted>@h/db");
  EXPECT_EQ(Redacted("https://registry.example:8443/npm/@scope/pkg"), "https://registry.example:8443/npm/@scope/pkg");
  EXPECT_EQ(Redacted("https://host/a:b/@c"), "https://host/a:b/@c");
  EXPECT_EQ(Redacted("postgres://u:a/b\n@h"), "postgres://u:a/b\n@h");
}

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
  EXPECT_EQ(Redacted("Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a"), "Bearer <redacted>");
  EXPECT_EQ(Redacted("github_pat_11ABCDEFG0123456789"), "github_pat_<redacted>");
  EXPECT_EQ(Redacted("xoxb-123456-abcdef"), "xoxb-<redacted>");
  EXPECT_EQ(Redacted("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"), "<redacted>");
}

TEST(ValueDetectors, EveryDetectorIsListed) {
  std::vector<std::string> names;
  for (const ValueDetector& d : ValueDetectors()) names.emplace_back(d.name);
  EXPECT_EQ(names, (std::vector<std::string>{"url-password", "secret-assignment", "signed-url", "command-flag",
                                             "authorization", "webhook-url", "xml-secret", "name-value-pair",
                                             "credential-key", "private-key", "cloud-key", "vendor-token",
                                             "jwt"}));
}

TEST(SecretFingerprints, AreShortStableAndKeyedByTheSalt) {
  SetFingerprintSalt("salt-a");
  const std::string a = SecretFingerprint("alice");
  EXPECT_EQ(a, SecretFingerprint("alice"));
  EXPECT_NE(a, SecretFingerprint("bob"));
  EXPECT_EQ(a.size(), std::string("<redacted:3fa9c0d2>").size());
  EXPECT_TRUE(a.starts_with("<redacted:"));
  SetFingerprintSalt("salt-b");
  // Without the salt, computing the print of a guess confirms nothing.
  EXPECT_NE(a, SecretFingerprint("alice"));
  SetFingerprintSalt("");
}

// Keys real .env files hold secrets under without a secret word: Laravel's
// APP_KEY (base64:...), a session or JWT key, an HMAC key, BASIC_AUTH=user:PW.
TEST(Secrets, FrameworkKeysAreSecretByDefault) {
  const SecretMatcher secrets;
  for (const char* key : {"APP_KEY", "appKey", "SESSION_KEY", "sessionKey", "JWT_KEY", "jwtKey", "HMAC_KEY",
                          "hmacKey", "BASIC_AUTH", "basicAuth", "NGINX_BASIC_AUTH"}) {
    EXPECT_TRUE(secrets.IsSecretKey(key)) << key;
  }
  for (const char* key : {"APP_NAME", "app", "SESSION_LIFETIME", "session_key_ttl", "basic_auth_enabled",
                          "jwt_key_algorithm", "keyApp"}) {
    EXPECT_FALSE(secrets.IsSecretKey(key)) << key;
  }
}

// Issue 23: the compound and one-word forms of secret words, and words that
// merely contain one.
TEST(Secrets, CompoundSecretWordsMatchInEverySpelling) {
  const SecretMatcher secrets;
  for (const char* key : {"passphrase", "ssh_passphrase", "keyPassphrase", "signingKey", "SIGNING_KEY", "signing_key",
                          "jwt.signing.key", "jwtSigningKey", "bearer", "bearer_token", "private_key", "privateKey",
                          "client_secret", "clientSecret", "access_key", "AWS_SECRET_ACCESS_KEY", "credentials",
                          "auth_token", "authToken", "encryption_key", "ENCRYPTION_KEY", "master_key"}) {
    EXPECT_TRUE(secrets.IsSecretKey(key)) << key;
  }
  for (const char* key : {"passenger", "passengers", "tokenizer", "keyboard", "signing_enabled", "public_key",
                          "primary_key", "bypass", "compass", "passport", "bearing", "encryption", "master"}) {
    EXPECT_FALSE(secrets.IsSecretKey(key)) << key;
  }
}

TEST(SecretKeys, EverythingBelowASecretLevelOfAFlatKeyIsItsTail) {
  const SecretMatcher secrets;
  EXPECT_EQ(SecretTailStart("app.secrets.sub.keystaging", secrets), std::string_view("app.secrets.").size());
  EXPECT_EQ(SecretTailStart("api_keys.billing", secrets), std::string_view("api_keys.").size());
  EXPECT_EQ(SecretTailStart("APP__TOKENS__BILLING", secrets), std::string_view("APP__TOKENS__").size());
  EXPECT_EQ(SecretTailStart("ConnectionStrings:Secrets:db", secrets),
            std::string_view("ConnectionStrings:Secrets:").size());
  // The secret word last, or no secret level: no tail.
  EXPECT_EQ(SecretTailStart("spring.datasource.password", secrets), std::string_view::npos);
  EXPECT_EQ(SecretTailStart("API_KEYS_BILLING", secrets), std::string_view::npos);
  EXPECT_EQ(SecretTailStart("server.port", secrets), std::string_view::npos);
  EXPECT_EQ(SecretTailStart("secrets.", secrets), std::string_view::npos);
}

TEST(ValueDetectors, HidePasswordsGivenToCommands) {
  EXPECT_EQ(Redacted("mysql -h db -uroot -phunter2 app"), "mysql -h db -uroot -p<redacted> app");
  EXPECT_EQ(Redacted("mysqldump -phunter2 app"), "mysqldump -p<redacted> app");
  EXPECT_EQ(Redacted("psql --password hunter2 -h db"), "psql --password <redacted> -h db");
  EXPECT_EQ(Redacted("tool --api-token 'hunter2' -v"), "tool --api-token '<redacted>' -v");
  EXPECT_EQ(Redacted("mysql --password=hunter2 app"), "mysql --password=<redacted> app");
  // `-p` is a port to other tools.
  EXPECT_EQ(Redacted("docker run -p8080:80 web"), "docker run -p8080:80 web");
  const SecretMatcher secrets;
  const std::vector<std::string_view> mysql = {"mysql", "-uroot", "-phunter2", "app"};
  EXPECT_TRUE(IsSecretArgument(mysql, 2, secrets));
  EXPECT_FALSE(IsSecretArgument(mysql, 1, secrets));
  const std::vector<std::string_view> flags = {"psql", "--password", "hunter2", "--host", "db"};
  EXPECT_TRUE(IsSecretArgument(flags, 2, secrets));
  EXPECT_FALSE(IsSecretArgument(flags, 4, secrets));
  const std::vector<std::string_view> docker = {"docker", "run", "-p8080"};
  EXPECT_FALSE(IsSecretArgument(docker, 2, secrets));
}

// Health checks and scripts in real charts and Compose files give clients
// their password with a short flag: redis-cli's `-a`, curl's `-u user:PW`.
TEST(ValueDetectors, HidePasswordsGivenToClientsByTheirShortFlags) {
  EXPECT_EQ(Redacted("redis-cli -h redis -a hunter2 ping"), "redis-cli -h redis -a <redacted> ping");
  EXPECT_EQ(Redacted("curl -fsS -u admin:hunter2 http://x/health"), "curl -fsS -u admin:<redacted> http://x/health");
  EXPECT_EQ(Redacted("curl --user 'admin:hunter2' x"), "curl --user 'admin:<redacted>' x");
  EXPECT_EQ(Redacted("sshpass -p hunter2 ssh -p 22 host"), "sshpass -p <redacted> ssh -p <redacted> host");
  EXPECT_EQ(Redacted("mongosh -u root -p hunter2 --quiet"), "mongosh -u root -p <redacted> --quiet");
  // The flag means something else to other tools, and a user alone is no secret.
  EXPECT_EQ(Redacted("tar -a -cf x.tar.gz dir"), "tar -a -cf x.tar.gz dir");
  EXPECT_EQ(Redacted("ssh -p 22 host"), "ssh -p 22 host");
  EXPECT_EQ(Redacted("curl -u admin http://x"), "curl -u admin http://x");
  const SecretMatcher secrets;
  const std::vector<std::string_view> redis = {"redis-cli", "-a", "hunter2", "ping"};
  EXPECT_TRUE(IsSecretArgument(redis, 2, secrets));
  EXPECT_FALSE(IsSecretArgument(redis, 3, secrets));
  const std::vector<std::string_view> curl = {"curl", "-u", "admin:hunter2", "http://x"};
  EXPECT_TRUE(IsSecretArgument(curl, 2, secrets));
  const std::vector<std::string_view> tar = {"tar", "-a", "x"};
  EXPECT_FALSE(IsSecretArgument(tar, 2, secrets));
}

TEST(ValueDetectors, HideAuthorizationHeadersSignedUrlsAndWebhooks) {
  EXPECT_EQ(Redacted("Authorization: Bearer abc.def-123"), "Authorization: Bearer <redacted>");
  EXPECT_EQ(Redacted("Authorization: Basic dXNlcjpodW50ZXIy"), "Authorization: Basic <redacted>");
  EXPECT_EQ(Redacted("curl -H \"Authorization: token hunter2hunter2\" x"),
            "curl -H \"Authorization: token <redacted>\" x");
  EXPECT_EQ(Redacted("Bearer hunter2hunter2"), "Bearer <redacted>");
  EXPECT_EQ(Redacted("https://acct.blob.core.windows.net/c?sv=2020-08-04&ss=b&sig=abc%2Bdef%3D&se=2030"),
            "https://acct.blob.core.windows.net/c?sv=2020-08-04&ss=b&sig=<redacted>&se=2030");
  EXPECT_EQ(Redacted("https://b.s3.amazonaws.com/k?X-Amz-Credential=AK%2F1&X-Amz-Signature=f00d"),
            "https://b.s3.amazonaws.com/k?X-Amz-Credential=<redacted>&X-Amz-Signature=<redacted>");
  EXPECT_EQ(Redacted("https://api.example.com/cb?access_token=hunter2&token=t2&password=p"),
            "https://api.example.com/cb?access_token=<redacted>&token=<redacted>&password=<redacted>");
  EXPECT_EQ(Redacted("https://hooks.slack.com/services/T0001/B0001/hunter2hunter2"),
            "https://hooks.slack.com/services/<redacted>");
  // Any scheme: everything after the scheme word is the credential.
  EXPECT_EQ(Redacted("Authorization: Digest username=\"u\", response=\"hunter2hunter2\""),
            "Authorization: Digest <redacted>");
  EXPECT_EQ(Redacted("Authorization: AWS4-HMAC-SHA256 Credential=AK/x, Signature=f00dcafe12345"),
            "Authorization: AWS4-HMAC-SHA256 <redacted>");
  // A bearer token of any length.
  EXPECT_EQ(Redacted("x: \"Bearer MKX\""), "x: \"Bearer <redacted>\"");
  // Not credentials: prose, and a signature that names no parameter.
  EXPECT_EQ(Redacted("Basic authentication is enabled"), "Basic authentication is enabled");
  EXPECT_EQ(Redacted("signature: detached"), "signature: detached");
}

TEST(ValueDetectors, HideSecretsInsideDocumentsHeldInAString) {
  EXPECT_EQ(Redacted(R"({"db": {"host": "h", "password": "hunter2"}, "port": 5})"),
            R"({"db": {"host": "h", "password": "<redacted>"}, "port": 5})");
  EXPECT_EQ(Redacted(R"({"pin_password": 1234, "credentials": {"user": "u"}})"),
            R"({"pin_password": <redacted>, "credentials": {<redacted>}})");
  EXPECT_EQ(Redacted("db:\n  host: h\n  password: hunter2\n"), "db:\n  host: h\n  password: <redacted>\n");
  EXPECT_EQ(Redacted("<db><password>hunter2</password><host>h</host></db>"),
            "<db><password><redacted></password><host>h</host></db>");
  EXPECT_EQ(Redacted(R"(<add key="DbPassword" value="hunter2"/><add key="Host" value="h"/>)"),
            R"(<add key="DbPassword" value="<redacted>"/><add key="Host" value="h"/>)");
  EXPECT_EQ(Redacted(R"(<connection password="hunter2" host="h"/>)"), R"(<connection password="<redacted>" host="h"/>)");
  EXPECT_EQ(Redacted("<password><![CDATA[hunter2]]></password>"), "<password><![CDATA[<redacted>]]></password>");
}

// redis.conf held in a ConfigMap names its passwords with a directive and a
// space, no '=' or ':'.
TEST(ValueDetectors, HideRedisPasswordDirectivesInAConfigHeldInAString) {
  EXPECT_EQ(Redacted("port 6379\nrequirepass hunter2\nmasterauth  \"hunter3\"\nmaxmemory 1gb\n"),
            "port 6379\nrequirepass <redacted>\nmasterauth  \"<redacted>\"\nmaxmemory 1gb\n");
  EXPECT_EQ(Redacted("  requirepass hunter2"), "  requirepass <redacted>");
  // Only as a directive starting a line.
  EXPECT_EQ(Redacted("see requirepass docs"), "see requirepass docs");
  EXPECT_EQ(Redacted("requirepass"), "requirepass");
}

TEST(ValueDetectors, HideSecretsInJsonHeldInAJsonStringAtAnyDepth) {
  // A JSON string holding JSON whose string holds JSON: its quotes are escaped once more per level.
  EXPECT_EQ(Redacted(R"({"payload": "{\"password\": \"hunter2\", \"host\": \"h\"}"})"),
            R"({"payload": "{\"password\": \"<redacted>\", \"host\": \"h\"}"})");
  EXPECT_EQ(Redacted(R"({"a": "{\"b\": \"{\\\"token\\\": \\\"hunter2\\\", \\\"x\\\": 1}\"}"})"),
            R"({"a": "{\"b\": \"{\\\"token\\\": \\\"<redacted>\\\", \\\"x\\\": 1}\"}"})");
  EXPECT_EQ(Redacted(R"(\"password\": \"hunter2)"), R"(\"password\": \"<redacted>)");  // never closed: to the end
  EXPECT_EQ(Redacted(R"({\"password\": \"hunter2 with \\\"inner\\\" quotes\", \"host\": \"h\"})"),
            R"({\"password\": \"<redacted>\", \"host\": \"h\"})");
  // Hostile input: a long run of backslashes ends in time, and hides all it might hide.
  const std::string many(100000, '\\');
  EXPECT_EQ(Redacted("\\\"password\\\": " + many + "\"hunter2").find("hunter2"), std::string::npos);
  EXPECT_EQ(Redacted(many + "\"password" + many + "\": " + many + "\"x").size() > 0, true);
}

TEST(ValueDetectors, FindCredentialsReturnsOnlyTheSecretParts) {
  const SecretMatcher secrets;
  EXPECT_EQ(FindCredentials("postgres://app:hunter2@db/app", secrets), (std::vector<std::string_view>{"hunter2"}));
  EXPECT_EQ(FindCredentials("ghp_abcdef123456", secrets), (std::vector<std::string_view>{"abcdef123456"}));
  EXPECT_TRUE(FindCredentials("replicas: 3", secrets).empty());
}

// SipHash-2-4's reference vectors (key 00 01 .. 0f; message 00 01 .. n-1).
TEST(SecretFingerprints, SipHashMatchesItsReferenceVectors) {
  const std::uint64_t k0 = 0x0706050403020100ULL, k1 = 0x0f0e0d0c0b0a0908ULL;
  std::string message;
  EXPECT_EQ(SipHash24(message, k0, k1), 0x726fdb47dd0e0e31ULL);
  for (int i = 0; i < 15; ++i) message += static_cast<char>(i);
  EXPECT_EQ(SipHash24(message, k0, k1), 0xa129ca6149be45e5ULL);
}

// Two secrets whose first eight digits agree still print apart, each with as
// many digits as tell it from the other, and the same whatever the order.
TEST(SecretFingerprints, SiblingsSharingTheirFirstDigitsPrintLonger) {
  SetFingerprintSalt("collide");
  std::map<std::uint64_t, std::string> seen;
  std::string a, b;
  for (int i = 0; a.empty(); ++i) {
    const std::string key = "k" + std::to_string(i);
    const std::uint64_t prefix = SecretDigest(key) >> 32;  // the first 8 hex digits
    auto [it, fresh] = seen.emplace(prefix, key);
    if (!fresh) a = it->second, b = key;
  }
  std::vector<std::uint64_t> siblings = {SecretDigest(a), SecretDigest(b), SecretDigest("other")};
  std::sort(siblings.begin(), siblings.end());
  EXPECT_EQ(SecretFingerprint(a), SecretFingerprint(b));  // 8 digits alone collide
  const std::string fa = FingerprintAmong(SecretDigest(a), siblings);
  const std::string fb = FingerprintAmong(SecretDigest(b), siblings);
  EXPECT_NE(fa, fb);
  EXPECT_GT(fa.size(), SecretFingerprint(a).size());
  EXPECT_EQ(FingerprintAmong(SecretDigest("other"), siblings), SecretFingerprint("other"));
  SetFingerprintSalt("");
}

TEST(SecretKeys, AKeyThatMeasuresTogglesOrLocatesASecretIsPlainButSecretsStaySecret) {
  const SecretMatcher secrets;
  for (const char* key :
       {"token_enabled", "require_password", "password_min_length", "token_ttl", "secret_rotation_days",
        "api_key_header", "use_bearer", "auth.token_url", "auth.password_reset_url", "token_issuer",
        "session_secret_length", "passwordExpiry", "enable_token", "TOKEN_TIMEOUT", "jwt_secret_algorithm",
        "password_policy", "token_type", "passwordMaxAge", "secret_key_hint", "api_key_required"}) {
    EXPECT_FALSE(secrets.IsSecretKey(key)) << key;
  }
  for (const char* key : {"password", "db_password", "api_key", "client_secret", "signing_key", "token",
                          "auth_token", "password2", "secret_key_base", "PASSWORD_DB", "app.secrets.stripe",
                          "enable_password", "enable_secret", "token_value", "password_hash"}) {
    EXPECT_TRUE(secrets.IsSecretKey(key)) << key;
  }
}

}  // namespace
}  // namespace driftcheck
