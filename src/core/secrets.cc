#include "core/secrets.h"

#include <algorithm>
#include <array>
#include <bit>
#include <iterator>
#include <cctype>
#include <cstdint>
#include <mutex>
#include <optional>

#include "core/strings.h"

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

// `passwords`, `keys`; not `pass` or `access`.
bool IsPlural(const std::string& word) {
  return word.size() > 1 && word.ends_with('s') && !word.ends_with("ss");
}

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
      "password",    "passwd",         "pwd",        "pass",        "passphrase",
      "secret",      "token",          "bearer",     "api_key",     "private_key",
      "access_key",  "signing_key",    "encryption_key", "master_key",
      // Secrets of frameworks' .env files: Laravel's APP_KEY, BASIC_AUTH=user:PW.
      "app_key",     "session_key",    "jwt_key",    "hmac_key",    "basic_auth",  "credentials"};
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
// Likewise a key whose last word qualifies the secret holds a setting about
// it, not the secret: whether it is on (`token_enabled`), how long it is
// (`password_min_length`), how long it lives (`token_ttl`), where it is
// sent or checked (`auth.token_url`, `api_key_header`, `token_issuer`).
// Redacting those hid real drift and raised false same-secret findings.
bool NamesWhereASecretIsKept(const std::vector<std::string>& words) {
  static constexpr std::array<std::string_view, 52> kLast = {
      // where it is kept
      "ref", "reference", "name", "arn", "path", "file", "filename", "env", "var", "store", "provider",
      "mount", "from", "source",
      // whether it is on
      "enabled", "disabled", "enable", "required", "require",
      // its size
      "length", "len", "min", "max", "size",
      // how long it lives
      "ttl", "expiry", "expires", "expiration", "lifetime", "timeout", "age", "days", "hours",
      "minutes", "seconds",
      // where it is sent or checked, and what kind it is
      "url", "uri", "endpoint", "host", "header", "issuer", "audience", "algorithm", "alg", "type",
      "format", "policy", "rotation", "strength", "regex", "pattern", "hint"};
  // A first word asking for a secret (`require_password`, `use_bearer`,
  // `enable_token`) makes the key a flag. Cisco's `enable password` and
  // `enable secret` are the router's password itself, so they stay secret.
  static constexpr std::array<std::string_view, 6> kFirst = {"require", "requires", "use",
                                                            "uses",    "enable",   "disable"};
  if (words.size() < 2) return false;
  if (words.front() == "existing") return true;
  if (std::find(kFirst.begin(), kFirst.end(), words.front()) != kFirst.end() &&
      !(words.front() == "enable" && words.size() == 2 && (words[1] == "password" || words[1] == "secret"))) {
    return true;
  }
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
  // A collection of secrets is a plural, anywhere in a flat or dotted key:
  // `passwords`, `API_KEYS_BILLING`, `app.secrets.stripe`. A plural that
  // measures (`tokens_per_minute`, `tokens_limit`) stays plain.
  static constexpr std::array<std::string_view, 7> kMeasures = {"per", "limit", "limits", "count",
                                                                "quota", "rate", "used"};
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!IsPlural(words[i])) continue;
    if (i + 1 < words.size() &&
        std::find(kMeasures.begin(), kMeasures.end(), words[i + 1]) != kMeasures.end()) {
      continue;
    }
    auto singular = words;
    singular[i].pop_back();
    if (Matches(singular)) return true;
  }
  return false;
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

bool IsReferenceText(std::string_view value);

// `${NAME}`, or a fallback operator with nothing to fall back to (`${NAME:-}`)
// or only another reference (`${A:${B:}}`, Spring's nested default);
// `-` is an operator in the shell, so it is not part of a name here.
bool IsBraceReference(std::string_view inner) {
  const std::size_t name_end = std::min(inner.find_first_of(":-=?+"), inner.size());
  if (!IsName(inner.substr(0, name_end), ".")) return false;
  std::string_view fallback = inner.substr(name_end);
  for (std::string_view op : {":-", ":=", ":?", ":+", ":", "-", "=", "?", "+"}) {
    if (fallback.starts_with(op)) {
      fallback.remove_prefix(op.size());
      break;
    }
  }
  return fallback.empty() || (fallback.starts_with("${") && IsReferenceText(fallback));
}

// Where the `}` closing the `${` at the start of `rest` is, counting nested `${`.
std::size_t BraceClose(std::string_view rest) {
  int depth = 0;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest.substr(i).starts_with("${")) {
      ++depth;
      ++i;
    } else if (rest[i] == '}' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
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
    const std::size_t close = syntax.open == "${" ? BraceClose(rest) : rest.find(syntax.close, syntax.open.size());
    if (close == std::string_view::npos) return std::nullopt;
    if (!syntax.valid(rest.substr(syntax.open.size(), close - syntax.open.size()))) {
      return std::nullopt;
    }
    return pos + close + syntax.close.size();
  }
  return std::nullopt;
}

}  // namespace

bool IsDeployTimeReference(std::string_view value) { return IsReferenceText(value); }

namespace {

bool IsReferenceText(std::string_view value) {
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

}  // namespace

bool IsEmptySecretValue(std::string_view value) { return Trim(value).empty(); }

bool MayBeCredential(std::string_view value) {
  return !IsEmptySecretValue(value) && !IsDeployTimeReference(value);
}

}  // namespace driftcheck

// ---- Value detectors: credentials found by their shape ----------------------

namespace driftcheck {
namespace {

constexpr std::string_view kRedactedText = "<redacted>";

bool IsTokenChar(char c) { return IsAlnum(c) || c == '_' || c == '-'; }

bool AtWordStart(std::string_view text, std::size_t pos) { return pos == 0 || !IsTokenChar(text[pos - 1]); }

std::size_t TokenEnd(std::string_view text, std::size_t pos) {
  while (pos < text.size() && IsTokenChar(text[pos])) ++pos;
  return pos;
}

// Whether a command runs `client`: its name starts a word, so `mysql` also
// matches mysqldump and mysqladmin, `mongo` mongosh and mongodump.
bool RunsClient(std::string_view text, std::string_view client) {
  for (std::size_t pos = text.find(client); pos != std::string_view::npos; pos = text.find(client, pos + 1)) {
    if (AtWordStart(text, pos)) return true;
  }
  return false;
}

// Whether a command runs a MySQL client, whose `-pPW` is a password.
bool RunsMysqlClient(std::string_view text) { return RunsClient(text, "mysql") || RunsClient(text, "mariadb"); }

// Clients that take a password as the argument after a short flag
// (`redis-cli -a PW`, `sshpass -p PW`, `mongosh -p PW`), or a `user:PW` pair
// (`curl -u user:PW`): to other tools the flag means something else.
struct ClientFlag {
  std::string_view client;
  std::string_view flag;
  bool user_pair;  ///< the secret is what follows the argument's first ':'
};
constexpr ClientFlag kClientFlags[] = {
    {"redis-cli", "-a", false}, {"sshpass", "-p", false}, {"mongo", "-p", false},
    {"curl", "-u", true},       {"curl", "--user", true},  {"curl", "--proxy-user", true},
};

// A half-open range of the text to hide.
struct Span {
  std::size_t begin, end;
};

// `scheme://user:PASSWORD@host`: only the password, in any scheme
// (postgres, redis, amqp, mongodb+srv, SQLAlchemy's `postgresql+psycopg2`,
// JDBC's `jdbc:mysql://`).
void FindUrlPasswords(std::string_view text, std::vector<Span>& out) {
  for (std::size_t pos = text.find("://"); pos != std::string_view::npos; pos = text.find("://", pos)) {
    const std::size_t start = pos + 3;
    std::size_t end = start;
    while (end < text.size() && text[end] != '/' && text[end] != '?' && text[end] != '#' &&
           !IsSpace(text[end]) && text[end] != '"' && text[end] != '\'') {
      ++end;
    }
    std::size_t at = text.substr(start, end - start).rfind('@');
    const std::size_t colon = text.substr(start, end - start).find(':');
    if (at == std::string_view::npos && colon != std::string_view::npos && end < text.size() &&
        (text[end] == '/' || text[end] == '?' || text[end] == '#' || text[end] == ' ')) {
      // `user:PASS` cut short by a '/', '?', '#' or space in the password
      // (generated base64 passwords hold '/'): not a port, and an '@' later
      // ends it. Each further '@' before another delimiter is the password's too.
      const std::string_view after = text.substr(start + colon + 1, end - start - colon - 1);
      const bool port = !after.empty() && after.find_first_not_of("0123456789") == std::string_view::npos;
      std::size_t stop = end;
      while (stop < text.size() && text[stop] != '"' && text[stop] != '\'' && text[stop] != '\n') ++stop;
      std::size_t next = port ? std::string_view::npos : text.substr(end, stop - end).find('@');
      if (next != std::string_view::npos) {
        at = end - start + next;
        while (true) {
          const std::size_t more = text.substr(start + at + 1, stop - start - at - 1).find_first_of("@/?# ");
          if (more == std::string_view::npos || text[start + at + 1 + more] != '@') break;
          at += 1 + more;
        }
        end = start + at + 1;
      }
    }
    if (at != std::string_view::npos) {
      const std::string_view userinfo = text.substr(start, at);
      const std::size_t user_end = userinfo.find(':');
      if (user_end != std::string_view::npos && user_end + 1 < userinfo.size()) {
        out.push_back({start + user_end + 1, start + at});
      }
    }
    pos = end;
  }
  // Oracle's JDBC form: `jdbc:oracle:thin:user/PASSWORD@host:1521:sid`.
  for (std::size_t pos = text.find(":thin:"); pos != std::string_view::npos; pos = text.find(":thin:", pos + 1)) {
    const std::size_t start = pos + 6;
    std::size_t end = start;
    while (end < text.size() && text[end] != '@' && !IsSpace(text[end])) ++end;
    const std::size_t slash = text.substr(start, end - start).find('/');
    if (end < text.size() && text[end] == '@' && slash != std::string_view::npos && start + slash + 1 < end) {
      out.push_back({start + slash + 1, end});
    }
  }
}

// A URL query parameter that signs a request (Azure SAS `sig=`, S3's
// `X-Amz-Signature=`): a credential though no secret word names it.
bool IsSignatureName(std::string_view name) {
  const auto words = KeyWords(name);
  return !words.empty() && (words.back() == "sig" || words.back() == "signature");
}

// A quote escaped once per level of JSON held in a JSON string (`\"x\"`,
// then `\\\"x\\\"`): the value ends at the same quote escaped alike, never at
// a deeper level's quotes inside it; else at the line's end. Past
// kMaxEscapes backslashes, everything to the end is the value.
Span EscapedQuotedValueAt(std::string_view text, std::size_t at, std::string_view stops) {
  constexpr std::size_t kMaxEscapes = 64;  // six levels of nesting
  std::size_t open = at;
  while (open < text.size() && text[open] == '\\') ++open;
  if (open == text.size() || (text[open] != '"' && text[open] != '\'')) {
    std::size_t end = at;
    while (end < text.size() && stops.find(text[end]) == std::string_view::npos) ++end;
    return {at, end};
  }
  const std::size_t escapes = open - at;
  if (escapes > kMaxEscapes) return {open + 1, text.size()};
  std::size_t backslashes = 0;
  for (std::size_t end = open + 1; end < text.size(); ++end) {
    const char c = text[end];
    if (c == '\\') {
      ++backslashes;
      continue;
    }
    if (c == text[open] && backslashes == escapes) return {open + 1, end - escapes};
    if (c == '\n') return {open + 1, end};
    backslashes = 0;
  }
  return {open + 1, text.size()};
}

// Where a value starting at `at` ends: inside its quotes when quoted (the
// quotes stay), a whole `{...}`/`[...]` when it opens one (everything below a
// secret key), else at the first of `stops`.
Span ValueAt(std::string_view text, std::size_t at, std::string_view stops) {
  if (at >= text.size()) return {at, at};
  if (text[at] == '\\') return EscapedQuotedValueAt(text, at, stops);
  const char open = text[at];
  if (open == '"' || open == '\'') {
    std::size_t end = at + 1;
    while (end < text.size() && text[end] != open && text[end] != '\n') end += text[end] == '\\' ? 2 : 1;
    return {at + 1, std::min(end, text.size())};
  }
  if (open == '{' || open == '[') {
    const char close = open == '{' ? '}' : ']';
    int depth = 0;
    char quote = 0;
    for (std::size_t end = at; end < text.size(); ++end) {
      const char c = text[end];
      if (quote) {
        if (c == '\\') ++end;
        else if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == open) {
        ++depth;
      } else if (c == close && --depth == 0) {
        return {at + 1, end};
      }
    }
    return {at + 1, text.size()};
  }
  std::size_t end = at;
  while (end < text.size() && stops.find(text[end]) == std::string_view::npos) ++end;
  return {at, end};
}

// redis.conf's password directives, a directive and a space starting a line
// (`requirepass PW`, `masterauth PW`): a config held in a ConfigMap string.
void FindDirectives(std::string_view text, std::vector<Span>& out) {
  for (std::string_view directive : {"requirepass", "masterauth"}) {
    for (std::size_t pos = text.find(directive); pos != std::string_view::npos;
         pos = text.find(directive, pos + 1)) {
      std::size_t line_start = pos;
      while (line_start > 0 && (text[line_start - 1] == ' ' || text[line_start - 1] == '\t')) --line_start;
      if (line_start > 0 && text[line_start - 1] != '\n') continue;
      std::size_t value = pos + directive.size();
      if (value >= text.size() || (text[value] != ' ' && text[value] != '\t')) continue;
      while (value < text.size() && (text[value] == ' ' || text[value] == '\t')) ++value;
      const Span found = ValueAt(text, value, " \t\r\n");
      if (found.end > found.begin) out.push_back(found);
    }
  }
}

// `NAME=value` (or `NAME: value` at the start of a line) whose NAME is a
// secret key: a Compose `environment:` item, `--db-password=x`, a JDBC query
// `?password=x`, a properties or .env file held in a string; `"NAME": value`
// anywhere (a JSON document held in a string); an XML attribute
// `password="x"`; a query parameter that signs the URL (`sig=`).
void FindAssignments(std::string_view text, const SecretMatcher& secrets, std::vector<Span>& out) {
  for (std::size_t eq = 0; eq < text.size(); ++eq) {
    const char sep = text[eq];
    if (sep != '=' && sep != ':') continue;
    std::size_t name_end = eq;
    while (name_end > 0 && (text[name_end - 1] == ' ' || text[name_end - 1] == '\t')) --name_end;
    std::size_t begin = name_end;
    bool quoted = false;
    if (name_end > 1 && (text[name_end - 1] == '"' || text[name_end - 1] == '\'')) {
      // A quoted name: `"password": "x"` in JSON, `'password' => 'x'` is not one.
      const std::size_t open = text.rfind(text[name_end - 1], name_end - 2);
      if (open == std::string_view::npos || text.substr(open, name_end - open).find('\n') != std::string_view::npos) {
        continue;
      }
      quoted = true;
      begin = open + 1;
      --name_end;
    } else {
      while (begin > 0 && (IsTokenChar(text[begin - 1]) || text[begin - 1] == '.')) --begin;
    }
    if (begin == name_end) continue;
    // Where the name starts: the start of the text or of a line, or (for
    // `=` only) after a separator of arguments or query parameters.
    const std::size_t name_start = quoted ? begin - 1 : begin;
    std::size_t line_start = name_start;
    while (line_start > 0 && (text[line_start - 1] == ' ' || text[line_start - 1] == '\t')) --line_start;
    const bool at_line = line_start == 0 || text[line_start - 1] == '\n';
    const bool after_separator =
        name_start > 0 && std::string_view(" \t?&;,\"'({").find(text[name_start - 1]) != std::string_view::npos;
    const bool in_query = name_start > 0 && (text[name_start - 1] == '?' || text[name_start - 1] == '&');
    if (sep == ':' ? !(at_line || quoted) : !(at_line || after_separator || quoted)) continue;
    if (sep == ':' && eq + 1 < text.size() && text[eq + 1] == '/') continue;  // a URL's scheme
    std::string_view name = text.substr(begin, name_end - begin);
    while (!name.empty() && name.front() == '-') name.remove_prefix(1);
    while (quoted && !name.empty() && name.back() == '\\') name.remove_suffix(1);  // `\"password\"`
    if (name.empty() || !(secrets.IsSecretKey(name) || (in_query && IsSignatureName(name)))) continue;
    std::size_t value = eq + 1;
    while (value < text.size() && (text[value] == ' ' || text[value] == '\t')) ++value;
    // A whole line is the value for a line that starts with the name
    // (`DB_PASSWORD=two words`), but not for an argument (`--password=x -v`).
    const bool whole_line = at_line && !quoted && text[begin] != '-';
    const std::string_view stops =
        whole_line ? std::string_view("\r\n") : std::string_view(" \t\r\n&;,\"')}]<");
    const Span found = ValueAt(text, value, stops);
    if (found.end > found.begin) out.push_back(found);
    eq = std::max(eq, found.end > 0 ? found.end - 1 : 0);
  }
}

// `redis-cli -a PW`, `curl -u user:PW`: the password after a client's flag.
void FindClientFlag(std::string_view text, const ClientFlag& client, std::vector<Span>& out) {
  for (std::size_t pos = text.find(client.flag); pos != std::string_view::npos;
       pos = text.find(client.flag, pos + 1)) {
    if (pos > 0 && !IsSpace(text[pos - 1]) && text[pos - 1] != '"' && text[pos - 1] != '\'') continue;
    std::size_t value = pos + client.flag.size();
    if (value >= text.size() || (text[value] != ' ' && text[value] != '\t')) continue;
    while (value < text.size() && (text[value] == ' ' || text[value] == '\t')) ++value;
    if (value >= text.size() || text[value] == '-') continue;
    Span found = ValueAt(text, value, " \t\r\n;&|)\"'");
    if (client.user_pair) {
      const std::size_t colon = text.find(':', found.begin);
      if (colon >= found.end) continue;  // a user alone: the client asks for the password
      found.begin = colon + 1;
    }
    if (found.end > found.begin) out.push_back(found);
  }
}

// A command-line flag naming a secret, its value after a space:
// `--password PW`, `--api-token PW`; and MySQL's `-pPW` (its password glued to
// the flag) in a command that runs a MySQL client.
void FindFlags(std::string_view text, const SecretMatcher& secrets, std::vector<Span>& out) {
  for (std::size_t pos = text.find("--"); pos != std::string_view::npos; pos = text.find("--", pos + 2)) {
    if (pos > 0 && !IsSpace(text[pos - 1]) && text[pos - 1] != '"' && text[pos - 1] != '\'') continue;
    const std::size_t end = TokenEnd(text, pos + 2);
    if (end == pos + 2 || end >= text.size() || !IsSpace(text[end]) || text[end] == '\n') continue;
    if (!secrets.IsSecretKey(text.substr(pos + 2, end - pos - 2))) continue;
    std::size_t value = end;
    while (value < text.size() && (text[value] == ' ' || text[value] == '\t')) ++value;
    if (value >= text.size() || text[value] == '-') continue;
    const Span found = ValueAt(text, value, " \t\r\n;&|)\"'");
    if (found.end > found.begin) out.push_back(found);
  }
  for (const ClientFlag& client : kClientFlags) {
    if (RunsClient(text, client.client)) FindClientFlag(text, client, out);
  }
  if (!RunsMysqlClient(text)) return;
  for (std::size_t pos = text.find("-p"); pos != std::string_view::npos; pos = text.find("-p", pos + 1)) {
    if (pos > 0 && !IsSpace(text[pos - 1]) && text[pos - 1] != '"' && text[pos - 1] != '\'') continue;
    std::size_t end = pos + 2;
    while (end < text.size() && !IsSpace(text[end]) && text[end] != '"' && text[end] != '\'') ++end;
    if (end > pos + 2) out.push_back({pos + 2, end});
  }
}

// Everything after the scheme of an Authorization header, whatever the scheme
// (`Bearer X`, `Digest username="u", response="X"`), and `Bearer X` anywhere.
// Where `needle` (lower-case) occurs in `text` from `from`, in any case.
std::size_t FindAnyCase(std::string_view text, std::string_view needle, std::size_t from) {
  for (std::size_t pos = from; pos + needle.size() <= text.size(); ++pos) {
    std::size_t i = 0;
    // ASCII lower-casing inline: this runs over every string a run compares.
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    while (i < needle.size() && lower(text[pos + i]) == needle[i]) ++i;
    if (i == needle.size()) return pos;
  }
  return std::string_view::npos;
}

void FindAuthorization(std::string_view text, std::vector<Span>& out) {
  const std::string_view lower = text;  // searched in any case below
  auto credential_after = [&](std::size_t at) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    std::size_t end = at;
    while (end < text.size() && !IsSpace(text[end]) && text[end] != '"' && text[end] != '\'' && text[end] != ',') ++end;
    return Span{at, end};
  };
  for (std::size_t pos = FindAnyCase(lower, "authorization", 0); pos != std::string_view::npos;
       pos = FindAnyCase(lower, "authorization", pos + 1)) {
    std::size_t at = pos + 13;
    if (lower.substr(at).starts_with("\"")) ++at;
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    if (at >= text.size() || (text[at] != ':' && text[at] != '=')) continue;
    ++at;
    // A header held in quotes ends at the closing quote, else at the line's end.
    char quote = pos > 0 && (text[pos - 1] == '"' || text[pos - 1] == '\'') ? text[pos - 1] : '\0';
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '"')) {
      if (text[at] == '"') quote = '"';
      ++at;
    }
    Span first = credential_after(at);
    Span second = credential_after(first.end);
    // `Bearer X`: the scheme, then the credential; `X` alone: the credential.
    // Whatever the scheme (Digest's `response="..."`, AWS4's `Signature=...`),
    // everything after it on its line is the credential.
    if (second.end > second.begin && second.begin < text.size() && text[second.begin - 1] != '\n') {
      std::size_t end = std::min(text.find('\n', second.begin), text.size());
      if (quote != '\0') end = std::min(end, std::min(text.find(quote, second.begin), text.size()));
      while (end > second.begin && IsSpace(text[end - 1])) --end;
      out.push_back({second.begin, end});
    } else if (first.end > first.begin) {
      out.push_back(first);
    }
  }
  for (std::size_t pos = FindAnyCase(lower, "bearer ", 0); pos != std::string_view::npos;
       pos = FindAnyCase(lower, "bearer ", pos + 1)) {
    if (!AtWordStart(text, pos)) continue;
    // Any length: a short token is as secret as a long one.
    const Span token = credential_after(pos + 7);
    const bool tokenish = token.end > token.begin &&
                          std::all_of(text.begin() + static_cast<std::ptrdiff_t>(token.begin),
                                      text.begin() + static_cast<std::ptrdiff_t>(token.end), [](char c) {
                                        return IsAlnum(c) || std::string_view("-._~+/=:").find(c) !=
                                                                 std::string_view::npos;
                                      });
    if (tokenish) out.push_back(token);
  }
}

// Webhook URLs whose path is the credential: Slack's
// `https://hooks.slack.com/services/T.../B.../X...`, Discord's, Teams'.
void FindWebhooks(std::string_view text, std::vector<Span>& out) {
  for (std::string_view host : {"hooks.slack.com/services/", "hooks.slack.com/workflows/",
                                "hooks.slack.com/triggers/", "discord.com/api/webhooks/",
                                "discordapp.com/api/webhooks/", ".webhook.office.com/"}) {
    for (std::size_t pos = text.find(host); pos != std::string_view::npos; pos = text.find(host, pos + 1)) {
      const std::size_t start = pos + host.size();
      std::size_t end = start;
      while (end < text.size() && !IsSpace(text[end]) && text[end] != '"' && text[end] != '\'' && text[end] != '?' &&
             text[end] != '#') {
        ++end;
      }
      if (end > start) out.push_back({start, end});
    }
  }
}

// XML held in a string: an element named by a secret key
// (`<password>x</password>`), and .NET's `<add key="DbPassword" value="x"/>`.
void FindXml(std::string_view text, const SecretMatcher& secrets, std::vector<Span>& out) {
  for (std::size_t open = text.find('<'); open != std::string_view::npos; open = text.find('<', open + 1)) {
    const std::size_t close = text.find('>', open);
    if (close == std::string_view::npos) return;
    const std::string_view tag = text.substr(open + 1, close - open - 1);
    const std::size_t name_end = std::min(tag.find_first_of(" \t\r\n/"), tag.size());
    const std::string_view name = tag.substr(0, name_end);
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) continue;
    if (tag.ends_with('/') ? false : secrets.IsSecretKey(name)) {
      // `<password><![CDATA[x]]></password>`: the CDATA section's text.
      constexpr std::string_view kCdata = "<![CDATA[";
      if (text.substr(close + 1).starts_with(kCdata)) {
        const std::size_t begin = close + 1 + kCdata.size();
        const std::size_t end = std::min(text.find("]]>", begin), text.size());
        if (end > begin) out.push_back({begin, end});
      } else {
        const std::size_t end = text.find('<', close + 1);
        if (end != std::string_view::npos && end > close + 1) out.push_back({close + 1, end});
      }
    }
    // `key="..."` or `name="..."` naming a secret, and its `value="..."`.
    bool names_secret = false;
    for (std::string_view field : {"key=", "name="}) {
      const std::size_t at = tag.find(field);
      if (at == std::string_view::npos || at == 0 || !IsSpace(tag[at - 1]) || at + field.size() >= tag.size()) continue;
      const Span named = ValueAt(tag, at + field.size(), " \t/");
      names_secret = names_secret || secrets.IsSecretKey(tag.substr(named.begin, named.end - named.begin));
    }
    const std::size_t value = tag.find("value=");
    if (names_secret && value != std::string_view::npos && value > 0 && IsSpace(tag[value - 1])) {
      const Span found = ValueAt(tag, value + 6, " \t/");
      if (found.end > found.begin) out.push_back({open + 1 + found.begin, open + 1 + found.end});
    }
  }
}

// `-----BEGIN RSA PRIVATE KEY-----` through its END line (or the text's end).
void FindPrivateKeys(std::string_view text, std::vector<Span>& out) {
  for (std::size_t pos = text.find("-----BEGIN "); pos != std::string_view::npos;
       pos = text.find("-----BEGIN ", pos + 1)) {
    const std::size_t header_end = text.find("-----", pos + 11);
    if (header_end == std::string_view::npos) break;
    if (text.substr(pos, header_end - pos).find("PRIVATE KEY") == std::string_view::npos) continue;
    const std::size_t end_marker = text.find("-----END ", header_end);
    std::size_t end = text.size();
    if (end_marker != std::string_view::npos) {
      const std::size_t close = text.find("-----", end_marker + 9);
      end = close == std::string_view::npos ? text.size() : close + 5;
    }
    out.push_back({pos, end});
    pos = end - 1;
  }
}


// Vendor tokens by their documented prefixes; the prefix stays visible.
constexpr std::string_view kTokenPrefixes[] = {
    "sk_live_", "rk_live_", "sk_test_", "rk_test_", "whsec_",  // Stripe
    "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",    // GitHub
    "glpat-",                                                 // GitLab
    "xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-",              // Slack
    "npm_",                                                   // npm
};

void FindVendorTokens(std::string_view text, std::vector<Span>& out) {
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (!AtWordStart(text, pos)) continue;
    for (std::string_view prefix : kTokenPrefixes) {
      if (text.substr(pos).starts_with(prefix)) {
        const std::size_t end = TokenEnd(text, pos + prefix.size());
        if (end - pos - prefix.size() >= 6) out.push_back({pos + prefix.size(), end});
        break;
      }
    }
  }
}

// AWS access key ids (`AKIA` or `ASIA` and 16 upper-case letters or digits)
// and Google API keys (`AIza` and 35 characters).
void FindCloudKeys(std::string_view text, std::vector<Span>& out) {
  auto upper_or_digit = [](char c) { return (c >= 'A' && c <= 'Z') || IsDigit(c); };
  for (std::size_t pos = 0; pos + 4 <= text.size(); ++pos) {
    if (!AtWordStart(text, pos)) continue;
    const std::string_view head = text.substr(pos, 4);
    if (head == "AKIA" || head == "ASIA") {
      std::size_t end = pos + 4;
      while (end < text.size() && upper_or_digit(text[end])) ++end;
      if (end - pos == 20 && (end == text.size() || !IsAlnum(text[end]))) out.push_back({pos + 4, end});
    } else if (head == "AIza") {
      const std::size_t end = TokenEnd(text, pos + 4);
      if (end - pos == 39) out.push_back({pos + 4, end});
    }
  }
}

// JSON Web Tokens: three base64url parts, the first a JSON object (`eyJ`).
void FindJwts(std::string_view text, std::vector<Span>& out) {
  for (std::size_t pos = text.find("eyJ"); pos != std::string_view::npos; pos = text.find("eyJ", pos + 1)) {
    if (!AtWordStart(text, pos)) continue;
    std::size_t end = TokenEnd(text, pos);
    int parts = 1;
    while (end < text.size() && text[end] == '.' && parts < 3) {
      end = TokenEnd(text, end + 1);
      ++parts;
    }
    if (parts == 3 && end - pos >= 20) {
      out.push_back({pos, end});
      pos = end - 1;
    }
  }
}

struct Salt {
  std::mutex mutex;
  std::uint64_t k0 = 0, k1 = 0;
};

Salt& TheSalt() {
  static Salt salt;
  return salt;
}

}  // namespace

const std::vector<ValueDetector>& ValueDetectors() {
  static const std::vector<ValueDetector> kDetectors = {
      {"url-password", "the password in a URL's userinfo, in any scheme: postgres://app:<redacted>@db/app "
                       "(SQLAlchemy and JDBC forms too)"},
      {"secret-assignment", "NAME=value, or NAME: value starting a line, whose NAME is a secret key: "
                            "Compose environment items, --db-password=x, ?password=x, ?access_token=x, "
                            "a properties, .env or YAML document held in a string; \"NAME\": value "
                            "anywhere (JSON held in a string); an XML attribute password=\"x\"; redis.conf's "
                            "requirepass PW and masterauth PW lines"},
      {"signed-url", "a query parameter that signs a URL: sig= (Azure SAS), X-Amz-Signature=, "
                     "X-Goog-Signature=, signature="},
      {"command-flag", "a flag naming a secret with its value after a space (--password PW, --api-token PW), "
                       "in a command string or as the next item of an argument list; MySQL's -pPW in a "
                       "command running mysql, mysqldump, mysqladmin or mariadb; redis-cli -a PW, "
                       "sshpass -p PW, mongosh -p PW, curl -u user:PW"},
      {"authorization", "everything after the scheme of an Authorization header, whatever the scheme "
                        "(Bearer, Basic, token, Digest, AWS4-HMAC-SHA256), and the token after Bearer anywhere"},
      {"webhook-url", "webhook URLs whose path is the credential: hooks.slack.com/services/..., "
                      "discord.com/api/webhooks/..., *.webhook.office.com/..."},
      {"xml-secret", "XML held in a string: an element named by a secret key (<password>x</password>) "
                     "and <add key=\"DbPassword\" value=\"x\"/>"},
      {"name-value-pair", "{name: NAME, value: V} whose NAME is a secret key: Kubernetes, Helm and "
                          "ECS env lists"},
      {"credential-key", "a map key that is itself a credential (a token, a URL with a password): the key "
                         "prints as a fingerprint and the value under it is secret"},
      {"private-key", "PEM private-key blocks (-----BEGIN ... PRIVATE KEY-----)"},
      {"cloud-key", "AWS access key ids (AKIA..., ASIA...) and Google API keys (AIza...)"},
      {"vendor-token", "tokens by their vendor prefix: sk_live_, rk_live_, sk_test_, whsec_ (Stripe), "
                       "ghp_, gho_, ghu_, ghs_, ghr_, github_pat_ (GitHub), glpat- (GitLab), "
                       "xoxa-, xoxb-, xoxp-, xoxr-, xoxs- (Slack), npm_"},
      {"jwt", "JSON Web Tokens: eyJ... in three dot-separated parts"},
  };
  return kDetectors;
}

namespace {

// Every span a detector finds, sorted and merged.
std::vector<Span> CredentialSpans(std::string_view text, const SecretMatcher& secrets) {
  std::vector<Span> spans;
  FindPrivateKeys(text, spans);
  FindUrlPasswords(text, spans);
  FindAssignments(text, secrets, spans);
  FindDirectives(text, spans);
  FindFlags(text, secrets, spans);
  FindAuthorization(text, spans);
  FindWebhooks(text, spans);
  FindXml(text, secrets, spans);
  FindVendorTokens(text, spans);
  FindCloudKeys(text, spans);
  FindJwts(text, spans);
  if (spans.empty()) return spans;
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (const Span& span : spans) {
    if (!merged.empty() && span.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, span.end);
    } else {
      merged.push_back(span);
    }
  }
  return merged;
}

}  // namespace

std::string RedactCredentials(std::string_view text, const SecretMatcher& secrets, bool* found) {
  const std::vector<Span> merged = CredentialSpans(text, secrets);
  if (found) *found = !merged.empty();
  if (merged.empty()) return std::string(text);
  std::string out;
  std::size_t at = 0;
  for (const Span& span : merged) {
    out.append(text.substr(at, span.begin - at));
    out.append(kRedactedText);
    at = span.end;
  }
  out.append(text.substr(at));
  return out;
}

bool IsSecretArgument(const std::vector<std::string_view>& args, std::size_t i, const SecretMatcher& secrets) {
  if (i >= args.size()) return false;
  if (i > 0 && args[i - 1].starts_with("--") && args[i - 1].find('=') == std::string_view::npos &&
      !args[i].starts_with('-') && secrets.IsSecretKey(args[i - 1].substr(2))) {
    return true;
  }
  for (const ClientFlag& client : kClientFlags) {
    if (i == 0 || args[i - 1] != client.flag || args[i].starts_with('-')) continue;
    if (client.user_pair && args[i].find(':') == std::string_view::npos) continue;
    if (std::any_of(args.begin(), args.end(), [&](std::string_view arg) {
          return !arg.starts_with('-') && RunsClient(arg, client.client);
        })) {
      return true;
    }
  }
  if (!args[i].starts_with("-p") || args[i].size() <= 2 || args[i].starts_with("-p ")) return false;
  return std::any_of(args.begin(), args.end(), [](std::string_view arg) {
    return RunsMysqlClient(arg) && !arg.starts_with('-');
  });
}

std::vector<std::string_view> FindCredentials(std::string_view text, const SecretMatcher& secrets) {
  std::vector<std::string_view> out;
  for (const Span& span : CredentialSpans(text, secrets)) out.push_back(text.substr(span.begin, span.end - span.begin));
  return out;
}

bool HoldsCredential(std::string_view text, const SecretMatcher& secrets) {
  return !CredentialSpans(text, secrets).empty();
}

namespace {

std::uint64_t Rotl(std::uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

void SipRound(std::uint64_t& v0, std::uint64_t& v1, std::uint64_t& v2, std::uint64_t& v3) {
  v0 += v1;
  v1 = Rotl(v1, 13);
  v1 ^= v0;
  v0 = Rotl(v0, 32);
  v2 += v3;
  v3 = Rotl(v3, 16);
  v3 ^= v2;
  v0 += v3;
  v3 = Rotl(v3, 21);
  v3 ^= v0;
  v2 += v1;
  v1 = Rotl(v1, 17);
  v1 ^= v2;
  v2 = Rotl(v2, 32);
}

}  // namespace

std::uint64_t SipHash24(std::string_view bytes, std::uint64_t k0, std::uint64_t k1) {
  std::uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
  std::uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
  std::uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
  std::uint64_t v3 = k1 ^ 0x7465646279746573ULL;
  const std::size_t whole = bytes.size() / 8 * 8;
  auto word = [&](std::size_t at, std::size_t n) {
    std::uint64_t m = 0;
    for (std::size_t i = 0; i < n; ++i) m |= std::uint64_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
    return m;
  };
  auto absorb = [&](std::uint64_t m) {
    v3 ^= m;
    SipRound(v0, v1, v2, v3);
    SipRound(v0, v1, v2, v3);
    v0 ^= m;
  };
  for (std::size_t at = 0; at < whole; at += 8) absorb(word(at, 8));
  absorb(word(whole, bytes.size() - whole) | (std::uint64_t{bytes.size() & 0xff} << 56));
  v2 ^= 0xff;
  for (int i = 0; i < 4; ++i) SipRound(v0, v1, v2, v3);
  return v0 ^ v1 ^ v2 ^ v3;
}

void SetFingerprintSalt(std::string salt) {
  // The 128-bit key is derived from the salt by SipHash under two fixed keys.
  const std::uint64_t k0 = SipHash24(salt, 0x6472696674636865ULL, 0x636b2d6b65792d30ULL);
  const std::uint64_t k1 = SipHash24(salt, 0x6472696674636865ULL, 0x636b2d6b65792d31ULL);
  Salt& state = TheSalt();
  const std::lock_guard<std::mutex> lock(state.mutex);
  state.k0 = k0;
  state.k1 = k1;
}

std::uint64_t SecretDigest(std::string_view secret) {
  Salt& salt = TheSalt();
  std::uint64_t k0 = 0, k1 = 0;
  {
    const std::lock_guard<std::mutex> lock(salt.mutex);
    k0 = salt.k0;
    k1 = salt.k1;
  }
  return SipHash24(secret, k0, k1);
}

namespace {

std::string FingerprintText(std::uint64_t digest, int digits) {
  constexpr char kHex[] = "0123456789abcdef";
  std::string out = "<redacted:";
  for (int i = 0; i < digits; ++i) out += kHex[(digest >> (60 - 4 * i)) & 0xF];
  return out + ">";
}

// Leading hex digits two digests share.
int SharedDigits(std::uint64_t a, std::uint64_t b) {
  const std::uint64_t x = a ^ b;
  return x == 0 ? 16 : std::countl_zero(x) / 4;
}

}  // namespace

bool HoldsRedactionMarker(std::string_view text) { return text.find("<redacted") != std::string_view::npos; }

std::string SecretFingerprint(std::string_view secret) {
  return FingerprintText(SecretDigest(secret), kFingerprintDigits);
}

std::string FingerprintAmong(std::uint64_t digest, const std::vector<std::uint64_t>& siblings) {
  // Sorted, so only the nearest smaller and larger digests can share the most digits.
  int digits = kFingerprintDigits;
  auto it = std::lower_bound(siblings.begin(), siblings.end(), digest);
  auto above = std::upper_bound(it, siblings.end(), digest);
  if (it != siblings.begin()) digits = std::max(digits, SharedDigits(*std::prev(it), digest) + 1);
  if (above != siblings.end()) digits = std::max(digits, SharedDigits(*above, digest) + 1);
  return FingerprintText(digest, std::min(digits, 16));
}

std::size_t SecretTailStart(std::string_view key, const SecretMatcher& secrets) {
  std::size_t level = 0;
  for (std::size_t i = 0; i < key.size(); ++i) {
    std::size_t separator = 0;
    if (key[i] == '.' || key[i] == '/' || key[i] == ':') separator = 1;
    if (key.substr(i).starts_with("__")) separator = 2;
    if (separator == 0) continue;
    const std::size_t tail = i + separator;
    if (tail < key.size() && secrets.IsSecretKey(key.substr(level, i - level))) return tail;
    level = tail;
    i = tail - 1;
  }
  return std::string_view::npos;
}

}  // namespace driftcheck
