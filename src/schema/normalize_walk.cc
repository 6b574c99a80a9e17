// Normalizer::Normalize: one walk over an environment's document that
// validates each value against the schema nodes that apply to it and then
// rewrites it into the form that compares equal to its other spellings.

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "config/value_reader.h"
#include "core/error.h"
#include "core/suggest.h"
#include "core/units.h"
#include "finding/finding.h"
#include "schema/env_tokens.h"
#include "schema/normalize.h"
#include "schema/uri.h"

namespace driftcheck {
namespace {

constexpr int kMaxDepth = 200;
constexpr std::size_t kMaxUniqueCheck = 2000;  // items compared pairwise for uniqueItems

std::uint8_t KindBits(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull: return SchemaNode::kNull;
    case Value::Kind::kBool: return SchemaNode::kBoolean;
    case Value::Kind::kInt: return SchemaNode::kInteger | SchemaNode::kNumber;
    case Value::Kind::kFloat: {
      const double d = v.as_double();
      return std::isfinite(d) && d == std::floor(d) ? SchemaNode::kInteger | SchemaNode::kNumber
                                                    : SchemaNode::kNumber;
    }
    case Value::Kind::kString: return SchemaNode::kString;
    case Value::Kind::kList: return SchemaNode::kArray;
    case Value::Kind::kMap: return SchemaNode::kObject;
  }
  return 0;
}

std::string TypeNames(std::uint8_t bits) {
  static const char* kNames[] = {"null", "boolean", "integer", "number", "string", "list", "map"};
  std::string out;
  for (int i = 0; i < 7; ++i) {
    if (bits & (1u << i)) out += (out.empty() ? "" : " or ") + std::string(kNames[i]);
  }
  return out;
}

std::string Number(double d) {
  if (d == std::floor(d) && std::abs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  return FlowText(Value::Float(d, "", {}));
}

bool HasRange(const SchemaNode& n) {
  return n.minimum || n.maximum || n.exclusive_minimum || n.exclusive_maximum;
}

// "1..65535", ">= 1", "> 0 and <= 1".
std::string RangeText(const SchemaNode& node) {
  if (node.minimum && node.maximum && !node.exclusive_minimum && !node.exclusive_maximum) {
    return Number(*node.minimum) + ".." + Number(*node.maximum);
  }
  std::vector<std::string> parts;
  if (node.minimum) parts.push_back(">= " + Number(*node.minimum));
  if (node.exclusive_minimum) parts.push_back("> " + Number(*node.exclusive_minimum));
  if (node.maximum) parts.push_back("<= " + Number(*node.maximum));
  if (node.exclusive_maximum) parts.push_back("< " + Number(*node.exclusive_maximum));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " and ") + p;
  return out;
}

// "integer 1..65535", "string", "number >= 0".
std::string ExpectedType(const SchemaNode& node) {
  std::string out = node.types ? TypeNames(node.types) : (HasRange(node) ? "number" : "");
  if (HasRange(node)) out += (out.empty() ? "" : " ") + RangeText(node);
  return out;
}

std::string FormatExample(Format format) {
  switch (format) {
    case Format::kDuration: return "a duration (e.g. 30s, 1m30s, 500ms)";
    case Format::kBytes: return "a byte size (e.g. 512Mi, 1Gi, 1G)";
    case Format::kQuantity: return "a quantity (e.g. 500m, 2)";
    case Format::kUri: return "an absolute URI (scheme://host/path)";
    default: return "a valid value";
  }
}

std::size_t CodePoints(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsEmptyValue(const Value& v) {
  if (v.is_null()) return true;
  if (v.kind() == Value::Kind::kString) return v.text().empty();
  if (v.is_list()) return v.items().empty();
  if (v.is_map()) return v.size() == 0;
  return false;
}

// A string as the number or boolean the schema's type asks for. Booleans
// accept yes/no/on/off only here, where the schema says boolean.
std::optional<Value> CoerceString(const Value& v, std::uint8_t wanted) {
  if (wanted & (SchemaNode::kInteger | SchemaNode::kNumber)) {
    Value parsed = Value::FromPlainScalar(v.text(), v.location());
    if (parsed.is_number() && (KindBits(parsed) & wanted)) return parsed;
  }
  if (wanted & SchemaNode::kBoolean) {
    const std::string word = Lower(v.text());
    if (word == "true" || word == "yes" || word == "on") return Value::Bool(true, v.location());
    if (word == "false" || word == "no" || word == "off") return Value::Bool(false, v.location());
  }
  return std::nullopt;
}

bool SameIgnoringCase(const Value& a, const Value& b, bool insensitive) {
  if (insensitive && a.kind() == Value::Kind::kString && b.kind() == Value::Kind::kString) {
    return Lower(a.text()) == Lower(b.text());
  }
  return SameValue(a, b);
}

std::optional<Value> CanonicalFormat(const Value& v, Format format) {
  const std::string& text = v.text();
  switch (format) {
    case Format::kDuration:
      if (auto ns = ParseDuration(text)) return Value::Int(*ns, "", v.location());
      return std::nullopt;
    case Format::kBytes:
      if (auto bytes = ParseBytes(text)) return Value::Int(*bytes, "", v.location());
      return std::nullopt;
    case Format::kQuantity:
      if (auto q = ParseQuantity(text)) return Value::Float(*q, "", v.location());
      return std::nullopt;
    case Format::kUri:
      if (v.kind() != Value::Kind::kString) return std::nullopt;
      if (auto uri = CanonicalUri(text)) return Value::String(*uri, v.quoted(), v.location());
      return std::nullopt;
    default: return v;
  }
}

}  // namespace

class NormalizeWalker {
 public:
  using Cursor = Normalizer::Cursor;

  NormalizeWalker(const Normalizer& n, const std::vector<std::string>& tokens, std::vector<Violation>& out,
                  std::vector<NormalizeStep>* trace = nullptr)
      : n_(n), schema_(n.schema_.get()), tokens_(tokens), out_(out), trace_(trace) {}

  // Validates and normalizes `v`; returns whether it is to be dropped (empty
  // where x-drift-empty: absent is in force).
  bool Walk(Value& v, const Cursor& c, const std::vector<int>& direct, bool secret, int depth) {
    if (depth > kMaxDepth) throw InputError(v.location(), "configuration nested too deeply to validate");
    const DriftSettings settings = c.Effective();
    secret = secret || settings.secret.value_or(false);
    const std::vector<int> nodes = schema_ ? Applicable(direct, v, c, secret, depth) : std::vector<int>{};
    for (int n : nodes) {
      if (node(n).always_false) Report(v, c.path, "nothing here (the schema allows no value)", "false", secret);
    }
    if (v.is_map()) {
      WalkMap(v, c, nodes, settings, secret, depth);
    } else if (v.is_list()) {
      CheckCommon(v, c.path, nodes, settings, secret);
      // An argument list's item after `--password` is as secret as reports say.
      const std::vector<std::string_view> args = Arguments(v);
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        const Path child = c.path.Index(i);
        const bool item_secret = secret || IsSecretArgument(args, i, n_.secrets_);
        Walk(v.items()[i], n_.Child(c, child), Children(nodes, child), item_secret, depth + 1);
      }
      CheckUnique(v, c.path, nodes);
    } else {
      WalkScalar(v, c.path, nodes, settings, secret);
    }
    return settings.empty_absent.value_or(false) && IsEmptyValue(v);
  }

 private:
  const SchemaNode& node(int n) const { return schema_->node(n); }

  // Records a rewrite when tracing (explain); `by` names a keyword, or a
  // setting both a schema and `normalize:` can make ("env_tokens").
  void Note(const Path& path, std::string what, std::string by, const Value* before, const Value* after,
            bool secret) {
    if (!trace_) return;
    if (by.find(':') == std::string::npos) by = SettingSource(path, by);
    trace_->push_back({path.ToString(), std::move(what), std::move(by),
                       before ? std::optional<Value>(*before) : std::nullopt,
                       after ? std::optional<Value>(*after) : std::nullopt, secret});
  }

  std::string SettingSource(const Path& path, const std::string& setting) const {
    const auto [schema, spec] = n_.SettingsBySource(path);
    if (setting == "env_tokens") return schema.env_tokens ? "schema: x-drift-env-token" : "normalize: env_tokens";
    if (setting == "case") return schema.case_insensitive ? "schema: x-drift-case" : "normalize: case";
    if (setting == "empty") return schema.empty_absent ? "schema: x-drift-empty" : "normalize: empty";
    return setting;
  }

  std::vector<int> Children(const std::vector<int>& nodes, const Path& child) const {
    if (!schema_) return {};
    return ChildNodes(*schema_, nodes, child.segments().back());
  }

  // A value is quoted only where reports would show it whole: not a secret,
  // and nothing in it a value detector takes for a credential (then only its
  // kind is said: a partly redacted text can still show the rest of it).
  void Report(const Value& v, const Path& path, std::string expected, std::string keyword, bool secret) {
    const bool show = !secret && v.is_scalar() && !HoldsCredential(FlowText(v), n_.secrets_);
    out_.push_back({v.location(), path.ToString(), std::move(expected), show ? Found(v) : DescribeKind(v),
                    std::move(keyword)});
  }

  // A value the schema holds (an enum's, a const), hidden as a found one is.
  std::string SchemaValueText(const Value& v, bool secret) const {
    return secret ? "<redacted>" : FlowText(ShownValue::Of(v, n_.secrets_));
  }

  // A found string is always quoted, so "80a80" reads as the string it is.
  std::string Found(const Value& v) const {
    std::string text = FlowText(v);
    if (v.written().kind() != Value::Kind::kString || text.starts_with('"')) return text;
    std::string quoted = "\"";
    for (char c : text) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return quoted + '"';
  }

  // The nodes that apply to `v`: closed over $ref and allOf, plus the anyOf /
  // oneOf branches `v` matches (tried on a copy, so a failed branch leaves no trace).
  std::vector<int> Applicable(const std::vector<int>& direct, const Value& v, const Cursor& c, bool secret,
                              int depth) {
    std::vector<int> nodes = CloseOver(*schema_, direct, false);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const SchemaNode& s = node(nodes[i]);
      if (s.any_of.empty() && s.one_of.empty()) continue;
      std::vector<int> matched;
      std::vector<std::vector<Violation>> failures;
      for (int b : s.any_of) {
        auto trial = Trial(b, v, c, secret, depth);
        if (trial.empty()) matched.push_back(b);
        else failures.push_back(std::move(trial));
      }
      if (!s.any_of.empty() && matched.empty()) ReportNoBranch(v, c.path, failures, s.any_of.size(), secret);
      std::size_t one = 0;
      for (int b : s.one_of) {
        if (Trial(b, v, c, secret, depth).empty()) matched.push_back(b), ++one;
      }
      if (!s.one_of.empty() && one != 1) {
        Report(v, c.path, "a value matching exactly one of the " + std::to_string(s.one_of.size()) +
                              " oneOf schemas (it matches " + std::to_string(one) + ")", "oneOf", secret);
      }
      for (int m : CloseOver(*schema_, matched, false)) {
        if (std::find(nodes.begin(), nodes.end(), m) == nodes.end()) nodes.push_back(m);
      }
    }
    return nodes;
  }

  // The violations `v` would have against one branch, found on a copy.
  std::vector<Violation> Trial(int branch, const Value& v, const Cursor& c, bool secret, int depth) {
    Value copy = v;
    std::vector<Violation> trial;
    NormalizeWalker(n_, tokens_, trial).Walk(copy, c, {branch}, secret, depth + 1);
    return trial;
  }

  // When exactly one branch takes a value of this type, its own violations
  // say more than "matches none of the anyOf schemas".
  void ReportNoBranch(const Value& v, const Path& path, std::vector<std::vector<Violation>>& failures,
                      std::size_t branches, bool secret) {
    const std::string here = path.ToString();
    std::vector<Violation>* typed = nullptr;
    std::size_t count = 0;
    for (auto& f : failures) {
      const bool type_mismatch = std::any_of(f.begin(), f.end(), [&](const Violation& x) {
        return x.path == here && (x.keyword == "type" || x.keyword == "enum" || x.keyword == "const");
      });
      if (!type_mismatch) typed = &f, ++count;
    }
    if (count == 1) {
      out_.insert(out_.end(), typed->begin(), typed->end());
      return;
    }
    Report(v, path, "a value matching one of the " + std::to_string(branches) + " anyOf schemas", "anyOf", secret);
  }

  void WalkMap(Value& v, const Cursor& c, const std::vector<int>& nodes, const DriftSettings& settings,
               bool secret, int depth) {
    if (settings.dotted_keys.value_or(false)) ExpandDottedKeys(v);
    FillDefaults(v, nodes, c.path);
    CheckCommon(v, c.path, nodes, settings, secret);
    CheckKeys(v, c.path, nodes, secret);
    std::vector<std::string> dropped;
    // `{name: DB_PASSWORD, value: ...}`: every field but the name is the secret's.
    const bool names_secret = NamesASecret(v, n_.secrets_);
    for (std::size_t i = 0; i < v.size(); ++i) {
      // Below a secret, a key is itself secret: paths print its fingerprint;
      // so does a flat key with a secret level (`app.secrets.x`), whole.
      const bool secret_tail = SecretTailStart(v.key(i), n_.secrets_) != std::string::npos;
      const Path child = c.path.Key(v.key(i), secret || secret_tail);
      const bool child_secret = secret || secret_tail || n_.secrets_.IsSecretKey(v.key(i)) ||
                                (names_secret && v.key(i) != "name" && v.key(i) != "key") ||
                                SecretForItsHolder(v, v.key(i), n_.secrets_);
      if (Walk(v.value(i), n_.Child(c, child), Children(nodes, child), child_secret, depth + 1)) {
        dropped.push_back(v.key(i));
      }
    }
    for (const auto& key : dropped) {
      if (trace_) Note(c.path.Key(key), "empty value dropped", "empty", v.Find(key), nullptr, secret);
      v.Erase(key);
    }
    if (settings.env_tokens.value_or(EnvTokens::kOff) == EnvTokens::kKeys && !settings.must_differ.value_or(false)) {
      RenameKeys(v);
    }
  }

  void FillDefaults(Value& map, const std::vector<int>& nodes, const Path& path) {
    for (int n : nodes) {
      for (const auto& [name, child] : node(n).properties) {
        if (map.Find(name)) continue;
        for (int d : CloseOver(*schema_, {child}, false)) {
          if (const auto& value = node(d).default_value) {
            Note(path.Key(name), "default filled", "schema: default", nullptr, &*value, false);
            map.Insert(name, value->location(), *value);
            break;
          }
        }
      }
    }
  }

  // type, enum and const: the keywords every kind of value meets.
  bool CheckCommon(const Value& v, const Path& path, const std::vector<int>& nodes, const DriftSettings& settings,
                   bool secret) {
    bool ok = true;
    const bool insensitive = settings.case_insensitive.value_or(false);
    for (int n : nodes) {
      const SchemaNode& s = node(n);
      if (s.types && !(KindBits(v) & s.types)) {
        Report(v, path, ExpectedType(s), "type", secret);
        ok = false;
        continue;
      }
      if (s.enum_values && std::none_of(s.enum_values->begin(), s.enum_values->end(),
                                        [&](const Value& e) { return SameIgnoringCase(v, e, insensitive); })) {
        std::string list;
        for (const Value& e : *s.enum_values) list += (list.empty() ? "" : ", ") + SchemaValueText(e, secret);
        Report(v, path, "one of " + list, "enum", secret);
        ok = false;
      }
      if (s.const_value && !SameIgnoringCase(v, *s.const_value, insensitive)) {
        Report(v, path, SchemaValueText(*s.const_value, secret), "const", secret);
        ok = false;
      }
    }
    return ok;
  }

  void CheckKeys(const Value& map, const Path& path, const std::vector<int>& nodes, bool secret) {
    for (int n : nodes) {
      const SchemaNode& s = node(n);
      for (const std::string& key : s.required) {
        if (!map.Find(key)) {
          out_.push_back({map.location(), path.Key(key, secret).ToString(), "a value (required)", "nothing", "required"});
        }
      }
      if (s.additional_allowed) continue;
      std::vector<std::string> known;
      for (const auto& [name, child] : s.properties) known.push_back(name);
      for (std::size_t i = 0; i < map.size(); ++i) {
        const std::string& key = map.key(i);
        if (s.properties.contains(key)) continue;
        if (std::any_of(s.pattern_properties.begin(), s.pattern_properties.end(),
                        [&](const auto& p) { return re2::RE2::PartialMatch(key, *p.first); })) {
          continue;
        }
        const std::string hint = DidYouMean(key, known);
        out_.push_back({map.key_location(i), path.Key(key, secret).ToString(),
                        "a key the schema names" + (hint.empty() ? "" : " (" + hint + ")"),
                        "an unknown key", "additionalProperties"});
      }
    }
  }

  void CheckUnique(const Value& list, const Path& path, const std::vector<int>& nodes) {
    const bool unique = std::any_of(nodes.begin(), nodes.end(), [&](int n) { return node(n).unique_items; });
    if (!unique) return;
    const auto& items = list.items();
    for (std::size_t j = 1; j < items.size() && j < kMaxUniqueCheck; ++j) {
      for (std::size_t i = 0; i < j; ++i) {
        if (SameValue(items[i], items[j])) {
          out_.push_back({items[j].location(), path.Index(j).ToString(), "unique items",
                          "a repeat of item [" + std::to_string(i) + "]", "uniqueItems"});
          break;
        }
      }
    }
  }

  void Coerce(Value& v, const std::vector<int>& nodes, const Path& path, bool secret) {
    std::uint8_t wanted = 0xFF;
    for (int n : nodes) {
      if (node(n).types) wanted &= node(n).types;
    }
    if (wanted == 0xFF || wanted == 0 || (KindBits(v) & wanted)) return;
    if (v.kind() == Value::Kind::kString) {
      if (auto coerced = CoerceString(v, wanted)) {
        Note(path, "coerced to the schema's type", "schema: type", &v, &*coerced, secret);
        v.Rewrite(std::move(*coerced));
      }
    } else if ((v.is_number() || v.kind() == Value::Kind::kBool) && (wanted & SchemaNode::kString)) {
      Value text = Value::String(v.text(), false, v.location());
      Note(path, "coerced to the schema's type", "schema: type", &v, &text, secret);
      v.Rewrite(std::move(text));
    }
  }

  void WalkScalar(Value& v, const Path& path, const std::vector<int>& nodes, const DriftSettings& settings,
                  bool secret) {
    Coerce(v, nodes, path, secret);
    if (!CheckCommon(v, path, nodes, settings, secret)) return;
    Format format = Format::kNone;
    for (int n : nodes) {
      if (!CheckScalar(v, path, node(n), secret)) return;
      if (node(n).format != Format::kNone && node(n).format != Format::kAnnotation) format = node(n).format;
    }
    // must-differ judges values as written (after type coercion only):
    // `db.staging.x` and `db.production.x` are two hosts, not one.
    const bool as_written = settings.must_differ.value_or(false);
    if (format != Format::kNone && !v.is_null() && v.kind() != Value::Kind::kBool) {
      auto canonical = CanonicalFormat(v, format);
      if (!canonical) return Report(v, path, FormatExample(format), "format", secret);
      if (!as_written) {
        Note(path, "canonical form", "schema: format", &v, &*canonical, secret);
        v.Rewrite(std::move(*canonical));
      }
    }
    if (as_written || v.kind() != Value::Kind::kString) return;
    if (settings.case_insensitive.value_or(false)) {
      std::string lower = Lower(v.text());
      if (lower != v.text()) {
        Value lowered = Value::String(std::move(lower), v.quoted(), v.location());
        Note(path, "lower-cased", "case", &v, &lowered, secret);
        v.Rewrite(std::move(lowered));
      }
    }
    const EnvTokens mode = settings.env_tokens.value_or(EnvTokens::kOff);
    if (mode == EnvTokens::kOff || tokens_.empty()) return;
    std::string text = mode == EnvTokens::kReplace ? ReplaceEnvTokens(v.text(), tokens_)
                                                   : DropEnvTokens(v.text(), tokens_);
    if (text != v.text()) {
      Value tokened = Value::String(std::move(text), v.quoted(), v.location());
      Note(path, "environment name replaced", "env_tokens", &v, &tokened, secret);
      v.Rewrite(std::move(tokened));
    }
  }

  // Range, length and pattern; false when one fails (the value is then left as written).
  bool CheckScalar(const Value& v, const Path& path, const SchemaNode& s, bool secret) {
    if (v.is_number()) {
      const double x = v.as_double();
      if ((s.minimum && x < *s.minimum) || (s.maximum && x > *s.maximum) ||
          (s.exclusive_minimum && x <= *s.exclusive_minimum) || (s.exclusive_maximum && x >= *s.exclusive_maximum)) {
        Report(v, path, ExpectedType(s), "minimum/maximum", secret);
        return false;
      }
    }
    if (v.kind() != Value::Kind::kString) return true;
    const std::size_t length = CodePoints(v.text());
    if ((s.min_length && static_cast<std::int64_t>(length) < *s.min_length) ||
        (s.max_length && static_cast<std::int64_t>(length) > *s.max_length)) {
      std::string want = "a string of ";
      if (s.min_length && s.max_length) want += std::to_string(*s.min_length) + ".." + std::to_string(*s.max_length);
      else if (s.min_length) want += "at least " + std::to_string(*s.min_length);
      else want += "at most " + std::to_string(*s.max_length);
      want += " characters";
      if (s.min_length == 1 && !s.max_length) want = "a non-empty string";
      Report(v, path, want, "minLength/maxLength", secret);
      return false;
    }
    if (s.pattern && !re2::RE2::PartialMatch(v.text(), *s.pattern)) {
      Report(v, path, "a string matching '" + s.pattern_text + "'", "pattern", secret);
      return false;
    }
    return true;
  }

  // `keys` mode: a token in a key becomes the `{env}` placeholder, so
  // `uat_environment_name` and `production_environment_name` are one key,
  // never confused with an `environment_name` beside them; a key that would
  // collide with one already there keeps its written form.
  void RenameKeys(Value& map) {
    bool any = false;
    for (std::size_t i = 0; i < map.size() && !any; ++i) any = ReplaceEnvTokens(map.key(i), tokens_) != map.key(i);
    if (!any) return;
    Value out = Value::Map(map.location());
    for (std::size_t i = 0; i < map.size(); ++i) {
      std::string key = ReplaceEnvTokens(map.key(i), tokens_);
      if (key != map.key(i) && (map.Find(key) || out.Find(key))) key = map.key(i);
      const bool hidden = map.key_hidden(i);
      out.Insert(key, map.key_location(i), std::move(map.value(i)));
      if (hidden) out.HideKey(out.size() - 1);
    }
    out.AddAnchors(map.anchors());
    map = std::move(out);
  }

  const Normalizer& n_;
  const Schema* schema_;
  const std::vector<std::string>& tokens_;
  std::vector<Violation>& out_;
  std::vector<NormalizeStep>* trace_;  // null unless explain asked for a trace
};

namespace {

// What the walk of a plain normalizer still does: refuse a document nested
// deeper than it would walk. Loaders stop far shallower input already.
void CheckNesting(const Value& v, int depth) {
  if (depth > kMaxDepth) throw InputError(v.location(), "configuration nested too deeply to validate");
  if (v.is_scalar()) return;
  for (const Value& child : v.items()) CheckNesting(child, depth + 1);
}

}  // namespace

std::vector<Violation> Normalizer::Normalize(Value& document, const std::vector<std::string>& env_tokens,
                                             std::vector<NormalizeStep>* trace) const {
  std::vector<Violation> out;
  if (!schema_ && spec_.rules.empty()) {
    // No schema and no settings placed by path: no check can fail and no
    // rewrite applies (env_tokens, case, empty and keys are all unset).
    CheckNesting(document, 0);
    return out;
  }
  const Cursor root = Root();
  std::vector<int> direct;
  if (schema_) direct.push_back(schema_->root());
  NormalizeWalker(*this, env_tokens, out, trace).Walk(document, root, direct, false, 0);
  return out;
}

}  // namespace driftcheck
