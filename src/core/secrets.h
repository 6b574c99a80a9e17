#pragma once
// Which keys hold secrets, and which secret values cannot be credentials.
//
// Which keys are secret. A key is split into words: at every character that
// is not a letter or digit and at camelCase humps, lower-cased, trailing
// digits dropped (`password2` -> `password`) and all-digit words dropped. A
// secret key (`api_key`) is split the same way. The key is secret when, for
// one secret key S:
//   1. its words contain S's words in a row: `DB_PASSWORD`, `apiKey`,
//      `client-secret`, `aws_access_key_id`, `DB_PASSWORD1`;
//   2. one of its words is S written as one word: `apikey`, `APIKEY`,
//      `privatekey`, `accesskey`, `pwd`;
//   3. S, written as one word, has five letters or more and one of the key's
//      words ends with it (`accesstoken`, `authtoken`, `clientsecret`,
//      `dbpassword`), or is S followed by `key`, `value` or `hash`
//      (`secretkey`, `tokenvalue`, `passwordhash`).
// The key's last word may be plural (`passwords`, `api_keys`, `accesstokens`),
// and a plural secret key (`credentials`) also matches its singular.
// A key that names where a secret is kept is plain: its last word is ref,
// reference, name, arn, path, file, filename, env, var, store, provider or
// mount (plural too), or its first word is `existing`: `secretKeyRef`,
// `secretName`, `passwordFile`, `token_path`, `existingSecret`.
// A secret word inside another word does not count: `tokens_per_minute`,
// `passwordless_login_enabled`, `tokenizer`, `secretary`, `keyboard`,
// `product` and `pwdless` stay plain. Rule 3 needs five letters so that a
// short secret key (`pwd`, or a manifest's `pin`) never fires inside words
// such as `spin`.

#include <cstdint>
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
  struct Needle {
    std::vector<std::string> words;  // `api_key` -> {api, key}
    std::string joined;              // `apikey`
  };
  bool Matches(const std::vector<std::string>& words) const;

  std::vector<Needle> needles_;
};

/// Whether a key names where a secret is kept (a reference) rather than
/// holding one: `secretKeyRef`, `valueFrom`, `secretName`, `existingSecret`.
bool NamesWhereSecretIsKept(std::string_view key);

/// Splits a key into lower-case words: "dbPassword_2" -> {"db", "password", "2"}.
std::vector<std::string> KeyWords(std::string_view key);

/// Whether a secret's value is only a reference filled in at deploy time, so
/// two environments holding the same text do not share a credential. The
/// value, trimmed, is one or more references with nothing between or around
/// them but characters that are neither letters nor digits:
///   `${NAME}` (shell, Compose, Spring), `${{ expr }}` (GitHub Actions),
///   `$(NAME)` (Kubernetes, Azure Pipelines), `#{NAME}` (Octopus),
///   `((name))` (Concourse, CredHub), `{{ expr }}` (Helm, Go, Jinja),
///   `<%= expr %>` (ERB).
/// A reference that can fall back to literal text still may hold a
/// credential and does not count: `${VAR:-x}`, `${VAR:prototype}`,
/// `{{ .Values.x | default "x" }}`, `<%= ENV["X"] || "x" %>`, or an
/// expression that names nothing outside quotes (`{{ "x" }}`). `%(name)s`
/// is not a reference here: configparser fills it from the same file.
bool IsDeployTimeReference(std::string_view value);

/// Whether a secret's value is empty or only whitespace: nothing to reuse.
bool IsEmptySecretValue(std::string_view value);

/// Whether a secret's value can be a credential: neither empty nor only a
/// deploy-time reference. Equal values that cannot are not a `same-secret`.
bool MayBeCredential(std::string_view value);

// ---- Value detectors: credentials found by their shape, whatever the key ---

/// One value detector, as the README and tests list them.
struct ValueDetector {
  std::string_view name;
  std::string_view description;
};

/// Every value detector RedactCredentials applies (the name/value pair
/// detector works on maps and lives with the value redaction in reports).
const std::vector<ValueDetector>& ValueDetectors();

/// `text` with every credential a value detector finds replaced by
/// "<redacted>": only the password of a URL (`postgres://app:<redacted>@db/app`),
/// the value of `DB_PASSWORD=...`, a private-key block, the body of a vendor
/// token after its prefix (`ghp_<redacted>`). `found` says whether any was.
std::string RedactCredentials(std::string_view text, const SecretMatcher& secrets, bool* found = nullptr);

/// Whether any value detector finds a credential in `text`.
bool HoldsCredential(std::string_view text, const SecretMatcher& secrets);

/// Whether `text` holds what reads like a redaction a report prints
/// (`<redacted>`, `<redacted:3fa9c0d2>`). Configuration text that does is
/// never printed as is (a key prints as a fingerprint, a value escaped), so
/// every redaction a report shows is one driftcheck made.
bool HoldsRedactionMarker(std::string_view text);

/// The salt secret digests are keyed with: the manifest's
/// `fingerprint_salt`, or its text. Set once per run, before any fingerprint.
void SetFingerprintSalt(std::string salt);

/// SipHash-2-4 of `bytes` under the 128-bit key (k0, k1): a keyed
/// pseudo-random function, so without the key no output can be computed or
/// checked, even from other outputs whose inputs are known.
std::uint64_t SipHash24(std::string_view bytes, std::uint64_t k0, std::uint64_t k1);

/// A secret's digest: SipHash-2-4 keyed by the salt. What fingerprints and
/// the ids of findings below a secret are made from.
std::uint64_t SecretDigest(std::string_view secret);

/// How many hex digits a fingerprint shows at least.
inline constexpr int kFingerprintDigits = 8;

/// A secret that must stay apart from its siblings in a path (a map key below
/// a secret key, a list item named by a secret field), as `<redacted:3fa9c0d2>`:
/// the first kFingerprintDigits hex digits of its digest, stable across runs,
/// and keyed by the salt, so a reader without the repository cannot confirm a
/// guess.
std::string SecretFingerprint(std::string_view secret);

/// The fingerprint of `digest` among the digests of the secrets printed beside
/// it (`siblings`, sorted; equal ones are the same secret): one more digit than
/// it shares with any other, at least kFingerprintDigits, so two siblings never
/// print alike. Deterministic: it depends on the set of siblings only.
std::string FingerprintAmong(std::uint64_t digest, const std::vector<std::uint64_t>& siblings);

/// Where the part of a flat key below a secret level starts: a key is cut
/// into levels at `.`, `/`, `:` and `__`, and when a level other than the last
/// is secret (`app.secrets.sub.key`, `API__TOKENS__BILLING`), everything after
/// it is secret like the keys below a secret map key: 12 for `app.secrets.sub.key`.
/// npos when no such level.
std::size_t SecretTailStart(std::string_view key, const SecretMatcher& secrets);

/// Whether item `i` of a command's argument list (`args:`, `command:`) is a
/// secret: the value after a flag naming a secret (`[--password, PW]`), or
/// MySQL's `-pPW` in a list that runs a MySQL client (`[mysql, -uroot, -pPW]`).
/// `--password=PW` in one item is the `secret-assignment` detector's.
bool IsSecretArgument(const std::vector<std::string_view>& args, std::size_t i, const SecretMatcher& secrets);

/// Each credential a value detector finds in `text`, as a view of it: the
/// password of a URL, the value of `DB_PASSWORD=...`, a token's body.
std::vector<std::string_view> FindCredentials(std::string_view text, const SecretMatcher& secrets);

}  // namespace driftcheck
