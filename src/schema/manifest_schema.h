#pragma once
// schemas/manifest.schema.json, built into the binary, and the check of a
// loaded driftcheck.yaml against it.

#include <string_view>

#include "config/value.h"

namespace driftcheck {

/// The text of schemas/manifest.schema.json as it was when driftcheck was built.
std::string_view ManifestSchemaText();

/// Validates a loaded driftcheck.yaml against the manifest schema; throws
/// InputError naming file:line:col, the key path, what was expected and found.
void ValidateManifestDocument(const Value& document);

}  // namespace driftcheck
