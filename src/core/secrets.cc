#include "core/secrets.h"

#include <algorithm>
#include <array>
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
      "password", "passwd",      "pwd",        "pass",       "secret",
      "token",    "api_key",     "private_key", "access_key", "credentials"};
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
    const std::size_t at = text.substr(start, end - start).rfind('@');
    if (at != std::string_view::npos) {
      const std::string_view userinfo = text.substr(start, at);
      const std::size_t colon = userinfo.find(':');
      if (colon != std::string_view::npos && colon + 1 < userinfo.size()) {
        out.push_back({start + colon + 1, start + at});
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

// `NAME=value` (or `NAME: value` at the start of a line) whose NAME is a
// secret key: a Compose `environment:` item, `--db-password=x`, a JDBC query
// `?password=x`, a properties or .env file held in a string.
void FindAssignments(std::string_view text, const SecretMatcher& secrets, std::vector<Span>& out) {
  for (std::size_t eq = 0; eq < text.size(); ++eq) {
    const char sep = text[eq];
    if (sep != '=' && sep != ':') continue;
    std::size_t name_end = eq;
    while (name_end > 0 && (text[name_end - 1] == ' ' || text[name_end - 1] == '\t')) --name_end;
    std::size_t begin = name_end;
    while (begin > 0 && (IsTokenChar(text[begin - 1]) || text[begin - 1] == '.')) --begin;
    if (begin == name_end) continue;
    // Where the name starts: the start of the text or of a line, or (for
    // `=` only) after a separator of arguments or query parameters.
    std::size_t line_start = begin;
    while (line_start > 0 && (text[line_start - 1] == ' ' || text[line_start - 1] == '\t')) --line_start;
    const bool at_line = line_start == 0 || text[line_start - 1] == '\n';
    const bool after_separator =
        begin > 0 && std::string_view(" \t?&;,\"'(").find(text[begin - 1]) != std::string_view::npos;
    if (sep == ':' ? !at_line : !(at_line || after_separator)) continue;
    if (sep == ':' && eq + 1 < text.size() && text[eq + 1] == '/') continue;  // a URL's scheme
    std::string_view name = text.substr(begin, name_end - begin);
    while (!name.empty() && name.front() == '-') name.remove_prefix(1);
    if (name.empty() || !secrets.IsSecretKey(name)) continue;
    std::size_t value = eq + 1;
    while (value < text.size() && (text[value] == ' ' || text[value] == '\t')) ++value;
    std::size_t end = value;
    // A whole line is the value for a line that starts with the name
    // (`DB_PASSWORD=two words`), but not for an argument (`--password=x -v`).
    const bool whole_line = at_line && text[begin] != '-';
    const std::string_view stops = whole_line ? std::string_view("\r\n") : std::string_view(" \t\r\n&;,\"')");
    while (end < text.size() && stops.find(text[end]) == std::string_view::npos) ++end;
    if (end > value) out.push_back({value, end});
    eq = end > eq ? end - 1 : eq;
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

bool AtWordStart(std::string_view text, std::size_t pos) { return pos == 0 || !IsTokenChar(text[pos - 1]); }

std::size_t TokenEnd(std::string_view text, std::size_t pos) {
  while (pos < text.size() && IsTokenChar(text[pos])) ++pos;
  return pos;
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
  std::uint64_t key = 0;
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
      {"secret-assignment", "NAME=value (or NAME: value starting a line) whose NAME is a secret key: "
                            "Compose environment items, --db-password=x, ?password=x"},
      {"name-value-pair", "{name: NAME, value: V} whose NAME is a secret key: Kubernetes, Helm and "
                          "ECS env lists"},
      {"private-key", "PEM private-key blocks (-----BEGIN ... PRIVATE KEY-----)"},
      {"cloud-key", "AWS access key ids (AKIA..., ASIA...) and Google API keys (AIza...)"},
      {"vendor-token", "tokens by their vendor prefix: sk_live_, rk_live_, sk_test_, whsec_ (Stripe), "
                       "ghp_, gho_, ghu_, ghs_, ghr_, github_pat_ (GitHub), glpat- (GitLab), "
                       "xoxa-, xoxb-, xoxp-, xoxr-, xoxs- (Slack), npm_"},
      {"jwt", "JSON Web Tokens: eyJ... in three dot-separated parts"},
  };
  return kDetectors;
}

std::string RedactCredentials(std::string_view text, const SecretMatcher& secrets, bool* found) {
  std::vector<Span> spans;
  FindPrivateKeys(text, spans);
  FindUrlPasswords(text, spans);
  FindAssignments(text, secrets, spans);
  FindVendorTokens(text, spans);
  FindCloudKeys(text, spans);
  FindJwts(text, spans);
  if (found) *found = !spans.empty();
  if (spans.empty()) return std::string(text);
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (const Span& span : spans) {
    if (!merged.empty() && span.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, span.end);
    } else {
      merged.push_back(span);
    }
  }
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

bool HoldsCredential(std::string_view text, const SecretMatcher& secrets) {
  bool found = false;
  (void)RedactCredentials(text, secrets, &found);
  return found;
}

void SetFingerprintSalt(std::string salt) {
  Salt& state = TheSalt();
  const std::lock_guard<std::mutex> lock(state.mutex);
  state.key = Hash64(salt) ^ Hash64("driftcheck-fingerprint");
}

std::string SecretFingerprint(std::string_view secret) {
  Salt& salt = TheSalt();
  std::uint64_t key = 0;
  {
    const std::lock_guard<std::mutex> lock(salt.mutex);
    key = salt.key;
  }
  // Keyed by the salt: without it, a guess cannot be checked against the print.
  const std::uint64_t keyed = Hash64(secret, key);
  constexpr char kHex[] = "0123456789abcdef";
  std::string out = "<redacted:";
  for (int shift = 60; shift >= 48; shift -= 4) out += kHex[(keyed >> shift) & 0xF];
  return out + ">";
}

}  // namespace driftcheck
