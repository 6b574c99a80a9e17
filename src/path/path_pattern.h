#pragma once
// A path with wildcards, as allow rules' `path:` and a source's `normalize:`
// write it:
//   database.pool_size        a key path, as reports print it
//   hosts[3]                  a list item by index
//   routes[name=health].tls   a list item by its key field (the value may glob)
//   env.SENTRY_*              a glob inside a key (`*`, `?`)
//   {web,api}.replicas        `{a,b}`: any one of the alternatives (globs too)
//   annotations."a.b/c"       a quoted key: dots and globs in it are literal
//   servers.*.port            `*` alone: exactly one segment (key or item)
//   hosts[*]                  any one list item
//   logging.**                `**`: any number of segments, none included
//   ""                        the whole file or document (file-missing)
// Finding paths use the same grammar without wildcards, so one parser reads both.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/location.h"
#include "path/path.h"

namespace driftcheck {

struct PatternSegment {
  enum class Kind {
    kKey,       ///< `key` (a glob unless quoted)
    kIndex,     ///< `[3]`
    kMatch,     ///< `[field=value]` (value a glob unless quoted)
    kAnyOne,    ///< `*`
    kAnyItem,   ///< `[*]`
    kAnyDepth,  ///< `**`
  };
  Kind kind = Kind::kKey;
  std::string key;        ///< kKey: the key or glob; kMatch: the field
  std::string value;      ///< kMatch: the value or glob
  std::size_t index = 0;  ///< kIndex
  bool literal = false;   ///< quoted: `*` and `?` are plain characters
  /// kKey and kMatch: the globs `{a,b}` alternation expands to (the key, or
  /// the value, alone when it has no braces).
  std::vector<std::string> alternatives;
};

class PathPattern {
 public:
  /// Parses a rule's path. Throws PathSyntaxError on malformed text.
  static PathPattern Parse(std::string_view text);
  /// Parses a pattern read from driftcheck's own files; malformed text is an
  /// InputError at `where`.
  static PathPattern Parse(std::string_view text, const Location& where);

  const std::string& text() const { return text_; }
  /// Whether the whole of `path` matches.
  bool Matches(const std::vector<PathSegment>& path) const;
  bool Matches(const Path& path) const { return Matches(path.segments()); }

 private:
  std::string text_;
  std::vector<PatternSegment> segments_;
};

/// A malformed path: what is wrong and at which byte of the text.
struct PathSyntaxError {
  std::string message;
  std::size_t offset = 0;
};

/// Expands `{a,b}` alternation in one segment's text: `{web,api}-*` gives
/// `web-*` and `api-*`. Throws PathSyntaxError (offset within `text`) on an
/// unbalanced or nested brace, or more than 64 alternatives.
std::vector<std::string> ExpandAlternatives(std::string_view text);

/// Reads a path as reports print it (`routes[name=health].timeout`), or
/// nullopt when it is not one (it holds a wildcard or is malformed).
std::optional<std::vector<PathSegment>> ParseFindingPath(std::string_view text);

}  // namespace driftcheck
