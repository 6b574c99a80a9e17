// .properties loader: java.util.Properties.load as Spring Boot reads
// application-{profile}.properties.
//
//   # comment / ! comment          whole lines only; never continued by '\'
//   spring.datasource.url=jdbc:…   one flat key: dots do not nest
//   key = value / key: value       '=' or ':' (whitespace around them ignored)
//   key value                      or whitespace alone separates
//   key = first \                  a line ending in an odd number of '\'
//         second                   continues; the next line's indent is dropped
//   greeting = caf\u00e9\tx        \uXXXX, \t \n \r \f; any other "\c" is c
//
// `#---` alone on a line starts another document, as in Spring Boot 2.4+
// (the documents pair by index, like multi-document YAML).
//
// Every value is a string (kept quoted, so "8080" stays a string until a
// schema says otherwise). A repeated key: the last wins, as in Java, and a
// warning names both lines. Text is read as UTF-8; a file that is not valid
// UTF-8 is read as ISO-8859-1 (Java's default for .properties), so columns
// after a non-ASCII byte there count UTF-8 bytes.
//
// Error messages never quote the line: a malformed line may hold a value.

#include "config/loader.h"

#include <string>
#include <string_view>

#include "config/text.h"
#include "core/error.h"

namespace driftcheck {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\f'; }
bool IsSeparator(char c) { return c == '=' || c == ':'; }

std::string Latin1ToUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (const char c : text) AppendUtf8(out, static_cast<unsigned char>(c));
  return out;
}

class PropertiesParser {
 public:
  PropertiesParser(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                   std::vector<LoadWarning>& warnings)
      : in_(text, origin), limits_(limits), warnings_(warnings) {}

  Documents Parse() {
    Documents documents;
    Value map = Value::Map(Location{in_.origin(), 1, 1});
    while (!in_.AtEnd()) {
      if (!AtDocumentSeparator()) {
        ParseLine(map);
        continue;
      }
      if (map.size() > 0) documents.push_back(std::move(map));
      in_.SkipRestOfLine();
      in_.Advance();
      map = Value::Map(in_.Here());
    }
    if (map.size() > 0 || documents.empty()) documents.push_back(std::move(map));
    return documents;
  }

 private:
  // Spring Boot splits a file into documents at a line that is exactly
  // `#---` or `!---`, and drops documents without properties.
  bool AtDocumentSeparator() const {
    const std::string_view rest = in_.Rest();
    if (!rest.starts_with("#---") && !rest.starts_with("!---")) return false;
    return rest.size() == 4 || rest[4] == '\n' || rest[4] == '\r';
  }

  void ParseLine(Value& map) {
    while (IsBlank(in_.Peek())) in_.Advance();
    if (in_.Peek() == '#' || in_.Peek() == '!') in_.SkipRestOfLine();
    if (in_.AtLineEnd()) {
      in_.Advance();
      return;
    }
    Location key_location = in_.Here();
    std::string key = ReadText(/*stop_at_separator=*/true);
    SkipBlanks();
    if (IsSeparator(in_.Peek())) {
      in_.Advance();
      SkipBlanks();
    }
    Location value_location = in_.Here();
    std::string value = ReadText(/*stop_at_separator=*/false);
    Add(map, std::move(key), std::move(key_location),
        Value::String(std::move(value), /*quoted=*/true, std::move(value_location)));
    in_.Advance();  // the line break, if any
  }

  void Add(Value& map, std::string key, Location key_location, Value value) {
    if (++nodes_ > limits_.max_nodes) {
      throw InputError(key_location,
                       "file has more than " + std::to_string(limits_.max_nodes) + " entries");
    }
    SetLastWins(map, std::move(key), std::move(key_location), std::move(value), warnings_);
  }

  // Whitespace, and line continuations between a key and its value.
  void SkipBlanks() {
    while (true) {
      if (IsBlank(in_.Peek())) {
        in_.Advance();
      } else if (in_.Peek() == '\\' && (in_.Peek(1) == '\n' || in_.Peek(1) == '\r')) {
        Continue();
      } else {
        return;
      }
    }
  }

  // Past "\" and the line break after it, and the next line's indent.
  void Continue() {
    in_.Advance();
    in_.Advance();
    while (IsBlank(in_.Peek())) in_.Advance();
  }

  // A key (up to an unescaped separator or blank) or a value (to the end of
  // the logical line), with escapes decoded.
  std::string ReadText(bool stop_at_separator) {
    std::string out;
    while (!in_.AtLineEnd()) {
      const char c = in_.Peek();
      if (stop_at_separator && (IsSeparator(c) || IsBlank(c))) break;
      if (c != '\\') {
        out += c;
        in_.Advance();
      } else if (in_.Peek(1) == '\n' || in_.Peek(1) == '\r') {
        Continue();
      } else {
        ReadEscape(out);
      }
    }
    return out;
  }

  void ReadEscape(std::string& out) {
    const Location where = in_.Here();
    in_.Advance();  // the backslash
    const char c = in_.Peek();
    if (in_.AtEnd()) return;  // a '\' ending the file is dropped, as in Java
    in_.Advance();
    switch (c) {
      case 't': out += '\t'; return;
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 'f': out += '\f'; return;
      case 'u': return AppendUtf8(out, ReadCodePoint(where));
      default: out += c;
    }
  }

  unsigned ReadHex4(const Location& where) {
    unsigned unit = 0;
    for (int i = 0; i < 4; ++i) {
      const int digit = HexDigit(in_.Peek());
      if (digit < 0) throw InputError(where, "malformed \\uXXXX escape", "write four hex digits");
      unit = unit * 16 + static_cast<unsigned>(digit);
      in_.Advance();
    }
    return unit;
  }

  // Java strings are UTF-16: a surrogate pair is two escapes, one code point.
  unsigned ReadCodePoint(const Location& where) {
    const unsigned unit = ReadHex4(where);
    if (unit < 0xD800 || unit > 0xDFFF) return unit;
    if (unit <= 0xDBFF && in_.Peek() == '\\' && in_.Peek(1) == 'u') {
      in_.Advance();
      in_.Advance();
      const unsigned low = ReadHex4(where);
      if (low >= 0xDC00 && low <= 0xDFFF) return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    }
    throw InputError(where, "\\u escape is half of a surrogate pair",
                     "write a character outside the BMP as two escapes, \\uD83D\\uDE00");
  }

  TextCursor in_;
  LoadLimits limits_;
  std::vector<LoadWarning>& warnings_;
  std::size_t nodes_ = 0;
};

}  // namespace

Documents LoadProperties(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                         std::vector<LoadWarning>& warnings) {
  text = StripBom(text);
  std::string latin1;
  bool utf8 = true;
  for (std::size_t i = 0; i < text.size() && utf8;) {
    const std::size_t length = Utf8SequenceLength(text, i);
    utf8 = length != 0;
    i += length;
  }
  if (!utf8) text = latin1 = Latin1ToUtf8(text);
  return PropertiesParser(text, origin, limits, warnings).Parse();
}

}  // namespace driftcheck
