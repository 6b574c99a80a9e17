#pragma once
// Small string helpers shared across modules.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace driftcheck {

/// Splits at every `separator`, keeping empty pieces: Split("a//b", '/') is
/// {"a", "", "b"}. The pieces view `text`.
std::vector<std::string_view> Split(std::string_view text, char separator);

/// `text` with ASCII letters lower-cased (other bytes kept).
std::string AsciiLower(std::string_view text);

/// FNV-1a over `bytes` (64 bits, starting from `seed`) with a final
/// avalanche step, since FNV's high bits barely depend on the last bytes.
std::uint64_t Hash64(std::string_view bytes, std::uint64_t seed = 14695981039346656037ULL);

/// `value` as 16 lower-case hex digits.
std::string Hex64(std::uint64_t value);

}  // namespace driftcheck
