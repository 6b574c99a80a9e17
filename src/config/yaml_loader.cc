// YAML loader: yaml-cpp's event API feeds a TreeBuilder that makes Values
// directly. yaml-cpp's own Node graph is never built: it accepts duplicate
// keys, shares aliased nodes (so a recursive walk explodes on an alias bomb)
// and guesses scalar types; here every one of those is decided by us.
//
// Two sources of events, one TreeBuilder: a file first goes to the fast path
// (yaml_fast.cc), a scanner for the common subset of YAML (block maps and
// lists, one-line scalars and flow collections, comments) that gives the
// events and marks yaml-cpp's parser would give. If the file strays outside
// that subset, or the TreeBuilder raises any error, the whole file is read
// again by yaml-cpp with a fresh TreeBuilder, so documents, locations and
// error messages are always those of the yaml-cpp path; only the time taken
// differs. tests/yaml_fast_test.cc and fuzz/loader_fuzz.cc compare the two.
//
// Documented behaviour:
// - Scalar types follow the YAML 1.2 core schema for plain scalars; quoted and
//   block scalars are strings. The standard tags !!str, !!int, !!float, !!bool
//   and !!null coerce (a scalar that does not fit is an error). Any other tag
//   (!Ref, !vault, !!binary, ...) is ignored and the scalar resolved as if it
//   were untagged; tags on maps and lists are ignored.
// - Merge keys (`<<`) add the merged maps' entries after the map's own ones;
//   explicit keys win wherever they appear, and earlier merged maps win over
//   later ones.
// - Aliases insert a copy that keeps the anchored node's locations; the
//   anchored node and its copies are marked (Value::anchors), so a value one
//   copy holds under a secret key is redacted at every copy.
// - A duplicate key is an error naming both lines, and the key unless it may
//   be secret: a secret key by the default secret_keys, any key below one,
//   or a key in a map where an alias is used as a key.
// - Columns count bytes; a UTF-8 byte order mark is not counted.
// - Input must be UTF-8 without C0 control characters other than tab, LF and
//   CR (the YAML printable set); UTF-16/32 files are rejected.

#include "config/loader.h"

#include <algorithm>
#include <istream>
#include <map>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "config/text.h"
#include "config/yaml_fast.h"
#include "core/error.h"

namespace driftcheck {
namespace {

constexpr std::string_view kStandardTagPrefix = "tag:yaml.org,2002:";
constexpr std::string_view kMergeKey = "<<";

// Lets yaml-cpp read the caller's bytes without copying them into a string.
class ViewStreamBuf : public std::streambuf {
 public:
  explicit ViewStreamBuf(std::string_view text) {
    // The get area is only ever read; streambuf merely lacks a const API.
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

// yaml-cpp reads byte 0x04 as end of input and guesses UTF-16/32 from NUL
// bytes, so such bytes would silently change what is parsed: reject them.
void CheckEncoding(std::string_view text, const OriginPtr& origin) {
  for (std::size_t i = 0; i < text.size();) {
    // Printable ASCII and line breaks, the bulk of any file, in a tight loop.
    while (i < text.size() && (static_cast<unsigned char>(text[i] - 0x20) < 0x5F || text[i] == '\n')) {
      ++i;
    }
    if (i == text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      auto [line, column] = LineColumnAt(text, i);
      throw InputError(origin->path, line, column, "control character not allowed in YAML");
    }
    const std::size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      auto [line, column] = LineColumnAt(text, i);
      const bool utf16_bom = i == 0 && (c == 0xFE || c == 0xFF);
      throw InputError(
          origin->path, line, column, "invalid UTF-8",
          utf16_bom ? "UTF-16 and UTF-32 files are not supported; save it as UTF-8" : "");
    }
    i += length;
  }
}

// yaml-cpp's messages are fixed strings, except that a few append what was
// read ("unknown escape character: x"); the part after ": " may come from a
// value, so it is dropped.
std::string GenericMessage(const std::string& message) {
  return message.substr(0, message.find(": "));
}

bool IsScalarTypeTag(std::string_view type) {
  return type == "str" || type == "int" || type == "float" || type == "bool" || type == "null";
}

// A scalar written with a standard type tag (`!!int 8080`), coerced to that type.
Value CoerceTagged(std::string_view type, std::string text, const Location& where) {
  if (type == "str") return Value::String(std::move(text), /*quoted=*/true, where);
  Value plain = Value::FromPlainScalar(text, where);
  const Value::Kind kind = plain.kind();
  if (type == "float" && kind == Value::Kind::kInt) {
    return Value::Float(plain.as_double(), std::move(text), where);
  }
  const bool fits = (type == "int" && kind == Value::Kind::kInt) ||
                    (type == "float" && kind == Value::Kind::kFloat) ||
                    (type == "bool" && kind == Value::Kind::kBool) ||
                    (type == "null" && kind == Value::Kind::kNull);
  if (!fits) {
    throw InputError(
        where, "scalar tagged !!" + std::string(type) + " is not a valid " + std::string(type));
  }
  return plain;
}

// An anchored node, remembered so that aliases can copy it.
struct Anchored {
  Value value;
  std::size_t nodes = 0;  // nodes in the subtree
  int height = 0;         // levels of nesting in the subtree (0 for a scalar)
};

// A map or list being built, with what it needs until its end event.
struct Frame {
  Value value;
  YAML::anchor_t anchor = YAML::NullAnchor;
  std::size_t nodes = 1;
  int height = 1;
  bool is_key = false;  // a collection used as a map key
  // Maps only: the key waiting for its value, and the merge sources seen.
  bool has_key = false;
  bool key_is_merge = false;
  bool key_from_alias = false;
  std::string key;
  Location key_location;
  std::optional<Location> merge_location;
  std::vector<Value> merges;
  bool alias_keys = false;  // some key is an alias: a secret value, perhaps
};

class TreeBuilder final : public YAML::EventHandler {
 public:
  // `quotes_closed`: the events come from the fast path, which hands over
  // only quoted scalars it saw closed, so the source need not be read again.
  TreeBuilder(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
              bool quotes_closed = false)
      : text_(text), origin_(origin), limits_(limits), quotes_closed_(quotes_closed) {}

  Documents TakeDocuments() { return std::move(documents_); }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (!documents_.empty() && !StartsNewDocument(mark)) {
      throw InputError(Loc(mark), "invalid YAML: unexpected content after the document");
    }
    last_document_pos_ = mark.pos;
    // yaml-cpp numbers anchors per document.
    anchors_.clear();
    root_.reset();
  }

  void OnDocumentEnd() override {
    documents_.push_back(root_ ? std::move(*root_) : Value::Null(Location{origin_, 0, 0}));
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (ExpectingKey()) {
      NullKey(mark, anchor);
      return;
    }
    // yaml-cpp places an empty value (`key:`) at the token after it, often
    // the next line's key; the key's own position is more useful.
    Location where = Loc(mark);
    if (!NullLiteralAt(mark) && !frames_.empty() && frames_.back().value.is_map()) {
      where = frames_.back().key_location;
    } else if (!NullLiteralAt(mark) && !frames_.empty() && frames_.back().value.is_list()) {
      if (auto dash = DashBefore(mark)) where = *dash;  // an empty item `-` is on the dash's line
    }
    Spend(1, where);
    Complete(Value::Null(std::move(where)), 1, 0, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Anchored& target = FindAnchor(mark, anchor);
    if (ExpectingKey()) {
      AliasKey(mark, target.value);
      return;
    }
    CheckDepth(frames_.size() + static_cast<std::size_t>(target.height), Loc(mark));
    Spend(target.nodes, Loc(mark));
    Complete(Value(target.value), target.nodes, target.height, YAML::NullAnchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& text) override {
    if (ExpectingKey() && tag == "?" && anchor == YAML::NullAnchor) {
      // A plain key is only its text: no value to type, nothing to remember.
      SetKey(text, Loc(mark), text == kMergeKey);
      return;
    }
    Value scalar = MakeScalar(mark, tag, text);
    if (ExpectingKey()) {
      const bool merge = text == kMergeKey && (tag == "?" || tag == MergeTag());
      SetKey(text, Loc(mark), merge);
      if (anchor != YAML::NullAnchor) Remember(anchor, scalar, 1, 0);
      return;
    }
    Spend(1, Loc(mark));
    Complete(std::move(scalar), 1, 0, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    Open(Value::List(Loc(mark)), anchor, mark);
  }

  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    Open(Value::Map(Loc(mark)), anchor, mark);
  }

  void OnSequenceEnd() override { Close(); }
  void OnMapEnd() override { Close(); }

 private:
  Location Loc(const YAML::Mark& mark) const {
    return Location{origin_, mark.line + 1, mark.column + 1};
  }

  static const std::string& MergeTag() {
    static const std::string kTag = std::string(kStandardTagPrefix) + "merge";
    return kTag;
  }

  // yaml-cpp turns whatever follows a finished document into another one
  // (`"a" x` is two documents), and can even start one on a token it leaves
  // unconsumed, forever (fixed after 0.7). A later document must follow
  // `---` or `...`, and must start further on than the one before.
  bool StartsNewDocument(const YAML::Mark& mark) const {
    if (mark.pos <= last_document_pos_) return false;
    const auto pos = static_cast<std::size_t>(mark.pos);
    if (text_.substr(pos).starts_with("---")) return true;
    const std::string_view before = text_.substr(0, pos);
    const std::size_t end = before.find_last_not_of(" \t\r\n");
    return end != std::string_view::npos && before.substr(0, end + 1).ends_with("...");
  }

  bool ExpectingKey() const {
    return !frames_.empty() && frames_.back().value.is_map() && !frames_.back().has_key;
  }

  // Every node created, alias copies included, is paid for from one budget so
  // that an alias bomb stops with bounded memory.
  void Spend(std::size_t nodes, const Location& where) {
    if (nodes > limits_.max_nodes - nodes_) {
      throw InputError(where, "document expands to more than " + std::to_string(limits_.max_nodes) +
                                  " nodes (alias bomb?)");
    }
    nodes_ += nodes;
  }

  void CheckDepth(std::size_t depth, const Location& where) const {
    if (depth > static_cast<std::size_t>(std::max(limits_.max_depth, 0))) {
      throw InputError(where,
                       "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
  }

  const Anchored& FindAnchor(const YAML::Mark& mark, YAML::anchor_t anchor) const {
    auto it = anchors_.find(anchor);
    // yaml-cpp registers an anchor before its node's content, so an alias
    // inside the node it names arrives before that node is complete.
    if (it == anchors_.end()) {
      throw InputError(Loc(mark), "alias refers to a node that contains it (recursive alias)");
    }
    return it->second;
  }

  void Remember(YAML::anchor_t anchor, const Value& value, std::size_t nodes, int height) {
    // The remembered copy is memory too: it is paid for like any other node.
    Spend(nodes, value.location());
    anchors_[anchor] = Anchored{value, nodes, height};
  }

  Value MakeScalar(const YAML::Mark& mark, const std::string& tag, std::string text) const {
    const Location where = Loc(mark);
    if (tag == "?") return Value::FromPlainScalar(std::move(text), where);
    if (tag == "!") {
      if (!quotes_closed_) CheckQuoteClosed(mark);
      return Value::String(std::move(text), /*quoted=*/true, where);
    }
    CheckQuoteClosed(mark);
    const std::string_view tag_view = tag;
    if (tag_view.starts_with(kStandardTagPrefix)) {
      const std::string_view type = tag_view.substr(kStandardTagPrefix.size());
      if (IsScalarTypeTag(type)) return CoerceTagged(type, std::move(text), where);
    }
    // Any other tag is ignored. yaml-cpp passes its tag in place of the
    // plain/quoted marker, so the source tells which one the scalar was.
    if (IsPlainAt(mark, text.empty())) return Value::FromPlainScalar(std::move(text), where);
    return Value::String(std::move(text), /*quoted=*/true, where);
  }

  // Offset of a node's content: a node's mark is at its first property
  // (`&anchor`, `!tag`), which may be followed by spaces, comments, newlines.
  std::size_t ContentOffset(const YAML::Mark& mark) const {
    std::size_t i = mark.pos < 0 ? text_.size() : static_cast<std::size_t>(mark.pos);
    while (i < text_.size()) {
      const char c = text_[i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++i;
      } else if (c == '#' || c == '&' || c == '!') {
        // A comment runs to the end of the line; a property to the next space.
        const char* stop = c == '#' ? "\n" : " \t\r\n";
        i = std::min(text_.find_first_of(stop, i), text_.size());
      } else {
        break;
      }
    }
    return i;
  }

  bool IsPlainAt(const YAML::Mark& mark, bool empty) const {
    const std::size_t i = ContentOffset(mark);
    if (i >= text_.size()) return true;
    const char c = text_[i];
    // An empty scalar is a quoted one only if written `""` or `''`.
    if (empty) return !((c == '"' || c == '\'') && i + 1 < text_.size() && text_[i + 1] == c);
    return c != '"' && c != '\'' && c != '|' && c != '>';
  }

  // The `-` of an empty block sequence item, found back from the token
  // yaml-cpp placed the item at. Only blanks and comments lie between the
  // two, so each line passed going back is blank, a comment, or the dash's
  // own line (the dash, then blanks and perhaps a comment: `- # none`).
  std::optional<Location> DashBefore(const YAML::Mark& mark) const {
    if (mark.pos <= 0) return std::nullopt;
    std::size_t end = std::min(static_cast<std::size_t>(mark.pos), text_.size());
    for (;;) {
      const std::size_t before = end == 0 ? std::string_view::npos : text_.rfind('\n', end - 1);
      const std::size_t start = before == std::string_view::npos ? 0 : before + 1;
      const std::string_view line = text_.substr(start, end - start);
      if (auto dash = EmptyItemDash(line)) {
        const auto [row, column] = LineColumnAt(text_, start + *dash);
        return Location{origin_, row, column};
      }
      const std::size_t content = line.find_first_not_of(" \t\r");
      if ((content != std::string_view::npos && line[content] != '#') || start == 0) return std::nullopt;
      end = start - 1;  // the line before, without its line break
    }
  }

  // The offset of the `-` that ends `line` but for blanks and a comment
  // (a `#` at the start or after a blank, so `# -` is no dash).
  static std::optional<std::size_t> EmptyItemDash(std::string_view line) {
    std::size_t comment = line.find('#');
    while (comment != std::string_view::npos && comment > 0 && line[comment - 1] != ' ' && line[comment - 1] != '\t') {
      comment = line.find('#', comment + 1);
    }
    const std::string_view code = line.substr(0, comment);
    const std::size_t last = code.find_last_not_of(" \t\r");
    if (last == std::string_view::npos || code[last] != '-') return std::nullopt;
    if (last > 0 && code[last - 1] != ' ' && code[last - 1] != '\t') return std::nullopt;
    return last;
  }

  // yaml-cpp reports `~`, `null`, `Null`, `NULL` and an empty node all as
  // null without their text; this reads the literal back from the source.
  // A literal ends where a plain scalar would: at the end, a blank, a flow
  // indicator, or a `: ` (a `null:` key). `nullable` and `~x` are other
  // scalars (the next key after an empty value), not this node's text.
  std::optional<std::string_view> NullLiteralAt(const YAML::Mark& mark) const {
    const std::size_t i = ContentOffset(mark);
    const std::string_view rest = text_.substr(std::min(i, text_.size()));
    std::size_t length = 0;
    if (rest.starts_with("~")) {
      length = 1;
    } else if (rest.starts_with("null") || rest.starts_with("Null") || rest.starts_with("NULL")) {
      length = 4;
    }
    if (length == 0 || !EndsPlainScalar(rest.substr(length))) return std::nullopt;
    return rest.substr(0, length);
  }

  static bool EndsPlainScalar(std::string_view after) {
    auto ends_at = [&](std::size_t i) {
      return i >= after.size() || after[i] == ' ' || after[i] == '\t' || after[i] == '\r' || after[i] == '\n' ||
             after[i] == ',' || after[i] == ']' || after[i] == '}';
    };
    return ends_at(0) || (after[0] == ':' && ends_at(1));
  }

  // A quoted scalar running to the end of the file is accepted by yaml-cpp
  // when a line break precedes the end; it is an error here.
  void CheckQuoteClosed(const YAML::Mark& mark) const {
    const std::size_t open = ContentOffset(mark);
    if (open >= text_.size() || (text_[open] != '"' && text_[open] != '\'')) return;
    const char quote = text_[open];
    for (std::size_t i = open + 1; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;  // an escaped character, possibly a quote
      } else if (text_[i] == quote) {
        if (quote == '"' || i + 1 >= text_.size() || text_[i + 1] != '\'') return;
        ++i;  // '' is an escaped single quote
      }
    }
    auto [line, column] = LineColumnAt(text_, open);
    throw InputError(origin_->path, line, column, "unterminated quoted string");
  }

  // Keys keep their text as written, so `null:` is the key "null".
  void NullKey(const YAML::Mark& mark, YAML::anchor_t anchor) {
    const auto literal = NullLiteralAt(mark);
    if (!literal) throw InputError(Loc(mark), "empty map key");
    SetKey(std::string(*literal), Loc(mark), false);
    if (anchor != YAML::NullAnchor) Remember(anchor, Value::Null(Loc(mark)), 1, 0);
  }

  void AliasKey(const YAML::Mark& mark, const Value& target) {
    if (!target.is_scalar()) {
      throw InputError(Loc(mark), "complex (non-scalar) map keys are not supported");
    }
    SetKey(target.is_null() ? "null" : target.text(), Loc(mark), false, /*from_alias=*/true);
  }

  // An alias used as a key may copy a secret value (`*password : x`), so an
  // error never quotes it, nor a key duplicating it; nor a key that is or
  // sits below a secret key.
  bool MayQuoteKey(std::string_view key, bool from_alias) const {
    if (from_alias || frames_.back().alias_keys) return false;
    std::vector<std::string_view> ancestors;
    for (const Frame& frame : frames_) {
      if (frame.value.is_map() && frame.has_key) ancestors.push_back(frame.key);
    }
    return driftcheck::MayQuoteKey(key, ancestors);
  }

  void SetKey(std::string text, Location where, bool merge, bool from_alias = false) {
    Frame& frame = frames_.back();
    std::optional<int> first_line;
    if (merge && frame.merge_location) first_line = frame.merge_location->line;
    if (auto i = merge ? std::nullopt : frame.value.IndexOf(text)) {
      first_line = frame.value.key_location(*i).line;
    }
    if (first_line) {
      throw InputError(where,
                       DuplicateKeyMessage(text, MayQuoteKey(text, from_alias), *first_line));
    }
    if (merge) frame.merge_location = where;
    frame.alias_keys = frame.alias_keys || from_alias;
    frame.has_key = true;
    frame.key_is_merge = merge;
    frame.key_from_alias = from_alias;
    frame.key = std::move(text);
    frame.key_location = std::move(where);
  }

  void Open(Value collection, YAML::anchor_t anchor, const YAML::Mark& mark) {
    const bool is_key = ExpectingKey();
    CheckDepth(frames_.size() + 1, Loc(mark));
    Spend(1, Loc(mark));
    frames_.push_back(Frame{});
    frames_.back().value = std::move(collection);
    frames_.back().anchor = anchor;
    frames_.back().is_key = is_key;
  }

  void Close() {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    // Reported only now: truncated input (`{a: 1`) also looks like a
    // collection used as a key, and yaml-cpp's error for it is the better one.
    if (frame.is_key) {
      throw InputError(frame.value.location(), "complex (non-scalar) map keys are not supported");
    }
    ApplyMerges(frame);
    Complete(std::move(frame.value), frame.nodes, frame.height, frame.anchor);
  }

  // A finished node goes into its parent (or becomes the document).
  void Complete(Value value, std::size_t nodes, int height, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) {
      // Every copy an alias makes carries the mark: a secret at one is a secret at all.
      value.AddAnchors({value.location()});
      Remember(anchor, value, nodes, height);
    }
    if (frames_.empty()) {
      root_ = std::move(value);
      return;
    }
    Frame& parent = frames_.back();
    parent.nodes += nodes;
    parent.height = std::max(parent.height, height + 1);
    if (parent.value.is_list()) {
      parent.value.Append(std::move(value));
      return;
    }
    parent.has_key = false;
    if (parent.key_is_merge) {
      AddMergeSource(parent, std::move(value));
    } else {
      // SetKey has ruled out a duplicate, so no second lookup.
      parent.value.InsertNew(std::move(parent.key), std::move(parent.key_location),
                             std::move(value));
      if (parent.key_from_alias) parent.value.HideKey(parent.value.size() - 1);
    }
  }

  static void AddMergeSource(Frame& frame, Value source) {
    if (source.is_map()) {
      frame.merges.push_back(std::move(source));
      return;
    }
    const bool all_maps =
        source.is_list() && std::all_of(source.items().begin(), source.items().end(),
                                        [](const Value& v) { return v.is_map(); });
    if (!all_maps) {
      throw InputError(frame.key_location, "merge key '<<' needs a map or a list of maps");
    }
    for (Value& item : source.items()) frame.merges.push_back(std::move(item));
  }

  // Merged entries never replace a key the map has; with several sources the
  // earlier ones are inserted first and so win.
  static void ApplyMerges(Frame& frame) {
    for (Value& source : frame.merges) {
      for (std::size_t i = 0; i < source.size(); ++i) {
        source.value(i).AddAnchors(source.anchors());  // still a copy of the merged map's entry
        frame.value.Insert(source.key(i), source.key_location(i), std::move(source.value(i)));
      }
    }
  }

  std::string_view text_;
  OriginPtr origin_;
  LoadLimits limits_;
  bool quotes_closed_ = false;
  std::size_t nodes_ = 0;
  int last_document_pos_ = -1;
  std::vector<Frame> frames_;
  std::map<YAML::anchor_t, Anchored> anchors_;
  std::optional<Value> root_;
  Documents documents_;
};

InputError FromYamlCpp(const YAML::Exception& error, const OriginPtr& origin, bool too_deep) {
  const int line = error.mark.is_null() ? 0 : error.mark.line + 1;
  const int column = error.mark.is_null() ? 0 : error.mark.column + 1;
  // yaml-cpp's depth guard says only "bad file".
  std::string message =
      too_deep ? "nesting too deep" : "invalid YAML: " + GenericMessage(error.msg);
  return InputError(origin->path, line, column, std::move(message));
}

}  // namespace

Documents LoadYaml(std::string_view text, const OriginPtr& origin, const LoadLimits& limits) {
  // yaml-cpp would skip the BOM too, but stripping it here keeps mark.pos an
  // offset into `text`, which ContentOffset relies on.
  text = StripBom(text);
  CheckEncoding(text, origin);

  if (limits.yaml_fast_path) {
    // Most files lie in the subset; for them this gives yaml-cpp's events
    // without its scanner. Anything else, and any error, goes through
    // yaml-cpp from the start, so results and messages are always its.
    try {
      TreeBuilder fast(text, origin, limits, /*quotes_closed=*/true);
      if (ParseYamlSubset(text, fast)) return fast.TakeDocuments();
    } catch (const InputError&) {
    }
  }

  ViewStreamBuf buffer(text);
  std::istream stream(&buffer);
  TreeBuilder builder(text, origin, limits);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::DeepRecursion& error) {
    throw FromYamlCpp(error, origin, /*too_deep=*/true);
  } catch (const YAML::Exception& error) {
    throw FromYamlCpp(error, origin, /*too_deep=*/false);
  }
  return builder.TakeDocuments();
}

Documents LoadYaml(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                   std::vector<LoadWarning>& /*warnings*/) {
  return LoadYaml(text, origin, limits);
}

}  // namespace driftcheck
