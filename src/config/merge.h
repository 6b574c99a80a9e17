#pragma once
// Layered configuration (Helm's rules): maps merge deeply, lists and scalars
// are replaced by the later layer, and an explicit null removes the key.
// .NET's configuration instead merges lists item by item (an array is a map
// keyed 0, 1, 2...), which a source asks for with `merge: {lists: by-index}`.

#include <cstdint>

#include "config/value.h"

namespace driftcheck {

/// How a later layer's list meets an earlier layer's.
enum class ListMerge : std::uint8_t {
  kReplace,  ///< the later list replaces the earlier (Helm)
  kByIndex,  ///< item i merges into item i; extra items are kept or appended (.NET)
};

/// Merges `overlay` into `base` (later wins). Locations follow the layer that
/// set each value, so reports name the layer file and line.
void MergeInto(Value& base, Value overlay, ListMerge lists = ListMerge::kReplace);

}  // namespace driftcheck
