#include "rules/suggestion.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "path/path_pattern.h"

namespace driftcheck {
namespace {

using Placeholders = std::vector<std::pair<std::string, std::string>>;

// One suggested rule and the findings it allows.
struct Suggestion {
  std::string source;
  Placeholders where;   // placeholders every finding shares
  std::string path;     // a path (pattern); unused when `finding` is set
  std::string finding;  // a finding id, when the path cannot be written as a pattern
  std::string kind;     // "same-secret", or "" for every kind at the path
  std::vector<const Finding*> findings;
};

bool Suggestible(const Finding& f) {
  if (!f.failing()) return false;
  switch (f.kind) {
    case FindingKind::kRuleExpired:
    case FindingKind::kRuleExpiring:
    case FindingKind::kRuleUnused:
    case FindingKind::kInvalidFile: return false;
    default: return true;
  }
}

// A YAML double-quoted scalar: safe for any text a path or value holds.
std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// An expected value as YAML; nullopt when it must not (or cannot) be written.
std::optional<std::string> ExpectedText(const ShownValue& shown) {
  if (!shown.present()) return std::string("null");
  if (!shown.shown()) return std::nullopt;  // a secret, or a whole file
  const Value& v = shown.value();
  switch (v.kind()) {
    case Value::Kind::kNull: return std::string("null");
    case Value::Kind::kBool:
    case Value::Kind::kInt:
    case Value::Kind::kFloat: return FlowText(v);
    case Value::Kind::kString:
      if (v.text().find("<redacted") != std::string::npos) return std::nullopt;
      return Quote(v.text());
    default: return std::nullopt;  // a list or map: any value
  }
}

// The expect block for a rule allowing one finding, or "".
std::string ExpectBlock(const Finding& f) {
  if (!f.two_sided() || f.left.env == f.right.env || f.kind == FindingKind::kFileMissing) return "";
  const auto left = ExpectedText(f.left.value), right = ExpectedText(f.right.value);
  if (!left || !right) return "";
  return "    expect:\n      " + f.left.env + ": " + *left + "\n      " + f.right.env + ": " + *right + "\n";
}

// Placeholders all `findings` share (one value each).
Placeholders CommonPlaceholders(const std::vector<const Finding*>& findings) {
  Placeholders shared = findings.front()->placeholders;
  for (const Finding* f : findings) {
    std::erase_if(shared, [&](const auto& p) {
      return std::find(f->placeholders.begin(), f->placeholders.end(), p) == f->placeholders.end();
    });
  }
  return shared;
}

// "env.SENTRY_DSN" -> {"env.", "SENTRY_"}: the parent path (with its dot) and
// the leaf key's first word with its separator; nullopt when the leaf is not
// a plain key with a word before a '_' or '-'.
std::optional<std::pair<std::string, std::string>> LeafPrefix(const std::string& path) {
  const auto segments = ParseFindingPath(path);
  if (!segments || segments->empty() || segments->back().kind != PathSegment::Kind::kKey) return std::nullopt;
  const std::string& leaf = segments->back().key;
  if (path.size() < leaf.size() || path.compare(path.size() - leaf.size(), leaf.size(), leaf) != 0) {
    return std::nullopt;  // the leaf is quoted in the path
  }
  const std::size_t sep = leaf.find_first_of("_-");
  if (sep == std::string::npos || sep < 2 || sep + 1 == leaf.size()) return std::nullopt;
  const std::string parent = path.substr(0, path.size() - leaf.size());
  if (!parent.empty() && parent.back() != '.') return std::nullopt;
  return std::make_pair(parent, leaf.substr(0, sep + 1));
}

std::string KindScope(const Finding& f) { return f.kind == FindingKind::kSameSecret ? "same-secret" : ""; }

// Findings at one path (or one unwritable finding) become one suggestion.
std::vector<Suggestion> ByPath(const std::vector<const Finding*>& findings) {
  std::vector<Suggestion> out;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> index;
  for (const Finding* f : findings) {
    const bool writable = f->path.empty() || ParseFindingPath(f->path).has_value();
    if (!writable) {
      out.push_back({f->source, f->placeholders, "", f->id.str(), "", {f}});
      continue;
    }
    const auto key = std::make_tuple(f->source, f->path, KindScope(*f));
    auto [it, inserted] = index.emplace(key, out.size());
    if (inserted) out.push_back({f->source, {}, f->path, "", KindScope(*f), {}});
    out[it->second].findings.push_back(f);
  }
  for (Suggestion& s : out) {
    if (s.finding.empty()) s.where = CommonPlaceholders(s.findings);
  }
  return out;
}

// Replaces each group of suggestions by one made by `make`, at the place of
// its first member, allowing all their findings.
template <typename Key, typename Make>
std::vector<Suggestion> Merge(std::vector<Suggestion> in, const std::map<Key, std::vector<std::size_t>>& groups,
                              Make make) {
  std::vector<bool> merged(in.size(), false);
  std::map<std::size_t, Suggestion> replacement;
  for (const auto& [key, members] : groups) {
    if (members.size() < 2) continue;
    Suggestion s = make(key, members);
    for (std::size_t i : members) {
      merged[i] = true;
      s.findings.insert(s.findings.end(), in[i].findings.begin(), in[i].findings.end());
    }
    s.where = CommonPlaceholders(s.findings);
    replacement.emplace(members.front(), std::move(s));
  }
  std::vector<Suggestion> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (auto it = replacement.find(i); it != replacement.end()) {
      out.push_back(std::move(it->second));
    } else if (!merged[i]) {
      out.push_back(std::move(in[i]));
    }
  }
  return out;
}

// Sibling keys sharing a first word become one glob: env.SENTRY_*, its
// where: what all their findings share.
std::vector<Suggestion> ByPrefix(std::vector<Suggestion> in) {
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (!in[i].finding.empty()) continue;
    if (auto prefix = LeafPrefix(in[i].path)) {
      groups[{in[i].source, in[i].kind, prefix->first, prefix->second}].push_back(i);
    }
  }
  return Merge(std::move(in), groups, [](const Key& key, const std::vector<std::size_t>&) {
    return Suggestion{std::get<0>(key), {}, std::get<2>(key) + std::get<3>(key) + "*", "", std::get<1>(key), {}};
  });
}

// Two or more same-secret findings of a source: one `kind: same-secret`
// rule for the source, without a path (a reviewer decides once).
std::vector<Suggestion> SecretsBySource(std::vector<Suggestion> in) {
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i].kind == "same-secret" && in[i].finding.empty()) groups[in[i].source].push_back(i);
  }
  return Merge(std::move(in), groups, [](const std::string& source, const std::vector<std::size_t>&) {
    return Suggestion{source, {}, "", "", "same-secret", {}};
  });
}

// Three or more sibling keys (or two items of one list) drifting under one
// parent: `parent.*` (`parent[*]`).
std::vector<Suggestion> ByParent(std::vector<Suggestion> in) {
  std::map<std::string, std::vector<std::size_t>> groups;  // source, kind, parent, wildcard
  std::map<std::string, std::tuple<std::string, std::string, std::string>> parts;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (!in[i].finding.empty() || in[i].path.empty()) continue;
    const auto segments = ParseFindingPath(in[i].path);
    if (!segments || segments->size() < 2) continue;
    const bool item = segments->back().kind == PathSegment::Kind::kIndex;
    if (!item && segments->back().kind != PathSegment::Kind::kKey) continue;
    const std::string& path = in[i].path;
    const std::size_t cut = item ? path.rfind('[') : path.rfind('.');
    if (cut == std::string::npos || cut == 0 || (!item && path.back() == '"')) continue;
    const std::string pattern = path.substr(0, cut) + (item ? "[*]" : ".*");
    const std::string key = in[i].source + '\n' + in[i].kind + '\n' + pattern;
    groups[key].push_back(i);
    parts[key] = {in[i].source, in[i].kind, pattern};
  }
  std::erase_if(groups, [&](const auto& g) {
    return g.second.size() < (std::get<2>(parts[g.first]).ends_with("[*]") ? 2u : 3u);
  });
  return Merge(std::move(in), groups, [&](const std::string& key, const std::vector<std::size_t>&) {
    const auto& [source, kind, pattern] = parts.at(key);
    return Suggestion{source, {}, pattern, "", kind, {}};
  });
}

// Lower-case words joined by '-', at most 60 characters.
std::string Kebab(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 60) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "drift" : out;
}

std::string RuleId(const Suggestion& s, std::set<std::string>& used) {
  std::string words = s.source;
  for (const auto& [name, value] : s.where) words += "-" + value;
  if (!s.finding.empty()) {
    words += "-finding-" + s.finding.substr(0, 8);
  } else if (s.path.empty() && !s.kind.empty()) {
    // a kind-only rule: the kind below names it
  } else if (s.path.empty()) {
    words += "-file";
  } else {
    std::string path = s.path;
    std::replace(path.begin(), path.end(), '*', ' ');
    words += "-" + path;
  }
  if (!s.kind.empty()) words += "-" + s.kind;
  const std::string base = Kebab(words);
  std::string id = base;
  for (int n = 2; !used.insert(id).second; ++n) id = base + "-" + std::to_string(n);
  return id;
}

std::string Counted(std::size_t n, const std::string& what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

void WriteSuggestion(const Suggestion& s, const std::string& id, const std::string& expires, std::string& out) {
  std::set<std::string> kinds;
  for (const Finding* f : s.findings) kinds.insert(f->KindName());
  std::string kind_list;
  for (const std::string& kind : kinds) kind_list += (kind_list.empty() ? "" : ", ") + kind;
  out += "  # allows " + Counted(s.findings.size(), "finding") + " (" + kind_list + ")\n";
  out += "  - id: " + id + "\n";
  out += "    source: " + Quote(s.source) + "\n";
  if (!s.where.empty()) {
    out += "    where:\n";
    for (const auto& [name, value] : s.where) out += "      " + name + ": " + Quote(value) + "\n";
  }
  if (!s.finding.empty()) {
    out += "    finding: " + s.finding + "\n";
  } else if (!s.path.empty() || s.kind.empty()) {
    out += "    path: " + Quote(s.path) + "\n";
  }
  if (!s.kind.empty()) out += "    kind: " + s.kind + "\n";
  if (s.findings.size() == 1 && s.finding.empty()) out += ExpectBlock(*s.findings.front());
  out += "    reason: TODO\n    owner: TODO\n    expires: " + expires + "\n";
}

}  // namespace

std::string SuggestRules(const Report& report, CalendarDay today) {
  std::vector<const Finding*> failing;
  for (const Finding& f : report.findings) {
    if (Suggestible(f)) failing.push_back(&f);
  }
  const std::vector<Suggestion> suggestions = ByParent(ByPrefix(SecretsBySource(ByPath(failing))));
  std::string out =
      "# Allow rules suggested by 'driftcheck check --suggest-rules' for " + Counted(failing.size(), "failing finding") +
      ".\n# Keep the rules for drift that is intended, fix the rest. Fill in 'reason' and\n"
      "# 'owner' (the rules loader refuses TODO), then paste the entries into the\n"
      "# manifest's allow: file.\nversion: 1\n";
  if (suggestions.empty()) return out + "rules: []\n";
  out += "rules:\n";
  const std::string expires = FormatCalendarDay(today + std::chrono::days(90));
  std::set<std::string> used;
  for (const Suggestion& s : suggestions) WriteSuggestion(s, RuleId(s, used), expires, out);
  return out;
}

}  // namespace driftcheck
