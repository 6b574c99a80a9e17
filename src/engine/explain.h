#pragma once
// The explain stage: for one path, how each side's value came to be — the
// raw value and the layer that set it (and what it overrode), each
// normalization step (recorded by a trace of the normalize walk), the
// normalized value — and the verdict the judged findings give.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/findings.h"
#include "engine/plan.h"
#include "engine/trace.h"
#include "load/load.h"
#include "manifest/manifest.h"
#include "finding/finding.h"
#include "schema/normalize.h"

namespace driftcheck {

/// A value as explain shows it: already redacted where secret.
struct ExplainedValue {
  bool present = false;
  std::string text;      ///< FlowText, or "<redacted>"; "(absent)" when not present
  std::string location;  ///< file:line:col, or ""
};

struct ExplainedLayer {
  std::string file;
  ExplainedValue value;  ///< the value this layer alone holds at the path
};

struct ExplainedStep {
  std::string path;  ///< the path itself or one below it
  std::string what;
  std::string by;
  std::string before;  ///< redacted where secret; "(absent)"
  std::string after;
};

struct ExplainedSide {
  std::string label;
  std::string env;
  std::string revision;
  std::string file;     ///< the first layer; "" when the side has no file
  std::string problem;  ///< why the side could not be read, or ""
  ExplainedValue raw;   ///< after layers merged, before normalization
  std::vector<ExplainedLayer> layers;  ///< a layered source: each layer that holds the path
  std::vector<ExplainedStep> steps;
  ExplainedValue normalized;
  bool secret = false;
};

/// What decides: one finding, or why there is none.
struct ExplainedVerdict {
  std::string verdict;  ///< equal, ignored, drift, allowed, must-differ, same-secret, schema-violation, ...
  std::string text;     ///< one line: "allowed by rule X: reason (owner O, until D)"
  std::string finding_id;
  std::string finding_path;
};

struct Explanation {
  std::string source;
  std::vector<std::pair<std::string, std::string>> placeholders;
  std::string document;  ///< "" or the document's name
  std::vector<ExplainedSide> sides;  ///< left, right
  std::vector<ExplainedVerdict> verdicts;  ///< at least one
};

/// What explain is asked.
struct ExplainQuestion {
  std::string path;  ///< as reports print it
  std::vector<std::pair<std::string, std::string>> where;  ///< placeholder globs
};

/// The value at a path printed as reports print it, or nullptr.
const Value* FindAtPath(const Value& root, const std::vector<PathSegment>& path);
/// The Path of parsed segments (ParseFindingPath's).
Path PathOf(const std::vector<PathSegment>& segments);

/// Every path two sides hold (their documents paired by name), as reports
/// print them under `source`'s policy, for "did you mean": maps and lists
/// included, at most `limit` of them. A path reports print only as a
/// fingerprint (below a secret key, a key shaped like a credential, an
/// alias's text, a flat key's levels below a secret one), and all below it,
/// is never offered: a suggestion must not confirm a guess. `explain` reads
/// the sides as loaded, `diff` as normalized.
void CollectShownPaths(const Source& source, const LoadedSide& left, const LoadedSide& right,
                       const SecretMatcher& secrets, std::set<std::string>& out, std::size_t limit = 20000);

/// Explains one pair task from the trace its evaluation recorded (a session
/// with SessionOptions::trace): raw and normalized values and the
/// normalization steps come from the trace; for a layered source each layer
/// is read alone (through `cache`) to say which holds the path. `judged` is
/// the report of the same run after rules: its findings give the verdicts.
/// Returns an explanation per document that holds the path on either side.
std::vector<Explanation> ExplainPair(const Manifest& manifest, const PairTask& task, const PairTrace& trace,
                                     const ExplainQuestion& question, const Report& judged, LoadCache& cache,
                                     std::set<std::string>& seen_paths);

/// Whether a file pair's placeholders match every `where` glob.
bool MatchesWhere(const FilePair& pair, const ExplainQuestion& question);

}  // namespace driftcheck
