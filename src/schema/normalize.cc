#include "schema/normalize.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "config/value_reader.h"
#include "core/error.h"
#include "core/strings.h"
#include "core/suggest.h"
#include "core/units.h"
#include "finding/finding.h"
#include "schema/env_tokens.h"
#include "schema/uri.h"

namespace driftcheck {
namespace {

constexpr int kMaxDepth = 200;       // nesting of the configuration
constexpr std::size_t kMaxNodes = 4096;  // schema nodes applying at one place

// Adds `from` into `into`, failing where both set the same non-map path.
void MergeStrict(Value& into, Value from, const std::string& written_as) {
  for (std::size_t i = 0; i < from.size(); ++i) {
    Value* existing = into.Find(from.key(i));
    if (!existing) {
      into.Insert(from.key(i), from.key_location(i), std::move(from.value(i)));
    } else if (existing->is_map() && from.value(i).is_map()) {
      MergeStrict(*existing, std::move(from.value(i)), written_as);
    } else {
      throw InputError(from.key_location(i), "key '" + written_as + "' sets a value that another key of this file already sets",
                       "a dotted key and its nested form must not set the same path");
    }
  }
}

}  // namespace

// ---- Violation ----------------------------------------------------------------

std::string Violation::ToString() const {
  std::string out = location.ToString();
  if (!out.empty()) out += ": ";
  if (!path.empty()) out += path + ": ";
  return out + "expected " + expected + ", found " + found;
}

// ---- Schema navigation ----------------------------------------------------------

std::vector<int> CloseOver(const Schema& schema, std::vector<int> nodes, bool branches) {
  std::set<int> seen(nodes.begin(), nodes.end());
  for (std::size_t i = 0; i < nodes.size() && nodes.size() < kMaxNodes; ++i) {
    const SchemaNode& node = schema.node(nodes[i]);
    std::vector<int> next = node.all_of;
    if (node.ref != SchemaNode::kNone) next.push_back(node.ref);
    if (branches) {
      next.insert(next.end(), node.any_of.begin(), node.any_of.end());
      next.insert(next.end(), node.one_of.begin(), node.one_of.end());
    }
    for (int n : next) {
      if (seen.insert(n).second) nodes.push_back(n);
    }
  }
  return nodes;
}

std::vector<int> ChildNodes(const Schema& schema, const std::vector<int>& nodes, const PathSegment& segment) {
  std::vector<int> out;
  for (int index : nodes) {
    const SchemaNode& node = schema.node(index);
    if (segment.kind != PathSegment::Kind::kKey) {
      if (node.items != SchemaNode::kNone) out.push_back(node.items);
      continue;
    }
    bool matched = false;
    if (auto p = node.properties.find(segment.key); p != node.properties.end()) {
      out.push_back(p->second);
      matched = true;
    }
    for (const auto& [re, child] : node.pattern_properties) {
      if (re2::RE2::PartialMatch(segment.key, *re)) {
        out.push_back(child);
        matched = true;
      }
    }
    if (!matched && node.additional != SchemaNode::kNone) out.push_back(node.additional);
  }
  return out;
}

// ---- Normalizer: settings and policy --------------------------------------------

Normalizer::Normalizer(std::shared_ptr<const Schema> schema, NormalizeSpec spec, SecretMatcher secrets)
    : schema_(std::move(schema)), spec_(std::move(spec)), secrets_(std::move(secrets)) {}

Normalizer::Cursor Normalizer::Root() const {
  Cursor root;
  if (schema_) root.nodes = CloseOver(*schema_, {schema_->root()}, true);
  for (int n : root.nodes) root.schema.Overlay(schema_->node(n).drift);
  for (const auto& rule : spec_.rules) {
    if (rule.pattern.Matches(root.path)) root.spec.Overlay(rule.settings);
  }
  return root;
}

Normalizer::Cursor Normalizer::Child(const Cursor& parent, const Path& child) const {
  Cursor out;
  out.path = child;
  out.schema = parent.schema;
  out.spec = parent.spec;
  if (schema_ && !child.empty()) {
    out.nodes = CloseOver(*schema_, ChildNodes(*schema_, parent.nodes, child.segments().back()), true);
    for (int n : out.nodes) out.schema.Overlay(schema_->node(n).drift);
  }
  for (const auto& rule : spec_.rules) {
    if (rule.pattern.Matches(child)) out.spec.Overlay(rule.settings);
  }
  return out;
}

DriftSettings Normalizer::SettingsAt(const Path& path) const {
  const auto [schema, spec] = SettingsBySource(path);
  return schema.Or(spec);
}

std::pair<DriftSettings, DriftSettings> Normalizer::SettingsBySource(const Path& path) const {
  if (!schema_ && spec_.rules.empty()) return {};  // every path has the defaults
  if (!schema_) {
    // `normalize:` alone: the rules matching the root and each prefix of
    // `path`, in that order, as Child would overlay them on the way down.
    DriftSettings spec;
    std::vector<PathSegment> prefix;
    prefix.reserve(path.segments().size());
    for (std::size_t depth = 0;; ++depth) {
      for (const auto& rule : spec_.rules) {
        if (rule.pattern.Matches(prefix)) spec.Overlay(rule.settings);
      }
      if (depth == path.segments().size()) break;
      const PathSegment& segment = path.segments()[depth];
      // Child paths carry kind, key and index only (as Key/Index make them).
      prefix.push_back(segment.kind == PathSegment::Kind::kKey
                           ? PathSegment{PathSegment::Kind::kKey, segment.key, 0, {}, false}
                           : PathSegment{PathSegment::Kind::kIndex, {}, segment.index, {}, false});
    }
    return {DriftSettings{}, spec};
  }
  Cursor cursor = Root();
  Path walked;
  for (const PathSegment& segment : path.segments()) {
    walked = segment.kind == PathSegment::Kind::kKey ? walked.Key(segment.key) : walked.Index(segment.index);
    cursor = Child(cursor, walked);
  }
  return {cursor.schema, cursor.spec};
}

ListRule Normalizer::ListAt(const Path& path) const {
  if (schema_) {
    Cursor cursor = Root();
    Path walked;
    for (const PathSegment& segment : path.segments()) {
      walked = segment.kind == PathSegment::Kind::kKey ? walked.Key(segment.key) : walked.Index(segment.index);
      cursor = Child(cursor, walked);
    }
    for (int n : cursor.nodes) {
      if (schema_->node(n).list) return *schema_->node(n).list;
    }
  }
  std::optional<ListRule> rule;
  for (const auto& list : spec_.lists) {
    if (list.pattern.Matches(path)) rule = list.rule;
  }
  return rule.value_or(ListRule{});
}

bool Normalizer::Skip(const Path& path) const { return SettingsAt(path).ignore.value_or(false); }
bool Normalizer::MustDiffer(const Path& path) const { return SettingsAt(path).must_differ.value_or(false); }
bool Normalizer::Secret(const Path& path) const { return SettingsAt(path).secret.value_or(false); }

// ---- Dotted keys and nulls --------------------------------------------------------

void ExpandDottedKeys(Value& map) {
  if (!map.is_map()) return;
  bool any = false;
  for (std::size_t i = 0; i < map.size() && !any; ++i) any = map.key(i).find('.') != std::string::npos;
  if (!any) return;
  Value out = Value::Map(map.location());
  for (std::size_t i = 0; i < map.size(); ++i) {
    const std::string& key = map.key(i);
    const auto parts = Split(key, '.');
    const bool dotted = parts.size() > 1 && std::none_of(parts.begin(), parts.end(), [](auto p) { return p.empty(); });
    Value entry = Value::Map(map.key_location(i));
    if (!dotted) {
      entry.Insert(key, map.key_location(i), std::move(map.value(i)));
    } else {
      // Build {a: {b: {c: value}}} and merge it in like any other entry.
      Value nested = std::move(map.value(i));
      for (std::size_t p = parts.size(); p-- > 1;) {
        Value wrap = Value::Map(map.key_location(i));
        wrap.Insert(std::string(parts[p]), map.key_location(i), std::move(nested));
        nested = std::move(wrap);
      }
      entry.Insert(std::string(parts[0]), map.key_location(i), std::move(nested));
    }
    MergeStrict(out, std::move(entry), key);
  }
  out.AddAnchors(map.anchors());
  map = std::move(out);
}

namespace {
void DropNullsAt(Value& value, int depth) {
  if (depth > kMaxDepth) throw InputError(value.location(), "configuration nested too deeply");
  if (value.is_list()) {
    for (Value& item : value.items()) DropNullsAt(item, depth + 1);
    return;
  }
  if (!value.is_map()) return;
  std::vector<std::string> nulls;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.value(i).is_null()) nulls.push_back(value.key(i));
    else DropNullsAt(value.value(i), depth + 1);
  }
  for (const auto& key : nulls) value.Erase(key);
}
}  // namespace

void DropNulls(Value& value) { DropNullsAt(value, 0); }

void Normalizer::ExpandKeys(Value& layer) const {
  if (!schema_ && spec_.rules.empty()) return;  // nothing places `keys: dotted`
  ExpandKeysAt(layer, Root(), 0);
}

void Normalizer::ExpandKeysAt(Value& value, const Cursor& cursor, int depth) const {
  if (depth > kMaxDepth) throw InputError(value.location(), "configuration nested too deeply");
  if (value.is_map()) {
    if (cursor.Effective().dotted_keys.value_or(false)) ExpandDottedKeys(value);
    for (std::size_t i = 0; i < value.size(); ++i) {
      ExpandKeysAt(value.value(i), Child(cursor, cursor.path.Key(value.key(i))), depth + 1);
    }
  } else if (value.is_list()) {
    for (std::size_t i = 0; i < value.items().size(); ++i) {
      ExpandKeysAt(value.items()[i], Child(cursor, cursor.path.Index(i)), depth + 1);
    }
  }
}

}  // namespace driftcheck
