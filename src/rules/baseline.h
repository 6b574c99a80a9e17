#pragma once
// Baselines and "only new drift": findings that already existed are shown as
// `existing` and do not fail. A baseline file records what each finding is
// about (id, kind, source, placeholders, path, side labels) and a
// fingerprint of each side's normalized value, never a value: a finding is
// existing only when its id, kind and fingerprints all match, so a drift
// that flips sides or changes value is new.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "finding/finding.h"

namespace driftcheck {

struct BaselineEntry {
  std::string id;
  std::string kind;  ///< as reports print it: "changed", "only-in-staging", ...
  std::string source;
  std::vector<std::pair<std::string, std::string>> placeholders;
  std::string document;
  std::string path;
  std::vector<std::string> sides;  ///< side labels
  /// Each side's value fingerprint (FindingSide::value_digest; "" for a
  /// secret or absent value). Unset in baselines written before they were
  /// recorded: such an entry matches on id and kind alone.
  std::optional<std::vector<std::string>> values;
  /// The file a finding about a whole file (an empty path: invalid-file,
  /// file-missing, layer-missing) was about; "" in older baselines.
  std::string file;
};

struct Baseline {
  std::string file;
  std::vector<BaselineEntry> entries;
};

enum class BaselineFormat { kYaml, kJson };

/// Whether a finding is recorded as existing: every finding no rule allowed,
/// except those about the rules themselves (an expired rule must stay loud).
bool BelongsInBaseline(const Finding& finding);

/// The baseline file for a judged report.
std::string FormatBaseline(const Report& report, BaselineFormat format);

/// Reads a baseline written by FormatBaseline (YAML or JSON). Throws InputError.
Baseline LoadBaseline(std::string_view text, const std::string& file);

/// Marks findings the baseline lists as existing, and adds a note (severity
/// note: it never fails) for every entry that no longer occurs, except
/// entries of sources outside `checked_sources` (--source; empty = all).
void ApplyBaseline(Report& report, const Baseline& baseline, const std::vector<std::string>& checked_sources = {});

/// --new-since: marks the findings of `current` that `before` (the same check
/// at an earlier revision) already had failing as existing: same id, kind
/// and value fingerprints.
void MarkExisting(FindingList& current, const FindingList& before);

}  // namespace driftcheck
