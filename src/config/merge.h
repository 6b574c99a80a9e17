#pragma once
// Layered configuration (Helm's rules): maps merge deeply, lists and scalars
// are replaced by the later layer, and an explicit null removes the key.

#include "config/value.h"

namespace driftcheck {

/// Merges `overlay` into `base` (later wins). Locations follow the layer that
/// set each value, so reports name the layer file and line.
void MergeInto(Value& base, Value overlay);

}  // namespace driftcheck
