#include "engine/pair_memo.h"

namespace driftcheck {
namespace {

// Length-prefixed, so no two different field lists give one key.
void Append(std::string& key, const std::string& field) {
  key += std::to_string(field.size());
  key += ':';
  key += field;
}

bool AppendSide(std::string& key, const SideFiles& files, const std::vector<std::string>& blobs,
                const SideSpec& side) {
  if (side.tree->revision() == "worktree") return false;
  Append(key, side.label);
  Append(key, side.env->name);
  for (std::size_t i = 0; i < files.layers.size(); ++i) {
    Append(key, files.layers[i]);
    Append(key, i < blobs.size() && !blobs[i].empty() ? blobs[i] : "-");
  }
  return true;
}

}  // namespace

std::optional<std::string> PairMemo::Key(const PairTask& task) {
  std::string key;
  Append(key, task.pair.source->name);
  for (const auto& [name, value] : task.pair.placeholders) {
    Append(key, name);
    Append(key, value);
  }
  if (!AppendSide(key, task.pair.left, task.left_blobs, task.comparison.left) ||
      !AppendSide(key, task.pair.right, task.right_blobs, task.comparison.right)) {
    return std::nullopt;
  }
  return key;
}

const std::vector<Finding>* PairMemo::Find(const std::string& key) const {
  const auto it = results_.find(key);
  if (it == results_.end()) return nullptr;
  ++hits_;
  return &it->second;
}

const std::vector<Finding>& PairMemo::Store(std::string key, std::vector<Finding> findings) {
  return results_.try_emplace(std::move(key), std::move(findings)).first->second;
}

}  // namespace driftcheck
