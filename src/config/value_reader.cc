#include "config/value_reader.h"

#include <algorithm>

#include "core/error.h"
#include "core/suggest.h"

namespace driftcheck {
namespace {

// What to write instead, for the shapes people mix up (never the value itself).
std::string ShapeHint(const Value& value, std::string_view expected) {
  if (expected.starts_with("a list") && value.is_scalar()) return "write a list, even of one item: [ITEM]";
  if (expected.starts_with("a map") && value.is_list()) return "write a map of KEY: VALUE, e.g. {KEY: VALUE}";
  return {};
}

[[noreturn]] void Mismatch(const Value& value, std::string_view what, std::string_view expected) {
  throw InputError(value.location(),
                   std::string(what) + ": expected " + std::string(expected) + ", found " + DescribeKind(value),
                   ShapeHint(value, expected));
}

}  // namespace

std::string DescribeKind(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull: return "nothing (null)";
    case Value::Kind::kBool: return "a boolean";
    case Value::Kind::kInt: return "an integer";
    case Value::Kind::kFloat: return "a number";
    case Value::Kind::kString: return "a string";
    case Value::Kind::kList: return "a list";
    case Value::Kind::kMap: return "a map";
  }
  return "a value";
}

const Value& ExpectMap(const Value& value, std::string_view what) {
  if (!value.is_map()) Mismatch(value, what, "a map");
  return value;
}

const Value& ExpectList(const Value& value, std::string_view what) {
  if (!value.is_list()) Mismatch(value, what, "a list");
  return value;
}

const std::string& ExpectString(const Value& value, std::string_view what) {
  if (!value.is_scalar() || value.is_null() || value.kind() == Value::Kind::kBool) {
    Mismatch(value, what, "a string");
  }
  return value.text();
}

std::vector<std::string> ExpectStringList(const Value& value, std::string_view what) {
  std::vector<std::string> out;
  for (const Value& item : ExpectList(value, what).items()) out.push_back(ExpectString(item, what));
  return out;
}

std::int64_t ExpectInt(const Value& value, std::string_view what) {
  if (value.kind() != Value::Kind::kInt) Mismatch(value, what, "an integer");
  return value.as_int();
}

bool ExpectBool(const Value& value, std::string_view what) {
  if (value.kind() != Value::Kind::kBool) Mismatch(value, what, "true or false");
  return value.as_bool();
}

void RejectUnknownKeys(const Value& map, const std::vector<std::string>& known,
                       std::string_view context) {
  for (std::size_t i = 0; i < map.size(); ++i) {
    if (std::find(known.begin(), known.end(), map.key(i)) != known.end()) continue;
    std::string hint = DidYouMean(map.key(i), known);
    if (hint.empty()) {
      hint = "known keys here: ";
      for (std::size_t k = 0; k < known.size(); ++k) hint += (k ? ", " : "") + known[k];
    }
    throw InputError(map.key_location(i),
                     "unknown key '" + map.key(i) + "' in " + std::string(context), hint);
  }
}

const Value& RequireKey(const Value& map, std::string_view key, std::string_view context) {
  if (const Value* found = map.Find(key)) return *found;
  throw InputError(map.location(),
                   "missing required key '" + std::string(key) + "' in " + std::string(context),
                   "add '" + std::string(key) + ":' here");
}

}  // namespace driftcheck
