#pragma once
// `driftcheck init`, second half: the manifest text for what the scan found,
// and the `normalize:` settings the data supports, each measured by running
// the proposed manifest with and without it.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "init/scan.h"
#include "finding/finding.h"

namespace driftcheck {

/// One `normalize:` setting and how many failing findings it removes.
struct NormalizeChoice {
  std::string key;    ///< env_tokens, empty, keys, or a list path under lists
  std::string value;  ///< optional, keys, absent, dotted, set
  bool list = false;  ///< under `lists:`
  std::size_t removes = 0;
};

struct SourceProposal {
  ScannedSource scanned;
  std::vector<NormalizeChoice> normalize;
  std::string schema;  ///< `schema:` file, "" = none
  std::size_t failing_before = 0;  ///< failing findings without normalize:
  std::size_t failing_after = 0;
};

/// driftcheck.yaml for the scan and the proposals, with a comment on each
/// source (what was recognised) and each normalize setting (what it removes).
std::string ManifestText(const ScanResult& scan, const std::vector<SourceProposal>& sources);

/// Runs a manifest text for one source: its report, or nullopt when the
/// manifest cannot run for that source (the source is then dropped).
using SourceRunner = std::function<std::optional<Report>(const std::string& manifest, const std::string& source)>;

/// Measures each source (dropping those that cannot run or hold a file that
/// does not parse) and adds, one at a
/// time, the normalize settings that remove failing findings: env tokens in
/// values (and keys), empty as absent, dotted keys for .properties, set
/// lists where both sides hold the same items in another order.
std::vector<SourceProposal> ProposeNormalization(const ScanResult& scan, const SourceRunner& run);

}  // namespace driftcheck
