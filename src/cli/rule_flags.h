#pragma once
// The allow-rule options `check`, `baseline` and `rules` share, and reading
// the rules file they name.

#include <boost/program_options.hpp>
#include <string>

#include "manifest/manifest.h"
#include "rules/apply.h"
#include "rules/rules.h"
#include "tree/git_repository.h"

namespace driftcheck::cli {

struct RuleFlags {
  std::string rules_file;  ///< --rules FILE ("" = the manifest's `allow:`)
  std::string today;       ///< --today YYYY-MM-DD ("" = today, UTC)
  int expiry_warning = 14;
  bool strict = false;
};

boost::program_options::options_description RuleOptionsDescription(RuleFlags& flags);

/// --today and --expiry-warning checked and read.
RuleOptions ReadRuleOptions(const RuleFlags& flags);

/// The rules: --rules FILE from disk, else the manifest's `allow:` file from
/// the working tree (HEAD in a bare repository); none when neither is set.
/// `lenient` keeps broken rules for listing instead of throwing.
RuleSet LoadRuleSet(const Repository& repo, const Manifest& manifest, const RuleFlags& flags,
                    bool lenient = false);

/// A file from disk, or an InputError naming it and the option it came from.
std::string ReadFileFromDisk(const std::string& path, const std::string& option);

}  // namespace driftcheck::cli
