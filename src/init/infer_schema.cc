#include "init/infer_schema.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "finding/finding.h"

namespace driftcheck {
namespace {

std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string TypeName(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool: return "boolean";
    case Value::Kind::kInt: return "integer";
    case Value::Kind::kFloat: return "number";
    case Value::Kind::kString: return "string";
    case Value::Kind::kList: return "array";
    case Value::Kind::kMap: return "object";
  }
  return "string";
}

// The format every string has, or "".
std::string StringFormat(const std::vector<const Value*>& values, const std::string& key) {
  static const re2::RE2 kDuration("(\\d+(ms|s|m|h))+");
  static const re2::RE2 kBytes("\\d+(Ki|Mi|Gi|Ti|K|M|G|T)");
  static const re2::RE2 kCpu("\\d+(\\.\\d+)?m?");
  std::string lower;
  for (char c : key) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto all = [&](const re2::RE2& re) {
    return std::all_of(values.begin(), values.end(), [&](const Value* v) {
      return v->kind() == Value::Kind::kString && re2::RE2::FullMatch(v->text(), re);
    });
  };
  if (lower.find("cpu") != std::string::npos && all(kCpu)) return "quantity";
  if (all(kBytes)) return "bytes";
  if (all(kDuration)) return "duration";
  return "";
}

// A few word-like strings ("debug", "info"): a likely enum. Never one a
// report would redact, nor a YAML alias's copy (of a secret, perhaps).
std::vector<std::string> SmallEnum(const std::vector<const Value*>& values, const SecretMatcher& secrets) {
  static const re2::RE2 kWord("[a-z][a-z0-9_-]{0,15}");
  std::set<std::string> seen;
  for (const Value* v : values) {
    if (v->kind() != Value::Kind::kString || !re2::RE2::FullMatch(v->text(), kWord)) return {};
    if (!v->anchors().empty() || HoldsCredential(v->text(), secrets)) return {};
    seen.insert(v->text());
  }
  // Only where a value repeats: two environments with two different words
  // say nothing about what else is allowed.
  if (seen.empty() || seen.size() > 3 || seen.size() >= values.size()) return {};
  return {seen.begin(), seen.end()};
}

class Writer {
 public:
  explicit Writer(const SecretMatcher& secrets) : secrets_(secrets) {}

  // `listed`: whether its values may be listed (an enum); not the `value`
  // of a `{name: DB_PASSWORD, value: ...}` item.
  void Node(const std::vector<const Value*>& values, const std::string& key, int depth, bool secret,
            bool listed = true) {
    const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
    if (secret) {
      out_ += pad + "writeOnly: true    # a secret: reports show <redacted>, or <redacted, differs>\n";
      return;
    }
    std::set<std::string> types;
    for (const Value* v : values) types.insert(TypeName(*v));
    types.erase("null");
    if (types.count("integer") && types.count("number")) types.erase("integer");
    if (types.size() == 1) {
      out_ += pad + "type: " + *types.begin() + "\n";
    } else if (types.size() > 1) {
      out_ += pad + "type: [";
      bool first = true;
      for (const auto& t : types) out_ += (first ? "" : ", ") + t, first = false;
      out_ += "]\n";
    }
    if (types == std::set<std::string>{"object"}) return Object(values, depth);
    if (types == std::set<std::string>{"array"}) return Array(values, key, depth);
    if (types != std::set<std::string>{"string"}) return;
    std::vector<const Value*> strings;
    for (const Value* v : values) {
      if (!v->is_null()) strings.push_back(v);
    }
    if (const std::string format = StringFormat(strings, key); !format.empty()) {
      out_ += pad + "format: " + format + "\n";
    } else if (const auto choices = listed ? SmallEnum(strings, secrets_) : std::vector<std::string>();
               !choices.empty()) {
      out_ += pad + "enum: [";
      for (std::size_t i = 0; i < choices.size(); ++i) out_ += (i ? ", " : "") + Quote(choices[i]);
      out_ += "]    # the values seen: widen it when another is right\n";
    }
  }

  const std::string& text() const { return out_; }

 private:
  void Object(const std::vector<const Value*>& values, int depth) {
    std::vector<std::string> keys;
    for (const Value* v : values) {
      for (std::size_t i = 0; i < v->size(); ++i) {
        if (std::find(keys.begin(), keys.end(), v->key(i)) == keys.end()) keys.push_back(v->key(i));
      }
    }
    // A key that is itself a credential (`postgres://u:PW@h/db`, a token) or
    // names something below a secret level (`app.secrets.NAME`) is never
    // written: the keys of its kind are covered by one secret schema for
    // every other key, so the schema still validates them.
    const auto hidden = [&](const std::string& key) {
      return HoldsCredential(key, secrets_) || SecretTailStart(key, secrets_) != std::string::npos;
    };
    const bool any_hidden = std::any_of(keys.begin(), keys.end(), hidden);
    keys.erase(std::remove_if(keys.begin(), keys.end(), hidden), keys.end());
    const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
    if (!keys.empty()) out_ += pad + "properties:\n";
    for (const std::string& key : keys) {
      std::vector<const Value*> children;
      bool named_secret = false;
      for (const Value* v : values) {
        if (const Value* child = v->Find(key)) children.push_back(child);
        named_secret = named_secret || SecretForItsHolder(*v, key, secrets_);
      }
      out_ += pad + "  " + Quote(key) + ":\n";
      Node(children, key, depth + 2, secrets_.IsSecretKey(key), !named_secret);
    }
    if (any_hidden) {
      out_ += pad + "additionalProperties:    # keys that are secrets themselves: not written here\n";
      Node({}, "", depth + 1, true);
    }
  }

  void Array(const std::vector<const Value*>& values, const std::string& key, int depth) {
    std::vector<const Value*> items;
    for (const Value* v : values) {
      for (const Value& item : v->items()) items.push_back(&item);
    }
    if (items.empty()) return;
    out_ += std::string(static_cast<std::size_t>(depth) * 2, ' ') + "items:\n";
    Node(items, key, depth + 1, false);
  }

  const SecretMatcher& secrets_;
  std::string out_;
};

}  // namespace

std::string InferSchema(const std::vector<const Value*>& sides, const SecretMatcher& secrets) {
  Writer writer(secrets);
  writer.Node(sides, "", 0, false);
  return "# A draft schema inferred by 'driftcheck init --schema' from every environment's\n"
         "# values. Tighten it: add required keys, ranges and patterns.\n" +
         writer.text();
}

}  // namespace driftcheck
