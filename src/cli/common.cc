#include "cli/common.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <iostream>
#include <set>
#include <sstream>

#include "core/error.h"
#include "core/suggest.h"
#include "report/writer.h"

namespace po = boost::program_options;

namespace driftcheck::cli {

namespace {

// The format list comes from the writer table, so --help cannot fall behind it.
std::string FormatHelp() {
  std::string help = "report format [text]:";
  for (const WriterInfo& writer : Writers()) {
    std::string name(writer.name);
    name.resize(std::max<std::size_t>(name.size(), 9), ' ');
    help += "\n  " + name + " " + std::string(writer.description);
  }
  return help;
}

// `where` names the option in the error: "--format 'jsn'".
void ValidateFormat(const std::string& format, const std::string& where) {
  if (FindWriter(format)) return;
  std::string hint = DidYouMean(format, WriterNames());
  if (hint.empty()) {
    hint = "formats:";
    for (const auto& name : WriterNames()) hint += " " + name;
  }
  throw InputError("unknown " + where, hint);
}

// "sarif=drift.sarif" → {"sarif", "drift.sarif"}
std::pair<std::string, std::string> SplitReport(const std::string& spec) {
  const std::size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
    throw InputError("--report " + spec + " is not FORMAT=FILE", "e.g. --report junit=drift.xml");
  }
  return {spec.substr(0, eq), spec.substr(eq + 1)};
}

}  // namespace

po::options_description GlobalOptionsDescription(GlobalOptions& o) {
  po::options_description d("Global options");
  d.add_options()
      ("repo,C", po::value(&o.repo)->value_name("DIR"),
       "repository to read (found upward from DIR, like git; bare repositories work) [.]")
      ("config", po::value(&o.config)->value_name("FILE"),
       "manifest file [driftcheck.yaml at the repository root]")
      ("format", po::value(&o.format)->value_name("FORMAT"), FormatHelp().c_str())
      ("output,o", po::value(&o.output)->value_name("FILE"), "write the report to FILE")
      ("report", po::value(&o.reports)->value_name("FORMAT=FILE")->composing(),
       "also write a report in FORMAT to FILE (repeatable), e.g. --report sarif=drift.sarif")
      ("color", po::value(&o.color)->value_name("auto|always|never"),
       "colour the text report [auto: on a terminal, unless NO_COLOR is set]")
      ("quiet,q", po::bool_switch(&o.quiet), "print nothing on stdout when no finding fails")
      ("verbose,v", po::bool_switch(&o.verbose), "say which revisions are read, on stderr")
      ("help,h", po::bool_switch(&o.help), "show this help");
  return d;
}

po::variables_map ParseArguments(const std::vector<std::string>& args,
                                 const po::options_description& description,
                                 const std::string& command,
                                 const po::positional_options_description* positional) {
  const std::string hint = "see 'driftcheck " + command + " --help'";
  po::variables_map vm;
  try {
    // No abbreviations: a typo like --worktre must not quietly mean --worktree.
    const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::command_line_parser parser(args);
    parser.options(description).style(style);
    if (positional) parser.positional(*positional);
    po::parsed_options parsed = parser.run();
    for (const auto& option : parsed.options) {
      if (option.position_key >= 0 && !positional) {
        throw InputError("unexpected argument '" + option.value.front() + "'", hint);
      }
    }
    po::store(parsed, vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::vector<std::string> known;
    for (const auto& option : description.options()) known.push_back("--" + option->long_name());
    std::string suggestion = DidYouMean(e.get_option_name(), known);
    throw InputError("unknown option '" + e.get_option_name() + "'", suggestion.empty() ? hint : suggestion);
  } catch (const po::error& e) {
    throw InputError(e.what(), hint);
  }
  return vm;
}

void ValidateGlobalOptions(const GlobalOptions& options) {
  ValidateFormat(options.format, "--format '" + options.format + "'");
  std::set<std::string> files;
  if (!options.output.empty()) files.insert(options.output);
  for (const std::string& spec : options.reports) {
    const auto [format, file] = SplitReport(spec);
    ValidateFormat(format, "format '" + format + "' in --report " + spec);
    if (!files.insert(file).second) {
      throw InputError("two reports would be written to '" + file + "'",
                       "give each --report (and -o) its own file");
    }
  }
  if (options.color != "auto" && options.color != "always" && options.color != "never") {
    throw InputError("unknown --color '" + options.color + "'", "use auto, always or never");
  }
}

namespace {

// An `allow:` naming a file that is not there would silently allow nothing.
void RequireAllowFile(const Manifest& manifest, const Tree& policy) {
  if (manifest.allow.empty() || policy.Read(manifest.allow)) return;
  const std::size_t slash = manifest.allow.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : manifest.allow.substr(0, slash);
  std::vector<std::string> nearby;
  for (const std::string& file : policy.ListFiles(dir)) {
    if (file == manifest.file) continue;  // never "did you mean driftcheck.yaml"
    if (file.rfind('/') == slash || (slash == std::string::npos && file.find('/') == std::string::npos)) {
      nearby.push_back(file);
    }
  }
  std::string hint = DidYouMean(manifest.allow, nearby);
  if (hint.empty()) hint = "create it (version: 1, rules: []) or remove 'allow:' from the manifest";
  throw InputError(manifest.allow_location, "the allow-rules file '" + manifest.allow + "' does not exist",
                   hint);
}

}  // namespace

namespace {

// Schemas are policy: read from the same tree as the manifest.
SchemaReader TreeReader(const Tree& tree) {
  return [&tree](const std::string& path) -> std::optional<std::string> {
    auto content = tree.Read(path);
    if (!content) return std::nullopt;
    return content->bytes;
  };
}

}  // namespace

std::unique_ptr<Tree> OpenPolicyTree(const Repository& repo, const std::string& policy_rev) {
  if (!policy_rev.empty()) return repo.OpenCommit(repo.ResolveCommit(policy_rev));
  return repo.is_bare() ? repo.OpenCommit(repo.ResolveCommit("HEAD")) : repo.OpenWorktree();
}

Manifest LoadPolicy(const Repository& repo, const GlobalOptions& options, const std::string& policy_rev) {
  std::unique_ptr<Tree> tree = OpenPolicyTree(repo, policy_rev);
  if (!options.config.empty()) {
    std::ifstream in(options.config, std::ios::binary);
    if (!in) {
      throw InputError("cannot read the manifest '" + options.config + "'",
                       "check the path given to --config");
    }
    std::ostringstream text;
    text << in.rdbuf();
    Manifest manifest = LoadManifest(text.str(), MakeOrigin(options.config));
    RequireAllowFile(manifest, *tree);
    LoadSchemas(manifest, TreeReader(*tree));
    return manifest;
  }
  const std::string name = "driftcheck.yaml";
  auto content = tree->Read(name);
  if (!content) {
    throw InputError("no driftcheck.yaml at the repository root" +
                         (!policy_rev.empty() ? " at " + policy_rev
                          : repo.is_bare()    ? std::string(" (read from HEAD)")
                                              : std::string()),
                     "create one (see the README) or pass --config FILE");
  }
  Manifest manifest = LoadManifest(content->bytes, MakeOrigin(name));
  RequireAllowFile(manifest, *tree);
  LoadSchemas(manifest, TreeReader(*tree));
  return manifest;
}

std::map<std::string, RevisionChoice> ChooseRevisions(const Manifest& manifest,
                                                      const std::vector<std::string>& revs,
                                                      bool worktree) {
  RevisionChoice all = worktree ? RevisionChoice{"worktree", true} : RevisionChoice{"HEAD", false};
  std::map<std::string, RevisionChoice> per_env;
  bool global_rev_seen = false;
  for (const std::string& rev : revs) {
    const std::size_t eq = rev.find('=');
    if (eq == std::string::npos) {
      if (worktree) throw InputError("--rev " + rev + " conflicts with --worktree",
                                     "use --rev ENV=REV to read one environment at a revision");
      if (global_rev_seen) throw InputError("--rev without ENV= given twice", "use --rev ENV=REV for each environment");
      global_rev_seen = true;
      all = RevisionChoice{rev, false};
      continue;
    }
    const std::string env = rev.substr(0, eq), spec = rev.substr(eq + 1);
    const Environment* found = manifest.FindEnvironment(env);  // a name or an alias
    if (!found) {
      throw InputError("unknown environment '" + env + "' in --rev " + rev,
                       DidYouMean(env, manifest.EnvironmentNames()));
    }
    if (spec.empty()) throw InputError("--rev " + rev + " names no revision");
    if (!per_env.emplace(found->name, RevisionChoice{spec, false}).second) {
      throw InputError("--rev gives environment '" + found->name + "' two revisions");
    }
  }
  std::map<std::string, RevisionChoice> out;
  for (const auto& env : manifest.environments) {
    auto it = per_env.find(env.name);
    out[env.name] = it != per_env.end() ? it->second : all;
  }
  return out;
}

TreeSet::TreeSet(const Repository& repo, const std::map<std::string, RevisionChoice>& choices,
                 const std::vector<std::string>& envs) {
  for (const std::string& env : envs) {
    const RevisionChoice& choice = choices.at(env);
    const std::string revision = choice.worktree ? "worktree" : repo.ResolveCommit(choice.revspec);
    auto& tree = trees_[revision];
    if (!tree) tree = choice.worktree ? repo.OpenWorktree() : repo.OpenCommit(revision);
    by_env_[env] = tree.get();
    runs_.push_back(EnvironmentRun{env, choice.revspec, revision});
  }
}

const Tree& TreeSet::TreeFor(const std::string& env) const { return *by_env_.at(env); }

namespace {

bool WantColor(const GlobalOptions& options) {
  if (options.format != "text" || !options.output.empty()) return false;
  if (options.color == "always") return true;
  if (options.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return isatty(STDOUT_FILENO) != 0;
}

}  // namespace

namespace {

// Whether `path` is, or will be, a plain file that a rename may replace; a
// device (/dev/stdout, /dev/full), a pipe or a symbolic link is written in place.
bool ReplaceableFile(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(path, ec);
  return !std::filesystem::exists(status) || std::filesystem::is_regular_file(status);
}

// A report file is written beside its final name and renamed into place
// once complete: streamed, so a huge report never sits in memory, and a failed
// run never leaves half a report behind. Anything but a plain file is written
// directly.
class PendingFile {
 public:
  explicit PendingFile(std::string path)
      : path_(std::move(path)),
        temp_(ReplaceableFile(path_) ? path_ + ".driftcheck-partial" : path_) {}
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  ~PendingFile() {
    if (!committed_ && temp_ != path_) std::remove(temp_.c_str());
  }

  void Write(const Report& report, WriterFn write) {
    std::ofstream out(temp_, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw InputError("cannot write the report to '" + path_ + "': " + std::strerror(errno),
                       "check that the directory exists and is writable");
    }
    write(report, out, WriteOptions{false});
    out.close();
    if (!out) throw InputError("cannot write the report to '" + path_ + "'", "check the free disk space");
  }

  void Commit() {
    if (temp_ != path_ && std::rename(temp_.c_str(), path_.c_str()) != 0) {
      throw InputError("cannot write the report to '" + path_ + "': " + std::strerror(errno));
    }
    committed_ = true;
  }

 private:
  std::string path_;
  std::string temp_;
  bool committed_ = false;
};

}  // namespace

void WriteReport(const Report& report, const GlobalOptions& options) {
  std::vector<std::pair<std::string, WriterFn>> files;  // path, writer
  for (const std::string& spec : options.reports) {
    const auto [format, path] = SplitReport(spec);
    files.emplace_back(path, FindWriter(format));
  }
  if (!options.output.empty()) files.emplace_back(options.output, FindWriter(options.format));
  std::vector<std::unique_ptr<PendingFile>> pending;
  for (const auto& [path, write] : files) {
    pending.push_back(std::make_unique<PendingFile>(path));
    pending.back()->Write(report, write);
  }
  for (auto& file : pending) file->Commit();
  if (!options.output.empty()) return;
  // -q silences the terminal; report files asked for are still written.
  if (options.quiet && report.ExitCode() == 0) return;
  FindWriter(options.format)(report, std::cout, WriteOptions{WantColor(options)});
  std::cout.flush();
  if (!std::cout) {
    throw InputError("cannot write the report to standard output",
                     "check that the output is not closed or on a full disk");
  }
}

void SayUnreadableFiles(const Report& report) {
  std::set<std::string> said;  // a file read by two comparisons is named once
  for (const Finding& f : report.findings) {
    if (f.kind != FindingKind::kInvalidFile) continue;
    const std::string line = "error: " + f.left.location.ToString() + ": " + f.message;
    if (!said.insert(line).second) continue;
    std::cerr << line << '\n';
    if (!f.hint.empty()) std::cerr << "hint: " << f.hint << '\n';
  }
}

}  // namespace driftcheck::cli
