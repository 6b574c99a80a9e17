#pragma once
// Reading driftcheck's own files (manifest, allow rules) from a Value with
// errors that name file, line, column and key, and say what was expected.

#include <string>
#include <string_view>
#include <vector>

#include "config/value.h"

namespace driftcheck {

/// `what` names the value in messages, e.g. "'environments'".
const Value& ExpectMap(const Value& value, std::string_view what);
const Value& ExpectList(const Value& value, std::string_view what);
/// A scalar read as text; plain numbers keep their text (`1.0`); null and
/// maps/lists are errors.
const std::string& ExpectString(const Value& value, std::string_view what);
std::vector<std::string> ExpectStringList(const Value& value, std::string_view what);
/// An integer scalar.
std::int64_t ExpectInt(const Value& value, std::string_view what);
/// A boolean scalar (`true`/`false` as YAML reads them; never a string).
bool ExpectBool(const Value& value, std::string_view what);

/// Throws for the first key of `map` not in `known`, with "did you mean".
void RejectUnknownKeys(const Value& map, const std::vector<std::string>& known,
                       std::string_view context);
/// The value at `key`, or throws "missing required key" at the map.
const Value& RequireKey(const Value& map, std::string_view key, std::string_view context);

/// "a map", "a list", "a string", ... for messages.
std::string DescribeKind(const Value& value);

}  // namespace driftcheck
