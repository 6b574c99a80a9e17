#pragma once
// `driftcheck init`, first half: which files of a repository hold one
// configuration per environment, found from their paths alone (and, for one
// file holding every environment, its top-level keys). Pure: a file list and
// a reader in, proposed environments and sources out.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace driftcheck {

/// An environment as the repository spells it.
struct ScannedEnvironment {
  std::string name;                  ///< canonical: production, staging, uat, qa, development
  std::vector<std::string> aliases;  ///< other spellings seen (prod, prd, Production), sorted
};

/// One proposed source of driftcheck.yaml.
struct ScannedSource {
  std::string name;
  std::vector<std::string> layers;  ///< one template = `path:`; more = `layers:`
  std::map<std::string, std::string> env_paths;  ///< `paths:` (when no template fits)
  std::string select;               ///< `select:` ("" = none)
  std::string format;               ///< `format:` when the extension does not say
  std::vector<std::string> envs;    ///< environments with a file (canonical names)
  std::vector<std::string> compare_pair;  ///< its own pair, when not the manifest's
  std::string kind_note;            ///< what was recognised, for a comment
};

struct ScanResult {
  std::vector<ScannedEnvironment> environments;  ///< in promotion order, production last
  std::vector<std::string> compare;              ///< the manifest's pair: {lower, production}
  std::vector<ScannedSource> sources;
};

/// The environment a path token spells ("prod" -> "production"), or nullopt.
/// Case-insensitive; whole tokens only ("product" is nothing).
std::optional<std::string> EnvironmentOfToken(const std::string& token);

/// Proposes sources for `files` (repository-relative, sorted). `read` gives
/// a small file's text (nullopt when too big or absent); it is asked only
/// about YAML files that might hold every environment as top-level keys.
ScanResult ScanRepository(const std::vector<std::string>& files,
                          const std::function<std::optional<std::string>(const std::string&)>& read);

}  // namespace driftcheck
