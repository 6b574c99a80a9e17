#pragma once
// driftcheck.yaml: environments, compared pairs and sources (where each
// environment's configuration lives and how to read it).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/value.h"
#include "core/location.h"
#include "manifest/path_template.h"
#include "schema/settings.h"

namespace driftcheck {

struct Environment {
  std::string name;
  std::vector<std::string> aliases;
  Location location;
};

struct Source {
  std::string name;
  Location location;
  /// One template (`path:`) or several (`layers:`): the effective config is
  /// the deep merge of the layers in order. `path:` is a single layer.
  std::vector<PathTemplate> layers;
  bool layered = false;         ///< written as `layers:`
  std::string format = "yaml";  ///< yaml | json | dotenv
  /// `select:` — the key path (with `{env}`) of each environment's subtree
  /// in a file that holds every environment; empty when not set.
  std::vector<std::string> select;
  /// `documents: {key: [...]}` — key paths that name a document in a
  /// multi-document file; empty = documents pair by index.
  std::vector<std::vector<std::string>> document_key;
  /// `schema:` — the schema file, relative to the repository root; "" = none.
  std::string schema;
  Location schema_location;
  /// `normalize:` — schema-free normalization; a schema keyword wins over it.
  NormalizeSpec normalize;
};

struct Manifest {
  std::string file;  ///< where it was read from, for messages
  int version = 1;
  std::vector<Environment> environments;
  std::vector<std::pair<std::string, std::string>> compare;
  std::vector<Source> sources;
  std::string allow;  ///< allow-rules file name ("" = none)
  std::vector<std::string> secret_keys;

  /// The environment with this name or alias, or nullptr.
  const Environment* FindEnvironment(std::string_view name) const;
  std::vector<std::string> EnvironmentNames() const;
};

/// Parses a loaded driftcheck.yaml. Every error names file, line, column and
/// key; unknown keys are errors (with "did you mean").
Manifest ParseManifest(const Value& document, const std::string& file);

/// Loads and parses manifest text.
Manifest LoadManifest(std::string_view text, const OriginPtr& origin);

}  // namespace driftcheck
