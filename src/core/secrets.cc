#include "core/secrets.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace driftcheck {
namespace {

bool IsLower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Rule 3 of the header: how long a secret key written as one word must be to
// match at the end of a longer word, and the words that may follow it.
constexpr std::size_t kMinAffixLength = 5;
constexpr std::array<std::string_view, 3> kTails = {"key", "value", "hash"};

// KeyWords without trailing digits: a number only tells copies apart
// (`password2`, `DB_PASSWORD1`), it never makes a word another word.
std::vector<std::string> MatchWords(std::string_view key) {
  std::vector<std::string> words;
  for (std::string& word : KeyWords(key)) {
    while (!word.empty() && IsDigit(word.back())) word.pop_back();
    if (!word.empty()) words.push_back(std::move(word));
  }
  return words;
}

bool IsPlural(const std::string& word) { return word.size() > 1 && word.ends_with('s'); }

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
      "password", "passwd",      "pwd",        "secret",     "token",
      "api_key",  "private_key", "access_key", "credentials"};
  return kKeys;
}

SecretMatcher::SecretMatcher() : SecretMatcher(DefaultKeys()) {}

SecretMatcher::SecretMatcher(const std::vector<std::string>& keys) {
  auto add = [this](std::vector<std::string> words) {
    std::string joined;
    for (const auto& word : words) joined += word;
    needles_.push_back(Needle{std::move(words), std::move(joined)});
  };
  for (const auto& key : keys) {
    auto words = MatchWords(key);
    if (words.empty()) continue;
    add(words);
    // A plural secret key (`credentials`) also matches its singular.
    if (IsPlural(words.back())) {
      words.back().pop_back();
      add(std::move(words));
    }
  }
}

bool SecretMatcher::Matches(const std::vector<std::string>& words) const {
  for (const Needle& needle : needles_) {
    if (std::search(words.begin(), words.end(), needle.words.begin(), needle.words.end()) !=
        words.end()) {
      return true;
    }
    const bool affix = needle.joined.size() >= kMinAffixLength;
    for (const std::string& word : words) {
      if (word == needle.joined) return true;
      if (!affix) continue;
      if (word.ends_with(needle.joined)) return true;
      const std::string_view rest = std::string_view(word).substr(
          word.starts_with(needle.joined) ? needle.joined.size() : word.size());
      if (std::find(kTails.begin(), kTails.end(), rest) != kTails.end()) return true;
    }
  }
  return false;
}

namespace {

// Words that make a key name where a secret is kept rather than hold it:
// Kubernetes' `secretKeyRef` and `secretName`, Helm's `existingSecret`,
// `passwordFile`, `tokenPath`, `api_key_env`. Measured on a public Helm
// repository: `secretKeyRef` alone gave 125 false same-secret findings.
bool NamesWhereASecretIsKept(const std::vector<std::string>& words) {
  static constexpr std::array<std::string_view, 14> kLast = {
      "ref", "reference", "name", "arn", "path", "file", "filename",
      "env", "var",       "store", "provider", "mount", "from", "source"};
  if (words.size() < 2) return false;
  if (words.front() == "existing") return true;
  std::string_view last = words.back();
  if (std::find(kLast.begin(), kLast.end(), last) != kLast.end()) return true;
  if (!last.ends_with('s')) return false;
  last.remove_suffix(1);  // plurals: secretRefs, extraSecretMounts
  return std::find(kLast.begin(), kLast.end(), last) != kLast.end();
}

}  // namespace

bool NamesWhereSecretIsKept(std::string_view key) { return NamesWhereASecretIsKept(MatchWords(key)); }

bool SecretMatcher::IsSecretKey(std::string_view key) const {
  auto words = MatchWords(key);
  if (NamesWhereASecretIsKept(words)) return false;
  if (Matches(words)) return true;
  // A collection of secrets ends in a plural: `passwords`, `api_keys`. Only
  // the key's last word may be plural, so `tokens_per_minute` stays plain.
  if (words.empty() || !IsPlural(words.back())) return false;
  words.back().pop_back();
  return Matches(words);
}

// ---- Values that cannot be credentials -------------------------------------

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// A variable name: a letter or `_`, then letters, digits and `extra`.
bool IsName(std::string_view s, std::string_view extra) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [extra](char c) {
    return IsAlnum(c) || c == '_' || extra.find(c) != std::string_view::npos;
  });
}

// `${NAME}`, or a fallback operator with nothing to fall back to (`${NAME:-}`);
// `-` is an operator in the shell, so it is not part of a name here.
bool IsBraceReference(std::string_view inner) {
  const std::size_t name_end = std::min(inner.find_first_of(":-=?+"), inner.size());
  static constexpr std::array<std::string_view, 10> kEmptyFallbacks = {
      "", ":", ":-", "-", ":=", "=", ":?", "?", ":+", "+"};
  return IsName(inner.substr(0, name_end), ".") &&
         std::find(kEmptyFallbacks.begin(), kEmptyFallbacks.end(), inner.substr(name_end)) !=
             kEmptyFallbacks.end();
}

// Quoted text is a lookup argument (`ENV["X"]`, `fetch("X")`) when brackets
// hold it alone; anywhere else it may be a literal the expression yields.
bool IsLookupArgument(std::string_view expr, std::size_t open, std::size_t close) {
  const std::string_view before = Trim(expr.substr(0, open));
  const std::string_view after = Trim(expr.substr(close + 1));
  return !before.empty() && (before.back() == '[' || before.back() == '(') && !after.empty() &&
         (after.front() == ']' || after.front() == ')');
}

// A template expression (`{{ .Values.x }}`, `<%= ENV["X"] %>`) that names a
// value and has no fallback literal.
bool IsTemplateReference(std::string_view expr) {
  for (std::string_view fallback :
       {"default", "|d(", "| d(", "||", " or ", "else", ",", "{", "}"}) {
    if (expr.find(fallback) != std::string_view::npos) return false;
  }
  bool names_something = false;
  for (std::size_t i = 0; i < expr.size(); ++i) {
    const char c = expr[i];
    if (c == '"' || c == '\'') {
      const std::size_t close = expr.find(c, i + 1);
      if (close == std::string_view::npos || !IsLookupArgument(expr, i, close)) return false;
      i = close;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      names_something = true;
    }
  }
  return names_something;
}

// `((name))` or `((/team/pipeline/name))`: a CredHub path.
bool IsCredHubReference(std::string_view inner) {
  inner = Trim(inner);
  if (inner.starts_with('/')) inner.remove_prefix(1);
  return IsName(inner, "./-");
}

// Template markers that trim whitespace (`{{- x -}}`, `<%= x -%>`).
std::string_view TemplateBody(std::string_view inner) {
  inner = Trim(inner);
  if (inner.starts_with('-')) inner.remove_prefix(1);
  if (inner.ends_with('-')) inner.remove_suffix(1);
  return inner;
}

struct ReferenceSyntax {
  std::string_view open, close;
  bool (*valid)(std::string_view inner);
};

// Longer openings first: `${{` before `${`.
constexpr ReferenceSyntax kReferenceSyntaxes[] = {
    {"${{", "}}", [](std::string_view s) { return IsTemplateReference(TemplateBody(s)); }},
    {"${", "}", IsBraceReference},
    {"$(", ")", [](std::string_view s) { return IsName(s, "."); }},
    {"#{", "}", [](std::string_view s) { return IsName(Trim(s), ". "); }},
    {"((", "))", IsCredHubReference},
    {"{{", "}}", [](std::string_view s) { return IsTemplateReference(TemplateBody(s)); }},
    {"<%=", "%>", [](std::string_view s) { return IsTemplateReference(TemplateBody(s)); }},
};

// Where the reference starting at `pos` ends, if one starts there.
std::optional<std::size_t> ReferenceEnd(std::string_view value, std::size_t pos) {
  const std::string_view rest = value.substr(pos);
  for (const ReferenceSyntax& syntax : kReferenceSyntaxes) {
    if (!rest.starts_with(syntax.open)) continue;
    const std::size_t close = rest.find(syntax.close, syntax.open.size());
    if (close == std::string_view::npos) return std::nullopt;
    if (!syntax.valid(rest.substr(syntax.open.size(), close - syntax.open.size()))) {
      return std::nullopt;
    }
    return pos + close + syntax.close.size();
  }
  return std::nullopt;
}

}  // namespace

bool IsDeployTimeReference(std::string_view value) {
  value = Trim(value);
  bool any = false;
  for (std::size_t i = 0; i < value.size();) {
    if (auto end = ReferenceEnd(value, i)) {
      any = true;
      i = *end;
      continue;
    }
    // Letters or digits outside a reference may be (part of) a credential;
    // so may any non-ASCII byte.
    const auto c = static_cast<unsigned char>(value[i]);
    if (c >= 0x80 || IsAlnum(value[i])) return false;
    ++i;
  }
  return any;
}

bool IsEmptySecretValue(std::string_view value) { return Trim(value).empty(); }

bool MayBeCredential(std::string_view value) {
  return !IsEmptySecretValue(value) && !IsDeployTimeReference(value);
}

}  // namespace driftcheck
