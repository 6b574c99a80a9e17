#include "schema/schema.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "config/loader.h"
#include "config/value_reader.h"
#include "core/error.h"
#include "core/strings.h"
#include "core/suggest.h"
#include "schema/behaviours.h"

namespace driftcheck {
namespace {

constexpr int kMaxSchemaDepth = 100;

// Draft-07 keywords driftcheck knows but does not implement: named as such
// rather than "unknown", so the user knows the spelling was right.
const std::vector<std::string>& UnsupportedKeywords() {
  static const std::vector<std::string> kWords = {
      "minItems", "maxItems", "minProperties", "maxProperties", "multipleOf", "not", "if", "then",
      "else", "contains", "propertyNames", "dependencies", "additionalItems", "contentMediaType",
      "contentEncoding"};
  return kWords;
}

const std::vector<std::string>& AnnotationFormats() {
  static const std::vector<std::string> kFormats = {
      "date-time", "date", "time", "email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6",
      "uri-reference", "iri", "iri-reference", "uri-template", "json-pointer",
      "relative-json-pointer", "regex", "uuid"};
  return kFormats;
}

std::string EscapePointer(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string UnescapePointer(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

// `relative` resolved against the directory of `from`; nullopt if it leaves the repository.
std::optional<std::string> JoinRelative(const std::string& from, std::string_view relative) {
  std::vector<std::string> parts;
  if (!relative.starts_with('/')) {
    for (auto piece : Split(from, '/')) parts.emplace_back(piece);
    if (!parts.empty()) parts.pop_back();  // the file name
  }
  for (auto piece : Split(relative, '/')) {
    if (piece.empty() || piece == ".") continue;
    if (piece == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else {
      parts.emplace_back(piece);
    }
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

double ExpectNumber(const Value& value, std::string_view what) {
  if (!value.is_number()) {
    throw InputError(value.location(), std::string(what) + ": expected a number, found " + DescribeKind(value));
  }
  return value.as_double();
}

std::uint8_t TypeBit(const Value& name) {
  static const std::vector<std::string> kNames = {"null", "boolean", "integer", "number",
                                                  "string", "array", "object"};
  const std::string& text = ExpectString(name, "'type'");
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (text == kNames[i]) return static_cast<std::uint8_t>(1u << i);
  }
  std::string hint = DidYouMean(text, kNames);
  if (hint.empty()) hint = "types: null, boolean, integer, number, string, array, object";
  throw InputError(name.location(), "unknown type '" + text + "'", hint);
}

std::shared_ptr<const re2::RE2> CompilePattern(const Value& value, std::string_view what) {
  const std::string& text = ExpectString(value, what);
  re2::RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const re2::RE2>(text, options);
  if (!re->ok()) {
    throw InputError(value.location(), std::string(what) + " is not a valid regular expression: " + re->error(),
                     "patterns use RE2 syntax (no backreferences or lookaround)");
  }
  return re;
}

}  // namespace

const std::vector<std::string>& SchemaKeywords() {
  static const std::vector<std::string> kWords = [] {
    std::vector<std::string> words = {
        "type", "enum", "const", "required", "properties", "additionalProperties",
        "patternProperties", "items", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "pattern", "format", "$ref", "definitions", "allOf", "anyOf",
        "oneOf", "default", "writeOnly", "readOnly", "uniqueItems", "title", "description",
        "$schema", "$id", "$comment", "examples"};
    // The x-drift keywords are the normalization behaviours' (schema/behaviours.h).
    for (const NormalizeBehaviour& behaviour : NormalizeBehaviours()) {
      for (const SchemaKeyword& keyword : behaviour.schema_keywords) words.emplace_back(keyword.name);
    }
    return words;
  }();
  return kWords;
}

// Turns schema documents into SchemaNodes. Nodes are memoized by file and
// JSON pointer before their children compile, so a `$ref` back to an
// ancestor ends at the ancestor's index instead of recursing forever.
class SchemaCompiler {
 public:
  SchemaCompiler(Schema& out, const SchemaReader& read) : out_(out), read_(read) {}

  void CompileRoot(const Value& document, const std::string& file) {
    out_.file_ = file;
    docs_.emplace(file, document);
    Compile(docs_.at(file), file, "", 0);
    RejectRefCycles();
  }

 private:
  int Compile(const Value& v, const std::string& file, const std::string& pointer, int depth);
  void Keyword(SchemaNode& node, const std::string& key, const Value& v, const std::string& file,
               const std::string& pointer, int depth);
  void XDrift(SchemaNode& node, const std::string& key, const Value& v);
  int Ref(const Value& v, const std::string& file, int depth);
  const Value& Document(const std::string& path, const Value& ref);
  void RejectRefCycles() const;
  bool CycleFrom(int index, std::vector<int>& state, int depth) const;

  int Sub(const Value& v, const std::string& file, const std::string& pointer, int depth) {
    return Compile(v, file, pointer, depth + 1);
  }
  std::vector<int> SubList(const Value& v, std::string_view what, const std::string& file,
                           const std::string& pointer, int depth) {
    std::vector<int> out;
    const auto& items = ExpectList(v, what).items();
    for (std::size_t i = 0; i < items.size(); ++i) {
      out.push_back(Sub(items[i], file, pointer + "/" + std::to_string(i), depth));
    }
    return out;
  }

  Schema& out_;
  const SchemaReader& read_;
  std::map<std::string, Value> docs_;  // by file; map nodes never move
  std::map<std::string, int> memo_;    // "file#pointer" -> node
};

int SchemaCompiler::Compile(const Value& v, const std::string& file, const std::string& pointer,
                            int depth) {
  const std::string memo_key = file + "#" + pointer;
  if (auto found = memo_.find(memo_key); found != memo_.end()) return found->second;
  if (depth > kMaxSchemaDepth) throw InputError(v.location(), "the schema is nested too deeply");
  const int index = static_cast<int>(out_.nodes_.size());
  out_.nodes_.emplace_back();
  memo_.emplace(memo_key, index);
  SchemaNode node;
  node.location = v.location();
  if (v.kind() == Value::Kind::kBool) {
    node.always_false = !v.as_bool();
  } else {
    ExpectMap(v, "a schema");
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string& key = v.key(i);
      const bool known = std::find(SchemaKeywords().begin(), SchemaKeywords().end(), key) != SchemaKeywords().end();
      if (!known) {
        const auto& unsupported = UnsupportedKeywords();
        if (std::find(unsupported.begin(), unsupported.end(), key) != unsupported.end()) {
          throw InputError(v.key_location(i), "schema keyword '" + key + "' is not supported by driftcheck",
                           "see schemas/README.md for the keywords driftcheck supports");
        }
        throw InputError(v.key_location(i), "unknown schema keyword '" + key + "'",
                         DidYouMean(key, SchemaKeywords()));
      }
      Keyword(node, key, v.value(i), file, pointer + "/" + EscapePointer(key), depth);
    }
    if (node.unique_items && !node.list) node.list = ListRule{ListMatch::kAsSet, ""};
  }
  out_.nodes_[static_cast<std::size_t>(index)] = std::move(node);
  return index;
}

void SchemaCompiler::Keyword(SchemaNode& node, const std::string& key, const Value& v,
                             const std::string& file, const std::string& pointer, int depth) {
  if (key == "type") {
    if (v.is_list()) {
      for (const Value& t : v.items()) node.types |= TypeBit(t);
    } else {
      node.types = TypeBit(v);
    }
  } else if (key == "enum") {
    node.enum_values = ExpectList(v, "'enum'").items();
  } else if (key == "const") {
    node.const_value = v;
  } else if (key == "default") {
    node.default_value = v;
  } else if (key == "required") {
    node.required = ExpectStringList(v, "'required'");
  } else if (key == "properties" || key == "definitions" || key == "patternProperties") {
    ExpectMap(v, "'" + key + "'");
    for (std::size_t i = 0; i < v.size(); ++i) {
      const int child = Sub(v.value(i), file, pointer + "/" + EscapePointer(v.key(i)), depth);
      if (key == "properties") node.properties[v.key(i)] = child;
      if (key == "patternProperties") {
        Value pattern = Value::String(v.key(i), true, v.key_location(i));
        node.pattern_properties.emplace_back(CompilePattern(pattern, "a patternProperties key"), child);
      }
    }
  } else if (key == "additionalProperties") {
    if (v.kind() == Value::Kind::kBool) {
      node.additional_allowed = v.as_bool();
    } else {
      node.additional = Sub(v, file, pointer, depth);
    }
  } else if (key == "items") {
    if (v.is_list()) {
      throw InputError(v.location(), "'items' as a list (tuple validation) is not supported",
                       "give 'items' one schema that every item matches");
    }
    node.items = Sub(v, file, pointer, depth);
  } else if (key == "uniqueItems") {
    node.unique_items = ExpectBool(v, "'uniqueItems'");
  } else if (key == "minimum") {
    node.minimum = ExpectNumber(v, "'minimum'");
  } else if (key == "maximum") {
    node.maximum = ExpectNumber(v, "'maximum'");
  } else if (key == "exclusiveMinimum") {
    node.exclusive_minimum = ExpectNumber(v, "'exclusiveMinimum'");
  } else if (key == "exclusiveMaximum") {
    node.exclusive_maximum = ExpectNumber(v, "'exclusiveMaximum'");
  } else if (key == "minLength") {
    node.min_length = ExpectInt(v, "'minLength'");
  } else if (key == "maxLength") {
    node.max_length = ExpectInt(v, "'maxLength'");
  } else if (key == "pattern") {
    node.pattern = CompilePattern(v, "'pattern'");
    node.pattern_text = v.text();
  } else if (key == "format") {
    node.format_name = ExpectString(v, "'format'");
    const std::string& f = node.format_name;
    node.format = f == "duration" ? Format::kDuration
                  : f == "bytes"  ? Format::kBytes
                  : f == "quantity" ? Format::kQuantity
                  : f == "uri"    ? Format::kUri
                                  : Format::kAnnotation;
    const auto& annotations = AnnotationFormats();
    if (node.format == Format::kAnnotation &&
        std::find(annotations.begin(), annotations.end(), f) == annotations.end()) {
      std::vector<std::string> all = annotations;
      all.insert(all.end(), {"duration", "bytes", "quantity", "uri"});
      throw InputError(v.location(), "unknown format '" + f + "'", DidYouMean(f, all));
    }
  } else if (key == "$ref") {
    node.ref = Ref(v, file, depth);
  } else if (key == "allOf" || key == "anyOf" || key == "oneOf") {
    auto list = SubList(v, "'" + key + "'", file, pointer, depth);
    (key == "allOf" ? node.all_of : key == "anyOf" ? node.any_of : node.one_of) = std::move(list);
  } else if (key == "writeOnly") {
    if (ExpectBool(v, "'writeOnly'")) node.drift.secret = true;
  } else if (key.starts_with("x-drift")) {
    XDrift(node, key, v);
  }
  // title, description, $schema, $id, $comment, examples, readOnly: annotations.
}

void SchemaCompiler::XDrift(SchemaNode& node, const std::string& key, const Value& v) {
  for (const NormalizeBehaviour& behaviour : NormalizeBehaviours()) {
    for (const SchemaKeyword& keyword : behaviour.schema_keywords) {
      if (keyword.name == key) keyword.apply(v, "'" + key + "'", SchemaMarks{node.drift, node.list});
    }
  }
}

int SchemaCompiler::Ref(const Value& v, const std::string& file, int depth) {
  const std::string& text = ExpectString(v, "'$ref'");
  if (text.find("://") != std::string::npos || text.starts_with("urn:")) {
    throw InputError(v.location(), "remote $ref '" + text + "' is never fetched",
                     "copy the schema into the repository and refer to it by relative path");
  }
  const std::size_t hash = text.find('#');
  const std::string file_part = text.substr(0, hash);
  const std::string fragment = hash == std::string::npos ? "" : text.substr(hash + 1);
  std::string target = file;
  if (!file_part.empty()) {
    auto joined = JoinRelative(file, file_part);
    if (!joined) throw InputError(v.location(), "$ref '" + text + "' points outside the repository");
    target = *joined;
  }
  const Value* node = &Document(target, v);
  std::string pointer;
  for (auto token : Split(fragment, '/')) {
    if (pointer.empty() && token.empty()) continue;  // the leading "/"
    const std::string key = UnescapePointer(token);
    pointer += "/" + EscapePointer(key);
    const Value* next = nullptr;
    if (node->is_map()) {
      next = node->Find(key);
    } else if (node->is_list() && !key.empty() && std::all_of(key.begin(), key.end(), ::isdigit) &&
               std::stoul(key) < node->items().size()) {
      next = &node->items()[std::stoul(key)];
    }
    if (!next) {
      std::vector<std::string> keys;
      for (std::size_t i = 0; node->is_map() && i < node->size(); ++i) keys.push_back(node->key(i));
      throw InputError(v.location(), "$ref '" + text + "' names nothing: no '" + key + "' in " + target,
                       DidYouMean(key, keys));
    }
    node = next;
  }
  return Compile(*node, target, pointer, depth + 1);
}

namespace {

// A schema file holds one document: an empty file is named, a second
// document is pointed at.
void RequireOneDocument(const Documents& docs, const std::string& path) {
  if (docs.empty()) throw InputError(path, 0, 0, "the schema file is empty", "write one JSON Schema document");
  if (docs.size() > 1) {
    throw InputError(docs[1].location(), "a schema file must hold exactly one document",
                     "remove the second document, or put it in a file of its own and $ref it");
  }
}

}  // namespace

const Value& SchemaCompiler::Document(const std::string& path, const Value& ref) {
  if (auto found = docs_.find(path); found != docs_.end()) return found->second;
  auto text = read_ ? read_(path) : std::nullopt;
  if (!text) throw InputError(ref.location(), "$ref names schema file '" + path + "', which does not exist");
  const OriginPtr origin = MakeOrigin(path);
  Documents docs = path.ends_with(".json") ? LoadJson(*text, origin, LoadLimits{})
                                           : LoadYaml(*text, origin, LoadLimits{});
  RequireOneDocument(docs, path);
  return docs_.emplace(path, std::move(docs.front())).first->second;
}

// A cycle through $ref/allOf/anyOf/oneOf alone never reaches a value, so
// following it would never end: reject it when the schema loads.
void SchemaCompiler::RejectRefCycles() const {
  std::vector<int> state(out_.nodes_.size(), 0);  // 0 new, 1 on the stack, 2 done
  for (std::size_t i = 0; i < state.size(); ++i) CycleFrom(static_cast<int>(i), state, 0);
}

bool SchemaCompiler::CycleFrom(int index, std::vector<int>& state, int depth) const {
  auto& mark = state[static_cast<std::size_t>(index)];
  if (mark == 2) return false;
  const SchemaNode& node = out_.node(index);
  if (mark == 1 || depth > kMaxSchemaDepth) {
    throw InputError(node.location, "$ref cycle: this schema refers back to itself without descending into a value");
  }
  mark = 1;
  std::vector<int> next = node.all_of;
  next.insert(next.end(), node.any_of.begin(), node.any_of.end());
  next.insert(next.end(), node.one_of.begin(), node.one_of.end());
  if (node.ref != SchemaNode::kNone) next.push_back(node.ref);
  for (int n : next) CycleFrom(n, state, depth + 1);
  mark = 2;
  return false;
}

Schema Schema::FromDocument(const Value& document, const std::string& path, const SchemaReader& read) {
  Schema schema;
  SchemaCompiler(schema, read).CompileRoot(document, path);
  return schema;
}

Schema Schema::Load(const std::string& path, const SchemaReader& read) {
  auto text = read ? read(path) : std::nullopt;
  if (!text) throw InputError(path, 0, 0, "schema file does not exist");
  const OriginPtr origin = MakeOrigin(path);
  Documents docs = path.ends_with(".json") ? LoadJson(*text, origin, LoadLimits{})
                                           : LoadYaml(*text, origin, LoadLimits{});
  RequireOneDocument(docs, path);
  return FromDocument(docs.front(), path, read);
}

}  // namespace driftcheck
