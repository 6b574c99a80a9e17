#pragma once
// Byte-level helpers the loaders share: the UTF-8 byte order mark, UTF-8
// validation and turning a byte offset into a line and column; and the one
// error message that can quote input, a duplicate key.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/location.h"

namespace driftcheck {

/// Removes a leading UTF-8 byte order mark, if any.
std::string_view StripBom(std::string_view text);

/// Length of the valid UTF-8 sequence at `i`, or 0 if it is not valid
/// (overlong forms, surrogates and code points past U+10FFFF are invalid).
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i);

/// 1-based line and byte column of `offset` in `text` (clamped to its end).
std::pair<int, int> LineColumnAt(std::string_view text, std::size_t offset);

/// Throws InputError "invalid UTF-8" at the first byte that is not UTF-8.
void RequireUtf8(std::string_view text, const OriginPtr& origin);

/// The value of a hex digit, or -1.
int HexDigit(char c);

/// Appends code point `cp` (at most U+10FFFF, not a surrogate) as UTF-8.
void AppendUtf8(std::string& out, unsigned cp);

/// Walks text byte by byte for the hand-written loaders, keeping the line and
/// byte column of where it is: "\n", "\r\n" and a lone "\r" each end a line
/// (what Java's Properties and Python's text files accept).
class TextCursor {
 public:
  TextCursor(std::string_view text, OriginPtr origin) : text_(text), origin_(std::move(origin)) {}

  bool AtEnd() const { return pos_ >= text_.size(); }
  /// The byte `ahead` bytes on, or '\0' past the end.
  char Peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  bool AtLineBreak() const { return Peek() == '\n' || Peek() == '\r'; }
  bool AtLineEnd() const { return AtEnd() || AtLineBreak(); }
  /// Moves past one byte, or past a whole line break.
  void Advance();
  void SkipRestOfLine() {
    while (!AtLineEnd()) Advance();
  }

  std::size_t pos() const { return pos_; }
  std::string_view text() const { return text_; }
  std::string_view Rest() const { return text_.substr(pos_); }
  int line() const { return line_; }
  Location Here() const { return Location{origin_, line_, static_cast<int>(pos_ - line_start_) + 1}; }
  const OriginPtr& origin() const { return origin_; }

 private:
  std::string_view text_;
  OriginPtr origin_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

/// Whether a loader's message may quote `key`, whose enclosing keys are
/// `ancestors`: never. A key may be secret, or sit below a secret, by rules a
/// loader cannot know: the manifest's `secret_keys: {add: [...]}`, a schema's
/// `writeOnly`/`x-drift-secret`, `normalize: {secret: ...}`, a key that is
/// itself a token. The location (file:line:column) names the key instead.
bool MayQuoteKey(std::string_view key, const std::vector<std::string_view>& ancestors);

/// "duplicate key (first defined at line 3)": the key is never quoted (see
/// MayQuoteKey); the message's location points at it.
std::string DuplicateKeyMessage(std::string_view key, bool quote_key, int first_line);

}  // namespace driftcheck
