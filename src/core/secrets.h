#pragma once
// Which keys hold secrets. A key is secret when its words (split at
// non-alphanumerics and camelCase humps, lower-cased) contain the words of one
// of the secret keys in order, the key's last word singular or plural:
// `DB_PASSWORD`, `apiKey`, `private-key` and `api_keys` are secret;
// `tokens_per_minute` and `product` are not.

#include <string>
#include <string_view>
#include <vector>

namespace driftcheck {

class SecretMatcher {
 public:
  /// The manifest's default `secret_keys`.
  static const std::vector<std::string>& DefaultKeys();

  SecretMatcher();  ///< uses DefaultKeys()
  explicit SecretMatcher(const std::vector<std::string>& keys);

  bool IsSecretKey(std::string_view key) const;

 private:
  std::vector<std::vector<std::string>> keys_;  // each key as its words
};

/// Splits a key into lower-case words: "dbPassword_2" -> {"db", "password", "2"}.
std::vector<std::string> KeyWords(std::string_view key);

}  // namespace driftcheck
