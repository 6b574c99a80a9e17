#pragma once
// The normalization behaviours, one descriptor each: the `normalize:` key
// that sets one for a source, the schema keyword that sets it in a schema,
// a line for --help, the parser of its `normalize:` entry and the readers of
// its schema keywords. A new behaviour is one row (settings.cc) plus what it
// does in the walk.

#include <optional>
#include <span>
#include <string_view>

#include "config/value.h"
#include "schema/settings.h"

namespace driftcheck {

/// What a schema keyword may set on a schema node: its drift settings and
/// how its list items pair.
struct SchemaMarks {
  DriftSettings& drift;
  std::optional<ListRule>& list;
};

/// A schema keyword that sets a behaviour: `x-drift-case: insensitive`.
struct SchemaKeyword {
  std::string_view name;  ///< "x-drift-case"
  /// Reads the keyword's value into `marks`; `what` names the keyword in
  /// errors. Throws InputError naming file:line:col.
  void (*apply)(const Value& value, std::string_view what, SchemaMarks marks);
};

struct NormalizeBehaviour {
  std::string_view key;          ///< the `normalize:` key: "env_tokens"
  std::string_view keyword;      ///< the schema keyword(s): "x-drift-env-token"
  std::string_view description;  ///< one line for --help
  /// Reads the `normalize:` entry into `spec`; throws InputError naming file:line:col.
  void (*parse)(const Value& value, NormalizeSpec& spec);
  /// The schema keywords that set it, read by the schema compiler (which
  /// knows no x-drift keyword of its own).
  std::span<const SchemaKeyword> schema_keywords;
};

/// Every behaviour, in the order --help lists them.
std::span<const NormalizeBehaviour> NormalizeBehaviours();

}  // namespace driftcheck
