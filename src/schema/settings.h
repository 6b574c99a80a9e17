#pragma once
// The normalization behaviours a subtree can have, set by a schema's
// `x-drift-*` keywords or by a source's `normalize:` in the manifest, and the
// path patterns (`a.b`, `a.*.c`, `a.**`) that place `normalize:` settings.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/value.h"
#include "path/path.h"
#include "path/path_pattern.h"
#include "path/policy.h"

namespace driftcheck {

/// What `x-drift-env-token` / `env_tokens` asks for.
enum class EnvTokens {
  kOff,
  kReplace,   ///< `true`: each environment's name or alias becomes {env}
  kOptional,  ///< also equal when one environment leaves the token out
  kKeys,      ///< as kOptional, for map keys as well as values
};

/// Behaviours inherited by a whole subtree; unset until something sets them.
struct DriftSettings {
  std::optional<EnvTokens> env_tokens;
  std::optional<bool> empty_absent;      ///< x-drift-empty: absent
  std::optional<bool> dotted_keys;       ///< x-drift-keys: dotted
  std::optional<bool> case_insensitive;  ///< x-drift-case: insensitive
  std::optional<bool> secret;            ///< writeOnly / x-drift-secret
  std::optional<bool> ignore;            ///< x-drift: ignore
  std::optional<bool> must_differ;       ///< x-drift: must-differ

  /// Takes every field `over` sets.
  void Overlay(const DriftSettings& over);
  /// This setting where set, else `fallback`'s.
  DriftSettings Or(const DriftSettings& fallback) const;
};

/// A source's `normalize:`: settings placed by path, and how lists pair.
struct NormalizeSpec {
  struct Rule {
    PathPattern pattern;      ///< the settings apply to what it matches and below
    DriftSettings settings;
  };
  struct List {
    PathPattern pattern;
    ListRule rule;
  };
  std::vector<Rule> rules;  ///< in order; a later match wins
  std::vector<List> lists;

  bool empty() const { return rules.empty() && lists.empty(); }
};

/// `value` as one of `choices` (a YAML boolean reads as "true"/"false"), or
/// throws InputError naming `what`, the choices and a did-you-mean.
std::string ExpectChoice(const Value& value, std::string_view what,
                         const std::vector<std::string>& choices);
/// `true`, `false`, `optional` or `keys`.
EnvTokens ExpectEnvTokens(const Value& value, std::string_view what);

/// Parses a source's `normalize:` map:
/// `{env_tokens: optional, empty: absent, keys: dotted, case: insensitive,
///   lists: {routes: {key: name}, hosts: set}, ignore: [a.b], must_differ: [c],
///   secret: [d]}`; env_tokens, empty, keys and case also take a map from
/// path pattern to value. Throws InputError naming file:line:col.
NormalizeSpec ParseNormalizeSpec(const Value& map);

}  // namespace driftcheck
