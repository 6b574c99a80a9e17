#pragma once
// An environment whose file is missing because the repository spells the
// environment another way (`config/production/` for environment `prod`):
// found and named with the `aliases:` fix, instead of a layer-missing warning
// followed by a false drift for every key the other environment sets.

#include <optional>
#include <string>

#include "manifest/manifest.h"
#include "plan/pairing.h"
#include "tree/tree.h"

namespace driftcheck {

struct OtherSpelling {
  std::string spelling;  ///< "production"
  std::string file;      ///< the file that exists under it
};

/// When `expected` (a path of `env`'s) is missing but the same path with a
/// directory of `env` spelt another, similar way exists (`production` for `prod`, `stage`
/// for `stg`: one a prefix or subsequence of the other), that spelling. A
/// spelling of `env` or of `other` (the environment compared with it) never counts.
std::optional<OtherSpelling> FindOtherSpelling(const Tree& tree, const std::string& expected,
                                               const Environment& env, const Environment& other,
                                               ListingCache& listings);

/// Throws InputError at the source's manifest line, naming the file that
/// exists and the `aliases:` fix, when FindOtherSpelling finds one.
void RejectOtherSpelling(const Source& source, const Environment& env, const Environment& other,
                         const Tree& tree, const std::string& expected, ListingCache& listings);

}  // namespace driftcheck
