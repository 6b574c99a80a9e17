#pragma once
// The normalization behaviours, one descriptor each: the `normalize:` key
// that sets one for a source, the schema keyword that sets it in a schema,
// a line for --help, and the parser of its `normalize:` entry. A new
// behaviour is one row (settings.cc) plus what it does in the walk.

#include <span>
#include <string_view>

#include "config/value.h"
#include "schema/settings.h"

namespace driftcheck {

struct NormalizeBehaviour {
  std::string_view key;          ///< the `normalize:` key: "env_tokens"
  std::string_view keyword;      ///< the schema keyword(s): "x-drift-env-token"
  std::string_view description;  ///< one line for --help
  /// Reads the `normalize:` entry into `spec`; throws InputError naming file:line:col.
  void (*parse)(const Value& value, NormalizeSpec& spec);
};

/// Every behaviour, in the order --help lists them.
std::span<const NormalizeBehaviour> NormalizeBehaviours();

}  // namespace driftcheck
