// INI loader: the common INI dialect (Python's configparser, .NET's INI
// provider) and Ansible's INI inventories.
//
//   ; comment / # comment          whole lines; inline only after whitespace
//   top = level                    entries before any section are top-level keys
//   [section]                      a map; a repeated section adds to the same map
//   key = value / key: value       the value is the rest of the line, trimmed,
//                                  quotes kept as written (as configparser does)
//   flag                           a key without a value is null
//   web1 ansible_host=10.0.0.1 ansible_port=22
//                                  an Ansible host line: the host holds a map
//                                  of its k=v pairs; a pair's value may be
//                                  quoted ('…' or "…") to hold spaces
//
// `:` separates a key only when whitespace or the line's end follows it, so
// an Ansible host with a port (`db1.example.com:5432`) stays one name.
// Indented lines are not continuations. Keys keep their case. Every value is
// a string until a schema says otherwise. A repeated key: the last wins, as
// in configparser's non-strict mode and Ansible, and a warning names both
// lines. Input must be UTF-8; columns count bytes.
//
// Error messages never quote the line: a malformed line may hold a value.

#include "config/loader.h"

#include <string>
#include <string_view>

#include "config/text.h"
#include "core/error.h"

namespace driftcheck {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsComment(char c) { return c == ';' || c == '#'; }

class IniParser {
 public:
  IniParser(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
            std::vector<LoadWarning>& warnings)
      : in_(text, origin), limits_(limits), warnings_(warnings) {}

  Value Parse() {
    Value root = Value::Map(Location{in_.origin(), 1, 1});
    root_ = &root;
    std::string section;  // "" before the first header: entries go to the root
    while (!in_.AtEnd()) {
      SkipBlanks();
      if (IsComment(in_.Peek())) in_.SkipRestOfLine();
      if (in_.AtLineEnd()) {
        in_.Advance();
        continue;
      }
      if (in_.Peek() == '[') {
        section = ParseHeader(root);
        section_ = section;
      } else {
        ParseEntry(section.empty() ? root : *root.Find(section));
      }
      ExpectLineEnd();
    }
    return root;
  }

 private:
  void SkipBlanks() {
    while (IsBlank(in_.Peek())) in_.Advance();
  }

  bool AtCommentOrLineEnd(bool after_blank) const {
    return in_.AtLineEnd() || (after_blank && IsComment(in_.Peek()));
  }

  void ExpectLineEnd() {
    SkipBlanks();
    const bool blank = in_.pos() > 0 && IsBlank(in_.text()[in_.pos() - 1]);
    if (!AtCommentOrLineEnd(blank)) {
      throw InputError(in_.Here(), "unexpected text after the entry");
    }
    in_.SkipRestOfLine();
    in_.Advance();
  }

  void Spend(const Location& where) {
    if (++nodes_ > limits_.max_nodes) {
      throw InputError(where, "file has more than " + std::to_string(limits_.max_nodes) + " nodes");
    }
  }

  // `[name]`: the section's map, created on first sight. Returns its name.
  std::string ParseHeader(Value& root) {
    const Location where = in_.Here();
    in_.Advance();
    const std::size_t start = in_.pos();
    while (!in_.AtLineEnd() && in_.Peek() != ']') in_.Advance();
    if (in_.Peek() != ']') throw InputError(in_.Here(), "expected ']' to close the section name");
    std::string name(in_.text().substr(start, in_.pos() - start));
    in_.Advance();
    if (name.empty()) throw InputError(where, "empty section name");
    const Value* existing = root.Find(name);
    if (!existing || !existing->is_map()) {
      Spend(where);
      Set(root, name, where, Value::Map(where));
    }
    return name;
  }

  // A name: up to whitespace, '=', or a ':' that whitespace or the line's end follows.
  std::string ReadName() {
    const std::size_t start = in_.pos();
    while (!in_.AtLineEnd() && !IsBlank(in_.Peek()) && in_.Peek() != '=' && !AtColonSeparator()) {
      in_.Advance();
    }
    return std::string(in_.text().substr(start, in_.pos() - start));
  }

  bool AtColonSeparator() const {
    const char next = in_.Peek(1);
    return in_.Peek() == ':' && (IsBlank(next) || next == '\n' || next == '\r' || next == '\0');
  }

  void ParseEntry(Value& map) {
    const Location key_location = in_.Here();
    std::string key = ReadName();
    if (key.empty()) throw InputError(key_location, "expected a key before the separator");
    const bool blank = IsBlank(in_.Peek());
    SkipBlanks();
    Spend(key_location);
    if (in_.Peek() == '=' || AtColonSeparator()) {
      in_.Advance();
      SkipBlanks();
      Set(map, std::move(key), key_location, ReadValue());
    } else if (AtCommentOrLineEnd(blank)) {
      Set(map, std::move(key), key_location, Value::Null(key_location));
    } else {
      Set(map, std::move(key), key_location, ParseHostVariables(key_location));
    }
  }

  // The rest of the line up to an inline comment, trimmed.
  Value ReadValue() {
    const Location where = in_.Here();
    const std::size_t start = in_.pos();
    std::size_t end = start;
    while (!in_.AtLineEnd()) {
      if (IsComment(in_.Peek()) && IsBlank(in_.text()[in_.pos() - 1])) break;  // pos > 0: a key precedes
      in_.Advance();
      if (!IsBlank(in_.text()[in_.pos() - 1])) end = in_.pos();
    }
    return Value::String(std::string(in_.text().substr(start, end - start)), /*quoted=*/true, where);
  }

  // `k=v k2='v 2'` after an Ansible host name.
  Value ParseHostVariables(const Location& host_location) {
    Value vars = Value::Map(host_location);
    while (!AtCommentOrLineEnd(true)) {
      const Location key_location = in_.Here();
      std::string key = ReadName();
      if (key.empty() || in_.Peek() != '=') {
        throw InputError(key_location, "expected key=value after the host name");
      }
      in_.Advance();
      Spend(key_location);
      Set(vars, std::move(key), key_location, ReadWord());
      if (!in_.AtLineEnd() && !IsBlank(in_.Peek())) {
        throw InputError(in_.Here(), "expected whitespace between key=value pairs");
      }
      SkipBlanks();
    }
    return vars;
  }

  // A value in a host line: up to whitespace, or quoted.
  Value ReadWord() {
    const Location where = in_.Here();
    std::string word;
    const char quote = in_.Peek();
    if (quote == '"' || quote == '\'') {
      in_.Advance();
      while (!in_.AtLineEnd() && in_.Peek() != quote) {
        word += in_.Peek();
        in_.Advance();
      }
      if (in_.Peek() != quote) throw InputError(where, "unterminated quoted value");
      in_.Advance();
    } else {
      while (!in_.AtLineEnd() && !IsBlank(in_.Peek())) {
        word += in_.Peek();
        in_.Advance();
      }
    }
    return Value::String(std::move(word), /*quoted=*/true, where);
  }

  void Set(Value& map, std::string key, const Location& key_location, Value value) {
    SetLastWins(map, std::move(key), key_location, std::move(value), warnings_,
                &map == root_ ? std::string_view() : std::string_view(section_));
  }

  TextCursor in_;
  Value* root_ = nullptr;
  std::string section_;  // the section entries now go to: no key below a secret one is named
  LoadLimits limits_;
  std::vector<LoadWarning>& warnings_;
  std::size_t nodes_ = 0;
};

}  // namespace

Documents LoadIni(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                  std::vector<LoadWarning>& warnings) {
  text = StripBom(text);
  RequireUtf8(text, origin);
  Documents documents;
  documents.push_back(IniParser(text, origin, limits, warnings).Parse());
  return documents;
}

}  // namespace driftcheck
