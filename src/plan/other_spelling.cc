#include "plan/other_spelling.h"

#include <algorithm>
#include <cctype>

#include "core/error.h"
#include "core/strings.h"
#include "schema/env_tokens.h"

namespace driftcheck {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsSubsequence(std::string_view short_one, std::string_view long_one) {
  std::size_t at = 0;
  for (char c : long_one) {
    if (at < short_one.size() && short_one[at] == c) ++at;
  }
  return at == short_one.size();
}

// `production` for `prod`, `stage` for `stg`: the same first letter, and one
// a prefix or a subsequence of the other.
bool Resembles(const std::string& candidate, const Environment& env) {
  const std::string c = Lower(candidate);
  if (c.size() < 2) return false;
  for (const std::string& spelling : EnvSpellings(env)) {
    const std::string s = Lower(spelling);
    if (s.empty() || s[0] != c[0]) continue;
    if (c.starts_with(s) || s.starts_with(c) || IsSubsequence(s, c) || IsSubsequence(c, s)) return true;
  }
  return false;
}

bool SpellsEither(const std::string& candidate, const Environment& env, const Environment& other) {
  const std::string c = Lower(candidate);
  for (const Environment* e : {&env, &other}) {
    for (const std::string& s : EnvSpellings(*e)) {
      if (Lower(s) == c) return true;
    }
  }
  return false;
}

std::string Fill(const std::string& path_template, const std::string& spelling) {
  std::string out = path_template;
  for (std::size_t at; (at = out.find("{env}")) != std::string::npos;) out.replace(at, 5, spelling);
  return out;
}

}  // namespace

std::optional<OtherSpelling> FindOtherSpelling(const Tree& tree, const std::string& expected,
                                               const Environment& env, const Environment& other,
                                               ListingCache& listings) {
  const std::string path_template = ReplaceEnvTokens(expected, EnvSpellings(env));
  const auto segments = Split(path_template, '/');
  const auto first = std::find_if(segments.begin(), segments.end(),
                                  [](std::string_view s) { return s.find("{env}") != std::string_view::npos; });
  // Only a directory spelt another way: a file name one letter off
  // (values-stagin.yaml) is a typo the layer-missing warning names.
  if (first == segments.end() || first + 1 == segments.end()) return std::nullopt;
  const auto index = static_cast<std::size_t>(first - segments.begin());
  std::string dir;
  for (std::size_t i = 0; i < index; ++i) dir += (i ? "/" : "") + std::string(segments[i]);
  const std::string_view segment = *first;
  const std::size_t at = segment.find("{env}");
  const std::string_view prefix = segment.substr(0, at), suffix = segment.substr(at + 5);
  for (const std::string& file : listings.List(tree, dir)) {
    const auto parts = Split(file, '/');
    if (parts.size() <= index) continue;
    const std::string_view name = parts[index];
    if (name.size() <= prefix.size() + suffix.size() || !name.starts_with(prefix) || !name.ends_with(suffix)) {
      continue;
    }
    const std::string spelling(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
    if (SpellsEither(spelling, env, other) || !Resembles(spelling, env)) continue;
    const std::string candidate = Fill(path_template, spelling);
    if (listings.Exists(tree, candidate)) return OtherSpelling{spelling, candidate};
  }
  return std::nullopt;
}

void RejectOtherSpelling(const Source& source, const Environment& env, const Environment& other,
                         const Tree& tree, const std::string& expected, ListingCache& listings) {
  const auto found = FindOtherSpelling(tree, expected, env, other, listings);
  if (!found) return;
  throw InputError(source.location,
                   "source '" + source.name + "': environment '" + env.name + "' has no " + expected +
                       ", but " + found->file + " exists",
                   "if '" + found->spelling + "' is how this repository spells '" + env.name +
                       "', add it to the manifest: environments: {" + env.name + ": {aliases: [" +
                       found->spelling + "]}}");
}

}  // namespace driftcheck
