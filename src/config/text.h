#pragma once
// Byte-level helpers the loaders share: the UTF-8 byte order mark, UTF-8
// validation and turning a byte offset into a line and column.

#include <cstddef>
#include <string_view>
#include <utility>

namespace driftcheck {

/// Removes a leading UTF-8 byte order mark, if any.
std::string_view StripBom(std::string_view text);

/// Length of the valid UTF-8 sequence at `i`, or 0 if it is not valid
/// (overlong forms, surrogates and code points past U+10FFFF are invalid).
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i);

/// 1-based line and byte column of `offset` in `text` (clamped to its end).
std::pair<int, int> LineColumnAt(std::string_view text, std::size_t offset);

}  // namespace driftcheck
