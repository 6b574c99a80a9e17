#include "core/location.h"

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace driftcheck {
namespace {

// Origins live in fixed chunks that never move, so a reader needs no lock:
// an id reaches another thread only through the Value that carries it, after
// the chunk holding it was published.
constexpr std::uint32_t kChunkBits = 12;
constexpr std::uint32_t kChunkSize = 1u << kChunkBits;
constexpr std::uint32_t kMaxChunks = 1u << 14;  // 67 million files

struct OriginTable {
  std::mutex mutex;
  std::unordered_map<std::string_view, std::uint32_t> ids;  // views into the chunks
  std::array<std::atomic<Origin*>, kMaxChunks> chunks{};  // what readers see
  std::vector<std::unique_ptr<Origin[]>> owned;            // what frees them at exit
  std::uint32_t next = 1;  // id 0 is "no file"
};

OriginTable& Table() {
  static OriginTable table;
  return table;
}

}  // namespace

const Origin* OriginPtr::get() const {
  if (id_ == 0) return nullptr;
  const Origin* chunk = Table().chunks[id_ >> kChunkBits].load(std::memory_order_acquire);
  return chunk + (id_ & (kChunkSize - 1));
}

OriginPtr MakeOrigin(std::string path) {
  OriginTable& table = Table();
  const std::lock_guard lock(table.mutex);
  OriginPtr made;
  if (auto it = table.ids.find(path); it != table.ids.end()) {
    made.id_ = it->second;
    return made;
  }
  const std::uint32_t id = table.next;
  const std::uint32_t chunk = id >> kChunkBits;
  if (chunk >= kMaxChunks) throw std::length_error("too many distinct file paths in one run");
  Origin* slots = table.chunks[chunk].load(std::memory_order_relaxed);
  if (!slots) {
    table.owned.push_back(std::make_unique<Origin[]>(kChunkSize));
    slots = table.owned.back().get();
    table.chunks[chunk].store(slots, std::memory_order_release);
  }
  Origin& origin = slots[id & (kChunkSize - 1)];
  origin.path = std::move(path);
  table.ids.emplace(origin.path, id);
  ++table.next;
  made.id_ = id;
  return made;
}

const std::string& Location::file() const {
  static const std::string kEmpty;
  return origin ? origin->path : kEmpty;
}

std::string Location::ToString() const {
  std::string out = file();
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out;
}

}  // namespace driftcheck
