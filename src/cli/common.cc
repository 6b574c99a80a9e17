#include "cli/common.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <iostream>
#include <random>
#include <streambuf>
#include <set>
#include <sstream>

#include "core/error.h"
#include "engine/result_cache.h"
#include "core/units.h"
#include "core/secrets.h"
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
      ("quiet,q", po::bool_switch(&o.quiet),
       "print nothing on stdout when no finding fails; leave allowed and existing findings out of the text")
      ("verbose,v", po::bool_switch(&o.verbose),
       "say on stderr which revisions are read, each file with its loader, and how many file pairs came "
       "from the persistent cache")
      ("max-file-size", po::value(&o.max_file_size)->value_name("SIZE"),
       "a larger config file is not read: an invalid-file finding, e.g. --max-file-size 256Mi [64Mi]")
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
  // One file however it is spelled: by canonical path (symbolic links
  // resolved, `.` and `..` gone), and by inode when it is a file already (a
  // hard link). A device or pipe is compared as spelled: /dev/stdout and
  // /dev/stderr may both lead to one terminal, and both are fine.
  std::set<std::string> files;
  std::set<std::pair<dev_t, ino_t>> inodes;
  auto first = [&](const std::string& file) {
    struct stat st {};
    const bool exists = ::stat(file.c_str(), &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) return files.insert(file).second;
    std::error_code ec;
    std::filesystem::path canonical = std::filesystem::weakly_canonical(std::filesystem::absolute(file, ec), ec);
    if (ec) canonical = file;
    bool fresh = files.insert(canonical.lexically_normal().string()).second;
    if (exists && !inodes.insert({st.st_dev, st.st_ino}).second) fresh = false;
    return fresh;
  };
  if (!options.output.empty()) first(options.output);
  for (const std::string& spec : options.reports) {
    const auto [format, file] = SplitReport(spec);
    ValidateFormat(format, "format '" + format + "' in --report " + spec);
    if (!first(file)) {
      throw InputError("two reports would be written to '" + file + "'",
                       "give each --report (and -o) its own file");
    }
  }
  if (options.color != "auto" && options.color != "always" && options.color != "never") {
    throw InputError("unknown --color '" + options.color + "'", "use auto, always or never");
  }
  Limits(options);
}

LoadLimits Limits(const GlobalOptions& options) {
  const auto bytes = ParseBytes(options.max_file_size);
  if (!bytes || *bytes <= 0) {
    throw InputError("--max-file-size '" + options.max_file_size + "' is not a size",
                     "write bytes or a size with a unit: 67108864, 64Mi, 100M");
  }
  LoadLimits limits;
  limits.max_file_bytes = static_cast<std::uint64_t>(*bytes);
  return limits;
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

// Loads the schemas, and digests the manifest's text with every schema read
// (path and text): the persistent cache's key for the policy.
void LoadSchemasDigested(Manifest& manifest, const std::string& text, const Tree& tree) {
  std::vector<std::pair<std::string, std::string>> read;
  const SchemaReader from_tree = TreeReader(tree);
  LoadSchemas(manifest, [&](const std::string& path) {
    std::optional<std::string> schema = from_tree(path);
    read.emplace_back(path, schema ? "+" + *schema : "-");
    return schema;
  });
  manifest.policy_digest = PolicyDigest(text, read);
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
    SetFingerprintSalt(manifest.fingerprint_salt);
    RequireAllowFile(manifest, *tree);
    LoadSchemasDigested(manifest, text.str(), *tree);
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
  SetFingerprintSalt(manifest.fingerprint_salt);
  RequireAllowFile(manifest, *tree);
  LoadSchemasDigested(manifest, content->bytes, *tree);
  return manifest;
}

std::map<std::string, RevisionChoice> ChooseRevisions(const Manifest& manifest,
                                                      const std::vector<std::string>& revs,
                                                      bool worktree, bool staged) {
  if (worktree && staged) {
    throw InputError("--staged conflicts with --worktree",
                     "--staged reads what the next commit holds, --worktree what is on disk: pick one");
  }
  RevisionChoice all = worktree ? RevisionChoice{"worktree", true} : RevisionChoice{"HEAD", false};
  if (staged) all = RevisionChoice{"staged", false, true};
  std::map<std::string, RevisionChoice> per_env;
  bool global_rev_seen = false;
  for (const std::string& rev : revs) {
    const std::size_t eq = rev.find('=');
    if (eq == std::string::npos) {
      if (worktree || staged) throw InputError("--rev " + rev + " conflicts with " + (staged ? "--staged" : "--worktree"),
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
    if (spec.empty()) throw InputError("--rev " + rev + " names no revision",
                                        "write --rev ENV=REV, e.g. --rev production=v1.4.0");
    if (!per_env.emplace(found->name, RevisionChoice{spec, false}).second) {
      throw InputError("--rev gives environment '" + found->name + "' two revisions",
                       "give each environment one --rev ENV=REV");
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
    const std::string revision = choice.worktree ? "worktree"
                                 : choice.staged ? "staged"
                                                 : repo.ResolveCommit(choice.revspec);
    auto& tree = trees_[revision];
    if (!tree) {
      tree = choice.worktree ? repo.OpenWorktree() : choice.staged ? repo.OpenStaged() : repo.OpenCommit(revision);
    }
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

// Whether `path` is written in place: a character device or a pipe
// (/dev/stdout, /dev/full, a FIFO), also through a link to it. Everything
// else (a plain file, nothing yet, a link to a plain file or to nothing) is
// replaced by a rename, which replaces a link itself: a planted link is never
// followed to overwrite the file it names.
bool WrittenInPlace(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  return std::filesystem::is_character_file(status) || std::filesystem::is_fifo(status);
}

// An output stream over a file descriptor it owns (no libstdc++ extension).
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  FdBuffer(const FdBuffer&) = delete;
  FdBuffer& operator=(const FdBuffer&) = delete;
  ~FdBuffer() override { Close(); }

  /// Flushes and closes; false when a write or the close failed.
  bool Close() {
    if (fd_ < 0) return ok_;
    ok_ = Flush() && ok_;
    ok_ = ::close(fd_) == 0 && ok_;
    fd_ = -1;
    return ok_;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!Flush()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  int sync() override { return Flush() ? 0 : -1; }

 private:
  bool Flush() {
    for (const char* p = pbase(); p < pptr();) {
      const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return ok_ = false;
      p += n;
    }
    setp(buffer_, buffer_ + sizeof buffer_);
    return ok_;
  }

  int fd_;
  bool ok_ = true;
  char buffer_[1 << 16];
};

// A fresh file beside `path`, created exclusively (O_EXCL: never an existing
// file or link) under a random name nobody can plant a link at in advance.
std::pair<int, std::string> CreateTemporaryBeside(const std::string& path) {
  const std::filesystem::path target(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::random_device random;
  for (int attempt = 0; attempt < 100; ++attempt) {
    char suffix[17];
    std::snprintf(suffix, sizeof suffix, "%08x%08x", random(), random());
    const std::string temp = (dir / ("." + target.filename().string() + ".driftcheck-" + suffix)).string();
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0) return {fd, temp};
    if (errno != EEXIST) break;
  }
  throw InputError("cannot write the report to '" + path + "': " + std::strerror(errno),
                   "check that the directory exists and is writable");
}

// A report file is written to an exclusive temporary beside its final name
// and renamed into place once complete: streamed, so a huge report never sits
// in memory, and a failed run never leaves half a report behind. A device or
// pipe is written directly.
class PendingFile {
 public:
  explicit PendingFile(std::string path) : path_(std::move(path)), in_place_(WrittenInPlace(path_)) {}
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  ~PendingFile() {
    if (!committed_ && !temp_.empty()) std::remove(temp_.c_str());
  }

  void Write(const std::function<void(std::ostream&)>& write) {
    if (in_place_) {
      std::ofstream out(path_, std::ios::binary | std::ios::trunc);
      if (!out) {
        throw InputError("cannot write the report to '" + path_ + "': " + std::strerror(errno),
                         "check that the directory exists and is writable");
      }
      write(out);
      out.close();
      if (!out) throw InputError("cannot write the report to '" + path_ + "'", "check the free disk space");
      return;
    }
    auto [fd, temp] = CreateTemporaryBeside(path_);
    temp_ = std::move(temp);
    FdBuffer buffer(fd);
    std::ostream out(&buffer);
    write(out);
    out.flush();
    if (!out || !buffer.Close()) {
      throw InputError("cannot write the report to '" + path_ + "'", "check the free disk space");
    }
  }

  void Commit() {
    if (!temp_.empty() && std::rename(temp_.c_str(), path_.c_str()) != 0) {
      throw InputError("cannot write the report to '" + path_ + "': " + std::strerror(errno));
    }
    committed_ = true;
  }

 private:
  std::string path_;
  bool in_place_;
  std::string temp_;  // the exclusive temporary, once created
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
    pending.back()->Write([&](std::ostream& out) { write(report, out, WriteOptions{false}); });
  }
  for (auto& file : pending) file->Commit();
  if (!options.output.empty()) return;
  // -q silences the terminal; report files asked for are still written.
  if (options.quiet && report.ExitCode() == 0) return;
  WriteOptions shown{WantColor(options)};
  shown.hide_accepted = options.quiet;  // -q: only what fails, and the summary
  FindWriter(options.format)(report, std::cout, shown);
  std::cout.flush();
  if (!std::cout) {
    throw InputError("cannot write the report to standard output",
                     "check that the output is not closed or on a full disk");
  }
}

void WriteTextFile(const std::string& text, const std::string& path, const std::string& what) {
  if (path.empty()) {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) throw InputError("cannot write " + what + " to standard output");
    return;
  }
  PendingFile file(path);
  file.Write([&](std::ostream& out) { out << text; });
  file.Commit();
}

void WriteStreamedFile(const std::string& path, const std::function<void(std::ostream&)>& write) {
  PendingFile file(path);
  file.Write(write);
  file.Commit();
}

void SayUnreadableFile(const Finding& f, std::set<std::string>& said) {
  if (f.kind != FindingKind::kInvalidFile || f.severity == Severity::kNote) return;
  const std::string line = "error: " + f.left.location.ToString() + ": " + f.message;
  if (!said.insert(line).second) return;
  std::cerr << line << '\n';
  if (!f.hint.empty()) std::cerr << "hint: " << f.hint << '\n';
}

void SayUnreadableFiles(const Report& report) {
  std::set<std::string> said;  // a file read by two comparisons is named once
  for (const Finding& f : report.findings) SayUnreadableFile(f, said);
}

}  // namespace driftcheck::cli
