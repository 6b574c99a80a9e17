// dotenv loader, hand-written: accepts what python-dotenv and Docker Compose
// accept, and gives file:line:column for everything else.
//
//   # comment                     blank lines and full-line comments
//   export KEY=value              optional `export ` prefix
//   KEY = value  # comment        spaces around `=`; an inline comment needs
//                                 whitespace before `#` (`A=b#c` is "b#c")
//   KEY='literal \n'              single quotes: no escapes, may span lines
//   KEY="a\nb"                    double quotes: \n \t \r \" \\ \' \a \b \f \v
//                                 are escapes (others stay as written); may
//                                 span lines
//   KEY=                          empty value
//
// Decisions: a bare `KEY` without `=` is an error (python-dotenv reads it as
// "no value", Compose as "take it from the shell": neither is a value this
// file holds). `KEY= #c` is "" (the `#` follows whitespace). A repeated key:
// the later one wins, as in both tools. `${VAR}` is not interpolated: the
// text as written is what gets compared. Keys are letters, digits, `_`, `.`,
// `-`, not starting with a digit. Line breaks inside quotes become "\n".
// Input must be UTF-8 (python-dotenv's default); a BOM is skipped and columns
// count bytes.
//
// Error messages never quote the line: a malformed line may be a value.

#include "config/loader.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "config/text.h"
#include "core/error.h"

namespace driftcheck {
namespace {


bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsKeyStart(char c) { return IsLetter(c) || c == '_' || c == '.' || c == '-'; }
bool IsKeyChar(char c) { return IsKeyStart(c) || IsDigit(c); }

// The character a double-quoted escape stands for, or 0 if `c` is no escape.
char Unescape(char c) {
  switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'v': return '\v';
    case '"': return '"';
    case '\'': return '\'';
    case '\\': return '\\';
    default: return 0;
  }
}

class DotenvParser {
 public:
  DotenvParser(std::string_view text, const OriginPtr& origin, std::vector<LoadWarning>& warnings)
      : text_(text), origin_(origin), warnings_(warnings) {}

  Value Parse() {
    CheckUtf8();
    Value map = Value::Map(Location{origin_, 1, 1});
    while (!AtEnd()) ParseLine(map);
    return map;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool AtLineBreak() const {
    return Peek() == '\n' || (Peek() == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n');
  }
  bool AtLineEnd() const { return AtEnd() || AtLineBreak(); }

  Location Here() const {
    return Location{origin_, line_, static_cast<int>(pos_ - line_start_) + 1};
  }

  [[noreturn]] void Fail(const Location& where, std::string message, std::string hint = {}) const {
    throw InputError(where, std::move(message), std::move(hint));
  }

  // Moves past one character, or past a whole CRLF.
  void Advance() {
    if (AtEnd()) return;
    if (AtLineBreak()) {
      pos_ += Peek() == '\r' ? 2 : 1;
      ++line_;
      line_start_ = pos_;
    } else {
      ++pos_;
    }
  }

  void SkipBlanks() {
    while (IsBlank(Peek())) Advance();
  }

  void SkipRestOfLine() {
    while (!AtLineEnd()) Advance();
  }

  void CheckUtf8() {
    for (std::size_t i = 0; i < text_.size();) {
      const std::size_t length = Utf8SequenceLength(text_, i);
      if (length == 0) {
        while (pos_ < i) Advance();
        Fail(Here(), "invalid UTF-8");
      }
      i += length;
    }
  }

  void ParseLine(Value& map) {
    SkipBlanks();
    if (Peek() == '#') SkipRestOfLine();
    if (AtLineEnd()) {
      Advance();
      return;
    }
    SkipExport();
    Location key_location = Here();
    std::string key = ParseKey();
    const bool blank_after_key = IsBlank(Peek());
    SkipBlanks();
    if ((AtLineEnd() || (blank_after_key && Peek() == '#')) && IsEnvironmentVariableName(key)) {
      // A key alone: python-dotenv's None, Compose's "from the environment".
      // Only a name written as one (DB_HOST): any other word alone on a line
      // may be a secret pasted there, and a key is printed.
      SkipRestOfLine();
      const Location where = key_location;
      SetLastWins(map, std::move(key), std::move(key_location), Value::Null(where), warnings_);
      Advance();  // the line break, if any
      return;
    }
    if (Peek() != '=') {
      Fail(Here(), "expected '=' after the variable name",
           AtLineEnd() || Peek() == '#' ? "write KEY= for an empty value" : "");
    }
    Advance();
    std::string value;
    Location value_location = ParseValue(value);
    // python-dotenv and Docker Compose let the last one win; say so.
    SetLastWins(map, std::move(key), std::move(key_location),
                Value::String(std::move(value), /*quoted=*/true, std::move(value_location)), warnings_);
    Advance();  // the line break, if any
  }

  // DB_HOST, _X1: upper-case letters, digits and '_', not starting with a digit.
  static bool IsEnvironmentVariableName(std::string_view key) {
    if (key.empty() || (key.front() >= '0' && key.front() <= '9')) return false;
    return std::all_of(key.begin(), key.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
  }

  // `export KEY=...`; but `export=1` and `export = 1` set a key named export.
  void SkipExport() {
    constexpr std::string_view kExport = "export";
    if (!text_.substr(pos_).starts_with(kExport)) return;
    std::size_t after = pos_ + kExport.size();
    if (after >= text_.size() || !IsBlank(text_[after])) return;
    while (after < text_.size() && IsBlank(text_[after])) ++after;
    if (after < text_.size() && IsKeyStart(text_[after])) pos_ = after;
  }

  std::string ParseKey() {
    if (!IsKeyStart(Peek())) Fail(Here(), "expected a variable name (KEY=VALUE)");
    const std::size_t start = pos_;
    while (IsKeyChar(Peek())) Advance();
    if (!AtLineEnd() && !IsBlank(Peek()) && Peek() != '=' && Peek() != '#') {
      Fail(Here(), "invalid character in variable name",
           "names hold letters, digits, '_', '.' and '-'");
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  // Reads the value after `=` into `value`; returns where it starts.
  Location ParseValue(std::string& value) {
    const bool blank_before = IsBlank(Peek());
    SkipBlanks();
    Location where = Here();
    if (Peek() == '\'' || Peek() == '"') {
      ParseQuoted(value, where);
      ExpectLineEnd();
    } else if (!(blank_before && Peek() == '#')) {
      ParseUnquoted(value);
    } else {
      SkipRestOfLine();  // `KEY= # comment` is empty
    }
    return where;
  }

  void ParseUnquoted(std::string& value) {
    const std::size_t start = pos_;
    while (!AtLineEnd() && !(Peek() == '#' && pos_ > start && IsBlank(text_[pos_ - 1]))) {
      Advance();
    }
    std::string_view raw = text_.substr(start, pos_ - start);
    const std::size_t last = raw.find_last_not_of(" \t\r");
    value = std::string(raw.substr(0, last == std::string_view::npos ? 0 : last + 1));
    SkipRestOfLine();
  }

  void ParseQuoted(std::string& value, const Location& opening) {
    const char quote = Peek();
    Advance();
    while (!AtEnd() && Peek() != quote) {
      if (AtLineBreak()) {
        value += '\n';
      } else if (quote == '"' && Peek() == '\\' && pos_ + 1 < text_.size() &&
                 Unescape(text_[pos_ + 1]) != 0) {
        value += Unescape(text_[pos_ + 1]);
        Advance();
      } else {
        value += Peek();
      }
      Advance();
    }
    if (AtEnd()) {
      Fail(opening,
           quote == '"' ? "unterminated double-quoted value" : "unterminated single-quoted value");
    }
    Advance();  // the closing quote
  }

  void ExpectLineEnd() {
    SkipBlanks();
    if (Peek() == '#') SkipRestOfLine();
    if (!AtLineEnd()) Fail(Here(), "unexpected text after the closing quote");
  }

  std::string_view text_;
  OriginPtr origin_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  std::vector<LoadWarning>& warnings_;
};

}  // namespace

Documents LoadDotenv(std::string_view text, const OriginPtr& origin, const LoadLimits& /*limits*/,
                     std::vector<LoadWarning>& warnings) {
  // A dotenv file is flat: one map of strings, so no depth or node limits apply.
  text = StripBom(text);
  Documents documents;
  documents.push_back(DotenvParser(text, origin, warnings).Parse());
  return documents;
}

}  // namespace driftcheck
