#include "rules/rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <tuple>
#include <set>

#include "config/loader.h"
#include "config/value_reader.h"
#include "core/suggest.h"
#include "manifest/manifest.h"
#include "finding/finding.h"

namespace driftcheck {
namespace {

const std::vector<std::string> kRuleKeys = {"id",     "path",   "finding", "kind",    "source", "where",
                                            "expect", "reason", "owner",   "expires", "ticket"};

bool IsKebabCase(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  if (id.find("--") != std::string_view::npos) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool IsFindingId(std::string_view id) {
  return id.size() == 16 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Reads one rule; `context` ("rule 'x'") goes into every message.
class RuleReader {
 public:
  RuleReader(const Value& entry, const Manifest* manifest) : entry_(entry), manifest_(manifest) {}

  Rule Read() {
    ExpectMap(entry_, "each rule");
    rule_.location = entry_.location();
    ReadId();
    RejectUnknownKeys(entry_, kRuleKeys, context_);
    if (const Value* v = entry_.Find("kind")) ReadKinds(*v);
    ReadTarget();
    rule_.reason = RequiredText("reason");
    rule_.owner = RequiredText("owner");
    if (const Value* v = entry_.Find("source")) ReadSource(*v);
    if (const Value* v = entry_.Find("where")) ReadWhere(*v);
    if (const Value* v = entry_.Find("expect")) ReadExpect(*v);
    if (const Value* v = entry_.Find("expires")) ReadExpires(*v);
    if (const Value* v = entry_.Find("ticket")) rule_.ticket = ExpectString(*v, context_ + ": 'ticket'");
    return std::move(rule_);
  }

 private:
  [[noreturn]] void Fail(const Location& at, const std::string& message, std::string hint = {}) const {
    throw InputError(at, context_ + ": " + message, std::move(hint));
  }

  void ReadId() {
    const Value& id = RequireKey(entry_, "id", "a rule");
    rule_.id = ExpectString(id, "a rule's 'id'");
    context_ = "rule '" + rule_.id + "'";
    if (!IsKebabCase(rule_.id)) {
      Fail(id.location(), "the id must be kebab-case", "lower-case letters, digits and '-', e.g. staging-small-db-pool");
    }
  }

  std::string RequiredText(std::string_view key) {
    const Value& v = RequireKey(entry_, key, context_);
    const std::string& text = ExpectString(v, context_ + ": '" + std::string(key) + "'");
    if (text.empty()) Fail(v.location(), "'" + std::string(key) + "' is empty", "say why, and who owns it");
    // `check --suggest-rules` writes TODO: a suggestion allows nothing until
    // someone accountable has filled it in.
    if (text == "TODO") {
      Fail(v.location(), "'" + std::string(key) + "' still reads TODO",
           key == "reason" ? "say why this drift is intended" : "name the team that owns this drift");
    }
    return text;
  }

  void ReadTarget() {
    const Value* path = entry_.Find("path");
    const Value* finding = entry_.Find("finding");
    if (path && finding) Fail(finding->location(), "give 'path' or 'finding', not both");
    if (!path && !finding) {
      if (!rule_.kinds.empty()) return;  // every finding of these kinds
      Fail(entry_.location(), "missing required key 'path' (or 'finding')",
           "path: database.pool_size, finding: <the id a report prints>, or kind: same-secret");
    }
    if (finding) {
      rule_.finding = ExpectString(*finding, context_ + ": 'finding'");
      if (!IsFindingId(rule_.finding)) {
        Fail(finding->location(), "'finding' must be a finding id: 16 hex digits",
             "copy it from a report, e.g. finding: 3f2a9c1d0b7e4411");
      }
      return;
    }
    const std::string& text = ExpectString(*path, context_ + ": 'path'");
    try {
      rule_.path = PathPattern::Parse(text);
    } catch (const PathSyntaxError& e) {
      Location at = path->location();
      at.column += static_cast<int>(e.offset) + (path->quoted() ? 1 : 0);
      Fail(at, "bad path '" + text + "': " + e.message,
           "paths look like a.b, a.*.c, a.**, list[3], routes[name=health].timeout, env.SENTRY_*");
    }
  }

  // `kind: same-secret` or `kind: [changed, only-in-staging]`.
  void ReadKinds(const Value& v) {
    std::vector<const Value*> items;
    if (v.is_list()) {
      for (const Value& item : v.items()) items.push_back(&item);
      if (items.empty()) Fail(v.location(), "'kind' is an empty list", "name a finding kind, e.g. kind: same-secret");
    } else {
      items.push_back(&v);
    }
    const std::vector<std::string> known = KnownKinds();
    for (const Value* item : items) {
      const std::string& kind = ExpectString(*item, context_ + ": 'kind'");
      if (std::find(known.begin(), known.end(), kind) == known.end()) {
        Fail(item->location(), "unknown finding kind '" + kind + "'", DidYouMean(kind, known));
      }
      rule_.kinds.push_back(kind);
    }
  }

  // Kind names a rule may scope to: each kind's family, and only-in-ENV for
  // the manifest's environments (any spelling without a manifest).
  std::vector<std::string> KnownKinds() const {
    std::vector<std::string> kinds;
    for (FindingKind kind : AllFindingKinds()) kinds.emplace_back(KindFamilyName(kind));
    if (manifest_) {
      for (const auto& env : manifest_->environments) kinds.push_back("only-in-" + env.name);
    } else if (const Value* v = entry_.Find("kind")) {
      auto add = [&](const Value& item) {
        if (item.kind() == Value::Kind::kString && item.text().starts_with("only-in-")) kinds.push_back(item.text());
      };
      if (v->is_list()) {
        for (const Value& item : v->items()) add(item);
      } else {
        add(*v);
      }
    }
    return kinds;
  }

  void ReadSource(const Value& v) {
    rule_.source = ExpectString(v, context_ + ": 'source'");
    if (!manifest_) return;
    std::vector<std::string> names;
    for (const auto& source : manifest_->sources) names.push_back(source.name);
    if (std::find(names.begin(), names.end(), rule_.source) == names.end()) {
      Fail(v.location(), "unknown source '" + rule_.source + "'", DidYouMean(rule_.source, names));
    }
  }

  void ReadWhere(const Value& v) {
    ExpectMap(v, context_ + ": 'where'");
    const std::vector<std::string> known = Placeholders();
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (manifest_ && std::find(known.begin(), known.end(), v.key(i)) == known.end()) {
        // A misspelt placeholder would quietly match nothing.
        Fail(v.key_location(i), "no source" + (rule_.source.empty() ? "" : " '" + rule_.source + "'") +
                                    " has a placeholder '{" + v.key(i) + "}'",
             DidYouMean(v.key(i), known));
      }
      rule_.where.emplace_back(v.key(i), ExpectString(v.value(i), context_ + ": 'where." + v.key(i) + "'"));
    }
  }

  // The placeholders `where` may name: the rule's source's, or any source's.
  std::vector<std::string> Placeholders() const {
    std::vector<std::string> names;
    if (!manifest_) return names;
    for (const auto& source : manifest_->sources) {
      if (!rule_.source.empty() && source.name != rule_.source) continue;
      for (const auto& layer : source.layers) {
        for (const auto& name : layer.placeholders()) {
          if (name != "env" && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        }
      }
    }
    return names;
  }

  void ReadExpires(const Value& v) {
    const std::string& text = ExpectString(v, context_ + ": 'expires'");
    rule_.expires = ParseCalendarDay(text);
    if (!rule_.expires) {
      Fail(v.location(), "'expires' is not a date: '" + text + "'", "write a real day as YYYY-MM-DD, e.g. 2027-06-30");
    }
  }

  // An environment named in `expect`, as the manifest names it (aliases resolve).
  std::string Environment(const std::string& name, const Location& at) const {
    if (!manifest_) return name;
    if (const auto* env = manifest_->FindEnvironment(name)) return env->name;
    Fail(at, "unknown environment '" + name + "' in 'expect'",
         DidYouMean(name, manifest_->EnvironmentNames()));
  }

  void ReadExpect(const Value& v) {
    ExpectMap(v, context_ + ": 'expect'");
    if (v.size() == 0) Fail(v.location(), "'expect' is empty", "use any: true to allow every value");
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string& key = v.key(i);
      if (key == "any") {
        ReadAny(v.value(i), v.size());
      } else if (key == "relation") {
        ReadRelation(v.value(i));
      } else if (key == "pattern") {
        ReadPatterns(v.value(i));
      } else {
        rule_.expect.values.emplace_back(Environment(key, v.key_location(i)), v.value(i));
      }
    }
  }

  void ReadAny(const Value& v, std::size_t expect_keys) {
    if (v.kind() != Value::Kind::kBool || !v.as_bool()) {
      Fail(v.location(), "'any' takes only true", "remove 'expect' or write any: true");
    }
    if (expect_keys > 1) Fail(v.location(), "'any: true' allows every value: drop the other expectations");
    rule_.expect.any = true;
  }

  // `ENV OP ENV`: the operator is whatever stands between two names, so a
  // typo (`=<`, `=>`, `=`, `le`) is named as an operator, not as an environment.
  void ReadRelation(const Value& v) {
    const std::string& text = ExpectString(v, context_ + ": 'relation'");
    static const std::vector<std::pair<std::string, RelationOp>> kOps = {
        {"<=", RelationOp::kLessEqual}, {">=", RelationOp::kGreaterEqual}, {"==", RelationOp::kEqual},
        {"!=", RelationOp::kNotEqual},  {"<", RelationOp::kLess},          {">", RelationOp::kGreater}};
    static const std::vector<std::pair<std::string, std::string>> kTypos = {
        {"=<", "<="}, {"=>", ">="}, {"=", "=="}, {"<>", "!="}, {"=!", "!="}, {"!", "!="}, {"===", "=="},
        {"le", "<="}, {"lt", "<"},  {"ge", ">="}, {"gt", ">"},  {"eq", "=="}, {"ne", "!="}};
    const std::string usage = "write ENV OP ENV with OP one of < <= > >= == !=, e.g. \"staging <= production\"";
    const auto [left, op, right] = SplitRelation(text);
    if (left.empty() || right.empty() || op.empty() || left == right) {
      Fail(v.location(), "bad relation '" + text + "'", usage);
    }
    for (const auto& [symbol, relation_op] : kOps) {
      if (op != symbol) continue;
      rule_.expect.relation =
          Relation{Environment(left, v.location()), relation_op, Environment(right, v.location()), text};
      return;
    }
    for (const auto& [typo, meant] : kTypos) {
      if (op == typo) {
        Fail(v.location(), "unknown operator '" + op + "' in relation '" + text + "'",
             "did you mean '" + left + " " + meant + " " + right + "'?");
      }
    }
    Fail(v.location(), "unknown operator '" + op + "' in relation '" + text + "'", usage);
  }

  // "staging <= production" -> {staging, <=, production}; the operator is the
  // run of symbols between the names, or a word between two spaces.
  static std::tuple<std::string, std::string, std::string> SplitRelation(const std::string& text) {
    auto is_name = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
    };
    std::vector<std::string> words;
    for (std::size_t i = 0; i < text.size();) {
      if (text[i] == ' ' || text[i] == '\t') {
        ++i;
        continue;
      }
      const bool name = is_name(text[i]);
      std::size_t j = i;
      while (j < text.size() && text[j] != ' ' && text[j] != '\t' && is_name(text[j]) == name) ++j;
      words.push_back(text.substr(i, j - i));
      i = j;
    }
    if (words.size() != 3 || !is_name(words[0].front()) || !is_name(words[2].front())) return {};
    return {words[0], words[1], words[2]};
  }

  void ReadPatterns(const Value& v) {
    ExpectMap(v, context_ + ": 'pattern'");
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string& text = ExpectString(v.value(i), context_ + ": 'pattern." + v.key(i) + "'");
      auto regex = std::make_shared<const re2::RE2>(text, re2::RE2::Quiet);
      if (!regex->ok()) {
        Fail(v.value(i).location(), "bad pattern for '" + v.key(i) + "': " + regex->error(),
             "patterns are RE2 regular expressions (no backreferences or lookaround)");
      }
      rule_.expect.patterns.push_back({Environment(v.key(i), v.key_location(i)), text, std::move(regex)});
    }
  }

  const Value& entry_;
  const Manifest* manifest_;
  Rule rule_;
  std::string context_ = "a rule";
};

const Value& RulesList(const Documents& docs, const std::string& file) {
  if (docs.empty()) throw InputError(file, 0, 0, "the rules file is empty", "start it with 'version: 1' and 'rules: []'");
  if (docs.size() > 1) throw InputError(docs[1].location(), "the rules file must be a single YAML document",
                                                          "remove the '---' and what follows it");
  const Value& root = ExpectMap(docs[0], "the rules file");
  RejectUnknownKeys(root, {"version", "rules"}, "the rules file");
  const Value& version = RequireKey(root, "version", "the rules file");
  if (ExpectInt(version, "'version'") != 1) {
    throw InputError(version.location(), "unsupported rules file version; this driftcheck reads version 1",
                     "write version: 1");
  }
  return ExpectList(RequireKey(root, "rules", "the rules file"), "'rules'");
}

// The id a broken rule has, if it has a readable one.
std::string IdOf(const Value& entry) {
  const Value* id = entry.is_map() ? entry.Find("id") : nullptr;
  return id && id->kind() == Value::Kind::kString ? id->text() : std::string();
}

RuleSet Load(std::string_view text, const std::string& file, const Manifest* manifest, bool lenient) {
  const Documents docs = LoadYaml(text, MakeOrigin(file), LoadLimits{});
  RuleSet set;
  set.file = file;
  std::set<std::string> ids;
  for (const Value& entry : RulesList(docs, file).items()) {
    try {
      Rule rule = RuleReader(entry, manifest).Read();
      if (!ids.insert(rule.id).second) {
        throw InputError(entry.Find("id")->location(), "rule '" + rule.id + "': the id is used twice",
                         "ids are unique; rename one of them");
      }
      set.rules.push_back(std::move(rule));
    } catch (const InputError& e) {
      if (!lenient) throw;
      set.invalid.push_back({IdOf(entry), e});
    }
  }
  return set;
}

}  // namespace

std::vector<std::string> Expectation::Environments() const {
  std::vector<std::string> envs;
  auto add = [&](const std::string& env) {
    if (std::find(envs.begin(), envs.end(), env) == envs.end()) envs.push_back(env);
  };
  for (const auto& [env, value] : values) add(env);
  if (relation) add(relation->left), add(relation->right);
  for (const auto& pattern : patterns) add(pattern.env);
  return envs;
}

std::string Rule::Target() const {
  std::string kind_text;
  for (const std::string& kind : kinds) kind_text += (kind_text.empty() ? "" : ",") + kind;
  if (path) return path->text() + (kinds.empty() ? "" : " (" + kind_text + ")");
  if (!finding.empty()) return "finding " + finding;
  return "kind " + kind_text;
}

bool Rule::Pins() const {
  if (!path || expect.any || expect.relation || !expect.patterns.empty() || expect.values.size() != 1) return false;
  const auto segments = ParseFindingPath(path->text());
  return segments && !segments->empty();
}

RuleSet LoadRules(std::string_view text, const std::string& file, const Manifest* manifest) {
  return Load(text, file, manifest, false);
}

RuleSet LoadRulesLeniently(std::string_view text, const std::string& file, const Manifest* manifest) {
  return Load(text, file, manifest, true);
}

}  // namespace driftcheck
