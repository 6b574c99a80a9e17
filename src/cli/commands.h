#pragma once
// One function per command; each returns the process exit code.

#include <string>
#include <vector>

namespace driftcheck::cli {

/// `driftcheck check`: compare each pair in the manifest's `compare`.
int RunCheck(const std::vector<std::string>& args);
/// `driftcheck validate`: schema-validate every environment's configuration.
int RunValidate(const std::vector<std::string>& args);

/// `driftcheck rules`: list allow rules with status and what each allowed.
int RunRules(const std::vector<std::string>& args);

/// `driftcheck baseline`: write the current findings to a baseline file.
int RunBaseline(const std::vector<std::string>& args);

/// `driftcheck init`: propose a driftcheck.yaml from the files found.
int RunInit(const std::vector<std::string>& args);

/// `driftcheck diff A B [PATH...]`: compare any two ENV[@REV] sides.
int RunDiff(const std::vector<std::string>& args);

/// `driftcheck history`: when each drift appeared and disappeared.
int RunHistory(const std::vector<std::string>& args);

/// `driftcheck explain PATH`: how each environment's value came to be, and the verdict.
int RunExplain(const std::vector<std::string>& args);

}  // namespace driftcheck::cli
