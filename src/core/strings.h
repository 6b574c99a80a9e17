#pragma once
// Small string helpers shared across modules.

#include <string>
#include <string_view>
#include <vector>

namespace driftcheck {

/// Splits at every `separator`, keeping empty pieces: Split("a//b", '/') is
/// {"a", "", "b"}. The pieces view `text`.
std::vector<std::string_view> Split(std::string_view text, char separator);

/// `text` with ASCII letters lower-cased (other bytes kept).
std::string AsciiLower(std::string_view text);

}  // namespace driftcheck
