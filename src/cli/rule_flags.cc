#include "cli/rule_flags.h"

#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/suggest.h"

namespace po = boost::program_options;

namespace driftcheck::cli {
namespace {

std::string DirectoryOf(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// The manifest's `allow:` file, read where the manifest's policy is read.
std::string ReadAllowFile(const Repository& repo, const Manifest& manifest) {
  std::unique_ptr<Tree> tree =
      repo.is_bare() ? repo.OpenCommit(repo.ResolveCommit("HEAD")) : repo.OpenWorktree();
  if (auto content = tree->Read(manifest.allow)) return std::move(content->bytes);
  const std::vector<std::string> nearby = tree->ListFiles(DirectoryOf(manifest.allow));
  std::string hint = DidYouMean(manifest.allow, nearby);
  if (hint.empty()) hint = "create it (see the README), or remove 'allow:' from the manifest";
  throw InputError(manifest.allow_location,
                   "the allow-rules file '" + manifest.allow + "' does not exist" +
                       (repo.is_bare() ? " (read from HEAD)" : ""),
                   hint);
}

}  // namespace

po::options_description RuleOptionsDescription(RuleFlags& o) {
  po::options_description d("Allow rule options");
  d.add_options()
      ("rules", po::value(&o.rules_file)->value_name("FILE"),
       "allow rules to apply [the manifest's 'allow:' file]")
      ("today", po::value(&o.today)->value_name("YYYY-MM-DD"),
       "judge rule expiry as of this day, for reproducible runs [today, UTC]")
      ("expiry-warning", po::value(&o.expiry_warning)->value_name("DAYS"),
       "warn about rules that expire within DAYS days; 0 turns the warning off [14]")
      ("strict", po::bool_switch(&o.strict), "warnings (unused or expiring rules) fail the run");
  return d;
}

RuleOptions ReadRuleOptions(const RuleFlags& flags) {
  RuleOptions options;
  if (!flags.today.empty()) {
    auto day = ParseCalendarDay(flags.today);
    if (!day) throw InputError("--today '" + flags.today + "' is not a date", "write YYYY-MM-DD, e.g. 2027-06-30");
    options.today = *day;
  }
  if (flags.expiry_warning < 0) throw InputError("--expiry-warning takes a number of days, 0 or more",
                                                       "e.g. --expiry-warning 14");
  options.expiry_warning_days = flags.expiry_warning;
  options.strict = flags.strict;
  return options;
}

std::string ReadFileFromDisk(const std::string& path, const std::string& option) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read '" + path + "' given to " + option, "check the path");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

RuleSet LoadRuleSet(const Repository& repo, const Manifest& manifest, const RuleFlags& flags,
                    bool lenient) {
  std::string file = flags.rules_file, text;
  if (!file.empty()) {
    text = ReadFileFromDisk(file, "--rules");
  } else if (!manifest.allow.empty()) {
    file = manifest.allow;
    text = ReadAllowFile(repo, manifest);
  } else {
    return RuleSet{};
  }
  return lenient ? LoadRulesLeniently(text, file, &manifest) : LoadRules(text, file, &manifest);
}

}  // namespace driftcheck::cli
