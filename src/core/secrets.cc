#include "core/secrets.h"

#include <algorithm>
#include <cctype>

namespace driftcheck {
namespace {

bool IsLower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::vector<std::string> KeyWords(std::string_view key) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (!IsAlnum(c)) {
      flush();
      continue;
    }
    // A hump starts a word: "apiKey" -> api|Key, "APIKey" -> API|Key.
    const bool hump = IsUpper(c) && i > 0 &&
                      (IsLower(key[i - 1]) ||
                       (IsUpper(key[i - 1]) && i + 1 < key.size() && IsLower(key[i + 1])));
    if (hump) flush();
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  flush();
  return words;
}

const std::vector<std::string>& SecretMatcher::DefaultKeys() {
  static const std::vector<std::string> kKeys = {
      "password", "passwd", "secret", "token", "api_key", "private_key", "credentials"};
  return kKeys;
}

SecretMatcher::SecretMatcher() : SecretMatcher(DefaultKeys()) {}

SecretMatcher::SecretMatcher(const std::vector<std::string>& keys) {
  for (const auto& key : keys) {
    auto words = KeyWords(key);
    if (words.empty()) continue;
    keys_.push_back(words);
    // A plural secret key (`credentials`) also matches its singular.
    if (words.back().size() > 1 && words.back().ends_with('s')) {
      words.back().pop_back();
      keys_.push_back(std::move(words));
    }
  }
}

bool SecretMatcher::IsSecretKey(std::string_view key) const {
  auto words = KeyWords(key);
  // A collection of secrets ends in a plural: `passwords`, `api_keys`. Only
  // the key's last word may be plural, so `tokens_per_minute` stays plain.
  const bool plural = !words.empty() && words.back().size() > 1 && words.back().ends_with('s');
  for (int pass = 0; pass < (plural ? 2 : 1); ++pass) {
    if (pass == 1) words.back().pop_back();
    for (const auto& needle : keys_) {
      if (std::search(words.begin(), words.end(), needle.begin(), needle.end()) != words.end()) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace driftcheck
