#pragma once
// `driftcheck init --schema`: a draft JSON Schema (in YAML) inferred from
// the values every environment holds, for a person to tighten.

#include <string>
#include <vector>

#include "config/value.h"
#include "core/secrets.h"

namespace driftcheck {

/// A draft schema covering every side in `sides` (each environment's
/// effective configuration): types, properties, small enums of word-like
/// strings, `format: duration|bytes|quantity` where every value has that
/// shape, and `writeOnly: true` on secret keys. A secret's value, or any
/// value under a secret key, never appears in it.
std::string InferSchema(const std::vector<const Value*>& sides, const SecretMatcher& secrets);

}  // namespace driftcheck
