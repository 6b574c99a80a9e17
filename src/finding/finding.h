#pragma once
// Finding and Report: the one list of results every output format and the
// exit code are rendered from.

#include <array>
#include <cstdint>
#include <ostream>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "config/value.h"
#include "core/location.h"
#include "core/piece_list.h"
#include "core/secrets.h"
#include "finding/boxed.h"
#include "finding/shared_placeholders.h"
#include "finding/shared_text.h"

namespace driftcheck {

class DiffPolicy;
class Path;

/// A value's fingerprint (ValueFingerprint): 64 bits, printed as 16 hex
/// digits, or unset. Eight bytes, not a 16-digit string (which outgrows the
/// small-string buffer): every finding holds two (issue 25's memory).
class ValueDigest {
 public:
  ValueDigest() = default;
  /// The digest of `hash`; a hash of 0 (one in 2^64) is taken as 1, since 0
  /// means unset.
  static ValueDigest Of(std::uint64_t hash) { return ValueDigest(hash == 0 ? 1 : hash); }
  /// A digest as bits() gave it (0 = unset): the persistent cache's form.
  static ValueDigest FromBits(std::uint64_t bits) { return ValueDigest(bits); }

  bool has_value() const { return bits_ != 0; }
  std::uint64_t bits() const { return bits_; }
  /// 16 hex digits, or "" when unset: how a baseline records it.
  std::string hex() const;
  friend bool operator==(ValueDigest, ValueDigest) = default;

 private:
  explicit ValueDigest(std::uint64_t bits) : bits_(bits) {}
  std::uint64_t bits_ = 0;
};

/// A finding's id: 16 hex digits (Finding::AssignId), or empty before one is
/// set. Held in place in 16 bytes: as a std::string its 16 characters
/// outgrew the small-string buffer, an allocation per finding.
class FindingId {
 public:
  static constexpr std::size_t kSize = 16;
  FindingId() = default;
  /// `text` of at most kSize characters, none of them NUL (an id is hex
  /// digits); std::length_error for a longer one, which no id is.
  FindingId(std::string_view text);  // NOLINT: an id is its text
  FindingId(const std::string& text) : FindingId(std::string_view(text)) {}  // NOLINT
  FindingId(const char* text) : FindingId(std::string_view(text)) {}         // NOLINT

  std::string_view view() const { return {text_.data(), size()}; }
  operator std::string_view() const { return view(); }  // NOLINT: reads as its text
  std::string str() const { return std::string(view()); }
  std::size_t size() const;
  bool empty() const { return text_[0] == '\0'; }

  friend bool operator==(const FindingId& a, const FindingId& b) = default;
  friend auto operator<=>(const FindingId& a, const FindingId& b) = default;
  friend bool operator==(const FindingId& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const FindingId& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const FindingId& a, const char* b) { return a.view() == b; }
  friend std::string operator+(const FindingId& a, std::string_view b) { return a.str().append(b); }
  friend std::string operator+(std::string_view a, const FindingId& b) { return std::string(a).append(b.view()); }
  friend std::ostream& operator<<(std::ostream& out, const FindingId& id) { return out << id.view(); }

 private:
  std::array<char, kSize> text_{};  // NUL-padded
};

/// Hashes a FindingId as its text, for unordered containers keyed by id.
struct FindingIdHash {
  std::size_t operator()(const FindingId& id) const { return std::hash<std::string_view>{}(id.view()); }
};

/// A value as a report may show it. A secret's content is never stored here,
/// so no writer can print it by accident: only whether it was present, and
/// (for a pair) whether the two were equal. Secret entries nested inside a
/// shown subtree are replaced by the string "<redacted>".
class ShownValue {
 public:
  /// The side has no value at this path (or no file).
  static ShownValue Absent();
  /// A secret value: shown as <redacted>.
  static ShownValue Redacted();
  /// A whole file or document: only that it exists is shown, as (present).
  static ShownValue Present();
  /// A value shown whole, through the one redaction point: entries below a
  /// secret key, subtrees `marks` (a schema, `normalize:`) says are secret
  /// below the path `at`, the value of a `{name: SECRET_KEY, value: ...}`
  /// pair, and credentials a value detector finds (only the password of a
  /// URL) are "<redacted>"; hidden or credential-shaped keys print as
  /// fingerprints (`<redacted:3fa9c0d2>`).
  static ShownValue Of(const Value& value, const SecretMatcher& secrets, const Path& at,
                       const DiffPolicy* marks = nullptr);
  /// As above, for a value at the root with no marks.
  static ShownValue Of(const Value& value, const SecretMatcher& secrets);
  /// A shown value as an earlier run made it, read back from the persistent
  /// cache (engine/result_cache.h): `value` is what that run's Of() kept,
  /// redacted already.
  static ShownValue Restored(bool present, bool redacted, bool partly_redacted, bool elided, Value value);
  bool elided() const { return elided_; }

  bool present() const { return present_; }
  bool redacted() const { return redacted_; }
  /// Whether value() may be printed: present, not a secret, not a whole file.
  bool shown() const { return present_ && !redacted_ && !elided_; }
  /// The (possibly partly redacted) value; only when shown().
  const Value& value() const { return value_; }
  /// Whether part of a shown value was redacted (a nested secret, a URL's
  /// password): equal-looking sides may still differ.
  bool partly_redacted() const { return partly_redacted_; }

 private:
  bool present_ = false;
  bool redacted_ = false;
  bool partly_redacted_ = false;
  bool elided_ = false;
  Value value_;
};

enum class FindingKind {
  kChanged,          ///< both have the path, values differ
  kTypeChanged,      ///< both have the path, kinds differ (string vs integer, map vs list)
  kOnlyIn,           ///< one side has the path, the other does not
  kFileMissing,      ///< one side has the file (or document), the other does not
  kSameSecret,       ///< a secret holds the same value on both sides
  kMustDiffer,       ///< a path marked must-differ holds the same value on both sides
  kSchemaViolation,  ///< one side's value breaks its schema
  kInvalidFile,      ///< one side's file could not be read or parsed
  kLayerMissing,     ///< a later layer exists for one side but not the other
  kDuplicateKey,     ///< a key written twice where the format lets the last one win
  kRuleExpired,      ///< an allow rule past its expiry date
  kRuleExpiring,     ///< an allow rule within --expiry-warning days of its expiry date
  kRuleUnused,       ///< an allow rule that allowed nothing in the run
};

enum class Severity { kError, kWarning, kNote };

/// A finding kind as every writer and --help know it: one row each in
/// finding/finding_kinds.cc, the one place a kind is described.
struct FindingKindInfo {
  FindingKind kind;
  std::string_view name;             ///< "only-in" (reports add the side: "only-in-staging")
  std::string_view category;         ///< the text summary's word for it: "drift"
  std::string_view category_plural;  ///< "drifts"
  bool one_sided;  ///< about one side's file or the rules (uses `left` only), not a compared pair
  struct Sarif {
    std::string_view name;  ///< an identifier in PascalCase: "ValueChanged"
    std::string_view short_description;
    std::string_view full_description;
    std::string_view help;
  } sarif;
};

/// Every kind, in the order reports list them.
std::span<const FindingKindInfo> FindingKinds();
/// The row for `kind`.
const FindingKindInfo& KindInfo(FindingKind kind);

/// "error", "warning", "note".
std::string_view SeverityName(Severity severity);
/// The kind without its side: "changed", "only-in", "schema-violation", ...
std::string_view KindFamilyName(FindingKind kind);
/// Every kind, in the order reports list them.
const std::vector<FindingKind>& AllFindingKinds();

/// One side of a finding: which configuration it read and what it found.
/// A side is labelled, so one environment at two revisions
/// (`diff production@v1 production@HEAD`) keeps both sides apart.
/// The label, environment, revision and file are the same for every finding
/// of a file pair's side: each is one SharedText the pair's findings share.
struct FindingSide {
  SharedText label;     ///< how reports name the side: "staging", "production@v1.4.0"
  SharedText env;       ///< the environment
  SharedText revision;  ///< full SHA or "worktree"
  SharedText file;      ///< the file (first layer) this side's config came from; "" = none
  ShownValue value;
  Location location;     ///< where the value is written (unknown when absent)
  /// A fingerprint of the normalized value, secrets redacted first (see
  /// ValueFingerprint); unset when absent, secret or not a value (a file).
  /// A baseline records it, so a drift whose value changes is new.
  ValueDigest value_digest = {};

  bool used() const { return !label.empty(); }
};

/// Why a finding does not fail: the allow rule that accepted it.
struct Allowance {
  std::string rule;     ///< the rule's id
  std::string reason;
  std::string owner;
  std::string expires;  ///< YYYY-MM-DD or ""
  std::string ticket;
};

// Every finding a run makes is held until the report is written: the fields
// are kept small (shared texts, ids and digests in place) and the one-byte
// ones together, for issue 25's memory target.
struct Finding {
  FindingKind kind = FindingKind::kChanged;
  Severity severity = Severity::kError;
  /// For a pair whose values are redacted: whether the two secret values are
  /// equal (set by the engine, which saw them). Reports say "<redacted, differs>"
  /// when false; unset when unknown or not a redacted pair.
  std::optional<bool> secret_equal;
  bool existing = false;  ///< in the baseline, or already present at --new-since REV
  SharedText source;
  SharedPlaceholders placeholders;  ///< sorted by name, no {env}; one list per file pair
  SharedText document;    ///< "" or the document's name in a multi-document file
  std::string path;       ///< as an allow rule would write it; "" = the whole file
  /// Drift has two sides; a finding about one side's file (schema violation,
  /// invalid file) uses `left` only and leaves `right` unused.
  FindingSide left;
  FindingSide right;
  /// The labels of the compared pair this finding belongs to, left then
  /// right: set on every finding, one-sided or not, so it sorts and groups
  /// with its file pair.
  std::pair<SharedText, SharedText> pair_labels;
  SharedText message;     ///< what is wrong, for kinds that need words; never a secret value
  SharedText hint;        ///< what to do about it, or ""
  Boxed<Allowance> allowed;  ///< the allow rule that accepted it; usually none
  FindingId id;           ///< 16 hex digits, stable across runs; set by AssignId()

  /// "changed", "type-changed", "only-in-staging", "file-missing", "schema-violation".
  std::string KindName() const;
  /// The label of the side that has the value (only-in / file-missing), else "".
  const std::string& PresentLabel() const;
  bool two_sided() const { return right.used(); }
  bool failing() const { return severity == Severity::kError && !allowed && !existing; }
  /// Sets `id` from what the finding is about (never its values): editing a
  /// value keeps the id, so a baseline entry or a pasted rule still matches.
  /// `hidden`: when the printed path or document hides a secret, a salted
  /// digest of the real ones, which then stands in for the fingerprints: ids
  /// stay unique per real path however the fingerprints collide or lengthen.
  void AssignId(std::string_view hidden = {});
};

/// A report's findings: each file pair's list, taken whole (core/piece_list.h).
using FindingList = PieceList<Finding>;

/// One environment as this run read it.
struct EnvironmentRun {
  std::string name;
  std::string revspec;   ///< what the user asked for ("HEAD", "v1.4.0", "worktree")
  std::string revision;  ///< the full SHA, or "worktree"
};

/// One compared file pair, listed so reports can name the pairs that passed
/// (JUnit counts a passing testcase for each).
struct FilePairRecord {
  std::string source;
  std::vector<std::pair<std::string, std::string>> placeholders;  ///< as Finding::placeholders
  std::string left_label;
  std::string right_label;
  std::string left_file;   ///< "" when the left side has no file
  std::string right_file;  ///< "" when the right side has no file
};

struct Report {
  std::string tool_version;
  std::vector<EnvironmentRun> environments;
  std::vector<std::pair<std::string, std::string>> compared;  ///< side label pairs, in order
  std::size_t file_pairs = 0;  ///< how many file pairs were compared
  /// Every compared file pair, when the engine lists them (file_pairs counts
  /// them either way); Finalize sorts them in the findings' order.
  std::vector<FilePairRecord> pairs;
  /// Written by `validate`: the findings are schema violations of each
  /// environment, not drift between them.
  bool validation = false;
  FindingList findings;

  /// Sorts findings into their one deterministic order.
  void Finalize();
  /// 0 when nothing fails, 1 when a finding fails, 2 when a file could not
  /// be read (an invalid-file finding: the run compared less than asked).
  int ExitCode() const;
  std::size_t FailingCount() const;
};

/// What ties a finding to its file pair: the compared pair's labels (left,
/// right), the source and the placeholders, as references into the finding
/// or record. Ordered, so writers can index pairs instead of searching them.
using PairIdentity =
    std::tuple<const std::string&, const std::string&, const std::string&,
               const std::vector<std::pair<std::string, std::string>>&>;
PairIdentity IdentityOf(const Finding& finding);
PairIdentity IdentityOf(const FilePairRecord& pair);

/// Whether a finding belongs to a file pair: same source, placeholders and
/// compared pair (`pair_labels`, set on one-sided findings too).
bool BelongsTo(const Finding& finding, const FilePairRecord& pair);

/// Whether a map is a `{name: DB_PASSWORD, value: ...}` pair (Kubernetes,
/// Helm and ECS env lists; `key` works as `name`) whose name is a secret
/// key, so its `value` is secret.
bool NamesASecret(const Value& item, const SecretMatcher& secrets);

/// Whether field `key` of map `holder` is secret for what `holder` is: the
/// `value` of a pair NamesASecret, or the `data` and `stringData` of a
/// Kubernetes Secret (`kind: Secret` beside an `apiVersion`), every value of
/// which is a secret whatever its key (`tls.key`, `config.json`): base64 hides
/// nothing.
bool SecretForItsHolder(const Value& holder, std::string_view key, const SecretMatcher& secrets);

/// A list's items as a command's arguments: each string as written, "" for
/// anything else (for IsSecretArgument).
std::vector<std::string_view> Arguments(const Value& list);

/// 16 hex digits naming a normalized value after the one redaction point
/// (ShownValue::Of's, on normalized rather than written values): equal
/// values give equal fingerprints, and no secret goes into one.
ValueDigest ValueFingerprint(const Value& value, const SecretMatcher& secrets, const Path& at,
                             const DiffPolicy* marks);

/// How many bytes FlowText shows before it cuts a value with "…".
inline constexpr std::size_t kFlowTextLimit = 200;

/// Renders a value on one line in YAML flow style: 5, true, null, "8080"
/// (quoted when it would not read back as the same string, or when it holds a
/// control or invisible character or invalid UTF-8, which are escaped:
/// "a\u00a0b"), [a, b], {k: v}. Cut after `limit` bytes with "…".
std::string FlowText(const Value& value, std::size_t limit = kFlowTextLimit);
/// As FlowText, but the shown value's redaction as "<redacted>", absence as "(absent)".
std::string FlowText(const ShownValue& value);

}  // namespace driftcheck
