#include "config/merge.h"

namespace driftcheck {

void MergeInto(Value& base, Value overlay) {
  if (!base.is_map() || !overlay.is_map()) {
    base = std::move(overlay);
    return;
  }
  for (std::size_t i = 0; i < overlay.size(); ++i) {
    Value& incoming = overlay.value(i);
    if (incoming.is_null()) {
      base.Erase(overlay.key(i));
    } else if (Value* existing = base.Find(overlay.key(i))) {
      MergeInto(*existing, std::move(incoming));
    } else {
      base.Insert(overlay.key(i), overlay.key_location(i), std::move(incoming));
    }
  }
}

}  // namespace driftcheck
