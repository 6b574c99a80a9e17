#include "finding/finding.h"

#include "core/strings.h"
#include "finding/escape.h"
#include "path/path.h"
#include "path/policy.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>
#include <tuple>
#include <unordered_set>

namespace driftcheck {
namespace {

constexpr std::string_view kRedactedText = "<redacted>";

}  // namespace

std::vector<std::string_view> Arguments(const Value& list) {
  std::vector<std::string_view> args;
  if (!list.is_list()) return args;
  for (const Value& item : list.items()) {
    const Value& written = item.written();
    args.push_back(written.kind() == Value::Kind::kString ? std::string_view(written.text()) : std::string_view());
  }
  return args;
}

bool NamesASecret(const Value& item, const SecretMatcher& secrets) {
  if (!item.is_map()) return false;
  for (const char* field : {"name", "key"}) {
    const Value* name = item.Find(field);
    if (name && name->kind() == Value::Kind::kString && secrets.IsSecretKey(name->text())) return true;
  }
  return false;
}

namespace {

bool IsKubernetesSecret(const Value& item) {
  const Value* kind = item.Find("kind");
  const Value* api_version = item.Find("apiVersion");
  return kind && api_version && kind->kind() == Value::Kind::kString && kind->text() == "Secret" &&
         api_version->kind() == Value::Kind::kString;
}

}  // namespace

bool SecretForItsHolder(const Value& holder, std::string_view key, const SecretMatcher& secrets) {
  if (!holder.is_map()) return false;
  if (key == "value") return NamesASecret(holder, secrets);
  return (key == "data" || key == "stringData") && IsKubernetesSecret(holder);
}

namespace {

// The one redaction point for a value shown whole. Builds a fresh tree
// rather than copying and then overwriting, so a secret's content is never
// copied into a ShownValue, not even for a moment. What it hides, together:
// entries whose key is secret (the manifest's secret_keys), subtrees a
// schema or `normalize:` marks secret (asked of `marks` at each path),
// the `value` of a `{name: DB_PASSWORD, value: ...}` pair and the `data` of a
// Kubernetes Secret (SecretForItsHolder), and whatever a
// value detector finds in a string (RedactCredentials).
class ValueRedactor {
 public:
  ValueRedactor(const SecretMatcher& secrets, const DiffPolicy* marks, bool as_written = true)
      : secrets_(secrets), marks_(marks), as_written_(as_written) {}
  bool redacted_any = false;

  Value Redact(const Value& value, const Path& path) {
    if (value.is_list()) {
      Value out = Value::List(value.location());
      const std::vector<std::string_view> args = Arguments(value);
      for (std::size_t i = 0; i < value.items().size(); ++i) {
        const Path child = path.Index(i);
        const Value& item = value.items()[i];
        const bool secret = Marked(child) || IsSecretArgument(args, i, secrets_);
        out.Append(secret ? Hidden(item) : Redact(item, child));
      }
      return out;
    }
    if (value.is_map()) return RedactMap(value, path);
    // Shown: what the user wrote, not what normalization made of it.
    const Value& written = as_written_ ? value.written() : value;
    if (written.kind() != Value::Kind::kString) return written;
    bool found = false;
    std::string text = RedactCredentials(written.text(), secrets_, &found);
    if (!found && HoldsRedactionMarker(written.text())) {
      // The configuration's own `<redacted>`: quoted, so FlowText escapes it.
      return Value::String(written.text(), /*quoted=*/true, written.location());
    }
    if (!found) return written;
    redacted_any = true;
    // A redaction is an unquoted string: FlowText prints its marker as is.
    return Value::String(std::move(text), /*quoted=*/false, written.location());
  }

 private:
  bool Marked(const Path& path) const { return marks_ && marks_->Secret(path); }

  Value Hidden(const Value& value) {
    redacted_any = true;
    return Value::String(std::string(kRedactedText), false, value.location());
  }

  Value RedactMap(const Value& value, const Path& path) {
    Value out = Value::Map(value.location());
    std::vector<std::uint64_t> siblings;  // every key's digest: fingerprints never print alike
    for (std::size_t i = 0; i < value.size(); ++i) siblings.push_back(SecretDigest(value.key(i)));
    std::sort(siblings.begin(), siblings.end());
    for (std::size_t i = 0; i < value.size(); ++i) {
      const Value& child = value.value(i);
      const std::string& real = value.key(i);
      // A hidden key (an alias's text) or a key shaped like a credential is
      // shown by its fingerprint, so none is dropped and none is named; so is
      // the part of a flat key below a secret level (`app.secrets.<redacted:..>`),
      // and so is a key written like a fingerprint, lest it pass for one.
      std::string key = real;
      const std::size_t tail = SecretTailStart(real, secrets_);
      if (value.key_hidden(i) || HoldsCredential(real, secrets_) || HoldsRedactionMarker(real)) {
        key = FingerprintAmong(SecretDigest(real), siblings);
        redacted_any = true;
      } else if (tail != std::string::npos) {
        key = real.substr(0, tail) + SecretFingerprint(std::string_view(real).substr(tail));
        redacted_any = true;
      }
      const std::string base = key;
      for (int n = 2; out.Find(key); ++n) key = base + "#" + std::to_string(n);
      const Path child_path = path.Key(real);
      const bool secret = secrets_.IsSecretKey(real) || tail != std::string::npos || Marked(child_path) ||
                          SecretForItsHolder(value, real, secrets_) || HoldsCredential(real, secrets_);
      out.Insert(std::move(key), value.key_location(i), secret ? Hidden(child) : Redact(child, child_path));
    }
    return out;
  }

  const SecretMatcher& secrets_;
  const DiffPolicy* marks_;
  bool as_written_;
};

// ---- Finding order and identity -------------------------------------------

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Orders digit runs by number, so multi-document files list "#2" before "#10".
std::strong_ordering NaturalCompare(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (!IsDigit(a[i]) || !IsDigit(b[j])) {
      if (a[i] != b[j]) return a[i] <=> b[j];
      ++i, ++j;
      continue;
    }
    const std::size_t a_start = i, b_start = j;
    while (i < a.size() && IsDigit(a[i])) ++i;
    while (j < b.size() && IsDigit(b[j])) ++j;
    std::string_view x = a.substr(a_start, i - a_start), y = b.substr(b_start, j - b_start);
    x.remove_prefix(std::min(x.find_first_not_of('0'), x.size()));
    y.remove_prefix(std::min(y.find_first_not_of('0'), y.size()));
    if (x.size() != y.size()) return x.size() <=> y.size();
    if (auto c = x <=> y; c != 0) return c;
  }
  if (auto c = (a.size() - i) <=> (b.size() - j); c != 0) return c;
  return a <=> b;  // "#01" vs "#1": still a total order
}

// The file pair (and document) a finding belongs to; findings inside one keep
// the order they were made in, which follows the file.
// Moves items[order[i]] to position i for every i, following the
// permutation's cycles: one item is held aside at a time.
template <typename List>
void PermuteInPlace(List& items, std::vector<std::size_t>& order) {
  for (std::size_t start = 0; start < items.size(); ++start) {
    if (order[start] == start) continue;
    typename List::value_type held = std::move(items[start]);
    std::size_t at = start;
    for (std::size_t from = order[at]; from != start; from = order[at]) {
      items[at] = std::move(items[from]);
      order[at] = at;
      at = from;
    }
    items[at] = std::move(held);
    order[at] = at;
  }
}

bool FilePairLess(const Finding& a, const Finding& b) {
  if (auto c = a.pair_labels <=> b.pair_labels; c != 0) return c < 0;
  if (auto c = a.source <=> b.source; c != 0) return c < 0;
  if (auto c = a.placeholders <=> b.placeholders; c != 0) return c < 0;
  return NaturalCompare(a.document, b.document) < 0;
}

// Length-prefixed, so no choice of field contents can make two different
// identities produce the same canonical string.
void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

// Drift at a path is one identity whatever its kind (a value edit that turns
// `changed` into `type-changed` keeps its id); other kinds are their own.
bool IsDriftKind(FindingKind kind) {
  return kind == FindingKind::kChanged || kind == FindingKind::kTypeChanged ||
         kind == FindingKind::kOnlyIn;
}

// `text` with each fingerprint's digits dropped (`<redacted:3fa9c0d2>` ->
// `<redacted>`): how many digits print depends on the siblings.
std::string WithoutFingerprintDigits(std::string_view text) {
  constexpr std::string_view kOpen = "<redacted:";
  std::string out;
  for (std::size_t at = 0;;) {
    const std::size_t open = text.find(kOpen, at);
    const std::size_t close = open == std::string_view::npos ? open : text.find('>', open);
    if (close == std::string_view::npos) return out.append(text.substr(at));
    out.append(text.substr(at, open - at)).append("<redacted>");
    at = close + 1;
  }
}

// What a finding is about, never its values. `hidden`: a salted digest of the
// real path when the printed one hides part of it.
std::string CanonicalIdentity(const Finding& f, std::string_view hidden) {
  std::string out;
  AppendField(out, IsDriftKind(f.kind) ? "drift" : KindFamilyName(f.kind));
  AppendField(out, f.source);
  AppendField(out, std::to_string(f.placeholders.size()));
  for (const auto& [name, value] : f.placeholders) {
    AppendField(out, name);
    AppendField(out, value);
  }
  AppendField(out, hidden.empty() ? f.document.str() : WithoutFingerprintDigits(f.document));
  AppendField(out, hidden.empty() ? f.path : WithoutFingerprintDigits(f.path));
  AppendField(out, f.left.label);
  AppendField(out, f.right.label);
  // A finding about one side's file belongs to its compared pair: staging's
  // unreadable file compared with production and with qa is two findings,
  // and each keeps its id whether or not the run compares the other pair.
  // (`validate` reads a side alone: its pair is the side itself.)
  if (!f.two_sided() && f.pair_labels.first != f.pair_labels.second) {
    AppendField(out, f.pair_labels.first);
    AppendField(out, f.pair_labels.second);
  }
  // Two schema violations at one path (a type and a pattern), or two missing
  // layers of one pair, stay apart.
  if (f.kind == FindingKind::kSchemaViolation || f.kind == FindingKind::kLayerMissing ||
      f.kind == FindingKind::kDuplicateKey) {
    AppendField(out, f.message);
  }
  if (!hidden.empty()) AppendField(out, hidden);
  return out;
}


// ---- FlowText ---------------------------------------------------------------

bool IsFlowChar(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

// Anything a plain scalar would show wrongly or not at all: controls,
// invisible characters, invalid UTF-8. Such a string is quoted and escaped.
bool HasUnsafeChar(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t code = 0;
    const std::size_t length = DecodeUtf8(s, i, code);
    if (length == 0 || IsControlCode(code) || IsInvisible(code) || IsFlowChar(s[i])) return true;
    i += length;
  }
  return false;
}

// Plain only when a YAML 1.2 core reader would read the same string back:
// "8080", "true", "null" and "" would not; "yes" would.
bool NeedsQuotes(std::string_view s) {
  constexpr std::string_view kLeadingIndicators = "-?:,[]{}#&*!|>'\"%@`";
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return true;
  if (kLeadingIndicators.find(s.front()) != std::string_view::npos) return true;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos ||
      s.back() == ':') {
    return true;
  }
  if (HasUnsafeChar(s)) return true;
  return Value::FromPlainScalar(std::string(s), {}).kind() != Value::Kind::kString;
}

std::string_view ShortEscape(char32_t code) {
  switch (code) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '\b': return "\\b";
    case '\f': return "\\f";
    default: return "";
  }
}

// YAML double-quoted escapes (JSON's, plus \xNN for a byte that is not UTF-8).
// `escape_markers`: the `<` of each `<redacted` as \x3c (see AppendWritten).
void AppendQuoted(std::string& out, std::string_view s, bool escape_markers = false) {
  constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    char32_t code = 0;
    const std::size_t length = DecodeUtf8(s, i, code);
    if (length == 0) {
      const auto byte = static_cast<unsigned char>(s[i++]);
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
      continue;
    }
    if (const std::string_view escape = ShortEscape(code); !escape.empty()) {
      out += escape;
    } else if (escape_markers && s.substr(i).starts_with("<redacted")) {
      out += "\\x3c";
    } else if (IsControlCode(code) || IsInvisible(code)) {
      out += UnicodeEscape(code);
    } else {
      out.append(s.substr(i, length));
    }
    i += length;
  }
  out += '"';
}

void AppendString(std::string& out, std::string_view s) {
  if (NeedsQuotes(s)) {
    AppendQuoted(out, s);
  } else {
    out += s;
  }
}

// A string value. One the configuration quoted that reads like a redaction
// (`<redacted>`, marked quoted by ValueRedactor) prints quoted with its marker
// escaped (`"\x3credacted>"`): never as a redaction, so a plain value does not
// pass for a secret, nor a literal `ghp_<redacted>` for a hidden token.
void AppendWritten(std::string& out, const Value& value) {
  if (value.quoted() && HoldsRedactionMarker(value.text())) {
    AppendQuoted(out, value.text(), /*escape_markers=*/true);
  } else {
    AppendString(out, value.text());
  }
}

// Numbers print as written (0x1F, 1e3); a number built without its text
// (by normalization, say) prints in its shortest exact form.
std::string NumberText(const Value& value) {
  if (!value.text().empty()) return value.text();
  if (value.kind() == Value::Kind::kInt) return value.DecimalText();
  const double d = value.as_double();
  if (std::isnan(d)) return ".nan";
  if (std::isinf(d)) return d < 0 ? "-.inf" : ".inf";
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  return ec == std::errc() ? std::string(buffer, end) : "0";
}

// Appends one-line flow YAML, giving up once past the limit so a huge subtree
// costs no more than the part that is shown.
class FlowPrinter {
 public:
  explicit FlowPrinter(std::size_t limit) : limit_(limit) {}

  std::string Print(const Value& value) {
    Append(value);
    if (out_.size() <= limit_) return std::move(out_);
    // Cut before a character, never inside one: back off continuation bytes.
    std::size_t cut = limit_;
    while (cut > 0 && (static_cast<unsigned char>(out_[cut]) & 0xC0) == 0x80) --cut;
    out_.resize(cut);
    return std::move(out_) + "…";
  }

 private:
  bool full() const { return out_.size() > limit_; }

  void Append(const Value& shown) {
    const Value& value = shown.written();
    switch (value.kind()) {
      case Value::Kind::kNull: out_ += "null"; return;
      case Value::Kind::kBool: out_ += value.as_bool() ? "true" : "false"; return;
      case Value::Kind::kInt:
      case Value::Kind::kFloat: out_ += NumberText(value); return;
      case Value::Kind::kString: AppendWritten(out_, value); return;
      case Value::Kind::kList: AppendList(value); return;
      case Value::Kind::kMap: AppendMap(value); return;
    }
  }

  void AppendList(const Value& list) {
    out_ += '[';
    for (std::size_t i = 0; i < list.items().size() && !full(); ++i) {
      if (i > 0) out_ += ", ";
      Append(list.items()[i]);
    }
    out_ += ']';
  }

  void AppendMap(const Value& map) {
    out_ += '{';
    for (std::size_t i = 0; i < map.size() && !full(); ++i) {
      if (i > 0) out_ += ", ";
      AppendString(out_, map.key(i));
      out_ += ": ";
      Append(map.value(i));
    }
    out_ += '}';
  }

  std::size_t limit_;
  std::string out_;
};

}  // namespace

ShownValue ShownValue::Absent() { return ShownValue(); }

ShownValue ShownValue::Redacted() {
  ShownValue shown;
  shown.present_ = true;
  shown.redacted_ = true;
  return shown;
}

ShownValue ShownValue::Restored(bool present, bool redacted, bool partly_redacted, bool elided, Value value) {
  ShownValue shown;
  shown.present_ = present;
  shown.redacted_ = redacted;
  shown.partly_redacted_ = partly_redacted;
  shown.elided_ = elided;
  shown.value_ = std::move(value);
  return shown;
}

ShownValue ShownValue::Present() {
  ShownValue shown;
  shown.present_ = true;
  shown.elided_ = true;
  return shown;
}

ShownValue ShownValue::Of(const Value& value, const SecretMatcher& secrets) {
  return Of(value, secrets, Path(), nullptr);
}

ShownValue ShownValue::Of(const Value& value, const SecretMatcher& secrets, const Path& at,
                          const DiffPolicy* marks) {
  ShownValue shown;
  shown.present_ = true;
  ValueRedactor redactor(secrets, marks);
  shown.value_ = redactor.Redact(value, at);
  shown.partly_redacted_ = redactor.redacted_any;
  return shown;
}

FindingId::FindingId(std::string_view text) {
  if (text.size() > kSize) throw std::length_error("a finding id longer than 16 characters: " + std::string(text));
  std::copy(text.begin(), text.end(), text_.begin());
}

std::size_t FindingId::size() const {
  return static_cast<std::size_t>(std::find(text_.begin(), text_.end(), '\0') - text_.begin());
}

std::string ValueDigest::hex() const { return has_value() ? Hex64(bits_) : std::string(); }

ValueDigest ValueFingerprint(const Value& value, const SecretMatcher& secrets, const Path& at,
                             const DiffPolicy* marks) {
  ValueRedactor redactor(secrets, marks, /*as_written=*/false);
  const Value redacted = redactor.Redact(value, at);
  return ValueDigest::Of(Hash64(FlowText(redacted, std::numeric_limits<std::size_t>::max() / 2)));
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

std::string_view KindFamilyName(FindingKind kind) { return KindInfo(kind).name; }

const std::vector<FindingKind>& AllFindingKinds() {
  static const std::vector<FindingKind> kKinds = [] {
    std::vector<FindingKind> kinds;
    for (const FindingKindInfo& info : FindingKinds()) kinds.push_back(info.kind);
    return kinds;
  }();
  return kKinds;
}

std::string Finding::KindName() const {
  std::string name(KindFamilyName(kind));
  if (kind == FindingKind::kOnlyIn && !PresentLabel().empty()) name += "-" + PresentLabel();
  return name;
}

const std::string& Finding::PresentLabel() const {
  static const std::string kNone;
  if (kind != FindingKind::kOnlyIn && kind != FindingKind::kFileMissing) return kNone;
  if (left.value.present()) return left.label;
  if (right.value.present()) return right.label;
  return kNone;
}

// 64 bits: 300,000 findings collide with odds near 10^-9.
void Finding::AssignId(std::string_view hidden) { id = Hex64(Hash64(CanonicalIdentity(*this, hidden))); }

PairIdentity IdentityOf(const Finding& f) {
  return {f.pair_labels.first, f.pair_labels.second, f.source, f.placeholders};
}

PairIdentity IdentityOf(const FilePairRecord& pair) {
  return {pair.left_label, pair.right_label, pair.source, pair.placeholders};
}

bool BelongsTo(const Finding& f, const FilePairRecord& pair) { return IdentityOf(f) == IdentityOf(pair); }

void Report::Finalize() {
  // Sorted by index, then put in place: a stable sort of the Findings
  // themselves would hold half of them again in its buffer.
  std::vector<std::size_t> order(findings.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return FilePairLess(findings[a], findings[b]); });
  PermuteInPlace(findings, order);
  // Two findings one identity cannot tell apart (a set or keyed list whose
  // unpaired items sit at one index on each side: `only-in-staging` and
  // `only-in-production` at `applications[0]`) would share an id. The later
  // one, in the report's one order, takes its kind (then its rank) into its
  // id: deterministic, and the first keeps the id it always had.
  std::unordered_set<std::string_view> seen;  // views of the ids, which stay put from here
  seen.reserve(findings.size());
  for (Finding& f : findings) {
    if (seen.insert(f.id).second) continue;
    std::string id = Hex64(Hash64(f.id + "|" + f.KindName()));
    for (int n = 2; seen.contains(id); ++n) id = Hex64(Hash64(f.id + "|" + f.KindName() + "|" + std::to_string(n)));
    f.id = std::move(id);
    seen.insert(f.id);
  }
  std::stable_sort(pairs.begin(), pairs.end(), [](const FilePairRecord& a, const FilePairRecord& b) {
    return std::tie(a.left_label, a.right_label, a.source, a.placeholders) <
           std::tie(b.left_label, b.right_label, b.source, b.placeholders);
  });
}

std::size_t Report::FailingCount() const {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(),
                                                [](const Finding& f) { return f.failing(); }));
}

int Report::ExitCode() const {
  // No rule or baseline makes an unread file pass: the run compared less than asked.
  // A note (a baseline entry for a file that is readable again) is not one.
  const bool unreadable = std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return f.kind == FindingKind::kInvalidFile && f.severity != Severity::kNote;
  });
  if (unreadable) return 2;
  return FailingCount() > 0 ? 1 : 0;
}

std::string FlowText(const Value& value, std::size_t limit) { return FlowPrinter(limit).Print(value); }

std::string FlowText(const ShownValue& value) {
  if (!value.present()) return "(absent)";
  if (value.redacted()) return std::string(kRedactedText);
  if (!value.shown()) return "(present)";
  return FlowText(value.value());
}

// Lean memory (issue 25): a finding was 1,248 bytes before Value shrank to 64,
// 960 before its sides shared their names (SharedText) and the allowance
// went out of line (Boxed); 488 then, and 392 since its id and value
// fingerprints are held in place (FindingId, ValueDigest), its placeholders
// and document name shared. A little room is left for new fields: a 5 MB
// all-different pair holds 205,000 of them.
static_assert(sizeof(Finding) <= 400, "a Finding stays small: keep rare members out of line, ids and digests in place");

}  // namespace driftcheck
