// The YAML fast path: a scanner for the subset of YAML most configuration is
// written in, producing the events yaml-cpp 0.7's parser produces for the
// same text (the same marks: byte offset, line and column of each token).
// yaml-cpp's scanner spends most of its time in its regular-expression
// matcher; on this subset one pass over the bytes does the same work.
//
// The subset, and nothing more (anything else gives up, and LoadYaml reruns
// the whole file through yaml-cpp):
// - documents separated by `---` lines (the first one optional), none
//   empty; each one's root a block map or a block list;
// - block maps and lists by indentation (spaces only), nested to any depth up
//   to kMaxDepth, `- key: value` maps and `- - x` lists inside list items, a
//   list at its key's own column (`key:` then `- a`);
// - keys and values that are one-line plain scalars, or one-line quoted
//   scalars (single quotes with `''`; double quotes without any backslash);
//   keys under kMaxKeyBytes bytes;
// - flow lists and maps (`[a, b]`, `{a: 1, b: [2]}`) that open and close on
//   one line, holding such scalars, `key: value` pairs and empty values;
// - comments, blank lines, and an empty value (`key:`, `-`).
// It gives up on: anchors, aliases, tags, block scalars (`|`, `>`), `?` keys,
// directives, `...`, an empty document, a scalar that continues on the
// next line, tabs, carriage returns and other control characters, a
// backslash in double quotes, a first byte that is not ASCII, a flow
// collection as a key or spanning lines, trailing commas, anything but a
// comment after a quoted scalar or a closing bracket, text whose indentation
// does not fit, and an empty value at the very end of a file that does not
// end with a line break. Most of what it gives up on is valid YAML; some is
// an error, which yaml-cpp then reports.
//
// Where yaml-cpp puts a mark is its own business: a collection's mark is at
// its first token (the first key or `-`), a scalar's at its first byte (the
// quote for a quoted one), and an empty value's at the next token after it,
// whatever that is (the next key, `-`, `,`, `}`, or the end of the input).
// These are yaml-cpp 0.7's (Debian's) placements; tests/yaml_fast_test.cc
// and fuzz/loader_fuzz.cc compare the two event streams on every input the
// fast path accepts, so a yaml-cpp that moved them would fail the tests.

#include "config/yaml_fast.h"

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

namespace driftcheck {
namespace {

// Deeper nesting is left to yaml-cpp and its depth guard.
constexpr int kMaxDepth = 256;
// yaml-cpp forgets a simple key longer than 1024 bytes; such a key is left to it.
constexpr std::size_t kMaxKeyBytes = 1000;

// Thrown to give up; never leaves this file.
struct OutsideSubset {};

[[noreturn]] void GiveUp() { throw OutsideSubset{}; }

const std::string& PlainTag() {
  static const std::string kTag = "?";
  return kTag;
}
const std::string& QuotedTag() {
  static const std::string kTag = "!";
  return kTag;
}

// yaml-cpp's IsNullString, for plain scalars.
bool IsNullWord(std::string_view text) {
  return text == "~" || text == "null" || text == "Null" || text == "NULL";
}

// One scalar token, as scanned.
struct Scalar {
  YAML::Mark mark;
  std::size_t start = 0;  // offset of its first byte (the quote, if quoted)
  bool quoted = false;
  std::string_view text;  // into the input, or into the parser's buffer
};

class SubsetParser {
 public:
  SubsetParser(std::string_view text, YAML::EventHandler& out) : t_(text), out_(out) {}

  void Document() {
    if (t_.empty() || t_.size() > static_cast<std::size_t>(std::numeric_limits<int>::max() / 2)) {
      GiveUp();
    }
    if (static_cast<unsigned char>(t_[0]) >= 0x80) GiveUp();  // yaml-cpp sniffs the encoding
    for (const char c : t_) {
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n') GiveUp();
    }
    SkipBlankLines();
    if (AtEnd()) GiveUp();
    if (Column() == 0) CheckLineStart();
    // A `---` before the first document is optional; it separates the others.
    bool marker = boundary_;
    for (;;) {
      const YAML::Mark start = Here();
      if (marker) {
        pos_ += 3;
        boundary_ = false;
        FinishLine();
      }
      out_.OnDocumentStart(start);
      if (Stop()) GiveUp();  // an empty document
      BlockNode(1);
      if (!Stop()) GiveUp();
      out_.OnDocumentEnd();
      if (AtEnd()) return;
      marker = true;
    }
  }

 private:
  // --- The cursor ------------------------------------------------------------

  char At(std::size_t i) const { return i < t_.size() ? t_[i] : '\0'; }
  char Cur() const { return At(pos_); }
  bool AtEnd() const { return pos_ >= t_.size(); }
  // The end of the input or of the document (the cursor at the next `---`).
  bool Stop() const { return AtEnd() || boundary_; }
  int Column() const { return static_cast<int>(pos_ - line_start_); }
  YAML::Mark Here() const { return MarkAt(pos_); }
  YAML::Mark MarkAt(std::size_t offset) const {
    YAML::Mark mark;
    mark.pos = static_cast<int>(offset);
    mark.line = line_;
    mark.column = static_cast<int>(offset - line_start_);
    return mark;
  }
  // ' ', a line break, or the end of the input.
  bool IsBlankOrEnd(std::size_t i) const {
    return i >= t_.size() || t_[i] == ' ' || t_[i] == '\n';
  }
  bool IsBlockEntry(std::size_t i) const { return At(i) == '-' && IsBlankOrEnd(i + 1); }

  void SkipSpaces() {
    while (Cur() == ' ') ++pos_;
  }

  // After a node: only spaces and a comment may follow on its line.
  void FinishLine() {
    SkipSpaces();
    if (Cur() == '#') {
      if (t_[pos_ - 1] != ' ') GiveUp();  // `"a"#b`: yaml-cpp's reading is its own
      while (!AtEnd() && Cur() != '\n') ++pos_;
    }
    if (!AtEnd() && Cur() != '\n') GiveUp();
    NextContent();
  }

  // From a line break (or a line's start): past blank and comment lines to
  // the next token, or the end.
  void SkipBlankLines() {
    for (;;) {
      SkipSpaces();
      if (Cur() == '#') {
        while (!AtEnd() && Cur() != '\n') ++pos_;
      }
      if (AtEnd() || Cur() != '\n') return;
      ++pos_;
      ++line_;
      line_start_ = pos_;
    }
  }

  void NextContent() {
    SkipBlankLines();
    if (!AtEnd()) CheckLineStart();
  }

  // Directives and document markers start at column 0. A `---` ends every
  // open collection (at its mark) and the document.
  void CheckLineStart() {
    if (Column() != 0) return;
    const std::string_view rest = t_.substr(pos_);
    if (rest.starts_with("---") && IsBlankOrEnd(pos_ + 3)) {
      boundary_ = true;
      return;
    }
    if (rest.starts_with('%') || rest.starts_with("---") || rest.starts_with("...")) GiveUp();
  }

  // yaml-cpp marks an empty value at the next token (at a `---`, that one).
  // At the end of input that is the end's position, with column 0 only if a
  // line break ends the text (otherwise it depends on the indentation stack:
  // left to yaml-cpp).
  YAML::Mark EmptyValueMark() const {
    if (AtEnd() && Column() != 0) GiveUp();
    return Here();
  }

  static void CheckDepth(int depth) {
    if (depth > kMaxDepth) GiveUp();
  }

  // --- Scalars ---------------------------------------------------------------

  // A plain scalar may start with none of these (YAML's indicators; `?` and
  // `:` are allowed by YAML when not followed by a space, but are left to
  // yaml-cpp here).
  static bool IsIndicator(char c) {
    switch (c) {
      case ' ': case '\n': case '\0': case ',': case '[': case ']': case '{': case '}':
      case '#': case '&': case '*': case '!': case '|': case '>': case '\'': case '"':
      case '%': case '@': case '`': case '?': case ':':
        return true;
      default:
        return false;
    }
  }

  bool StartsPlain(std::size_t i) const {
    if (i >= t_.size() || IsIndicator(t_[i])) return false;
    return !(t_[i] == '-' && IsBlankOrEnd(i + 1));
  }

  // A one-line quoted scalar at the cursor; the cursor ends past its closing quote.
  Scalar Quoted() {
    Scalar scalar{Here(), pos_, true, {}};
    const char quote = Cur();
    std::size_t i = pos_ + 1;
    std::size_t piece = i;  // start of the text not yet copied to buffer_
    bool escaped = false;
    for (;; ++i) {
      if (i >= t_.size() || t_[i] == '\n') GiveUp();  // unterminated, or on several lines
      const char c = t_[i];
      if (quote == '"') {
        if (c == '\\') GiveUp();
        if (c == '"') break;
      } else if (c == '\'') {
        if (At(i + 1) != '\'') break;
        // `''` is one quote.
        if (!escaped) buffer_.clear();
        escaped = true;
        buffer_.append(t_.substr(piece, i + 1 - piece));
        ++i;
        piece = i + 1;
      }
    }
    if (escaped) {
      buffer_.append(t_.substr(piece, i - piece));
      scalar.text = buffer_;
    } else {
      scalar.text = t_.substr(pos_ + 1, i - pos_ - 1);
    }
    pos_ = i + 1;
    return scalar;
  }

  // A plain scalar in a block: it ends at `: `, `:` before a line break or
  // the end, ` #`, or the line's end; trailing spaces are not part of it. The
  // cursor ends at what ended it.
  Scalar BlockPlain() {
    Scalar scalar{Here(), pos_, false, {}};
    std::size_t end = pos_;  // past the last non-space byte
    std::size_t i = pos_;
    for (; i < t_.size(); ++i) {
      const char c = t_[i];
      if (c == '\n') break;
      if (c == ':' && IsBlankOrEnd(i + 1)) break;
      if (c == ' ') {
        if (At(i + 1) == '#') break;
        continue;
      }
      end = i + 1;
    }
    scalar.text = t_.substr(pos_, end - pos_);
    pos_ = i;
    return scalar;
  }

  // A plain scalar in a flow collection: it also ends at `,` `[` `]` `{` `}`
  // `?`, and at `:` before those; it must end on its line.
  Scalar FlowPlain() {
    Scalar scalar{Here(), pos_, false, {}};
    std::size_t end = pos_;
    std::size_t i = pos_;
    for (;; ++i) {
      if (i >= t_.size()) GiveUp();
      const char c = t_[i];
      if (c == '\n') GiveUp();
      if (c == ',' || c == ']' || c == '}') break;
      if (c == '[' || c == '{' || c == '?') GiveUp();
      if (c == ':') {
        const char next = At(i + 1);
        if (IsBlankOrEnd(i + 1) || next == ',' || next == ']' || next == '}') break;
      }
      if (c == ' ') {
        if (At(i + 1) == '#') GiveUp();  // a comment inside a flow collection
        continue;
      }
      end = i + 1;
    }
    scalar.text = t_.substr(pos_, end - pos_);
    pos_ = i;
    return scalar;
  }

  // A key or value scalar in a block, plain or quoted.
  Scalar BlockScalar() {
    const char c = Cur();
    if (c == '"' || c == '\'') return Quoted();
    if (!StartsPlain(pos_)) GiveUp();
    return BlockPlain();
  }

  // After a block scalar: whether a `:` makes it a key. A quoted key may
  // have spaces before its `:`.
  bool KeyIndicatorFollows(const Scalar& scalar) {
    if (scalar.quoted) SkipSpaces();
    if (Cur() != ':' || !IsBlankOrEnd(pos_ + 1)) return false;
    if (pos_ - scalar.start > kMaxKeyBytes) GiveUp();
    return true;
  }

  void Emit(const Scalar& scalar) {
    if (!scalar.quoted && IsNullWord(scalar.text)) {
      out_.OnNull(scalar.mark, YAML::NullAnchor);
      return;
    }
    text_.assign(scalar.text);
    out_.OnScalar(scalar.mark, scalar.quoted ? QuotedTag() : PlainTag(), YAML::NullAnchor, text_);
  }

  // --- Blocks ----------------------------------------------------------------

  // A block map or list starting at the cursor (the first key or `-`).
  void BlockNode(int depth) {
    if (IsBlockEntry(pos_)) {
      BlockList(depth);
    } else {
      Scalar key = BlockScalar();
      if (!KeyIndicatorFollows(key)) GiveUp();  // a scalar where a map or list must be
      BlockMap(depth, key);
    }
  }

  void BlockList(int depth) {
    CheckDepth(depth);
    const int column = Column();
    out_.OnSequenceStart(Here(), PlainTag(), YAML::NullAnchor, YAML::EmitterStyle::Block);
    for (;;) {
      ++pos_;  // the `-`
      SkipSpaces();
      if (AtEnd() || Cur() == '\n' || Cur() == '#') {
        FinishLine();
        if (!Stop() && Column() > column) {
          BlockNode(depth + 1);
        } else {
          out_.OnNull(EmptyValueMark(), YAML::NullAnchor);
        }
      } else {
        ItemOnDashLine(depth);
      }
      if (Stop() || Column() < column) break;
      if (Column() > column) GiveUp();
      // The same column without a `-`: the key after a list at its key's own column.
      if (!IsBlockEntry(pos_)) break;
    }
    out_.OnSequenceEnd();
  }

  // What follows `- ` on its line.
  void ItemOnDashLine(int depth) {
    const char c = Cur();
    if (IsBlockEntry(pos_)) {
      BlockList(depth + 1);
      return;
    }
    if (c == '[' || c == '{') {
      Flow(depth + 1);
      FinishLine();
      return;
    }
    Scalar scalar = BlockScalar();
    if (KeyIndicatorFollows(scalar)) {
      BlockMap(depth + 1, scalar);
      return;
    }
    Emit(scalar);
    FinishLine();
  }

  // A block map whose first key has been scanned; the cursor is at its `:`.
  void BlockMap(int depth, const Scalar& first_key) {
    CheckDepth(depth);
    const int column = first_key.mark.column;
    out_.OnMapStart(first_key.mark, PlainTag(), YAML::NullAnchor, YAML::EmitterStyle::Block);
    Emit(first_key);
    for (;;) {
      ++pos_;  // the `:`
      MapValue(column, depth);
      if (Stop() || Column() < column) break;
      if (Column() > column || IsBlockEntry(pos_)) GiveUp();
      const Scalar key = BlockScalar();
      if (!KeyIndicatorFollows(key)) GiveUp();
      Emit(key);
    }
    out_.OnMapEnd();
  }

  // What follows a block key's `:`. `column` is the map's.
  void MapValue(int column, int depth) {
    SkipSpaces();
    const char c = Cur();
    if (AtEnd() || c == '\n' || c == '#') {
      FinishLine();
      if (!Stop() && Column() > column) {
        BlockNode(depth + 1);
      } else if (!Stop() && Column() == column && IsBlockEntry(pos_)) {
        BlockList(depth + 1);  // a list at its key's column
      } else {
        out_.OnNull(EmptyValueMark(), YAML::NullAnchor);
      }
      return;
    }
    if (c == '[' || c == '{') {
      Flow(depth + 1);
      FinishLine();
      return;
    }
    const Scalar value = BlockScalar();
    if (!value.quoted && Cur() == ':') GiveUp();  // `a: b: c`
    Emit(value);
    FinishLine();
  }

  // --- Flow collections, on one line --------------------------------------------

  void SkipFlowSpaces() {
    SkipSpaces();
    if (AtEnd() || Cur() == '\n' || Cur() == '#') GiveUp();
  }

  Scalar FlowScalar() {
    const char c = Cur();
    if (c == '"' || c == '\'') return Quoted();
    if (!StartsPlain(pos_)) GiveUp();
    return FlowPlain();
  }

  // An item of a flow list, or a value in a flow map.
  void FlowNode(int depth) {
    const char c = Cur();
    if (c == '[' || c == '{') {
      Flow(depth + 1);
      return;
    }
    const Scalar scalar = FlowScalar();
    if (!scalar.quoted && Cur() == ':') GiveUp();  // `[a: b]`, a map inside a list
    Emit(scalar);
  }

  void Flow(int depth) {
    CheckDepth(depth);
    const bool list = Cur() == '[';
    const char close = list ? ']' : '}';
    if (list) {
      out_.OnSequenceStart(Here(), PlainTag(), YAML::NullAnchor, YAML::EmitterStyle::Flow);
    } else {
      out_.OnMapStart(Here(), PlainTag(), YAML::NullAnchor, YAML::EmitterStyle::Flow);
    }
    ++pos_;
    SkipFlowSpaces();
    if (Cur() == close) {
      ++pos_;
    } else {
      for (;;) {
        if (list) {
          FlowNode(depth);
        } else {
          FlowPair(depth);
        }
        SkipFlowSpaces();
        if (Cur() == close) {
          ++pos_;
          break;
        }
        if (Cur() != ',') GiveUp();
        ++pos_;
        SkipFlowSpaces();
        if (Cur() == close) GiveUp();  // a trailing comma
      }
    }
    if (list) {
      out_.OnSequenceEnd();
    } else {
      out_.OnMapEnd();
    }
  }

  // `key: value` in a flow map; the value may be empty.
  void FlowPair(int depth) {
    const Scalar key = FlowScalar();
    if (key.quoted) SkipFlowSpaces();  // after a quoted key, yaml-cpp takes any `:`
    if (Cur() != ':') GiveUp();        // `{a}`, `{a b}`: left to yaml-cpp
    if (pos_ - key.start > kMaxKeyBytes) GiveUp();
    Emit(key);
    ++pos_;
    SkipFlowSpaces();
    if (Cur() == ',' || Cur() == '}') {
      out_.OnNull(Here(), YAML::NullAnchor);
      return;
    }
    FlowNode(depth);
  }

  std::string_view t_;
  YAML::EventHandler& out_;
  std::size_t pos_ = 0;
  int line_ = 0;
  std::size_t line_start_ = 0;
  bool boundary_ = false;  // the cursor is at a `---` line
  std::string buffer_;  // a quoted scalar's text with `''` undone
  std::string text_;    // the text handed to the handler
};

}  // namespace

bool ParseYamlSubset(std::string_view text, YAML::EventHandler& handler) {
  try {
    SubsetParser(text, handler).Document();
    return true;
  } catch (const OutsideSubset&) {
    return false;
  }
}

}  // namespace driftcheck
