// The finding kinds, one row each: their names, the text summary's words,
// the SARIF rule texts. Every writer, `--help` and the report schema's enum
// read (or are tested against) this table; a new kind is its FindingKind
// value and one row here.

#include <algorithm>

#include "finding/finding.h"

namespace driftcheck {
namespace {

constexpr FindingKindInfo kKinds[] = {
    {FindingKind::kChanged, "changed", "drift", "drifts", false,
     {"ValueChanged", "A value differs between environments.",
      "Both environments set the path, to different values.",
      "Make the values equal, or add an allow rule (drift-allow.yaml) with the reason they differ."}},
    {FindingKind::kTypeChanged, "type-changed", "drift", "drifts", false,
     {"TypeChanged", "A value's type differs between environments.",
      "Both environments set the path, with different types (a quoted \"8080\" against 8080, a map against a list).",
      "Write the value with the same type in both environments; a type change usually breaks the reader."}},
    {FindingKind::kOnlyIn, "only-in", "drift", "drifts", false,
     {"OnlyInOneEnvironment", "Only one environment sets a path.",
      "One environment sets the path (or subtree); the other does not.",
      "Add the path to the other environment, remove it, or allow the difference with a reason."}},
    {FindingKind::kFileMissing, "file-missing", "drift", "drifts", false,
     {"FileMissing", "Only one environment has a file or document.",
      "A file (or a document of a multi-document file) exists for one environment but not the other.",
      "Create the missing file, or allow its absence with a reason."}},
    {FindingKind::kSameSecret, "same-secret", "reused secret", "reused secrets", false,
     {"SameSecret", "A secret holds the same value in both environments.",
      "A secret key holds the same value in both environments: often a production credential reused in staging.",
      "Rotate the credential and give each environment its own."}},
    {FindingKind::kMustDiffer, "must-differ", "must-differ violation", "must-differ violations", false,
     {"MustDiffer", "A value that must differ is the same.",
      "A path the manifest marks must-differ holds the same value in both environments.",
      "Give each environment its own value."}},
    {FindingKind::kSchemaViolation, "schema-violation", "schema error", "schema errors", true,
     {"SchemaViolation", "A value breaks its schema.",
      "One environment's configuration does not satisfy the source's schema.",
      "Fix the value, or change the schema if the value is right."}},
    {FindingKind::kInvalidFile, "invalid-file", "invalid file", "invalid files", true,
     {"InvalidFile", "A file could not be read or parsed.",
      "One environment's file could not be read or parsed, so it was not compared.",
      "Fix the file's syntax at the position given; the run cannot pass until it parses."}},
    {FindingKind::kLayerMissing, "layer-missing", "drift", "drifts", true,
     {"LayerMissing", "A later layer exists for one environment only.",
      "A layered source has a later layer for one environment but not the other.",
      "Add the missing layer, or allow the difference with a reason."}},
    {FindingKind::kDuplicateKey, "duplicate-key", "duplicate key", "duplicate keys", true,
     {"DuplicateKey", "A key is written twice.",
      "A key is written twice where the format lets the last one win, hiding the first value.",
      "Remove one of the two entries."}},
    {FindingKind::kRuleExpired, "rule-expired", "expired rule", "expired rules", true,
     {"RuleExpired", "An allow rule is past its expiry date.",
      "An allow rule's expiry date has passed, so the drift it allowed fails again.",
      "Resolve the drift, or renew the rule with a new date and reason."}},
    {FindingKind::kRuleExpiring, "rule-expiring", "expiring rule", "expiring rules", true,
     {"RuleExpiring", "An allow rule expires soon.",
      "An allow rule expires within the warning window (--expiry-warning DAYS).",
      "Resolve the drift before the date, or renew the rule with its owner."}},
    {FindingKind::kRuleUnused, "rule-unused", "unused rule", "unused rules", true,
     {"RuleUnused", "An allow rule allowed nothing.",
      "An allow rule matched no finding in the run: the drift it allowed is gone, or the rule is mistyped.",
      "Delete the rule, or fix its path."}},
};

}  // namespace

std::span<const FindingKindInfo> FindingKinds() { return kKinds; }

const FindingKindInfo& KindInfo(FindingKind kind) {
  const auto* it = std::find_if(std::begin(kKinds), std::end(kKinds),
                                [kind](const FindingKindInfo& info) { return info.kind == kind; });
  return it != std::end(kKinds) ? *it : kKinds[0];
}

}  // namespace driftcheck
