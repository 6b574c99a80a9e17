#include "schema/settings.h"

#include <algorithm>

#include <functional>

#include "config/value_reader.h"
#include "core/error.h"
#include "core/suggest.h"
#include "schema/behaviours.h"

namespace driftcheck {
namespace {

template <typename T>
void Take(std::optional<T>& field, const std::optional<T>& over) {
  if (over) field = over;
}

// ---- normalize: --------------------------------------------------------------

using SettingParser = std::function<void(const Value& value, DriftSettings& out)>;

[[noreturn]] void BadChoice(const Value& value, std::string_view what, const std::vector<std::string>& choices) {
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  const std::string hint = value.kind() == Value::Kind::kString ? DidYouMean(value.text(), choices) : "";
  // A manifest or schema value, never configuration: safe to quote.
  const std::string found =
      value.kind() == Value::Kind::kString ? "'" + value.text() + "'" : DescribeKind(value);
  throw InputError(value.location(), std::string(what) + ": expected one of " + list + ", found " + found,
                   hint);
}

std::string Choice(const Value& value, std::string_view what, const std::vector<std::string>& choices) {
  return ExpectChoice(value, what, choices);
}

// Each setting read the same way from a `normalize:` entry and from its
// schema keyword; `what` names where it was written.
void ReadEnvTokens(const Value& v, std::string_view what, DriftSettings& out) {
  out.env_tokens = ExpectEnvTokens(v, what);
}
void ReadEmpty(const Value& v, std::string_view what, DriftSettings& out) {
  out.empty_absent = Choice(v, what, {"absent", "keep"}) == "absent";
}
void ReadKeys(const Value& v, std::string_view what, DriftSettings& out) {
  out.dotted_keys = Choice(v, what, {"dotted", "plain"}) == "dotted";
}
void ReadCase(const Value& v, std::string_view what, DriftSettings& out) {
  out.case_insensitive = Choice(v, what, {"insensitive", "sensitive"}) == "insensitive";
}

// `key: value` for the whole source, or `key: {pattern: value, ...}`.
using SettingReader = void (*)(const Value& value, std::string_view what, DriftSettings& out);

void ParseSetting(const Value& value, std::string_view what, SettingReader read, NormalizeSpec& spec) {
  const SettingParser parse = [&](const Value& v, DriftSettings& out) { read(v, what, out); };
  if (!value.is_map()) {
    DriftSettings settings;
    parse(value, settings);
    spec.rules.push_back({PathPattern::Parse("**", value.location()), settings});
    return;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    DriftSettings settings;
    parse(value.value(i), settings);
    spec.rules.push_back({PathPattern::Parse(value.key(i), value.key_location(i)), settings});
  }
}

void ParsePathList(const Value& value, std::string_view what, const DriftSettings& settings,
                   NormalizeSpec& spec) {
  for (const Value& item : ExpectList(value, what).items()) {
    spec.rules.push_back({PathPattern::Parse(ExpectString(item, what), item.location()), settings});
  }
}

ListRule ParseListRule(const Value& value) {
  if (value.is_map()) {
    RejectUnknownKeys(value, {"key"}, "a list rule");
    const std::string& key = ExpectString(RequireKey(value, "key", "a list rule"), "'key'");
    return {ListMatch::kByKey, key};
  }
  const std::string c = Choice(value, "a list rule", {"set", "ordered"});
  return {c == "set" ? ListMatch::kAsSet : ListMatch::kByIndex, ""};
}

// A flag placed on each path of a list: `ignore: [a.b, c]`.
template <std::optional<bool> DriftSettings::*flag>
void ParseFlagPaths(const Value& value, std::string_view what, NormalizeSpec& spec) {
  DriftSettings settings;
  settings.*flag = true;
  ParsePathList(value, what, settings, spec);
}

void ParseLists(const Value& lists, NormalizeSpec& spec) {
  ExpectMap(lists, "'lists'");
  for (std::size_t i = 0; i < lists.size(); ++i) {
    spec.lists.push_back({PathPattern::Parse(lists.key(i), lists.key_location(i)), ParseListRule(lists.value(i))});
  }
}

// ---- Schema keywords ------------------------------------------------------------

template <SettingReader read>
constexpr SchemaKeyword SettingKeyword(std::string_view name) {
  return {name, [](const Value& v, std::string_view what, SchemaMarks m) { read(v, what, m.drift); }};
}

constexpr SchemaKeyword kEnvTokenKeywords[] = {SettingKeyword<ReadEnvTokens>("x-drift-env-token")};
constexpr SchemaKeyword kEmptyKeywords[] = {SettingKeyword<ReadEmpty>("x-drift-empty")};
constexpr SchemaKeyword kKeysKeywords[] = {SettingKeyword<ReadKeys>("x-drift-keys")};
constexpr SchemaKeyword kCaseKeywords[] = {SettingKeyword<ReadCase>("x-drift-case")};
constexpr SchemaKeyword kListKeywords[] = {
    // x-drift-key wins over x-drift-list, whichever the schema writes first.
    {"x-drift-list",
     [](const Value& v, std::string_view what, SchemaMarks m) {
       const bool set = Choice(v, what, {"set", "ordered"}) == "set";
       if (!m.list || m.list->match != ListMatch::kByKey) {
         m.list = ListRule{set ? ListMatch::kAsSet : ListMatch::kByIndex, ""};
       }
     }},
    {"x-drift-key",
     [](const Value& v, std::string_view what, SchemaMarks m) {
       m.list = ListRule{ListMatch::kByKey, ExpectString(v, what)};
     }},
};
// One keyword for two behaviours (ignore, must_differ): read in ignore's row.
constexpr SchemaKeyword kDriftKeywords[] = {
    {"x-drift", [](const Value& v, std::string_view what, SchemaMarks m) {
       (Choice(v, what, {"ignore", "must-differ"}) == "ignore" ? m.drift.ignore : m.drift.must_differ) = true;
     }}};
constexpr SchemaKeyword kSecretKeywords[] = {
    {"x-drift-secret", [](const Value& v, std::string_view what, SchemaMarks m) {
       m.drift.secret = ExpectBool(v, what);
     }}};

constexpr NormalizeBehaviour kBehaviours[] = {
    {"env_tokens", "x-drift-env-token",
     "an environment's name or alias inside a string reads as {env} (true, optional, keys)",
     [](const Value& v, NormalizeSpec& spec) { ParseSetting(v, "'env_tokens'", ReadEnvTokens, spec); },
     kEnvTokenKeywords},
    {"empty", "x-drift-empty", "an empty string, list or map equals an absent key (absent, keep)",
     [](const Value& v, NormalizeSpec& spec) { ParseSetting(v, "'empty'", ReadEmpty, spec); }, kEmptyKeywords},
    {"keys", "x-drift-keys", "a key written a.b.c is the nested path (dotted, plain)",
     [](const Value& v, NormalizeSpec& spec) { ParseSetting(v, "'keys'", ReadKeys, spec); }, kKeysKeywords},
    {"case", "x-drift-case", "strings compare without case (insensitive, sensitive)",
     [](const Value& v, NormalizeSpec& spec) { ParseSetting(v, "'case'", ReadCase, spec); }, kCaseKeywords},
    {"lists", "x-drift-list, x-drift-key", "how list items pair: ordered, set, or {key: FIELD}", ParseLists,
     kListKeywords},
    {"ignore", "x-drift: ignore", "these paths are left out of the comparison",
     [](const Value& v, NormalizeSpec& spec) { ParseFlagPaths<&DriftSettings::ignore>(v, "'ignore'", spec); },
     kDriftKeywords},
    {"must_differ", "x-drift: must-differ", "equal values at these paths are a finding",
     [](const Value& v, NormalizeSpec& spec) {
       ParseFlagPaths<&DriftSettings::must_differ>(v, "'must_differ'", spec);
     },
     {}},
    {"secret", "x-drift-secret", "values at these paths are secrets, never printed",
     [](const Value& v, NormalizeSpec& spec) { ParseFlagPaths<&DriftSettings::secret>(v, "'secret'", spec); },
     kSecretKeywords},
};

}  // namespace

std::span<const NormalizeBehaviour> NormalizeBehaviours() { return kBehaviours; }

std::string ExpectChoice(const Value& value, std::string_view what,
                         const std::vector<std::string>& choices) {
  if (value.kind() == Value::Kind::kBool) {
    std::string text = value.as_bool() ? "true" : "false";
    for (const auto& c : choices) {
      if (text == c) return text;
    }
  }
  if (value.kind() == Value::Kind::kString) {
    for (const auto& c : choices) {
      if (value.text() == c) return c;
    }
  }
  BadChoice(value, what, choices);
}

EnvTokens ExpectEnvTokens(const Value& value, std::string_view what) {
  const std::string c = ExpectChoice(value, what, {"true", "false", "optional", "keys"});
  return c == "true"       ? EnvTokens::kReplace
         : c == "optional" ? EnvTokens::kOptional
         : c == "keys"     ? EnvTokens::kKeys
                           : EnvTokens::kOff;
}

void DriftSettings::Overlay(const DriftSettings& over) {
  Take(env_tokens, over.env_tokens);
  Take(empty_absent, over.empty_absent);
  Take(dotted_keys, over.dotted_keys);
  Take(case_insensitive, over.case_insensitive);
  Take(secret, over.secret);
  Take(ignore, over.ignore);
  Take(must_differ, over.must_differ);
}

DriftSettings DriftSettings::Or(const DriftSettings& fallback) const {
  DriftSettings out = fallback;
  out.Overlay(*this);
  return out;
}

NormalizeSpec ParseNormalizeSpec(const Value& map) {
  ExpectMap(map, "'normalize'");
  std::vector<std::string> keys;
  for (const NormalizeBehaviour& b : kBehaviours) keys.emplace_back(b.key);
  RejectUnknownKeys(map, keys, "'normalize'");
  NormalizeSpec spec;
  for (const NormalizeBehaviour& b : kBehaviours) {
    if (const Value* v = map.Find(std::string(b.key))) b.parse(*v, spec);
  }
  return spec;
}

}  // namespace driftcheck
