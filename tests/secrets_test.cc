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
  EXPECT_TRUE(secrets.IsSecretKey("githubToken"));
  EXPECT_TRUE(secrets.IsSecretKey("aws.credentials"));
  EXPECT_TRUE(secrets.IsSecretKey("passwords"));  // a collection of secrets
  EXPECT_TRUE(secrets.IsSecretKey("API_KEYS"));
  EXPECT_TRUE(secrets.IsSecretKey("githubTokens"));
  EXPECT_TRUE(secrets.IsSecretKey("gcp_credential"));  // singular of a plural secret key
}

TEST(Secrets, DoesNotMatchWordsThatMerelyContainASecretWord) {
  const SecretMatcher secrets;
  EXPECT_FALSE(secrets.IsSecretKey("tokens_per_minute"));
  EXPECT_FALSE(secrets.IsSecretKey("passwordless"));
  EXPECT_FALSE(secrets.IsSecretKey("key"));
  EXPECT_FALSE(secrets.IsSecretKey("api"));
  EXPECT_FALSE(secrets.IsSecretKey("pool_size"));
}

TEST(Secrets, UsesTheManifestsKeysInsteadOfTheDefaults) {
  const SecretMatcher secrets({"dsn"});
  EXPECT_TRUE(secrets.IsSecretKey("SENTRY_DSN"));
  EXPECT_FALSE(secrets.IsSecretKey("password"));
}

TEST(Secrets, SplitsKeysIntoLowerCaseWords) {
  EXPECT_EQ(KeyWords("dbPassword_2"), (std::vector<std::string>{"db", "password", "2"}));
  EXPECT_EQ(KeyWords("APIKey"), (std::vector<std::string>{"api", "key"}));
}

}  // namespace
}  // namespace driftcheck
