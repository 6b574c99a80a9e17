#include "config/merge.h"

namespace driftcheck {

namespace {

// Item i of the later list merges into item i of the earlier one; the
// earlier list's tail stays, the later list's tail is appended.
void MergeListsByIndex(Value& base, Value overlay) {
  std::vector<Value>& items = base.items();
  for (std::size_t i = 0; i < overlay.items().size(); ++i) {
    overlay.items()[i].AddAnchors(overlay.anchors());
    if (i < items.size()) {
      MergeInto(items[i], std::move(overlay.items()[i]), ListMerge::kByIndex);
    } else {
      items.push_back(std::move(overlay.items()[i]));
    }
  }
}

}  // namespace

void MergeInto(Value& base, Value overlay, ListMerge lists) {
  if (lists == ListMerge::kByIndex && base.is_list() && overlay.is_list()) {
    MergeListsByIndex(base, std::move(overlay));
    return;
  }
  if (!base.is_map() || !overlay.is_map()) {
    base = std::move(overlay);
    return;
  }
  for (std::size_t i = 0; i < overlay.size(); ++i) {
    // The map dissolves into the base: its entries keep its YAML anchors.
    overlay.value(i).AddAnchors(overlay.anchors());
    Value& incoming = overlay.value(i);
    Value* existing = base.Find(overlay.key(i));
    if (incoming.is_null()) {
      base.Erase(overlay.key(i));
    } else if (existing && ((existing->is_map() && incoming.is_map()) ||
                            (lists == ListMerge::kByIndex && existing->is_list() && incoming.is_list()))) {
      MergeInto(*existing, std::move(incoming), lists);
    } else {
      // A new or replaced value takes the overlay's key position too: a
      // finding about it must point at the layer that set it.
      base.Set(overlay.key(i), overlay.key_location(i), std::move(incoming));
      if (overlay.key_hidden(i)) base.HideKey(*base.IndexOf(overlay.key(i)));
    }
  }
}

}  // namespace driftcheck
