// `driftcheck init`: propose a driftcheck.yaml from the files a repository
// has, run it, and propose the normalize: settings the data supports. Writing
// driftcheck.yaml (and with --schema, draft schemas) into the working tree is
// the one deliberate write driftcheck makes; .git is never touched.

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/compare_run.h"
#include "core/error.h"
#include "init/infer_schema.h"
#include "init/propose.h"
#include "init/scan.h"
#include "load/load.h"
#include "plan/pairing.h"

namespace po = boost::program_options;

namespace driftcheck::cli {
namespace {

constexpr const char* kUsage = R"(usage: driftcheck init [options]

Find the files whose paths differ only by an environment's name
(values-staging.yaml / values-production.yaml, config/settings/{env}.yml,
.env.staging, envs/prod/app.json, terraform-{env}.tfvars, config/{env}/*.toml
over config/_default/, one YAML file with staging: and production: keys),
propose a driftcheck.yaml for them, run it, and add the normalize: settings
that remove findings, each with a comment saying how many. Nothing is
overwritten without --force; --dry-run only prints.

examples:
  driftcheck init --dry-run          # print the proposal
  driftcheck init                    # write driftcheck.yaml at the repository root
  driftcheck init --worktree --schema --force
  driftcheck init -o proposed.yaml   # write it elsewhere)";

struct InitFlags {
  std::string repo = ".";
  std::string output;  // "" = driftcheck.yaml at the repository root
  bool worktree = false;
  bool dry_run = false;
  bool force = false;
  bool schema = false;
  bool help = false;
};

po::options_description InitOptions(InitFlags& o) {
  po::options_description d("Options");
  d.add_options()
      ("repo,C", po::value(&o.repo)->value_name("DIR"), "repository to scan (found upward from DIR) [.]")
      ("worktree", po::bool_switch(&o.worktree), "scan the working tree, uncommitted files included [HEAD]")
      ("dry-run", po::bool_switch(&o.dry_run), "print what would be written; write nothing")
      ("force", po::bool_switch(&o.force), "overwrite driftcheck.yaml (and schemas) when they exist")
      ("schema", po::bool_switch(&o.schema),
       "also write a draft schema per source (schemas/NAME.schema.yaml) inferred from the values")
      ("output,o", po::value(&o.output)->value_name("FILE"), "write the manifest to FILE [driftcheck.yaml at the root]")
      ("help,h", po::bool_switch(&o.help), "show this help");
  return d;
}

Manifest ParseProposal(const std::string& text) {
  Manifest manifest = LoadManifest(text, MakeOrigin("driftcheck.yaml"));
  LoadSchemas(manifest, [](const std::string&) { return std::optional<std::string>(); });
  return manifest;
}

// Every environment's effective configuration of one source, for --schema:
// all environments, since `validate` checks each of them.
std::string DraftSchema(const Manifest& manifest, const Source& source, const Tree& tree) {
  ListingCache listings;
  LoadCache cache;
  const SecretMatcher secrets(manifest.secret_keys);
  LoadContext context{&cache, LoadLimits{}, &secrets};
  std::vector<LoadedSide> sides;
  for (const Environment& env : manifest.environments) {
    for (const FilePair& files : PairFiles(source, env, tree, env, tree, listings)) {
      sides.push_back(LoadSide(source, files.left, env, tree, context));
    }
  }
  std::vector<const Value*> values;
  for (const LoadedSide& side : sides) {
    if (side.invalid || !side.present) continue;
    for (const LoadedDocument& doc : side.documents) values.push_back(&doc.value);
  }
  return InferSchema(values, secrets);
}

// Refuses, before anything is written, when a file exists and --force is not given.
void RequireNew(const std::vector<std::pair<std::filesystem::path, std::string>>& files, bool force) {
  std::error_code ec;
  for (const auto& [path, text] : files) {
    if (!force && std::filesystem::exists(path, ec)) {
      throw InputError("'" + path.string() + "' exists; driftcheck init overwrites nothing",
                       "pass --force to replace it, or --dry-run to print the proposal");
    }
  }
}

void WriteNewFile(const std::filesystem::path& path, const std::string& text) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw InputError("cannot write '" + path.string() + "'", "check that the directory is writable");
}

std::size_t FailingOf(const std::vector<SourceProposal>& proposals, bool after) {
  std::size_t n = 0;
  for (const auto& p : proposals) n += after ? p.failing_after : p.failing_before;
  return n;
}

}  // namespace

int RunInit(const std::vector<std::string>& args) {
  InitFlags flags;
  const po::options_description options = InitOptions(flags);
  ParseArguments(args, options, "init");
  if (flags.help) {
    std::cout << kUsage << "\n\n" << options << '\n';
    return 0;
  }
  const Repository repo = Repository::Discover(flags.repo);
  if (repo.is_bare() && !flags.dry_run && flags.output.empty()) {
    throw InputError("a bare repository has no working tree to write driftcheck.yaml into",
                     "use --dry-run, or -o FILE");
  }
  const std::unique_ptr<Tree> tree =
      flags.worktree ? repo.OpenWorktree() : repo.OpenCommit(repo.ResolveCommit("HEAD"));
  const std::vector<std::string> files = tree->ListFiles("");
  const ScanResult scan = ScanRepository(files, [&](const std::string& path) -> std::optional<std::string> {
    auto content = tree->Read(path);
    if (!content || content->bytes.size() > (256u << 10)) return std::nullopt;
    return content->bytes;
  });
  if (scan.sources.empty() || scan.compare.size() != 2) {
    throw InputError("found no configuration files whose paths differ only by an environment's name",
                     "write driftcheck.yaml by hand (see the README), e.g. with paths: per environment");
  }
  const auto runner = [&](const std::string& text, const std::string& source) -> std::optional<Report> {
    try {
      const Manifest manifest = ParseProposal(text);
      SessionRequest request;
      request.choices = ChooseRevisions(manifest, {}, flags.worktree);
      request.sources = {source};
      return RunSession(repo, manifest, request);
    } catch (const InputError&) {
      return std::nullopt;
    }
  };
  std::vector<SourceProposal> proposals = ProposeNormalization(scan, runner);
  if (proposals.empty()) {
    throw InputError("none of the " + std::to_string(scan.sources.size()) + " proposed sources could be read",
                     "write driftcheck.yaml by hand (see the README)");
  }
  std::vector<std::pair<std::string, std::string>> schemas;  // path, text
  if (flags.schema) {
    const Manifest bare = ParseProposal(ManifestText(scan, proposals));
    for (std::size_t i = 0; i < proposals.size(); ++i) {
      proposals[i].schema = "schemas/" + proposals[i].scanned.name + ".schema.yaml";
      schemas.emplace_back(proposals[i].schema, DraftSchema(bare, bare.sources[i], *tree));
    }
  }
  const std::string manifest = ManifestText(scan, proposals);
  if (flags.dry_run) {
    std::cout << manifest;
    for (const auto& [path, text] : schemas) std::cout << "\n# --- " << path << '\n' << text;
  } else {
    const std::filesystem::path root = repo.workdir();
    std::vector<std::pair<std::filesystem::path, std::string>> files = {
        {flags.output.empty() ? root / "driftcheck.yaml" : std::filesystem::path(flags.output), manifest}};
    for (const auto& [path, text] : schemas) files.emplace_back(root / path, text);
    RequireNew(files, flags.force);
    for (const auto& [path, text] : files) WriteNewFile(path, text);
  }
  if (proposals.size() < scan.sources.size()) {
    std::cerr << "driftcheck init: left out " << scan.sources.size() - proposals.size()
              << " source(s) that could not be read (a file that does not parse, or two spellings of one "
                 "environment)\n";
  }
  std::cerr << "driftcheck init: " << proposals.size() << " source(s) in " << scan.environments.size()
            << " environment(s); " << FailingOf(proposals, true) << " failing finding(s) with the proposed normalize: ("
            << FailingOf(proposals, false) << " without)\n"
            << "next: driftcheck check, then driftcheck check --suggest-rules -o drift-allow.yaml for the drift that "
               "is intended\n";
  return 0;
}

}  // namespace driftcheck::cli
