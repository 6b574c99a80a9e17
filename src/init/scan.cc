#include "init/scan.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

namespace driftcheck {
namespace {

// Spellings real repositories use, by canonical environment, in promotion
// order (production last). `test` is left out on purpose: test/ folders hold
// fixtures far more often than an environment.
struct Spelling {
  const char* env;
  std::vector<std::string> words;
};
const std::vector<Spelling>& Spellings() {
  static const std::vector<Spelling> kSpellings = {
      {"development", {"development", "dev", "develop"}},
      {"qa", {"qa"}},
      {"uat", {"uat"}},
      {"staging", {"staging", "stage", "stg", "preprod", "pre-prod"}},
      {"production", {"production", "prod", "prd", "live"}},
  };
  return kSpellings;
}

int Rank(const std::string& env) {
  const auto& all = Spellings();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (env == all[i].env) return static_cast<int>(i);
  }
  return -1;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const std::set<std::string>& ConfigExtensions() {
  static const std::set<std::string> kExt = {"yaml", "yml", "json", "jsonc", "toml", "tfvars", "properties", "ini", "env"};
  return kExt;
}

const std::set<std::string>& SkippedFolders() {
  static const std::set<std::string> kSkip = {"node_modules", "vendor", ".git", "test", "tests", "spec",
                                             "fixtures", "testdata", "__tests__", ".github", "third_party"};
  return kSkip;
}

std::string BaseName(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string Extension(const std::string& path) {
  const std::string base = BaseName(path);
  const std::size_t dot = base.rfind('.');
  return dot == std::string::npos || dot == 0 ? "" : Lower(base.substr(dot + 1));
}

bool IsDotenvName(const std::string& path) {
  const std::string base = BaseName(path);
  return base.starts_with(".env") || base.ends_with(".env");
}

bool IsConfigFile(const std::string& path) {
  std::size_t start = 0;
  for (std::size_t slash; (slash = path.find('/', start)) != std::string::npos; start = slash + 1) {
    if (SkippedFolders().count(Lower(path.substr(start, slash - start)))) return false;
  }
  return IsDotenvName(path) || ConfigExtensions().count(Extension(path)) > 0;
}

// One environment token found in a concrete path.
struct Hit {
  std::string path;
  std::string env;
  std::string spelling;
  std::size_t at = 0;  // where the token starts in `path`
};

// A template with `{env}`, and every file it covers.
struct Group {
  std::string templ;
  std::vector<Hit> hits;
  std::set<std::string> Envs() const {
    std::set<std::string> envs;
    for (const Hit& h : hits) envs.insert(h.env);
    return envs;
  }
};

std::vector<Hit> EnvTokens(const std::string& path) {
  std::vector<Hit> hits;
  std::size_t i = 0;
  while (i < path.size()) {
    if (!std::isalnum(static_cast<unsigned char>(path[i]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < path.size() && std::isalnum(static_cast<unsigned char>(path[j]))) ++j;
    const std::string token = path.substr(i, j - i);
    if (auto env = EnvironmentOfToken(token)) hits.push_back({path, *env, token, i});
    i = j;
  }
  return hits;
}

// A placeholder named for what the folder holds (services/ -> {service});
// a folder whose name says nothing of its entries gives {name}.
std::string Placeholder(const std::string& before) {
  static const std::set<std::string> kNouns = {"service", "app", "application", "chart", "component", "package",
                                               "project", "site", "module", "function", "job", "worker",
                                               "tenant", "region", "cluster", "team", "stack", "lambda"};
  std::string word = Lower(before);
  if (word.size() > 3 && word.back() == 's') word.pop_back();
  return kNouns.count(word) ? word : "name";
}

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash - start));
    if (slash == std::string::npos) return out;
    start = slash + 1;
  }
}

std::string Join(const std::vector<std::string>& segments) {
  std::string out;
  for (const auto& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

// One merge pass: templates equal but for one segment (not the {env} one)
// become one template with a placeholder there. Returns whether it merged.
bool MergeOnce(std::vector<Group>& groups) {
  for (std::size_t pos = 0;; ++pos) {
    bool any_long = false;
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_rest;  // rest, ext
    for (std::size_t g = 0; g < groups.size(); ++g) {
      auto segs = Split(groups[g].templ);
      if (pos >= segs.size()) continue;
      any_long = true;
      if (segs[pos].find('{') != std::string::npos) continue;
      const bool last = pos + 1 == segs.size();
      const std::string ext = last ? Extension(segs[pos]) : "";
      if (last && (ext.empty() || segs[pos].starts_with("."))) continue;
      segs[pos] = "*";
      by_rest[{Join(segs), ext}].push_back(g);
    }
    if (!any_long) return false;
    for (const auto& [key, members] : by_rest) {
      if (members.size() < 2) continue;
      auto segs = Split(groups[members.front()].templ);
      const bool last = pos + 1 == segs.size();
      std::string name = last ? "file" : Placeholder(pos > 0 ? segs[pos - 1] : "");
      while (groups[members.front()].templ.find("{" + name + "}") != std::string::npos) name += "2";
      segs[pos] = last ? "{" + name + "}." + key.second : "{" + name + "}";
      Group merged{Join(segs), {}};
      for (std::size_t g : members) merged.hits.insert(merged.hits.end(), groups[g].hits.begin(), groups[g].hits.end());
      std::vector<Group> rest;
      for (std::size_t g = 0; g < groups.size(); ++g) {
        if (std::find(members.begin(), members.end(), g) == members.end()) rest.push_back(std::move(groups[g]));
      }
      rest.push_back(std::move(merged));
      groups = std::move(rest);
      return true;
    }
  }
}

// The template with `{env}` and one separator beside it removed, or with
// `{env}` as Hugo's `_default`: the shared base layer's candidates.
std::vector<std::string> BaseTemplates(const std::string& templ) {
  std::vector<std::string> out;
  const std::size_t at = templ.find("{env}");
  if (at == std::string::npos) return out;
  const std::size_t end = at + 5;
  if (at > 0 && std::string("-_./").find(templ[at - 1]) != std::string::npos) {
    out.push_back(templ.substr(0, at - 1) + templ.substr(end));
  }
  if (end < templ.size() && std::string("-_.").find(templ[end]) != std::string::npos) {
    out.push_back(templ.substr(0, at) + templ.substr(end + 1));
  }
  out.push_back(templ.substr(0, at) + "_default" + templ.substr(end));
  out.push_back(templ.substr(0, at) + "base" + templ.substr(end));
  out.push_back(templ.substr(0, at) + "default" + templ.substr(end));
  return out;
}

// The same removal applied to one concrete file.
std::string ConcreteBase(const Hit& hit, const std::string& templ, const std::string& base_templ) {
  // base_templ differs from templ around {env}: rebuild by the same edit.
  const std::size_t at = templ.find("{env}");
  const std::string before = templ.substr(0, at), after = templ.substr(at + 5);
  // Text of base_templ around where {env} was.
  std::size_t prefix = 0;
  while (prefix < before.size() && prefix < base_templ.size() && before[prefix] == base_templ[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < after.size() && suffix < base_templ.size() - prefix &&
         after[after.size() - 1 - suffix] == base_templ[base_templ.size() - 1 - suffix]) {
    ++suffix;
  }
  const std::string middle = base_templ.substr(prefix, base_templ.size() - prefix - suffix);
  const std::size_t cut_before = before.size() - prefix, cut_after = after.size() - suffix;
  const std::size_t start = hit.at - cut_before, stop = hit.at + hit.spelling.size() + cut_after;
  return hit.path.substr(0, start) + middle + hit.path.substr(stop);
}

std::string SourceName(const std::string& templ) {
  static const std::set<std::string> kGeneric = {"config", "configs", "conf", "env", "envs", "environments",
                                                 "environment", "yaml", "yml", "json", "jsonc", "toml",
                                                 "tfvars", "properties", "ini", "default", "src", "main",
                                                 "resources", "deploy", "file", "name"};
  std::vector<std::string> words;
  std::string word;
  bool in_placeholder = false;
  for (char c : templ + "/") {
    if (c == '{') in_placeholder = true;
    if (c == '}') {
      in_placeholder = false;
      word.clear();
      continue;
    }
    if (in_placeholder) continue;
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      if (!kGeneric.count(word)) words.push_back(word);
      word.clear();
    }
  }
  if (words.empty()) return IsDotenvName(templ) ? "dotenv" : "config";
  if (words.size() == 1) return words[0];
  return words[words.size() - 2] + "-" + words.back();
}

// Top-level keys of a YAML text (lines starting at column 0), as written.
std::vector<std::string> TopLevelKeys(const std::string& text) {
  std::vector<std::string> keys;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    std::size_t colon = line.find(':');
    if (!line.empty() && std::isalnum(static_cast<unsigned char>(line[0])) && colon != std::string::npos) {
      const std::string key = line.substr(0, colon);
      if (std::all_of(key.begin(), key.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
          })) {
        keys.push_back(key);
      }
    }
    start = end + 1;
  }
  return keys;
}

// Whether the environment files are whole copies of the base file (at least
// 60% of its size) rather than small overlays: then each is read alone.
bool FullCopies(const Group& g, const std::string& base_templ,
                const std::function<std::optional<std::string>(const std::string&)>& read) {
  if (base_templ.find('{') != std::string::npos) return false;  // one base per placeholder value: overlays
  const auto base = read(base_templ);
  if (!base || base->empty()) return false;
  std::size_t total = 0, count = 0;
  for (const Hit& h : g.hits) {
    if (const auto text = read(h.path)) total += text->size(), ++count;
  }
  return count > 0 && total * 10 >= base->size() * 6 * count;
}

struct EnvSeen {
  std::map<std::string, std::set<std::string>> spellings;  // env -> spellings
  void Add(const std::string& env, const std::string& spelling) { spellings[env].insert(spelling); }
};

}  // namespace

std::optional<std::string> EnvironmentOfToken(const std::string& token) {
  const std::string lower = Lower(token);
  for (const Spelling& s : Spellings()) {
    if (std::find(s.words.begin(), s.words.end(), lower) != s.words.end()) return std::string(s.env);
  }
  return std::nullopt;
}

ScanResult ScanRepository(const std::vector<std::string>& files,
                          const std::function<std::optional<std::string>(const std::string&)>& read) {
  const std::set<std::string> all(files.begin(), files.end());
  std::map<std::string, Group> by_template;
  std::set<std::string> covered;
  for (const std::string& path : files) {
    if (!IsConfigFile(path)) continue;
    for (const Hit& hit : EnvTokens(path)) {
      const std::string templ = path.substr(0, hit.at) + "{env}" + path.substr(hit.at + hit.spelling.size());
      Group& g = by_template[templ];
      g.templ = templ;
      g.hits.push_back(hit);
    }
  }
  std::vector<Group> groups;
  for (auto& [templ, g] : by_template) {
    if (g.Envs().size() >= 2) groups.push_back(std::move(g));
  }
  // A path with two environment tokens lands in two templates: keep the one
  // that pairs more environments (then the later token).
  std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
    return std::make_tuple(a.Envs().size(), a.hits.size(), a.templ) > std::make_tuple(b.Envs().size(), b.hits.size(), b.templ);
  });
  std::vector<Group> kept;
  for (Group& g : groups) {
    if (std::any_of(g.hits.begin(), g.hits.end(), [&](const Hit& h) { return covered.count(h.path) > 0; })) continue;
    for (const Hit& h : g.hits) covered.insert(h.path);
    kept.push_back(std::move(g));
  }
  while (MergeOnce(kept)) {
  }
  std::sort(kept.begin(), kept.end(), [](const Group& a, const Group& b) { return a.templ < b.templ; });

  ScanResult result;
  EnvSeen seen;
  std::map<std::string, int> env_sources;  // how many sources each environment has
  std::set<std::string> names;
  auto add_source = [&](ScannedSource source, const std::set<std::string>& envs) {
    std::string name = source.name;
    for (int n = 2; !names.insert(name).second; ++n) name = source.name + "-" + std::to_string(n);
    source.name = name;
    source.envs.assign(envs.begin(), envs.end());
    std::sort(source.envs.begin(), source.envs.end(), [](const auto& a, const auto& b) { return Rank(a) < Rank(b); });
    for (const auto& env : envs) ++env_sources[env];
    result.sources.push_back(std::move(source));
  };
  for (const Group& g : kept) {
    ScannedSource source;
    source.name = SourceName(g.templ);
    for (const Hit& h : g.hits) seen.Add(h.env, h.spelling);
    std::string base;
    for (const std::string& candidate : BaseTemplates(g.templ)) {
      if (std::any_of(g.hits.begin(), g.hits.end(),
                      [&](const Hit& h) { return all.count(ConcreteBase(h, g.templ, candidate)) > 0; })) {
        base = candidate;
        break;
      }
    }
    std::set<std::string> envs = g.Envs();
    if (!base.empty() && !envs.count("production") && FullCopies(g, base, read)) {
      // Cloud Foundry style: api.yml is production's whole file, and
      // api-staging.yml staging's; nothing is merged.
      for (const Hit& h : g.hits) {
        if (!source.env_paths.count(h.env)) {
          source.env_paths[h.env] = g.templ.substr(0, g.templ.find("{env}")) + h.spelling +
                                    g.templ.substr(g.templ.find("{env}") + 5);
        }
      }
      source.env_paths["production"] = base;
      source.layers = {g.templ};
      source.kind_note = "a whole file per environment; production's has no environment in its name";
      envs.insert("production");
      seen.Add("production", "production");
    } else if (!base.empty()) {
      source.layers = {base, g.templ};
      source.kind_note = "a shared layer and one overlay per environment";
    } else {
      source.layers = {g.templ};
      source.kind_note = "one file per environment";
    }
    if (IsDotenvName(g.templ)) source.format = "dotenv";
    add_source(std::move(source), envs);
  }
  // One YAML file holding every environment under top-level keys (Rails).
  for (const std::string& path : files) {
    const std::string ext = Extension(path);
    if ((ext != "yml" && ext != "yaml") || covered.count(path) || !IsConfigFile(path)) continue;
    const auto text = read(path);
    if (!text) continue;
    std::map<std::string, std::string> envs;  // env -> spelling
    for (const std::string& key : TopLevelKeys(*text)) {
      if (auto env = EnvironmentOfToken(key); env && Lower(key) == key) envs.emplace(*env, key);
    }
    if (envs.size() < 2 || !envs.count("production")) continue;
    ScannedSource source;
    source.name = SourceName(path);
    source.layers = {path};
    source.select = "{env}";
    source.kind_note = "one file, a top-level key per environment";
    std::set<std::string> env_names;
    for (const auto& [env, spelling] : envs) seen.Add(env, spelling), env_names.insert(env);
    add_source(std::move(source), env_names);
  }
  // Environments in promotion order; the pair: production and the
  // environment beside it in the most sources (staging when tied).
  for (const Spelling& s : Spellings()) {
    auto it = seen.spellings.find(s.env);
    if (it == seen.spellings.end()) continue;
    ScannedEnvironment env{s.env, {}};
    for (const std::string& spelling : it->second) {
      if (spelling != s.env) env.aliases.push_back(spelling);
    }
    result.environments.push_back(std::move(env));
  }
  std::string lower;
  for (const auto& [env, count] : env_sources) {
    if (env == "production") continue;
    if (lower.empty() || count > env_sources[lower] || (count == env_sources[lower] && Rank(env) > Rank(lower))) {
      lower = env;
    }
  }
  if (!lower.empty() && env_sources.count("production")) result.compare = {lower, "production"};
  // A source without the manifest's pair compares its own, or is dropped.
  std::vector<ScannedSource> usable;
  for (ScannedSource& source : result.sources) {
    auto has = [&](const std::string& env) {
      return std::find(source.envs.begin(), source.envs.end(), env) != source.envs.end();
    };
    if (!result.compare.empty() && has(result.compare[0]) && has(result.compare[1])) {
      usable.push_back(std::move(source));
    } else if (source.envs.size() >= 2) {
      const std::string top = has("production") ? "production" : source.envs.back();
      std::string other;
      for (const auto& env : source.envs) {
        if (env != top) other = env;
      }
      source.compare_pair = {other, top};
      usable.push_back(std::move(source));
    }
  }
  result.sources = std::move(usable);
  if (result.compare.empty() && !result.sources.empty()) {
    result.compare = result.sources.front().compare_pair;
    for (auto& source : result.sources) {
      if (source.compare_pair == result.compare) source.compare_pair.clear();
    }
  }
  return result;
}

}  // namespace driftcheck
