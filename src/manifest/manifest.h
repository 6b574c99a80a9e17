#pragma once
// driftcheck.yaml: environments, compared pairs and sources (where each
// environment's configuration lives and how to read it).

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/merge.h"
#include "config/value.h"
#include "core/location.h"
#include "manifest/path_template.h"
#include "schema/normalize.h"
#include "schema/settings.h"

namespace driftcheck {

struct Environment {
  std::string name;
  std::vector<std::string> aliases;
  Location location;
};

using EnvPair = std::pair<std::string, std::string>;

struct Source {
  std::string name;
  Location location;
  /// One template (`path:`) or several (`layers:`): the effective config is
  /// the deep merge of the layers in order. `path:` is a single layer.
  std::vector<PathTemplate> layers;
  bool layered = false;         ///< written as `layers:`
  /// `paths: {ENV: template}` — one template per environment (by canonical
  /// name) when no `{env}` template fits; then `layers` is empty.
  std::map<std::string, PathTemplate> env_paths;
  /// The environment pairs this source is compared in (`compare:` on the
  /// source, else the manifest's).
  std::vector<EnvPair> compare;
  /// A loader name (LoaderNames); "" = each file's extension decides (FormatForPath).
  std::string format;
  /// `merge: {lists: by-index}` — how layers' lists combine (layered sources).
  ListMerge list_merge = ListMerge::kReplace;
  /// `select:` — the key path (with `{env}`) of each environment's subtree
  /// in a file that holds every environment; empty when not set.
  std::vector<std::string> select;
  /// `documents: {key: [...]}` — key paths that name a document in a
  /// multi-document file; empty = documents pair by index.
  std::vector<std::vector<std::string>> document_key;
  /// `exclude:` — path globs (`*` crosses `/`) of files the source never
  /// reads, though its templates match them (`charts/*/values-test.yaml`).
  std::vector<std::string> exclude;
  /// `schema:` — the schema file, relative to the repository root; "" = none.
  std::string schema;
  Location schema_location;
  /// `normalize:` — schema-free normalization; a schema keyword wins over it.
  NormalizeSpec normalize;
  /// The normalize stage for this source: `normalize:` from parsing, plus
  /// the schema once LoadSchemas has read it. Shared: copies of a Source
  /// normalize alike.
  std::shared_ptr<const Normalizer> normalizer;

  /// The first layer's template for `env` (its `paths:` entry, else the
  /// shared template); nullptr when `paths:` names no file for it.
  const PathTemplate* FirstTemplateFor(const std::string& env) const;
  /// Whether the source applies to the pair (in either order).
  bool Compares(const std::string& a, const std::string& b) const;
};

struct Manifest {
  std::string file;  ///< where it was read from, for messages
  int version = 1;
  std::vector<Environment> environments;
  std::vector<EnvPair> compare;
  std::vector<Source> sources;
  std::string allow;  ///< allow-rules file name ("" = none)
  Location allow_location;  ///< where `allow:` is written
  std::vector<std::string> secret_keys;
  /// `fingerprint_salt:`, or the manifest's text: keys SecretFingerprint.
  std::string fingerprint_salt;
  /// `same_secret: false` turns off same-secret findings (one credential
  /// holding the same value in two environments).
  bool report_same_secret = true;
  /// A digest of the manifest's text and every schema it read, set where
  /// the policy is read from a file (cli LoadPolicy); "" otherwise. Keys the
  /// persistent cache (engine/result_cache.h): with "" nothing is cached.
  std::string policy_digest;

  /// The environment with this name or alias, or nullptr.
  const Environment* FindEnvironment(std::string_view name) const;
  std::vector<std::string> EnvironmentNames() const;
};

/// Parses a loaded driftcheck.yaml. Every error names file, line, column and
/// key; unknown keys are errors (with "did you mean").
Manifest ParseManifest(const Value& document, const std::string& file);

/// Reads every source's `schema:` through `read` (repository-relative paths,
/// from the policy tree) and gives each source its Normalizer. Throws
/// InputError naming the schema file, line and column.
void LoadSchemas(Manifest& manifest, const SchemaReader& read);

/// Loads and parses manifest text.
Manifest LoadManifest(std::string_view text, const OriginPtr& origin);

}  // namespace driftcheck
