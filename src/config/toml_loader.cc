// TOML loader: TOML 1.0 through toml++ (Debian's libtomlplusplus-dev), which
// validates and keeps a source region for every key and value.
//
// Documented behaviour: integers, floats and booleans keep their types and
// their text as written (`0x1F`, `1_000`, `+inf`); dates, times and
// date-times stay strings as written, unquoted like a YAML plain date;
// strings are quoted strings. A repeated key or table is an error, as TOML
// requires, naming both lines. Columns count bytes (toml++ counts code
// points; they are converted); a UTF-8 byte order mark is not counted.
//
// toml++'s messages may quote the text it stopped at, which may be a value:
// those parts are dropped (DescribeTomlError).

#include "config/loader.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "config/text.h"
#include "core/error.h"

namespace driftcheck {
namespace {

// Turns toml++'s (line, code point column) into our (line, byte column).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }

  /// The byte offset of a toml++ position (clamped to the text).
  std::size_t Offset(const toml::source_position& at) const {
    if (at.line == 0) return 0;
    const std::size_t line = std::min<std::size_t>(at.line, starts_.size()) - 1;
    std::size_t offset = starts_[line];
    for (std::size_t cp = 1; cp < at.column && offset < text_.size() && text_[offset] != '\n'; ++cp) {
      offset += std::max<std::size_t>(Utf8SequenceLength(text_, offset), 1);
    }
    return offset;
  }

  Location At(const OriginPtr& origin, const toml::source_position& at) const {
    if (at.line == 0) return Location{origin, 0, 0};
    const std::size_t offset = Offset(at);
    const std::size_t line = std::min<std::size_t>(at.line, starts_.size()) - 1;
    return Location{origin, static_cast<int>(line + 1), static_cast<int>(offset - starts_[line] + 1)};
  }

  /// The text a source region covers (its end is exclusive).
  std::string_view Slice(const toml::source_region& region) const {
    const std::size_t begin = Offset(region.begin);
    const std::size_t end = std::max(Offset(region.end), begin);
    return text_.substr(begin, end - begin);
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// Keeps quoted parts of toml++'s message only where they are syntax (`'='`)
// or the redefined key; drops ", saw '…'" and quoted numbers or escapes.
std::string DescribeTomlError(std::string_view description) {
  const bool names_key = description.find("cannot redefine existing") != std::string_view::npos;
  description = description.substr(0, description.find(", saw"));
  std::string out;
  for (std::size_t i = 0; i < description.size();) {
    const std::size_t open = description.find('\'', i);
    const std::size_t close = open == std::string_view::npos ? open : description.find('\'', open + 1);
    if (close == std::string_view::npos) {
      out.append(description.substr(i, open == std::string_view::npos ? open : open - i));
      break;  // an unpaired quote: what follows it could be a value
    }
    const std::string_view quoted = description.substr(open + 1, close - open - 1);
    const bool syntax = std::none_of(quoted.begin(), quoted.end(), [](char c) {
      const auto byte = static_cast<unsigned char>(c);
      return std::isalnum(byte) || c == '\\' || byte >= 0x80;
    });
    out.append(description.substr(i, open - i));
    out.append(syntax || names_key ? description.substr(open, close - open + 1) : "the text");
    i = close + 1;
  }
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return "invalid TOML: " + out;
}

// The last line before `before_line` where a key named `key` was defined in
// `text`, or 0: toml++ names only the second definition of a repeated key.
int FirstDefinitionLine(std::string_view text, std::string_view key, int before_line) {
  std::size_t end = 0;
  for (int line = 1; line < before_line && end < text.size(); ++line) {
    end = std::min(text.find('\n', end), text.size()) + 1;
  }
  int found = 0;
  try {
    const toml::table prefix = toml::parse(text.substr(0, std::min(end, text.size())));
    auto visit = [&](auto&& self, const toml::node& node) -> void {
      if (const toml::table* table = node.as_table()) {
        for (const auto& [name, child] : *table) {
          const int line = static_cast<int>(name.source().begin.line);
          if (name.str() == key && line < before_line) found = std::max(found, line);
          self(self, child);
        }
      } else if (const toml::array* array = node.as_array()) {
        for (const toml::node& child : *array) self(self, child);
      }
    };
    visit(visit, prefix);
  } catch (const toml::parse_error&) {
    // The lines before the error do not parse on their own: no first line to name.
  }
  return found;
}

// The offset just past the TOML string that starts at `i` (basic, literal or
// multi-line), or the text's end when it is unterminated (toml++ reports that).
std::size_t SkipTomlString(std::string_view text, std::size_t i) {
  const char quote = text[i];
  const std::string_view triple = quote == '"' ? std::string_view("\"\"\"") : std::string_view("'''");
  if (text.substr(i, 3) == triple) {
    std::size_t end = i + 3;
    while (end < text.size() && text.substr(end, 3) != triple) {
      end += (quote == '"' && text[end] == '\\') ? 2 : 1;
    }
    return std::min(end + 3, text.size());
  }
  for (std::size_t end = i + 1; end < text.size() && text[end] != '\n'; ++end) {
    if (quote == '"' && text[end] == '\\') {
      ++end;
    } else if (text[end] == quote) {
      return end + 1;
    }
  }
  return text.size();
}

// toml++ nests a table per dotted-key segment with no limit of its own, and
// `a.a.a...` 200,000 deep overflows its stack: bound the depth any key can
// reach before toml++ sees the text. A key's depth is its dots plus those of
// the keys of the inline tables and arrays around it.
void CheckNesting(std::string_view text, const OriginPtr& origin, int max_depth) {
  std::vector<int> open;  // the depth outside each open '{' or '['
  int depth = 0, dots = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      i = SkipTomlString(text, i) - 1;
    } else if (c == '#') {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if (c == '.' || c == '{' || c == '[') {
      if (c == '.') ++dots;
      if (c != '.') {
        open.push_back(depth);
        depth += dots + 1;
        dots = 0;
      }
      if (depth + dots >= max_depth) {
        auto [line, column] = LineColumnAt(text, i);
        throw InputError(origin->path, line, column,
                         "nesting deeper than " + std::to_string(max_depth) + " levels");
      }
    } else if ((c == '}' || c == ']') && !open.empty()) {
      depth = open.back();
      open.pop_back();
      dots = 0;
    } else if (c == ',' || c == '\n') {
      dots = 0;
    }
  }
}

class TomlConverter {
 public:
  TomlConverter(std::string_view text, const OriginPtr& origin, const LoadLimits& limits)
      : index_(text), origin_(origin), limits_(limits) {}

  Value Convert(const toml::node& node, const Location& fallback, int depth) {
    Location where = index_.At(origin_, node.source().begin);
    if (where.line == 0) where = fallback;  // a table made implicitly by a dotted key or header
    if (++nodes_ > limits_.max_nodes) {
      throw InputError(where, "document has more than " + std::to_string(limits_.max_nodes) + " nodes");
    }
    if (const toml::table* table = node.as_table()) return ConvertTable(*table, where, depth);
    if (const toml::array* array = node.as_array()) {
      Value list = Value::List(where);
      CheckDepth(where, depth);
      for (const toml::node& item : *array) list.Append(Convert(item, where, depth + 1));
      return list;
    }
    std::string text(index_.Slice(node.source()));
    switch (node.type()) {
      case toml::node_type::string:
        return Value::String(*node.value<std::string>(), /*quoted=*/true, where);
      case toml::node_type::integer:
        return Value::Int(*node.value<std::int64_t>(), std::move(text), where);
      case toml::node_type::floating_point:
        return Value::Float(*node.value<double>(), std::move(text), where);
      case toml::node_type::boolean:
        return Value::Bool(*node.value<bool>(), where);
      default:  // date, time, date-time: kept as written
        return Value::String(std::move(text), /*quoted=*/false, where);
    }
  }

 private:
  Value ConvertTable(const toml::table& table, const Location& where, int depth) {
    CheckDepth(where, depth);
    // toml++ keeps keys sorted; reports follow the order they are written in.
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (const auto& [key, child] : table) entries.emplace_back(&key, &child);
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      const toml::source_position &pa = a.first->source().begin, &pb = b.first->source().begin;
      return std::pair(pa.line, pa.column) < std::pair(pb.line, pb.column);
    });
    Value map = Value::Map(where);
    for (const auto& [key, child] : entries) {
      Location key_location = index_.At(origin_, key->source().begin);
      if (key_location.line == 0) key_location = where;
      Value value = Convert(*child, key_location, depth + 1);
      map.Insert(std::string(key->str()), std::move(key_location), std::move(value));
    }
    return map;
  }

  void CheckDepth(const Location& where, int depth) const {
    if (depth >= limits_.max_depth) {
      throw InputError(where, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
  }

  LineIndex index_;
  OriginPtr origin_;
  LoadLimits limits_;
  std::size_t nodes_ = 0;
};

[[noreturn]] void ThrowParseError(std::string_view text, const OriginPtr& origin,
                                  const toml::parse_error& error) {
  const Location where = LineIndex(text).At(origin, error.source().begin);
  std::string message = DescribeTomlError(error.description());
  const std::size_t open = message.find("cannot redefine existing");
  const std::size_t key_open = message.find('\'', open == std::string::npos ? message.size() : open);
  if (key_open != std::string::npos) {
    const std::size_t key_close = message.find('\'', key_open + 1);
    const std::string key = message.substr(key_open + 1, key_close - key_open - 1);
    if (int first = FirstDefinitionLine(text, key, where.line)) {
      message = DuplicateKeyMessage(key, false, first);
    } else {
      message = "duplicate key";  // never named (see MayQuoteKey)
    }
  }
  throw InputError(where.line == 0 ? Location{origin, 1, 1} : where, std::move(message));
}

}  // namespace

Documents LoadToml(std::string_view text, const OriginPtr& origin, const LoadLimits& limits,
                   std::vector<LoadWarning>& /*warnings*/) {
  text = StripBom(text);
  CheckNesting(text, origin, std::max(limits.max_depth, 0));
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(origin->path));
  } catch (const toml::parse_error& error) {
    ThrowParseError(text, origin, error);
  }
  Documents documents;
  documents.push_back(TomlConverter(text, origin, limits).Convert(root, Location{origin, 1, 1}, 0));
  documents.back().set_location(Location{origin, 1, 1});
  return documents;
}

}  // namespace driftcheck
