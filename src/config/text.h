#pragma once
// Byte-level helpers the loaders share: the UTF-8 byte order mark, UTF-8
// validation and turning a byte offset into a line and column; and the one
// error message that can quote input, a duplicate key.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace driftcheck {

/// Removes a leading UTF-8 byte order mark, if any.
std::string_view StripBom(std::string_view text);

/// Length of the valid UTF-8 sequence at `i`, or 0 if it is not valid
/// (overlong forms, surrogates and code points past U+10FFFF are invalid).
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i);

/// 1-based line and byte column of `offset` in `text` (clamped to its end).
std::pair<int, int> LineColumnAt(std::string_view text, std::size_t offset);

/// Whether a loader error may quote `key`, whose enclosing keys are
/// `ancestors`: not when it or one of them is secret by the default
/// secret_keys (a loader does not know the manifest's), since below a secret
/// key the keys are secret too (`api_keys: {sk_live_...: x}`).
bool MayQuoteKey(std::string_view key, const std::vector<std::string_view>& ancestors);

/// "duplicate key 'name' (first defined at line 3)", leaving the key out
/// when it may not be quoted.
std::string DuplicateKeyMessage(std::string_view key, bool quote_key, int first_line);

}  // namespace driftcheck
