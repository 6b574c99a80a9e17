// tfvars loader, hand-written (no Debian package reads HCL): the literal
// subset of HCL's native syntax that Terraform variable files use.
//
//   region   = "eu-west-1"           attributes, one per line
//   replicas = 3                     numbers (1, -2, 1.5, 1e3), true, false, null
//   zones    = ["a", "b",]           lists; newlines allowed, trailing comma ok
//   tags     = { team = "x", "cost-center": 42 }
//                                    objects: keys bare or quoted, '=' or ':',
//                                    separated by commas or newlines
//   policy   = <<-EOT                heredocs (<<EOT keeps indentation, <<-EOT
//     text                           strips the lines' common indentation); the
//   EOT                              value ends with the last line's newline
//   # comment, // comment, /* comment */
//
// Strings take HCL's escapes (\n \r \t \" \\ \uNNNN \UNNNNNNNN); `$${` and
// `%%{` are a literal `${` and `%{`. An interpolation inside a string
// ("${var.x}") is kept as written. Any other expression (a function call
// `file("x")`, a reference `var.x`, arithmetic) is kept as its text: an
// unquoted string, since its value would need Terraform to evaluate it.
// A repeated attribute or object key is an error naming both lines, as in
// Terraform. Blocks (`name { ... }`) are not allowed in a .tfvars file.
// Input must be UTF-8; columns count bytes. Messages never quote a value.

#include "config/loader.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/text.h"
#include "core/error.h"

namespace driftcheck {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;  // HCL identifiers may be Unicode letters
}
bool IsIdentifierChar(char c) { return IsIdentifierStart(c) || IsDigit(c) || c == '-'; }

// What may end an expression where it stands.
enum class Context { kAttribute, kList, kObject };

class TfvarsParser {
 public:
  TfvarsParser(std::string_view text, const OriginPtr& origin, const LoadLimits& limits)
      : in_(text, origin), limits_(limits) {}

  Value Parse() {
    Value root = Value::Map(Location{in_.origin(), 1, 1});
    while (true) {
      SkipSpace(/*newlines=*/true);
      if (in_.AtEnd()) return root;
      ParseAttribute(root);
    }
  }

 private:
  [[noreturn]] void Fail(const Location& where, std::string message, std::string hint = {}) const {
    throw InputError(where, std::move(message), std::move(hint));
  }

  bool AtComment() const {
    return in_.Peek() == '#' || (in_.Peek() == '/' && (in_.Peek(1) == '/' || in_.Peek(1) == '*'));
  }

  // Blanks and comments; line breaks too when `newlines`. A line comment
  // stops before its line break, which may end an attribute.
  void SkipSpace(bool newlines) {
    while (!in_.AtEnd()) {
      if (IsBlank(in_.Peek()) || (newlines && in_.AtLineBreak())) {
        in_.Advance();
      } else if (in_.Peek() == '/' && in_.Peek(1) == '*') {
        const Location where = in_.Here();
        in_.Advance();
        in_.Advance();
        while (!in_.AtEnd() && !(in_.Peek() == '*' && in_.Peek(1) == '/')) in_.Advance();
        if (in_.AtEnd()) Fail(where, "unterminated /* comment");
        in_.Advance();
        in_.Advance();
      } else if (AtComment()) {
        in_.SkipRestOfLine();
      } else {
        return;
      }
    }
  }

  void Spend(const Location& where) {
    if (++nodes_ > limits_.max_nodes) {
      Fail(where, "file has more than " + std::to_string(limits_.max_nodes) + " nodes");
    }
  }

  std::string ReadIdentifier() {
    const std::size_t start = in_.pos();
    while (IsIdentifierChar(in_.Peek())) in_.Advance();
    return std::string(in_.text().substr(start, in_.pos() - start));
  }

  void ParseAttribute(Value& root) {
    const Location key_location = in_.Here();
    if (!IsIdentifierStart(in_.Peek())) Fail(key_location, "expected a variable name (name = value)");
    std::string name = ReadIdentifier();
    SkipSpace(/*newlines=*/false);
    if (in_.Peek() == '{' || in_.Peek() == '"') {
      Fail(key_location, "blocks are not allowed in a .tfvars file", "write name = { ... }");
    }
    if (in_.Peek() != '=') Fail(in_.Here(), "expected '=' after the variable name");
    in_.Advance();
    keys_.push_back(name);
    Value value = ParseExpression(Context::kAttribute, 0);
    keys_.pop_back();
    SkipSpace(/*newlines=*/false);
    if (!in_.AtLineEnd()) Fail(in_.Here(), "expected a line break after the value");
    Insert(root, std::move(name), key_location, std::move(value), "attribute");
  }

  void Insert(Value& map, std::string key, const Location& where, Value value, const char* what) {
    if (auto first = map.IndexOf(key)) {
      // Never named (see MayQuoteKey): the location points at it.
      Fail(where, std::string("duplicate ") + what + " (first defined at line " +
                      std::to_string(map.key_location(*first).line) + ")");
    }
    map.Insert(std::move(key), where, std::move(value));
  }

  // A literal where one stands whole; any other expression as its text.
  Value ParseExpression(Context context, int depth) {
    SkipSpace(/*newlines=*/context == Context::kList);
    const Location where = in_.Here();
    const std::size_t start = in_.pos();
    Spend(where);
    const TextCursor saved = in_;
    std::optional<Value> literal = ParseLiteral(context, depth);
    if (literal && AtExpressionEnd(context)) return std::move(*literal);
    if (literal && !AtOperator()) Fail(in_.Here(), "unexpected text after the value");
    // Start over and keep the whole expression as written.
    in_ = saved;
    return Value::String(ReadRawExpression(context, start), /*quoted=*/false, where);
  }

  // After a literal: does the expression end here?
  bool AtExpressionEnd(Context context) {
    TextCursor after = in_;
    SkipSpace(/*newlines=*/context == Context::kList);
    const char c = in_.Peek();
    const bool end = in_.AtLineEnd() || AtComment() || c == ',' ||
                     (context == Context::kList && c == ']') ||
                     (context == Context::kObject && c == '}');
    in_ = after;
    return end;
  }

  // After a literal and blanks: an operator, index or attribute access makes
  // it part of a larger expression (`1 + 2`, `{a = 1}.a`); anything else is
  // a mistake (`[1 2]`).
  bool AtOperator() {
    while (IsBlank(in_.Peek())) in_.Advance();
    return std::string_view("+-*/%=!<>&|?:.[(").find(in_.Peek()) != std::string_view::npos &&
           !in_.AtEnd();
  }

  std::optional<Value> ParseLiteral(Context context, int depth) {
    const Location where = in_.Here();
    const char c = in_.Peek();
    if (c == '"') return Value::String(ReadString(), /*quoted=*/true, where);
    if (c == '<' && in_.Peek(1) == '<') return Value::String(ReadHeredoc(), /*quoted=*/true, where);
    if (c == '[') return ParseList(depth);
    if (c == '{') return ParseObject(depth);
    if (IsDigit(c) || (c == '-' && IsDigit(in_.Peek(1)))) return ParseNumber();
    if (IsIdentifierStart(c)) {
      const std::string word = ReadIdentifier();
      if (word == "true" || word == "false") return Value::Bool(word == "true", where);
      if (word == "null") return Value::Null(where);
      return std::nullopt;  // a reference or a function call
    }
    if (in_.AtLineEnd() || AtComment() || (context != Context::kAttribute && c == ',')) {
      Fail(where, "expected a value");
    }
    return std::nullopt;
  }

  Value ParseNumber() {
    const Location where = in_.Here();
    const std::size_t start = in_.pos();
    if (in_.Peek() == '-') in_.Advance();
    while (IsDigit(in_.Peek())) in_.Advance();
    if (in_.Peek() == '.' && IsDigit(in_.Peek(1))) {
      in_.Advance();
      while (IsDigit(in_.Peek())) in_.Advance();
    }
    if (in_.Peek() == 'e' || in_.Peek() == 'E') {
      const std::size_t sign = (in_.Peek(1) == '+' || in_.Peek(1) == '-') ? 1 : 0;
      if (IsDigit(in_.Peek(1 + sign))) {
        for (std::size_t i = 0; i <= sign; ++i) in_.Advance();
        while (IsDigit(in_.Peek())) in_.Advance();
      }
    }
    return Value::FromPlainScalar(std::string(in_.text().substr(start, in_.pos() - start)), where);
  }

  void CheckDepth(const Location& where, int depth) const {
    if (depth >= limits_.max_depth) {
      Fail(where, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
  }

  Value ParseList(int depth) {
    Value list = Value::List(in_.Here());
    CheckDepth(list.location(), depth);
    in_.Advance();  // '['
    while (true) {
      SkipSpace(/*newlines=*/true);
      if (in_.Peek() == ']') break;
      if (in_.AtEnd()) Fail(list.location(), "unclosed '['");
      list.Append(ParseExpression(Context::kList, depth + 1));
      SkipSpace(/*newlines=*/true);
      if (in_.Peek() == ',') {
        in_.Advance();
      } else if (in_.Peek() != ']') {
        Fail(in_.Here(), "expected ',' or ']' after a list item");
      }
    }
    in_.Advance();  // ']'
    return list;
  }

  Value ParseObject(int depth) {
    Value map = Value::Map(in_.Here());
    CheckDepth(map.location(), depth);
    in_.Advance();  // '{'
    while (true) {
      SkipSpace(/*newlines=*/true);
      if (in_.Peek() == '}') break;
      if (in_.AtEnd()) Fail(map.location(), "unclosed '{'");
      const Location key_location = in_.Here();
      std::string key = ReadObjectKey();
      SkipSpace(/*newlines=*/false);
      if (in_.Peek() != '=' && in_.Peek() != ':') Fail(in_.Here(), "expected '=' or ':' after the key");
      in_.Advance();
      keys_.push_back(key);
      Value value = ParseExpression(Context::kObject, depth + 1);
      keys_.pop_back();
      Insert(map, std::move(key), key_location, std::move(value), "key");
      SkipSpace(/*newlines=*/false);
      if (in_.Peek() == ',') {
        in_.Advance();
      } else if (!in_.AtLineBreak() && in_.Peek() != '}') {
        Fail(in_.Here(), "expected ',', a line break or '}' after an object entry");
      }
    }
    in_.Advance();  // '}'
    return map;
  }

  std::string ReadObjectKey() {
    if (in_.Peek() == '"') return ReadString();
    if (!IsIdentifierStart(in_.Peek())) Fail(in_.Here(), "expected a key (name or \"quoted\")");
    return ReadIdentifier();
  }

  std::string ReadString() {
    const Location where = in_.Here();
    in_.Advance();  // '"'
    std::string out;
    while (in_.Peek() != '"') {
      if (in_.AtLineEnd()) {
        Fail(where, "unterminated string", "a string ends on its line; a heredoc may span lines");
      }
      const char c = in_.Peek();
      if (c == '\\') {
        ReadEscape(out);
      } else if ((c == '$' || c == '%') && in_.Peek(1) == c && in_.Peek(2) == '{') {
        out += c;  // `$${` is a literal `${`
        out += '{';
        for (int i = 0; i < 3; ++i) in_.Advance();
      } else if ((c == '$' || c == '%') && in_.Peek(1) == '{') {
        out += ReadTemplate(where);
      } else {
        out += c;
        in_.Advance();
      }
    }
    in_.Advance();  // '"'
    return out;
  }

  void ReadEscape(std::string& out) {
    const Location where = in_.Here();
    in_.Advance();  // '\'
    const char c = in_.Peek();
    if (!in_.AtLineEnd()) in_.Advance();
    switch (c) {
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 't': out += '\t'; return;
      case '"': out += '"'; return;
      case '\\': out += '\\'; return;
      case 'u': return AppendUtf8(out, ReadCodePoint(4, where));
      case 'U': return AppendUtf8(out, ReadCodePoint(8, where));
      default:
        Fail(where, "invalid escape sequence in a string",
             "escapes: \\n \\r \\t \\\" \\\\ \\uNNNN \\UNNNNNNNN");
    }
  }

  unsigned ReadCodePoint(int digits, const Location& where) {
    unsigned cp = 0;
    for (int i = 0; i < digits; ++i) {
      const int digit = HexDigit(in_.Peek());
      if (digit < 0) Fail(where, "malformed unicode escape");
      cp = cp * 16 + static_cast<unsigned>(digit);
      in_.Advance();
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) Fail(where, "unicode escape is not a character");
    return cp;
  }

  // `${ ... }` or `%{ ... }` inside a string, kept as written up to its
  // matching brace (strings inside it may hold braces).
  std::string ReadTemplate(const Location& string_start) {
    const std::size_t start = in_.pos();
    in_.Advance();
    in_.Advance();
    int braces = 1;
    bool in_string = false;
    while (braces > 0) {
      if (in_.AtLineEnd()) Fail(string_start, "unterminated interpolation in a string");
      const char c = in_.Peek();
      if (in_string && c == '\\') {
        in_.Advance();
      } else if (c == '"') {
        in_string = !in_string;
      } else if (!in_string && c == '{') {
        ++braces;
      } else if (!in_string && c == '}') {
        --braces;
      }
      if (!in_.AtLineEnd()) in_.Advance();
    }
    return std::string(in_.text().substr(start, in_.pos() - start));
  }

  std::string ReadHeredoc() {
    const Location where = in_.Here();
    in_.Advance();
    in_.Advance();
    const bool indented = in_.Peek() == '-';
    if (indented) in_.Advance();
    const std::string marker = ReadIdentifier();
    while (IsBlank(in_.Peek())) in_.Advance();
    if (marker.empty() || !in_.AtLineBreak()) {
      Fail(where, "expected a heredoc marker and a line break (<<EOT)");
    }
    in_.Advance();
    std::vector<std::string_view> lines;
    while (true) {
      if (in_.AtEnd()) Fail(where, "unterminated heredoc", "end it with a line holding only " + marker);
      const std::size_t start = in_.pos();
      in_.SkipRestOfLine();
      const std::string_view line = in_.text().substr(start, in_.pos() - start);
      const std::size_t first = line.find_first_not_of(" \t");
      if (first != std::string_view::npos && line.substr(first) == marker) break;
      lines.push_back(line);
      in_.Advance();
    }
    return JoinHeredoc(lines, indented);
  }

  // Each line with its line break; `<<-` drops the indentation that every
  // non-blank line shares.
  static std::string JoinHeredoc(const std::vector<std::string_view>& lines, bool indented) {
    std::size_t indent = indented ? std::string_view::npos : 0;
    for (std::string_view line : lines) {
      const std::size_t first = line.find_first_not_of(" \t");
      if (first != std::string_view::npos) indent = std::min(indent, first);
    }
    if (indent == std::string_view::npos) indent = 0;
    std::string out;
    for (std::string_view line : lines) {
      out.append(line.substr(std::min(indent, line.size())));
      out += '\n';
    }
    return out;
  }

  // The text of an expression this loader does not evaluate, up to where it
  // ends at its own nesting level; brackets must balance.
  std::string ReadRawExpression(Context context, std::size_t start) {
    const Location where = in_.Here();
    std::vector<char> closers;
    while (!in_.AtEnd()) {
      const char c = in_.Peek();
      if (closers.empty()) {
        if (AtComment() || c == ',' || c == ']' || c == '}' || c == ')') break;
        if (in_.AtLineBreak() && context != Context::kList) break;
      }
      if (c == '"') {
        ReadString();
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        closers.push_back(c == '(' ? ')' : c == '[' ? ']' : '}');
        if (closers.size() > static_cast<std::size_t>(std::max(limits_.max_depth, 0))) {
          Fail(where, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
        }
      } else if (c == ')' || c == ']' || c == '}') {
        if (c != closers.back()) Fail(in_.Here(), "unbalanced brackets in an expression");
        closers.pop_back();
      }
      in_.Advance();
    }
    if (!closers.empty()) Fail(where, "unclosed bracket in an expression");
    std::string_view text = in_.text().substr(start, in_.pos() - start);
    text = text.substr(0, text.find_last_not_of(" \t\r\n") + 1);
    if (text.empty()) Fail(where, "expected a value");
    return std::string(text);
  }

  TextCursor in_;
  LoadLimits limits_;
  std::vector<std::string> keys_;  // the keys above the value being read: none below a secret is named
  std::size_t nodes_ = 0;
};

}  // namespace

Documents LoadTfvars(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                     std::vector<LoadWarning>& /*warnings*/) {
  text = StripBom(text);
  RequireUtf8(text, origin);
  Documents documents;
  documents.push_back(TfvarsParser(text, origin, limits).Parse());
  return documents;
}

}  // namespace driftcheck
