#include "config/merge.h"

namespace driftcheck {

void MergeInto(Value& base, Value overlay) {
  if (!base.is_map() || !overlay.is_map()) {
    base = std::move(overlay);
    return;
  }
  for (std::size_t i = 0; i < overlay.size(); ++i) {
    Value& incoming = overlay.value(i);
    Value* existing = base.Find(overlay.key(i));
    if (incoming.is_null()) {
      base.Erase(overlay.key(i));
    } else if (existing && existing->is_map() && incoming.is_map()) {
      MergeInto(*existing, std::move(incoming));
    } else {
      // A new or replaced value takes the overlay's key position too: a
      // finding about it must point at the layer that set it.
      base.Set(overlay.key(i), overlay.key_location(i), std::move(incoming));
    }
  }
}

}  // namespace driftcheck
