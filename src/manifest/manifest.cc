#include "manifest/manifest.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "config/loader.h"
#include "config/value_reader.h"
#include "core/error.h"
#include "core/secrets.h"
#include "core/strings.h"
#include "core/suggest.h"
#include "schema/manifest_schema.h"

namespace driftcheck {
namespace {

// A name that can stand in a path segment: never `.` or `..` (which would
// step through directories once it fills {env}), never a `/`.
bool IsEnvName(std::string_view name) {
  return !name.empty() && name != "." && name != ".." && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

void RequireEnvName(const std::string& name, const Location& at, const std::string& what) {
  if (IsEnvName(name)) return;
  throw InputError(at, what + " '" + name + "' may use only letters, digits, '_', '-' and '.' (and is not '.' or '..')",
                   "it fills {env} in paths, so it must be one plain path segment");
}

// "metadata.name" -> {"metadata", "name"}.
std::vector<std::string> KeyPath(std::string_view text) {
  const auto pieces = Split(text, '.');
  return {pieces.begin(), pieces.end()};
}

void ParseEnvironments(const Value& map, Manifest& manifest) {
  if (map.is_list()) {
    throw InputError(map.location(), "'environments': expected a map of environment names, found a list",
                     "write environments: {staging: {}, production: {aliases: [prod]}}");
  }
  ExpectMap(map, "'environments'");
  std::set<std::string> taken;
  for (std::size_t i = 0; i < map.size(); ++i) {
    Environment env{map.key(i), {}, map.key_location(i)};
    RequireEnvName(env.name, env.location, "environment name");
    const Value& body = map.value(i);
    if (!body.is_null()) {
      ExpectMap(body, "environment '" + env.name + "'");
      RejectUnknownKeys(body, {"aliases"}, "environment '" + env.name + "'");
      if (const Value* aliases = body.Find("aliases")) {
        env.aliases = ExpectStringList(*aliases, "'aliases'");
        for (std::size_t a = 0; a < env.aliases.size(); ++a) {
          // An empty alias is the manifest schema's to name (minLength).
          if (!env.aliases[a].empty()) RequireEnvName(env.aliases[a], aliases->items()[a].location(), "alias");
        }
      }
    }
    std::vector<std::string> names = env.aliases;
    names.push_back(env.name);
    for (const std::string& name : names) {
      if (!taken.insert(name).second) {
        throw InputError(env.location, "'" + name + "' names two environments (as a name or alias)",
                         "keep each name and alias on one environment");
      }
    }
    manifest.environments.push_back(std::move(env));
  }
  if (manifest.environments.size() < 2) {
    throw InputError(map.location(), "'environments' needs at least two environments to compare",
                     "for example: environments: {staging: {}, production: {}}");
  }
}

const Environment& ExpectEnvironment(const Manifest& manifest, const Value& name_value) {
  const std::string& name = ExpectString(name_value, "environment name");
  if (const Environment* env = manifest.FindEnvironment(name)) return *env;
  throw InputError(name_value.location(), "unknown environment '" + name + "'",
                   DidYouMean(name, manifest.EnvironmentNames()));
}

// `compare:` pairs, by canonical name. An empty list or a repeated pair (in
// either order) is an error: a run must compare what the manifest says once.
std::vector<EnvPair> ParseCompare(const Value& list, const Manifest& manifest) {
  std::vector<EnvPair> pairs;
  if (ExpectList(list, "'compare'").items().empty()) {
    throw InputError(list.location(), "'compare' is empty, so nothing would be compared",
                     "list at least one pair, e.g. compare: [[staging, production]], or remove "
                     "'compare' to compare the first two environments");
  }
  for (const Value& pair : list.items()) {
    ExpectList(pair, "each 'compare' entry");
    if (pair.items().size() != 2) {
      throw InputError(pair.location(), "each 'compare' entry is a pair: [ENV, ENV]",
                       "e.g. compare: [[staging, production]]");
    }
    const Environment& a = ExpectEnvironment(manifest, pair.items()[0]);
    const Environment& b = ExpectEnvironment(manifest, pair.items()[1]);
    if (a.name == b.name) {
      throw InputError(pair.location(), "'compare' pairs an environment with itself",
                       "pair two different environments; compare one environment at two revisions with 'diff'");
    }
    for (const auto& [x, y] : pairs) {
      if ((x == a.name && y == b.name) || (x == b.name && y == a.name)) {
        throw InputError(pair.location(), "'compare' lists the pair " + a.name + ", " + b.name + " twice",
                         "remove the repeated pair");
      }
    }
    pairs.emplace_back(a.name, b.name);
  }
  return pairs;
}

// `merge: {lists: by-index}`: how a layered source's lists combine.
ListMerge ParseMerge(const Value& map, bool layered) {
  ExpectMap(map, "'merge'");
  RejectUnknownKeys(map, {"lists"}, "'merge'");
  if (!layered) throw InputError(map.location(), "'merge' applies only to a source with 'layers'",
                                "remove 'merge', or give the source 'layers:'");
  const Value* lists = map.Find("lists");
  if (!lists) return ListMerge::kReplace;
  const std::string& mode = ExpectString(*lists, "'merge.lists'");
  if (mode == "replace") return ListMerge::kReplace;
  if (mode == "by-index") return ListMerge::kByIndex;
  std::string hint = DidYouMean(mode, {"by-index", "replace"});
  throw InputError(lists->location(), "unknown 'merge.lists' mode '" + mode + "'",
                   hint.empty() ? "modes: replace (Helm, the default), by-index (.NET)" : hint);
}

std::vector<std::vector<std::string>> ParseDocumentKey(const Value& map) {
  ExpectMap(map, "'documents'");
  RejectUnknownKeys(map, {"key"}, "'documents'");
  std::vector<std::vector<std::string>> key;
  const Value& list = RequireKey(map, "key", "'documents'");
  const std::vector<std::string> paths = ExpectStringList(list, "'key'");
  for (std::size_t i = 0; i < paths.size(); ++i) {
    key.push_back(KeyPath(paths[i]));
    if (std::any_of(key.back().begin(), key.back().end(), [](const auto& k) { return k.empty(); })) {
      throw InputError(list.items()[i].location(), "'documents.key' has an empty key in '" + paths[i] + "'",
                       "write key paths as keys joined by single dots: metadata.name");
    }
  }
  if (key.empty()) throw InputError(map.location(), "'documents.key' names no key path",
                                     "e.g. documents: {key: [kind, metadata.name]}");
  return key;
}

// A schema is read from the repository (or the policy revision), by a path
// from its root: never an absolute path or one that climbs out of it.
void ParseSchemaPath(const Value& value, Source& source) {
  std::string path = ExpectString(value, "'schema'");
  while (path.starts_with("./")) path.erase(0, 2);
  const auto parts = Split(path, '/');
  if (path.empty() || path.starts_with('/') ||
      std::any_of(parts.begin(), parts.end(), [](auto p) { return p == ".."; })) {
    throw InputError(value.location(), "'schema' must be a path from the repository root",
                     "for example: schema: schemas/service.schema.yaml");
  }
  source.schema = std::move(path);
  source.schema_location = value.location();
}

void ParseLayers(const Value* path, const Value* layers, Source& source) {
  if (path) {
    source.layers.push_back(PathTemplate::Parse(ExpectString(*path, "'path'"), path->location()));
    return;
  }
  source.layered = true;
  for (const Value& layer : ExpectList(*layers, "'layers'").items()) {
    source.layers.push_back(PathTemplate::Parse(ExpectString(layer, "each layer"), layer.location()));
  }
  if (source.layers.empty()) throw InputError(layers->location(), "'layers' is empty",
                                                  "list the files, shared first: [values.yaml, \"values-{env}.yaml\"]");
  for (const PathTemplate& layer : source.layers) {
    for (const std::string& name : layer.placeholders()) {
      if (name != "env" && !source.layers.front().Has(name)) {
        throw InputError(layer.location(), "layer '" + layer.text() + "' uses {" + name +
                                               "}, which the first layer does not bind",
                         "use {" + name + "} in the first layer too, or write that part of the path out");
      }
    }
  }
}

// `paths: {ENV: template}`: every template binds the same placeholders, so
// files still pair across environments.
void ParseEnvPaths(const Value& paths, const Manifest& manifest, Source& source) {
  ExpectMap(paths, "'paths'");
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const Environment* env = manifest.FindEnvironment(paths.key(i));
    if (!env) {
      throw InputError(paths.key_location(i), "unknown environment '" + paths.key(i) + "' in 'paths'",
                       DidYouMean(paths.key(i), manifest.EnvironmentNames()));
    }
    const Value& text = paths.value(i);
    PathTemplate path = PathTemplate::Parse(ExpectString(text, "each 'paths' entry"), text.location());
    if (path.Has("env")) {
      throw InputError(text.location(), "a 'paths' entry names one environment's file, so it has no {env}",
                       "write the file's path with its environment's name spelled out");
    }
    if (!source.env_paths.empty()) {
      auto names = [](const PathTemplate& t) {
        std::set<std::string> set(t.placeholders().begin(), t.placeholders().end());
        return set;
      };
      if (names(path) != names(source.env_paths.begin()->second)) {
        throw InputError(text.location(), "every 'paths' entry must use the same {placeholders}",
                         "files pair across environments by their placeholder values");
      }
    }
    if (!source.env_paths.emplace(env->name, std::move(path)).second) {
      throw InputError(paths.key_location(i), "'paths' names environment '" + env->name + "' twice",
                       "keep one entry (a name and its alias are one environment)");
    }
  }
}

// A source whose every environment reads the same bytes would always pass.
void RequireEnvPlaceholder(const Value& map, const Source& source) {
  const bool in_select = std::any_of(source.select.begin(), source.select.end(),
                                     [](const std::string& key) { return key.find("{env}") != std::string::npos; });
  if (!source.env_paths.empty()) {
    std::map<std::string, std::string> env_of_file;
    for (const auto& [env, path] : source.env_paths) {
      auto [it, fresh] = env_of_file.emplace(path.text(), env);
      if (fresh || in_select) continue;
      const Value* where = map.Find("paths");
      throw InputError(where ? where->location() : map.location(),
                       "source '" + source.name + "': 'paths' gives " + it->second + " and " + env +
                           " the same file '" + path.text() + "', so they would always be equal",
                       "name each environment's own file, or add select: \"{env}\" for one file that holds both");
    }
    return;
  }
  const bool in_layers = std::any_of(source.layers.begin(), source.layers.end(),
                                     [](const PathTemplate& t) { return t.Has("env"); });
  if (in_layers || in_select) return;
  const Value* where = map.Find("path") ? map.Find("path") : map.Find("layers");
  throw InputError(where ? where->location() : map.location(),
                   "source '" + source.name + "' has no {env}, so every environment would read the same file",
                   "put {env} where the environment's name is in the file name (config/{env}.yaml), use "
                   "select: \"{env}\" for one file that holds every environment, or give "
                   "paths: {staging: FILE, production: FILE}");
}

void ParseSourceCompare(const Value* compare, const Manifest& manifest, Source& source) {
  source.compare = compare ? ParseCompare(*compare, manifest) : manifest.compare;
  if (source.env_paths.empty()) return;
  for (const auto& [a, b] : source.compare) {
    for (const std::string& env : {a, b}) {
      if (!source.env_paths.contains(env)) {
        throw InputError(compare ? compare->location() : source.location,
                         "source '" + source.name + "' has no 'paths' entry for environment '" + env + "'",
                         "add one, or give the source a 'compare' list without it");
      }
    }
  }
}

Source ParseSource(const Value& map, const Manifest& manifest) {
  ExpectMap(map, "each source");
  RejectUnknownKeys(map, {"name", "path", "paths", "layers", "format", "merge", "schema", "normalize", "select",
                          "documents", "compare", "exclude"},
                    "a source");
  Source source;
  source.location = map.location();
  source.name = ExpectString(RequireKey(map, "name", "a source"), "'name'");
  const Value* path = map.Find("path");
  const Value* layers = map.Find("layers");
  const Value* paths = map.Find("paths");
  if ((path != nullptr) + (layers != nullptr) + (paths != nullptr) != 1) {
    throw InputError(map.location(),
                     "source '" + source.name + "' needs exactly one of 'path', 'layers' or 'paths'",
                     "e.g. path: \"config/{env}.yaml\"");
  }
  if (paths) {
    ParseEnvPaths(*paths, manifest, source);
  } else {
    ParseLayers(path, layers, source);
  }
  if (const Value* format = map.Find("format")) {
    source.format = ExpectString(*format, "'format'");
    if (!FindLoader(source.format)) {
      std::string hint = DidYouMean(source.format, LoaderNames());
      if (hint.empty()) hint = "formats: dotenv, ini, json, jsonc, properties, toml, tfvars, yaml";
      throw InputError(format->location(), "unknown format '" + source.format + "'", hint);
    }
  }
  if (const Value* schema = map.Find("schema")) ParseSchemaPath(*schema, source);
  if (const Value* normalize = map.Find("normalize")) source.normalize = ParseNormalizeSpec(*normalize);
  if (const Value* select = map.Find("select")) {
    const std::string& text = ExpectString(*select, "'select'");
    source.select = KeyPath(text);
    if (std::any_of(source.select.begin(), source.select.end(), [](const auto& s) { return s.empty(); })) {
      throw InputError(select->location(), "'select' has an empty key in '" + text + "'",
                       "write a dotted key path such as \"{env}\" or \"environments.{env}\"");
    }
  }
  if (const Value* exclude = map.Find("exclude")) {
    source.exclude = ExpectStringList(*exclude, "'exclude'");
    for (std::size_t i = 0; i < source.exclude.size(); ++i) {
      if (source.exclude[i].empty()) throw InputError(exclude->items()[i].location(), "an 'exclude' glob is empty",
                                                                                     "remove it");
    }
  }
  if (const Value* documents = map.Find("documents")) source.document_key = ParseDocumentKey(*documents);
  if (const Value* merge = map.Find("merge")) source.list_merge = ParseMerge(*merge, source.layered);
  RequireEnvPlaceholder(map, source);
  ParseSourceCompare(map.Find("compare"), manifest, source);
  return source;
}

void ParseSources(const Value& list, Manifest& manifest) {
  std::set<std::string> names;
  for (const Value& item : ExpectList(list, "'sources'").items()) {
    Source source = ParseSource(item, manifest);
    if (!names.insert(source.name).second) {
      throw InputError(item.location(), "two sources are named '" + source.name + "'",
                       "give each source its own name");
    }
    manifest.sources.push_back(std::move(source));
  }
  if (manifest.sources.empty()) throw InputError(list.location(), "'sources' is empty",
                                                                "add a source, e.g. - {name: app, path: \"config/{env}.yaml\"}");
}

}  // namespace

const Environment* Manifest::FindEnvironment(std::string_view name) const {
  for (const auto& env : environments) {
    if (env.name == name) return &env;
  }
  for (const auto& env : environments) {
    if (std::find(env.aliases.begin(), env.aliases.end(), name) != env.aliases.end()) return &env;
  }
  return nullptr;
}

const PathTemplate* Source::FirstTemplateFor(const std::string& env) const {
  if (env_paths.empty()) return &layers.front();
  auto it = env_paths.find(env);
  return it == env_paths.end() ? nullptr : &it->second;
}

bool Source::Compares(const std::string& a, const std::string& b) const {
  return std::any_of(compare.begin(), compare.end(), [&](const EnvPair& pair) {
    return (pair.first == a && pair.second == b) || (pair.first == b && pair.second == a);
  });
}

std::vector<std::string> Manifest::EnvironmentNames() const {
  std::vector<std::string> names;
  for (const auto& env : environments) names.push_back(env.name);
  return names;
}

Manifest ParseManifest(const Value& document, const std::string& file) {
  Manifest manifest;
  manifest.file = file;
  ExpectMap(document, "the manifest");
  RejectUnknownKeys(document, {"version", "environments", "compare", "sources", "allow", "secret_keys",
                               "same_secret", "fingerprint_salt"},
                    "the manifest");
  const Value& version = RequireKey(document, "version", "the manifest");
  if (ExpectInt(version, "'version'") != 1) {
    throw InputError(version.location(), "unsupported manifest version; this driftcheck reads version 1",
                     "write version: 1");
  }
  ParseEnvironments(RequireKey(document, "environments", "the manifest"), manifest);
  if (const Value* compare = document.Find("compare")) {
    manifest.compare = ParseCompare(*compare, manifest);
  } else {
    manifest.compare.emplace_back(manifest.environments[0].name, manifest.environments[1].name);
  }
  ParseSources(RequireKey(document, "sources", "the manifest"), manifest);
  if (const Value* allow = document.Find("allow")) {
    manifest.allow = ExpectString(*allow, "'allow'");
    manifest.allow_location = allow->location();
  }
  manifest.secret_keys = SecretMatcher::DefaultKeys();
  if (const Value* keys = document.Find("secret_keys")) {
    if (keys->is_map()) {
      // `{add: [...]}` extends the defaults; a list replaces them.
      RejectUnknownKeys(*keys, {"add"}, "'secret_keys'");
      for (std::string& key : ExpectStringList(RequireKey(*keys, "add", "'secret_keys'"), "'secret_keys.add'")) {
        manifest.secret_keys.push_back(std::move(key));
      }
    } else {
      manifest.secret_keys = ExpectStringList(*keys, "'secret_keys'");
    }
  }
  if (const Value* salt = document.Find("fingerprint_salt")) {
    manifest.fingerprint_salt = ExpectString(*salt, "'fingerprint_salt'");
  }
  if (const Value* same = document.Find("same_secret")) {
    if (same->kind() != Value::Kind::kBool) {
      throw InputError(same->location(), "'same_secret' must be true or false, found " + DescribeKind(*same),
                       "write same_secret: false to turn same-secret findings off");
    }
    manifest.report_same_secret = same->as_bool();
  }
  // The checks above give the precise messages; the schema catches the rest.
  ValidateManifestDocument(document);
  // Schema-free until LoadSchemas reads the schemas from the policy tree.
  for (Source& source : manifest.sources) {
    source.normalizer = std::make_shared<const Normalizer>(nullptr, source.normalize,
                                                           SecretMatcher(manifest.secret_keys));
  }
  return manifest;
}

void LoadSchemas(Manifest& manifest, const SchemaReader& read) {
  for (Source& source : manifest.sources) {
    if (source.schema.empty()) continue;
    const SchemaReader located = [&](const std::string& path) -> std::optional<std::string> {
      auto text = read(path);
      if (!text && path == source.schema) {
        throw InputError(source.schema_location, "schema file '" + path + "' does not exist",
                         "the path is relative to the repository root; check its spelling");
      }
      return text;
    };
    auto schema = std::make_shared<const Schema>(Schema::Load(source.schema, located));
    source.normalizer = std::make_shared<const Normalizer>(std::move(schema), source.normalize,
                                                           SecretMatcher(manifest.secret_keys));
  }
}

Manifest LoadManifest(std::string_view text, const OriginPtr& origin) {
  Documents docs = LoadYaml(text, origin, LoadLimits{});
  if (docs.empty()) {
    throw InputError(origin->path, 0, 0, "the manifest is empty",
                     "see the README for a minimal driftcheck.yaml");
  }
  if (docs.size() > 1) {
    throw InputError(docs[1].location(), "the manifest must be a single YAML document",
                     "remove the '---' and what follows it");
  }
  Manifest manifest = ParseManifest(docs[0], origin->path);
  // Without a salt of its own, the manifest's text keys the fingerprints: a
  // reader of a report who cannot read the repository cannot confirm a guess.
  if (manifest.fingerprint_salt.empty()) manifest.fingerprint_salt = std::string(text);
  return manifest;
}

}  // namespace driftcheck
