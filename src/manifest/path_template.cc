#include "manifest/path_template.h"

#include <algorithm>
#include <cctype>

#include "core/error.h"
#include "core/strings.h"

namespace driftcheck {
namespace {

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

}  // namespace

PathTemplate PathTemplate::Parse(std::string_view text, const Location& where) {
  auto fail = [&](const std::string& why) -> InputError {
    return InputError(where, "invalid path template '" + std::string(text) + "': " + why,
                      "write a repository-relative path such as services/{service}/{env}.yaml");
  };
  if (text.empty()) throw fail("it is empty");
  if (text.front() == '/') throw fail("it must be relative to the repository root");
  PathTemplate result;
  result.text_ = text;
  result.location_ = where;
  for (std::string_view segment_text : Split(text, '/')) {
    if (segment_text.empty()) throw fail("it has an empty path segment");
    if (segment_text == "." || segment_text == "..") throw fail("'.' and '..' segments are not allowed");
    Segment segment;
    std::size_t i = 0;
    while (i < segment_text.size()) {
      if (segment_text[i] == '}') throw fail("'}' without '{'");
      if (segment_text[i] != '{') {
        const std::size_t next = segment_text.find_first_of("{}", i);
        const std::size_t end = next == std::string_view::npos ? segment_text.size() : next;
        segment.push_back({false, std::string(segment_text.substr(i, end - i))});
        i = end;
        continue;
      }
      const std::size_t close = segment_text.find('}', i);
      if (close == std::string_view::npos) throw fail("'{' without '}' (placeholders cannot span '/')");
      const std::string name(segment_text.substr(i + 1, close - i - 1));
      if (name.empty() || !std::all_of(name.begin(), name.end(), IsNameChar)) {
        throw fail("placeholder names are letters, digits, '_' and '-'");
      }
      if (!segment.empty() && segment.back().placeholder) {
        throw fail("two placeholders side by side cannot be told apart");
      }
      segment.push_back({true, name});
      if (std::find(result.names_.begin(), result.names_.end(), name) == result.names_.end()) {
        result.names_.push_back(name);
      }
      i = close + 1;
    }
    result.segments_.push_back(std::move(segment));
  }
  return result;
}

bool PathTemplate::Has(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

std::string PathTemplate::DirectoryPrefix(const Bindings& bound) const {
  std::string prefix;
  // The last segment is the file name, never a directory.
  for (std::size_t s = 0; s + 1 < segments_.size(); ++s) {
    std::string segment;
    for (const Part& part : segments_[s]) {
      if (!part.placeholder) {
        segment += part.text;
        continue;
      }
      auto it = bound.find(part.text);
      if (it == bound.end()) return prefix;
      segment += it->second;
    }
    if (!prefix.empty()) prefix += '/';
    prefix += segment;
  }
  return prefix;
}

// Several placeholders in one segment make matching backtrack; a budget keeps a
// template like {a}-{b}-{c}-{d} against a long name from running for hours.
constexpr std::size_t kMatchBudget = 1'000'000;

bool PathTemplate::MatchParts(const Segment& parts, std::size_t part, std::string_view rest,
                              Bindings& values, std::size_t& budget) const {
  if (budget-- == 0) {
    throw InputError(location_, "path template '" + text_ + "' is too ambiguous to match",
                     "separate placeholders with more literal text, or use fewer in one segment");
  }
  if (part == parts.size()) return rest.empty();
  const Part& p = parts[part];
  if (!p.placeholder) {
    if (!rest.starts_with(p.text)) return false;
    return MatchParts(parts, part + 1, rest.substr(p.text.size()), values, budget);
  }
  if (auto it = values.find(p.text); it != values.end()) {
    if (!rest.starts_with(it->second)) return false;
    return MatchParts(parts, part + 1, rest.substr(it->second.size()), values, budget);
  }
  // Shortest value first, so matches are deterministic; values are never empty.
  for (std::size_t len = 1; len <= rest.size(); ++len) {
    values[p.text] = std::string(rest.substr(0, len));
    if (MatchParts(parts, part + 1, rest.substr(len), values, budget)) return true;
  }
  values.erase(p.text);
  return false;
}

std::optional<Bindings> PathTemplate::Match(std::string_view path, const Bindings& bound) const {
  const auto pieces = Split(path, '/');
  if (pieces.size() != segments_.size()) return std::nullopt;
  Bindings values = bound;
  std::size_t budget = kMatchBudget;
  for (std::size_t s = 0; s < segments_.size(); ++s) {
    if (!MatchParts(segments_[s], 0, pieces[s], values, budget)) return std::nullopt;
  }
  return values;
}

std::string PathTemplate::Expand(const Bindings& values) const {
  std::string out;
  for (std::size_t s = 0; s < segments_.size(); ++s) {
    if (s > 0) out += '/';
    for (const Part& part : segments_[s]) {
      if (!part.placeholder) {
        out += part.text;
      } else if (auto it = values.find(part.text); it != values.end()) {
        out += it->second;
      } else {
        out += '{' + part.text + '}';
      }
    }
  }
  return out;
}

}  // namespace driftcheck
