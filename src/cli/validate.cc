// `driftcheck validate`: every environment's configuration against its
// source's schema, with the same report formats and exit codes as `check`.

#include <iostream>
#include <set>
#include <tuple>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/compare_run.h"
#include "core/error.h"
#include "engine/plan.h"

namespace po = boost::program_options;

namespace driftcheck::cli {
namespace {

constexpr const char* kUsage = R"(usage: driftcheck validate [options]

Validate every environment's configuration against its source's schema
(`schema:` in driftcheck.yaml). The text report is one line per violation,
as a compiler prints it, then a summary:

  services/api/production.yaml:12:9: database.port: expected integer 1..65535, found "80a80"

Exit status: 0 valid, 1 schema violations, 2 could not run.

examples:
  driftcheck validate                                # every environment at HEAD
  driftcheck validate --worktree --source services   # uncommitted edits, one source
  driftcheck validate --rev production=v1.4.0 --format json -o violations.json)";

// Validating nothing must not look like a pass.
void RequireSchemas(const Manifest& manifest, const std::vector<std::string>& names) {
  for (const Source* source : SelectSources(manifest, names)) {
    if (!source->schema.empty()) return;
  }
  throw InputError(manifest.file, 0, 0,
                   names.empty() ? "no source in the manifest has a 'schema:' to validate against"
                                 : "none of the sources given with --source has a 'schema:'",
                   "add 'schema: schemas/NAME.schema.yaml' to a source (see schemas/README.md)");
}

// Only what is wrong in one environment (no load warnings), each once (a
// shared layer is read for every environment).
void KeepViolations(Report& report) {
  std::set<std::tuple<std::string, int, int, std::string, std::string>> seen;
  std::vector<Finding> kept;
  for (Finding& f : report.findings) {
    if (f.kind != FindingKind::kSchemaViolation && f.kind != FindingKind::kInvalidFile) continue;
    const FindingSide& side = f.left.location.file().empty() ? f.right : f.left;
    if (!seen.emplace(side.location.file(), side.location.line, side.location.column, f.path, f.message).second) {
      continue;
    }
    kept.push_back(std::move(f));
  }
  report.findings = std::move(kept);
}

}  // namespace

int RunValidate(const std::vector<std::string>& args) {
  GlobalOptions global;
  RevisionFlags validate;
  po::options_description all;
  all.add(RevisionOptionsDescription(validate)).add(GlobalOptionsDescription(global));
  ParseArguments(args, all, "validate");
  if (global.help) {
    std::cout << kUsage << '\n' << all << '\n';
    return 0;
  }
  ValidateGlobalOptions(global);

  const Repository repo = Repository::Discover(global.repo);
  const Manifest manifest = LoadPolicy(repo, global);
  RequireSchemas(manifest, validate.sources);
  SessionRequest request = RequestFor(manifest, validate, global);
  request.validate = true;
  Report report = RunSession(repo, manifest, request);
  KeepViolations(report);
  report.validation = true;
  WriteReport(report, global);
  SayUnreadableFiles(report);
  return report.ExitCode();
}

}  // namespace driftcheck::cli
