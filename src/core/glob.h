#pragma once
// Shell-style globs for allow rules: `*` matches any run of characters
// (none included), `?` exactly one byte; everything else matches itself.

#include <string_view>

namespace driftcheck {

/// Whether `text` matches `pattern` as a whole. Runs in O(|pattern| * |text|)
/// at worst: no backtracking blow-up on hostile patterns.
bool GlobMatch(std::string_view pattern, std::string_view text);

/// Whether `text` holds a glob character (`*` or `?`).
bool HasGlob(std::string_view text);

}  // namespace driftcheck
