// driftcheck: catch configuration drift between environments before it
// reaches users. main() picks the command, and is the one place errors
// become messages and exit codes.

#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/compare_run.h"
#include "core/build_info.h"
#include "core/error.h"
#include "core/suggest.h"

namespace {

constexpr const char* kUsage = R"(usage: driftcheck [COMMAND] [options]

Catch configuration drift between environments before it reaches users.
Reads each environment's configuration straight from git revisions and
reports every difference between them.

commands:
  check     compare the environment pairs in driftcheck.yaml (the default)
  validate  validate every environment's configuration against its schema
  rules     list the allow rules: status, owner, expiry, what each allowed
  baseline  write the current findings to a baseline file (check --baseline)
  diff      compare any two ENV[@REV] sides: production@v1.4.0 production@HEAD
  history   when each drift appeared and disappeared, commit by commit
  explain   how each environment's value at a path came to be, and the verdict
  init      propose a driftcheck.yaml from the files found, with normalize: settings

Run 'driftcheck COMMAND --help' for a command's options and examples.

examples:
  driftcheck                                  # check every environment at HEAD
  driftcheck check --rev staging=v1.4.0 --rev production=HEAD
  driftcheck check --worktree --format json -o drift.json
  driftcheck check --new-since origin/main   # in a pull request: only new drift fails
  driftcheck diff production@v1.4.0 production@HEAD
  driftcheck history --since v1.4.0
  driftcheck explain database.pool_size --where service=api

exit status: 0 nothing fails, 1 drift or another failing finding, 2 could not run
             (bad argument, manifest or revision) or could not read a config file
)";

using CommandFn = int (*)(const std::vector<std::string>&);

struct Command {
  const char* name;
  CommandFn run;
};

constexpr Command kCommands[] = {
    {"check", driftcheck::cli::RunCheck},
    {"validate", driftcheck::cli::RunValidate},
    {"rules", driftcheck::cli::RunRules},
    {"baseline", driftcheck::cli::RunBaseline},
    {"diff", driftcheck::cli::RunDiff},
    {"history", driftcheck::cli::RunHistory},
    {"explain", driftcheck::cli::RunExplain},
    {"init", driftcheck::cli::RunInit},
};

int Dispatch(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--version" || args[0] == "version")) {
    std::cout << "driftcheck " << DRIFTCHECK_VERSION << " (git " << driftcheck::BuildRevision() << ")\n";
    return 0;
  }
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
    std::cout << kUsage;
    return 0;
  }
  // Options first (or nothing at all) means the default command.
  if (args.empty() || args[0].starts_with("-")) return driftcheck::cli::RunCheck(args);
  std::vector<std::string> names;
  for (const Command& command : kCommands) {
    if (args[0] == command.name) return command.run({args.begin() + 1, args.end()});
    names.emplace_back(command.name);
  }
  std::string hint = driftcheck::DidYouMean(args[0], names);
  throw driftcheck::InputError("unknown command '" + args[0] + "'",
                               hint.empty() ? "run 'driftcheck --help' for the commands" : hint);
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  driftcheck::cli::SetBuildRevision(std::string(driftcheck::BuildRevision()));
  try {
    return Dispatch({argv + 1, argv + argc});
  } catch (const driftcheck::InputError& e) {
    std::cerr << "error: " << e.Headline() << '\n';
    if (!e.hint().empty()) std::cerr << "hint: " << e.hint() << '\n';
  } catch (const std::bad_alloc&) {
    std::cerr << "error: out of memory\n";
  } catch (const std::exception& e) {
    // Never expected: every input error is an InputError. Say so plainly.
    std::cerr << "error: internal error: " << e.what() << '\n'
              << "hint: this is a driftcheck bug; please report it with the command you ran\n";
  }
  return 2;
}
