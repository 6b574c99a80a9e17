#pragma once
// The normalize + validate stage: validates one environment's loaded
// configuration against its source's schema and rewrites it so that what
// means the same compares equal (defaults, types, units, env tokens, empty
// values, dotted keys). The same object answers the diff stage's questions
// (DiffPolicy): how lists pair, what to skip, what must differ, what is secret.

#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "config/value.h"
#include "core/location.h"
#include "core/secrets.h"
#include "path/policy.h"
#include "schema/schema.h"
#include "schema/settings.h"

namespace driftcheck {

/// One way a value breaks the schema. Never holds a secret's value.
struct Violation {
  Location location;     ///< the value, or the map that lacks a required key
  std::string path;      ///< as Path::ToString prints it; "" = the document
  std::string expected;  ///< "integer 1..65535"
  std::string found;     ///< "\"80a80\"", or "a string" for a secret
  std::string keyword;   ///< the schema keyword that failed: "type", "required", ...

  /// `services/api/production.yaml:12:9: database.port: expected integer 1..65535, found "80a80"`
  std::string ToString() const;
};

/// One rewrite the normalize walk made, recorded only when a trace is asked
/// for (`explain`): off, recording costs one null-pointer test per rewrite.
/// Holds values as they are; whoever shows a step redacts it (`secret`).
struct NormalizeStep {
  std::string path;             ///< as Path::ToString prints it
  std::string what;             ///< "coerced to the schema's type", "default filled", ...
  std::string by;               ///< "schema: type", "x-drift-env-token", "normalize: env_tokens"
  std::optional<Value> before;  ///< nullopt: absent
  std::optional<Value> after;   ///< nullopt: dropped
  bool secret = false;          ///< the path is secret by schema or key name
};

class Normalizer : public DiffPolicy {
 public:
  /// `schema` may be null (schema-free); `spec` may be empty. A schema
  /// keyword wins over `normalize:` wherever both set a behaviour.
  Normalizer(std::shared_ptr<const Schema> schema, NormalizeSpec spec, SecretMatcher secrets);

  /// Validates `document` (one environment's, after layers merged) and
  /// normalizes it in place. `env_tokens` are that environment's name and
  /// aliases. Returns the violations in document order.
  /// With `trace`, every rewrite is appended to it.
  std::vector<Violation> Normalize(Value& document, const std::vector<std::string>& env_tokens,
                                   std::vector<NormalizeStep>* trace = nullptr) const;

  /// Expands `a.b.c` keys where `x-drift-keys: dotted` / `keys: dotted` is in
  /// force. Call on each layer before layers merge (Spring's order); Normalize
  /// does it too, for unlayered sources. Throws InputError on a clash.
  void ExpandKeys(Value& layer) const;

  /// The behaviours in force at `path` (schema first, then `normalize:`).
  DriftSettings SettingsAt(const Path& path) const;
  /// The same, with the schema's keywords and `normalize:` apart: who set what.
  std::pair<DriftSettings, DriftSettings> SettingsBySource(const Path& path) const;

  ListRule ListAt(const Path& path) const override;
  bool Skip(const Path& path) const override;
  bool MustDiffer(const Path& path) const override;
  bool Secret(const Path& path) const override;

  const Schema* schema() const { return schema_.get(); }

 private:
  friend class NormalizeWalker;
  /// Where a walk stands: the schema nodes that apply and the inherited settings.
  struct Cursor {
    std::vector<int> nodes;  ///< schema nodes, closed over $ref/allOf/anyOf/oneOf
    DriftSettings schema;    ///< inherited from x-drift-* keywords
    DriftSettings spec;      ///< inherited from `normalize:`
    Path path;
    DriftSettings Effective() const { return schema.Or(spec); }
  };
  Cursor Root() const;
  Cursor Child(const Cursor& parent, const Path& child) const;
  void ExpandKeysAt(Value& value, const Cursor& cursor, int depth) const;

  std::shared_ptr<const Schema> schema_;
  NormalizeSpec spec_;
  SecretMatcher secrets_;
};

/// Rewrites the keys of `map` (this level only) written `a.b.c` as nested
/// maps, merged with any nested form already there. Throws InputError when
/// one path is set twice in the file.
void ExpandDottedKeys(Value& map);

/// Removes map entries whose value is null, at any depth: in a layered
/// source a null left after merging reads as absent (Helm's reading).
void DropNulls(Value& value);

/// The schema nodes `nodes` lead to, closed over $ref and allOf (and, when
/// `branches`, anyOf/oneOf): what applies at one place in a document.
std::vector<int> CloseOver(const Schema& schema, std::vector<int> nodes, bool branches);

/// The schema nodes for a child of a value that `nodes` (closed) apply to.
std::vector<int> ChildNodes(const Schema& schema, const std::vector<int>& nodes, const PathSegment& segment);

}  // namespace driftcheck
