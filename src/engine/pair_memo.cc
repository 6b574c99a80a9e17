#include "engine/pair_memo.h"

namespace driftcheck {
namespace {

// Length-prefixed, so no two different field lists give one key.
void Append(std::string& key, const std::string& field) {
  key += std::to_string(field.size());
  key += ':';
  key += field;
}

bool AppendSide(std::string& key, const SideFiles& files, const SideSpec& side) {
  if (side.tree->revision() == "worktree") return false;
  Append(key, side.label);
  Append(key, side.env->name);
  for (const std::string& layer : files.layers) {
    Append(key, layer);
    const auto blob = side.tree->BlobId(layer);
    Append(key, blob ? *blob : "-");
  }
  return true;
}

}  // namespace

std::optional<std::string> PairMemo::Key(const FilePair& pair, const SideSpec& left, const SideSpec& right) {
  std::string key;
  Append(key, pair.source->name);
  for (const auto& [name, value] : pair.placeholders) {
    Append(key, name);
    Append(key, value);
  }
  if (!AppendSide(key, pair.left, left) || !AppendSide(key, pair.right, right)) return std::nullopt;
  return key;
}

const PairMemo::Result* PairMemo::Find(const std::string& key) const {
  const auto it = results_.find(key);
  if (it == results_.end()) return nullptr;
  ++hits_;
  return &it->second;
}

const PairMemo::Result& PairMemo::Store(std::string key, Result result) {
  return results_.try_emplace(std::move(key), std::move(result)).first->second;
}

}  // namespace driftcheck
