// JSON loader: strict JSON (RFC 8259) through nlohmann-json's SAX parser,
// which validates and decodes; a small scanner walks the same text in step to
// give every node its line and column, which the SAX events do not carry.
//
// yaml-cpp is not used although JSON is nearly YAML: it rejects valid JSON
// such as surrogate-pair escapes ("\ud83d\ude00") and keys separated from
// their colon by a line break.
//
// Documented behaviour: numbers resolve like YAML plain scalars (`1` integer,
// `1.0` and `1e5` floats, integers of any size stay exact integers, though
// nlohmann rejects one beyond a double's range, 1e308); strings are quoted
// strings; duplicate keys are errors (a secret key is not named); an empty
// file is an error, as in every strict JSON parser.
// Columns count bytes; a UTF-8 byte order mark is not counted.

#include "config/loader.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/text.h"
#include "core/error.h"

namespace driftcheck {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kWhitespace = " \t\r\n";
constexpr int kNumberOverflow = 406;  // nlohmann's out_of_range id for 1e400

// Walks valid JSON text token by token, in the order SAX events arrive,
// keeping the line and column of each token's start.
class TokenCursor {
 public:
  explicit TokenCursor(std::string_view text) : text_(text) {}

  /// Moves to the next token and past it; returns where it starts.
  std::size_t Next() {
    SkipSeparators();
    const std::size_t start = pos_;
    start_column_ = static_cast<int>(pos_ - line_start_) + 1;
    if (pos_ >= text_.size()) return start;
    const char c = text_[pos_];
    if (c == '"') {
      SkipString();
    } else if (c == '{' || c == '}' || c == '[' || c == ']') {
      ++pos_;
    } else if (c == 't' || c == 'n') {
      pos_ = std::min(pos_ + 4, text_.size());  // true, null
    } else if (c == 'f') {
      pos_ = std::min(pos_ + 5, text_.size());  // false
    } else {
      pos_ = std::min(text_.find_first_not_of("+-0123456789.eE", pos_), text_.size());
    }
    return start;
  }

  /// Where the next token starts, without moving to it.
  std::size_t NextStart() const {
    TokenCursor copy = *this;
    copy.SkipSeparators();
    return copy.pos_;
  }

  /// The text of the token Next() last moved past.
  std::string_view TokenFrom(std::size_t start) const { return text_.substr(start, pos_ - start); }
  int line() const { return line_; }
  int start_column() const { return start_column_; }

 private:
  void SkipSeparators() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      } else if (kWhitespace.find(c) == std::string_view::npos && c != ',' && c != ':') {
        return;
      }
      ++pos_;
    }
  }

  void SkipString() {
    for (++pos_; pos_ < text_.size(); ++pos_) {
      if (text_[pos_] == '\\') {
        ++pos_;
      } else if (text_[pos_] == '"') {
        ++pos_;
        return;
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  int start_column_ = 1;
};

// nlohmann's message ends with the text it last read ("last read: 'hunter2"),
// which may be a value: keep only the generic description before it.
std::string DescribeJsonError(const Json::exception& error) {
  if (error.id == kNumberOverflow) return "invalid JSON: number out of range";
  const std::string what = error.what();
  const std::size_t dash = what.find(" - ");
  if (what.find("syntax error") == std::string::npos || dash == std::string::npos) {
    return "invalid JSON";
  }
  std::string detail = what.substr(dash + 3);
  detail = detail.substr(0, detail.find("; last read: '"));
  return "invalid JSON: " + detail;
}

struct Frame {
  Value value;
  std::string key;
  Location key_location;
};

// Builds Values from nlohmann's SAX events.
class JsonBuilder : public nlohmann::json_sax<Json> {
 public:
  JsonBuilder(std::string_view text, const OriginPtr& origin, const LoadLimits& limits)
      : text_(text), cursor_(text), origin_(origin), limits_(limits) {}

  Value TakeRoot() { return std::move(root_); }

  bool null() override { return Add(Value::Null(NextToken())); }
  bool boolean(bool value) override { return Add(Value::Bool(value, NextToken())); }
  bool number_integer(number_integer_t /*value*/) override { return Number(); }
  bool number_unsigned(number_unsigned_t /*value*/) override { return Number(); }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override {
    return Number();
  }
  bool string(string_t& value) override {
    return Add(Value::String(std::move(value), /*quoted=*/true, NextToken()));
  }
  bool binary(binary_t& /*value*/) override { return true; }  // JSON text has none

  bool start_object(std::size_t /*elements*/) override { return Open(Value::Map(NextToken())); }
  bool start_array(std::size_t /*elements*/) override { return Open(Value::List(NextToken())); }
  bool end_object() override { return Close(); }
  bool end_array() override { return Close(); }

  bool key(string_t& key) override {
    Location where = NextToken();
    Frame& frame = frames_.back();
    if (auto first = frame.value.IndexOf(key)) {
      throw InputError(where, DuplicateKeyMessage(key, MayQuoteKey(key),
                                                  frame.value.key_location(*first).line));
    }
    frame.key = std::move(key);
    frame.key_location = std::move(where);
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const Json::exception& error) override {
    throw InputError(ErrorLocation(position, error), DescribeJsonError(error));
  }

 private:
  // A malformed token (`tru`, an unterminated string) is reported at its
  // start, which is the next token after the last one that made an event.
  // An unexpected token is reported where nlohmann stopped reading: `position`
  // counts the bytes read, the offending one (or the end of input) included.
  Location ErrorLocation(std::size_t position, const Json::exception& error) const {
    const bool malformed_token =
        error.id == kNumberOverflow ||
        std::string_view(error.what()).find("; last read: '") != std::string_view::npos;
    std::size_t offset = 0;
    if (malformed_token) {
      offset = cursor_.NextStart();
    } else if (position > text_.size()) {
      offset = text_.size();  // it read the end of input
    } else if (position > 0) {
      offset = position - 1;  // the offending byte
    }
    auto [line, column] = LineColumnAt(text_, offset);
    return Location{origin_, line, column};
  }

  // Below a secret key, keys are secret too: the open maps' pending keys.
  bool MayQuoteKey(std::string_view key) const {
    std::vector<std::string_view> ancestors;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      if (frames_[i].value.is_map()) ancestors.push_back(frames_[i].key);
    }
    return driftcheck::MayQuoteKey(key, ancestors);
  }

  Location NextToken() {
    cursor_.Next();
    return Location{origin_, cursor_.line(), cursor_.start_column()};
  }

  // Numbers keep their text and resolve like YAML plain scalars.
  bool Number() {
    const std::size_t start = cursor_.Next();
    Location where{origin_, cursor_.line(), cursor_.start_column()};
    return Add(Value::FromPlainScalar(std::string(cursor_.TokenFrom(start)), std::move(where)));
  }

  void Spend(const Location& where) {
    if (++nodes_ > limits_.max_nodes) {
      throw InputError(where,
                       "document has more than " + std::to_string(limits_.max_nodes) + " nodes");
    }
  }

  bool Open(Value collection) {
    if (frames_.size() >= static_cast<std::size_t>(std::max(limits_.max_depth, 0))) {
      throw InputError(collection.location(),
                       "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    Spend(collection.location());
    frames_.push_back(Frame{std::move(collection), {}, {}});
    return true;
  }

  bool Close() {
    cursor_.Next();
    Value done = std::move(frames_.back().value);
    frames_.pop_back();
    return Place(std::move(done));
  }

  bool Add(Value scalar) {
    Spend(scalar.location());
    return Place(std::move(scalar));
  }

  // A finished node goes into its parent, or becomes the document.
  bool Place(Value value) {
    if (frames_.empty()) {
      root_ = std::move(value);
      return true;
    }
    Frame& parent = frames_.back();
    if (parent.value.is_list()) {
      parent.value.Append(std::move(value));
    } else {
      parent.value.Insert(std::move(parent.key), std::move(parent.key_location), std::move(value));
    }
    return true;
  }

  std::string_view text_;
  TokenCursor cursor_;
  OriginPtr origin_;
  LoadLimits limits_;
  std::size_t nodes_ = 0;
  std::vector<Frame> frames_;
  Value root_;
};

}  // namespace

Documents LoadJson(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                   std::vector<LoadWarning>& /*warnings*/) {
  text = StripBom(text);
  if (text.find_first_not_of(kWhitespace) == std::string_view::npos) {
    // RFC 8259 has no empty document (jq, Python and .NET refuse one too);
    // jsonc, for hand-edited settings, checks before calling here.
    throw InputError(origin->path, 1, 1, "invalid JSON: the file is empty (strict JSON needs a value, such as {})");
  }
  // nlohmann stops at a NUL byte as if the input ended there.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    auto [line, column] = LineColumnAt(text, nul);
    throw InputError(origin->path, line, column, "invalid JSON: NUL byte");
  }

  JsonBuilder builder(text, origin, limits);
  Json::sax_parse(text.begin(), text.end(), &builder);
  Documents documents;
  documents.push_back(builder.TakeRoot());
  return documents;
}

Documents LoadJson(std::string_view text, const OriginPtr& origin, const LoadLimits& limits) {
  std::vector<LoadWarning> none;
  return LoadJson(text, origin, limits, none);
}

}  // namespace driftcheck
