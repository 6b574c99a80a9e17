#pragma once
// What every report format says the same way: a side's value, a pair of
// values made to look different when they are, and the summary counts.
// Results are plain UTF-8 text; each writer adds its own escaping.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "finding/finding.h"

namespace driftcheck {

/// A side's value on one line: FlowText, except that a redacted value of a
/// pair whose secrets differ reads "<redacted, differs>".
std::string SideValueText(const Finding& finding, const FindingSide& side);

/// A finding's values as reports show them.
struct ShownPair {
  std::string left;
  std::string right;                   ///< "" for a one-sided finding
  std::vector<std::string> line_diff;  ///< "- old" / "+ new" lines of a changed multi-line string
};

/// The values of a finding, made so that two different values never read the
/// same: a changed multi-line string becomes "(N lines)" and a short line
/// diff; two values that differ only past FlowText's cut show the part around
/// the first difference ("…tail…"); invisible characters are escaped.
ShownPair ShowValues(const Finding& finding);

/// "service=api region=eu" (placeholders in name order), or "".
std::string PlaceholderText(const Finding& finding);

/// "staging ↔ production", or one label for a one-sided finding.
std::string SidesText(const Finding& finding);

/// The compared pair a finding belongs to, as a group header names it:
/// "staging ↔ production" for a one-sided finding too; one label when the
/// side was read alone (`validate`), or the finding's sides without a pair.
std::string PairText(const Finding& finding);

/// The compared file pairs a report lists, by what ties a finding to them
/// (IdentityOf), for group headers; the first listed wins, and one file for
/// both sides (a `select:` source) is not a pair to name.
using PairsByIdentity = std::map<PairIdentity, const FilePairRecord*>;
PairsByIdentity IndexPairs(const Report& report);

/// The files (left, right) of the file pair a finding belongs to, from the
/// run's record of it when there is one: a group that opens with a one-sided
/// finding (a duplicate key in production's file) still names both files.
/// "" for a side without a file; one file for both sides twice.
std::pair<std::string, std::string> GroupFiles(const Finding& finding, const PairsByIdentity& pairs);

/// What a finding is about: its path ("database.pool_size"), or "(file)" /
/// "(document)" for a whole one, after "document=NAME " in a multi-document file.
std::string SubjectText(const Finding& finding);

/// One line saying what is wrong: the finding's message, or each side's value
/// ("staging 5, production 50"). Escaped for display.
std::string ProblemText(const Finding& finding);

/// The side a format with one location per finding points at: the right
/// (later) side of a pair when its location is known, else the left.
const FindingSide& PrimarySide(const Finding& finding);

/// The finding in full after ProblemText, one line each, escaped for display: each side's
/// value, location and revision, the line diff, the hint, the allowing rule,
/// whether it is existing, and the id.
std::vector<std::string> DetailLines(const Finding& finding);

/// Counts by kind, with allowed and existing ones said:
/// "3 drifts (1 allowed) · 2 schema errors · 1 expired rule"; "" with no findings.
std::string CountsText(const Report& report);

/// `text`'s words filled into lines of at most 80 columns (code points), the
/// first line after `first`, the rest after `rest`; a word longer than a line
/// gets a line of its own, and a run of spaces is one break. No final newline.
std::string WrapWords(const std::string& text, const std::string& first, const std::string& rest);

}  // namespace driftcheck
