#pragma once
// Making repository text safe to print: config values, keys and file names
// may hold control bytes, invisible characters or invalid UTF-8, and every
// report format must stay valid and must never show two different strings
// as the same line.

#include <cstddef>
#include <string>
#include <string_view>

namespace driftcheck {

/// Decodes the UTF-8 character starting at s[i] into `code` and returns its
/// length in bytes, or 0 when s[i] starts no valid character (overlong,
/// surrogate, truncated or stray byte).
std::size_t DecodeUtf8(std::string_view s, std::size_t i, char32_t& code);

/// C0 controls, DEL and C1 controls (U+0080..U+009F).
bool IsControlCode(char32_t code);

/// Characters a reader cannot see or cannot tell from a plain space: NBSP,
/// zero-width and bidi controls, odd-width spaces, the BOM, tag characters.
bool IsInvisible(char32_t code);

/// "\u00a0", "\u200b", "\U000e0001": how an invisible or control character is shown.
std::string UnicodeEscape(char32_t code);

/// One line of text that shows every byte it stands for: controls as \x1b
/// (C0, DEL) or \u0085 (C1), invisible characters as \u200b, invalid UTF-8
/// bytes as \xff. The result is valid UTF-8 with no control characters.
std::string EscapeForDisplay(std::string_view s);

/// As EscapeForDisplay, with trailing spaces and tabs shown as \x20 and \x09 so
/// a line that differs only by them looks different.
std::string EscapeLine(std::string_view s);

}  // namespace driftcheck
