#include "path/path.h"

#include <algorithm>
#include <cctype>

#include "core/secrets.h"

namespace driftcheck {
namespace {

bool IsBareKeyChar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  // Dots, brackets, quotes, '*' (a glob in rule paths) and '=' (list matchers) need quotes.
  return c == '_' || c == '-' || c == '/' || c == '@' || c == '$' || c == ':' || c == '+';
}

}  // namespace

Path Path::Key(std::string key, bool hidden) const {
  Path child = *this;
  child.segments_.push_back({PathSegment::Kind::kKey, std::move(key), 0, {}, hidden});
  return child;
}

Path Path::Index(std::size_t index) const {
  Path child = *this;
  child.segments_.push_back({PathSegment::Kind::kIndex, {}, index, {}});
  return child;
}

Path Path::Match(std::string field, std::string value) const {
  Path child = *this;
  child.segments_.push_back({PathSegment::Kind::kMatch, std::move(field), 0, std::move(value)});
  return child;
}

std::string FormatPathKey(std::string_view key) {
  if (!key.empty() && std::all_of(key.begin(), key.end(), IsBareKeyChar)) return std::string(key);
  std::string out = "\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::string Path::ToString() const {
  std::string out;
  for (const auto& segment : segments_) {
    if (segment.kind == PathSegment::Kind::kIndex) {
      out += '[' + std::to_string(segment.index) + ']';
      continue;
    }
    if (segment.kind == PathSegment::Kind::kMatch && segment.key.empty()) {
      out += '[' + segment.match + ']';  // a fingerprint: `users[<redacted:3fa9c0d2>]`
      continue;
    }
    if (segment.kind == PathSegment::Kind::kMatch) {
      out += '[' + FormatPathKey(segment.key) + '=' + FormatPathKey(segment.match) + ']';
      continue;
    }
    if (!out.empty()) out += '.';
    // A key no report may print (an alias's text, a key below a secret).
    out += FormatPathKey(segment.hidden ? SecretFingerprint(segment.key) : segment.key);
  }
  return out;
}

}  // namespace driftcheck
