#include "cli/pins.h"

#include <algorithm>

#include "cli/compare_run.h"
#include "core/glob.h"
#include "engine/explain.h"
#include "engine/plan.h"
#include "load/load.h"
#include "normalize/normalize.h"
#include "plan/pairing.h"
#include "rules/expect.h"

namespace driftcheck::cli {
namespace {

bool WhereMatches(const Rule& rule, const Bindings& placeholders) {
  for (const auto& [name, glob] : rule.where) {
    auto it = placeholders.find(name);
    if (it == placeholders.end() || !GlobMatch(glob, it->second)) return false;
  }
  return true;
}

bool HasFindingAt(const Report& report, const Source& source, const FilePair& pair, const std::string& path,
                  const EnvPair& envs) {
  return std::any_of(report.findings.begin(), report.findings.end(), [&](const Finding& f) {
    if (f.source != source.name || f.path != path) return false;
    if (f.pair_labels != std::make_pair(envs.first, envs.second)) return false;
    const std::vector<std::pair<std::string, std::string>> placeholders(pair.placeholders.begin(),
                                                                         pair.placeholders.end());
    return f.placeholders == placeholders;
  });
}

// Whether the value a pin finds at `segments` is a secret, decided as reports
// decide it (ViewOfPath: the keys on the path, a `{name: DB_PASSWORD, value:
// ...}` item, a YAML copy of a secret), or holds a YAML copy of one.
bool SecretAt(const Source& source, const SecretMatcher& secrets, const Value& root, const Value& value,
              const std::vector<PathSegment>& segments) {
  const auto base = PolicyFor(source);
  bool select_secret = false;
  for (const std::string& key : source.select) select_secret |= secrets.IsSecretKey(key);
  const SecretKeyPolicy policy(*base, secrets, select_secret);
  SiblingDigests siblings;
  return ViewOfPath(PathOf(segments), policy, secrets, &root, nullptr, siblings).secret ||
         HoldsSecretCopy(value, root, policy, secrets, siblings);
}

bool SecretPath(const SecretMatcher& secrets, const std::vector<PathSegment>& path) {
  return std::any_of(path.begin(), path.end(), [&](const PathSegment& s) {
    return !s.key.empty() && s.kind == PathSegment::Kind::kKey && secrets.IsSecretKey(s.key);
  });
}

}  // namespace

void AddPinViolations(Report& report, const Manifest& manifest, const RuleSet& rules, const TreeSet& trees,
                      const std::vector<std::string>& sources, const LoadLimits& limits) {
  std::vector<const Rule*> pins;
  for (const Rule& rule : rules.rules) {
    if (rule.Pins()) pins.push_back(&rule);
  }
  if (pins.empty()) return;
  const std::vector<EnvPair> pairs = AllPairs(manifest);
  const SecretMatcher secrets(manifest.secret_keys);
  ListingCache listings;
  LoadCache cache;
  const LoadContext context{&cache, limits, &secrets};
  std::vector<Finding> added;
  for (const Source* source : SelectSources(manifest, sources)) {
    for (const EnvPair& envs : pairs) {
      if (!source->Compares(envs.first, envs.second)) continue;
      const Environment& left = *manifest.FindEnvironment(envs.first);
      const Environment& right = *manifest.FindEnvironment(envs.second);
      const std::vector<FilePair> files =
          PairFiles(*source, left, trees.TreeFor(left.name), right, trees.TreeFor(right.name), listings);
      for (const Rule* rule : pins) {
        if (!rule->source.empty() && rule->source != source->name) continue;
        const auto path = ParseFindingPath(rule->path->text());
        if (!path || SecretPath(secrets, *path)) continue;
        for (const FilePair& pair : files) {
          if (!pair.left.present || !pair.right.present || !WhereMatches(*rule, pair.placeholders)) continue;
          if (HasFindingAt(report, *source, pair, rule->path->text(), envs)) continue;
          for (const auto& [env_name, expected] : rule->expect.values) {
            const bool on_left = env_name == left.name;
            if (!on_left && env_name != right.name) continue;
            const Environment& env = on_left ? left : right;
            const LoadedSide side = LoadSide(*source, on_left ? pair.left : pair.right, env,
                                             trees.TreeFor(env.name), context);
            if (side.invalid || side.documents.size() != 1) continue;
            const Value* value = FindAtPath(side.documents[0].value, *path);
            Finding f;
            f.kind = FindingKind::kSchemaViolation;
            f.source = source->name;
            f.placeholders.assign(pair.placeholders.begin(), pair.placeholders.end());
            f.path = rule->path->text();
            f.pair_labels = envs;
            f.left.label = env.name;
            f.left.env = env.name;
            f.left.file = side.file;
            for (const EnvironmentRun& run : trees.runs()) {
              if (run.name == env.name) f.left.revision = run.revision;
            }
            f.left.value = !value ? ShownValue::Absent()
                           : SecretAt(*source, secrets, side.documents[0].value, *value, *path)
                               ? ShownValue::Redacted()
                               : ShownValue::Of(*value, secrets);
            if (value) f.left.location = value->location();
            Expectation pin;
            pin.values = {{env_name, expected}};
            if (!ExpectationFailure(pin, f)) continue;
            f.message = "pinned by rule '" + rule->id + "'";
            f.AssignId();
            added.push_back(std::move(f));
          }
        }
      }
    }
  }
  for (Finding& f : added) report.findings.push_back(std::move(f));
}

}  // namespace driftcheck::cli
