#pragma once
// Finding and Report: the one list of results every output format and the
// exit code are rendered from.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/value.h"
#include "core/location.h"
#include "core/secrets.h"

namespace driftcheck {

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
  /// A plain value, with nested secret keys redacted.
  static ShownValue Of(const Value& value, const SecretMatcher& secrets);

  bool present() const { return present_; }
  bool redacted() const { return redacted_; }
  /// Whether value() may be printed: present, not a secret, not a whole file.
  bool shown() const { return present_ && !redacted_ && !elided_; }
  /// The (possibly partly redacted) value; only when shown().
  const Value& value() const { return value_; }

 private:
  bool present_ = false;
  bool redacted_ = false;
  bool elided_ = false;
  Value value_;
};

enum class FindingKind {
  kChanged,      ///< both have the path, values differ
  kTypeChanged,  ///< both have the path, kinds differ (string vs integer, map vs list)
  kOnlyIn,       ///< one environment has the path, the other does not
  kFileMissing,  ///< one environment has the file (or document), the other does not
};

enum class Severity { kError, kWarning, kNote };

/// "error", "warning", "note".
std::string_view SeverityName(Severity severity);
/// The kind without its environment: "changed", "type-changed", "only-in", "file-missing".
std::string_view KindFamilyName(FindingKind kind);

/// One environment's side of a finding.
struct FindingSide {
  std::string env;
  std::string file;     ///< the file (first layer) this environment's config came from
  std::string revision; ///< full SHA or "worktree"
  ShownValue value;
  Location location;    ///< where the value is written (unknown when absent)
};

struct Finding {
  FindingKind kind = FindingKind::kChanged;
  Severity severity = Severity::kError;
  std::string source;
  std::vector<std::pair<std::string, std::string>> placeholders;  ///< sorted by name, no {env}
  std::string document;   ///< "" or the document's name in a multi-document file
  std::string path;       ///< as an allow rule would write it; "" = the whole file
  FindingSide left;       ///< the first environment of the compared pair
  FindingSide right;      ///< the second
  std::string allowed_by; ///< id of the allowing rule, or ""
  std::string id;         ///< stable across runs: derived from what, not from values

  /// "changed", "type-changed", "only-in-staging", "file-missing".
  std::string KindName() const;
  /// The environment that has the value (only-in / file-missing), else "".
  const std::string& PresentEnv() const;
  bool failing() const { return severity == Severity::kError && allowed_by.empty(); }
};

/// One environment as this run read it.
struct EnvironmentRun {
  std::string name;
  std::string revspec;   ///< what the user asked for ("HEAD", "v1.4.0", "worktree")
  std::string revision;  ///< the full SHA, or "worktree"
};

struct Report {
  std::string tool_version;
  std::vector<EnvironmentRun> environments;
  std::vector<std::pair<std::string, std::string>> compared;  ///< env pairs, in manifest order
  std::size_t file_pairs = 0;  ///< how many file pairs were compared
  std::vector<Finding> findings;

  /// Sorts findings into their one deterministic order and assigns ids.
  void Finalize();
  /// 0 when nothing fails, 1 when a finding fails.
  int ExitCode() const;
  std::size_t FailingCount() const;
};

/// Renders a value on one line in YAML flow style: 5, true, null, "8080"
/// (quoted when it would not read back as the same string), [a, b], {k: v}.
std::string FlowText(const Value& value);
/// As FlowText, but the shown value's redaction as "<redacted>", absence as "(absent)".
std::string FlowText(const ShownValue& value);

}  // namespace driftcheck
